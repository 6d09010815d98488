"""The partial refund dialog explains itself: order number, each line with its variant and add-ons,
Keeta's refundable count and per-line amount from the preview, and the total before anything is sent."""

from __future__ import annotations

from posapp.domain.order import OrderStatus
from posapp.domain.refund import RefundKind
from posapp.keeta.codes import PartRefundType
from posapp.ui.board_model import seq_text
from posapp.ui.partial_refund import PartialRefundDialog, line_description
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until


async def _accepted(stack: Stack) -> int:
    order = await stack.new_order("delivery")
    stack.service.confirm(order.order_view_id)
    await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
    return order.order_view_id


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status


def _open(stack: Stack, order_view_id: int) -> PartialRefundDialog:
    dialog = stack.window.open_partial_refund(order_view_id)
    assert dialog is not None
    return dialog


async def test_lines_show_variant_options_and_the_order_number(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        order = stack.window.model.order(order_view_id)
        assert order is not None
        dialog = _open(stack, order_view_id)

        assert seq_text(order) in dialog.heading.text()
        info = (await stack.sim_view(order_view_id))["orderInfo"]
        for product in info["products"]:
            text = dialog.rows[int(product["id"])].description.text()
            assert product["spec"] in text  # Hot / Iced: two lines of one dish differ here
            for group in product.get("groups", []):
                for sku in group["shopProductGroupSkuList"]:
                    assert sku["spuNameI18n"]["zh-HK"] in text
        descriptions = [line_description(line) for line in order.lines]
        specs = [(line.name, line.spec, line.options) for line in order.lines]
        # Distinct lines never read the same.
        assert len(set(descriptions)) == len(set(specs))


async def test_refundable_count_per_line_amounts_and_total_come_from_keeta(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        dialog = _open(stack, order_view_id)
        await until(lambda: dialog.refundable_known)
        info = (await stack.sim_view(order_view_id))["orderInfo"]
        first = info["products"][0]
        line_id, count = int(first["id"]), int(first["count"])
        row = dialog.rows[line_id]
        assert f"{count} can be refunded" in row.refundable.text()
        assert row.count.maximum() == count
        assert not dialog.apply_button.isEnabled()

        row.count.setValue(1)  # no button: the preview runs by itself
        await until(lambda: dialog.preview is not None)
        preview = dialog.preview
        assert preview is not None
        line = next(p for p in preview.lines if p.line_id == line_id)
        assert line.amount.cents > 0
        assert row.amount.text() == line.amount.format()
        assert preview.total.format() in dialog.total_label.text()
        assert dialog.apply_button.isEnabled()

        dialog.reason.setCurrentIndex(dialog.reason.findData(int(PartRefundType.MISSING_ITEMS)))
        dialog.apply_button.click()
        await until(lambda: _partial_refunds(stack, order_view_id) == 1)

        again = _open(stack, order_view_id)
        await until(lambda: again.refundable_known)
        assert again.rows[line_id].count.maximum() == count - 1
        assert again.rows[line_id].refundable_count == count - 1


async def test_changing_a_count_after_the_preview_asks_again(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        dialog = _open(stack, order_view_id)
        await until(lambda: dialog.refundable_known)
        line_id, row = next(iter(dialog.rows.items()))
        row.count.setValue(1)
        await until(lambda: dialog.preview is not None)
        first_total = dialog.preview.total if dialog.preview else None
        if row.count.maximum() < 2:
            row.count.setValue(0)
            assert dialog.preview is None and not dialog.apply_button.isEnabled()
            assert dialog.total_label.text() == ""
            return
        row.count.setValue(2)
        assert dialog.preview is None and not dialog.apply_button.isEnabled()  # stale until Keeta answers
        await until(lambda: dialog.preview is not None)
        assert dialog.preview is not None and first_total is not None
        assert dialog.preview.total.cents == 2 * first_total.cents
        assert line_id in dict(dialog.chosen())


def _partial_refunds(stack: Stack, order_view_id: int) -> int:
    order = stack.window.model.order(order_view_id)
    if order is None:
        return 0
    return sum(1 for refund in order.refunds if refund.kind is RefundKind.PARTIAL)
