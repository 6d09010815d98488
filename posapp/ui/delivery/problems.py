"""What the delivery engine and Zeek say, in the cashier's words (EN source text, 繁中 through Qt).

The engine's sentences are English; those with values are ``Message`` templates (``{0}`` …). Each is
listed here under the "Delivery" context so pyside6-lupdate offers it for translation, and
``words.tr`` translates it and puts the values back. Zeek's own error texts and codes go to the log.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP

from posapp.domain.delivery_request import DeliveryValidationError
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.outbox import UNKNOWN_OUTCOME
from posapp.engine.zeek_terms import (
    ZeekAuthError,
    ZeekCancelRefused,
    ZeekError,
    ZeekNotFound,
    ZeekParameterError,
    ZeekProtocolError,
    ZeekRateLimited,
    ZeekServerError,
    ZeekTransportError,
    error_for_code,
)
from posapp.engine.zeek_terms import zeek_codes as codes
from posapp.ui.delivery.words import tr, translate

log = logging.getLogger(__name__)

# Fixed sentences of the engine (service.py, forms.py, domain/delivery_request.py, zeek/client.py).
ENGINE_SENTENCES = (
    QT_TRANSLATE_NOOP(
        "Delivery",
        "The partner has already arrived at the shop. Zeek may charge the delivery fee for this "
        "cancellation, and after pickup it may refuse to cancel. Call the partner first.",
    ),
    QT_TRANSLATE_NOOP(
        "Delivery",
        "The partner has already picked up the food. Zeek may charge the delivery fee for this "
        "cancellation, and after pickup it may refuse to cancel. Call the partner first.",
    ),
    QT_TRANSLATE_NOOP("Delivery", "The booking to repeat is not in the app."),
    QT_TRANSLATE_NOOP("Delivery", "This booking is not in the app."),
    QT_TRANSLATE_NOOP("Delivery", "This delivery has already ended."),
    QT_TRANSLATE_NOOP("Delivery", "The booking is still being sent to Zeek; try again in a moment."),
    QT_TRANSLATE_NOOP("Delivery", "Please write why the delivery is cancelled."),
    QT_TRANSLATE_NOOP("Delivery", "customer name is missing"),
    QT_TRANSLATE_NOOP("Delivery", "delivery address is missing"),
    QT_TRANSLATE_NOOP("Delivery", "customer phone is missing"),
    QT_TRANSLATE_NOOP("Delivery", "client order id is missing"),
    QT_TRANSLATE_NOOP("Delivery", "pickup code is missing: 4 digits the partner shows at the counter"),
    QT_TRANSLATE_NOOP("Delivery", "location 0,0 means the address was not located"),
    QT_TRANSLATE_NOOP("Delivery", "order total must not be negative"),
    QT_TRANSLATE_NOOP("Delivery", "order amount must be above zero to get one quotation"),
    # domain/courier_booking.py: why an order cannot be booked on Zeek (and service.NOT_IN_APP)
    QT_TRANSLATE_NOOP("Delivery", "Keeta's rider delivers this order."),
    QT_TRANSLATE_NOOP("Delivery", "Keeta's drone delivers this order."),
    QT_TRANSLATE_NOOP("Delivery", "The customer collects this order at the counter."),
    QT_TRANSLATE_NOOP("Delivery", "The order's delivery details have not arrived yet."),
    QT_TRANSLATE_NOOP("Delivery", "This order is cancelled."),
    QT_TRANSLATE_NOOP("Delivery", "This order is already completed."),
    QT_TRANSLATE_NOOP("Delivery", "The Keeta order is not in the app; refresh it first."),
    # engine/outbox.py's UNKNOWN_OUTCOME, written out so lupdate sees it
    QT_TRANSLATE_NOOP(
        "Delivery", "The app stopped while this was being sent; check the order before trying again."
    ),
)

# Engine sentences with values: {0}, {1} … are put back after translation.
ENGINE_TEMPLATES = (
    QT_TRANSLATE_NOOP("Delivery", "pickup code {0} is already used today; choose another"),
    QT_TRANSLATE_NOOP("Delivery", "This order already has a courier booked (pickup code {0})."),
    QT_TRANSLATE_NOOP("Delivery", "amount must be dollars like 128.50, got {0}"),
    QT_TRANSLATE_NOOP("Delivery", 'location must be "lat,lng" in decimal degrees without spaces, got {0}'),
    QT_TRANSLATE_NOOP("Delivery", "latitude {0} is outside -90..90 (is the order lng,lat?)"),
    QT_TRANSLATE_NOOP("Delivery", "longitude {0} is outside -180..180"),
    QT_TRANSLATE_NOOP("Delivery", "client order id is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "pickup code must be exactly 4 digits, got {0}"),
    QT_TRANSLATE_NOOP(
        "Delivery",
        "without a pickup code the client order id must be a number of at least 4 digits "
        "(Zeek uses its last 4), got {0}",
    ),
    QT_TRANSLATE_NOOP("Delivery", "phone {0} must not include the country code; put it in the country code"),
    QT_TRANSLATE_NOOP("Delivery", "phone {0} must contain digits only"),
    QT_TRANSLATE_NOOP("Delivery", "phone is longer than {0} digits"),
    QT_TRANSLATE_NOOP("Delivery", "phone {0} must have {1} digits without the country code"),
    QT_TRANSLATE_NOOP("Delivery", "phone {0} must have {1} digits"),
    QT_TRANSLATE_NOOP("Delivery", "country code must be 1-5 digits without '+', got {0}"),
    QT_TRANSLATE_NOOP("Delivery", "scheduled time must be more than {0} minutes from now"),
    QT_TRANSLATE_NOOP("Delivery", "scheduled time must be within {0} days from now"),
    QT_TRANSLATE_NOOP("Delivery", "customer name is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "delivery address is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "remark for the courier is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "merchant remark is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "payment type must be 0, 1, 2 or 3, got {0}"),
    QT_TRANSLATE_NOOP("Delivery", "cancel reason is longer than {0} characters"),
    QT_TRANSLATE_NOOP("Delivery", "staff number must be exactly 4 digits, got {0}"),
    # automation.py's alerts
    QT_TRANSLATE_NOOP("Delivery", "Courier for #{0}: {1}"),
    QT_TRANSLATE_NOOP("Delivery", "No courier booked for #{0} automatically: {1}"),
    QT_TRANSLATE_NOOP("Delivery", "Courier booked for #{0}, pickup code {1}"),
    QT_TRANSLATE_NOOP("Delivery", "No partner took pickup code {0}; booked again."),
    QT_TRANSLATE_NOOP(
        "Delivery", "The partner for #{0} is expected {1} min after the food is ready (pickup code {2})."
    ),
)


def problems_text(problems: list[str]) -> str:
    return "\n".join(tr(problem) for problem in problems)


def _by_code(code: int | None) -> str | None:
    """Zeek's code in words: the engine's one code list (zeek/errors.py) says which kind of failure
    it is; a handful of codes name the field to change."""
    if code is None:
        return None
    specific = {
        codes.PARAM_PICKUP_CODE: lambda: translate(
            "Delivery", "Zeek did not accept the pickup code. Choose other 4 digits."
        ),
        codes.PARAM_APPOINT_TIME: lambda: translate(
            "Delivery", "Zeek did not accept the scheduled time. Choose another time."
        ),
        codes.MERCHANT_UNKNOWN: lambda: translate(
            "Delivery",
            "Zeek does not know this shop. Ask the manager to check the Zeek merchant ID in Settings.",
        ),
        codes.OUTSIDE_DELIVERY_AREA: lambda: translate(
            "Delivery", "The address is outside Zeek's delivery area."
        ),
        codes.DUPLICATE_ORDER: lambda: translate(
            "Delivery", "Zeek already has this booking. Look for it in the list."
        ),
    }.get(code)
    return specific() if specific is not None else _kind_text(error_for_code(code, ""))


def _kind_text(error: ZeekError) -> str | None:
    """The kind of Zeek failure in words; None for a refusal nobody named."""
    if isinstance(error, ZeekTransportError | ZeekProtocolError):
        return translate("Delivery", "Cannot reach Zeek. Check the internet connection and try again.")
    if isinstance(error, ZeekRateLimited | ZeekServerError):
        return translate("Delivery", "Zeek is busy. Try again in a moment.")
    if isinstance(error, ZeekAuthError):
        return translate(
            "Delivery", "Zeek did not accept the shop's login. Ask the manager to check Settings."
        )
    if isinstance(error, ZeekCancelRefused):
        return translate(
            "Delivery",
            "Zeek can no longer cancel this delivery (the partner may have the food). Call the partner.",
        )
    if isinstance(error, ZeekNotFound):
        return translate("Delivery", "Zeek cannot find this delivery.")
    if isinstance(error, ZeekParameterError):
        return translate(
            "Delivery", "Zeek did not accept a detail of the booking. Check the fields and try again."
        )
    return None


def zeek_text(error: BaseException) -> str:
    """A failed quote, lookup or booking in words; the technical detail (with Zeek's code) is logged."""
    log.warning("Zeek problem shown to the cashier: %r", error)
    if isinstance(error, DeliveryValidationError):
        return problems_text(error.problems)
    known = _by_code(getattr(error, "code", None))
    if known is None and isinstance(error, ZeekError):
        known = _kind_text(error)
    if known:
        return known
    if isinstance(error, ZeekError):
        return translate("Delivery", "Zeek refused this. Check the booking and try again.")
    return translate("Delivery", "Something went wrong. The details are in the log.")


def action_failure_text(action: OutboxAction) -> str:
    """A booking or cancel the outbox gave up on; its stored error goes to the log, not the screen."""
    log.warning(
        "Zeek %s %s failed: %s (code %s)",
        action.action,
        action.order_ref,
        action.last_error,
        action.error_code,
    )
    known = _by_code(action.error_code)
    if known:
        return known
    if action.last_error == UNKNOWN_OUTCOME:
        return tr(UNKNOWN_OUTCOME)
    if action.error_code is None:
        return translate("Delivery", "Zeek did not answer. Check the delivery in the list and try again.")
    return translate("Delivery", "Zeek refused this. Check the booking and try again.")
