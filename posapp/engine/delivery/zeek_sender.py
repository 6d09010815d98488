"""How booking and cancelling reach Zeek through the durable outbox.

A booking is saved (request and ``client_order_id``) before the outbox row exists, and every attempt
sends that saved request: a resend after a lost answer repeats the same id, and Zeek's "duplicate"
answer naming the existing order counts as booked (``ZeekClient.create``), so one order never gets two
couriers. Zeek cannot be asked by ``client_order_id`` (zeek.md §8: ``info`` takes Zeek's ``order_id``),
so that resend is the check. A cancel whose answer was lost is checked with ``info``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from posapp.domain.outbox_action import OutboxAction
from posapp.engine.action_kinds import ActionKind, Check, Checked, PlatformActionSender, register
from posapp.store import booking_queries as queries
from posapp.store import deliveries
from posapp.zeek.client import ZeekClient
from posapp.zeek.errors import ZeekError, ZeekNotFound

log = logging.getLogger(__name__)

ZEEK = "zeek"
BOOK = "book"
CANCEL = "cancel"


class BookingMissing(ZeekError):
    """The outbox names a booking the cache does not hold (a wiped cache): nothing can be sent."""


@dataclass(frozen=True)
class ZeekContext:
    client: ZeekClient
    clock: Callable[[], float] = time.time


class ZeekActionSender(PlatformActionSender):
    """The outbox's sender for the ``zeek`` platform; ``order_ref`` is the client_order_id."""

    def __init__(self, client: ZeekClient, clock: Callable[[], float] = time.time) -> None:
        super().__init__(ZEEK, ZeekContext(client, clock))


async def _book(ctx: ZeekContext, action: OutboxAction) -> dict[str, Any]:
    request = queries.request_for(action.order_ref)
    if request is None:
        raise BookingMissing(f"no saved booking {action.order_ref}")
    booking = await ctx.client.create(request)
    stored = deliveries.record_created(booking, int(ctx.clock()))
    return {"order_id": stored.order_id}


async def _booked(ctx: ZeekContext, action: OutboxAction) -> Checked:
    booking = deliveries.get(action.order_ref)
    if booking is not None and booking.order_id:
        return Checked(Check.DONE, {"order_id": booking.order_id})
    # Sending again is the check: the same client_order_id answers "duplicate" with the existing order.
    return Checked(Check.NOT_DONE)


async def _cancel(ctx: ZeekContext, action: OutboxAction) -> dict[str, Any]:
    booking = deliveries.get(action.order_ref)
    if booking is None or not booking.order_id:
        raise BookingMissing(f"booking {action.order_ref} has no Zeek order yet")
    payload = action.payload
    ack = await ctx.client.cancel(booking.order_id, payload.get("reason", ""), payload["user_code"])
    try:
        update = await ctx.client.info(booking.order_id, once=True)
    except ZeekError as error:
        # The cancel itself was answered: the courier callbacks and the tracker bring the state later.
        log.warning("zeek info after cancel of %s failed: %s", booking.order_id, error)
    else:
        deliveries.apply_update(update, int(ctx.clock()))
    return {"order_id": ack.order_id}


async def _cancelled(ctx: ZeekContext, action: OutboxAction) -> Checked:
    booking = deliveries.get(action.order_ref)
    if booking is None or not booking.order_id:
        return Checked(Check.UNCLEAR, {"booking": None})
    try:
        update = await ctx.client.info(booking.order_id, once=True)
    except ZeekNotFound:
        return Checked(Check.UNCLEAR, {"order_id": booking.order_id, "found": False})
    deliveries.apply_update(update, int(ctx.clock()))
    shows = {"order_id": booking.order_id, "status": update.status.value}
    if update.status.is_final and update.cancellation is not None:
        return Checked(Check.DONE, shows)
    return Checked(Check.UNCLEAR if update.status.is_final else Check.NOT_DONE, shows)


register(ZEEK, BOOK, ActionKind(_book, _booked, resend_is_safe=True))
register(ZEEK, CANCEL, ActionKind(_cancel, _cancelled))
