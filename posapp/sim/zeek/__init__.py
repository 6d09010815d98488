"""Simulated Zeek delivery API."""
