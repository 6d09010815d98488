"""The text-size setting, offered as the four steps a counter needs (100, 125, 150, 200 %).

The whole window follows it: the theme's style sheet sets every widget's point size from it
(``themes.stylesheet``), so nothing keeps a fixed small font.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

TEXT_SIZES = (1.0, 1.25, 1.5, 2.0)


def nearest_text_size(scale: float) -> float:
    """A saved scale from an older version (0.75, 1.1…) shows as the closest step offered."""
    return min(TEXT_SIZES, key=lambda size: abs(size - scale))


def text_size_combo(current: float) -> QComboBox:
    combo = QComboBox()
    for size in TEXT_SIZES:
        combo.addItem(f"{round(size * 100)} %", size)
    combo.setCurrentIndex(TEXT_SIZES.index(nearest_text_size(current)))
    return combo
