"""Acknowledged events are pruned by age in batches: an index on the receive time finds a batch
without scanning every retained event (a busy relay keeps millions)."""

VERSION = 2

SQLITE = """
CREATE INDEX IF NOT EXISTS events_received_at ON events (received_at);
"""

POSTGRES = """
CREATE INDEX IF NOT EXISTS relay_events_received_at ON relay_events (received_at);
"""
