"""`shopguard sales …`: products CSV in/out, the Z report (and its CSV), a sale's receipt as PDF/ESC-POS."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from shopguard.errors import ShopGuardError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sales", help="products, daily close (Z report), receipts")
    actions = parser.add_subparsers(dest="sales_command", metavar="ACTION", required=True)
    p = actions.add_parser("import", help="add/update products from a CSV file (all or nothing)")
    p.add_argument("csv", type=Path)
    p.set_defaults(func=run_import)
    p = actions.add_parser("export", help="write all products to a CSV file (UTF-8 with BOM)")
    p.add_argument("csv", type=Path)
    p.set_defaults(func=run_export)
    p = actions.add_parser("zreport", help="daily close figures for a business day (default: yesterday)")
    p.add_argument("--date", help="YYYY-MM-DD in the shop's time zone")
    p.add_argument("--csv", type=Path, help="also write the accountant's CSV here")
    p.add_argument("--close", action="store_true", help="close the day (once; recorded and audited)")
    p.set_defaults(func=run_zreport)
    p = actions.add_parser("receipt", help="a sale's receipt as PDF and/or ESC/POS bytes")
    p.add_argument("sale_id", type=int)
    p.add_argument("--pdf", type=Path)
    p.add_argument("--escpos", type=Path, help="raw bytes for a thermal printer")
    p.add_argument("--width", type=int, choices=(58, 80), help="paper width in mm (default: settings)")
    p.set_defaults(func=run_receipt)


def _open():  # noqa: ANN202
    from shopguard.config.loader import load_settings
    from shopguard.paths import DataPaths, data_dir
    from shopguard.storage.database import open_database

    paths = DataPaths(data_dir()).ensure()
    return load_settings(paths.config), open_database(paths.database, paths.backups)


def run_import(args: argparse.Namespace) -> int:
    from shopguard.sales.catalogue import Catalogue
    from shopguard.sales.catalogue_csv import CatalogueImportError, import_csv

    if not args.csv.is_file():
        raise ShopGuardError(f"파일이 없습니다: {args.csv}", f"no such file: {args.csv}")
    _, db = _open()
    try:
        result = import_csv(Catalogue(db), args.csv, "cli")
    except CatalogueImportError as exc:
        for problem in exc.problems:
            print(problem)
        raise
    print(f"새 상품 added {result.added}, 바뀐 상품 updated {result.updated}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from shopguard.sales.catalogue import Catalogue
    from shopguard.sales.catalogue_csv import export_csv

    _, db = _open()
    print(f"{export_csv(Catalogue(db), args.csv)} products → {args.csv}")
    return 0


def run_zreport(args: argparse.Namespace) -> int:
    from shopguard.sales.report import build_zreport, close_day, write_zreport_csv

    settings, db = _open()
    zone = settings.shop.timezone
    try:
        day = (
            date.fromisoformat(args.date) if args.date else datetime.now(ZoneInfo(zone)).date() - timedelta(1)
        )
    except ValueError:
        raise ShopGuardError(
            f"날짜 형식은 YYYY-MM-DD 입니다: {args.date}", "date must be YYYY-MM-DD"
        ) from None
    report = close_day(db, day, zone, "cli") if args.close else build_zreport(db, day, zone)
    print(f"{report.business_date} ({zone})")
    print(f"  판매 sales      {report.sale_count:>6}건 {report.sales_won:>14,}원")
    print(f"  환불 refunds    {report.refund_count + report.void_count:>6}건 {-report.refunds_won:>14,}원")
    print(
        f"  순매출 net             {report.net_won:>14,}원  (공급가액 {report.net_supply_won:,} + 부가세 "
        f"{report.net_vat_won:,})"
    )
    for m in report.by_method:
        print(f"  {m.method.label:<16} {m.sale_count:>4}건 {m.net_won:>14,}원")
    if args.csv:
        print(write_zreport_csv(report, args.csv))
    return 0


def run_receipt(args: argparse.Namespace) -> int:
    from shopguard.sales.receipt import build_receipt
    from shopguard.sales.store import get_sale

    settings, db = _open()
    sale = get_sale(db, args.sale_id)
    if sale is None:
        raise ShopGuardError(f"판매 #{args.sale_id}이(가) 없습니다", f"no sale #{args.sale_id}")
    receipt = build_receipt(sale, settings.shop, settings.sales)
    width = args.width or settings.sales.receipt_width_mm
    if args.escpos:
        from shopguard.sales.thermal import escpos_bytes

        args.escpos.write_bytes(escpos_bytes(receipt, width))
        print(args.escpos)
    if args.pdf:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from shopguard.ui.fonts import install_fonts
        from shopguard.ui.receipt_print import save_receipt_pdf

        app = QApplication.instance() or QApplication([])
        install_fonts(app)
        print(save_receipt_pdf(receipt, args.pdf, width))
    if not (args.pdf or args.escpos):
        print(receipt.text())
    return 0
