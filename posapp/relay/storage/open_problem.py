"""Why the relay's database could not be opened, in words an operator can act on (one line).

The admin commands and ``posapp relay`` itself open the database before doing anything else; a wrong
password or a stopped PostgreSQL must read as that, not as an asyncpg traceback.
"""

from __future__ import annotations

import contextlib
import socket
import sqlite3
from urllib.parse import urlsplit

from posapp.cli_args import masked_url
from posapp.relay.storage import storage_for_url

# asyncpg's exception classes by name, so the SQLite path never imports asyncpg.
_PG_WORDS = {
    "InvalidPasswordError": "refused the user name or password; check the user and password in --db",
    "InvalidAuthorizationSpecificationError": "refused the user name or password; check --db",
    "InvalidCatalogNameError": "has no such database; create it first (createdb) or fix the name in --db",
    "InsufficientPrivilegeError": "refused: this user may not create the relay's tables; grant it that",
    "CannotConnectNowError": "is starting up or shutting down; try again in a moment",
    "TooManyConnectionsError": "has too many connections open; try again or raise max_connections",
}


async def check_database(url: str) -> None:
    """Open and close the database (running its migrations); raise with :func:`database_problem`."""
    storage = storage_for_url(url)
    try:
        await storage.open()
    finally:
        with contextlib.suppress(Exception):  # a half-opened storage: the first failure is the one to report
            await storage.close()


def database_problem(url: str, exc: BaseException) -> str:
    where = _where(url)
    name = type(exc).__name__
    if name in _PG_WORDS:
        return f"PostgreSQL at {where} {_PG_WORDS[name]}"
    if isinstance(exc, ConnectionRefusedError):
        return f"the database at {where} refused the connection; is PostgreSQL running and is --db right?"
    if isinstance(exc, socket.gaierror):
        return f"the database host in {masked_url(url)} was not found; check --db"
    if isinstance(exc, TimeoutError):
        return f"the database at {where} did not answer in time; is it running and reachable from here?"
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
        return f"{where} is not a SQLite database; point --db at the relay's database file"
    if isinstance(exc, sqlite3.OperationalError):
        return f"cannot open the SQLite database {where} ({exc}); check the file and its folder"
    if isinstance(exc, OSError):
        return f"cannot reach the database at {where} ({exc.strerror or exc}); check --db"
    return f"cannot open the database {masked_url(url)} ({name}: {exc}); check --db"


def _where(url: str) -> str:
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
