"""Opening a platform's web page (Zeek's page for a booking) in the cashier's browser.

Only ``http`` and ``https`` addresses with a host are opened: the address comes from the platform, and
a ``file:`` or custom-scheme link must never start a program on the counter computer.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

WEB_SCHEMES = ("http", "https")


def web_url(text: str) -> QUrl | None:
    """``text`` as a web address the browser may open, or None (another scheme, no host, malformed)."""
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in WEB_SCHEMES or not url.host():
        return None
    return url


def open_web_link(link: QUrl | str) -> bool:
    """Opens ``link`` in the browser when it is a web address; False (and a log line) otherwise."""
    url = web_url(link.toString() if isinstance(link, QUrl) else link)
    if url is None:
        log.warning("not opening a link that is not a web address: %r", link)
        return False
    return QDesktopServices.openUrl(url)


def link_html(text: str, label: str) -> str | None:
    """An ``<a>`` to ``text`` showing ``label`` (both escaped), or None when ``text`` is no web address."""
    url = web_url(text)
    if url is None:
        return None
    href = html.escape(bytes(url.toEncoded().data()).decode("ascii"), quote=True)
    return f'<a href="{href}">{html.escape(label)}</a>'
