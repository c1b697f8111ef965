"""The demo's Phó Trưởng ban Thường trực: Cao Bá Công, director of the standing agency, holds
the role (``standing_deputy_head``) in both his terms, before and after the 2025 merger, and
lists second, after the Head. The demo is built as ``bdcq demo`` builds it, into a real SQLite
file with its past documents issued; the documents are read back from their PDFs, where the
title reads as Decree 30 writes it ("Phó Trưởng ban Thường trực", never "thường trực")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.members import list_committee
from bdcq_desktop.core.models import (
    AgendaItem,
    CommitteeMembership,
    Meeting,
    MeetingKind,
    Minutes,
    Person,
)
from bdcq_desktop.documents import service
from bdcq_desktop.documents.demo import load_demo_with_documents
from bdcq_desktop.ui import view_state
from tests.conftest import DEMO_TODAY, own_data_folder
from tests.pdf_tables import page_tables
from tests.pdf_text import flat_text
from tests.test_ui_fit import committee_at_1366

CONG = "Cao Bá Công"
STANDING = "Phó Trưởng ban Thường trực"
# The chair's whole title in the documents (documents.meeting_data), after his position.
CHAIR = f"Đồng chí {CONG}, Giám đốc Sở Khoa học và Công nghệ, {STANDING} Ban Chỉ đạo."
B4_TITLE = f"{STANDING} làm việc với Tổ công tác về Chỉ số chuyển đổi số (DTI)"
# "Thường trực" written in lower case after the title it belongs to.
LOWER = re.compile(r"Trưởng ban thường trực")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("standing_deputy")
    with own_data_folder(folder):
        db = open_database(folder / "demo.sqlite3")
        load_demo_with_documents(db, today=DEMO_TODAY)
    yield db
    db.dispose()


def _meetings(db: Database) -> dict[str, int]:
    """The two meetings he chaired: the extraordinary one, the briefing on DTI."""
    with db.session() as s:
        chaired = s.execute(
            select(Meeting.kind, Meeting.id)
            .join(Person, Meeting.chair_id == Person.id)
            .where(Person.full_name == CONG)
        ).all()
    kinds = {kind: mid for kind, mid in chaired}
    assert set(kinds) == {MeetingKind.EXTRAORDINARY, MeetingKind.BRIEFING}, chaired
    return {"extraordinary": kinds[MeetingKind.EXTRAORDINARY], "dti": kinds[MeetingKind.BRIEFING]}


def _stored(db: Database, kind: str, meeting_id: int) -> str:
    record = register.find_issued(db, kind, "meeting", meeting_id)
    assert record is not None, (kind, meeting_id)
    return flat_text(register.stored_copy(record, db))


def test_he_holds_the_role_in_both_terms(demo: Database) -> None:
    with demo.session() as s:
        terms = s.execute(
            select(
                CommitteeMembership.role,
                CommitteeMembership.sort_order,
                CommitteeMembership.start_date,
                CommitteeMembership.end_date,
                CommitteeMembership.position_at_start,
            )
            .join(Person, CommitteeMembership.person_id == Person.id)
            .where(Person.full_name == CONG)
            .order_by(CommitteeMembership.start_date)
        ).all()
    # Appointed as director of Sở TT&TT, kept on as director of Sở KH&CN after the merger.
    assert [(str(t.role), t.sort_order) for t in terms] == [("standing_deputy_head", 2)] * 2
    assert terms[0].position_at_start == "Giám đốc Sở Thông tin và Truyền thông"
    assert terms[0].end_date == date(2025, 2, 28)
    assert (terms[1].start_date, terms[1].end_date) == (date(2025, 3, 1), None)
    assert terms[1].position_at_start == "Giám đốc Sở Khoa học và Công nghệ"


@pytest.mark.parametrize("day", [date(2025, 1, 15), DEMO_TODAY], ids=["first", "second"])
def test_he_lists_second_after_the_head(demo: Database, day: date) -> None:
    rows = list_committee(demo, on=day)
    assert [(r.role, r.role_label) for r in rows[:3]] == [
        ("head", "Trưởng ban"),
        ("standing_deputy_head", STANDING),
        ("deputy_head", "Phó Trưởng ban"),
    ]
    assert rows[1].full_name == CONG


def test_no_title_or_agenda_writes_the_role_in_lower_case(demo: Database) -> None:
    with demo.session() as s:
        titles = s.scalars(select(Meeting.title)).all()
        items = s.scalars(select(AgendaItem.title)).all()
        openings = s.scalars(select(Minutes.opening_text)).all()
    assert B4_TITLE in titles
    assert not [t for t in [*titles, *items, *openings] if LOWER.search(t or "")]
    # The minutes he chaired name him by the role he held that day.
    assert sum(f"Chủ trì: Ông {CONG}, " in (o or "") for o in openings) == 2
    assert all(f"{STANDING} Ban Chỉ đạo." in o for o in openings if CONG in (o or ""))


def test_the_issued_convocations_name_him_by_his_whole_title(demo: Database) -> None:
    meetings = _meetings(demo)
    for key, mid in meetings.items():
        text = _stored(demo, "convocation", mid)
        assert f"Chủ trì: {CHAIR}" in text, (key, text)
        # Whom a member who cannot come reports to: him, by his title.
        assert f"báo cáo đồng chí {STANDING} {CONG} và cử" in text, key
        # A Deputy Head in every right: signs for the Head (the signature's two lines sit
        # beside the recipients, so they are read apart).
        assert "KT. TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text, key
        assert not LOWER.search(text), key
    dti = _stored(demo, "convocation", meetings["dti"])
    assert f"GIẤY TRIỆU TẬP {B4_TITLE}" in dti
    assert f"- Kết luận của {STANDING}." in dti


def test_the_minutes_and_conclusions_he_chaired(demo: Database) -> None:
    mid = _meetings(demo)["extraordinary"]
    minutes = _stored(demo, "minutes", mid)
    assert f"Chủ trì (chủ tọa): {CHAIR}" in minutes
    # The annex lists the members in roster order: the Head, him, the other Deputy.
    annex = minutes.split("ĐẠI BIỂU DỰ HỌP", 1)[1]
    order = rf"1 Vũ Duy Tiến .* 2 {CONG} Giám đốc Sở Khoa học và Công nghệ 3 Vũ Thị Hoa "
    assert re.search(order, annex), annex
    conclusions = _stored(demo, "conclusions", mid)
    assert f"Kết luận của đồng chí {CONG}, Giám đốc Sở Khoa học và Công nghệ, {STANDING}" in (
        conclusions
    )
    assert f"đồng chí {STANDING} Ban Chỉ đạo kết luận như sau:" in conclusions
    for text in (minutes, conclusions):
        assert not LOWER.search(text) and "Phó Trưởng Ban Chỉ đạo" not in text


def test_the_roster_lists_him_second_with_his_role(demo: Database) -> None:
    table = page_tables(service.draft(demo, "roster"))[0][0]
    rows = [[re.sub(r"\s+", " ", c or "") for c in row] for row in table[1:4]]
    assert [r[1] for r in rows] == ["Vũ Duy Tiến", CONG, "Vũ Thị Hoa"]
    assert [r[3] for r in rows] == ["Trưởng ban", STANDING, "Phó Trưởng ban"]


def test_the_members_tab_shows_the_role_whole_on_a_1366_screen(qtbot: Any, demo: Database) -> None:
    view_state.settings().clear()
    table = committee_at_1366(qtbot, demo).committee.table
    view = table.view
    column = [c.key for c in table.model.columns()].index("role_label")
    rows = table.model.rows()
    assert rows[1].full_name == CONG and rows[1].role_label == STANDING
    # Not elided ("Phó Trưởng ban Thư…" read as a plain Deputy): its whole text and margins.
    index = table.model.index(1, column)
    assert table.model.data(index, Qt.ItemDataRole.DisplayRole) == STANDING
    assert view.columnWidth(column) >= view.fontMetrics().horizontalAdvance(STANDING) + 8
    view_state.settings().clear()


def test_the_letters_reporting_to_him_give_his_whole_title(demo: Database) -> None:
    """Where a letter Vũ Thị Hoa signs (or a meeting she chairs) reports to the other Deputy
    Head, the Nơi nhận reads "Phó Trưởng ban Thường trực Cao Bá Công (để b/c)": every issued
    PDF of the demo read back (by pdfium: some forty documents)."""
    import pypdfium2 as pdfium

    titled = 0
    for record in register.list_issued(demo):
        doc = pdfium.PdfDocument(register.stored_copy(record, demo))
        try:
            text = re.sub(r"\s+", " ", " ".join(p.get_textpage().get_text_range() for p in doc))
        finally:
            doc.close()
        assert f"Phó Trưởng ban {CONG}" not in text, record.symbol
        titled += text.count(f"{STANDING} {CONG} (để b/c)")
    assert titled >= 3
