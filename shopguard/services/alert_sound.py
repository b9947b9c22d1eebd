"""The alert chime: a WAV we synthesise ourselves (two-tone bell, numpy, 16-bit mono 44.1 kHz) so no
third-party sound needs licensing. `python -m shopguard.services.alert_sound` rewrites
assets/sounds/alert.wav; the app plays it with QSoundEffect on the GUI thread."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QSoundEffect

from shopguard.paths import resource_path

RATE_HZ = 44100
TONES = ((880.0, 0.0), (660.0, 0.28), (880.0, 0.56))  # (pitch Hz, start s): a "ding-dong-ding"
TONE_S = 0.45
DECAY_PER_S = 7.0
PEAK = 0.6  # of full scale: loud enough across a shop, no clipping


def alert_wav_path() -> Path:
    return resource_path("assets", "sounds", "alert.wav")


def synthesize_chime() -> np.ndarray:
    """Int16 samples: each tone a sine with its octave, a 5 ms attack and an exponential decay."""
    total_s = TONES[-1][1] + TONE_S
    t = np.arange(int(total_s * RATE_HZ)) / RATE_HZ
    out = np.zeros_like(t)
    for pitch, start in TONES:
        local = t - start
        on = (local >= 0) & (local < TONE_S)
        x = local[on]
        envelope = np.minimum(x / 0.005, 1.0) * np.exp(-DECAY_PER_S * x)
        out[on] += envelope * (np.sin(2 * np.pi * pitch * x) + 0.3 * np.sin(4 * np.pi * pitch * x))
    out *= PEAK / np.max(np.abs(out))
    return (out * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE_HZ)
        handle.writeframes(samples.tobytes())
    return path


class AlertSoundPlayer(QObject):
    """Plays the chime; GUI thread. `played` counts plays so tests can check without speakers."""

    def __init__(self, volume: float = 0.8, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.volume = volume
        self.effect: QSoundEffect | None = None  # made on first use: opening audio takes a moment
        self.played = 0

    def set_volume(self, volume: float) -> None:
        self.volume = volume
        if self.effect is not None:
            self.effect.setVolume(volume)

    def play(self) -> None:
        if self.effect is None:
            self.effect = QSoundEffect(self)
            self.effect.setSource(QUrl.fromLocalFile(str(alert_wav_path())))
        self.effect.setVolume(self.volume)
        self.played += 1
        self.effect.play()


if __name__ == "__main__":
    print(write_wav(alert_wav_path(), synthesize_chime()))
