"""Which httpx failures can have carried a request to the platform: shared by the Keeta and Zeek clients."""

from __future__ import annotations

import httpx

from posapp.domain.retry import Outcome

# Failures before a byte of the request left: nothing reached the platform.
_BEFORE_SENDING = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def transport_outcome(error: httpx.TransportError) -> Outcome:
    """NOT_SENT when the connection never carried the request; UNKNOWN once it may have."""
    return Outcome.NOT_SENT if isinstance(error, _BEFORE_SENDING) else Outcome.UNKNOWN
