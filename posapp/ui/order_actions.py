"""The big buttons under the selected order, shown only when the state machine allows them.

A click puts an action in the outbox through :class:`OrderService` and returns at once; the board
shows "sending…" until Keeta answers, so the window never waits on the network.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.actions import OrderAction, allowed_actions
from posapp.domain.order import Order
from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.engine.keeta_terms import CancelCode, RejectCode
from posapp.engine.orders import ActionRefused, OrderService
from posapp.engine.outbox import is_open
from posapp.ui import labels
from posapp.ui.board_model import seq_text
from posapp.ui.errors import action_failure_text, cashier_text
from posapp.ui.ops import UiOp
from posapp.ui.order_id import ORDER_ID
from posapp.ui.reason_dialog import ReasonDialog, ReasonWords
from posapp.ui.restyle import set_style_property
from posapp.ui.stepper import Stepper
from posapp.ui.unclear_action import UnclearAction

ORDER_ACTIONS = (
    OrderAction.CONFIRM,
    OrderAction.PREPARE,
    OrderAction.COLLECT,
    OrderAction.CANCEL,
    OrderAction.PARTIAL_REFUND,
)
REFUND_ACTIONS = (OrderAction.AGREE_REFUND, OrderAction.REJECT_REFUND)
# Function keys, so they work while the search box has the cursor and never type into it. Each is
# shown on its button; only the buttons on screen answer (the board's and the refund desk's share F6/F7).
SHORTCUTS = {
    OrderAction.CONFIRM: "F2",
    OrderAction.PREPARE: "F3",
    OrderAction.COLLECT: "F4",
    OrderAction.AGREE_REFUND: "F6",
    OrderAction.REJECT_REFUND: "F7",
    OrderAction.CANCEL: "F8",
    OrderAction.PARTIAL_REFUND: "F9",
}
REFRESH_KEY = "F5"


class OrderActions(QWidget):
    touched = Signal(ORDER_ID)  # the cashier acted on this order: stop its alert
    partial_refund_requested = Signal(ORDER_ID)

    def __init__(
        self,
        service: OrderService,
        shown: tuple[OrderAction, ...] = ORDER_ACTIONS + REFUND_ACTIONS,
        prep_minutes: int = 15,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._shown = shown
        self._offered = {action.value for action in shown}
        self._order: Order | None = None
        self._action: OutboxAction | None = None
        self.dialog: ReasonDialog | None = None
        self.prep = Stepper(5, 90, prep_minutes, step=5)
        self.buttons: dict[OrderAction, QPushButton] = {}
        self.refresh_button = QPushButton()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.unclear = UnclearAction()
        self.unclear.settled.connect(self._settle)
        self._build()
        self.retranslate()
        self.set_order(None)

    def _build(self) -> None:
        handlers: dict[OrderAction, Callable[[], None]] = {
            OrderAction.CONFIRM: lambda: self._submit(
                lambda oid: self._service.confirm(oid, self.prep.value())
            ),
            OrderAction.PREPARE: lambda: self._submit(self._service.prepare),
            OrderAction.COLLECT: lambda: self._submit(self._service.collect),
            OrderAction.CANCEL: self._ask_cancel,
            OrderAction.PARTIAL_REFUND: self._ask_partial,
            OrderAction.AGREE_REFUND: lambda: self._submit(self._service.agree_refund),
            OrderAction.REJECT_REFUND: self._ask_reject,
        }
        primary, secondary = QHBoxLayout(), QHBoxLayout()
        roles = {OrderAction.CONFIRM: "primary", OrderAction.PREPARE: "ok", OrderAction.COLLECT: "ok",
                 OrderAction.AGREE_REFUND: "ok", OrderAction.CANCEL: "danger",
                 OrderAction.REJECT_REFUND: "danger"}  # fmt: skip
        self._prep_label = QLabel()
        self._prep_label.setWordWrap(True)
        if OrderAction.CONFIRM in self._shown:
            # The time and the Accept it goes with on one row: one tap accepts with what it shows.
            primary.addWidget(self._prep_label)
            primary.addWidget(self.prep)
        for action in self._shown:
            button = QPushButton()
            button.setProperty("role", roles.get(action, ""))
            button.setShortcut(QKeySequence(SHORTCUTS[action]))
            button.clicked.connect(handlers[action])
            self.buttons[action] = button
            # Forward moves on the first row, the ones that undo or give money back below.
            row = primary if roles.get(action) in ("primary", "ok") else secondary
            if row is secondary:
                button.setProperty("size", "compact")  # still a finger's width, and the order keeps the room
            row.addWidget(button, 1)
        self.refresh_button.clicked.connect(self._refresh)
        self.refresh_button.setProperty("size", "compact")
        self.refresh_button.setShortcut(QKeySequence(REFRESH_KEY))
        secondary.addWidget(self.refresh_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(primary)
        layout.addLayout(secondary)
        self.extras = QVBoxLayout()  # more buttons for the order from other areas (e.g. reprint)
        layout.addLayout(self.extras)
        layout.addWidget(self.note)
        layout.addWidget(self.unclear)

    def retranslate(self) -> None:
        for action, button in self.buttons.items():
            words = labels.action_text(action.value)
            button.setText(f"{words}  {SHORTCUTS[action]}")  # setText drops the shortcut: set it again
            button.setShortcut(QKeySequence(SHORTCUTS[action]))
            button.setAccessibleName(words)
        refresh = self.tr("Refresh")
        self.refresh_button.setText(f"{refresh}  {REFRESH_KEY}")
        self.refresh_button.setShortcut(QKeySequence(REFRESH_KEY))
        self.refresh_button.setAccessibleName(self.tr("Refresh from Keeta"))
        self._prep_label.setText(self.tr("Ready in"))
        self.prep.setSuffix(self.tr("min"))
        self.prep.setAccessibleName(self.tr("Preparation time (minutes)"))
        self.set_order(self._order, self._action)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- showing -----------------------------------------------------------------------------------

    def set_order(self, order: Order | None, action: OutboxAction | None = None) -> None:
        if action is not None and action.action not in self._offered:
            action = None  # e.g. the order's accept, on the refund desk: not this panel's news
        self._order = order
        self._action = action
        allowed = set(allowed_actions(order, time.time())) if order is not None else set()
        busy = action is not None and (is_open(action) or action.state is ActionState.NEEDS_PERSON)
        for kind, button in self.buttons.items():
            button.setVisible(kind in allowed)
            button.setEnabled(not busy)
        self.prep.setVisible(OrderAction.CONFIRM in allowed)
        self._prep_label.setVisible(OrderAction.CONFIRM in allowed)
        self.refresh_button.setVisible(order is not None)
        self._show_action(action)

    def _show_action(self, action: OutboxAction | None) -> None:
        role = ""
        unclear = action is not None and action.state is ActionState.NEEDS_PERSON
        self.unclear.set_action(action if unclear else None, self._order)
        if action is None:
            self.note.setText("")
        elif unclear:
            role = "problem"
            self.note.setText(self.tr("{0}: needs you to check.").format(labels.action_text(action.action)))
        elif is_open(action):
            self.note.setText(self.tr("{0}: sending…").format(labels.action_text(action.action)))
        elif action.state is ActionState.FAILED:
            role = "problem"
            text = self.tr("{0} did not go through: {1}")
            self.note.setText(text.format(labels.action_text(action.action), action_failure_text(action)))
        else:
            self.note.setText(self.tr("{0}: done.").format(labels.action_text(action.action)))
        set_style_property(self.note, "role", role)

    def _settle(self, action_id: int, went_through: bool) -> None:
        action = self._service.settle(action_id, went_through)
        if self._order is not None and action.order_ref == str(self._order.order_view_id):
            self.set_order(self._order, action)

    def show_problem(self, text: str) -> None:
        self.note.setText(text)
        set_style_property(self.note, "role", "problem")

    # --- acting ------------------------------------------------------------------------------------

    def _submit(self, call: Callable[[int], OutboxAction], target: Order | None = None) -> None:
        # A dialog's answer acts on the order it was opened for, even if the selection moved since.
        order = target or self._order
        if order is None:
            return
        self.touched.emit(order.order_view_id)
        try:
            action = call(order.order_view_id)
        except ActionRefused as refused:
            self.show_problem(cashier_text(refused))
            return
        if self._order is not None and self._order.order_view_id == order.order_view_id:
            self.set_order(self._order, action)

    def accept(self, order: Order) -> None:
        """Accept ``order`` with the preparation time the stepper shows (a card's one-tap Accept)."""
        self._submit(lambda oid: self._service.confirm(oid, self.prep.value()), order)

    def _ask_cancel(self) -> None:
        order = self._order
        if order is None:
            return
        self.touched.emit(order.order_view_id)
        seq = seq_text(order)
        words = lambda: ReasonWords(  # noqa: E731  (asked again when the language changes)
            self.tr("Cancel order {0}").format(seq),
            self.tr("Cancel order {0}? The customer is told and refunded by Keeta.").format(seq),
            labels.cancel_reasons(),
            self.tr("Yes, cancel the order"),
        )
        dialog = ReasonDialog(words, self)
        dialog.accepted.connect(lambda: self._submit_reason(dialog, order, cancel=True))
        self._open(dialog)

    def _ask_reject(self) -> None:
        order = self._order
        if order is None:
            return
        self.touched.emit(order.order_view_id)
        seq = seq_text(order)
        words = lambda: ReasonWords(  # noqa: E731  (asked again when the language changes)
            self.tr("Reject refund for {0}").format(seq),
            self.tr("Reject the customer's refund request for {0}?").format(seq),
            labels.reject_reasons(),
            self.tr("Yes, reject the refund"),
        )
        dialog = ReasonDialog(words, self)
        dialog.accepted.connect(lambda: self._submit_reason(dialog, order, cancel=False))
        self._open(dialog)

    def _open(self, dialog: ReasonDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _submit_reason(self, dialog: ReasonDialog, order: Order, cancel: bool) -> None:
        code, text = dialog.chosen()
        service = self._service
        if cancel:
            self._submit(lambda oid: service.cancel(oid, CancelCode(code), text), order)
        else:
            self._submit(lambda oid: service.reject_refund(oid, RejectCode(code), text), order)

    def use_service(self, service: OrderService) -> None:
        """The session reconnected: actions go to its new order service from now on."""
        self._service = service

    def _ask_partial(self) -> None:
        if self._order is not None:
            self.touched.emit(self._order.order_view_id)
            self.partial_refund_requested.emit(self._order.order_view_id)

    def _refresh(self) -> None:
        order = self._order
        if order is None:
            return
        self.touched.emit(order.order_view_id)
        self.refresh_button.setEnabled(False)
        UiOp(self, success=self._refreshed, failure=self._refresh_failed).run(
            self._service.refresh(order.order_view_id)
        )

    def _refreshed(self, order: Order | None) -> None:
        self.refresh_button.setEnabled(True)
        if order is None:
            self.show_problem(self.tr("Could not refresh from Keeta; showing the last copy."))

    def _refresh_failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.show_problem(cashier_text(error))
