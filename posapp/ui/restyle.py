"""Widgets whose look follows a dynamic property the theme's style sheet selects on."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set ``name`` and re-apply the style sheet, only when the value changes.

    A re-polish re-matches every style sheet rule and re-lays the widget out; the countdowns set their
    level every second, and re-polishing them each time was most of an idle window's CPU.
    """
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
