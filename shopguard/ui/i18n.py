"""Languages of the owner's window: source strings are English, Korean (the default) comes from the
Qt Linguist catalogue assets/i18n/shopguard_ko.qm. Update it with `make -C assets/i18n` (see the
Makefile there): pyside6-lupdate collects the strings, pyside6-lrelease compiles the .qm."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from shopguard.paths import resource_path

LANGUAGES = {"ko": "한국어", "en": "English"}
DEFAULT_LANGUAGE = "ko"
_installed: list[QTranslator] = []  # keep a reference: Qt does not own an installed translator


def catalogue_path(language: str):
    return resource_path("assets", "i18n", f"shopguard_{language}.qm")


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Switch the application's texts to `language`; English needs no catalogue. True on success."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return True
    translator = QTranslator()
    if not translator.load(str(catalogue_path(language))):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


def current_language() -> str:
    return "en" if not _installed else DEFAULT_LANGUAGE


def translated(context: str, text: str) -> str:
    """Translate a string marked elsewhere with QT_TRANSLATE_NOOP(context, text)."""
    return QCoreApplication.translate(context, text)
