"""The booking form as the cashier fills it (text), checked field by field, and turned into a request.

Each problem is keyed by the field it belongs to, so the screen can show it right next to that field.
The sentences come from ``domain/delivery_request.py`` so the screen and the client never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from posapp.domain.delivery_request import (
    DeliveryRequest,
    RequestRules,
    location_problems,
    phone_problems,
    pickup_code_problems,
    request_problems,
    schedule_problems,
)
from posapp.domain.message import Message
from posapp.domain.money import Money
from posapp.domain.order import Fulfilment, Order

FIELDS = ("name", "phone", "address", "location", "amount", "pickup_code", "remark", "scheduled_at")
FieldProblems = dict[str, list[str]]


class FormInvalid(ValueError):
    """The form cannot be sent; ``problems`` maps a field name to what is wrong with it."""

    def __init__(self, problems: FieldProblems) -> None:
        super().__init__("; ".join(self.problems_of(problems)))
        self.problems = problems

    @property
    def all_problems(self) -> list[str]:
        return self.problems_of(self.problems)

    @staticmethod
    def problems_of(problems: FieldProblems) -> list[str]:
        return [p for ps in problems.values() for p in ps]


@dataclass(frozen=True)
class DeliveryForm:
    name: str = ""
    phone: str = ""
    address: str = ""
    location: str = ""  # "lat,lng"
    amount: str = ""  # dollars as typed, e.g. "128.50"
    pickup_code: str = ""
    remark: str = ""
    cod_type: int = 2
    scheduled_at: int | None = None
    keeta_order_view_id: int | None = None
    country_code: str = ""

    def with_changes(self, **changes: object) -> DeliveryForm:
        return replace(self, **changes)  # type: ignore[arg-type]


def parse_amount(text: str, currency: str = "HKD") -> Money | None:
    """Typed dollars → cents; None when it is not a plain non-negative amount with at most 2 decimals."""
    cleaned = text.strip().replace(",", "").removeprefix("HK$").removeprefix("$")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    cents = value * 100
    if not value.is_finite() or value < 0 or cents != cents.to_integral_value():
        return None
    return Money(int(cents), currency)


def format_location(latitude: float, longitude: float) -> str:
    return f"{latitude:.6f},{longitude:.6f}"


def form_for_order(order: Order) -> DeliveryForm:
    """Pre-fill from a Keeta order. Encrypted contact data (Keeta-courier orders) is left for the cashier."""
    customer = order.customer

    def plain(value: str) -> str:
        return "" if customer.is_encrypted_value(value) else value

    location = ""
    if customer.latitude is not None and customer.longitude is not None:
        location = format_location(customer.latitude, customer.longitude)
    phone = "".join(ch for ch in plain(customer.phone) if ch in "0123456789")
    if len(phone) == 11 and phone.startswith("852"):  # Keeta may include the country code
        phone = phone[3:]
    return DeliveryForm(
        name=plain(customer.name),
        phone=phone,
        address=plain(customer.address) if order.fulfilment is Fulfilment.DELIVERY else "",
        location=location,
        amount=_dollars(order.money.items),
        remark=order.remark,
        keeta_order_view_id=order.order_view_id,
    )


def _dollars(amount: Money) -> str:
    whole, cents = divmod(amount.cents, 100)
    return f"{whole}.{cents:02d}"


def quote_problems(form: DeliveryForm, now: int, rules: RequestRules) -> FieldProblems:
    """What stops a quote: only the location, the amount (if typed) and the scheduled time matter."""
    problems: FieldProblems = {}
    _put(problems, "location", location_problems(form.location.strip()))
    if form.amount.strip() and parse_amount(form.amount) is None:
        _put(problems, "amount", [Message("amount must be dollars like 128.50, got {0}", repr(form.amount))])
    _put(problems, "scheduled_at", schedule_problems(form.scheduled_at, now, rules))
    return problems


def booking_problems(
    form: DeliveryForm, now: int, rules: RequestRules, client_order_id: str
) -> FieldProblems:
    """Every problem of the form, by field; empty when the booking may be sent."""
    problems: FieldProblems = {}
    if not form.name.strip():
        _put(problems, "name", ["customer name is missing"])
    _put(problems, "phone", phone_problems(form.phone.strip(), form.country_code, rules))
    if not form.address.strip():
        _put(problems, "address", ["delivery address is missing"])
    _put(problems, "location", location_problems(form.location.strip()))
    if parse_amount(form.amount) is None:
        _put(problems, "amount", [Message("amount must be dollars like 128.50, got {0}", repr(form.amount))])
    if not form.pickup_code.strip():
        _put(problems, "pickup_code", ["pickup code is missing: 4 digits the partner shows at the counter"])
    else:
        _put(problems, "pickup_code", pickup_code_problems(form.pickup_code.strip(), client_order_id))
    _put(problems, "scheduled_at", schedule_problems(form.scheduled_at, now, rules))
    if not problems:
        # Length limits and the rest of the platform rules, under the field they concern.
        request = to_request(form, client_order_id, now)
        for problem in request_problems(request, now, rules):
            _put(problems, _field_of(problem), [problem])
    return problems


def _field_of(problem: str) -> str:
    for word, name in (("name", "name"), ("address", "address"), ("remark", "remark"), ("phone", "phone")):
        if word in problem:
            return name
    return "amount"


def to_request(form: DeliveryForm, client_order_id: str, now: int) -> DeliveryRequest:
    amount = parse_amount(form.amount) or Money(0)
    return DeliveryRequest(
        client_order_id=client_order_id,
        customer_name=form.name.strip(),
        phone=form.phone.strip(),
        address=form.address.strip(),
        location=form.location.strip(),
        total=amount,
        order_time=now,
        pickup_code=form.pickup_code.strip(),
        country_code=form.country_code,
        remark=form.remark.strip(),
        scheduled_at=form.scheduled_at,
        cod_type=form.cod_type,
        keeta_order_view_id=form.keeta_order_view_id,
    )


def _put(problems: FieldProblems, field: str, found: list[str]) -> None:
    if found:
        problems.setdefault(field, []).extend(found)
