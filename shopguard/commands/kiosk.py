"""`shopguard kiosk`: the customer kiosk, full screen and locked (the owner's PIN closes it).
`--start-in-kiosk on|off` makes plain `shopguard` open the kiosk after a restart; `--check` measures
every kiosk screen against the accessibility targets and prints JSON."""

from __future__ import annotations

import argparse
import json
import os


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("kiosk", help="customer self-checkout kiosk, full screen (키오스크)")
    parser.add_argument(
        "--start-in-kiosk", choices=("on", "off"), help="open the kiosk when shopguard starts"
    )
    parser.add_argument(
        "--check", action="store_true", help="measure the kiosk screens (offscreen) and print JSON"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.start_in_kiosk:
        return _set_start(args.start_in_kiosk == "on", args.data_dir)
    if args.check:
        return _check()
    from shopguard.ui.kiosk.launch import run_kiosk_app

    return run_kiosk_app(args.data_dir)


def _set_start(on: bool, data_dir_override: str | None) -> int:
    from shopguard.config.loader import load_settings, save_settings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.storage.audit import AuditAction, record_audit
    from shopguard.storage.database import open_database

    paths = DataPaths(data_dir(data_dir_override)).ensure()
    settings = load_settings(paths.config)
    settings.kiosk.start_in_kiosk = on
    save_settings(settings, paths.config)
    db = open_database(paths.database, paths.backups)
    try:
        record_audit(db, "owner", AuditAction.SETTINGS_CHANGE, "kiosk.start_in_kiosk", {"value": on})
    finally:
        db.conn.close()
    print(
        "재시작하면 키오스크로 시작합니다 / shopguard now opens the kiosk"
        if on
        else "키오스크 자동 시작 끔 / off"
    )
    return 0


def _check() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from shopguard.ui.fonts import install_fonts
    from shopguard.ui.kiosk.demo import SCREENSHOTS
    from shopguard.ui.kiosk.measure import audit, measure_texts

    app = QApplication.instance() or QApplication([])
    install_fonts(app)
    report, failures = {}, 0
    for name, factory in SCREENSHOTS.items():
        window = factory()
        window.show()
        app.processEvents()
        texts = measure_texts(window, window.px_per_mm)
        findings = audit(window, window.px_per_mm)
        failures += len(findings)
        report[name] = {
            "smallest_cap_height_mm": round(min(m.height_mm for m in texts), 2),
            "lowest_contrast": round(min(min(m.contrast, m.rendered_contrast) for m in texts), 2),
            "pages": window.page_count(),
            "findings": [str(f) for f in findings],
        }
        window.close()
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if failures else 0
