"""The one TLS context of the app's HTTP clients (Keeta, Zeek, the relay).

Each ``httpx.AsyncClient`` built without one loads the CA bundle itself: three loads at start, each
tens of milliseconds on the Qt thread (more on a busy counter PC). One context, loaded once, serves them
all; clients with a test transport never need it.
"""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's own default (certifi's bundle, SSL_CERT_FILE/SSL_CERT_DIR honoured), made once."""
    return httpx.create_ssl_context()


def client_tls(transport: object | None) -> ssl.SSLContext | bool:
    """What a client's ``verify`` gets: the shared context, or nothing to load with its own transport."""
    return True if transport is not None else tls_context()
