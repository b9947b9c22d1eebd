"""Catalogue CSV in and out. Import checks every line first and saves all or nothing, naming each bad line.

Columns (English or Korean header): barcode/바코드, name/상품명, price_won/가격, category/분류,
stock/재고, age_restricted/성인, active/판매중 (optional, default 1).
Files saved by Excel in Korean Windows (CP949) are read too.
Importing sets the stock to the file's number (a stock count); products are matched by barcode.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from shopguard.errors import ShopGuardError
from shopguard.sales.barcode import BarcodeError
from shopguard.sales.catalogue import Catalogue, ProductError, validate_product
from shopguard.sales.records import Product

FIELDS = ("barcode", "name", "price_won", "category", "stock", "age_restricted", "active")
HEADER_ALIASES = {
    "바코드": "barcode",
    "상품명": "name",
    "가격": "price_won",
    "판매가": "price_won",
    "price": "price_won",
    "분류": "category",
    "재고": "stock",
    "성인": "age_restricted",
    "성인인증": "age_restricted",
    "판매중": "active",
}
TRUE_WORDS = {"1", "true", "yes", "y", "o", "예", "네", "성인"}
FALSE_WORDS = {"", "0", "false", "no", "n", "x", "아니오", "아니요"}


class CatalogueImportError(ShopGuardError):
    """The file has bad lines; `problems` lists each one (line number, what is wrong)."""

    def __init__(self, problems: list[str]) -> None:
        first = problems[0].split(" / ")[0] if problems else ""
        super().__init__(
            f"상품 파일에 잘못된 줄이 {len(problems)}개 있어 아무것도 가져오지 않았습니다 (처음: {first})",
            f"{len(problems)} bad line(s) in the product file, nothing imported",
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CatalogueImportError(["1행: 글자 인코딩을 알 수 없습니다 (UTF-8 또는 CP949로 저장하세요)"])


def _won(text: str) -> int:
    cleaned = text.replace(",", "").replace("원", "").replace("₩", "").strip()
    if not cleaned.lstrip("-").isdigit():
        raise ValueError(text)
    return int(cleaned)


def parse_products(text: str) -> tuple[list[Product], list[str]]:
    """Products and a list of problems, one per bad line ('3행 …' = line 3 of the file)."""
    # newline="" lets the csv module see CR, LF and CRLF endings itself (a lone CR used to escape as
    # csv.Error); anything it still cannot parse becomes one plain problem line.
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [], [f"파일 형식이 CSV가 아닙니다 / not a CSV file ({exc})"]
    if not rows:
        return [], ["파일이 비어 있습니다 / the file is empty"]
    header = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    missing = [f for f in ("barcode", "name", "price_won") if f not in header]
    if missing:
        return [], [f"1행: 필요한 열이 없습니다: {', '.join(missing)} / missing column(s)"]
    index = {name: header.index(name) for name in FIELDS if name in header}
    products: list[Product] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            i = index.get(field)
            return row[i].strip() if i is not None and i < len(row) else ""

        try:
            price = _won(cell("price_won"))
        except ValueError:
            problems.append(
                f"{number}행: 가격 '{cell('price_won')}'이(가) 숫자가 아닙니다 / price not a number"
            )
            continue
        try:
            stock = _won(cell("stock") or "0")
        except ValueError:
            problems.append(f"{number}행: 재고 '{cell('stock')}'이(가) 숫자가 아닙니다 / stock not a number")
            continue
        flag = cell("age_restricted").lower()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            problems.append(f"{number}행: 성인 표시 '{flag}'은(는) 1 또는 0이어야 합니다 / age flag 1 or 0")
            continue
        active = cell("active").lower() or "1"
        if active not in TRUE_WORDS | FALSE_WORDS:
            problems.append(
                f"{number}행: 판매중 표시 '{active}'은(는) 1 또는 0이어야 합니다 / active flag 1 or 0"
            )
            continue
        barcode = cell("barcode")
        if barcode in seen:
            problems.append(
                f"{number}행: 바코드 {barcode}가 {seen[barcode]}행과 겹칩니다 / duplicate barcode"
            )
            continue
        product = Product(
            barcode, cell("name"), price, cell("category"), stock, flag in TRUE_WORDS, active in TRUE_WORDS
        )
        try:
            products.append(validate_product(product))
            seen[barcode] = number
        except (BarcodeError, ProductError) as exc:
            problems.append(f"{number}행: {exc.ko} / {exc.en}")
    return products, problems


def import_csv(catalogue: Catalogue, path: Path, actor: str = "owner") -> ImportResult:
    """Add or update every product in the file, or none when any line is bad."""
    from shopguard.storage.audit import record_audit

    products, problems = parse_products(_read_text(path))
    if problems:
        raise CatalogueImportError(problems)
    existing = {p.barcode for p in catalogue.all(include_inactive=True)}
    catalogue.save_many(products)
    added = sum(1 for p in products if p.barcode not in existing)
    result = ImportResult(added=added, updated=len(products) - added)
    record_audit(
        catalogue.db, actor, "product.import", path.name, {"added": added, "updated": result.updated}
    )
    return result


def export_csv(catalogue: Catalogue, path: Path) -> int:
    """All products (also inactive ones) as UTF-8 with BOM, so Excel shows the Korean. Returns the count."""
    products = catalogue.all(include_inactive=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for p in products:
            writer.writerow(
                [p.barcode, p.name, p.price_won, p.category, p.stock, int(p.age_restricted), int(p.active)]
            )
    return len(products)
