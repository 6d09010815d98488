"""The delivery tab: quote, book, cancel and track Zeek couriers on a live map."""
