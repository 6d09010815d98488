"""Screenshots for i16-forms (not a test; run explicitly). SHOTS env picks which."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from posapp.domain.order import OrderStatus
from posapp.ui.i18n import LanguageSwitcher
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until

OUT = Path("/work/wt/shots")
SIZES = ((1024, 768), (1366, 768))


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)


def grab(widget, name: str) -> None:
    _settle()
    widget.grab().save(str(OUT / f"i16-forms-{name}.png"))


async def test_shots(env: Env, qapp: QApplication) -> None:
    which = os.environ.get("SHOTS", "all")
    switcher = LanguageSwitcher(qapp)
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        ids = []
        for mode in ("delivery", "delivery", "pickup"):
            order = await stack.new_order(mode)
            ids.append(order.order_view_id)
        for i in ids[:2]:
            stack.service.confirm(i)
        await until(lambda: all(stack.window.model.order(i).status is OrderStatus.ACCEPTED for i in ids[:2]))
        biggest = max(ids[:2], key=lambda i: len(stack.window.model.order(i).lines))
        for lang in ("en", "zh_HK"):
            switcher.switch(lang)
            _settle()
            for w, h in SIZES:
                win = stack.window
                win.resize(w, h)
                win.show()
                if which in ("all", "main"):
                    win.board.select(biggest)
                    grab(win, f"main-{w}-{lang}")
                if which in ("all", "refund"):
                    dialog = win.open_partial_refund(biggest)
                    await until(lambda d=dialog: d.refundable_known)
                    row = next(iter(dialog.rows.values()))
                    row.count.setValue(row.count.maximum())
                    await until(lambda d=dialog: d.preview is not None)
                    dialog.resize(min(dialog.sizeHint().width(), w), min(dialog.sizeHint().height(), h))
                    grab(dialog, f"refund-{w}-{lang}")
                    dialog.reject()
                if which in ("all", "settings"):
                    dialog = win.open_settings()
                    dialog.resize(min(dialog.width(), w), min(dialog.height(), h))
                    for page in dialog.pages:
                        dialog.show_page(page)
                        grab(dialog, f"settings-{dialog.pages.index(page)}-{w}-{lang}")
                    dialog.reject()
                if which in ("all", "wizard"):
                    wizard = win.open_setup()
                    wizard.resize(min(wizard.width(), w), min(wizard.height(), h))
                    for step in range(6):
                        grab(wizard, f"wizard-{step}-{w}-{lang}")
                        wizard.next()
                    wizard.reject()
        switcher.switch("en")
