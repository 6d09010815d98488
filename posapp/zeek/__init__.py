"""Zeek Open API (takeaway v1.3): signing, wire formats, client and callbacks."""
