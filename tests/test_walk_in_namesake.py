"""A walk-in typed by hand (Điểm danh › Thêm người dự, the live window's Alt+T, ``bdcq meetings
walk-in``) tells namesakes apart as the room's import does: by name, position and agency. The
same name at another position or agency is another person, added; the same name, position and
agency, or a name alone (nothing to tell them apart), is refused as before."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.attendance import attendance_rows
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.walk_in import add_walk_in
from tests.test_cli_meeting_held import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok, one_line_error  # noqa: F401
from tests.test_meetings_core import START, Roster, roster  # noqa: F401
from tests.test_walk_in import held  # noqa: F401

KHACH = {"guest_name": "Lê Văn Khách", "position": "Phó Giám đốc", "unit_name": "VNPT Nghệ An"}


def _names(db: Any, meeting: int) -> list[tuple[str, str | None, str | None]]:
    return sorted((r.name, r.position, r.unit) for r in attendance_rows(db, meeting))


def test_a_namesake_at_another_agency_or_position_is_another_person(
    db: Any,
    held: int,  # noqa: F811
) -> None:
    at = START + timedelta(minutes=20)
    v = add_walk_in(db, held, KHACH, expected_version=None, now=at).version
    other_agency = {**KHACH, "unit_name": "Viettel Nghệ An"}
    v = add_walk_in(db, held, other_agency, expected_version=v, now=at).version
    other_position = {**KHACH, "position": "Trưởng phòng"}
    v = add_walk_in(db, held, other_position, expected_version=v, now=at).version
    rows = [n for n in _names(db, held) if n[0] == "Lê Văn Khách"]
    assert rows == sorted(
        [
            ("Lê Văn Khách", "Phó Giám đốc", "VNPT Nghệ An"),
            ("Lê Văn Khách", "Phó Giám đốc", "Viettel Nghệ An"),
            ("Lê Văn Khách", "Trưởng phòng", "VNPT Nghệ An"),
        ]
    )
    count = len(attendance_rows(db, held))
    # The same name, position and agency (spelt otherwise), or the name alone: refused.
    for same in (
        {"guest_name": "lê văn khách", "position": "phó giám đốc", "unit_name": "vnpt nghệ an"},
        {"guest_name": "Lê Văn Khách"},
        {"guest_name": "Lê Văn Khách", "position": "Phó Giám đốc"},
    ):
        with pytest.raises(ValidationError, match="đã có trong danh sách mời"):
            add_walk_in(db, held, same, expected_version=v, now=at)
    assert len(attendance_rows(db, held)) == count
    assert get_meeting(db, held).version == v


def test_a_namesake_of_a_person_on_record_elsewhere_is_added(
    db: Any,
    held: int,  # noqa: F811
    roster: Roster,  # noqa: F811
) -> None:
    listed = next(i for i in get_meeting(db, held).invitees if i.person_id == roster.standing)
    at = START + timedelta(minutes=25)
    namesake = {"guest_name": listed.name, "position": "Giáo viên", "unit_name": "Trường THPT Vinh"}
    added = add_walk_in(db, held, namesake, expected_version=None, now=at)
    assert (listed.name, "Giáo viên", "Trường THPT Vinh") in _names(db, held)
    same = {"guest_name": listed.name, "position": listed.position, "unit_name": listed.unit}
    with pytest.raises(ValidationError, match="đã có trong danh sách mời"):
        add_walk_in(db, held, same, expected_version=added.version, now=at)


def test_cli_walk_in_adds_a_namesake_at_another_agency(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    args = ["meetings", "walk-in", str(mid), "--name", "Lê Văn Khách", "--position", "Chuyên viên"]
    ok(bdcq(demo, *args, "--agency", "Sở Tài chính"))
    ok(bdcq(demo, *args, "--agency", "Sở Y tế"))
    rows = [(i["position"], i["unit"]) for i in _show(demo, mid)["invitees"]
            if i["name"] == "Lê Văn Khách"]  # fmt: skip
    assert sorted(rows) == [("Chuyên viên", "Sở Tài chính"), ("Chuyên viên", "Sở Y tế")]
    err = one_line_error(bdcq(demo, *args, "--agency", "sở tài chính"))
    assert "đã có trong danh sách mời" in err
