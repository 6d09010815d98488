"""Ticket → ESC/POS bytes, with the printer's own way of printing Chinese.

python-escpos sends any Han text as GB18030 without a Chinese-mode command, which prints garbage on
the Big5 printers common in Hong Kong. So text is encoded here and sent raw: ``FS &`` (Chinese mode on)
+ Big5-HKSCS or GB18030 bytes + ``FS .`` (off). A line the printer's code table cannot hold (a rare
HKSCS character, an emoji) is drawn as an image instead; the raster encoding draws the whole ticket.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from posapp.printing.raster import PAPER_DOTS, render_blocks, render_ticket
from posapp.printing.ticket import Align, Feed, Qr, Row, Rule, Size, Text, Ticket, pad_row, wrap

CHINESE_ON = b"\x1c&"  # FS &
CHINESE_OFF = b"\x1c."  # FS .
INIT = b"\x1b@"  # ESC @
RASTER_IMAGE = b"\x1dv0"  # GS v 0
NATIVE_QR = b"\x1d(k"  # GS ( k
CUTS = (b"\x1dV\x00", b"\x1dV\x01", b"\x1dVA", b"\x1dVB")  # GS V full/partial, with and without feed
DEFAULT_PROFILE = "TM-T20II"  # a generic 80 mm, 576-dot, cutter-equipped model
DOTS_PER_COLUMN = 12  # Font A is 12 x 24 dots


class Encoding(Enum):
    BIG5 = "big5"
    GB18030 = "gb18030"
    RASTER = "raster"

    @property
    def codec(self) -> str:
        # big5/cp950 lack HKSCS characters such as 堃 峯 綉 that Hong Kong menus and names use.
        return {"big5": "big5hkscs", "gb18030": "gb18030"}.get(self.value, "ascii")


def _dummy(profile: str) -> Any:
    # Imported on first use: python-escpos loads its printer database at import, which the app's
    # start-up (and the board's first paint) should not wait for.
    from escpos.printer import Dummy

    return Dummy(profile=profile)


def paper_dots(profile: str) -> int:
    try:
        return int(_dummy(profile).profile.profile_data["media"]["width"]["pixels"])
    except (KeyError, ValueError, TypeError):
        return PAPER_DOTS


class _Writer:
    """Feeds one ticket into a python-escpos Dummy, which collects the bytes."""

    def __init__(self, encoding: Encoding, profile: str) -> None:
        self.p: Any = _dummy(profile)
        self.encoding = encoding
        self.dots = paper_dots(profile)
        self.columns = self.dots // DOTS_PER_COLUMN

    def style(self, size: Size, bold: bool, align: Align, invert: bool = False) -> None:
        factor = size.factor
        if factor == 1:
            self.p.set(normal_textsize=True, bold=bold, align=align.value, invert=invert)
        else:
            self.p.set(
                custom_size=True, width=factor, height=factor, bold=bold, align=align.value, invert=invert
            )

    def line(self, text: str, as_block: Text) -> None:
        if text.isascii():
            self.p._raw(text.encode("ascii") + b"\n")
            return
        try:
            encoded = text.encode(self.encoding.codec)
        except UnicodeEncodeError:
            self._image_line(text, as_block)
            return
        self.p._raw(CHINESE_ON + encoded + CHINESE_OFF + b"\n")

    def _image_line(self, text: str, block: Text) -> None:
        image = render_blocks(
            [Text(text, block.size, block.bold, block.align, block.invert)], self.columns, self.dots
        )
        self.p.set(align="left")
        self.p.image(image, impl="bitImageRaster")

    def text(self, block: Text) -> None:
        self.style(block.size, block.bold, block.align, block.invert)
        for text in wrap(block.text, max(self.columns // block.size.factor, 1)):
            self.line(text, block)

    def row(self, block: Row) -> None:
        self.style(block.size, block.bold, Align.LEFT)
        for text in pad_row(block.left, block.right, max(self.columns // block.size.factor, 1)):
            self.line(text, Text(text, block.size, block.bold))

    def qr(self, block: Qr) -> None:
        self.style(Size.NORMAL, False, Align.CENTER)
        self.p.qr(block.data, size=6, native=True)
        if block.caption:
            self.line(block.caption, Text(block.caption, align=Align.CENTER))

    def ticket(self, ticket: Ticket) -> bytes:
        self.p._raw(INIT)
        for block in ticket.blocks:
            if isinstance(block, Text):
                self.text(block)
            elif isinstance(block, Row):
                self.row(block)
            elif isinstance(block, Rule):
                self.style(Size.NORMAL, False, Align.LEFT)
                self.p._raw((block.char * self.columns).encode("ascii") + b"\n")
            elif isinstance(block, Qr):
                self.qr(block)
            elif isinstance(block, Feed) and block.lines > 0:
                self.p.ln(block.lines)
        self.style(Size.NORMAL, False, Align.LEFT)
        self.p.cut()
        return bytes(self.p.output)

    def raster(self, ticket: Ticket) -> bytes:
        self.p._raw(INIT)
        self.p.image(render_ticket(ticket, self.dots), impl="bitImageRaster")
        self.p.cut()
        return bytes(self.p.output)


def render(ticket: Ticket, encoding: Encoding, profile: str = DEFAULT_PROFILE) -> bytes:
    """The bytes that print ``ticket`` and cut the paper on a printer using ``encoding``."""
    writer = _Writer(encoding, profile)
    if encoding is Encoding.RASTER:
        return writer.raster(ticket)
    return writer.ticket(ticket)
