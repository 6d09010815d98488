"""A logging filter that masks secrets before any handler writes a record.

Two nets: the exact values the app knows (keyring secrets, tokens) and the shapes secrets travel in
(``Authorization: Bearer …``, ``token=…``, ``"secret": "…"``), so a value read after start-up or a
library's debug line still comes out masked.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

MASK = "***"
# Shorter values would mask ordinary words (an app id, "1"); real secrets and tokens are longer.
MIN_SECRET_LENGTH = 6

_SHAPES = [
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?bearer\s+)([^\s\"',;]+)"),
    re.compile(r"(?i)(bearer\s+)([A-Za-z0-9._~+/=-]{8,})"),
    re.compile(
        r"(?i)([\"']?(?:secret|app_?secret|access_?token|refresh_?token|token|password|sign)[\"']?"
        r"\s*[:=]\s*[\"']?)([^\s\"'&,;}]+)"
    ),
]


class RedactingFilter(logging.Filter):
    """Attach to handlers (not loggers): handler filters also see records propagated from child loggers."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *values: str | None) -> None:
        with self._lock:
            self._secrets.update(v for v in values if v and len(v) >= MIN_SECRET_LENGTH)

    def redact(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)  # longest first: no partial leftovers
        for secret in secrets:
            text = text.replace(secret, MASK)
        for shape in _SHAPES:
            text = shape.sub(lambda m: m.group(1) + MASK, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = self.redact(record.getMessage())
        record.msg, record.args = message, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def installed_filter() -> RedactingFilter | None:
    """The filter :func:`posapp.logs.configure` put on the root handlers, if logging is configured."""
    for handler in logging.getLogger().handlers:
        for candidate in handler.filters:
            if isinstance(candidate, RedactingFilter):
                return candidate
    return None


def mask_secrets(*values: str | None) -> None:
    """Tell the configured log filter about secret values (no-op before logging is configured)."""
    found = installed_filter()
    if found is not None:
        found.add(*values)
