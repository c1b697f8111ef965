"""The contact line of a convocation and an invitation (Decree 30, template 1.7: the notes give
"contact person and phone"): the meeting's secretary with their phone, else the office's
phone from the settings; with no secretary, the standing agency with the office's phone and
e-mail. The settings are those of the document's date; an issued paper is never drawn again.
Drafts of the demo read back."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bdcq_desktop.core import register
from bdcq_desktop.core.models import Meeting, Organisation, Person
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import fonts, service
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text

MEETING = 13  # the demo's working session of 07/12/2026: members and guests, a secretary
OFFICE_PHONE = "0238 3860 652"  # the demo's settings
OFFICE_EMAIL = "bcdcqdt@nghean.gov.vn"
SECRETARY = "Hoàng Xuân Bình"
SECRETARY_PHONE = "0922 118 646"


@pytest.fixture(autouse=True, scope="module")
def _fonts() -> None:
    fonts.register_fonts(prefer_system=False)


def _contact(pdf: bytes) -> list[str]:
    """Every contact line of the PDF (one per copy of a per-addressee invitation), its phone's
    no-break spaces read as spaces."""
    text = flat_text(pdf).replace("\xa0", " ")
    return re.findall(r"Thông tin chi tiết liên hệ: .*?\.(?=/\.| )", text)


def _drafts(db: Any, today: date = DEMO_TODAY) -> dict[str, bytes]:
    return {
        "convocation": service.draft(db, "convocation", MEETING, today=today),
        "invitation": service.draft(db, "invitation", MEETING, today=today),
        "per addressee": service.draft(
            db, "invitation", MEETING, today=today, options={"per_addressee": True}
        ),
    }


def _without_secretary_phone(db: Any) -> None:
    # Set as a record that never had a phone (no change logged): a phone cleared today would
    # still be read, for a document of an earlier day, as it was.
    with db.session() as s:
        s.execute(update(Person).where(Person.full_name == SECRETARY).values(phone=None))


def _without_secretary(db: Any) -> None:
    with db.session() as s:
        s.execute(update(Meeting).where(Meeting.id == MEETING).values(secretary_id=None))


def test_a_secretary_without_a_phone_is_reached_at_the_office_s(demo_db: Any) -> None:
    for kind, pdf in _drafts(demo_db).items():  # their own phone first
        lines = _contact(pdf)
        assert lines and all(f"điện thoại {SECRETARY_PHONE}." in line for line in lines), kind
    _without_secretary_phone(demo_db)
    for kind, pdf in _drafts(demo_db).items():
        lines = _contact(pdf)
        copies = len(re.findall(r"trân trọng kính mời:|triệu tập:", flat_text(pdf)))
        assert len(lines) == copies >= 1, kind  # every copy of the per-addressee invitation
        for line in lines:
            assert line.startswith(f"Thông tin chi tiết liên hệ: đồng chí {SECRETARY}, ")
            assert line.endswith(f", điện thoại {OFFICE_PHONE}."), (kind, line)
        # The office's address is no part of a Decree 30 letter's notes or header.
        assert "Số 75 đường Nguyễn Thị Minh Khai" not in flat_text(pdf), kind
    with demo_db.session() as s:  # no office phone either (never entered, as on a new file)
        s.execute(update(Organisation).values(phone=None))
    for kind, pdf in _drafts(demo_db).items():
        lines = _contact(pdf)
        assert lines and all(line.endswith("Sở Khoa học và Công nghệ.") for line in lines), kind


def test_a_meeting_without_a_secretary_gives_the_standing_agency(demo_db: Any) -> None:
    _without_secretary(demo_db)
    expected = (
        "Thông tin chi tiết liên hệ: Sở Khoa học và Công nghệ, "
        f"điện thoại {OFFICE_PHONE}, thư điện tử {OFFICE_EMAIL}."
    )
    for kind, pdf in _drafts(demo_db).items():
        lines = _contact(pdf)
        assert lines and set(lines) == {expected}, (kind, lines)
    with demo_db.session() as s:  # nothing to give: no line
        s.execute(update(Organisation).values(phone=None, email=None))
    for kind, pdf in _drafts(demo_db).items():
        assert _contact(pdf) == [] and "liên hệ" not in flat_text(pdf), kind


def _yesterday() -> date:
    day = date.today() - timedelta(days=1)
    if day.year != date.today().year:  # 1 January: last year's register is closed
        pytest.skip("no earlier day of this year to issue on")
    return day


def test_the_office_phone_is_the_one_of_the_document_s_day(demo_db: Any) -> None:
    """Changed today: a convocation issued yesterday keeps the old number, and so does a draft
    dated yesterday; one dated today gives the new."""
    with demo_db.session() as s:
        meeting = s.scalars(select(Meeting).order_by(Meeting.starts_at.desc())).first()
        assert meeting is not None and meeting.starts_at.date() > date.today()
        meeting.secretary_id = None
        meeting_id = meeting.id
    before = _yesterday()
    issued = service.issue(demo_db, "convocation", meeting_id, issued_on=before)
    stored = register.read_stored(issued, demo_db).content
    assert [OFFICE_PHONE in line for line in _contact(stored)] == [True]

    update_organisation(demo_db, phone="0238 3599 999")

    assert register.read_stored(issued, demo_db).content == stored  # never drawn again
    old = service.draft(demo_db, "convocation", meeting_id, today=before)
    assert _contact(old) == _contact(stored)
    new = service.draft(demo_db, "convocation", meeting_id, today=date.today())
    assert [("0238 3599 999" in line) for line in _contact(new)] == [True]
