"""Language switching at run time: English is the source text, 繁體中文 (zh_HK) comes from a .qm file."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator

from posapp.assets import translation_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "zh_HK")


class LanguageSwitcher:
    """Installs one translator; widgets retranslate on ``QEvent.LanguageChange``."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self.language = "en"

    def switch(self, language: str) -> bool:
        """Use ``language``; False (and English stays) when its translation file cannot be loaded."""
        if language == self.language:
            return True
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        self.language = "en"
        if language == "en":
            return True
        translator = QTranslator(self._app)
        path = translation_path(language)
        if not translator.load(str(path)):
            log.error("translation %s could not be loaded from %s", language, path)
            return False
        self._app.installTranslator(translator)
        self._translator = translator
        self.language = language
        return True


def shown_language() -> str:
    """The language on screen now ("en" or "zh_HK"): each translation file answers with its own code,
    so a widget can choose between an item's English and Chinese name without asking the switcher."""
    return QCoreApplication.translate("Language", "en")
