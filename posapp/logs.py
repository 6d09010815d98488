"""Logging set-up: a rotating file in the user log folder plus the console, with secrets masked.

Every handler carries one :class:`~posapp.runtime.redaction.RedactingFilter`; the composition root
tells it the secret values it reads (``mask_secrets``), and known secret shapes are masked regardless.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from posapp.runtime.redaction import RedactingFilter, mask_secrets

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
LOG_FILE = "posapp.log"

__all__ = ["FORMAT", "LOG_FILE", "close_files", "configure", "mask_secrets"]


def configure(log_dir: Path | None, verbose: bool = False) -> RedactingFilter:
    level = logging.DEBUG if verbose else logging.INFO
    # A windowed frozen build on Windows has no stderr at all.
    handlers: list[logging.Handler] = [logging.StreamHandler()] if sys.stderr is not None else []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_dir / LOG_FILE, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
            )
        )
    redactor = RedactingFilter()
    for handler in handlers:
        handler.addFilter(redactor)
    logging.basicConfig(level=level, format=FORMAT, handlers=handlers, force=True)
    # httpx logs every request URL at INFO; keep the console readable for the cashier's PC.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return redactor


def close_files() -> None:
    """Stops logging to files (the console stays), so their folder can be deleted."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()
