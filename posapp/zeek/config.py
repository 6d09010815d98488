"""Where and as whom the app talks to Zeek. Secrets come from the keyring, never from files."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.domain.retry import RetryPolicy
from posapp.zeek import codes

# Reads only (estimates, info, positions): create and cancel are sent once and left to the outbox.
READ_RETRY = RetryPolicy(first_delay=0.5, max_delay=8.0, max_attempts=4)

# zeek.md §1: Hong Kong is zone AP1. The zh-HK docs spell the sandbox host differently, hence configurable.
HK_PRODUCTION_URL = "https://ap1-open-api.zeek.one/v1.3"
HK_SANDBOX_URL = "https://sandbox-ap1-open-api.zeek.one/v1.3"


@dataclass(frozen=True)
class ZeekConfig:
    appid: int
    secret: str = ""
    client_merchant_id: str = ""
    base_url: str = HK_SANDBOX_URL
    lang: str = "zh-HK"
    region: str = "HK"
    timeout_s: float = 10.0
    retry: RetryPolicy = field(default=READ_RETRY)
    signer: str = ""  # empty: the active signer in zeek/signing.py

    def __post_init__(self) -> None:
        if self.region not in codes.REGIONS:
            raise ValueError(f"region must be one of {', '.join(codes.REGIONS)}, got {self.region!r}")
        if self.lang not in codes.LANGS:
            raise ValueError(f"lang must be one of {', '.join(codes.LANGS)}, got {self.lang!r}")
        if self.retry.max_attempts < 1:
            raise ValueError("retry.max_attempts must be at least 1")

    def url(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"

    @property
    def utc_offset_hours(self) -> int:
        return codes.UTC_OFFSET_HOURS.get(self.region, 0)

    @property
    def default_country_code(self) -> str:
        return codes.COUNTRY_CODE.get(self.region, "")
