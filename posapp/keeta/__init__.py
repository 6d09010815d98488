"""Keeta Standard Open API: signing, client, webhook parsing, codes."""
