"""The store's status in the top bar, and the pause / reopen / sold-out controls behind it.

Always visible: "Store open", "Paused until 13:30", "Paused until you reopen", "Closed by Keeta"
(suspended, and not by this app) or "Store status unknown" until Keeta has been asked. With several
brands (several Keeta shops) the bar says it compactly — "All brands open", "Noodles: Paused until
13:30", "2 brands paused" — and the tooltip lists every brand. A tap opens the menu: pause 15 / 30 /
60 minutes or until reopened, reopen now (for all brands, or one brand in its own submenu), sold-out
items. The widget only calls :class:`BusyMode`; what Keeta says comes back through the bridge
(``store_changed``, each state naming its shop).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from posapp.brands import Brand
from posapp.domain.store_state import PAUSE_CHOICES, StoreMode, StoreState
from posapp.engine.brand_controls import BrandControls
from posapp.engine.busy_mode import BusyMode
from posapp.ui.timefmt import local_hm

log = logging.getLogger(__name__)

LABEL_CHARS = 16  # a brand's name in the top bar: the bar must fit 1024 px in both languages
REOPENABLE = (StoreMode.PAUSED, StoreMode.CLOSED_BY_KEETA)


def store_text(state: StoreState) -> str:
    """The top bar's words for ``state`` in the current language."""
    if state.mode is StoreMode.PAUSED:
        if state.pause_until is None:
            text = QCoreApplication.translate("StoreStatus", "Paused until you reopen")
        else:
            text = QCoreApplication.translate("StoreStatus", "Paused until {0}").format(
                local_hm(state.pause_until)
            )
        if state.left_on_at_closing:
            text += " · " + QCoreApplication.translate("StoreStatus", "still paused at closing time")
        elif state.over_limit:
            text += " · " + QCoreApplication.translate("StoreStatus", "paused a long time")
    elif state.mode is StoreMode.OPEN:
        text = QCoreApplication.translate("StoreStatus", "Store open")
    elif state.mode is StoreMode.CLOSED_BY_KEETA:
        text = QCoreApplication.translate("StoreStatus", "Closed by Keeta")
    else:
        text = QCoreApplication.translate("StoreStatus", "Store status unknown")
    if state.sending:
        text += " · " + QCoreApplication.translate("StoreStatus", "sending…")
    return text


def short_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def brand_line(label: str, text: str) -> str:
    """ "Noodles: Paused until 13:30" (a full-width colon in Chinese)."""
    return QCoreApplication.translate("StoreStatus", "{0}: {1}").format(label, text)


def summary_text(states: Sequence[tuple[str, StoreState]]) -> str:
    """One line for every brand's store: the one brand's words, or who is not open."""
    if len(states) == 1:
        return store_text(states[0][1])
    not_open = [(label, state) for label, state in states if state.mode is not StoreMode.OPEN]
    sending = any(state.sending for _, state in states)
    if not not_open:
        text = QCoreApplication.translate("StoreStatus", "All brands open")
    elif len(not_open) == 1:
        label, state = not_open[0]
        return brand_line(short_label(label), store_text(state))
    elif all(state.mode is StoreMode.PAUSED for _, state in not_open):
        text = QCoreApplication.translate("StoreStatus", "{0} brands paused").format(len(not_open))
    elif all(state.mode is StoreMode.UNKNOWN for _, state in not_open):
        text = QCoreApplication.translate("StoreStatus", "Store status unknown")
    else:
        text = QCoreApplication.translate("StoreStatus", "{0} brands not open").format(len(not_open))
    if sending:
        text += " · " + QCoreApplication.translate("StoreStatus", "sending…")
    return text


@dataclass
class PauseMenu:
    """The pause and reopen actions of one brand (``shop_id``), or of all brands (None)."""

    shop_id: int | None
    pause_actions: dict[int | None, QAction]
    reopen_action: QAction
    menu: QMenu | None = None  # the brand's submenu (None: the actions sit in the top menu)


