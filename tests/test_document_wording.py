"""Wording of the meeting documents, read back from the PDFs: who an absent member reports to,
how times are written, the meeting as part of a sentence, and recipients that do not report to
the signer herself. The demo's meetings 8 and 13 were called (and chaired) by a Deputy Head
(Cao Bá Công, the Phó Trưởng ban Thường trực, and Vũ Thị Hoa), 14 by the Head; 7 was chaired
by Vũ Thị Hoa."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core.attendance import AttendanceMark, record_attendance
from bdcq_desktop.core.members import list_committee
from bdcq_desktop.core.memberships import NewAppointment, Reorganisation, reorganise
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import Invitee, InviteeCategory, Meeting, MeetingKind, Unit
from bdcq_desktop.core.wording import meeting_phrase
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.pdf_text import flat_text
from tests.test_meeting_docs import make_meeting

MEETING_KINDS = ("convocation", "invitation", "agenda", "attendance", "minutes", "conclusions")


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


# --- 1. whom an absent member reports to ------------------------------------------------------


def test_a_deputy_s_convocation_asks_absent_members_to_report_to_her(demo_db: Any) -> None:
    """"báo cáo Trưởng ban" in a letter a Deputy called and signs (KT. TRƯỞNG BAN) sent the
    members to someone who does not hold the meeting."""
    text = flat_text(service.draft(demo_db, "convocation", 8))
    assert "KT. TRƯỞNG BAN" in text
    reports_to = "trường hợp vắng mặt, báo cáo đồng chí Phó Trưởng ban Thường trực Cao Bá Công"
    assert reports_to + " và cử" in text
    assert "báo cáo Trưởng ban" not in text
    # The Head's own meeting: as before.
    head = flat_text(service.draft(demo_db, "convocation", 14))
    assert "trường hợp vắng mặt, báo cáo Trưởng ban và cử lãnh đạo cơ quan dự thay" in head


# --- 2. one way to write a time ---------------------------------------------------------------


def test_every_meeting_document_writes_times_in_hours_and_minutes(demo_db: Any) -> None:
    """The agenda wrote "08h00", the other documents "08 giờ 00 phút": one form throughout."""
    meeting = make_meeting(demo_db)
    for kind in MEETING_KINDS:
        text = flat_text(service.draft(demo_db, kind, meeting))
        assert not re.search(r"\d{1,2}h\d{2}", text), (kind, text)
    data = service.draft(demo_db, "agenda", meeting)
    assert "(Thời gian: 08 giờ 00 phút, thứ Ba, ngày 03 tháng 02 năm 2026;" in flat_text(data)
    table = page_tables(data)[0][0]
    # A span breaks after its dash: each end whole on its line of the narrow column.
    assert [row[0] for row in table[1:]] == [
        "08 giờ 00 phút -\n08 giờ 15 phút",
        "08 giờ 15 phút -\n09 giờ 00 phút",
        "09 giờ 00 phút",
    ]


def test_the_minutes_draft_writes_a_late_arrival_the_same_way(demo_db: Any) -> None:
    meeting = make_meeting(demo_db)
    with demo_db.session() as s:
        first = s.scalars(
            select(Invitee.id).where(Invitee.meeting_id == meeting).order_by(Invitee.position)
        ).first()
    assert first is not None
    late = AttendanceMark(first, "late", arrived_at=datetime(2026, 2, 3, 8, 20))
    record_attendance(demo_db, meeting, [late], expected_version=None)
    lines = minutes_draft(demo_db, meeting).attendance
    assert any(line.endswith("đến muộn lúc 08 giờ 20 phút") for line in lines), lines


# --- 3. the meeting as part of a sentence -----------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind", "phrase"),
    [
        ("Họp Ban Chỉ đạo quý I", None, "cuộc họp Ban Chỉ đạo quý I"),
        ("họp Ban Chỉ đạo quý I", None, "cuộc họp Ban Chỉ đạo quý I"),
        ("Làm việc với Sở Y tế", None, "buổi làm việc với Sở Y tế"),
        ("làm việc với Sở Y tế", None, "buổi làm việc với Sở Y tế"),
        ("Làm việc", None, "buổi làm việc"),
        ("Phó Trưởng ban làm việc với Sở Y tế", None, "buổi làm việc với Sở Y tế"),
        ("Hội nghị sơ kết", None, "hội nghị sơ kết"),
        ("Sơ kết 6 tháng đầu năm 2026", None, "hội nghị sơ kết 6 tháng đầu năm 2026"),
        ("Hội thảo chuyển đổi số", None, "hội thảo chuyển đổi số"),
        ("Giao ban quý III", None, "cuộc họp giao ban quý III"),
        ("Tập huấn chữ ký số", None, "buổi tập huấn chữ ký số"),
        ("Ban Chỉ đạo họp phiên thường kỳ", None, "cuộc họp phiên thường kỳ"),
        ("Triển khai Đề án 06", None, "cuộc họp về triển khai Đề án 06"),
        ("Triển khai Đề án 06", MeetingKind.BRIEFING, "buổi làm việc về triển khai Đề án 06"),
        ("Đề án 06: rà soát tiến độ", None, "cuộc họp về Đề án 06: rà soát tiến độ"),
        # "kỳ họp" inside a subject is no meeting of its own.
        ("Nghị quyết kỳ họp thứ 10", None, "cuộc họp về Nghị quyết kỳ họp thứ 10"),
        ("Về việc rà soát dịch vụ công", None, "cuộc họp về việc rà soát dịch vụ công"),
    ],
)
def test_a_title_reads_as_a_noun_phrase(title: str, kind: Any, phrase: str) -> None:
    assert meeting_phrase(title, kind) == phrase


def _retitle(db: Any, meeting_id: int, title: str) -> None:
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        assert m is not None
        m.title = title


def test_letters_of_a_meeting_titled_as_an_activity_read_as_sentences(demo_db: Any) -> None:
    """"Tới dự Làm việc với Sở Y tế." is no sentence: the title is what people do."""
    meeting = make_meeting(demo_db)
    _retitle(demo_db, meeting, "Làm việc với Sở Y tế")
    for kind in ("convocation", "invitation"):
        text = flat_text(service.draft(demo_db, kind, meeting))
        assert "Tới dự buổi làm việc với Sở Y tế." in text, (kind, text)
    sheet = flat_text(service.draft(demo_db, "attendance", meeting))
    assert "Dự buổi làm việc với Sở Y tế" in sheet
    notice = flat_text(service.draft(demo_db, "conclusions", meeting))
    assert "tổ chức buổi làm việc với Sở Y tế;" in notice


def test_an_agency_invited_without_a_head_is_not_named_twice(demo_db: Any) -> None:
    """"Lãnh đạo Sở Y tế, Sở Y tế": the agency invited by name, its head not on record."""
    meeting = make_meeting(demo_db, agency_heads=0, experts=0, guests=0)
    with demo_db.session() as s:
        unit = Unit(name="Sở Y tế Thử nghiệm", kind="department")
        s.add(unit)
        s.flush()
        s.add(
            Invitee(
                meeting_id=meeting,
                position=99,
                unit_id=unit.id,
                unit_snapshot=unit.name,
                category=InviteeCategory.AGENCY_HEAD,
            )
        )
    text = flat_text(service.draft(demo_db, "invitation", meeting))
    assert "- Lãnh đạo Sở Y tế Thử nghiệm." in text, text
    assert "Sở Y tế Thử nghiệm, Sở Y tế Thử nghiệm" not in text


def test_a_guest_of_unknown_gender_is_addressed_ong_ba(demo_db: Any) -> None:
    """A guest typed in (`meetings invite --guest`) has no gender on record: "- Ông/Bà …" like
    the "Ông …"/"Bà …" lines beside it, in the invitation and in a copy per addressee."""
    meeting = make_meeting(demo_db, agency_heads=1, experts=0, guests=0)
    with demo_db.session() as s:
        s.add(
            Invitee(  # as core.invitees.invite stores a guest typed in
                meeting_id=meeting,
                position=99,
                guest_name="Nguyễn Văn Hải",
                name_snapshot="Nguyễn Văn Hải",
                position_snapshot="Giám đốc",
                unit_snapshot="Viettel Nghệ An",
                category=InviteeCategory.GUEST,
            )
        )
    text = flat_text(service.draft(demo_db, "invitation", meeting))
    assert "- Ông/Bà Nguyễn Văn Hải, Giám đốc, Viettel Nghệ An." in text, text
    assert re.search(r"- (Ông|Bà) [^/]", text), text  # the one on record keeps his own
    per_addressee = {"per_addressee": True}
    copies = flat_text(service.draft(demo_db, "invitation", meeting, options=per_addressee))
    assert "Ông/Bà Nguyễn Văn Hải, Giám đốc, Viettel Nghệ An." in copies


# --- 4. recipients that do not report to the signer -------------------------------------------

# The other Deputy Head, the standing one, named with his whole title.
DEPUTY_SIGNS = "- Trưởng ban, Phó Trưởng ban Thường trực Cao Bá Công (để b/c);"


def test_a_deputy_s_letter_does_not_report_to_herself(demo_db: Any) -> None:
    for kind in ("convocation", "invitation", "agenda"):
        text = flat_text(service.draft(demo_db, kind, 13))
        assert "KT. TRƯỞNG BAN" in text and "Vũ Thị Hoa" in text, kind
        if kind == "invitation":  # the agenda's defaults name neither
            assert DEPUTY_SIGNS in text, (kind, text)
        assert "các Phó Trưởng ban (để b/c)" not in text, kind


def test_a_convened_deputy_is_listed_once(demo_db: Any) -> None:
    """Cao Bá Công, the other Deputy, is convened to meeting 13 (covered by "Như trên"): the
    convocation Vũ Thị Hoa signs does not list him again "để b/c"; only the Head is left."""
    text = flat_text(service.draft(demo_db, "convocation", 13))
    assert "Đồng chí Cao Bá Công" in text.split("triệu tập:", 1)[1].split("Tới dự")[0]
    closing = text.split("Nơi nhận:", 1)[1]
    assert "- Trưởng ban (để b/c);" in closing, closing
    assert "Cao Bá Công" not in closing and "Phó Trưởng ban khác" not in closing, closing


def test_minutes_a_deputy_chaired_do_not_report_to_her(demo_db: Any) -> None:
    text = flat_text(service.draft(demo_db, "minutes", 7))
    assert DEPUTY_SIGNS in text and "các Phó Trưởng ban (để b/c)" not in text


_DEPUTY_ROLES = ("standing_deputy_head", "deputy_head")


def _deputies(db: Any, on: date) -> dict[str, Any]:
    return {r.full_name: r for r in list_committee(db, on=on) if r.role in _DEPUTY_ROLES}


def test_the_other_deputies_by_how_many_there_are(demo_db: Any) -> None:
    """Several others: "các Phó Trưởng ban khác"; none (she is the only Deputy): the Head."""
    effective = date(2026, 6, 1)
    head = next(r for r in list_committee(demo_db, on=effective) if r.role == "head")
    others = [
        r
        for r in list_committee(demo_db, on=effective)
        if r.role != "head" and r.role not in _DEPUTY_ROLES
    ]
    reorganise(
        demo_db,
        Reorganisation(
            decision_number="98/QĐ-UBND",
            decision_date=effective,
            effective_date=effective,
            end_ids=[others[0].id],
            new=[NewAppointment(others[0].person_id, "deputy_head")],
        ),
    )
    assert len(_deputies(demo_db, effective)) == 3 and head.role == "head"
    # The invitation: its addressees are no deputies (the convocation's convened ones are not
    # reported to again, test_a_convened_deputy_is_listed_once).
    text = flat_text(service.draft(demo_db, "invitation", 13))
    assert "- Trưởng ban, các Phó Trưởng ban khác (để b/c);" in text, text
    later = date(2026, 7, 1)
    deputies = _deputies(demo_db, later)
    reorganise(
        demo_db,
        Reorganisation(
            decision_number="99/QĐ-UBND",
            decision_date=later,
            effective_date=later,
            end_ids=[r.id for name, r in deputies.items() if name != "Vũ Thị Hoa"],
            new=[],
        ),
    )
    text = flat_text(service.draft(demo_db, "invitation", 13))
    assert "- Trưởng ban (để b/c);" in text and "Phó Trưởng ban (để b/c)" not in text, text
