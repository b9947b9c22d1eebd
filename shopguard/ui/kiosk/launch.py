"""Composition of the kiosk process (`shopguard kiosk`, or `shopguard` when settings.kiosk.start_in_kiosk):
settings, database, checkout service, owner PIN check, receipt printer, the full-screen window."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable

import sqlite_utils

from shopguard.errors import ShopGuardError
from shopguard.sales.receipt import Receipt
from shopguard.security.accounts import Accounts
from shopguard.security.permissions import Role


def owner_name(db: sqlite_utils.Database, configured: str = "") -> str:
    """The owner account whose PIN closes the kiosk; refuses to lock a kiosk nobody could open."""
    owners = [u for u in Accounts(db).users() if u.role == Role.OWNER and not u.disabled]
    if configured:
        if not any(u.name == configured for u in owners):
            raise ShopGuardError(
                f"키오스크 설정의 점주 계정 '{configured}'이(가) 없습니다",
                f"the kiosk's owner account {configured!r} does not exist or is not an owner",
            )
        return configured
    if len(owners) != 1:
        raise ShopGuardError(
            "키오스크를 닫을 점주 계정이 하나로 정해지지 않았습니다. 먼저 shopguard 로 점주 계정을 만들거나, "
            "설정 kiosk.owner_account 에 계정 이름을 적으세요.",
            "no single owner account to close the kiosk: create the owner first (run shopguard) "
            "or set kiosk.owner_account",
        )
    return owners[0].name


def owner_pin_verifier(accounts: Accounts, name: str) -> Callable[[str], bool]:
    """True for the owner's PIN; wrong PINs count toward the account's lockout and are audited
    (shopguard.security raises LoginFailed/AccountLocked with the message the kiosk shows)."""

    def verify(pin: str) -> bool:
        return accounts.authenticate(name, pin).role == Role.OWNER

    return verify


def panel_px_per_mm(width_px: int, height_px: int, diagonal_in: float) -> float:
    return math.hypot(width_px, height_px) / (diagonal_in * 25.4)


def run_kiosk_app(data_dir_override: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from shopguard.app import check_display
    from shopguard.config.loader import load_settings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.sales.adult_pass import checker_for_shop
    from shopguard.sales.checkout import CheckoutService
    from shopguard.sales.thermal import print_thermal
    from shopguard.storage.audit import record_audit
    from shopguard.storage.database import open_database
    from shopguard.ui.fonts import install_fonts
    from shopguard.ui.kiosk.help import HelpDesk
    from shopguard.ui.kiosk.window import KioskWindow

    check_display()
    paths = DataPaths(data_dir(data_dir_override)).ensure()
    settings = load_settings(paths.config)
    db = open_database(paths.database, paths.backups)
    try:
        name = owner_name(db, settings.kiosk.owner_account)
        app = QApplication.instance() or QApplication(sys.argv)
        install_fonts(app)
        screen = app.primaryScreen().geometry()
        px_per_mm = panel_px_per_mm(screen.width(), screen.height(), settings.kiosk.panel_diagonal_in)
        printer = None
        if settings.sales.thermal_printer:
            target, width_mm = settings.sales.thermal_printer, settings.sales.receipt_width_mm

            def printer(receipt: Receipt) -> None:
                print_thermal(receipt, target, width_mm)

        # Alcohol and tobacco at night: the customer's adult QR pass, checked like at the till
        # (only when the shop has set up passes; without a pass key nobody can be verified).
        checker = checker_for_shop(paths.root, db)
        service = CheckoutService(db, settings.sales, settings.shop.timezone, checker)
        window = KioskWindow(
            service,
            settings,
            HelpDesk(db),
            pin_verifier=owner_pin_verifier(Accounts(db), name),
            receipt_printer=printer,
            px_per_mm=px_per_mm,
        )
        record_audit(db, "kiosk", "kiosk.open", "", {"px_per_mm": round(px_per_mm, 3)})
        window.showFullScreen()
        return int(app.exec())
    finally:
        db.conn.close()
