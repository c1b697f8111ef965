"""A signer rule of the settings that finds nobody on the document's date (no member whose
position starts with "Chánh Văn phòng", a meeting with no secretary, an empty file) never gives
an issued document an empty signature (Decree 30/2020: the signer's full name is required):
issuing is refused with the setting named and takes no number; the choice of signer says why
and offers who may sign; a draft leaves the name blank. The position rule prefers the standing
agency's office when several people match.
Every signature is read back from the real PDF."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meetings import update_meeting
from bdcq_desktop.core.models import ChangeLog, Meeting, Unit
from bdcq_desktop.core.people import update_person
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service, settings_keys
from tests.conftest import DEMO_TODAY
from tests.test_settings_kept_on_date import settings_made_on
from tests.test_signer_choice import person_id
from tests.test_signer_roles import HEAD, _signature

HELD = 12  # the demo's held meeting whose conclusions are not issued yet
PLANNED = 14
CVP = ["TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"]


def _no_chanh_van_phong(db: Any) -> None:
    """The committee's only Chánh Văn phòng is given another post: as in a province whose
    standing agency is a Sở and whose roster has no head of office."""
    update_person(db, person_id(db, "Lê Quốc Hòa"), position="Phó Giám đốc Sở Tài chính")
    _people_changed_before(db, DEMO_TODAY)


def _people_changed_before(db: Any, day: date) -> None:
    """Every change of a person logged after ``day`` as made at 07:00 on it: a document of
    that day reads each signer's post as it stood then (the change log), so the post given
    here must be in force on the document's day, not only on the machine's clock."""
    moment = datetime.combine(day, time(7, 0))
    with db.session() as s:
        for row in s.scalars(select(ChangeLog).where(ChangeLog.table_name == "person")):
            if row.at > moment:
                row.at = moment


def test_signer_position_rule_finding_nobody_refuses_the_notice(demo_db: Any) -> None:
    _no_chanh_van_phong(demo_db)
    # Issuing is refused, the setting named, before a number is taken.
    before = len(register.list_issued(demo_db))
    with pytest.raises(ValidationError) as info:
        service.issue(demo_db, "conclusions", HELD, issued_on=DEMO_TODAY, today=DEMO_TODAY)
    exc = info.value
    assert exc.field == "signer.conclusions"
    assert exc.label == "Người ký Thông báo kết luận"
    assert exc.message.startswith(
        '"Người ký Thông báo kết luận": không có thành viên Ban Chỉ đạo nào có chức vụ '
        "“Chánh Văn phòng” vào ngày "
    )
    assert "hãy chọn người ký (Thiết lập, thẻ Văn bản, cột Người ký)." in exc.message
    assert len(register.list_issued(demo_db)) == before

    # The draft (its number blank too) leaves the name blank; the choice of signer says why
    # and offers who may sign that day, the first drafted.
    assert _signature(service.draft(demo_db, "conclusions", HELD))[-2:] == CVP
    choices = service.signer_choices(demo_db, "conclusions", HELD)
    assert choices is not None
    assert choices.refused.startswith(exc.message.split(" vào ngày ")[0])
    assert choices.default.name == "Chức vụ “Chánh Văn phòng”"
    head = person_id(demo_db, "Vũ Duy Tiến")
    assert choices.signer_for(None) == head
    data = service.draft(demo_db, "conclusions", HELD, signer_id=head)
    assert _signature(data)[-3:] == [*HEAD, "Vũ Duy Tiến"]

    # The signer chosen in Thiết lập is kept for the next notices and issued by name.
    hung = person_id(demo_db, "Phạm Hồng Hưng")
    settings_keys.set_key(demo_db, "signer.conclusions", f"person:{hung}")
    settings_made_on(demo_db, DEMO_TODAY)  # set before the notice of the demo's day
    rec = service.issue(demo_db, "conclusions", HELD, issued_on=DEMO_TODAY, today=DEMO_TODAY)
    assert rec.signer == "Phạm Hồng Hưng"
    assert _signature(register.stored_copy(rec, demo_db))[-3:] == [*CVP, "Phạm Hồng Hưng"]


def test_signer_position_rule_prefers_the_standing_agency_s_office(demo_db: Any) -> None:
    # Two heads of office on the committee: the UBND tỉnh's (first on the roster) and the
    # standing agency's (Sở Khoa học và Công nghệ). The committee's own office signs.
    thinh = person_id(demo_db, "Nguyễn Bá Thịnh")
    update_person(
        demo_db,
        thinh,
        position="Chánh Văn phòng Sở Khoa học và Công nghệ",
        unit_id=_unit_id(demo_db, "Sở Khoa học và Công nghệ"),
    )
    data = service.draft(demo_db, "conclusions", HELD)
    assert _signature(data)[-3:] == [*CVP, "Nguyễn Bá Thịnh"]

    # Neither of the standing agency: not decidable from the data, the officer is asked to
    # choose (and Thiết lập keeps the choice).
    update_person(
        demo_db,
        thinh,
        position="Chánh Văn phòng Sở Tư pháp",
        unit_id=_unit_id(demo_db, "Sở Tư pháp"),
    )
    _people_changed_before(demo_db, DEMO_TODAY)
    with pytest.raises(ValidationError) as info:
        service.issue(demo_db, "conclusions", HELD, issued_on=DEMO_TODAY, today=DEMO_TODAY)
    message = info.value.message
    assert info.value.field == "signer.conclusions"
    assert "có 2 thành viên có chức vụ “Chánh Văn phòng”" in message
    assert "Lê Quốc Hòa (Văn phòng UBND tỉnh)" in message
    assert "Nguyễn Bá Thịnh (Sở Tư pháp)" in message
    settings_keys.set_key(demo_db, "signer.conclusions", f"person:{thinh}")
    assert _signature(service.draft(demo_db, "conclusions", HELD))[-3:] == [
        *CVP,
        "Nguyễn Bá Thịnh",
    ]


def _unit_id(db: Any, name: str) -> int:
    with db.session() as s:
        found = s.scalar(select(Unit.id).where(Unit.name == name))
    assert found is not None, name
    return found


def test_signer_secretary_missing_refuses_the_attendance_list(demo_db: Any) -> None:
    with demo_db.session() as s:
        meeting = s.get(Meeting, PLANNED)
        assert meeting is not None
        version = meeting.version
        day = meeting.starts_at.date()  # the sheet is dated no earlier than its meeting's day
    # Edited on the demo's day: its planned meeting (08/01/2027) is past from then on, and a
    # meeting in the past cannot be planned.
    on = datetime.combine(DEMO_TODAY, time(9, 0))
    update_meeting(demo_db, PLANNED, expected_version=version, now=on, secretary_id=None)
    before = len(register.list_issued(demo_db))
    with pytest.raises(ValidationError) as info:
        service.issue(demo_db, "attendance", PLANNED, issued_on=day, today=day)
    assert info.value.field == "signer.attendance"
    assert info.value.message == (
        '"Người ký Danh sách đại biểu": cuộc họp chưa có thư ký (sửa cuộc họp để chọn thư '
        "ký) nên văn bản không có tên người ký; hãy chọn người ký (Thiết lập, thẻ Văn bản, "
        "cột Người ký)."
    )
    assert len(register.list_issued(demo_db)) == before
    choices = service.signer_choices(demo_db, "attendance", PLANNED, today=DEMO_TODAY)
    assert choices is not None and choices.refused == info.value.message


def test_signer_missing_on_an_empty_file_refuses_the_roster_s_issue(db: Any) -> None:
    # A new file: no Head on the roster, no default signer. The roster's draft still shows
    # (an empty file may preview its reports); its issue is refused, never signed by no one.
    update_organisation(
        db,
        parent_body="UBND tỉnh Hà Tĩnh",
        committee_name="Ban Chỉ đạo Chuyển đổi số tỉnh Hà Tĩnh",
        abbreviation="BCĐ",
        place_name="Hà Tĩnh",
    )
    assert _signature(service.draft(db, "roster", today=DEMO_TODAY))[-2:] == HEAD
    with pytest.raises(ValidationError) as info:
        service.issue(db, "roster", issued_on=DEMO_TODAY, today=DEMO_TODAY)
    assert info.value.field == "signer.roster"
    assert "không có Trưởng ban vào ngày 20/11/2026 và chưa chọn Người ký mặc định" in (
        info.value.message
    )
    assert register.list_issued(db) == []
