"""The refund desk: every customer refund request waiting for an answer, with its countdown."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from posapp.domain.order import Order
from posapp.domain.refund import RefundRequest
from posapp.engine.orders import OrderService
from posapp.ui import labels
from posapp.ui.board import order_table
from posapp.ui.board_model import ORDER_ROLE, BoardFilter, BoardModel, Column, Lane, follow_clock, seq_text
from posapp.ui.order_actions import REFUND_ACTIONS, OrderActions
from posapp.ui.order_id import ORDER_ID
from posapp.ui.photos import PhotoStrip
from posapp.ui.restyle import set_style_property
from posapp.ui.timefmt import Clock, local_hm
from posapp.ui.urgency import refund_urgency


class RefundDesk(QWidget):
    partial_refund_requested = Signal(ORDER_ID)

    def __init__(
        self,
        service: OrderService,
        model: BoardModel,
        clock: Clock = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._clock = clock
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(model)
        self.proxy.set_lane(Lane.REFUNDS)
        self.table = order_table(self.proxy, hidden=(Column.AGE, Column.KIND, Column.STATE))
        follow_clock(self.table, model)
        self.title = QLabel()
        self.title.setProperty("role", "seq")
        self.countdown = QLabel()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.photos = PhotoStrip()
        self.order_actions = OrderActions(service, shown=REFUND_ACTIONS)
        self.empty = QLabel()
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.countdown)
        right.addWidget(self.info)
        right.addWidget(self.photos)
        right.addStretch(1)
        right.addWidget(self.order_actions)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.empty)
        left.addWidget(self.table)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.proxy.rowsInserted.connect(self._refresh_empty)
        self.proxy.rowsRemoved.connect(self._refresh_empty)
        self.proxy.layoutChanged.connect(self._refresh_empty)
        self.order_actions.partial_refund_requested.connect(self.partial_refund_requested)
        self._order: Order | None = None
        self.retranslate()
        self.show_order(None)

    def retranslate(self) -> None:
        self.table.setAccessibleName(self.tr("Refund requests"))
        self._refresh_empty()
        self.show_order(self._order)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _refresh_empty(self) -> None:
        count = self.proxy.rowCount()
        self.empty.setText(
            self.tr("No refund requests waiting.") if count == 0 else self.tr("{0} waiting").format(count)
        )

    def select(self, order_view_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            order = self.proxy.index(row, 0).data(ORDER_ROLE)
            if isinstance(order, Order) and order.order_view_id == order_view_id:
                self.table.selectRow(row)
                return True
        return False

    def _selected(self, *_: object) -> None:
        # Read the selection model, not the signal's QItemSelection (a temporary; PySide crashes on it).
        rows = self.table.selectionModel().selectedRows()
        order = rows[0].data(ORDER_ROLE) if rows else None
        self.show_order(order if isinstance(order, Order) else None)

    def order_changed(self, order: Order) -> None:
        if self._order is not None and self._order.order_view_id == order.order_view_id:
            self.show_order(order)

    def action_changed(self, order_view_id: int) -> None:
        if self._order is not None and self._order.order_view_id == order_view_id:
            self.show_order(self._model.order(order_view_id) or self._order)

    def show_order(self, order: Order | None) -> None:
        self._order = order
        refund = order.pending_refund if order is not None else None
        action = self._model.action(order.order_view_id) if order is not None else None
        self.order_actions.set_order(order, action)
        if order is None or refund is None:
            self.title.setText("")
            self.info.setText(self.tr("Choose a request on the left.") if order is None else "")
            self.photos.show_photos(())
            self.tick()
            return
        self.title.setText(seq_text(order) + f"  {labels.refund_kind_text(refund.kind)}")
        self.info.setText(self._describe(order, refund))
        self.photos.show_photos(refund.pictures)
        self.tick()

    def _describe(self, order: Order, refund: RefundRequest) -> str:
        rows = [
            self.tr("Amount: {0} (order total {1})").format(
                labels.amount_text(None if refund.amount_unknown else refund.amount),
                labels.amount_text(order.money.shown("total_paid")),
            ),
            self.tr("Customer's reason: {0}").format(refund.reason or "–"),
            self.tr("Asked at {0}").format(local_hm(refund.requested_at)),
        ]
        rows += [
            f"  • {item.count}× {item.name}" + (f" ({item.amount.format()})" if item.amount else "")
            for item in refund.items
        ]
        return "<br/>".join(html.escape(row) for row in rows)

    def tick(self) -> None:
        refund = self._order.pending_refund if self._order is not None else None
        urgency = refund_urgency(refund, self._clock()) if refund is not None else None
        self.countdown.setText(urgency.text if urgency else "")
        set_style_property(self.countdown, "urgency", urgency.level.value if urgency else "none")
