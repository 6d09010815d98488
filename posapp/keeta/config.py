"""Settings of one Keeta client: where to call, with which credentials, how patiently."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.domain.retry import NO_RETRY, RetryPolicy

__all__ = ["NO_RETRY", "READ_RETRY", "KeetaConfig", "RetryPolicy"]

DEFAULT_BASE_URL = "https://open.mykeeta.com/api/open"


# Reads and token refreshes only (writes are sent once; the outbox decides about them). Keeta
# publishes no rate limits or retry guidance; these keep a screen's refresh answered within seconds.
READ_RETRY = RetryPolicy(first_delay=0.5, max_delay=8.0, max_attempts=3)


@dataclass(frozen=True)
class KeetaConfig:
    """One Keeta application acting for one store. ``repr`` never shows the secret or the token."""

    app_id: int
    secret: str = field(repr=False)
    access_token: str = field(repr=False)
    shop_id: int
    base_url: str = DEFAULT_BASE_URL
    timeout: float = 10.0
    connect_timeout: float = 5.0
    retry: RetryPolicy = READ_RETRY

    def url(self, path: str) -> str:
        """The full endpoint URL, exactly as it goes into the signature."""
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
