"""Day-long operation on the counter PC: one instance, start at login, screen awake, backups, log hygiene.

Everything here is Qt-free except :mod:`posapp.runtime.single_instance`, which needs QtNetwork's local
sockets to reach the running window (the brief places it here; it imports no widgets).
"""
