"""Voice: short spoken messages through the OS text-to-speech (QtTextToSpeech), in one language.

Speaks only when the OS has a voice for that language (a Korean voice on a Korean Windows, for
example); otherwise it stays silent. Never raises: a missing speech engine is not an error for a shop.
Used by the door screen and the kiosk. Lives on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject

log = logging.getLogger(__name__)

LANGUAGES = {"ko": QLocale.Language.Korean, "en": QLocale.Language.English}
SKIPPED_ENGINES = ("mock",)  # Qt's test engine: silent, only used when asked for by name


class Voice(QObject):
    def __init__(
        self,
        language: str = "ko",
        volume: float = 0.8,
        rate: float = 0.0,
        engine: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = language
        self.engine_name = ""
        self._speech = None
        try:
            self._speech = self._open(LANGUAGES.get(language, QLocale.Language.Korean), engine)
        except Exception:  # a broken speech plug-in must not stop the door or the kiosk
            log.exception("text-to-speech unavailable")
            self._speech = None
        self.set_volume(volume)
        self.set_rate(rate)

    def _open(self, language: QLocale.Language, engine: str | None):  # noqa: ANN202
        from PySide6.QtTextToSpeech import QTextToSpeech

        names = (
            [engine] if engine else [e for e in QTextToSpeech.availableEngines() if e not in SKIPPED_ENGINES]
        )
        for name in names:
            speech = QTextToSpeech(name, self)
            if speech.state() == QTextToSpeech.State.Error:
                speech.deleteLater()
                continue
            voices = [v for v in speech.availableVoices() if v.locale().language() == language]
            locales = [loc for loc in speech.availableLocales() if loc.language() == language]
            if not voices and not locales:
                speech.deleteLater()
                continue
            if locales:
                speech.setLocale(locales[0])
            if voices:
                speech.setVoice(voices[0])
            self.engine_name = name
            return speech
        return None

    @property
    def available(self) -> bool:
        return self._speech is not None

    def set_volume(self, volume: float) -> None:
        """0 (mute) … 1 (loudest)."""
        self.volume = max(0.0, min(1.0, volume))
        if self._speech is not None:
            self._speech.setVolume(self.volume)

    def set_rate(self, rate: float) -> None:
        """-1 (slow, good for elderly customers) … 0 (normal) … 1 (fast)."""
        self.rate = max(-1.0, min(1.0, rate))
        if self._speech is not None:
            self._speech.setRate(self.rate)

    def say(self, text: str) -> bool:
        """Speak `text`, cutting off whatever is still being said. False when silent."""
        if self._speech is None or not text.strip() or self.volume <= 0.0:
            return False
        try:
            self._speech.stop()
            self._speech.say(text)
        except Exception:
            log.exception("text-to-speech failed")
            return False
        return True

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()
