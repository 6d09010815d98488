"""Every way a Keeta call can fail, mapped once from ``{code, message}`` or the transport."""

from __future__ import annotations

from posapp.domain.retry import Outcome
from posapp.keeta import codes

# Codes inside the business range that integrators have seen mean a token problem.
_TOKEN_CODES_IN_BUSINESS_RANGE = {115000200, 115000203, 115000260}


class KeetaError(Exception):
    """Base of every Keeta failure. ``retryable`` says whether the same call may simply be sent again."""

    retryable = False
    # What a write that failed this way may have done at Keeta (the outbox decides on it).
    outcome = Outcome.REFUSED

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        endpoint: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.endpoint = endpoint
        self.retry_after = retry_after

    def __str__(self) -> str:
        where = f" on {self.endpoint}" if self.endpoint else ""
        code = f" (Keeta code {self.code})" if self.code is not None else ""
        return f"{self.message}{code}{where}"


class KeetaAuthError(KeetaError):
    """Signature, appId or token rejected: needs settings fixed, retrying will not help."""


class KeetaBusinessError(KeetaError):
    """The request is wrong for the order's state or its parameters; not retryable."""


class KeetaServerError(KeetaError):
    """Keeta's side failed (3150001xx or HTTP 5xx); safe to retry with a fresh signature."""

    retryable = True
    outcome = Outcome.NOT_DONE


class KeetaTransportError(KeetaError):
    """Timeout or connection failure: the call may or may not have reached Keeta."""

    retryable = True

    def __init__(self, message: str, *, endpoint: str = "", sent: bool = True) -> None:
        super().__init__(message, endpoint=endpoint)
        # A connection that never opened carried nothing; after that, Keeta may have acted.
        self.outcome = Outcome.UNKNOWN if sent else Outcome.NOT_SENT


class KeetaProtocolError(KeetaError):
    """An answer that is not Keeta's envelope (HTML error page, truncated JSON …)."""

    retryable = True
    outcome = Outcome.UNKNOWN


def error_for_code(code: int, message: str, endpoint: str = "") -> KeetaError:
    """The typed error for a non-zero ``code``."""
    if code in codes.AUTH_RANGE or code in _TOKEN_CODES_IN_BUSINESS_RANGE:
        return KeetaAuthError(message, code=code, endpoint=endpoint)
    if code in codes.BUSINESS_RANGE:
        return KeetaBusinessError(message, code=code, endpoint=endpoint)
    if code in codes.SERVER_RANGE or code == codes.SELF_DELIVERY_SYSTEM_ERROR:
        return KeetaServerError(message, code=code, endpoint=endpoint)
    # An unknown code is not assumed safe to repeat: Keeta may have acted on it.
    return KeetaBusinessError(message, code=code, endpoint=endpoint)


class KeetaHttpStatusError(KeetaError):
    """An unexpected HTTP 4xx (wrong base URL, a proxy in the way): retrying the same call will not help."""


class MissingReasonError(ValueError):
    """A call that needs a written reason (code "other") was asked for without one; nothing was sent."""
