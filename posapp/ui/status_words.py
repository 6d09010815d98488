"""The short words the board and the detail use for how old an order is and what it waits for.

Each says what is true now: a ready order waits for its customer or courier (not "Ready by" a time
that has passed), a new order is "just now" (not "0 min").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posapp.domain.order import Courier, CourierStatus, Fulfilment, Order
from posapp.ui import labels
from posapp.ui.timefmt import local_hm, minutes


def age_text(seconds: float) -> str:
    """How long ago the order was placed: "just now" under a minute, then "7 min"."""
    if seconds < 60:
        return QCoreApplication.translate("StatusWords", "just now")
    return QCoreApplication.translate("StatusWords", "{0} min").format(minutes(seconds))


def waiting_text(order: Order) -> str:
    """What a ready order waits for: the customer at the counter, or the courier (in words)."""
    if order.fulfilment is Fulfilment.PICKUP:
        return QCoreApplication.translate("StatusWords", "Ready – waiting for the customer")
    if order.courier_kind is Courier.KEETA and order.courier.status is not CourierStatus.UNKNOWN:
        return QCoreApplication.translate("StatusWords", "Ready – {0}").format(
            labels.courier_text(order.courier.status)
        )
    return QCoreApplication.translate("StatusWords", "Ready – waiting for the courier")


def keeta_ready_text(order: Order) -> str:
    """Keeta's own expectation of when the food is ready (an accepted order with no promise of ours)."""
    return QCoreApplication.translate("StatusWords", "Keeta expects it ready by {0}").format(
        local_hm(order.ready_eta)
    )
