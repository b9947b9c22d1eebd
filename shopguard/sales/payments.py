"""How a customer paid. The payment happens on the shop's own terminal; ShopGuard only records it."""

from __future__ import annotations

from enum import StrEnum


class PaymentMethod(StrEnum):
    CARD = "card"
    CASH = "cash"
    KAKAOPAY = "kakaopay"
    NAVERPAY = "naverpay"
    TOSS = "toss"
    OTHER = "other"

    @property
    def label_ko(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def label(self) -> str:
        return f"{self.label_ko} {self.label_en}"


_LABELS = {
    PaymentMethod.CARD: ("카드", "Card"),
    PaymentMethod.CASH: ("현금", "Cash"),
    PaymentMethod.KAKAOPAY: ("카카오페이", "KakaoPay"),
    PaymentMethod.NAVERPAY: ("네이버페이", "NaverPay"),
    PaymentMethod.TOSS: ("토스페이", "Toss"),
    PaymentMethod.OTHER: ("기타", "Other"),
}
