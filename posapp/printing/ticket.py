"""The ticket model: what a slip says, as data, so one layout serves ESC/POS, raster and PDF."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class Size(Enum):
    """Text size as a multiple of the printer's normal font (ESC/POS ``GS !``)."""

    NORMAL = 1
    LARGE = 2
    HUGE = 4

    @property
    def factor(self) -> int:
        return self.value


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Text:
    text: str
    size: Size = Size.NORMAL
    bold: bool = False
    align: Align = Align.LEFT
    invert: bool = False


@dataclass(frozen=True)
class Row:
    """Two texts on one line, the right one flush right (an item and its price)."""

    left: str
    right: str
    size: Size = Size.NORMAL
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True)
class Qr:
    data: str
    caption: str = ""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


Block = Text | Row | Rule | Qr | Feed

_KINDS: dict[str, type[Text] | type[Row] | type[Rule] | type[Qr] | type[Feed]] = {
    "text": Text,
    "row": Row,
    "rule": Rule,
    "qr": Qr,
    "feed": Feed,
}
_NAMES = {cls: name for name, cls in _KINDS.items()}


@dataclass(frozen=True)
class Ticket:
    """One slip, cut at the end. ``columns`` is the width in normal-size half-width characters."""

    blocks: tuple[Block, ...]
    title: str = ""
    columns: int = 48

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the queue's table: jobs are rendered per printer at send time."""
        return {
            "title": self.title,
            "columns": self.columns,
            "blocks": [_block_to_json(b) for b in self.blocks],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ticket:
        blocks = tuple(_block_from_json(b) for b in data["blocks"])
        return cls(blocks=blocks, title=str(data.get("title", "")), columns=int(data.get("columns", 48)))


def _block_to_json(block: Block) -> dict[str, Any]:
    raw = asdict(block)
    for key, value in raw.items():
        if isinstance(value, Enum):
            raw[key] = value.name
    raw["kind"] = _NAMES[type(block)]
    return raw


def _block_from_json(data: dict[str, Any]) -> Block:
    fields = dict(data)
    cls = _KINDS[fields.pop("kind")]
    if "size" in fields:
        fields["size"] = Size[fields["size"]]
    if "align" in fields:
        fields["align"] = Align[fields["align"]]
    return cls(**fields)


def display_width(text: str) -> int:
    """Columns ``text`` takes on a thermal printer: CJK characters are two columns wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Split ``text`` into lines of at most ``columns`` display columns."""
    return wrap_measured(text, display_width, columns)


def wrap_measured(text: str, width_of: Callable[[str], float], limit: float) -> list[str]:
    """Greedy line breaking: anywhere in Chinese, at the last space in Latin words when there is one."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if not current or width_of(current + ch) <= limit:
            current += ch
            continue
        cut = current.rfind(" ")
        if (
            cut > 0
            and ch != " "
            and display_width(ch) == 1
            and display_width(current[cut + 1 :]) == len(current[cut + 1 :])
        ):
            lines.append(current[:cut].rstrip())
            current = current[cut + 1 :] + ch
        else:
            lines.append(current.rstrip())
            current = "" if ch == " " else ch
    lines.append(current)
    return lines


def pad_row(left: str, right: str, columns: int) -> list[str]:
    """``left`` and ``right`` on one line of ``columns``, wrapping ``left`` if the two do not fit."""
    room = columns - display_width(right) - 1
    parts = wrap(left, max(room, 1))
    last = parts[-1]
    gap = columns - display_width(last) - display_width(right)
    return [*parts[:-1], last + " " * max(gap, 1) + right]
