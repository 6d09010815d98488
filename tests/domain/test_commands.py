"""Cashier commands: one typed payload per kind, kept in the outbox as the JSON earlier rows have."""

from __future__ import annotations

import pytest

from posapp.domain.actions import OrderAction
from posapp.domain.commands import (
    KIND,
    AgreeRefund,
    Cancel,
    Collect,
    Confirm,
    OrderCommand,
    PartialRefund,
    Prepare,
    RejectRefund,
    from_payload,
    kind_of,
    to_payload,
)

COMMANDS: list[tuple[OrderCommand, dict[str, object]]] = [
    (Confirm(20), {"prep_minutes": 20}),
    (Prepare(), {}),
    (Collect(), {}),
    (Cancel(1002, "sold out of noodles"), {"code": 1002, "reason": "sold out of noodles"}),
    (AgreeRefund(), {}),
    (RejectRefund(2001, ""), {"code": 2001, "reason": ""}),
    (
        PartialRefund(((7, 1), (9, 2)), 3, "missing drink"),
        {"products": [[7, 1], [9, 2]], "type": 3, "reason": "missing drink"},
    ),
]


@pytest.mark.parametrize(("command", "stored"), COMMANDS)
def test_a_command_is_stored_as_the_outbox_json_and_read_back_the_same(
    command: OrderCommand, stored: dict[str, object]
) -> None:
    assert to_payload(command) == stored
    assert from_payload(kind_of(command), stored) == command


def test_every_cashier_action_but_refresh_has_exactly_one_command_type() -> None:
    assert sorted(kind.value for kind in KIND.values()) == sorted(
        kind.value for kind in OrderAction if kind is not OrderAction.REFRESH
    )
    assert {type(command) for command, _ in COMMANDS} == set(KIND)


def test_what_the_outbox_adds_later_is_not_part_of_the_command() -> None:
    stored = {"products": [[7, 1]], "type": 3, "reason": "", "before": {"refund_ids": [5]}}
    assert from_payload(OrderAction.PARTIAL_REFUND, stored) == PartialRefund(((7, 1),), 3, "")


def test_a_payload_that_does_not_fit_its_kind_is_refused() -> None:
    with pytest.raises(KeyError):
        from_payload(OrderAction.CANCEL, {"reason": "no code"})
    with pytest.raises(ValueError, match="refresh"):
        from_payload(OrderAction.REFRESH, {})
