"""Printing on the screens: printer settings, the order's print state, reprint, printer-down alert."""
