"""The platform simulator: fake Keeta and Zeek servers that follow the platforms' documented contract."""
