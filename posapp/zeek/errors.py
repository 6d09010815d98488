"""Every way a Zeek call can fail, mapped once from ``{"error": N, "err_msg": …}`` or the transport."""

from __future__ import annotations

from typing import Any

from posapp.domain.retry import Outcome
from posapp.zeek import codes


class ZeekError(Exception):
    """Base of every Zeek failure. ``retryable`` says whether the same call may simply be sent again."""

    retryable = False
    # What a write that failed this way may have done at Zeek (the outbox decides on it).
    outcome = Outcome.REFUSED

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        endpoint: str = "",
        data: Any = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.endpoint = endpoint
        self.data = data
        self.retry_after = retry_after
        self.attempts = 1  # how many times the call was sent before this error was final

    def __str__(self) -> str:
        where = f" on {self.endpoint}" if self.endpoint else ""
        code = f" (Zeek error {self.code})" if self.code is not None else ""
        return f"{self.message}{code}{where}"


class ZeekAuthError(ZeekError):
    """Appid, secret, signature, clock or IP allow-list rejected: settings must be fixed."""


class ZeekParameterError(ZeekError):
    """Zeek refused a parameter (the message names it); the request must change."""


class ZeekOrderError(ZeekError):
    """The request is wrong for the merchant or the order (unknown store, outside area, …)."""


class ZeekDuplicateOrder(ZeekOrderError):
    """This client_order_id was already booked; ``existing_order_id`` is Zeek's id for it, if given."""

    @property
    def existing_order_id(self) -> str:
        order_id = self.data.get("order_id") if isinstance(self.data, dict) else None
        return str(order_id) if order_id else ""


class ZeekNotFound(ZeekOrderError):
    """No such order at Zeek."""


class ZeekCancelRefused(ZeekOrderError):
    """The order can no longer be cancelled through the API (e.g. food already picked up)."""


class ZeekRateLimited(ZeekError):
    retryable = True
    outcome = Outcome.NOT_DONE


class ZeekServerError(ZeekError):
    """Zeek's side failed (5000 or HTTP 5xx); safe to send again."""

    retryable = True
    outcome = Outcome.NOT_DONE


class ZeekTransportError(ZeekError):
    """Timeout or connection failure: the call may or may not have reached Zeek."""

    retryable = True

    def __init__(
        self, message: str, *, timed_out: bool = False, endpoint: str = "", outcome: Outcome = Outcome.UNKNOWN
    ) -> None:
        super().__init__(message, endpoint=endpoint)
        self.timed_out = timed_out
        self.outcome = outcome


class ZeekProtocolError(ZeekError):
    """An answer that is not Zeek's envelope (HTML error page, truncated JSON …)."""

    retryable = True
    outcome = Outcome.UNKNOWN


_BY_CODE: dict[int, type[ZeekError]] = {
    codes.DUPLICATE_ORDER: ZeekDuplicateOrder,
    codes.ORDER_NOT_FOUND: ZeekNotFound,
    codes.CANCEL_NOT_ALLOWED: ZeekCancelRefused,
    codes.RATE_LIMITED: ZeekRateLimited,
    codes.INTERNAL_ERROR: ZeekServerError,
}


def error_for_code(code: int, message: str, endpoint: str = "", data: Any = None) -> ZeekError:
    """The typed error for a non-zero ``error``."""
    cls = _BY_CODE.get(code)
    if cls is None:
        if code in codes.AUTH_CODES:
            cls = ZeekAuthError
        elif code in codes.PARAM_CODES:
            cls = ZeekParameterError
        else:
            # Unknown codes (incl. 3xxx) are not assumed safe to repeat: Zeek may have acted on them.
            cls = ZeekOrderError
    return cls(message or f"Zeek error {code}", code=code, endpoint=endpoint, data=data)
