"""Zeek's numeric codes and region facts, and what they mean here.

Sources and confidence are in ``shared/design/zeek.md``. Entries marked STAND-IN are not published by
Zeek; they are this project's assumption (shared with the simulator), kept here so the real table can
replace them in one place.
"""

from __future__ import annotations

from posapp.domain.delivery import DeliveryStatus
from posapp.domain.delivery_request import RequestRules

SUCCESS = 0

# Order status codes (zeek.md §4, documented). 9001 and 8001 are not sent in callbacks by default.
STATUS: dict[int, DeliveryStatus] = {
    9001: DeliveryStatus.CREATED,
    9005: DeliveryStatus.ACCEPTED,
    9010: DeliveryStatus.NEAR_STORE,
    9011: DeliveryStatus.AT_STORE,
    8012: DeliveryStatus.DEPARTED,
    9015: DeliveryStatus.DELIVERING,
    9017: DeliveryStatus.NEAR_CUSTOMER,
    9021: DeliveryStatus.COMPLETED,
    9025: DeliveryStatus.CANCELLED_BEFORE_PICKUP,
    9026: DeliveryStatus.CANCELLED_AFTER_PICKUP,
    8001: DeliveryStatus.REASSIGNED,
}
STATUS_TEXT: dict[int, str] = {
    9001: "Order is created",
    9005: "Partner accepted order",
    9010: "Partner arrived merchant nearby",
    9011: "Partner arrived merchant",
    8012: "Partner departed from merchant",
    9015: "Delivery in progress",
    9017: "Partner arrived destination nearby",
    9021: "Order is completed",
    9025: "Order is cancelled before partner picked up",
    9026: "Order is cancelled after partner picked up",
    8001: "Another partner is assigned",
}


def status_for(code: int) -> DeliveryStatus:
    """Unknown codes (Zeek adds new ones over time) become UNKNOWN rather than failing the parse."""
    return STATUS.get(code, DeliveryStatus.UNKNOWN)


# STAND-IN error table (zeek.md §7): Zeek publishes none; the simulator answers with these.
AUTH_MALFORMED = 1001
AUTH_UNKNOWN_APPID = 1002
AUTH_BAD_SIGNATURE = 1003
AUTH_STALE_TIMESTAMP = 1004
AUTH_IP_NOT_ALLOWED = 1005
PARAM_INVALID = 2001
PARAM_LANG_REGION = 2002
PARAM_PICKUP_CODE = 2003
PARAM_APPOINT_TIME = 2004
MERCHANT_UNKNOWN = 3001
OUTSIDE_DELIVERY_AREA = 3002
DUPLICATE_ORDER = 3003
ORDER_NOT_FOUND = 3004
CANCEL_NOT_ALLOWED = 3005
RATE_LIMITED = 4290
INTERNAL_ERROR = 5000

AUTH_CODES = range(1001, 2000)
PARAM_CODES = range(2001, 3000)
ORDER_CODES = range(3001, 4000)

# STAND-IN: parameter list not found (zeek.md §2); these are the simulator's accepted values.
REGIONS = ("HK", "TW", "SG", "MY", "TH", "VN")
LANGS = ("en", "zh-HK", "zh-CN", "th", "vi", "ms")

# Default phone country code per region (parcel API rule, zeek.md §2; HK → 852, SG → 65 documented).
COUNTRY_CODE = {"HK": "852", "TW": "886", "SG": "65", "MY": "60", "TH": "66", "VN": "84"}
# Local phone length where it is fixed (HK mobile and landline numbers have 8 digits).
LOCAL_PHONE_DIGITS = {"HK": 8, "SG": 8}
# Offset of local time from UTC in hours, for appoint_time text; none of these regions uses DST.
UTC_OFFSET_HOURS = {"HK": 8, "TW": 8, "SG": 8, "MY": 8, "TH": 7, "VN": 7}

# Scheduling window. The ZeekNow seed says "after 30 min … within 7 days"; the SaaS page says 60 min
# (zeek.md §6.3). The seed documents our API, so 30 min is used.
SCHEDULE_MIN_LEAD_S = 30 * 60
SCHEDULE_MAX_AHEAD_S = 7 * 24 * 3600
IS_APPOINT_BY_DELIVERY_TIME = 2

# STAND-IN: the seed names distance bands without numbers; upper bounds (exclusive) in metres of
# travel distance for short, middle and long; anything further is city-wide.
DISTANCE_BAND_LIMITS_M = (1_500, 3_500, 8_000)

# Documented position_track page size limit.
TRACK_PAGE_SIZE_MAX = 500

# STAND-IN (zeek.md §3): callbacks and requests must carry a timestamp within this many seconds of now.
TIMESTAMP_WINDOW_S = 300

CALLBACK_ACK = {"error": 0, "err_msg": ""}

DEFAULT_USER_CODE = "0000"


def request_rules(region: str) -> RequestRules:
    return RequestRules(
        default_country_code=COUNTRY_CODE.get(region, ""),
        min_schedule_lead_s=SCHEDULE_MIN_LEAD_S,
        max_schedule_ahead_s=SCHEDULE_MAX_AHEAD_S,
        local_phone_digits=LOCAL_PHONE_DIGITS.get(region),
    )
