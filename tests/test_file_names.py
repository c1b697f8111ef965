"""The file name a document is offered under (issue 14, item 10)."""

from __future__ import annotations

from datetime import date

from bdcq_desktop.core.register import IssuedRecord
from bdcq_desktop.documents import service
from bdcq_desktop.documents.file_names import document_file_name, slug


def _issued(kind: str, symbol: str, on: date = date(2026, 11, 28)) -> IssuedRecord:
    return IssuedRecord(
        id=1, kind=kind, type_abbr="GTT", year=on.year, number=5, symbol=symbol,
        issued_on=on, summary="", record_type="meeting", record_id=3,
        file_path="", sha256="", signer="",
    )  # fmt: skip


def test_names_are_vietnamese_without_diacritics() -> None:
    day = date(2026, 11, 28)
    assert document_file_name("roster", on=day) == "danh-sach-thanh-vien-du-thao-2026-11-28.pdf"
    assert (
        document_file_name("convocation", _issued("convocation", "05/GTT-BCĐ"))
        == "giay-trieu-tap-05-GTT-BCD-2026-11-28.pdf"
    )
    assert document_file_name("minutes", on=day) == "bien-ban-cuoc-hop-du-thao-2026-11-28.pdf"
    assert slug("Đỗ  Thị / Hòa") == "do-thi-hoa"


def test_every_kind_gets_its_own_plain_ascii_name() -> None:
    kinds = [k for t in (None, "meeting", "session", "round") for k in service.kinds_for(t)]
    names = [document_file_name(k.name, on=date(2026, 1, 2)) for k in kinds]
    for name in names:
        assert name.isascii() and name.endswith("-du-thao-2026-01-02.pdf"), name
        assert name[0].isalpha() and "--" not in name, name
    assert len(set(names)) == len(kinds)


def test_the_same_number_of_two_years_gets_two_names() -> None:
    """Numbers start again each year: 05/GTT-BCĐ of 2027 saved into the folder that holds the
    one of 2026 must not be offered its name (the dialog would replace last year's copy)."""
    names = {
        document_file_name("convocation", _issued("convocation", "05/GTT-BCĐ", day))
        for day in (date(2026, 3, 2), date(2027, 3, 2))
    }
    assert names == {
        "giay-trieu-tap-05-GTT-BCD-2026-03-02.pdf",
        "giay-trieu-tap-05-GTT-BCD-2027-03-02.pdf",
    }
