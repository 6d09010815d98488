"""Engine sentences on screen: translate the English template, then put the values back.

The engine speaks English (``posapp.domain.message.Message`` keeps the template and the values apart);
each screen module lists the templates it shows with ``QT_TRANSLATE_NOOP`` under its own context, so
pyside6-lupdate offers them for translation, and calls :func:`translated` with that context.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from posapp.domain.message import Message

log = logging.getLogger(__name__)


def translated(context: str, text: str) -> str:
    """``text`` in the current language; a value that is itself a Message is translated too."""
    if not isinstance(text, Message) or not text.args:
        template = text.template if isinstance(text, Message) else text
        return QCoreApplication.translate(context, template)
    words = QCoreApplication.translate(context, text.template)
    values = [translated(context, arg) if isinstance(arg, Message) else arg for arg in text.args]
    try:
        return words.format(*values)
    except (IndexError, KeyError, ValueError):
        # A translation with broken placeholders must not hide the problem: English still says it.
        log.error("translation of %r in %s has bad placeholders: %r", text.template, context, words)
        return text.template.format(*values)
