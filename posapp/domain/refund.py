"""Customer refund requests (Keeta 1005 full, 1007 partial) and merchant partial refunds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from posapp.domain.money import Money

REFUND_AUTO_RESOLVE_SECONDS = 15 * 60


class RefundKind(Enum):
    FULL = "full"
    PARTIAL = "partial"


class RefundStatus(Enum):
    PENDING = "pending"
    AGREED = "agreed"
    REJECTED = "rejected"
    AUTO_AGREED = "auto_agreed"
    WITHDRAWN = "withdrawn"

    @property
    def is_final(self) -> bool:
        return self is not RefundStatus.PENDING


class Actor(Enum):
    """Who asked for or handled something (Keeta ``opType``: 0, 10, 20, 30)."""

    SYSTEM = "system"
    CUSTOMER = "customer"
    MERCHANT = "merchant"
    CUSTOMER_SERVICE = "customer_service"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RefundItem:
    """One product line of a partial refund."""

    spu_id: int
    sku_id: int
    count: int
    name: str = ""
    amount: Money | None = None
    line_id: int = 0


@dataclass(frozen=True)
class RefundRequest:
    after_sale_order_id: int
    order_view_id: int
    kind: RefundKind
    status: RefundStatus
    amount: Money
    requested_at: int
    reason: str = ""
    requested_by: Actor = Actor.CUSTOMER
    handled_by: Actor | None = None
    handle_reason: str = ""
    pictures: tuple[str, ...] = ()
    items: tuple[RefundItem, ...] = ()
    is_appeal: bool = False
    platform_status: int = 0
    # Keeta sent an amount that could not be read: screens and slips say "amount unknown", not a number.
    amount_unknown: bool = False

    @property
    def is_pending(self) -> bool:
        return self.status is RefundStatus.PENDING

    @property
    def auto_resolve_at(self) -> int:
        """Keeta resolves a request by itself if the merchant does not answer within 15 minutes."""
        return self.requested_at + REFUND_AUTO_RESOLVE_SECONDS
