"""Keeta's payment type in the cashier's words: the known values (``payType`` codes and their
``payTypeDesc`` texts, e.g. ``"card"`` / ``"Credit Card"``) become translated words; anything else is
shown as Keeta gave it, since Keeta does not publish the full list (keeta.md §11)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# Keys are the value with case, spaces, dashes and underscores dropped, so the code and its
# description ("applepay", "Apple Pay") find the same words.
_WORDS: dict[str, object] = {
    "applepay": QT_TRANSLATE_NOOP("PaymentWords", "Apple Pay"),
    "googlepay": QT_TRANSLATE_NOOP("PaymentWords", "Google Pay"),
    "octopus": QT_TRANSLATE_NOOP("PaymentWords", "Octopus"),
    "card": QT_TRANSLATE_NOOP("PaymentWords", "Credit Card"),
    "creditcard": QT_TRANSLATE_NOOP("PaymentWords", "Credit Card"),
    "alipayhk": QT_TRANSLATE_NOOP("PaymentWords", "AlipayHK"),
    "alipay": QT_TRANSLATE_NOOP("PaymentWords", "Alipay"),
    "wechatpay": QT_TRANSLATE_NOOP("PaymentWords", "WeChat Pay"),
    "wechatpayhk": QT_TRANSLATE_NOOP("PaymentWords", "WeChat Pay HK"),
    "payme": QT_TRANSLATE_NOOP("PaymentWords", "PayMe"),
    "cash": QT_TRANSLATE_NOOP("PaymentWords", "Cash"),
}


def _key(value: str) -> str:
    return "".join(char for char in value.casefold() if char not in " -_")


def payment_text(value: str) -> str:
    """``value`` (Keeta's payType or payTypeDesc) in words of the current language; as given when unknown."""
    words = _WORDS.get(_key(value))
    return QCoreApplication.translate("PaymentWords", str(words)) if words else value
