"""Cashier actions on a Keeta order as typed commands: one type per kind of action, on a shared shape.

The screens hand the engine a command (``OrderService.submit``); the outbox keeps it as JSON
(:func:`to_payload`) and the Keeta sender reads it back (:func:`from_payload`) before calling the
platform, so nothing between the click and the request digs in an untyped dict. The kind of each
command is its :class:`~posapp.domain.actions.OrderAction` (what the state machine checks), a class
attribute. The shapes are few: a :class:`Step` says nothing but its kind, a :class:`Refusal` carries a
code and the cashier's words, and Confirm and PartialRefund their own. Codes stay plain ints here:
their tables are Keeta's (``posapp/keeta/codes.py``), and the domain imports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from posapp.domain.actions import OrderAction


@dataclass(frozen=True)
class Confirm:
    kind: ClassVar = OrderAction.CONFIRM
    prep_minutes: int  # the promise to the kitchen ticket, the countdown and Zeek's booking time


@dataclass(frozen=True)
class Step:
    """A command whose kind says it all: the outbox keeps ``{}`` for it."""

    kind: ClassVar[OrderAction]


@dataclass(frozen=True)
class Prepare(Step):
    kind = OrderAction.PREPARE


@dataclass(frozen=True)
class Collect(Step):
    kind = OrderAction.COLLECT


@dataclass(frozen=True)
class AgreeRefund(Step):
    kind = OrderAction.AGREE_REFUND


@dataclass(frozen=True)
class Refusal:
    """A no to the customer: a code from one of Keeta's tables and the cashier's words."""

    kind: ClassVar[OrderAction]
    code: int
    reason: str = ""


@dataclass(frozen=True)
class Cancel(Refusal):
    kind = OrderAction.CANCEL  # code: keeta.codes.CancelCode


@dataclass(frozen=True)
class RejectRefund(Refusal):
    kind = OrderAction.REJECT_REFUND  # code: keeta.codes.RejectCode


@dataclass(frozen=True)
class PartialRefund:
    kind: ClassVar = OrderAction.PARTIAL_REFUND
    products: tuple[tuple[int, int], ...]  # (order line id, count)
    refund_type: int  # keeta.codes.PartRefundType
    reason: str = ""


OrderCommand = Confirm | Prepare | Collect | Cancel | AgreeRefund | RejectRefund | PartialRefund

COMMAND_TYPES: tuple[type[OrderCommand], ...] = (
    Confirm, Prepare, Collect, Cancel, AgreeRefund, RejectRefund, PartialRefund,
)  # fmt: skip
KIND: dict[type[OrderCommand], OrderAction] = {command: command.kind for command in COMMAND_TYPES}
_TYPE_OF: dict[OrderAction, type[OrderCommand]] = {kind: command for command, kind in KIND.items()}


def kind_of(command: OrderCommand) -> OrderAction:
    return command.kind


def to_payload(command: OrderCommand) -> dict[str, Any]:
    """The outbox's JSON for ``command`` (the shape rows written by earlier versions already have)."""
    match command:
        case Confirm(prep_minutes):
            return {"prep_minutes": prep_minutes}
        case Refusal(code, reason):
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
    command = _TYPE_OF.get(kind)
    if command is None:
        raise ValueError(f"{kind.value} is not a command sent to Keeta")
    reason = str(payload.get("reason", ""))
    if issubclass(command, Step):
        return command()
    if issubclass(command, Refusal):
        return command(int(payload["code"]), reason)
    if issubclass(command, Confirm):
        return Confirm(int(payload["prep_minutes"]))
    products = tuple((int(line), int(count)) for line, count in payload["products"])
    return PartialRefund(products, int(payload["type"]), reason)
