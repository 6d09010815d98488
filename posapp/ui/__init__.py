"""The cashier screens (PySide6). Only this package, ``app.py``, ``session.py`` and ``__main__`` import Qt."""
