"""DoorController: what a grant drives. Log-only by default; a USB/serial relay behind the same
interface. No threads: the door loop calls `poll()` so the relay relocks on time."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable

from shopguard.access.keys import AccessError
from shopguard.config.access import AccessSettings

log = logging.getLogger(__name__)


class DoorController(ABC):
    name: str

    @abstractmethod
    def unlock(self, hold_s: float) -> None:
        """Release the lock for hold_s seconds (it relocks on a later `poll()`)."""

    def poll(self) -> None:  # noqa: B027 (optional hook)
        """Called often by the door loop; relock when the hold time is over."""

    def close(self) -> None:  # noqa: B027 (optional hook)
        """Lock and release the hardware."""

    @property
    @abstractmethod
    def unlocked(self) -> bool: ...


class LogOnlyDoorController(DoorController):
    """No hardware: writes to the log; the door screen still shows and says the verdict."""

    name = "log-only"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = 0.0
        self.unlocks = 0

    def unlock(self, hold_s: float) -> None:
        self.unlocks += 1
        self._until = self._clock() + hold_s
        log.info("door unlock for %.1f s (log only, no relay configured)", hold_s)

    @property
    def unlocked(self) -> bool:
        return self._clock() < self._until


class SerialRelayDoorController(DoorController):
    """A USB serial relay board (CH340 'LCUS' style by default): bytes switch the relay on and off."""

    def __init__(
        self,
        port: str,
        baud: int = 9600,
        on_bytes: bytes = bytes.fromhex("A00101A2"),
        off_bytes: bytes = bytes.fromhex("A00100A1"),
        clock: Callable[[], float] = time.monotonic,
        serial_factory: Callable[..., object] | None = None,
    ) -> None:
        self.name = f"relay {port}"
        self._on, self._off = on_bytes, off_bytes
        self._clock = clock
        self._relock_at: float | None = None
        if serial_factory is None:
            try:
                import serial  # pyserial, optional: only shops with a relay need it
            except ImportError:
                raise AccessError(
                    "문 릴레이를 쓰려면 pyserial 이 필요합니다: pip install pyserial",
                    "the door relay needs pyserial: pip install pyserial",
                ) from None
            serial_factory = serial.Serial
        try:
            self._port = serial_factory(port, baud, timeout=1, write_timeout=1)
        except Exception as exc:  # pyserial raises SerialException (an OSError) with driver detail
            raise AccessError(
                f"문 릴레이 포트를 열 수 없습니다: {port}", f"cannot open the door relay port {port}: {exc}"
            ) from None
        self._write(self._off)

    def _write(self, data: bytes) -> None:
        try:
            self._port.write(data)  # type: ignore[attr-defined]
            self._port.flush()  # type: ignore[attr-defined]
        except Exception as exc:  # a relay unplugged mid-run
            raise AccessError("문 릴레이와 통신할 수 없습니다", f"door relay write failed: {exc}") from None

    def unlock(self, hold_s: float) -> None:
        self._write(self._on)
        self._relock_at = self._clock() + hold_s

    def poll(self) -> None:
        if self._relock_at is not None and self._clock() >= self._relock_at:
            self._write(self._off)
            self._relock_at = None

    def close(self) -> None:
        try:
            self._write(self._off)
        finally:
            self._relock_at = None
            self._port.close()  # type: ignore[attr-defined]

    @property
    def unlocked(self) -> bool:
        return self._relock_at is not None


def make_door_controller(settings: AccessSettings) -> DoorController:
    if not settings.relay_port:
        return LogOnlyDoorController()
    return SerialRelayDoorController(
        settings.relay_port,
        settings.relay_baud,
        bytes.fromhex(settings.relay_on_hex),
        bytes.fromhex(settings.relay_off_hex),
    )
