"""Keeta's numeric codes and what they mean here.

Sources and confidence are in ``shared/design/keeta.md``. Codes marked STAND-IN are not published by
Keeta; they are this project's assumption, kept here so the real table can replace them in one place.
"""

from __future__ import annotations

from enum import IntEnum

from posapp.domain.order import Courier, CourierStatus, OrderStatus
from posapp.domain.refund import Actor, RefundStatus

SUCCESS = 0


class EventId(IntEnum):
    OAUTH_CODE = 1
    ORDER_PLACED = 1001
    ORDER_ACCEPTED = 1002
    ORDER_COMPLETED = 1003
    ORDER_CANCELLED = 1004
    REFUND = 1005
    COURIER = 1006
    PARTIAL_REFUND = 1007
    SYSTEM_CANCELLED = 1008  # observed by one integrator, not documented
    STORE_STATUS = 1102  # {shopId, fromStatus, toStatus}: 3 operating, 4 suspended (keeta.md §6a)


# merchantOrder.status. 20 vs 30 for "accepted" is contradictory in the sources: both map to ACCEPTED.
# 35 ("ready") appears only in a mock (STAND-IN).
ORDER_STATUS: dict[int, OrderStatus] = {
    10: OrderStatus.NEW,
    20: OrderStatus.ACCEPTED,
    30: OrderStatus.ACCEPTED,
    35: OrderStatus.READY,
    40: OrderStatus.COMPLETED,
    50: OrderStatus.CANCELLED,
}
STATUS_CODE: dict[OrderStatus, int] = {
    OrderStatus.NEW: 10,
    OrderStatus.ACCEPTED: 30,
    OrderStatus.READY: 35,
    OrderStatus.COMPLETED: 40,
    OrderStatus.CANCELLED: 50,
}

DELIVERY_MODE: dict[str, Courier] = {"1001": Courier.KEETA, "1098": Courier.DRONE, "9001": Courier.MERCHANT}

LOGISTICS_STATUS: dict[int, CourierStatus] = {
    0: CourierStatus.CREATED,
    10: CourierStatus.SEARCHING,
    20: CourierStatus.ASSIGNED,
    25: CourierStatus.AT_STORE,
    30: CourierStatus.PICKED_UP,
    50: CourierStatus.DELIVERED,
    99: CourierStatus.CANCELLED,
}

OP_TYPE: dict[int, Actor] = {
    0: Actor.SYSTEM,
    10: Actor.CUSTOMER,
    20: Actor.MERCHANT,
    30: Actor.CUSTOMER_SERVICE,
}


# Refund status (1005 / 1007). STAND-IN: Keeta publishes only the examples 2001 (1005) and 5001 (1007).
# The assumed scheme: first digit = kind (2 full, 5 partial), last digit = state.
class RefundCode(IntEnum):
    FULL_REQUESTED = 2001
    FULL_AGREED = 2002
    FULL_REJECTED = 2003
    FULL_AUTO_AGREED = 2004
    FULL_WITHDRAWN = 2005
    PARTIAL_REQUESTED = 5001
    PARTIAL_AGREED = 5002
    PARTIAL_REJECTED = 5003
    PARTIAL_AUTO_AGREED = 5004
    PARTIAL_WITHDRAWN = 5005


_REFUND_STATE_BY_LAST_DIGIT = {
    1: RefundStatus.PENDING,
    2: RefundStatus.AGREED,
    3: RefundStatus.REJECTED,
    4: RefundStatus.AUTO_AGREED,
    5: RefundStatus.WITHDRAWN,
}


def refund_status(code: int) -> RefundStatus:
    """Map a refund status code; unknown codes are treated as still pending (the safe reading)."""
    return _REFUND_STATE_BY_LAST_DIGIT.get(code % 10, RefundStatus.PENDING)


def refund_code(partial: bool, status: RefundStatus) -> int:
    base = 5000 if partial else 2000
    digit = {v: k for k, v in _REFUND_STATE_BY_LAST_DIGIT.items()}[status]
    return base + digit


class CancelCode(IntEnum):
    """Merchant cancel reasons for ``/order/cancel``; OTHER needs a written reason."""

    OTHER = 500000
    INSUFFICIENT_INGREDIENTS = 500001
    STORE_CLOSED = 500002
    STAFF_SHORTAGE = 500003


class RejectCode(IntEnum):
    """Merchant reasons to reject a customer refund; OTHER needs a written reason."""

    OTHER = 100000
    MEAL_PREPARED = 100001
    DELIVERY_STARTED = 100002


class PartRefundType(IntEnum):
    """Merchant partial-refund reasons; OTHER needs a written reason (meanings per a Dart client)."""

    OTHER = 200000
    SLOW_PREPARATION = 200001
    INSUFFICIENT_INGREDIENTS = 200002
    MISSING_ITEMS = 200003
    WRONG_ITEM = 200004


# The one rule for reasons: each reason list's "other" needs the merchant's own words (keeta.md §7).
# The dialogs, the order engine and the client all ask here.
_REASON_REQUIRED = frozenset({int(CancelCode.OTHER), int(RejectCode.OTHER), int(PartRefundType.OTHER)})


