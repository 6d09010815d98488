"""The delivery tab: book a Zeek courier from the order's screen and watch the partner on the map.

Left: the booking form and Zeek's quotation tables. Right: the pickup code (big), alerts, the live map
and the couriers under way with the phone lookup. Booking and cancelling go to the outbox; the list and
the map follow the engine's change events (tracking polls and relayed callbacks), heard through the
Bridge's signals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from posapp.domain.courier_booking import courier_booking
from posapp.domain.delivery import DeliveryBooking
from posapp.domain.delivery_request import DeliveryValidationError
from posapp.domain.order import Order
from posapp.domain.outbox_action import ActionState
from posapp.engine.delivery.automation import DeliveryAlert
from posapp.engine.delivery.forms import FormInvalid
from posapp.engine.delivery.service import DeliveryChange, DeliveryRefused, DeliveryService
from posapp.engine.delivery.settings import OSM_TILES_URL
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.zeek_terms import ZeekError
from posapp.ui.bridge import Bridge
from posapp.ui.delivery.active_panel import ActivePanel
from posapp.ui.delivery.cancel_dialog import CancelDialog
from posapp.ui.delivery.form_panel import FormPanel, source_choices
from posapp.ui.delivery.map_scene import MapScene, point
from posapp.ui.delivery.map_view import MapView, make_map_view
from posapp.ui.delivery.problems import action_failure_text, problems_text, zeek_text
from posapp.ui.delivery.quotes_panel import QuotesPanel
from posapp.ui.delivery.words import status_text, tr, translate
from posapp.ui.ops import UiOp
from posapp.ui.web_links import link_html, open_web_link

LEFT_WIDTH = 575  # px of the form and quotes in a 1366-wide window; the map and couriers get the rest


class DeliveryTab(QWidget):
    def __init__(
        self,
        service: DeliveryService,
        bridge: Bridge,
        orders: OrderService | None = None,
        *,
        tiles_url: str = OSM_TILES_URL,
        prefer_web_map: bool = True,  # map tiles from the web (tiles_url); False: markers on a plain view
        store_location: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.orders = orders
        self.store_location = store_location
        self.form = FormPanel()
        self.quotes = QuotesPanel()
        self.active = ActivePanel()
        self.map_widget = make_map_view(tiles_url, prefer_web_map)
        self.map: MapView = self.map_widget  # type: ignore[assignment]
        self.map.set_labels(translate("Delivery", "Shop"), translate("Delivery", "Customer"))
        self.code = QLabel("----")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setProperty("role", "pickup-code-big")  # the theme sizes it from the text size setting
        self.code_caption = QLabel(translate("Delivery", "Pickup code"))
        self.code_caption.setProperty("role", "muted")
        self.summary = QLabel()  # whose delivery is on the map, and where it stands
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        # Zeek's own page for the delivery on the map, opened in the browser (web addresses only).
        self.page_link = QLabel()
        self.page_link.setTextFormat(Qt.TextFormat.RichText)
        self.page_link.setOpenExternalLinks(False)
        self.page_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.page_link.linkActivated.connect(open_web_link)
        self.page_link.hide()
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        self.alert.setProperty("role", "problem")
        self.shown: str | None = None  # client_order_id on the map
        self.dialog: CancelDialog | None = None
        self._sending: set[str] = set()
        self._build()
        self.form.quote_requested.connect(self.quote)
        self.form.book_requested.connect(self.book)
        self.form.source_changed.connect(self.use_order)
        self.active.selected.connect(self.show_delivery)
        # The tab reads the panel itself: emitting a custom signal from a clicked(bool) slot corrupts the
        # refcount of True in PySide6 6.12 on Python 3.11 (the interpreter then crashes at exit).
        self.active.cancel_button.clicked.connect(self._cancel_clicked)
        self.active.lookup_button.clicked.connect(self._lookup_clicked)
        self.active.phone.returnPressed.connect(self._lookup_clicked)
        # Qt drops these connections with the tab: a tab rebuilt for a new language leaves nothing behind.
        bridge.delivery_changed.connect(self._changed)
        bridge.delivery_alert.connect(self._alerted)
        # The order list is read when the tab is first shown: reading every open order here made the
        # main window take seconds to open with a full board (tests/bench/bench_board.py).
        self._sources_stale = True
        self._sources_queued = False
        self._sources_reads = 0  # a read that finishes after a later one started is dropped
        if orders is not None:
            bridge.order_changed.connect(self._order_changed)
        self.form.fill(service.manual_form())
        self.refresh()

    def _build(self) -> None:
        form_and_quotes = QWidget()
        left_layout = QVBoxLayout(form_and_quotes)
        left_layout.setContentsMargins(6, 4, 6, 4)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.form)
        left_layout.addWidget(self.quotes, 1)
        # Scrolls on a small screen or a big font instead of pushing the window past the screen.
        left = QScrollArea()
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setWidget(form_and_quotes)
        code_box = QVBoxLayout()
        code_box.setSpacing(0)
        code_box.addWidget(self.code_caption)
        code_box.addWidget(self.code)
        words = QVBoxLayout()
        words.addWidget(self.summary)
        words.addWidget(self.page_link)
        words.addWidget(self.alert)
        top = QHBoxLayout()
        top.addLayout(code_box)
        top.addSpacing(16)
        top.addLayout(words, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 4, 6, 4)
        right_layout.setSpacing(6)
        right_layout.addLayout(top)
        right_layout.addWidget(self.map_widget, 1)
        right_layout.addWidget(self.active)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LEFT_WIDTH, 1366 - LEFT_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        # posapp/ui/ops.py, not qasync's asyncSlot, whose call from clicked(bool) upset the refcount of
        # True (PySide6 6.12 / Python 3.11) and crashed the interpreter at exit. The coroutines show
        # their own outcome (they check the tab is still alive after each await).
        UiOp[None](self, name="delivery tab").run(coroutine)

    def _alive(self) -> bool:
        # A lookup awaited while the tab was closed comes back to a deleted C++ object.
        return shiboken6.isValid(self)

    # --- the form ---------------------------------------------------------------------------------------

    def refresh_sources(self) -> None:
        """The order list again, read in a worker (:meth:`refresh_sources_now`)."""
        self._spawn(self.refresh_sources_now())

    async def refresh_sources_now(self) -> None:
        """Reads the open delivery orders in a worker thread: with thousands in the cache the read held
        the Qt thread for seconds when the tab was first shown. The latest read wins."""
        self._sources_stale = False
        self._sources_reads += 1
        read_number = self._sources_reads
        if self.orders is None:
            self.form.set_sources([])
            return
        read = self.orders.open_orders_in_worker
        choices = await asyncio.get_running_loop().run_in_executor(None, lambda: source_choices(read()))
        if self._alive() and read_number == self._sources_reads:
            self.form.set_sources(choices)

    def use_order(self, order_view_id: int) -> None:
        order = self.orders.order(order_view_id) if self.orders and order_view_id else None
        if order is not None and not courier_booking(order):
            return  # a greyed entry: the form keeps what it has
        self.form.fill(self.service.form_for_order(order) if order else self.service.manual_form())
        self.quotes.clear()
        contacts = self.service.contacts
        if order is not None and contacts is not None and contacts.needs_decrypting(order):
            self._spawn(self._fill_decrypted(order))

    async def _fill_decrypted(self, order: Order) -> None:
        """Keeta's masked name, phone and address, once decrypted (self-delivery orders only)."""
        contacts = self.service.contacts
        if contacts is None:
            return
        self.form.note.setText(translate("Delivery", "Reading the customer's details from Keeta…"))
        await contacts.decrypt([order])
        if not self._alive() or self.form.source.currentData() != order.order_view_id:
            return
        self.form.note.setText("")
        if contacts.needs_decrypting(order):
            self.form.note.setText(
                translate("Delivery", "Keeta did not give the customer's details; type them in.")
            )
            return
        fresh = self.service.form_for_order(order)
        form = self.form.form()
        # Only the contact fields: the cashier may have changed the rest meanwhile.
        self.form.fill(form.with_changes(name=fresh.name, phone=fresh.phone, address=fresh.address))

    def quote(self) -> None:
        self._spawn(self.quote_now())

    async def quote_now(self) -> None:
        self.form.show_problems({})
        self.form.note.setText(translate("Delivery", "Asking Zeek…"))
        try:
            result = await self.service.quote(self.form.form())
        except FormInvalid as invalid:
            self.form.show_problems(invalid.problems)
            self.form.note.setText("")
            return
        except (ZeekError, DeliveryValidationError) as error:
            self.form.note.setText(
                translate("Delivery", "Zeek did not answer the quote: {e}").replace("{e}", zeek_text(error))
            )
            return
        if not self._alive():
            return
        self.quotes.show_result(result)
        self.form.note.setText("")

    def book(self) -> DeliveryBooking | None:
        self.form.show_problems({})
        try:
            form = self.form.form()
            order = None
            if self.orders is not None and form.keeta_order_view_id is not None:
                order = self.orders.order(form.keeta_order_view_id)
            booking = self.service.book(form, order)
        except FormInvalid as invalid:
            self.form.show_problems(invalid.problems)
            self.form.note.setText(translate("Delivery", "Please fix the fields marked in red."))
            return None
        except DeliveryRefused as refused:
            self.form.note.setText(tr(refused.reason))
            return None
        self.form.note.setText(
            translate("Delivery", "Booking sent. Pickup code {code}: write it on the bag.").replace(
                "{code}", booking.pickup_code
            )
        )
        self.shown = booking.client_order_id
        self.refresh()
        return booking

    # --- cancel and lookup -------------------------------------------------------------------------------

    def _cancel_clicked(self) -> None:
        current = self.active.current()
        if current is not None:
            self.ask_cancel(current)

    def _lookup_clicked(self) -> None:
        self.lookup(self.active.phone.text())

    def ask_cancel(self, client_order_id: str) -> CancelDialog | None:
        booking = self.service.booking(client_order_id)
        if booking is None:
            return None
        dialog = CancelDialog(booking.pickup_code, self.service.cancel_warning(booking), self)
        dialog.client_order_id = client_order_id
        dialog.accepted.connect(self._cancel_accepted)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()  # never exec(): a nested loop inside qasync re-enters running tasks
        return dialog

    def _cancel_accepted(self) -> None:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return
        try:
            self.service.cancel(
                dialog.client_order_id, dialog.reason.text(), accept_fee_risk=dialog.risk_accepted
            )
        except DeliveryRefused as refused:
            self.alert.setText(tr(refused.reason))

    def take_over(self, old: DeliveryTab) -> None:
        """This tab replaces ``old`` (rebuilt in a new language): the half-typed form and an open cancel
        dialog come along, so a language switch loses nothing the cashier typed."""
        self.form.source.blockSignals(True)  # choosing the order would refill the form from it
        self.form.choose_source(old.form.source.currentData() or 0)
        self.form.source.blockSignals(False)
        self.form.fill(old.form.form())
        self.shown = old.shown
        dialog = old.dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return
        dialog.accepted.disconnect(old._cancel_accepted)
        dialog.setParent(self, dialog.windowFlags())  # hides it: shown again below
        dialog.accepted.connect(self._cancel_accepted)
        old.dialog = None
        self.dialog = dialog
        dialog.open()

    def lookup(self, phone: str) -> None:
        self._spawn(self.lookup_now(phone))

    async def lookup_now(self, phone: str) -> None:
        try:
            found = await self.service.lookup_phone(phone)
        except DeliveryValidationError as invalid:  # a malformed phone
            self.active.show_lookup([], problems_text(invalid.problems))
            return
        except ZeekError as error:
            self.active.show_lookup(
                [], translate("Delivery", "Nothing found: {e}").replace("{e}", zeek_text(error))
            )
            return
        if self._alive():
            self.active.show_lookup(found)
            self.refresh()

    # --- engine events ----------------------------------------------------------------------------------

    def _changed(self, change: DeliveryChange) -> None:
        if not self._alive():
            return
        action = change.action
        if action is not None:
            if action.state in (ActionState.PENDING, ActionState.SENDING):
                self._sending.add(change.client_order_id)
            else:
                self._sending.discard(change.client_order_id)
                if action.state is ActionState.FAILED:
                    self.alert.setText(
                        translate("Delivery", "Zeek refused: {e}").replace("{e}", action_failure_text(action))
                    )
                elif action.state is ActionState.NEEDS_PERSON:
                    self.alert.setText(
                        translate(
                            "Delivery",
                            "Zeek's answer was lost and the booking does not show whether the cancel went "
                            "through. Check it in the Zeek app; nothing is sent again.",
                        )
                    )
        self.refresh()

    def _alerted(self, alert: DeliveryAlert) -> None:
        if self._alive():
            self.alert.setText(tr(alert.text))

    def _order_changed(self, update: OrderUpdate) -> None:
        """The order list reloads every open order: done when the tab is on screen, once per burst of
        changes. Reloading on each push kept the Qt thread ~50 ms from painting the board's new order
        (tests/bench/bench_painted.py)."""
        if not self._alive() or not (update.new or update.status_changed):
            return
        self._sources_stale = True
        if self.isVisible() and not self._sources_queued:
            self._sources_queued = True
            QTimer.singleShot(0, self, self._refresh_stale_sources)

    def _refresh_stale_sources(self) -> None:
        self._sources_queued = False
        if self._sources_stale and self.isVisible():
            self.refresh_sources()

    # --- list and map -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        bookings = self.service.active()
        self.active.show_bookings(bookings, self._sending)
        ids = [b.client_order_id for b in bookings]
        if bookings and self.shown not in ids:
            # Nothing chosen yet (or it left the list): the most recent courier still under way.
            running = [b for b in bookings if not b.status.is_final]
            self.shown = (running or bookings)[0].client_order_id
        if self.shown is not None:
            self.active.select(self.shown)
            self.show_delivery(self.shown)

    def show_delivery(self, client_order_id: str) -> None:
        booking = self.service.booking(client_order_id)
        if booking is None:
            return
        self.shown = client_order_id
        self.code.setText(booking.pickup_code)
        self.summary.setText(self.summary_for(booking))
        words = translate("Delivery", "Open Zeek's page for this delivery")
        link = link_html(booking.order_url, words)
        self.page_link.setText(link or "")
        self.page_link.setAccessibleName(words)
        self.page_link.setToolTip(booking.order_url if link else "")
        self.page_link.setVisible(link is not None)
        self.map.show_scene(self.scene_for(booking))

    def summary_for(self, booking: DeliveryBooking) -> str:
        request = self.service.request(booking.client_order_id)
        who = " · ".join(x for x in (request.customer_name, request.address) if x) if request else ""
        status = status_text(booking, booking.client_order_id in self._sending)
        return f"{who}\n{status}" if who else status

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._sources_stale:  # orders came and went while another tab was in front
            self.refresh_sources()
        self.refresh()  # the booking under way selected, on the map and fitted to it

    def scene_for(self, booking: DeliveryBooking) -> MapScene:
        request = self.service.request(booking.client_order_id)
        places = self.service.places.get(booking.order_id)
        store = point(places.store if places and places.store else self.store_location)
        customer = point(request.location if request else places.customer if places else "")
        if not booking.order_id:
            return MapScene(booking.client_order_id, store, customer)
        path = [(p.latitude, p.longitude) for p in self.service.track(booking.order_id)]
        latest = self.service.latest_position(booking.order_id)
        partner = (latest.latitude, latest.longitude) if latest else None
        name = booking.partner.name if booking.partner else ""
        label = f"{name} · {booking.pickup_code}" if name else booking.pickup_code
        return MapScene(booking.client_order_id, store, customer, partner, label, path)
