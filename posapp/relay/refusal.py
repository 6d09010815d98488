"""The one place the relay says no: every refusal is a 4xx with a reason and one log line.

Anything a client sends — huge numbers, NaN, lone surrogates, deep nesting, odd query values — ends
here as a :class:`Refused`, never as a 500 with a traceback (a traceback per hostile request is a
kilobyte of log an attacker can make us write). The answer's JSON shape is the caller's (Keeta,
Zeek, the app's stream and the gateway each read their own keys); the status and the log are common.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from posapp.relay.request_log import note, writes_this_request

log = logging.getLogger(__name__)

# Numbers the relay takes from a client (cursors, ids, seconds) fit a signed 64-bit column.
MAX_INT64 = 2**63 - 1


class Refused(Exception):
    """A request that gets a 4xx and changes nothing."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = headers


# Refused, plus what input can raise from parsing, number conversion and text encoding (ValueError
# covers UnicodeError and JSONDecodeError): a handler wrapped with refusing() answers them 4xx — they
# mean "this request cannot be read", not a bug the operator needs a traceback for.
REFUSABLE: tuple[type[Exception], ...] = (Refused, ValueError, OverflowError, RecursionError, TypeError)

Shape = Callable[[int, str], dict[str, Any]]
Handler = Callable[[Request], Awaitable[Response]]


def reason_word(status: int, reason: str) -> str:
    """A refusal as a short fixed word, for the metrics and the request log."""
    if status == 401:
        return "stale" if reason.startswith("timestamp outside") else "unauthenticated"
    if status == 404:
        return "unknown_store" if reason.startswith("unknown store") else "not_configured"
    return {403: "forbidden", 413: "too_large", 503: "busy"}.get(status, "malformed")


def log_refusal(what: str, status: int, reason: str) -> None:
    """One line, no traceback; the reason is clipped so a huge field cannot grow the log.

    When the request log writes a line for this request, the refusal goes into that line instead
    of a second one.
    """
    note(outcome="refused", reason=reason_word(status, reason), detail=clip(reason))
    if not writes_this_request():
        log.warning("refused %s: %d %s", what, status, clip(reason))


def clip(text: str, limit: int = 160) -> str:
    text = text.encode("ascii", "backslashreplace").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_refusal(exc: BaseException) -> Refused:
    """A Refused as is; an input error as 400 naming only its kind (its text may echo the input)."""
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, RecursionError):
        return Refused(400, "JSON nested too deeply")
    if isinstance(exc, UnicodeError):
        return Refused(400, "text is not valid UTF-8")
    return Refused(400, f"unreadable input ({type(exc).__name__})")


def refusing(shape: Shape) -> Callable[[Handler], Handler]:
    """Wrap a route so Refused and input errors answer 4xx in ``shape`` with one log line."""

    def wrap(handler: Handler) -> Handler:
        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except REFUSABLE as exc:
                refused = as_refusal(exc)
                log_refusal(f"{request.method} {request.url.path}", refused.status, refused.reason)
                return JSONResponse(
                    shape(refused.status, refused.reason), status_code=refused.status, headers=refused.headers
                )

        guarded.__name__ = getattr(handler, "__name__", "guarded")
        guarded.__doc__ = handler.__doc__
        return guarded

    return wrap


def json_object(body: bytes | str, what: str = "body") -> dict[str, Any]:
    """``body`` as a JSON object; deep nesting, bad UTF-8 and non-objects are 400."""
    try:
        value = json.loads(body)
    except RecursionError as exc:
        raise Refused(400, f"{what} nested too deeply") from exc
    except (UnicodeError, ValueError) as exc:
        raise Refused(400, f"{what} is not JSON") from exc
    if not isinstance(value, dict):
        raise Refused(400, f"{what} is not a JSON object")
    return value


def whole_number(value: Any, low: int = 0, high: int = MAX_INT64) -> int | None:
    """An integer in ``[low, high]`` from a JSON int, an integral finite float or a digit string;
    None for anything else (bools, NaN, inf, 1e309, fractions, signs, spaces, non-ASCII digits)."""
    number: int
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        number = int(value)
    elif isinstance(value, str):
        if not (0 < len(value) <= 20 and value.isascii() and value.isdigit()):
            return None
        number = int(value)
    else:
        return None
    return number if low <= number <= high else None


def query_number(request: Request, name: str, low: int = 0, high: int = MAX_INT64) -> int | None:
    """An optional whole-number query value; present but out of range or not a number is 400."""
    text = request.query_params.get(name)
    if text is None:
        return None
    number = whole_number(text.strip(), low, high)
    if number is None:
        raise Refused(400, f"{name} must be a whole number from {low} to {high}")
    return number


def query_seconds(request: Request, name: str, high: float) -> float | None:
    """An optional finite number of seconds ≥ 0, capped at ``high``; NaN, inf, negatives are 400."""
    text = request.query_params.get(name)
    if text is None:
        return None
    try:
        seconds = float(text) if len(text) <= 32 else math.nan
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise Refused(400, f"{name} must be a number of seconds >= 0")
    return min(seconds, high)