def reason_required(code: int) -> bool:
    """Does this cancel code, reject code or partial-refund type need a written reason?"""
    return int(code) in _REASON_REQUIRED


# API error codes. Ranges from "API Request Protocol §3" as quoted by integrators.
AUTH_RANGE = range(115000100, 115000200)
BUSINESS_RANGE = range(115000200, 115000400)
SERVER_RANGE = range(315000100, 315000200)

# Concrete codes this project (and its simulator) uses. STAND-IN where marked.
SIG_ERROR = 115000110  # documented example: "sig calculation error"
APP_ID_ERROR = 115000101  # STAND-IN
TOKEN_INVALID = 115000102  # STAND-IN ("access token does not exist" is also seen as 115000200)
TIMESTAMP_EXPIRED = 115000103  # STAND-IN
PARAM_ERROR = 115000201  # STAND-IN
ORDER_NOT_FOUND = 115000202  # STAND-IN
INVALID_STATE = 115000301  # STAND-IN: "order status is not in a valid state for XXXX"
REFUND_NOT_PENDING = 115000302  # STAND-IN
REFUND_COUNT_EXCEEDED = 115000303  # STAND-IN
REFRESH_TOKEN_INVALID = 115000104  # STAND-IN
SERVER_ERROR = 315000100  # STAND-IN within the documented server range
# Answers meaning "this access token is not (or no longer) accepted": worth one refresh, then a retry.
# STAND-IN: TOKEN_INVALID is this project's; the others are business-range codes integrators report
# for a missing or expired token. A signature or appId error is not among them: a refresh cannot fix it.
TOKEN_REJECTED = frozenset({TOKEN_INVALID, 115000200, 115000203, 115000260})

# Field names of the partial-refund preview answer beyond id/spuId/skuId/count (documented). STAND-IN:
# the doc view truncates the per-product amounts, so the parser accepts each candidate name in turn.
PREVIEW_REFUNDABLE_COUNT_KEYS = ("refundableCount", "canRefundCount", "maxRefundCount")
PREVIEW_AMOUNT_KEYS = ("refundAmount", "refundPrice", "amount")
PREVIEW_TOTAL_KEYS = ("totalRefundAmount", "refundAmount", "totalAmount")

# --- money facts (keeta.md §4.5) ---------------------------------------------------------------------
# STAND-IN: Keeta documents no packaging field; these are the names integrations use for a box fee.
PACKAGING_KEYS = ("packageFee", "packingFee", "packagingFee", "boxFee", "lunchBoxFee")
# STAND-IN: a live integration reads fees as ``feeDtls[] {code, currency, price}``; the codes are not
# published. Each known code names the MoneyBreakdown fact it carries; an unknown code is logged.
FEE_DTL_CODES: dict[str, str] = {
    "PRODUCT_PRICE": "items",
    "PACKAGE_FEE": "packaging",
    "PACKING_FEE": "packaging",
    "BOX_FEE": "packaging",
    "SHIPPING_FEE": "delivery_fee",
    "DELIVERY_FEE": "delivery_fee",
    "PLATFORM_FEE": "platform_fee",
    "TIP": "tip",
    "TIP_FEE": "tip",
    "DIFF_PRICE": "small_order_fee",
    "SMALL_ORDER_FEE": "small_order_fee",
    "DISCOUNT": "discounts",
    "PAY_TOTAL": "total_paid",
    "BROKERAGE": "commission",
    "COMMISSION": "commission",
    "PLATFORM_SERVICE_FEE": "platform_service_fee",
    "BANK_TRANSACTION_FEE": "bank_fee",
    "BANK_FEE": "bank_fee",
    "MERCHANT_ACTIVITY_FEE": "merchant_discount",
    "EARNINGS": "merchant_receivable",
}
# STAND-IN: a refundInfos row's amount, actual refund first (keeta.md §7.1 names only ``money``).
REFUND_AMOUNT_KEYS = ("actRefundMoney", "refundMoney", "money")

# Merchant self-delivery (keeta.md §6, §2.4 [Doc] K-SD): "9001" orders the shop carries itself.
DELIVERY_MODE_SELF = "9001"
DISPATCHED_PATH = "order/dispatched"
DELIVERED_PATH = "order/delivered"
SELF_DELIVERY_PARAM_ERROR = 109000000
SELF_DELIVERY_ORDER_NOT_FOUND = 209000101
NOT_SELF_DELIVERY = 2090006003
SELF_DELIVERY_SYSTEM_ERROR = 309000000  # Keeta's side: worth retrying

# base/batchDecrypt (keeta.md §2.3, §4.4): at most 50 items a call, only for self-delivery/3PL orders.
# STAND-IN: the request and answer field names are not in the public docs; these are this project's.
# Request: {shopId, decryptList: [{orderViewId, encryptData}]}; answer data: {decryptList: [{orderViewId,
# encryptData, decryptData}]}, an item Keeta will not decrypt carries ``code`` instead of ``decryptData``.
DECRYPT_PATH = "base/batchDecrypt"
DECRYPT_MAX_ITEMS = 50
DECRYPT_LIST = "decryptList"
DECRYPT_ORDER = "orderViewId"
DECRYPT_IN = "encryptData"
DECRYPT_OUT = "decryptData"
ENCRYPTED_PREFIX = "ENC_"
