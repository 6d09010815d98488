"""Tickets as PDF through QPrinter, for shops without a thermal printer and for previews.

Only QtGui/QtPrintSupport (no widgets). The shipped CJK font is registered so Chinese never prints as
boxes. Painting on a QPrinter is allowed off the GUI thread, so the queue's worker thread may call this
once a QGuiApplication exists (:func:`ensure_gui_app` makes one for the command line).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import qrcode  # type: ignore[import-untyped]
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrinter

from posapp.assets import cjk_font_path
from posapp.printing.ticket import Align, Block, Feed, Qr, Row, Rule, Text, Ticket, wrap_measured

PAGE_WIDTH_MM = 80.0
UNITS = 576.0  # layout units across the page: the same grid as a 576-dot thermal printer
BASE_PX = 24.0
QR_UNITS = 200.0

Draw = Callable[[QPainter], None]


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([])


_family: str | None = None


def _font_family() -> str:
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise RuntimeError(f"Qt could not load the CJK font {cjk_font_path()}")
        _family = families[0]
    return _family


def _font(px: float, bold: bool) -> QFont:
    font = QFont(_font_family())
    font.setPixelSize(round(px))
    font.setBold(bold)
    return font


def _qr_image(data: str) -> QImage:
    code = qrcode.QRCode(box_size=8, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().get_image().save(buffer, format="PNG")
    return QImage.fromData(buffer.getvalue())


class _Layout:
    """Turns blocks into positioned draw steps in layout units, measuring as it goes."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.y = 0.0
        self.steps: list[Draw] = []

    def _text(self, line: str, px: float, bold: bool, align: Align, invert: bool, right: str = "") -> None:
        font = _font(px, bold)
        height = QFontMetricsF(font).height() * 1.1
        box = QRectF(4, self.y, UNITS - 8, height)
        flags = {Align.LEFT: Qt.AlignmentFlag.AlignLeft, Align.CENTER: Qt.AlignmentFlag.AlignHCenter}
        flag = flags.get(align, Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter

        def draw(p: QPainter) -> None:
            p.setFont(font)
            if invert:
                p.fillRect(QRectF(0, box.top(), UNITS, box.height()), Qt.GlobalColor.black)
            p.setPen(Qt.GlobalColor.white if invert else Qt.GlobalColor.black)
            p.drawText(box, flag, line)
            if right:
                p.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)

        self.steps.append(draw)
        self.y += height

    @staticmethod
    def _measure(px: float, bold: bool) -> Callable[[str], float]:
        return QFontMetricsF(_font(px, bold)).horizontalAdvance

    def add(self, block: Block) -> None:
        if isinstance(block, Text):
            px = BASE_PX * block.size.factor
            for line in wrap_measured(block.text, self._measure(px, block.bold), UNITS - 8):
                self._text(line, px, block.bold, block.align, block.invert)
        elif isinstance(block, Row):
            px = BASE_PX * block.size.factor
            measure = self._measure(px, block.bold)
            lines = wrap_measured(block.left, measure, UNITS - 8 - measure(block.right + "  "))
            for i, line in enumerate(lines):
                right = block.right if i == len(lines) - 1 else ""
                self._text(line, BASE_PX * block.size.factor, block.bold, Align.LEFT, False, right)
        elif isinstance(block, Rule):
            y, thick = self.y + BASE_PX / 2, 3.0 if block.char == "=" else 1.0
            self.steps.append(lambda p: p.fillRect(QRectF(4, y, UNITS - 8, thick), Qt.GlobalColor.black))
            self.y += BASE_PX
        elif isinstance(block, Qr):
            image, top = _qr_image(block.data), self.y
            target = QRectF((UNITS - QR_UNITS) / 2, top, QR_UNITS, QR_UNITS)
            self.steps.append(lambda p: p.drawImage(target, image))
            self.y += QR_UNITS
            if block.caption:
                self._text(block.caption, BASE_PX, False, Align.CENTER, False)
        elif isinstance(block, Feed):
            self.y += BASE_PX * block.lines


def write_pdf(tickets: Sequence[Ticket], path: str | Path) -> Path:
    """Write ``tickets`` to one PDF, a page each, 80 mm wide and as long as the ticket."""
    ensure_gui_app()
    layouts = []
    for ticket in tickets:
        layout = _Layout(ticket.columns)
        for block in ticket.blocks:
            layout.add(block)
        layouts.append(layout)
    mm_per_unit = PAGE_WIDTH_MM / UNITS
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)

    def page_size(layout: _Layout) -> QPageSize:
        height = (layout.y + BASE_PX * 2) * mm_per_unit
        return QPageSize(QSizeF(PAGE_WIDTH_MM, height), QPageSize.Unit.Millimeter, "ticket")

    printer.setPageSize(page_size(layouts[0]))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"cannot write PDF to {path}")
    try:
        for index, layout in enumerate(layouts):
            if index:
                printer.setPageSize(page_size(layout))
                printer.newPage()
            painter.resetTransform()
            scale = printer.pageLayout().fullRectPixels(printer.resolution()).width() / UNITS
            painter.scale(scale, scale)
            painter.translate(QPointF(0, BASE_PX))
            for step in layout.steps:
                step(painter)
    finally:
        painter.end()
    return Path(path)
