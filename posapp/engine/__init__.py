"""Application services: order engine, outbox, sync, delivery booking. No Qt widgets here."""
