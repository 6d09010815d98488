"""Day-long operation on the counter PC: start at login, screen awake, backups, log hygiene.

Qt-free, like the other non-screen packages; the single-instance guard needs QtNetwork's local
sockets and so lives with the screens in :mod:`posapp.ui.single_instance`.
"""
