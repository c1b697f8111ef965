"""Document and organisation settings: the core API, and ``bdcq settings`` as a subprocess."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meetings import list_meetings
from bdcq_desktop.core.members import list_people
from bdcq_desktop.core.settings import get_organisation, get_setting, update_organisation
from bdcq_desktop.documents import settings as ds
from bdcq_desktop.documents.page import PageSettings
from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts


def _refused(field: str, call: Any, *args: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call(*args)
    assert info.value.field == field, info.value
    return info.value


# --- core ------------------------------------------------------------------------------------


def test_decree_defaults_until_changed(db: Any) -> None:
    settings = ds.load(db)
    assert settings.abbr("convocation") == "GTT"
    assert settings.abbr("invitation") == "GM"
    assert settings.abbr("agenda") == "CTr"
    assert settings.signing_for("conclusions").authority == ("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG")
    assert settings.page == PageSettings()
    for kind in ds.KIND_NAMES:
        assert ds.kind_settings(settings, kind) == ds.default_kind(kind)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("TTr", "TTr"), (" QyĐ ", "QyĐ"), ("ĐA", "ĐA"), ("ÐA", "ĐA"), ("G T T", "GTT")],
)
def test_abbreviation_accepted(typed: str, stored: str) -> None:
    assert ds.check_abbreviation("convocation", typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("gm", "GM"), ("CTR", "CTr"), ("ctr", "CTr"), ("qyđ", "QyĐ"), ("đa", "ĐA"), ("da", "DA"),
     ("ttr", "TTr"), ("Gtt", "GTT"), ("xyz", "XYZ"), ("gMi", "GMI")],
)  # fmt: skip
def test_abbreviation_in_the_decree_spelling(typed: str, stored: str) -> None:
    """Appendix III's spelling for a known abbreviation typed in any case (one series per type,
    capitals in the symbol); capitals for any other."""
    assert ds.check_abbreviation("agenda", typed) == stored


def test_abbreviation_stored_as_typed_is_read_in_the_decree_spelling(db: Any) -> None:
    from bdcq_desktop.core.settings import set_setting

    set_setting(db, "documents.abbreviations", {"invitation": "gm", "agenda": "CTR"})
    settings = ds.load(db)
    assert (settings.abbr("invitation"), settings.abbr("agenda")) == ("GM", "CTr")


@pytest.mark.parametrize("typed", ["", "  ", "GM-BCĐ", "GM1", "ABCDEFGHIJK", "Giấy", "G/M"])
def test_abbreviation_refused_names_the_kind(typed: str) -> None:
    exc = _refused("abbr.invitation", ds.check_abbreviation, "invitation", typed)
    assert "Giấy mời" in exc.message and "Giấy mời" in exc.label


def test_body_abbreviation_may_carry_digits() -> None:
    assert ds.check_body_abbreviation("BCĐ389") == "BCĐ389"
    _refused("abbreviation", ds.check_body_abbreviation, "BCĐ-CĐS")
    _refused("abbreviation", ds.check_body_abbreviation, "")


def test_authority_lines_in_capitals_and_required() -> None:
    nfd = unicodedata.normalize("NFD", "kt. trưởng ban\n\n  phó trưởng ban ")
    assert ds.check_authority("invitation", nfd) == ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    assert ds.check_authority("invitation", ["Q. TRƯỞNG BAN"]) == ("Q. TRƯỞNG BAN",)
    _refused("signing.invitation", ds.check_authority, "invitation", "\n \n")
    _refused("signing.invitation", ds.check_authority, "invitation", ["A", "B", "C", "D", "E"])


def test_recipients_cleaned() -> None:
    typed = unicodedata.normalize(
        "NFD", "- Như trên;\nNhư trên\n\n  Sở Nội vụ.  \n+ UBND các huyện;"
    )
    cleaned = ds.check_recipients("convocation", typed)
    assert cleaned == ("Như trên", "Sở Nội vụ", "UBND các huyện")
    assert all(unicodedata.is_normalized("NFC", x) for x in cleaned)
    assert ds.check_recipients("attendance", "") == ()
    exc = _refused("recipients.minutes", ds.check_recipients, "minutes", ["Như trên", "- Lưu: VT"])
    assert "Lưu" in exc.message


def test_signer_codes_depend_on_the_record(db: Any) -> None:
    assert ds.check_signer(db, "convocation", "chair") == "chair"
    assert ds.check_signer(db, "conclusions", "position:Phó Chánh Văn phòng") == (
        "position:Phó Chánh Văn phòng"
    )
    _refused("signer.roster", ds.check_signer, db, "roster", "chair")  # no meeting, no chair
    _refused("signer.minutes", ds.check_signer, db, "minutes", "head")  # secretary and chair
    _refused("signer.invitation", ds.check_signer, db, "invitation", "")
    _refused("signer.invitation", ds.check_signer, db, "invitation", "person:999")


def test_save_and_reset_one_kind(demo_db: Any) -> None:
    person = list_people(demo_db)[0]
    ks = ds.kind_settings(ds.load(demo_db), "invitation")
    changed = replace(
        ks,
        abbreviation="GMi",
        authority=("kt. trưởng ban", "phó trưởng ban"),
        signer=person.full_name,  # a full name that names one person
        recipients=("Như trên", "Sở Nội vụ"),
    )
    saved = ds.save_kind(demo_db, changed)
    assert saved.signer == f"person:{person.id}"
    settings = ds.load(demo_db)
    assert settings.abbr("invitation") == "GMI"  # not the decree's: stored in capitals
    signing = settings.signing_for("invitation")
    assert signing.authority == ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    assert signing.signer_name == person.full_name
    assert settings.recipients_for("invitation") == ("Như trên", "Sở Nội vụ")
    assert settings.abbr("convocation") == "GTT"  # the others keep theirs

    ds.reset_kind(demo_db, "invitation")
    assert ds.kind_settings(ds.load(demo_db), "invitation") == ds.default_kind("invitation")
    for key in ("documents.abbreviations", "documents.signing", "documents.recipients"):
        assert "invitation" not in (get_setting(demo_db, key, {}) or {})


def test_saving_the_defaults_stores_no_override(db: Any) -> None:
    ds.save_kind(db, replace(ds.default_kind("agenda"), abbreviation="X"))
    ds.save_kind(db, ds.default_kind("agenda"))
    for key in ("documents.abbreviations", "documents.signing", "documents.recipients"):
        assert "agenda" not in (get_setting(db, key, {}) or {})


def test_chosen_signer_follows_a_rename(demo_db: Any) -> None:
    from bdcq_desktop.core.members import update_person

    person = list_people(demo_db)[3]
    ds.save_kind(demo_db, replace(ds.default_kind("roster"), signer=f"person:{person.id}"))
    update_person(demo_db, person.id, full_name="Nguyễn Thị Mới")
    assert ds.load(demo_db).signing_for("roster").signer_name == "Nguyễn Thị Mới"


def test_minutes_signing_stays_fixed(db: Any) -> None:
    ks = replace(ds.default_kind("minutes"), authority=("X",), signer="deputy", abbreviation="BBh")
    saved = ds.save_kind(db, ks)
    assert saved.abbreviation == "BBH"
    assert saved.authority == ds.default_kind("minutes").authority


def test_signature_block_may_be_switched_off(db: Any) -> None:
    saved = ds.save_kind(db, replace(ds.default_kind("agenda"), enabled=False, authority=()))
    assert not saved.enabled and saved.authority == ds.default_kind("agenda").authority
    assert not ds.load(db).signing_for("agenda").enabled


def test_page_checked_with_labels(db: Any) -> None:
    page = ds.check_page(PageSettings(), margin_left_mm="32,5", body_size=13)
    assert (page.margin_left_mm, page.body_size) == (32.5, 13)
    ds.save_page(db, page)
    assert ds.load(db).page == page
    exc = _refused("margin_top_mm", lambda: ds.check_page(PageSettings(), margin_top_mm=30))
    assert exc.label == "Lề trên" and "20–25" in exc.message
    _refused("body_size", lambda: ds.check_page(PageSettings(), body_size=12))
    _refused("margin_right_mm", lambda: ds.check_page(PageSettings(), margin_right_mm="abc"))


def test_issuing_body_set_or_derived(demo_db: Any) -> None:
    assert ds.load(demo_db).issuing_body == "BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ"
    update_organisation(demo_db, committee_name="Ban Chỉ đạo chuyển đổi số tỉnh Nghệ An")
    assert ds.load(demo_db).issuing_body == "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"
    ds.set_issuing_body(demo_db, "Ban Chỉ đạo 57 tỉnh Nghệ An")
    assert ds.load(demo_db).issuing_body == "BAN CHỈ ĐẠO 57 TỈNH NGHỆ AN"  # printed as set
    ds.set_issuing_body(demo_db, "")
    assert ds.load(demo_db).issuing_body == "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ"


def test_unknown_kind_refused(db: Any) -> None:
    _refused("kind", ds.reset_kind, db, "decree")
    _refused("kind", ds.default_kind, "decree")


# --- command line -----------------------------------------------------------------------------


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = run_bdcq(args, db=db)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    return out


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "settings-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def meeting_id(demo: Path) -> int:
    db = open_database(demo)
    try:
        return next(r.id for r in list_meetings(db) if r.status == "planned")
    finally:
        db.dispose()


def pdf_text(path: Path) -> str:
    return unicodedata.normalize("NFC", "\n".join(page_texts(path)))


def header_left(path: Path) -> str:
    """The left column of page 1's header (parent body, issuing body, number), one line."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        text = page.crop((0, 0, page.width * 0.42, page.height * 0.2)).extract_text() or ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def test_show_lists_every_key(demo: Path) -> None:
    out = bdcq(demo, "settings", "show", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["committee_name"].startswith("Ban Chỉ đạo")
    assert data["abbr.convocation"] == "GTT"
    assert data["signing.conclusions"] == ["TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"]
    assert data["signer.invitation"] == "caller"  # who called the meeting signs its letters
    assert data["recipients.invitation"][0] == "Như trên"
    assert data["margins.left"] == 30 and data["body_size"] == 14
    assert {f"abbr.{k}" for k in ds.KIND_NAMES} <= set(data)
    table = bdcq(demo, "settings", "show")
    assert table.returncode == 0, table.stderr
    assert re.search(r"^abbr\.convocation\s+GTT$", table.stdout, re.M)
    assert "# Giấy triệu tập (convocation)" in table.stdout
    assert re.search(r"^signer\.invitation\s+caller — Người triệu tập", table.stdout, re.M)
    assert re.search(r"^signer\.roster\s+head — Trưởng ban .*Vũ Duy Tiến", table.stdout, re.M)


def test_new_abbreviation_in_the_exported_symbol(
    demo: Path, meeting_id: int, tmp_path: Path
) -> None:
    before = tmp_path / "before.pdf"
    assert bdcq(demo, "export", "convocation", "--meeting", str(meeting_id), "-o", str(before))
    assert "/GTT-BCĐ" in pdf_text(before)
    out = bdcq(demo, "settings", "set", "abbr.convocation", "TTr")
    assert out.returncode == 0, out.stderr
    assert "abbr.convocation = TTr" in out.stdout
    target = tmp_path / "x.pdf"
    out = bdcq(demo, "export", "convocation", "--meeting", str(meeting_id), "-o", str(target))
    assert out.returncode == 0, out.stderr
    text = pdf_text(target)
    assert "/TTr-BCĐ" in text and "GTT" not in text


def _new_meeting(db: Any) -> int:
    """A meeting with a guest and an agenda, three weeks ahead (the audit's ``case.py``)."""
    from bdcq_desktop.core.meetings import create_meeting

    head = get_organisation(db).default_signer_id
    return create_meeting(
        db,
        kind="briefing",
        title="Họp kiểm tra ký hiệu",
        starts_at=datetime.combine(date.today() + timedelta(days=21), time(8)),
        place="Phòng họp số 1",  # an invitation says where (issue_dates.refuse_no_place)
        chair_id=head,
        invitations=[
            {"guest_name": "Trần Văn An", "position": "Giám đốc", "unit_name": "Công ty X",
             "category": "guest"}
        ],
        agenda=[{"title": "Thảo luận", "planned_minutes": 30}],
    )  # fmt: skip


def test_an_abbreviation_keeps_its_series_for_the_year(demo: Path) -> None:
    """With 01/GM-BCĐ and 01/CTr-BCĐ issued this year, ``settings set abbr.invitation gm`` and
    ``abbr.agenda CTR`` opened second series (01/gm-BCĐ, 01/CTR-BCĐ): now they are the same
    abbreviations, and a new one is refused until 1 January, saying why."""
    from bdcq_desktop.documents import service

    db = open_database(demo)
    try:
        meeting = _new_meeting(db)
        first = [service.issue(db, k, meeting).symbol for k in ("invitation", "agenda")]
    finally:
        db.dispose()
    assert first == ["01/GM-BCĐ", "01/CTr-BCĐ"]
    for key, typed, shown in (("abbr.invitation", "gm", "GM"), ("abbr.agenda", "CTR", "CTr")):
        out = bdcq(demo, "settings", "set", key, typed)
        assert out.returncode == 0, out.stderr
        assert f"{key} = {shown}" in out.stdout
    year = date.today().year
    line = one_line_error(bdcq(demo, "settings", "set", "abbr.invitation", "GMi"))
    assert line.startswith("bdcq: abbr.invitation (Viết tắt tên loại của Giấy mời)")
    assert f"năm {year} đã cấp số đến 01/GM-BCĐ cho giấy mời" in line
    assert 'Đổi "GM" thành "GMI" giữa năm sẽ đánh số lại từ 01' in line
    assert f"có thể đổi từ ngày 01/01/{year + 1}" in line
    # A kind with nothing issued this year may change (the convocation shares no number).
    assert bdcq(demo, "settings", "set", "abbr.convocation", "gtt").returncode == 0
    db = open_database(demo)
    try:
        assert ds.load(db).abbr("invitation") == "GM"
        second = _new_meeting(db)
        again = [service.issue(db, k, second).symbol for k in ("invitation", "agenda")]
    finally:
        db.dispose()
    assert again == ["02/GM-BCĐ", "02/CTr-BCĐ"]


def test_renamed_committee_in_the_header(demo: Path, meeting_id: int, tmp_path: Path) -> None:
    new_name = "Ban Chỉ đạo về phát triển khoa học, công nghệ và chuyển đổi số tỉnh Nghệ An"
    for key, value in (
        ("committee_name", new_name),
        ("abbreviation", "BCĐKHCN"),
        ("signing.convocation", "kt. trưởng ban|phó trưởng ban"),
        ("signer.convocation", "deputy"),
        ("recipients.convocation", "Như trên; Sở Khoa học và Công nghệ"),
    ):
        out = bdcq(demo, "settings", "set", key, value)
        assert out.returncode == 0, (key, out.stderr)
    target = tmp_path / "gtt.pdf"
    out = bdcq(demo, "export", "convocation", "--meeting", str(meeting_id), "-o", str(target))
    assert out.returncode == 0, out.stderr
    header = header_left(target)
    assert header.startswith(
        "UBND TỈNH NGHỆ AN BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ"
    ), header
    assert "/GTT-BCĐKHCN" in header
    flat = " ".join(pdf_text(target).split())
    assert "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ" not in flat
    assert "KT. TRƯỞNG BAN" in flat and "PHÓ TRƯỞNG BAN" in flat and "Vũ Thị Hoa" in flat
    assert "Sở Khoa học và Công nghệ;" in flat


def test_bad_margin_exits_2_naming_the_field(demo: Path) -> None:
    line = one_line_error(bdcq(demo, "settings", "set", "margins.top", "30"))
    assert "margins.top" in line and "Lề trên" in line and "20–25" in line
    out = bdcq(demo, "settings", "show", "--format", "json")
    assert json.loads(out.stdout)["margins.top"] == 20  # nothing written
    out = bdcq(demo, "settings", "set", "margins.left", "32,5")
    assert out.returncode == 0, out.stderr
    assert (
        json.loads(bdcq(demo, "settings", "show", "--format", "json").stdout)["margins.left"]
        == 32.5
    )


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("abbr.convocation", "GT-T", ("abbr.convocation", "Giấy triệu tập")),
        ("committee_name", "", ("committee_name", "Tên Ban Chỉ đạo")),
        ("body_size", "12", ("body_size", "13 hoặc 14")),
        ("signing.agenda", " | ", ("signing.agenda", "Thẩm quyền ký")),
        ("signer.minutes", "head", ("signer.minutes", "thư ký")),
        ("signer.roster", "Không Có Ai", ("signer.roster", "Không Có Ai")),
        ("email", "không-phải-email", ("email", "Thư điện tử")),
        ("abbr.nothing", "GM", ("nothing",)),
        ("colour", "red", ("colour", "bdcq settings show")),
        ("margins.middle", "10", ("margins.middle",)),
    ],
)
def test_refused_values_exit_2(demo: Path, key: str, value: str, words: tuple[str, ...]) -> None:
    line = one_line_error(bdcq(demo, "settings", "set", key, value))
    for word in words:
        assert word in line, line


def test_organisation_fields_through_the_cli(demo: Path) -> None:
    for key, value in (("place_name", "Hà Tĩnh"), ("phone", "0239 3855 555")):
        assert bdcq(demo, "settings", "set", key, value).returncode == 0
    db = open_database(demo)
    try:
        org = get_organisation(db)
        assert (org.place_name, org.phone) == ("Hà Tĩnh", "0239 3855 555")
    finally:
        db.dispose()
