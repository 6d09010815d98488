"""The Zeek simulator's view of Zeek's codes (zeek.md §2, §4, §5, §7).

The tables themselves live in :mod:`posapp.zeek.codes` (shared with the client, STAND-INs marked
there); this module only gives the simulator enums over them and the status groups it works with.
"""

from __future__ import annotations

from enum import IntEnum

from posapp.zeek import codes as shared


class Status(IntEnum):
    CREATED = 9001
    ACCEPTED = 9005
    NEAR_MERCHANT = 9010
    AT_MERCHANT = 9011
    DEPARTED = 8012
    DELIVERING = 9015
    NEAR_CUSTOMER = 9017
    COMPLETED = 9021
    CANCELLED_BEFORE_PICKUP = 9025
    CANCELLED_AFTER_PICKUP = 9026
    REASSIGNED = 8001


STATUS_DESC: dict[Status, str] = {status: shared.STATUS_TEXT[int(status)] for status in Status}

FINAL = frozenset({Status.COMPLETED, Status.CANCELLED_BEFORE_PICKUP, Status.CANCELLED_AFTER_PICKUP})
# The food is still in the shop: a merchant cancel ends in 9025.
BEFORE_PICKUP = frozenset(
    {Status.CREATED, Status.ACCEPTED, Status.NEAR_MERCHANT, Status.AT_MERCHANT, Status.REASSIGNED}
)
AFTER_PICKUP = frozenset({Status.DEPARTED, Status.DELIVERING, Status.NEAR_CUSTOMER})


class CancelCode(IntEnum):
    ASSIGN_TIMEOUT = 7001
    SENDER = 7002
    RECIPIENT = 7003
    SHIPPER = 7004
    INFO_ERROR = 7005
    TEST_ORDER = 7006
    OTHER = 7007


class Error(IntEnum):
    """STAND-IN error table (zeek.md §7), answered with HTTP 200; values from posapp.zeek.codes."""

    OK = shared.SUCCESS
    BAD_ENVELOPE = shared.AUTH_MALFORMED
    UNKNOWN_APPID = shared.AUTH_UNKNOWN_APPID
    BAD_SIGNATURE = shared.AUTH_BAD_SIGNATURE
    STALE_TIMESTAMP = shared.AUTH_STALE_TIMESTAMP
    IP_NOT_ALLOWED = shared.AUTH_IP_NOT_ALLOWED
    BAD_PARAMETER = shared.PARAM_INVALID
    BAD_META = shared.PARAM_LANG_REGION
    BAD_PICKUP_CODE = shared.PARAM_PICKUP_CODE
    BAD_APPOINT_TIME = shared.PARAM_APPOINT_TIME
    UNKNOWN_MERCHANT = shared.MERCHANT_UNKNOWN
    OUTSIDE_AREA = shared.OUTSIDE_DELIVERY_AREA
    DUPLICATE_ORDER = shared.DUPLICATE_ORDER
    ORDER_NOT_FOUND = shared.ORDER_NOT_FOUND
    CANNOT_CANCEL = shared.CANCEL_NOT_ALLOWED
    RATE_LIMITED = shared.RATE_LIMITED
    INTERNAL = shared.INTERNAL_ERROR


# STAND-INs shared with the client (zeek.md §2): allowed meta values, phone and clock facts per region.
LANGS = frozenset(shared.LANGS)
REGION_COUNTRY_CODE: dict[str, str] = dict(shared.COUNTRY_CODE)
REGION_UTC_OFFSET: dict[str, int] = dict(shared.UTC_OFFSET_HOURS)
LOCAL_PHONE_DIGITS: dict[str, int] = dict(shared.LOCAL_PHONE_DIGITS)
SCHEDULE_MIN_LEAD_S = shared.SCHEDULE_MIN_LEAD_S
SCHEDULE_MAX_AHEAD_S = shared.SCHEDULE_MAX_AHEAD_S
DISTANCE_BAND_LIMITS_M = shared.DISTANCE_BAND_LIMITS_M
TRACK_PAGE_SIZE_MAX = shared.TRACK_PAGE_SIZE_MAX
TIMESTAMP_WINDOW_S = shared.TIMESTAMP_WINDOW_S
DEFAULT_USER_CODE = shared.DEFAULT_USER_CODE
