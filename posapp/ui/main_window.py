"""The cashier's window: connection bar, board, refund desk, history; alerts and settings.

It receives everything from the session builder (``posapp/session.py``): the services and the bridge.
Nothing here waits on the network; actions go to the outbox and come back through the bridge.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.brands import brands_of
from posapp.domain.order import OrderStatus
from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.domain.store_state import StoreState
from posapp.engine import zeek_fees
from posapp.engine.orders import ActionRefused, OrderUpdate
from posapp.engine.services import AppServices
from posapp.engine.sold_out import SoldOutChange, offer_for
from posapp.engine.sync import ConnectionStatus
from posapp.settings import Settings
from posapp.ui.alerts import Alerter, Chime
from posapp.ui.board import BoardView
from posapp.ui.board_model import BoardModel
from posapp.ui.board_rows import BoardRows
from posapp.ui.bridge import Bridge
from posapp.ui.connection_bar import ConnectionBar
from posapp.ui.delivery.tab import DeliveryTab
from posapp.ui.errors import cashier_text
from posapp.ui.first_run import FirstRunWizard
from posapp.ui.history import HistoryPanel
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.ops import UiOp
from posapp.ui.partial_refund import PartialRefundDialog
from posapp.ui.quiet_tabs import QuietTabs
from posapp.ui.refund_desk import RefundDesk
from posapp.ui.settings_dialog import SettingsDialog
from posapp.ui.sold_out_dialog import SoldOutDialog
from posapp.ui.sold_out_offer import SoldOutOffer
from posapp.ui.store_status import StoreStatusButton
from posapp.ui.themes import apply_theme
from posapp.ui.timefmt import Clock
from posapp.ui.top_bar import TopBar
from posapp.ui.unread_notice import UnreadNotice

# The session builder's delivery tab on these services and bridge (None without Zeek).
DeliveryTabMaker = Callable[[AppServices, Bridge], DeliveryTab | None]

TICK_MS = 1000


class MainWindow(QMainWindow):
    board_loaded = Signal()  # the cache's open orders are on the board (read in a worker at start)

    def __init__(
        self,
        services: AppServices,
        bridge: Bridge,
        languages: LanguageSwitcher | None = None,
        chime: Chime | None = None,
        clock: Clock = time.time,
        *,
        delivery_tab: DeliveryTabMaker,
    ) -> None:
        """``delivery_tab`` builds the delivery tab on the current engine (None without Zeek): the session
        builder's, asked again whenever the tab is rebuilt."""
        super().__init__()
        self.services = services
        self.bridge = bridge
        self._delivery_tab = delivery_tab
        self._languages = languages
        self._clock = clock
        self._history: dict[int, list[OutboxAction]] = {}
        self.dialog: QDialog | None = None
        self.model = BoardModel(clock, self)
        self._load_board()  # first: the read overlaps building the window
        self.board = BoardView(services.orders, self.model, services.settings.default_prep_minutes, clock)
        self.refunds = RefundDesk(services.orders, self.model, clock)
        self.history = HistoryPanel(
            self.model,
            clock,
            load_day=services.orders.orders_since,
            load_range=services.orders.orders_between,
            load_bookings=zeek_fees.bookings_between,
            zeek_fee_cents=lambda: self.services.settings.zeek_fee_per_delivery_cents,
        )
        self.connection = ConnectionBar(clock)
        self.unread = UnreadNotice(self._dismiss_unread)
        self.alerter = Alerter(self, chime)
        self.tabs = QuietTabs()
        self.tabs.addTab(self.board, "")
        self.tabs.addTab(self.refunds, "")
        self.tabs.addTab(self.history, "")
        self.delivery: DeliveryTab | None = self._new_delivery_tab()
        if services.delivery is not None:
            self.board.detail.booking_of = services.delivery.service.latest_booking_for
        if self.delivery is not None:
            self.tabs.addTab(self.delivery, "")
        self.demo_banner = QLabel()
        self.demo_banner.setProperty("role", "banner")
        self.demo_banner.setWordWrap(True)  # two short lines rather than half the top row
        self.demo_banner.setMaximumWidth(400)
        self.demo_banner.setMinimumWidth(300)
        self.demo_banner.setVisible(services.demo)
        # Busy mode and sold out (issue 17): the store's status, always visible, with its controls.
        self.store_button: StoreStatusButton | None = None
        if services.busy is not None:
            store = services.controls or services.busy
            self.store_button = StoreStatusButton(store, brands_of(services.settings))
        self.sold_out_dialog: SoldOutDialog | None = None
        self._offered: set[int] = set()
        self.settings_button = QPushButton()
        self.language_button = QPushButton()
        for button in (self.settings_button, self.language_button):
            button.setProperty("size", "compact")  # the top row stays low: the order below gets the room
        self._build()
        self._connect(bridge)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self._apply_settings(services.settings)
        self.retranslate()

    def _build(self) -> None:
        left: list[QWidget] = [self.demo_banner]
        if self.store_button is not None:
            left.append(self.store_button)
        self.top_bar = TopBar(left, self.connection, [self.language_button, self.settings_button])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.connection.notices)  # what happened: under the bar, only while it says so
        layout.addWidget(self.unread)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1366, 768)  # the common counter screen; --snapshot --size tries the others

    def _connect(self, bridge: Bridge) -> None:
        self._follow(bridge)
        self.board.order_selected.connect(self.alerter.touch)
        self.board.order_actions.touched.connect(self.alerter.touch)
        self.refunds.order_actions.touched.connect(self.alerter.touch)
        self.board.order_actions.partial_refund_requested.connect(self.open_partial_refund)
        self.refunds.partial_refund_requested.connect(self.open_partial_refund)
        self.alerter.sound_problem.connect(lambda text: self.statusBar().showMessage(text))
        self.settings_button.clicked.connect(self.open_settings)
        self.language_button.clicked.connect(self._toggle_language)
        if self.store_button is not None:
            self.store_button.sold_out_requested.connect(self.open_sold_out)

    def _follow(self, bridge: Bridge) -> None:
        """The engine's events, through the bridge (a new bridge when the session reconnects)."""
        self.bridge = bridge  # the delivery tab (rebuilt after this) and the drill follow the same one
        bridge.order_changed.connect(self.order_changed)
        bridge.action_changed.connect(self.action_changed)
        bridge.connection_changed.connect(self.connection_changed)
        bridge.unreadable_changed.connect(self.unread.show_items)
        bridge.task_health.connect(self.connection.set_task_health)
        if self.services.unreadable is not None:
            self.unread.show_items(self.services.unreadable.items)
        services = self.services
        if self.store_button is not None and services.busy is not None:
            self.store_button.use(services.controls or services.busy, brands_of(services.settings))
            bridge.store_changed.connect(self.store_button.show_state)
            bridge.store_reminder.connect(self._store_reminder)
        bridge.items_changed.connect(self._items_changed)
        bridge.sold_out_settled.connect(self._sold_out_settled)

    def rebind(self, bridge: Bridge) -> None:
        """The session reconnected (a new store, relay or secret): this window, its tabs and what is
        typed in them stay; only the engine underneath is new (``self.services`` already points at it)."""
        orders = self.services.orders
        self.board.order_actions.use_service(orders)
        self.refunds.order_actions.use_service(orders)
        self.history.use_loaders(orders.orders_since, orders.orders_between)
        self._history.clear()
        self._load_board()
        if self.sold_out_dialog is not None:
            self.sold_out_dialog.close()  # its list was the previous store's
        self._follow(bridge)
        self.rebuild_delivery_tab()

    def _load_board(self) -> None:
        """The open orders, read in a worker: with thousands in the cache that held the Qt thread for
        seconds before the window could paint (tests/bench/bench_board.py). Only their rows are read
        (with lanes and search keys); the board decodes an order when it shows it. The window paints
        at once; orders the engine reports meanwhile go on the board as they come."""
        self.model.expect_load()
        read = self.services.orders.open_stored_orders_in_worker
        UiOp[BoardRows](
            self, name="board", success=self._board_read, failure=self._board_unread
        ).run_blocking(lambda: BoardRows.of_stored(read()))

    def _board_read(self, rows: BoardRows) -> None:
        self.model.load_rows(rows)
        self.board_loaded.emit()

    def _board_unread(self, error: Exception) -> None:
        self.model.load([])  # the engine's updates still come; the board stops waiting for the cache
        self.statusBar().showMessage(self.tr("The saved orders could not be read; new orders still arrive."))
        self.board_loaded.emit()

    # --- engine events -----------------------------------------------------------------------------------

    def order_changed(self, update: OrderUpdate) -> None:
        order = update.order
        self.model.upsert(order)
        self.connection.order_update(update)
        if update.new and order.status is OrderStatus.NEW:
            self.alerter.new_order(order)
            if self.services.settings.auto_accept:
                self._auto_accept(order.order_view_id)
        elif order.status is not OrderStatus.NEW:
            self.alerter.touch(order.order_view_id)  # accepted or cancelled elsewhere: stop ringing
        if update.refund_requested:
            self.alerter.new_order(order)
        selected = self.board.selected
        if selected is not None and selected.order_view_id == order.order_view_id:
            self.board.show_order(order, self._history.get(order.order_view_id))
        self.refunds.order_changed(order)

    def action_changed(self, action: OutboxAction) -> None:
        self._offer_sold_out(action)
        self.model.set_action(action)
        if action.platform in ("keeta", "zeek") and action.state in (ActionState.DONE, ActionState.FAILED):
            # A platform that answered, even with a refusal, is reachable; no answer at all is the problem.
            transport_failed = action.state is ActionState.FAILED and action.error_code is None
            self.connection.set_health(action.platform, not transport_failed)
        order_view_id = action.order_view_id
        if order_view_id is None:
            return
        history = self._history.setdefault(order_view_id, [])
        history[:] = [a for a in history if a.id != action.id] + [action]
        selected = self.board.selected
        if selected is not None and selected.order_view_id == order_view_id:
            self.board.show_order(self.model.order(order_view_id) or selected, history)
        self.refunds.action_changed(order_view_id)

    def connection_changed(self, status: ConnectionStatus) -> None:
        self.connection.set_status(status)

    def _dismiss_unread(self) -> None:
        if self.services.unreadable is not None:
            self.services.unreadable.dismiss()

    def _auto_accept(self, order_view_id: int) -> None:
        try:
            self.services.orders.confirm(order_view_id)
        except ActionRefused as refused:
            self.statusBar().showMessage(cashier_text(refused))
            return
        self.alerter.touch(order_view_id)

    def tick(self) -> None:
        self.model.tick()
        self.board.detail.tick()
        self.refunds.tick()
        self.connection.tick()

    # --- busy mode and sold out ----------------------------------------------------------------------------

    def _store_reminder(self, state: StoreState) -> None:
        if self.services.settings.chime:
            self.alerter.chime.play()
        text = self.tr("The store is still paused on Keeta: customers cannot order.")
        if self.store_button is not None:
            text = self.store_button.about(state.shop_id, text)  # which brand, when there are several
        self.statusBar().showMessage(text)

    def open_sold_out(self, shop_id: int | None = None) -> SoldOutDialog | None:
        """The sold-out dialog, on ``shop_id``'s menu when given (several brands: each its own menu)."""
        if self.services.sold_out is None:
            return None
        if self.sold_out_dialog is None:
            lists = self.services.controls or self.services.sold_out
            dialog = SoldOutDialog(lists, self, brands_of(self.services.settings))
            dialog.finished.connect(self._sold_out_closed)
            self.sold_out_dialog = dialog
        if shop_id is not None:
            self.sold_out_dialog.choose_brand(shop_id)
        self.sold_out_dialog.show()
        self.sold_out_dialog.raise_()
        return self.sold_out_dialog

    def _sold_out_closed(self) -> None:
        self.sold_out_dialog = None

    def _items_changed(self, _items: object) -> None:
        if self.sold_out_dialog is not None:
            self.sold_out_dialog.reload()

    def _sold_out_settled(self, change: SoldOutChange) -> None:
        if self.sold_out_dialog is not None:
            self.sold_out_dialog.settled(change)
        elif change.failed or change.refused:
            names = ", ".join(change.refused)
            self.statusBar().showMessage(self.tr("Keeta did not change these items: {0}").format(names))

    def _offer_sold_out(self, action: OutboxAction) -> None:
        """A cancel or partial refund for missing ingredients: offer to mark the items sold out (once)."""
        if self.services.sold_out is None or action.id in self._offered:
            return
        try:
            order = self.model.order(int(action.order_ref))
        except ValueError:
            return
        items = None if order is None else offer_for(action, order)
        if not items or order is None:
            return
        self._offered.add(action.id)
        offer = SoldOutOffer(items, self)
        offer.chosen.connect(lambda spu_ids, shop=order.shop_id: self._mark_offered(spu_ids, shop))
        self._open(offer)

    def _mark_offered(self, spu_ids: list[int], shop_id: int) -> None:
        """Marked in the order's own shop: each brand has its own menu."""
        dialog = self.open_sold_out(shop_id)
        if dialog is not None and spu_ids:
            dialog.start_marking(spu_ids, shop_id)

    # --- dialogs ------------------------------------------------------------------------------------------

    def open_partial_refund(self, order_view_id: int) -> PartialRefundDialog | None:
        order = self.model.order(order_view_id)
        if order is None:
            return None
        dialog = PartialRefundDialog(self.services.orders, order, self)
        dialog.applied.connect(self.action_changed)
        self._open(dialog)
        return dialog

    def open_settings(self) -> SettingsDialog:
        services = self.services
        dialog = SettingsDialog(services.settings, services.secrets, self, shown=services.secret_values)
        dialog.saved.connect(lambda settings: self._settings_saved(settings, dialog.secrets_changed))
        dialog.setup_requested.connect(self.open_setup)
        self._open(dialog)
        return dialog

    def open_setup(self) -> FirstRunWizard:
        """The first-run setup again, from Settings: the shop's own settings, no demo offered."""
        wizard = FirstRunWizard(
            self.services.settings, self.services.secrets, self.alerter.chime, offer_demo=False, parent=self,
            languages=self._languages,
        )  # fmt: skip
        # The setup writes the secrets it was given: the session reconnects with them.
        wizard.finished_setup.connect(lambda settings: self._settings_saved(settings, True))
        self._open(wizard)
        return wizard

    def _open(self, dialog: QDialog) -> None:
        # open(), never exec(): a nested event loop inside qasync re-enters running tasks.
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _settings_saved(self, settings: Settings, secrets_changed: bool = False) -> None:
        """Saved and applied in place; the session reconnects only for a new store, relay or secret."""
        self.services.save_settings(settings, secrets_changed)
        self._apply_settings(settings)

    def _show_configured(self, settings: Settings) -> None:
        services = self.services
        keeta = services.demo or settings.api_mode == "gateway" or bool(settings.keeta_app_id)
        self.connection.set_configured("relay", services.sync is not None)
        self.connection.set_configured("keeta", keeta)
        self.connection.set_configured("zeek", services.delivery is not None)
        self.connection.set_configured("printer", bool(settings.printers))

    def _apply_settings(self, settings: Settings) -> None:
        self._show_configured(settings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.font_scale)
        self.alerter.chime_enabled = settings.chime
        self.alerter.set_spoken(settings.spoken_prompt)
        self.board.order_actions.prep.setValue(settings.default_prep_minutes)
        self.board.set_brands(brands_of(settings))
        self.history.set_brands(brands_of(settings))
        if self.store_button is not None:
            self.store_button.set_brands(brands_of(settings))
        if self.sold_out_dialog is not None:
            self.sold_out_dialog.set_brands(brands_of(settings))
        self.services.orders.default_prep_minutes = settings.default_prep_minutes
        if self._languages is not None and not self._languages.switch(settings.language):
            self.statusBar().showMessage(self.tr("The Chinese translation could not be loaded."))

    def _toggle_language(self) -> None:
        settings = self.services.settings
        language = "en" if settings.language == "zh_HK" else "zh_HK"
        self._settings_saved(settings.replace(language=language))

    # --- words --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("posapp – Keeta orders"))
        self.tabs.setTabText(0, self.tr("Orders"))
        self.tabs.setTabText(1, self.tr("Refund desk"))
        self.tabs.setTabText(2, self.tr("History and day report"))
        if self.delivery is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.delivery), self.tr("Delivery"))
        self.demo_banner.setText(self.tr("DEMO – practice orders, nothing is real"))
        self.top_bar.fit()  # the banner's words in this language take two lines
        self.settings_button.setText(self.tr("Settings"))
        self.language_button.setText("中文" if self.services.settings.language != "zh_HK" else "English")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.rebuild_delivery_tab()
            self.retranslate()
        super().changeEvent(event)

    def _new_delivery_tab(self) -> DeliveryTab | None:
        return self._delivery_tab(self.services, self.bridge)

    def rebuild_delivery_tab(self) -> None:
        """The delivery tab takes its words and its engine when built; a fresh one speaks the new language
        (or uses the reconnected engine). Its data lives in the engine and the cache; the half-typed form
        and an open dialog move to the new tab. Zeek set up or removed adds or removes the tab."""
        old = self.delivery
        self.delivery = self._new_delivery_tab()
        if old is None:
            if self.delivery is not None:
                self.tabs.addTab(self.delivery, "")
                self.retranslate()
            return
        index = self.tabs.indexOf(old)
        showing = self.tabs.currentWidget() is old
        if self.delivery is not None:
            self.delivery.take_over(old)  # while the old tab still shows: an open dialog moves visible
        self.tabs.removeTab(index)
        old.deleteLater()
        if self.delivery is None:
            return
        self.tabs.insertTab(index, self.delivery, "")
        self.tabs.setTabText(index, self.tr("Delivery"))
        if showing:
            self.tabs.setCurrentWidget(self.delivery)
