"""Demo mode: the platform simulator and a relay in-process, wired like a real shop, plus a lunch rush."""
