"""Walks a window's widget tree and names what a cashier could not read or reach.

Problems found: text elided or clipped in a label, button, tab, header or key table cell (the text's
``horizontalAdvance`` against the room the widget gives it), a visible widget outside its window,
a button under the 44 px touch size, and text under the base size. Each problem is one line naming
the widget and the numbers, so a failing matrix cell says what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from posapp.ui.detail import OrderDetail
from posapp.ui.themes import BASE_POINT_SIZE

TOUCH_MIN = 44  # px
SLACK = 2  # px of rounding between font metrics and the painted text
CELL_PADDING = 6  # px the table's delegate keeps on each side of a cell's text
HEADER_PADDING = 12  # px: the header's padding: 6px on each side (themes.py)
ROWS_CHECKED = 12  # the visible rows of a table are what a cashier reads; more only costs time


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def describe(widget: QWidget) -> str:
    name = widget.objectName() or widget.accessibleName()
    text = _text_of(widget)
    parts = [type(widget).__name__]
    if name:
        parts.append(f"'{name}'")
    if text:
        parts.append(f"«{text[:40]}»")
    return " ".join(parts)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        return str(widget.text())
    if isinstance(widget, QComboBox):
        return str(widget.currentText())
    return ""


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if widget.window() is root and widget.isVisible() and widget.width() > 0:
            yield widget


def check(root: QWidget, scale: float = 1.0, screen: tuple[int, int] = (99999, 99999)) -> list[Problem]:
    """Every problem in ``root`` as it is laid out now (show it and resize it first); ``screen`` is the
    size it must fit in."""
    problems: list[Problem] = []
    problems += _outside(root, screen)
    for widget in visible_widgets(root):
        if _scrolled_away(widget, root):
            continue
        problems += _text_fits(widget)
        problems += _touch(widget)
        problems += _font_size(widget, scale)
        if isinstance(widget, QTabBar):
            problems += _tabs(widget)
        if isinstance(widget, QTableView):
            problems += _table(widget)
    return problems


def _scrolled_away(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area the content may be taller than the view: only what is on screen counts."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QAbstractItemView):
            viewport = parent.viewport()
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            return not viewport.rect().contains(QRect(top_left, widget.size()))
        parent = parent.parentWidget()
    return False


def _outside(root: QWidget, limit: tuple[int, int]) -> list[Problem]:
    problems = []
    hint = root.minimumSizeHint().expandedTo(root.minimumSize())
    if (
        hint.width() > root.width()
        or hint.height() > root.height()
        or root.width() > limit[0]
        or root.height() > limit[1]
    ):
        what = f"needs {hint.width()}×{hint.height()}, has {root.width()}×{root.height()}"
        problems.append(
            Problem(describe(root), f"{what}; widest: {_widest(root, True)}; tallest: {_widest(root, False)}")
        )
    frame = root.rect()
    for widget in visible_widgets(root):
        if _scrolled_away(widget, root) or _in_scroll_area(widget, root):
            continue
        rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        if not frame.adjusted(-1, -1, 1, 1).contains(rect):
            problems.append(Problem(describe(widget), f"outside the window ({_r(rect)} in {_r(frame)})"))
    return problems


def _widest(root: QWidget, wide: bool) -> str:
    """The chain of children that asks for the most room, to say which one makes a window too big."""
    chain = []
    widget = root
    for _ in range(14):
        children = [
            c
            for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if c.isVisible() and c.window() is root
        ]
        if not children:
            break
        widget = max(
            children, key=lambda c: c.minimumSizeHint().width() if wide else c.minimumSizeHint().height()
        )
        hint = widget.minimumSizeHint()
        chain.append(f"{describe(widget)}={hint.width() if wide else hint.height()}")
    return " > ".join(chain)


def _in_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _r(rect: QRect) -> str:
    return f"{rect.x()},{rect.y()} {rect.width()}×{rect.height()}"


def _cjk(word: str) -> bool:
    return any("\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in word)


def _rich(label: QLabel) -> bool:
    if label.textFormat() == Qt.TextFormat.RichText:
        return True
    text = label.text()
    return label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text


def _lines_fit(metrics: QFontMetrics, text: str, room: int) -> int:
    """The widest line's advance beyond ``room`` (0 or less: it fits)."""
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0) - room


