"""Board search: by order number, the last digits of the phone, or an item name (English or Chinese).

A keystroke filters every row of the board, so what a row is searched by is prepared once per order
change (:class:`SearchKey`) and the text once per keystroke (:class:`Query`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from posapp.domain.order import Customer, Order


class Named(Protocol):
    """An order line, decoded or as the cache stores it."""

    @property
    def name(self) -> str: ...

    @property
    def name_zh(self) -> str: ...


class SearchKey(NamedTuple):
    """What a search looks in, lowercased once per order change instead of once per row per keystroke."""

    seq: str  # the order number, lowercased
    text: str  # number, orderViewId and item names (English lowercased, Chinese) joined by NUL
    phone: str  # the phone when it is readable, else ""

    @classmethod
    def of(cls, order: Order) -> SearchKey:
        return cls.of_parts(order.seq_no, order.order_view_id, order.lines, order.customer.phone)

    @classmethod
    def of_parts(cls, seq_no: str, order_view_id: int, lines: Iterable[Named], phone: str) -> SearchKey:
        """The key from an order's parts: the board makes it from the cache's rows without decoding."""
        seq = seq_no.lower()
        names = [part for line in lines for part in (line.name.lower(), line.name_zh)]
        readable = "" if Customer.is_encrypted_value(phone) else phone
        return cls(seq, "\0".join([seq, str(order_view_id), *names]), readable)


class Query:
    """Search text prepared once per keystroke: the per-row test is then one substring check (plus a
    phone-tail check for digits), with the same answers as :func:`matches`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seq = text.lstrip("#")  # "#12" finds order number 12
        self.hashed = self.seq != text
        self.digits = text.isdigit()

    def matches(self, key: SearchKey) -> bool:
        # key.text starts with the number, so without a "#" one test covers number, id and items.
        if self.text in key.text or (self.hashed and self.seq in key.seq):
            return True
        return self.digits and key.phone.endswith(self.text)


def matches(order: Order, text: str) -> bool:
    """Search by order number, the last digits of the phone, or an item name (English or Chinese)."""
    if text.lstrip("#") in order.seq_no.lower() or text in str(order.order_view_id):
        return True
    phone = order.customer.phone
    if text.isdigit() and not order.customer.is_encrypted_value(phone) and phone.endswith(text):
        return True
    return any(text in line.name.lower() or text in line.name_zh for line in order.lines)
