"""Cashier actions on a Keeta order as typed commands: one payload type per kind of action.

The screens hand the engine a command (``OrderService.submit``); the outbox keeps it as JSON
(:func:`to_payload`) and the Keeta sender reads it back (:func:`from_payload`) before calling the
platform, so nothing between the click and the request digs in an untyped dict. The kind of each
command is its :class:`~posapp.domain.actions.OrderAction` (what the state machine checks). Codes stay
plain ints here: their tables are Keeta's (``posapp/keeta/codes.py``), and the domain imports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from posapp.domain.actions import OrderAction


@dataclass(frozen=True)
class Confirm:
    prep_minutes: int  # the promise to the kitchen ticket, the countdown and Zeek's booking time


@dataclass(frozen=True)
class Prepare:
    pass


@dataclass(frozen=True)
class Collect:
    pass


@dataclass(frozen=True)
class Cancel:
    code: int  # keeta.codes.CancelCode
    reason: str = ""


@dataclass(frozen=True)
class AgreeRefund:
    pass


@dataclass(frozen=True)
class RejectRefund:
    code: int  # keeta.codes.RejectCode
    reason: str = ""


@dataclass(frozen=True)
class PartialRefund:
    products: tuple[tuple[int, int], ...]  # (order line id, count)
    refund_type: int  # keeta.codes.PartRefundType
    reason: str = ""


OrderCommand = Confirm | Prepare | Collect | Cancel | AgreeRefund | RejectRefund | PartialRefund

KIND: dict[type[OrderCommand], OrderAction] = {
    Confirm: OrderAction.CONFIRM,
    Prepare: OrderAction.PREPARE,
    Collect: OrderAction.COLLECT,
    Cancel: OrderAction.CANCEL,
    AgreeRefund: OrderAction.AGREE_REFUND,
    RejectRefund: OrderAction.REJECT_REFUND,
    PartialRefund: OrderAction.PARTIAL_REFUND,
}


def kind_of(command: OrderCommand) -> OrderAction:
    return KIND[type(command)]


def to_payload(command: OrderCommand) -> dict[str, Any]:
    """The outbox's JSON for ``command`` (the shape rows written by earlier versions already have)."""
    match command:
        case Confirm(prep_minutes):
            return {"prep_minutes": prep_minutes}
        case Cancel(code, reason) | RejectRefund(code, reason):
            return {"code": code, "reason": reason}
        case PartialRefund(products, refund_type, reason):
            return {"products": [[line, count] for line, count in products], "type": refund_type,
                    "reason": reason}  # fmt: skip
        case _:
            return {}


def from_payload(kind: OrderAction, payload: dict[str, Any]) -> OrderCommand:
    """The command an outbox row holds; KeyError/ValueError when the payload does not fit ``kind``.

    Keys added later by the outbox (``before``, the partial refund's baseline) are not the command's.
    """
    reason = str(payload.get("reason", ""))
    match kind:
        case OrderAction.CONFIRM:
            return Confirm(int(payload["prep_minutes"]))
        case OrderAction.PREPARE:
            return Prepare()
        case OrderAction.COLLECT:
            return Collect()
        case OrderAction.CANCEL:
            return Cancel(int(payload["code"]), reason)
        case OrderAction.AGREE_REFUND:
            return AgreeRefund()
        case OrderAction.REJECT_REFUND:
            return RejectRefund(int(payload["code"]), reason)
        case OrderAction.PARTIAL_REFUND:
            products = tuple((int(line), int(count)) for line, count in payload["products"])
            return PartialRefund(products, int(payload["type"]), reason)
    raise ValueError(f"{kind.value} is not a command sent to Keeta")
