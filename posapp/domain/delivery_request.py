"""A courier booking as the cashier asks for it, and the checks it must pass before it is sent.

Each problem is a sentence a cashier can act on. The limits that depend on the platform and region
(schedule window, default country code, local phone length) arrive as :class:`RequestRules`, built in
``zeek/codes.py``, so this module stays free of platform facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from posapp.domain.money import Money

CLIENT_ORDER_ID_MAX = 128
NAME_MAX = 64
PHONE_MAX = 32
ADDRESS_MAX = 255
REMARK_MAX = 1024
CANCEL_REASON_MAX = 255

_DIGITS = re.compile(r"[0-9]+")  # ASCII only: \d would also pass full-width digits
_COORD = re.compile(r"^-?[0-9]{1,3}(\.[0-9]+)?$")


class DeliveryValidationError(ValueError):
    """The request breaks one or more rules; ``problems`` lists every one, in field order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class RequestRules:
    default_country_code: str
    min_schedule_lead_s: int
    max_schedule_ahead_s: int
    local_phone_digits: int | None = None  # e.g. 8 in Hong Kong; None skips the length check


@dataclass(frozen=True)
class DeliveryRequest:
    """What is needed to book a courier. ``scheduled_at`` (epoch s) asks for delivery at that time."""

    client_order_id: str
    customer_name: str
    phone: str
    address: str
    location: str
    total: Money
    order_time: int
    pickup_code: str = ""
    country_code: str = ""
    remark: str = ""
    merchant_remark: str = ""
    scheduled_at: int | None = None
    cod_type: int = 2  # paid online through Keeta: the partner collects nothing
    keeta_order_view_id: int | None = None

    @property
    def effective_pickup_code(self) -> str:
        """What the partner will show at the counter: the code given, else Zeek's last 4 digits."""
        return self.pickup_code or self.client_order_id[-4:]


def parse_location(text: str) -> tuple[float, float]:
    """``"lat,lng"`` → (lat, lng); raises ValueError with the reason."""
    parts = text.split(",")
    if len(parts) != 2 or not all(_COORD.match(p) for p in parts):
        raise ValueError(f'location must be "lat,lng" in decimal degrees without spaces, got {text!r}')
    lat, lng = float(parts[0]), float(parts[1])
    if not -90 <= lat <= 90:
        raise ValueError(f"latitude {lat} is outside -90..90 (is the order lng,lat?)")
    if not -180 <= lng <= 180:
        raise ValueError(f"longitude {lng} is outside -180..180")
    if lat == 0 and lng == 0:
        raise ValueError("location 0,0 means the address was not located")
    return lat, lng


def location_problems(text: str) -> list[str]:
    try:
        parse_location(text)
    except ValueError as exc:
        return [str(exc)]
    return []


def pickup_code_problems(pickup_code: str, client_order_id: str) -> list[str]:
    if not client_order_id:
        return ["client order id is missing"]
    if len(client_order_id) > CLIENT_ORDER_ID_MAX:
        return [f"client order id is longer than {CLIENT_ORDER_ID_MAX} characters"]
    if pickup_code:
        if len(pickup_code) != 4 or not _DIGITS.fullmatch(pickup_code):
            return [f"pickup code must be exactly 4 digits, got {pickup_code!r}"]
        return []
    if not _DIGITS.fullmatch(client_order_id) or len(client_order_id) < 4:
        return [
            "without a pickup code the client order id must be a number of at least 4 digits "
            f"(Zeek uses its last 4), got {client_order_id!r}"
        ]
    return []


def phone_problems(phone: str, country_code: str, rules: RequestRules) -> list[str]:
    problems: list[str] = []
    if not phone:
        problems.append("customer phone is missing")
    elif phone.startswith(("+", "00")):
        problems.append(f"phone {phone!r} must not include the country code; put it in the country code")
    elif not _DIGITS.fullmatch(phone):
        problems.append(f"phone {phone!r} must contain digits only")
    elif len(phone) > PHONE_MAX:
        problems.append(f"phone is longer than {PHONE_MAX} digits")
    elif rules.local_phone_digits and len(phone) != rules.local_phone_digits:
        code = country_code or rules.default_country_code
        hint = " without the country code" if phone.startswith(code) else ""
        problems.append(f"phone {phone!r} must have {rules.local_phone_digits} digits{hint}")
    if country_code and (not _DIGITS.fullmatch(country_code) or len(country_code) > 5):
        problems.append(f"country code must be 1-5 digits without '+', got {country_code!r}")
    return problems


def schedule_problems(scheduled_at: int | None, now: int, rules: RequestRules) -> list[str]:
    if scheduled_at is None:
        return []
    lead = scheduled_at - now
    if lead <= rules.min_schedule_lead_s:
        return [f"scheduled time must be more than {rules.min_schedule_lead_s // 60} minutes from now"]
    if lead > rules.max_schedule_ahead_s:
        return [f"scheduled time must be within {rules.max_schedule_ahead_s // 86400} days from now"]
    return []


def text_problems(request: DeliveryRequest) -> list[str]:
    problems: list[str] = []
    if not request.customer_name.strip():
        problems.append("customer name is missing")
    elif len(request.customer_name) > NAME_MAX:
        problems.append(f"customer name is longer than {NAME_MAX} characters")
    if not request.address.strip():
        problems.append("delivery address is missing")
    elif len(request.address) > ADDRESS_MAX:
        problems.append(f"delivery address is longer than {ADDRESS_MAX} characters")
    if len(request.remark) > REMARK_MAX:
        problems.append(f"remark for the courier is longer than {REMARK_MAX} characters")
    if len(request.merchant_remark) > REMARK_MAX:
        problems.append(f"merchant remark is longer than {REMARK_MAX} characters")
    return problems


def request_problems(request: DeliveryRequest, now: int, rules: RequestRules) -> list[str]:
    """Every rule the request breaks, or an empty list."""
    problems = pickup_code_problems(request.pickup_code, request.client_order_id)
    problems += text_problems(request)
    problems += phone_problems(request.phone, request.country_code, rules)
    problems += location_problems(request.location)
    if request.total.cents < 0:
        problems.append("order total must not be negative")
    if request.cod_type not in (0, 1, 2, 3):
        problems.append(f"payment type must be 0, 1, 2 or 3, got {request.cod_type}")
    problems += schedule_problems(request.scheduled_at, now, rules)
    return problems


def validate_request(request: DeliveryRequest, now: int, rules: RequestRules) -> None:
    problems = request_problems(request, now, rules)
    if problems:
        raise DeliveryValidationError(problems)


def cancel_problems(reason: str, user_code: str) -> list[str]:
    problems: list[str] = []
    if len(reason) > CANCEL_REASON_MAX:
        problems.append(f"cancel reason is longer than {CANCEL_REASON_MAX} characters")
    if len(user_code) != 4 or not _DIGITS.fullmatch(user_code):
        problems.append(f"staff number must be exactly 4 digits, got {user_code!r}")
    return problems
