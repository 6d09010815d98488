"""Secrets never reach a log handler: known values and the shapes secrets travel in are masked."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from posapp import logs
from posapp.runtime.redaction import MASK, RedactingFilter, mask_secrets

SECRET = "sim-keeta-secret-123"


def _record(message: str, *args: object, exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    return logging.LogRecord("t", logging.INFO, __file__, 1, message, args or None, info)


def test_known_values_are_masked_in_message_and_arguments() -> None:
    redactor = RedactingFilter([SECRET])
    record = _record("calling with %s and %r", SECRET, {"key": SECRET})
    redactor.filter(record)
    assert SECRET not in record.getMessage()
    assert record.getMessage().count(MASK) == 2


def test_exception_text_is_masked() -> None:
    redactor = RedactingFilter([SECRET])
    try:
        raise ValueError(f"bad secret {SECRET}")
    except ValueError as exc:
        record = _record("failed", exc=exc)
    redactor.filter(record)
    assert record.exc_text is not None and "ValueError" in record.exc_text
    assert SECRET not in record.exc_text


@pytest.mark.parametrize(
    "line",
    [
        "GET /v1/stream Authorization: Bearer abcdefghijklmnop",
        "url https://x/api?appId=1&access_token=tok-987654321&sign=deadbeefcafe",
        'payload {"secret": "s3cr3t-value", "shopId": 1}',
        "password=hunter22",
    ],
)
def test_secret_shapes_are_masked_even_when_the_value_was_never_registered(line: str) -> None:
    redacted = RedactingFilter().redact(line)
    for value in ("abcdefghijklmnop", "tok-987654321", "deadbeefcafe", "s3cr3t-value", "hunter22"):
        assert value not in redacted


def test_ordinary_words_and_short_values_are_left_alone() -> None:
    redactor = RedactingFilter(["1", "ab"])
    text = "order 1 accepted; keeta webhook signature matched recipe 'url?params+secret'"
    assert redactor.redact(text) == text


def test_configured_logging_masks_secrets_registered_later(tmp_path: Path) -> None:
    try:
        logs.configure(tmp_path)
        mask_secrets(SECRET, None, "")
        logging.getLogger("posapp.test").warning("token refresh with %s", SECRET)
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8")
    finally:
        logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    assert "token refresh with ***" in content
    assert SECRET not in content
