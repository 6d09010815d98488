"""Zeek's failures in the cashier's words: which kind of failure a code is comes from the engine's one
code list (zeek/errors.py through engine/zeek_terms.py), so a refusal reads the same whether the client
raised it just now or the outbox stored its code."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QApplication

from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.engine.zeek_terms import error_for_code
from posapp.ui.delivery import problems
from posapp.ui.delivery.problems import action_failure_text, zeek_text

CODES = (1001, 1005, 2001, 2003, 2004, 2099, 3001, 3002, 3003, 3004, 3005, 3999, 4290, 5000, 9999)


def _failed(code: int) -> OutboxAction:
    return OutboxAction(
        id=1, key="k", platform="zeek", action="zeek_create", order_ref="POS-1", payload={},
        state=ActionState.FAILED, attempts=1, next_attempt_at=0, last_error="refused", error_code=code,
    )  # fmt: skip


def test_a_stored_code_and_the_raised_error_read_the_same(qapp: QApplication) -> None:
    for code in CODES:
        assert action_failure_text(_failed(code)) == zeek_text(error_for_code(code, "Zeek's own text"))
    assert "Settings" in zeek_text(error_for_code(1003, "")) and "busy" in zeek_text(error_for_code(4290, ""))
    assert "pickup code" in zeek_text(error_for_code(2003, ""))


def test_the_screens_keep_no_second_list_of_zeek_code_ranges() -> None:
    source = Path(problems.__file__).read_text(encoding="utf-8")
    kinds = (
        "AUTH_CODES",
        "PARAM_CODES",
        "ORDER_NOT_FOUND",
        "CANCEL_NOT_ALLOWED",
        "RATE_LIMITED",
        "INTERNAL_ERROR",
    )
    assert [k for k in kinds if re.search(rf"\bcodes\.{k}\b", source)] == []
