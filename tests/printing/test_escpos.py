"""ESC/POS bytes as a real network printer on 127.0.0.1 receives them, per encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp.domain.order import Order
from posapp.printing.cli import main as print_test
from posapp.printing.escpos_render import CHINESE_OFF, CHINESE_ON, CUTS, NATIVE_QR, RASTER_IMAGE, Encoding
from posapp.printing.layouts import customer_receipt, kitchen_ticket
from posapp.printing.printers import Printer, PrinterNotReady, PrinterUnreachable, send_ticket
from tests.printing.recorder import PAPER_OUT, PrinterServer, closed_port


def _print(server: PrinterServer, encoding: Encoding, ticket_order: Order, receipt: bool = False) -> bytes:
    ticket = customer_receipt(ticket_order) if receipt else kitchen_ticket(ticket_order)
    printed = send_ticket(Printer("p", server.uri, encoding), ticket)
    assert printed.confirmed  # the recorder answers DLE EOT like a real printer
    (sent,) = server.recorder.wait_tickets(1)
    return sent


def _in_chinese_mode(data: bytes, text: str, codec: str) -> bool:
    encoded = text.encode(codec)
    start = data.find(encoded)
    if start < 0:
        return False
    on, off = data.rfind(CHINESE_ON, 0, start), data.rfind(CHINESE_OFF, 0, start)
    return on > off


def test_big5_printer_gets_chinese_mode_and_big5_bytes(printer_server: PrinterServer, order: Order) -> None:
    data = _print(printer_server, Encoding.BIG5, order)
    assert _in_chinese_mode(data, "鮮蝦雲吞麵", "big5hkscs")
    assert "鮮蝦雲吞麵".encode("gb18030") not in data
    # 堃 is HKSCS only: plain big5/cp950 cannot encode it, big5hkscs can.
    assert _in_chinese_mode(data, "堃記炒飯", "big5hkscs")
    assert data.count(CHINESE_ON) == data.count(CHINESE_OFF)
    assert RASTER_IMAGE not in data
    assert any(data.endswith(cut) for cut in CUTS)


def test_gb18030_printer_gets_gb18030_bytes(printer_server: PrinterServer, order: Order) -> None:
    data = _print(printer_server, Encoding.GB18030, order)
    assert _in_chinese_mode(data, "鮮蝦雲吞麵", "gb18030")
    assert "鮮蝦雲吞麵".encode("big5hkscs") not in data
    assert any(data.endswith(cut) for cut in CUTS)


def test_raster_printer_gets_an_image_and_no_text(printer_server: PrinterServer, order: Order) -> None:
    data = _print(printer_server, Encoding.RASTER, order)
    assert RASTER_IMAGE + b"\x00" + (576 // 8).to_bytes(2, "little") in data  # GS v 0, 576 dots wide
    assert CHINESE_ON not in data
    assert "鮮蝦雲吞麵".encode("big5hkscs") not in data
    assert "鮮蝦雲吞麵".encode("gb18030") not in data
    assert any(data.endswith(cut) for cut in CUTS)


def test_receipt_carries_a_qr_code_of_the_order_number(printer_server: PrinterServer, order: Order) -> None:
    data = _print(printer_server, Encoding.BIG5, order, receipt=True)
    payload = str(order.order_view_id).encode()
    # GS ( k pL pH 49 80 48 d1..dk: store the QR data, then GS ( k ... 49 81 48: print it
    header = NATIVE_QR + (len(payload) + 3).to_bytes(2, "little") + b"1P0"
    assert header + payload in data
    assert NATIVE_QR + b"\x03\x001Q0" in data
    assert _in_chinese_mode(data, "合計 TOTAL", "big5hkscs")
    assert b"HK$126.00" in data


def test_a_line_big5_cannot_hold_is_printed_as_an_image(printer_server: PrinterServer, order: Order) -> None:
    from dataclasses import replace

    odd = replace(order, remark="Birthday 🎂 生日")
    data = _print(printer_server, Encoding.BIG5, odd)
    assert RASTER_IMAGE in data  # just that line
    assert _in_chinese_mode(data, "鮮蝦雲吞麵", "big5hkscs")  # the rest is still text


def test_print_test_command_prints_the_test_page(printer_server: PrinterServer) -> None:
    assert print_test(["--printer", printer_server.uri, "--encoding", "big5"]) == 0
    (data,) = printer_server.recorder.wait_tickets(1)
    assert _in_chinese_mode(data, "測試", "big5hkscs")
    assert b"TEST" in data


def test_print_test_reports_a_printer_that_is_off(capsys: pytest.CaptureFixture[str]) -> None:
    uri = f"tcp://127.0.0.1:{closed_port()}"
    assert print_test(["--printer", uri, "--encoding", "gb18030", "--timeout", "1"]) == 1
    assert "refused" in capsys.readouterr().err.lower()


def test_print_test_rejects_an_unknown_address(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse's usage error
        print_test(["--printer", "lpt://1", "--encoding", "raster"])
    assert exited.value.code == 2
    assert "tcp://" in capsys.readouterr().err


def test_print_test_to_pdf(tmp_path: Path, qapp: object) -> None:
    # qapp first: the command line would otherwise make a QGuiApplication that widget tests cannot use
    target = tmp_path / "test page.pdf"
    assert print_test(["--printer", f"pdf://{target}", "--encoding", "raster"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_out_of_paper_is_refused_before_anything_prints(printer_server: PrinterServer, order: Order) -> None:
    printer_server.recorder.paper = PAPER_OUT
    with pytest.raises(PrinterNotReady, match="paper"):
        send_ticket(Printer("kitchen", printer_server.uri), kitchen_ticket(order))
    assert printer_server.recorder.tickets == []


def test_refused_connection_is_unreachable_and_safe_to_retry(order: Order) -> None:
    printer = Printer("kitchen", f"tcp://127.0.0.1:{closed_port()}", connect_timeout=1)
    with pytest.raises(PrinterUnreachable) as caught:
        send_ticket(printer, kitchen_ticket(order))
    assert not caught.value.maybe_printed


def test_printer_without_status_is_sent_but_not_confirmed(
    printer_server: PrinterServer, order: Order
) -> None:
    printer_server.recorder.answer_status = False
    printed = send_ticket(Printer("p", printer_server.uri, status_timeout=0.2), kitchen_ticket(order))
    assert not printed.confirmed
    assert len(printer_server.recorder.wait_tickets(1)) == 1


def test_a_pdf_folder_printer_keeps_each_ticket(tmp_path: Path, qapp: object, order: Order) -> None:
    folder = tmp_path / "tickets"
    printer = Printer("archive", f"pdf://{folder}/")
    send_ticket(printer, kitchen_ticket(order))
    send_ticket(printer, customer_receipt(order))
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 2
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)


def test_a_pdf_address_with_a_windows_drive_names_that_drive() -> None:
    assert Printer("p", "pdf:///C:/Users/shop/tickets/").address.path == "C:/Users/shop/tickets/"
    assert Printer("p", "pdf:///home/shop/t.pdf").address.path == "/home/shop/t.pdf"
