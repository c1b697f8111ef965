"""The meeting's secretary in the meeting documents, read back from the PDFs.

The regulation's committee is the Head, the Deputy Heads, the Standing Member and the members;
the secretary of a meeting (thư ký cuộc họp) is staff of the standing agency who serves it: the
contact named in the letters, the THƯ KÝ who signs the attendance sheet and the minutes. The
demo's convocations of meetings 8 and 13 listed Hoàng Xuân Bình (Chuyên viên, the committee's
Secretary) among the members convened, the sheet had him sign in as a member and the minutes
counted him among the members present. The demo now invites the members only, as "invite the
whole committee" does; these tests put him back on the list (:func:`put_back`) as a database
of that time has him. The application's counts: test_secretary_counts.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select, update

from bdcq_desktop.core.models import Invitee, InviteeCategory, Meeting, Person
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text, page_texts
from tests.test_meeting_docs import make_meeting
from tests.test_secretary_counts import put_back

SECRETARY = "Hoàng Xuân Bình"


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> Iterator[None]:
    docfonts.register_fonts(prefer_system=False)
    yield


def _listed(data: bytes) -> list[str]:
    """The lines that name someone as convened, invited or signing in: bullets and numbered
    rows (not the contact sentence, nor the signature)."""
    return [
        line
        for page in page_texts(data)
        for line in page.splitlines()
        if re.match(r"^(- |\d+ )", line.strip())
    ]


def _person_id(db: Any, name: str) -> int:
    with db.session() as s:
        return int(s.scalar(select(Person.id).where(Person.full_name == name)))


@pytest.mark.parametrize("meeting", [8, 13, 14])
def test_the_secretary_is_not_convened_as_a_member(demo_db: Any, meeting: int) -> None:
    """8 lists the members in an annex, 13 in the body, 14 (no invitees yet) takes the
    committee of its day: the Secretary is in none of them, and is the contact."""
    if meeting != 14:
        put_back(demo_db, meeting)
    data = service.draft(demo_db, "convocation", meeting)
    assert not [line for line in _listed(data) if SECRETARY in line]
    assert f"Thông tin chi tiết liên hệ: đồng chí {SECRETARY}" in flat_text(data)


def test_the_secretary_signs_the_sheet_but_does_not_sign_in(demo_db: Any) -> None:
    put_back(demo_db, 8)
    data = service.draft(demo_db, "attendance", 8)
    assert not [line for line in _listed(data) if SECRETARY in line]
    text = flat_text(data)
    assert "THƯ KÝ" in text and SECRETARY in text
    # 19 invitees (the committee of 2026, reorganised in 2025), the secretary not among the
    # 18 rows.
    assert re.search(r"\b18 \S", text) and not re.search(r"\b19 \S", text)


def test_the_minutes_count_the_members_without_the_secretary(demo_db: Any) -> None:
    put_back(demo_db, 8)
    text = flat_text(service.draft(demo_db, "minutes", 8))
    assert "Thành viên Ban Chỉ đạo: dự họp 15/18" in text
    assert f"Thư ký (người ghi biên bản): Đồng chí {SECRETARY}" in text


def test_a_secretary_invited_as_a_guest_gets_no_invitation(demo_db: Any) -> None:
    """A working-group member keeping the minutes is no addressee of the letter inviting
    the others; the one copy per addressee makes none for them either."""
    meeting = make_meeting(demo_db, guests=2)
    with demo_db.session() as s:
        m = s.get(Meeting, meeting)
        s.add(
            Invitee(
                meeting_id=meeting,
                position=99,
                person_id=m.secretary_id,
                name_snapshot="Trần Thị Thư",
                category=InviteeCategory.WORKING_GROUP,
            )
        )
    assert "Trần Thị Thư" not in " ".join(_listed(service.draft(demo_db, "invitation", meeting)))
    copies = service.draft(demo_db, "invitation", meeting, options={"per_addressee": True})
    assert "Bà Trần Thị Thư" not in flat_text(copies)
    assert "đồng chí Trần Thị Thư" in flat_text(copies)  # the contact of every copy


def test_a_member_keeping_the_minutes_is_still_convened(demo_db: Any) -> None:
    """A member of the committee in their own right who is the meeting's secretary stays a
    member convened (the rule is about staff serving the meeting, not about members)."""
    member = "Võ Văn Bình"  # Giám đốc Công an tỉnh, a member
    with demo_db.session() as s:
        s.execute(
            update(Meeting).where(Meeting.id == 8).values(secretary_id=_person_id(demo_db, member))
        )
    data = service.draft(demo_db, "convocation", 8)
    assert [line for line in _listed(data) if member in line]
