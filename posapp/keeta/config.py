"""Settings of one Keeta client: where to call, with which credentials, how patiently."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_BASE_URL = "https://open.mykeeta.com/api/open"


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter for retryable failures (server, transport, protocol).

    Keeta publishes no rate limits or retry guidance; these defaults keep a cashier's click answered
    within a few seconds while riding out a brief outage.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.25

    def delay(self, retry: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        base = min(self.max_delay, self.initial_delay * 2 ** (retry - 1))
        # Jitter spreads retries of many tills so they do not hit Keeta in lockstep.
        return max(0.0, base * (1 - self.jitter * rand()))


NO_RETRY = RetryPolicy(max_retries=0)


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
    retry: RetryPolicy = field(default_factory=RetryPolicy)

    def url(self, path: str) -> str:
        """The full endpoint URL, exactly as it goes into the signature."""
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
