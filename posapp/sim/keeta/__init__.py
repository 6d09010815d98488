"""Simulated Keeta Standard Open API."""
