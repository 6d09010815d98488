"""Booking Zeek couriers from the counter: quote, book through the outbox, cancel, track, automate.

``setup.build_delivery_engine`` wires the pieces for the composition root; nothing here imports Qt.
"""
