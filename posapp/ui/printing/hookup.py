"""Puts printing on the cashier's window: the print-state badge in the order detail, Reprint buttons
under the order's actions, printer health and the printer-down alert on the connection bar.

The session builder (``posapp/session.py``) calls :func:`attach_printing` once the window exists;
nothing in the window has to know about printing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from posapp.engine.printing_hooks import Printing
from posapp.printing.events import JobChanged, JobNeedsAttention, PrinterDown, PrinterRecovered, PrintNotice
from posapp.ui.bridge import Bridge
from posapp.ui.connection_bar import ConnectionBar
from posapp.ui.detail import OrderDetail, ShownOrder
from posapp.ui.main_window import MainWindow
from posapp.ui.order_actions import OrderActions
from posapp.ui.printing.alert import PrinterAlert
from posapp.ui.printing.order_panel import PrintStateBadge, ReprintPanel


class PrintingScreens(QObject):
    """Owns the printing widgets on one window and routes print events to them."""

    def __init__(
        self,
        window: QMainWindow,
        printing: Printing,
        detail: OrderDetail,
        actions: OrderActions,
        connection: ConnectionBar,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._connection = connection
        self.badge = PrintStateBadge(printing.service)
        self.panel = ReprintPanel(printing)
        self.alert = PrinterAlert()
        detail.header.insertWidget(2, self.badge)
        actions.extras.addWidget(self.panel)
        connection.add_notice(self.alert)
        detail.shown.connect(self._follow)
        self.panel.changed.connect(self.badge.refresh)
        self.badge.show_order(detail.order)
        self.panel.show_order(detail.order)

    def _follow(self, shown: ShownOrder) -> None:
        self.badge.show_order(shown.order)
        self.panel.show_order(shown.order)

    def detach(self) -> None:
        """Takes the printing widgets off the window (the session reconnected: new ones follow)."""
        for widget in (self.badge, self.panel, self.alert):
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self.deleteLater()

    def print_event(self, event: PrintNotice) -> None:
        if isinstance(event, PrinterDown):
            self.alert.printer_down(event)
            self._connection.set_health("printer", False)
        elif isinstance(event, PrinterRecovered):
            self.alert.printer_recovered(event.printer)
            self._connection.set_health("printer", not self.alert.down)
        elif isinstance(event, JobNeedsAttention):
            text = self.tr(
                "Printer {0}: a ticket may not have printed. Look at the printer and answer in the order."
            )
            self._window.statusBar().showMessage(text.format(event.job.printer))
        elif isinstance(event, JobChanged) and event.job.state.printed and not self.alert.down:
            self._connection.set_health("printer", True)
        self.badge.refresh()
        self.panel.refresh()


def attach_printing(window: MainWindow, bridge: Bridge, printing: Printing) -> PrintingScreens:
    """Wire printing into the main window: board detail, order actions, connection bar."""
    board = window.board
    screens = PrintingScreens(window, printing, board.detail, board.order_actions, window.connection)
    window.history.set_report_printer(printing.print_report)
    bridge.print_event.connect(screens.print_event)
    return screens
