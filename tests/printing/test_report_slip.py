"""The end-of-day slip: a REPORT job on the receipt printer, printed on a real TCP printer, every time
the cashier asks; the figures are the report's."""

from __future__ import annotations

from datetime import date

import peewee

from posapp.domain.print_job import JobKind, JobState
from posapp.domain.retry import RetryPolicy
from posapp.engine.report import Report
from posapp.printing.escpos_render import Encoding
from posapp.printing.printers import Printer
from posapp.printing.queue import PrinterPolicy, PrintQueue
from posapp.printing.report_slip import report_slip
from posapp.printing.service import PrintService, PrintSettings
from posapp.store import print_jobs as jobs
from posapp.store.models import PrintJobRecord
from tests.printing.conftest import EventLog
from tests.printing.recorder import PrinterServer
from tests.printing.slip_text import slip_text

DAY = date(2026, 12, 3)
REPORT = Report(
    DAY, DAY, orders=3, completed=2, cancelled=1, gross_food=69900, packaging=2400, shop_discounts=1500,
    keeta_discounts=1500, commission=10975, bank_fees=868, keeta_pays=58957, partial_refunds=5500,
    partial_refund_count=2, refunds_deducted=5500, zeek_fees=5000, zeek_deliveries=2, tips=1000,
)  # fmt: skip


def _report_jobs() -> list[jobs.JobView]:
    rows = (
        PrintJobRecord.select().where(PrintJobRecord.kind == JobKind.REPORT.value).order_by(PrintJobRecord.id)
    )
    return [jobs.get(row.id) for row in rows]


def test_slip_carries_the_report_figures() -> None:
    text = slip_text(report_slip(REPORT, "上環麵家", "2026-12-03 23:10"))
    for figure in ("HK$699.00", "HK$24.00", "-HK$15.00", "-HK$109.75", "-HK$8.68", "HK$589.57", "HK$534.57",
                   "-HK$50.00", "HK$484.57", "HK$10.00"):  # fmt: skip
        assert figure in text, figure
    assert "2026-12-03" in text and "上環麵家" in text


def test_unknown_zeek_fee_prints_amount_unknown() -> None:
    from dataclasses import replace

    text = slip_text(report_slip(replace(REPORT, zeek_fees=0, zeek_fees_known=False)))
    assert "金額不明 amount unknown" in text


async def test_each_request_prints_on_the_receipt_printer(
    db: peewee.SqliteDatabase, event_log: EventLog, printer_server: PrinterServer
) -> None:
    counter = Printer("counter", printer_server.uri, Encoding.BIG5, connect_timeout=1, status_timeout=0.3)
    queue = PrintQueue(
        {"counter": counter},
        publish=event_log,
        policy=PrinterPolicy(RetryPolicy(first_delay=0.05, max_attempts=0, jitter=False)),
    )
    service = PrintService(queue, PrintSettings(kitchen_printer="counter", receipt_printer="counter"))
    await queue.start()
    try:
        ticket = report_slip(REPORT, "Shop")
        first, second = service.report_slip(ticket), service.report_slip(ticket)
        assert first is not None and second is not None and first.kind is JobKind.REPORT
        assert first.printer == "counter" and first.order_view_id is None
        await event_log.wait_for(lambda: all(j.state.printed for j in _report_jobs()))
        assert {j.state for j in _report_jobs()} <= {JobState.SENT, JobState.CONFIRMED}
        printed = printer_server.recorder.wait_tickets(2)
        assert len(printed) == 2 and all(b"589.57" in t and b"484.57" in t for t in printed)
    finally:
        await queue.stop()
