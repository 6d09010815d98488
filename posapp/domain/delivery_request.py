"""A courier booking as the cashier asks for it, and the checks it must pass before it is sent.

Each problem is a sentence a cashier can act on. The limits that depend on the platform and region
(schedule window, default country code, local phone length) arrive as :class:`RequestRules`, built in
``zeek/codes.py``, so this module stays free of platform facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from posapp.domain.message import Message
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
        raise ValueError(
            Message('location must be "lat,lng" in decimal degrees without spaces, got {0}', repr(text))
        )
    lat, lng = float(parts[0]), float(parts[1])
    if not -90 <= lat <= 90:
        raise ValueError(Message("latitude {0} is outside -90..90 (is the order lng,lat?)", lat))
    if not -180 <= lng <= 180:
        raise ValueError(Message("longitude {0} is outside -180..180", lng))
    if lat == 0 and lng == 0:
        raise ValueError("location 0,0 means the address was not located")
    return lat, lng


def location_problems(text: str) -> list[str]:
    try:
        parse_location(text)
    except ValueError as exc:
        return [exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)]
    return []


def pickup_code_problems(pickup_code: str, client_order_id: str) -> list[str]:
    if not client_order_id:
        return ["client order id is missing"]
    if len(client_order_id) > CLIENT_ORDER_ID_MAX:
        return [Message("client order id is longer than {0} characters", CLIENT_ORDER_ID_MAX)]
    if pickup_code:
        if len(pickup_code) != 4 or not _DIGITS.fullmatch(pickup_code):
            return [Message("pickup code must be exactly 4 digits, got {0}", repr(pickup_code))]
        return []
    if not _DIGITS.fullmatch(client_order_id) or len(client_order_id) < 4:
        return [
            Message(
                "without a pickup code the client order id must be a number of at least 4 digits "
                "(Zeek uses its last 4), got {0}",
                repr(client_order_id),
            )
        ]
    return []


def phone_problems(phone: str, country_code: str, rules: RequestRules) -> list[str]:
    problems: list[str] = []
    if not phone:
        problems.append("customer phone is missing")
    elif phone.startswith(("+", "00")):
        problems.append(
            Message("phone {0} must not include the country code; put it in the country code", repr(phone))
        )
    elif not _DIGITS.fullmatch(phone):
        problems.append(Message("phone {0} must contain digits only", repr(phone)))
    elif len(phone) > PHONE_MAX:
        problems.append(Message("phone is longer than {0} digits", PHONE_MAX))
    elif rules.local_phone_digits and len(phone) != rules.local_phone_digits:
        code = country_code or rules.default_country_code
        template = (
            "phone {0} must have {1} digits without the country code"
            if phone.startswith(code)
            else "phone {0} must have {1} digits"
        )
        problems.append(Message(template, repr(phone), rules.local_phone_digits))
    if country_code and (not _DIGITS.fullmatch(country_code) or len(country_code) > 5):
        problems.append(Message("country code must be 1-5 digits without '+', got {0}", repr(country_code)))
    return problems


def schedule_problems(scheduled_at: int | None, now: int, rules: RequestRules) -> list[str]:
    if scheduled_at is None:
        return []
    lead = scheduled_at - now
    if lead <= rules.min_schedule_lead_s:
        return [
            Message("scheduled time must be more than {0} minutes from now", rules.min_schedule_lead_s // 60)
        ]
    if lead > rules.max_schedule_ahead_s:
        return [
            Message("scheduled time must be within {0} days from now", rules.max_schedule_ahead_s // 86400)
        ]
    return []


def text_problems(request: DeliveryRequest) -> list[str]:
    problems: list[str] = []
    if not request.customer_name.strip():
        problems.append("customer name is missing")
    elif len(request.customer_name) > NAME_MAX:
        problems.append(Message("customer name is longer than {0} characters", NAME_MAX))
    if not request.address.strip():
        problems.append("delivery address is missing")
    elif len(request.address) > ADDRESS_MAX:
        problems.append(Message("delivery address is longer than {0} characters", ADDRESS_MAX))
    if len(request.remark) > REMARK_MAX:
        problems.append(Message("remark for the courier is longer than {0} characters", REMARK_MAX))
    if len(request.merchant_remark) > REMARK_MAX:
        problems.append(Message("merchant remark is longer than {0} characters", REMARK_MAX))
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
        problems.append(Message("payment type must be 0, 1, 2 or 3, got {0}", request.cod_type))
    problems += schedule_problems(request.scheduled_at, now, rules)
    return problems


def validate_request(request: DeliveryRequest, now: int, rules: RequestRules) -> None:
    problems = request_problems(request, now, rules)
    if problems:
        raise DeliveryValidationError(problems)


def cancel_problems(reason: str, user_code: str) -> list[str]:
    problems: list[str] = []
    if len(reason) > CANCEL_REASON_MAX:
        problems.append(Message("cancel reason is longer than {0} characters", CANCEL_REASON_MAX))
    if len(user_code) != 4 or not _DIGITS.fullmatch(user_code):
        problems.append(Message("staff number must be exactly 4 digits, got {0}", repr(user_code)))
    return problems
