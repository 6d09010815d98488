"""PDF tickets through QPrinter, rasterised with poppler's pdftoppm as a person would see them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from posapp.domain.order import Order
from posapp.printing.layouts import customer_receipt, kitchen_ticket
from posapp.printing.pdf import write_pdf

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm missing: apt-get install poppler-utils"
)


def _poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def _to_png(pdf: Path) -> Path:
    _poppler("pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(pdf.with_suffix("")))
    return pdf.with_suffix(".png")


def test_bilingual_receipt_pdf_embeds_the_cjk_font_and_renders(
    tmp_path: Path, order: Order, qapp: object
) -> None:
    pdf = write_pdf([customer_receipt(order)], tmp_path / "receipt.pdf")
    fonts = _poppler("pdffonts", str(pdf))
    assert "WenQuanYi" in fonts  # the shipped font, embedded: no boxes on a machine without CJK fonts
    text = _poppler("pdftotext", "-layout", str(pdf), "-")
    for words in ("鮮蝦雲吞麵", "Wonton Noodles in Soup", "堃記炒飯", "合計 TOTAL", "HK$126.00", "#58"):
        assert words in text
    png = Image.open(_to_png(pdf)).convert("L")
    width_mm = png.width / 150 * 25.4
    assert 78 < width_mm < 82  # 80 mm roll
    assert png.height > png.width  # one long ticket page
    dark = sum(png.histogram()[:128])
    assert dark > png.width * png.height * 0.02  # ink on the page, not a blank render


def test_tickets_share_one_pdf_a_page_each(tmp_path: Path, order: Order, qapp: object) -> None:
    pdf = write_pdf([kitchen_ticket(order), customer_receipt(order, reprint_no=1)], tmp_path / "both.pdf")
    info = _poppler("pdfinfo", str(pdf))
    assert "Pages:           2" in info
    text = _poppler("pdftotext", str(pdf), "-")
    assert "外賣速遞 DELIVERY" in text and "REPRINT #1" in text
