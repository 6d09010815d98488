"""Zeek Open API (takeaway v1.3): signing, wire formats (callbacks included) and the client."""
