"""The end-of-day slip: the report's figures on paper, the same ones the screen and the CSV show."""

from __future__ import annotations

from posapp.engine.report import Report
from posapp.printing.layouts import UNKNOWN_AMOUNT
from posapp.printing.ticket import Align, Block, Row, Rule, Size, Text, Ticket


def report_slip(report: Report, shop_name: str = "", printed_at: str = "") -> Ticket:
    def amount(cents: int, minus: bool = False) -> str:
        return report.money(-cents if minus and cents else cents).format()

    period = report.first_day.isoformat()
    if report.last_day != report.first_day:
        period += f" – {report.last_day.isoformat()}"
    zeek = amount(report.zeek_fees, minus=True) if report.zeek_fees_known else UNKNOWN_AMOUNT
    after = amount(report.net_after_delivery) if report.zeek_fees_known else UNKNOWN_AMOUNT
    blocks: list[Block] = [
        Text("日結 END OF DAY", Size.LARGE, bold=True, align=Align.CENTER, invert=True),
    ]
    if shop_name:
        blocks.append(Text(shop_name, bold=True, align=Align.CENTER))
    blocks += [
        Text(period, Size.LARGE, bold=True, align=Align.CENTER),
        Rule("="),
        Row("訂單 Orders", str(report.orders)),
        Row("  完成 Completed", str(report.completed)),
        Row("  取消 Cancelled", str(report.cancelled)),
        Rule(),
        Row("食品銷售 Gross food", amount(report.gross_food)),
        Row("包裝費 Packaging", amount(report.packaging)),
        Row("商戶折扣 Shop discounts", amount(report.shop_discounts, minus=True)),
        Row("佣金 Commission", amount(report.commission, minus=True)),
        Row("平台服務費 Service fees", amount(report.platform_service_fees, minus=True)),
        Row("銀行手續費 Bank fees", amount(report.bank_fees, minus=True)),
        Row("Keeta 應付 Keeta pays", amount(report.keeta_pays), bold=True),
        Rule(),
        Row(f"全單退款 Full refunds ({report.full_refund_count})", amount(report.full_refunds)),
        Row(f"部分退款 Partial refunds ({report.partial_refund_count})", amount(report.partial_refunds)),
        Row("扣除退款 Refunds deducted", amount(report.refunds_deducted, minus=True)),
        Row("淨收入 NET PAYOUT", amount(report.net_payout), bold=True),
        Row(f"Zeek 運費 Zeek fees ({report.zeek_deliveries})", zeek),
        Row("扣運費後 Net after delivery", after, bold=True),
        Rule(),
        Text("不計入收入 Not takings:"),
        Row("  平台出資折扣 Keeta-funded discounts", amount(report.keeta_discounts)),
        Row("  速遞員小費 Courier tips", amount(report.tips)),
        Row("  顧客付運費 Delivery fees paid", amount(report.customer_delivery_fees)),
        Row("  顧客付平台費 Platform fees paid", amount(report.customer_platform_fees)),
    ]
    if report.unknown_orders:
        blocks += [Rule(), Text(f"金額不明 Check in Keeta: {' '.join(report.unknown_orders)}", bold=True)]
    if printed_at:
        blocks += [Rule(), Text(f"列印 Printed {printed_at}", align=Align.CENTER)]
    return Ticket(tuple(blocks), title=f"End of day {period}")
