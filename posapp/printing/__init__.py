"""Printed tickets: a small ticket model, layouts, ESC/POS and PDF back ends, and a durable print queue."""
