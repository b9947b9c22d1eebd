"""SalesView: the owner's sales page — checkout, today's sales, products and the daily close (Z report).
"See video" opens the playback page at the sale's moment when the window has one."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from shopguard.config.settings import AppSettings, CameraSettings
from shopguard.context import AppContext
from shopguard.paths import DataPaths
from shopguard.sales.adult_pass import checker_for_shop
from shopguard.sales.age import AdultPassChecker, StaticAdultPassChecker
from shopguard.sales.catalogue import Catalogue
from shopguard.sales.checkout import CheckoutService
from shopguard.sales.demo import CHIPS, add_demo_catalogue, demo_cart, generate_sales
from shopguard.sales.payments import PaymentMethod
from shopguard.sales.records import ReversalKind
from shopguard.sales.report import day_bounds
from shopguard.sales.store import list_sales, record_sale, reverse_sale
from shopguard.storage.database import open_database
from shopguard.ui.pages import PageSpec
from shopguard.ui.views.sales_catalogue import CatalogueWidget
from shopguard.ui.views.sales_checkout import CheckoutWidget
from shopguard.ui.views.sales_close import ZReportWidget
from shopguard.ui.views.sales_history import SaleActions, SalesHistoryWidget

ADULT_PASS_SERVICE = "adult_pass_checker"  # context.services key for an AdultPassChecker (access package)
SEE_VIDEO_LEAD_S = 10.0  # start playback a little before the payment: the customer at the counter


class SalesView(QWidget):
    video_requested = Signal(object)  # datetime (UTC) of a sale whose video the owner asked for

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        settings = context.settings
        checker: AdultPassChecker | None = context.services.get(ADULT_PASS_SERVICE)
        if checker is None:
            checker = checker_for_shop(context.paths.root, context.db)
        self.service = CheckoutService(context.db, settings.sales, settings.shop.timezone, checker)
        self.actions = SaleActions(context.db, settings, context.paths.exports, self)
        self.checkout = CheckoutWidget(self.service, context.actor)
        self.history = SalesHistoryWidget(context.db, settings, self.actions, context.actor)
        self.catalogue = CatalogueWidget(self.service.catalogue, context.paths.exports, context.actor)
        self.zreport = ZReportWidget(context.db, settings.shop.timezone, context.paths.exports, context.actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.checkout, "계산 Checkout")
        self.tabs.addTab(self.history, "판매 내역 Sales")
        self.tabs.addTab(self.catalogue, "상품 Products")
        self.tabs.addTab(self.zreport, "일마감 Daily close")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.checkout.sale_completed.connect(lambda _sale: self.history.reload())
        self.checkout.receipt_button.clicked.connect(self._last_receipt)
        self.checkout.video_button.clicked.connect(self._last_video)
        self.actions.video_requested.connect(self._open_video)

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.history:
            self.history.reload()
        elif current is self.catalogue:
            self.catalogue.reload()
        elif current is self.zreport:
            self.zreport.reload()

    def _last_receipt(self) -> None:
        if self.checkout.last_sale is not None:
            self.actions.show_receipt(self.checkout.last_sale.id)

    def _last_video(self) -> None:
        if self.checkout.last_sale is not None:
            self.actions.see_video(self.checkout.last_sale.id)

    def _open_video(self, utc: datetime) -> None:
        """Show the owner's playback page at the sale when the window has one; always re-emit."""
        window = self.window()
        playback = getattr(window, "pages", {}).get("playback")
        tabs = getattr(window, "tabs", None)
        if playback is not None and hasattr(playback, "seek") and tabs is not None:
            tabs.setCurrentWidget(playback)
            playback.seek(utc - timedelta(seconds=SEE_VIDEO_LEAD_S))
        self.video_requested.emit(utc)


def _page(context: AppContext) -> QWidget:
    return SalesView(context)


PAGE = PageSpec("sales", "판매", "Sales", 40, _page)


def demo_context(folder: Path, year_days: int = 0) -> AppContext:
    """A throw-away shop with the demo catalogue, a few sales (and a refund) today, for screenshots."""
    paths = DataPaths(folder).ensure()
    db = open_database(paths.database)
    settings = AppSettings(cameras=[CameraSettings(id="counter", name="계산대", source="demo")])
    settings.shop.address = "서울시 마포구 월드컵로 1"
    settings.sales.business_number = "123-45-67890"
    add_demo_catalogue(db)
    today = datetime.now(ZoneInfo(settings.shop.timezone)).date()
    generate_sales(db, today - timedelta(days=1), days=1, lines_per_day=120)
    catalogue = Catalogue(db)
    for method in (PaymentMethod.CARD, PaymentMethod.KAKAOPAY, PaymentMethod.CASH):
        record_sale(db, demo_cart(catalogue), method, "owner")
    yesterday = today - timedelta(days=1)
    start, end = day_bounds(yesterday, settings.shop.timezone)
    earlier = list_sales(db, start, end)
    if earlier:
        reverse_sale(
            db, earlier[0].id, ReversalKind.REFUND, "owner", "상품 불량", now=end - timedelta(hours=1)
        )
    if year_days:
        generate_sales(db, date(today.year - 1, 1, 1), year_days, 275)
    return AppContext(paths, settings, db, services={ADULT_PASS_SERVICE: StaticAdultPassChecker()})


def _screenshot_checkout() -> QWidget:
    view = SalesView(demo_context(Path(tempfile.mkdtemp(prefix="shopguard-sales-"))))
    checkout = view.checkout
    for code in (CHIPS.barcode, CHIPS.barcode, "8801234567893", "8809876543213", "8801048101016", "96385074"):
        checkout.on_code(code)
    checkout.on_code("8802000000019")  # not in the catalogue: the kind message shows
    return view


def _screenshot_zreport() -> QWidget:
    view = SalesView(demo_context(Path(tempfile.mkdtemp(prefix="shopguard-sales-"))))
    view.tabs.setCurrentWidget(view.zreport)
    return view


SCREENSHOTS = {"sales": _screenshot_checkout, "zreport": _screenshot_zreport}
