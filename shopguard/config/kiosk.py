"""Kiosk settings: the panel's physical size (for measuring text in mm), timeouts, voice, owner exit,
payment methods offered, and whether `shopguard` opens straight into the kiosk after a restart."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shopguard.sales.payments import PaymentMethod

MIN_WARNING_S = 20  # WCAG 2.2.1: at least 20 s to extend with one simple action


class KioskSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    start_in_kiosk: bool = Field(
        False,
        title="Start in kiosk mode after a restart (shopguard opens the kiosk) / 재시작 시 키오스크로 시작",
    )
    panel_diagonal_in: float = Field(
        15.6, title="Kiosk screen diagonal in inches / 화면 대각선(인치)", ge=7, le=80
    )
    panel_width_px: int = Field(1920, title="Kiosk screen width in pixels / 화면 가로 픽셀", ge=640, le=7680)
    panel_height_px: int = Field(
        1080, title="Kiosk screen height in pixels / 화면 세로 픽셀", ge=480, le=4320
    )
    idle_s: int = Field(
        90, title="Seconds without a touch before the 'more time?' warning / 무입력 경고까지(초)", ge=30
    )
    pay_idle_s: int = Field(
        180, title="… on the 'pay on the terminal' screen / 결제 화면의 무입력 경고까지(초)", ge=60
    )
    warning_s: int = Field(
        30,
        title="Seconds the warning gives to tap 'more time' / 경고 후 연장 가능 시간(초)",
        ge=MIN_WARNING_S,
    )
    voice_volume: float = Field(0.9, title="Voice volume 0–1 / 음성 크기", ge=0.0, le=1.0)
    voice_rate: float = Field(-0.2, title="Voice speed -1 (slow) … 1 (fast) / 음성 빠르기", ge=-1.0, le=1.0)
    owner_account: str = Field(
        "",
        title="Owner account whose PIN closes the kiosk ('' = the only owner) / 키오스크 종료 점주 계정",
        max_length=40,
    )
    payment_methods: list[PaymentMethod] = Field(
        default_factory=lambda: [
            PaymentMethod.CARD,
            PaymentMethod.KAKAOPAY,
            PaymentMethod.NAVERPAY,
            PaymentMethod.TOSS,
        ],
        title="Payment methods offered on the terminal / 결제 수단",
        min_length=1,
        max_length=6,
    )
    quick_items: list[str] = Field(
        default_factory=list,
        title="Barcodes shown as big buttons (empty: the catalogue's first items) / 바로 고르기 상품",
        max_length=12,
    )

    @field_validator("payment_methods")
    @classmethod
    def _unique(cls, methods: list[PaymentMethod]) -> list[PaymentMethod]:
        if len(set(methods)) != len(methods):
            raise ValueError("each payment method once")
        return methods

    @property
    def px_per_mm(self) -> float:
        """Pixels per millimetre of the configured panel (square pixels)."""
        return (self.panel_width_px**2 + self.panel_height_px**2) ** 0.5 / (self.panel_diagonal_in * 25.4)