def _text_fits(widget: QWidget) -> list[Problem]:
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or _rich(widget):
            return []
        room = widget.contentsRect().width() - 2 * widget.margin() - max(0, widget.indent())
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return [
                    Problem(describe(widget), f"wrapped text needs {need} px high, has {widget.height()}")
                ]
            # Chinese breaks between any two characters: only words without CJK must fit whole.
            words = max((metrics.horizontalAdvance(w) for w in text.split() if not _cjk(w)), default=0)
            if words > room + SLACK:
                return [Problem(describe(widget), f"a word needs {words} px, has {room}")]
            return []
        over = _lines_fit(metrics, text, room)
        if over > SLACK:
            return [Problem(describe(widget), f"text clipped by {over} px (room {room})")]
        return []
    if isinstance(widget, QAbstractButton):
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text:
            return []
        if isinstance(widget, (QCheckBox, QRadioButton)):
            need = widget.sizeHint().width()
        else:
            need = (
                widget.sizeHint().width()
                if isinstance(widget, QPushButton)
                else metrics.horizontalAdvance(text)
            )
        if need > widget.width() + SLACK:
            return [Problem(describe(widget), f"text needs {need} px, has {widget.width()}")]
        return []
    if isinstance(widget, QComboBox):
        need = (
            widget.sizeHint().width()
            if widget.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents
            else 0
        )
        current = metrics.horizontalAdvance(widget.currentText()) + 40  # the arrow and the frame
        if max(0, current) > widget.width() + SLACK:
            return [
                Problem(describe(widget), f"choice needs {current} px, has {widget.width()} (hint {need})")
            ]
        return []
    if isinstance(widget, QLineEdit) and widget.isReadOnly():
        over = metrics.horizontalAdvance(widget.text()) + 12 - widget.width()
        if over > SLACK:
            return [Problem(describe(widget), f"read-only text clipped by {over} px")]
    return []


def _touch(widget: QWidget) -> list[Problem]:
    if isinstance(widget, QPushButton) and widget.isEnabled() and widget.height() < TOUCH_MIN:
        return [Problem(describe(widget), f"button {widget.height()} px high, under {TOUCH_MIN}")]
    if isinstance(widget, QPushButton) and widget.width() < TOUCH_MIN:
        return [Problem(describe(widget), f"button {widget.width()} px wide, under {TOUCH_MIN}")]
    return []


def _font_size(widget: QWidget, scale: float) -> list[Problem]:
    if not isinstance(widget, (QLabel, QAbstractButton, QLineEdit, QComboBox, QTableView, QHeaderView)):
        return []
    size = widget.font().pointSizeF()
    base = round(BASE_POINT_SIZE * scale)
    if 0 < size < base - 0.5:
        return [Problem(describe(widget), f"text {size:g} pt, under the base {base} pt")]
    return []


def _tabs(bar: QTabBar) -> list[Problem]:
    problems = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect = bar.tabRect(index)
        text = bar.tabText(index)
        if not bar.rect().contains(rect):
            problems.append(Problem(f"tab «{text}»", f"outside its bar ({_r(rect)} in {_r(bar.rect())})"))
        need = bar.fontMetrics().horizontalAdvance(text)
        if need > rect.width() - 2 * 12:
            problems.append(Problem(f"tab «{text}»", f"text needs {need} px, tab {rect.width()}"))
    return problems


def _table(table: QTableView) -> list[Problem]:
    problems = []
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return problems
    bold = QFont(header.font())
    bold.setBold(True)
    header_metrics = QFontMetrics(bold)
    columns = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
    key = table.property("keyColumns")  # a table may say which of its columns a cashier must read whole
    cells = [c for c in columns if c in key] if isinstance(key, list) else columns
    for column in columns:
        if header.isVisible():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            need = header_metrics.horizontalAdvance(title) + HEADER_PADDING
            if need > header.sectionSize(column) + SLACK:
                problems.append(
                    Problem(f"header «{title}»", f"needs {need} px, column {header.sectionSize(column)}")
                )
        if (
            table.columnViewportPosition(column) + header.sectionSize(column)
            > table.viewport().width() + SLACK
        ):
            problems.append(
                Problem(f"column {column} of {describe(table)}", "runs past the table's right edge")
            )
    for row in range(min(model.rowCount(), ROWS_CHECKED)):
        for column in cells:
            problems += _cell(table, model.index(row, column))
    return problems


