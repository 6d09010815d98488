"""posapp: a point-of-sale companion for Hong Kong restaurant counters."""

__version__ = "0.1.0"
