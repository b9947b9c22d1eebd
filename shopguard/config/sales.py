"""Sales settings: receipt header and paper, thermal printer, the night hours for age-restricted goods."""

from __future__ import annotations

from datetime import time

from pydantic import BaseModel, ConfigDict, Field, field_validator


class SalesSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    business_number: str = Field(
        "", title="Business registration number / 사업자등록번호 (on receipts)", max_length=20
    )
    owner_name: str = Field("", title="Representative / 대표자 (on receipts)", max_length=40)
    phone: str = Field("", title="Shop phone / 전화번호 (on receipts)", max_length=30)
    receipt_width_mm: int = Field(80, title="Receipt paper width in mm (58 or 80) / 영수증 용지 폭")
    thermal_printer: str = Field(
        "",
        title="Thermal printer: '' (none), 'network:HOST[:PORT]' or 'file:/dev/usb/lp0' / 영수증 프린터",
        max_length=200,
    )
    adult_check_from: time = Field(
        time(22, 0), title="Adult pass needed for age-restricted goods from / 성인 인증 시작 시각"
    )
    adult_check_until: time = Field(
        time(8, 0), title="… until (earlier than 'from' = past midnight) / 성인 인증 끝 시각"
    )
    adult_check_always: bool = Field(False, title="Adult pass needed at every hour / 항상 성인 인증")

    @field_validator("receipt_width_mm")
    @classmethod
    def _paper(cls, value: int) -> int:
        if value not in (58, 80):
            raise ValueError("receipt paper is 58 or 80 mm wide")
        return value

    @field_validator("thermal_printer")
    @classmethod
    def _printer(cls, value: str) -> str:
        if value and not value.startswith(("network:", "file:")):
            raise ValueError("thermal printer must be '', 'network:HOST[:PORT]' or 'file:PATH'")
        return value
