"""Tickets drawn as a 1-bit image (Pillow + the shipped CJK font): prints on any ESC/POS printer."""

from __future__ import annotations

from functools import lru_cache

import qrcode  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

from posapp.assets import cjk_font_path
from posapp.printing.ticket import Align, Block, Feed, Qr, Row, Rule, Text, Ticket, wrap_measured

PAPER_DOTS = 576  # 80 mm paper at 203 dpi
BASE_PX = 24  # one normal text line: the printer's 12x24 font, so layouts wrap the same way
MARGIN = 4

FontType = ImageFont.FreeTypeFont


@lru_cache(maxsize=8)
def _font(px: int) -> FontType:
    return ImageFont.truetype(str(cjk_font_path()), px)


class _Canvas:
    """Draws blocks top to bottom on a tall white strip, cropped when done."""

    def __init__(self, width: int, columns: int) -> None:
        self.width = width
        self.columns = columns
        self.image = Image.new("L", (width, 8000), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0

    def _grow(self, height: int) -> None:
        if self.y + height <= self.image.height:
            return
        bigger = Image.new("L", (self.width, (self.y + height) * 2), 255)
        bigger.paste(self.image, (0, 0))
        self.image, self.draw = bigger, ImageDraw.Draw(bigger)

    def text_line(self, line: str, px: int, align: Align, bold: bool, invert: bool) -> None:
        font = _font(px)
        height = int(px * 1.25)
        self._grow(height)
        length = font.getlength(line)
        x = {Align.LEFT: MARGIN, Align.CENTER: (self.width - length) / 2, Align.RIGHT: 0}[align]
        if align is Align.RIGHT:
            x = self.width - MARGIN - length
        ink = 0
        if invert:
            self.draw.rectangle((0, self.y, self.width, self.y + height), fill=0)
            ink = 255
        top = self.y + (height - px) // 2
        self.draw.text((x, top), line, font=font, fill=ink)
        if bold:
            self.draw.text((x + 1, top), line, font=font, fill=ink)
        self.y += height

    def block(self, block: Block) -> None:
        if isinstance(block, Text):
            factor = block.size.factor
            px = BASE_PX * factor
            for line in wrap_measured(block.text, _font(px).getlength, self.width - 2 * MARGIN):
                self.text_line(line, px, block.align, block.bold, block.invert)
        elif isinstance(block, Row):
            self.row(block)
        elif isinstance(block, Rule):
            self._grow(BASE_PX)
            mid = self.y + BASE_PX // 2
            self.draw.line(
                (MARGIN, mid, self.width - MARGIN, mid), fill=0, width=3 if block.char == "=" else 1
            )
            self.y += BASE_PX
        elif isinstance(block, Qr):
            self.qr(block)
        elif isinstance(block, Feed):
            self._grow(BASE_PX * block.lines)
            self.y += BASE_PX * block.lines

    def row(self, row: Row) -> None:
        px = BASE_PX * row.size.factor
        font = _font(px)
        right_px = font.getlength(row.right) + px // 2
        lines = wrap_measured(row.left, font.getlength, self.width - 2 * MARGIN - right_px)
        for i, line in enumerate(lines):
            start = self.y
            self.text_line(line, px, Align.LEFT, row.bold, False)
            if i == len(lines) - 1:
                x = self.width - MARGIN - font.getlength(row.right)
                top = start + (int(px * 1.25) - px) // 2
                self.draw.text((x, top), row.right, font=font, fill=0)

    def qr(self, block: Qr) -> None:
        code = qrcode.QRCode(box_size=6, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(block.data)
        code.make(fit=True)
        img = code.make_image().get_image().convert("L")
        self._grow(img.height)
        self.image.paste(img, ((self.width - img.width) // 2, self.y))
        self.y += img.height
        if block.caption:
            self.text_line(block.caption, BASE_PX, Align.CENTER, False, False)

    def result(self) -> Image.Image:
        cropped = self.image.crop((0, 0, self.width, max(self.y, 1)))
        return cropped.point(lambda v: 255 if v >= 128 else 0).convert("1")


def render_blocks(
    blocks: tuple[Block, ...] | list[Block], columns: int = 48, width: int = PAPER_DOTS
) -> Image.Image:
    """``blocks`` as a 1-bit image ``width`` dots wide (black = 0)."""
    canvas = _Canvas(width, columns)
    for block in blocks:
        canvas.block(block)
    return canvas.result()


def render_ticket(ticket: Ticket, width: int = PAPER_DOTS) -> Image.Image:
    return render_blocks(ticket.blocks, ticket.columns, width)
