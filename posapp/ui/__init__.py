"""The cashier screens (PySide6). Only this package, ``posapp/app.py`` and ``__main__`` import Qt."""
