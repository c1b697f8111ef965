"""Agencies in the documents as the documents audit found them wrong, read back from the PDFs:
a position naming a city by its short name ("Chủ tịch UBND TP Vinh") printed the agency twice;
"Giám đốc Sở" printed "Giám đốc Sở, Sở Thông tin và Truyền thông"; the working group's papers
and the roster left a short name in a position unexpanded; a guest's agency typed by its short
name ("Sở TT&TT") printed beside the full name the members of that agency print under."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import units
from bdcq_desktop.core.agenda import AgendaLine
from bdcq_desktop.core.invitees import invite
from bdcq_desktop.core.meeting_detail import get_meeting
from bdcq_desktop.core.meetings import create_meeting, list_meetings
from bdcq_desktop.core.models import SessionParticipant
from bdcq_desktop.core.people import update_person
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text

ICT = "Sở Thông tin và Truyền thông"


def test_positions_naming_their_agency_by_kind_level_or_short_name(db: Any) -> None:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    province = units.create_unit(db, name="Ủy ban nhân dân tỉnh Nghệ An", short_name="UBND tỉnh")
    ict = units.create_unit(db, name=ICT, short_name="Sở TT&TT")
    vinh = units.create_unit(db, name="Ủy ban nhân dân thành phố Vinh", short_name="TP Vinh")
    dien_chau = units.create_unit(db, name="Ủy ban nhân dân xã Diễn Châu")
    yen_thanh = units.create_unit(db, name="Ủy ban nhân dân xã Yên Thành")
    people = [
        ("Nguyễn Văn An", "Chủ tịch UBND tỉnh", province, "head"),
        ("Trần Văn Cường", "Giám đốc Sở", ict, "member"),
        ("Lương Văn Phú", "Chủ tịch UBND TP Vinh", vinh, "member"),
        ("Trương Thị Mai", "Chủ tịch xã", dien_chau, "member"),
        ("Hồ Văn Sơn", "Bí thư Đảng ủy, Chủ tịch HĐND xã", yen_thanh, "member"),
    ]
    ids = []
    for name, position, unit, role in people:
        pid = mem.create_person(db, full_name=name, position=position, unit_id=unit)
        mem.appoint(db, pid, role=role, start_date=date(2024, 1, 1))
        ids.append(pid)
    mid = create_meeting(
        db,
        kind="regular",
        title="Họp Ban Chỉ đạo 6 tháng cuối năm 2026",
        starts_at=datetime.combine(date.today() + timedelta(days=10), time(14)),
        place="Phòng họp số 1",
        chair_id=ids[0],
        agenda=[AgendaLine("Báo cáo tình hình", 20, presenter_person_id=ids[1])],
        invite_committee=True,
    )
    convocation = service.draft(db, "convocation", mid)
    # The annex's table and the body alike.
    text = flat_text(convocation) + " ".join(table_cells(convocation))
    assert f"Trần Văn Cường, Giám đốc {ICT}" in text
    assert "Lương Văn Phú, Chủ tịch UBND thành phố Vinh" in text
    assert "Trương Thị Mai, Chủ tịch UBND xã Diễn Châu" in text
    assert "Hồ Văn Sơn, Bí thư Đảng ủy, Chủ tịch HĐND xã Yên Thành" in text
    assert "UBND Ủy ban" not in text and "Ủy ban nhân dân" not in text
    assert "Giám đốc Sở," not in text
    agenda = " ".join(table_cells(service.draft(db, "agenda", mid)))
    assert f"Trần Văn Cường, Giám đốc {ICT}" in agenda and "Giám đốc Sở," not in agenda
    roster = " ".join(table_cells(service.draft(db, "roster")))
    assert f"Giám đốc {ICT}" in roster and "Giám đốc Sở," not in roster
    assert "Chủ tịch UBND thành phố Vinh" in roster and "Chủ tịch xã," not in roster


def test_a_guest_s_agency_typed_by_its_short_name_prints_in_full(demo_db: Any) -> None:
    planned = next(r for r in list_meetings(demo_db) if r.status == "planned")
    d = get_meeting(demo_db, planned.id)
    guest = {
        "guest_name": "Trịnh Văn Quang",
        "position": "Phó Giám đốc phụ trách",
        "unit_name": "sở tt&tt",  # as typed, in any case
    }
    invite(demo_db, planned.id, [guest], expected_version=d.version)
    text = flat_text(service.draft(demo_db, "invitation", planned.id))
    assert f"Trịnh Văn Quang, Phó Giám đốc phụ trách, {ICT}" in text
    assert "tt&tt" not in text.lower()
    sheet = flat_text(service.draft(demo_db, "attendance", planned.id))
    assert "Trịnh Văn Quang" in sheet and "tt&tt" not in sheet.lower()


def test_the_working_group_s_papers_and_the_roster_expand_short_names(demo_db: Any) -> None:
    # The demo's first session, two participants typed as the audit typed them.
    with demo_db.session() as s:
        rows = {
            p.name_snapshot: p
            for p in s.query(SessionParticipant).filter(SessionParticipant.session_id == 1)
        }
        rows["Hoàng Quang Tuấn"].position_snapshot = "Phó Giám đốc Sở"
        rows["Trần Thu Thủy"].position_snapshot = "Trưởng phòng Công nghệ thông tin, Sở TT&TT"
    for kind in ("wg-convocation", "wg-report"):
        pdf = service.draft(demo_db, kind, 1)
        text = flat_text(pdf) + " ".join(table_cells(pdf))
        assert f"Trưởng phòng Công nghệ thông tin, {ICT}" in text, kind
        assert f"Phó Giám đốc {ICT}" in text, kind
        assert "TT&TT" not in text and "Giám đốc Sở," not in text, kind
    ngan = next(r for r in mem.list_group(demo_db) if r.full_name == "Bùi Thị Ngân")
    update_person(demo_db, ngan.person_id, position="Trưởng phòng Công nghệ thông tin, Sở KH&CN")
    roster = " ".join(table_cells(service.draft(demo_db, "roster")))
    assert "Trưởng phòng Công nghệ thông tin, Sở Khoa học và Công nghệ" in roster
    assert "KH&CN" not in roster