def _cell(table: QTableView, index: QModelIndex) -> Iterable[Problem]:
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not isinstance(text, str) or not text:
        return []
    font = index.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
    room = table.columnWidth(index.column()) - 2 * CELL_PADDING
    need = metrics.horizontalAdvance(text)
    if need > room + SLACK:
        return [Problem(f"cell «{text}» of {describe(table)}", f"needs {need} px, has {room}")]
    return []


MONEY = re.compile(r"-?HK\$[\d,]+\.\d\d")


def detail_problems(detail: OrderDetail) -> list[Problem]:
    """The order's lines, notes, customer and money all on screen without scrolling (the timeline may
    follow below), and no amount split over two rows."""
    problems = []
    document = detail.body.document()
    viewport = detail.body.viewport().height()
    block = document.begin()
    timeline = QCoreApplication.translate("OrderDetail", "Timeline (local time, placed {0})").split("{0}")[0]
    while block.isValid():
        text = block.text().strip()
        layout = block.layout()
        top = document.documentLayout().blockBoundingRect(block).top()
        if MONEY.fullmatch(text) and layout is not None and layout.lineCount() > 1:
            problems.append(Problem(f"amount «{text}»", f"split over {layout.lineCount()} rows"))
        if text.startswith(timeline):
            if top > viewport:
                what = f"needs {top:.0f} px before the timeline, shows {viewport}"
                problems.append(Problem("order detail", what))
            break
        block = block.next()
    return problems


# Where a line may end without splitting a word: after a space or a punctuation mark.
BREAKS = "，、：；。,:;·–—-)）/"


def top_bar_problems(bar: QWidget) -> list[Problem]:
    """The top bar's words: a status never wraps (each is whole on its row, or shortened), and a
    wrapped label (the demo banner) breaks only between words, never inside a word or a Chinese phrase."""
    problems = []
    for label in bar.findChildren(QLabel):
        if label.isHidden() or not label.text():
            continue
        if label.wordWrap():
            problems += [Problem(describe(label), f"breaks a line inside «{w}»") for w in _split_words(label)]
        elif not bar.rect().contains(QRect(label.mapTo(bar, QPoint(0, 0)), label.size())):
            problems.append(Problem(describe(label), "outside the top bar"))
    return problems


def _split_words(label: QLabel) -> list[str]:
    """The pieces around each line break that falls between two letters (as the label wraps its text)."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    width = label.contentsRect().width() - 2 * label.margin()
    starts = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    split = []
    for start in starts[1:]:
        before, after = text[start - 1], text[start]
        if not (before.isspace() or after.isspace() or before in BREAKS):
            split.append(text[max(0, start - 3) : start + 2])
    return split


NAMED = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QSlider)


def unnamed(root: QWidget) -> list[Problem]:
    """Controls a screen reader could only call "button" or "edit": no accessible name, no text, no
    placeholder and no label pointing at them (a form's label or a QLabel buddy)."""
    labelled = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            named = label is not None and isinstance(label.widget(), QLabel) and label.widget().text()
            if named and field is not None and field.widget() is not None:
                labelled.add(id(field.widget()))
    problems = []
    for widget in visible_widgets(root):
        if not isinstance(widget, NAMED) or _inner_part(widget):
            continue
        if widget.accessibleName() or _text_of(widget) or id(widget) in labelled:
            continue
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            continue
        if isinstance(widget, QAbstractButton) and widget.toolTip():
            continue
        problems.append(Problem(describe(widget), "has no name a screen reader can say"))
    return problems


def _inner_part(widget: QWidget) -> bool:
    """Qt's own pieces of a bigger control (a spin box's line edit, a scroll bar's buttons): the
    control carries the name."""
    parent = widget.parentWidget()
    if isinstance(widget, QHeaderView):
        return True  # its table carries the name
    return widget.objectName().startswith("qt_") or isinstance(parent, (QAbstractSpinBox, QComboBox))