class StoreStatusButton(QToolButton):
    sold_out_requested = Signal()

    def __init__(
        self,
        busy: BusyMode | BrandControls,
        brands: Sequence[Brand] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumHeight(40)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.problem = ""
        self.controls = _controls(busy)
        self.brands: tuple[Brand, ...] = tuple(brands)
        self.states: dict[int, StoreState] = self.controls.states()
        self.menus: dict[int | None, PauseMenu] = {}
        self._build_menu()

    # --- the controls ---------------------------------------------------------------------------

    @property
    def busy(self) -> BusyMode:
        """The main shop's busy mode."""
        return self.controls.busy[self.controls.main_shop]

    @property
    def state(self) -> StoreState:
        """The main shop's state."""
        return self.states.get(self.controls.main_shop, self.busy.state)

    @property
    def pause_actions(self) -> dict[int | None, QAction]:
        """Pause every brand (the only brand's pause when there is one)."""
        return self.menus[None].pause_actions

    @property
    def reopen_action(self) -> QAction:
        return self.menus[None].reopen_action

    def use(self, busy: BusyMode | BrandControls, brands: Sequence[Brand] | None = None) -> None:
        """The session reconnected: the controls act on the new engine's busy modes."""
        self.controls = _controls(busy)
        if brands is not None:
            self.brands = tuple(brands)
        self.states = self.controls.states()
        self._build_menu()

    def set_brands(self, brands: Sequence[Brand]) -> None:
        """Brand names or colours changed in Settings: relabelled in place."""
        self.brands = tuple(brands)
        self._build_menu()

    def about(self, shop_id: int, text: str) -> str:
        """``text`` about one brand's store, prefixed with the brand when the counter has several."""
        return brand_line(self.label(shop_id), text) if self._several() else text

    def label(self, shop_id: int) -> str:
        return next((b.label for b in self.brands if b.shop_id == shop_id), str(shop_id))

    def _several(self) -> bool:
        return len(self.controls.shops) > 1

    def _build_menu(self) -> None:
        self.menu_.clear()
        self.menus = {}
        if self._several():
            for target in [None, *self.controls.shops]:
                submenu = self.menu_.addMenu("")
                self.menus[target] = self._add_controls(submenu, target)
        else:
            self.menus[None] = self._add_controls(self.menu_, None, own_menu=False)
        self.menu_.addSeparator()
        self.sold_out_action = self.menu_.addAction("")
        self.sold_out_action.triggered.connect(self.sold_out_requested.emit)
        self.retranslate()

    def _add_controls(self, menu: QMenu, target: int | None, own_menu: bool = True) -> PauseMenu:
        actions: dict[int | None, QAction] = {}
        for minutes in PAUSE_CHOICES:
            action = menu.addAction("")
            action.triggered.connect(lambda _=False, m=minutes, t=target: self.pause(m, t))
            actions[minutes] = action
        menu.addSeparator()
        reopen = menu.addAction("")
        reopen.triggered.connect(lambda _=False, t=target: self.reopen(t))
        return PauseMenu(target, actions, reopen, menu if own_menu else None)

    def pause(self, minutes: int | None, shop_id: int | None = None) -> None:
        """Pause one brand, or every brand (None)."""
        for busy in self._targets(shop_id):
            busy.pause(minutes)

    def reopen(self, shop_id: int | None = None) -> None:
        """Reopen one brand, or every brand that is paused or closed (None)."""
        targets = self._targets(shop_id)
        if shop_id is None and len(targets) > 1:
            targets = [busy for busy in targets if busy.state.mode in REOPENABLE]
        for busy in targets:
            busy.reopen()

    def _targets(self, shop_id: int | None) -> list[BusyMode]:
        if shop_id is None:
            return [self.controls.busy[shop] for shop in self.controls.shops]
        return [self.controls.busy_of(shop_id)]

    # --- showing --------------------------------------------------------------------------------

    def show_state(self, state: StoreState) -> None:
        if state.shop_id in self.controls.busy or not self.states:
            self.states[state.shop_id or self.controls.main_shop] = state
        self._render()

    def _labelled(self) -> list[tuple[str, StoreState]]:
        return [
            (self.label(shop), self.states.get(shop, StoreState(shop_id=shop)))
            for shop in self.controls.shops
        ]

    def _render(self) -> None:
        labelled = self._labelled()
        several = len(labelled) > 1
        text = summary_text(labelled)
        problems = [
            brand_line(short_label(label), _problem_text(state)) if several else _problem_text(state)
            for label, state in labelled
            if state.problem
        ]
        self.problem = "\n".join(problems)
        lines = [brand_line(label, store_text(state)) for label, state in labelled] if several else [text]
        self.setText(text)
        self.setToolTip("\n".join(problems + lines) if problems else "\n".join(lines))
        states = [state for _, state in labelled]
        paused = any(s.mode is StoreMode.PAUSED for s in states)
        warn = any(
            s.mode is StoreMode.CLOSED_BY_KEETA or s.over_limit or s.left_on_at_closing for s in states
        )
        self.setProperty("role", "danger" if warn else ("warning" if paused else ""))
        self.style().unpolish(self)
        self.style().polish(self)
        for target, menu in self.menus.items():
            chosen = states if target is None else [self.states.get(target, StoreState())]
            menu.reopen_action.setEnabled(any(s.mode in REOPENABLE for s in chosen))
            if menu.menu is not None:
                title = self.tr("All brands") if target is None else self.label(target)
                if target is not None:
                    title += " – " + store_text(chosen[0])
                menu.menu.setTitle(title)

    def retranslate(self) -> None:
        words = {
            15: self.tr("Pause 15 minutes"),
            30: self.tr("Pause 30 minutes"),
            60: self.tr("Pause 60 minutes"),
            None: self.tr("Pause until I reopen"),
        }
        for menu in self.menus.values():
            for minutes, action in menu.pause_actions.items():
                action.setText(words[minutes])
            menu.reopen_action.setText(self.tr("Reopen now"))
        self.sold_out_action.setText(self.tr("Sold-out items…"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _controls(busy: BusyMode | BrandControls) -> BrandControls:
    if isinstance(busy, BrandControls):
        return busy
    # One shop: its busy mode alone (a sold-out list is not this widget's business).
    return BrandControls({busy.shop_id: busy}, {}, busy.shop_id)


def _problem_text(state: StoreState) -> str:
    log.warning("store pause/reopen failed: %s (code %s)", state.problem, state.problem_code)
    if state.problem_code is None:
        return QCoreApplication.translate(
            "StoreStatus", "Keeta did not answer the last pause or reopen. Try again."
        )
    return QCoreApplication.translate(
        "StoreStatus", "Keeta refused the last pause or reopen. The details are in the log."
    )
