"""Catalogue CSV: import with per-line errors (all or nothing), CP949 files, export round trip."""

from __future__ import annotations

import pytest

from shopguard.sales.catalogue import Catalogue
from shopguard.sales.catalogue_csv import CatalogueImportError, export_csv, import_csv

GOOD = """바코드,상품명,가격,분류,재고,성인
8801043014809,새우깡,"1,500",과자,20,0
8801048101016,참이슬 후레쉬,1950원,주류,6,1
SG-ICE-001,아이스크림,2000,아이스크림,15,
"""


def test_import_good_file_then_update(db, tmp_path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(GOOD, encoding="utf-8")
    catalogue = Catalogue(db)
    result = import_csv(catalogue, path)
    assert (result.added, result.updated) == (3, 0)
    soju = catalogue.get("8801048101016")
    assert (soju.price_won, soju.age_restricted, soju.stock) == (1950, True, 6)
    assert catalogue.get("8801043014809").price_won == 1500
    path.write_text(GOOD.replace("20,0", "25,0"), encoding="utf-8")
    assert import_csv(catalogue, path).updated == 3
    assert catalogue.get("8801043014809").stock == 25


def test_bad_lines_are_named_and_nothing_is_imported(db, tmp_path) -> None:
    bad = (
        GOOD + "8801043014800,틀린 바코드,1000,과자,1,0\n8801234567893,,1000,라면,1,0\n"
        "8809876543213,우유,천원,유제품,1,0\n96385074,껌,700,과자,1,maybe\n"
    )
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CatalogueImportError) as info:
        import_csv(Catalogue(db), path)
    problems = info.value.problems
    assert [p.split("행")[0] for p in problems] == ["5", "6", "7", "8"]
    assert "검증" in problems[0] and "상품명" in problems[1] and "가격" in problems[2]
    assert Catalogue(db).all() == []


def test_excel_cp949_file_is_read(db, tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(GOOD.encode("cp949"))
    import_csv(Catalogue(db), path)
    assert Catalogue(db).get("8801043014809").name == "새우깡"


def test_export_round_trip_with_bom(db, tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(GOOD, encoding="utf-8")
    catalogue = Catalogue(db)
    import_csv(catalogue, source)
    out = tmp_path / "out.csv"
    assert export_csv(catalogue, out) == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    before = catalogue.all()
    import_csv(catalogue, out)
    assert catalogue.all() == before


def test_missing_column_is_reported(db, tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("barcode,name\n8801043014809,새우깡\n", encoding="utf-8")
    with pytest.raises(CatalogueImportError, match="price_won"):
        import_csv(Catalogue(db), path)
