"""Small command-line wording (document audit, item 3): the question before an issued
convocation is superseded names what changed (the days, the place, or both), and ``meetings
attend`` and ``meetings walk-in`` take an arrival by the same names (``--arrived``, alias
``--at``), in the same forms (a time alone or a date and time) with the same help. Through the
real command line; real SQLite files."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.test_cli_meeting_record import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok, one_line_error, planned_ahead  # noqa: F401
from tests.test_issued_convocation_changes import LAST, convened  # noqa: F401


def test_the_question_names_what_changed_for_a_session(
    db: Any,
    db_path: Path,
    convened: int,  # noqa: F811
) -> None:
    sid = str(convened)
    later = LAST + timedelta(days=1)
    end_only = one_line_error(bdcq(db_path, "sessions", "edit", sid, "--end", f"{later:%d/%m/%Y}"))
    assert "sau khi thay đổi thời gian làm việc," in end_only and "địa điểm" not in end_only
    place_only = one_line_error(bdcq(db_path, "sessions", "edit", sid, "--place", "Hội trường B"))
    assert "sau khi thay đổi địa điểm làm việc," in place_only and "thời gian" not in place_only
    both = one_line_error(bdcq(db_path, "sessions", "edit", sid, "--end", f"{later:%d/%m/%Y}",
                               "--place", "Hội trường B"))  # fmt: skip
    assert "sau khi thay đổi thời gian, địa điểm làm việc," in both


def test_the_question_names_what_changed_for_a_meeting(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    m = planned_ahead(demo)
    mid = str(m["id"])
    ok(bdcq(demo, "export", "convocation", "--meeting", mid, "-o", str(tmp_path / "gtt.pdf"),
            "--issue"))  # fmt: skip
    place_only = one_line_error(bdcq(demo, "meetings", "edit", mid, "--place", "Hội trường"))
    assert "sau khi thay đổi địa điểm họp," in place_only and "thời gian" not in place_only


def test_attend_and_walk_in_take_an_arrival_alike(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    shown = _show(demo, mid)
    start = datetime.fromisoformat(shown["minutes"]["opened_at"] or shown["starts_at"])
    first = start + timedelta(minutes=30)
    # walk-in: a time alone, on the meeting's day (it took a date and time only).
    ok(bdcq(demo, "meetings", "walk-in", str(mid), "--name", "Lê Văn Khách", "--status", "late",
            "--arrived", f"{first:%H:%M}"))  # fmt: skip
    # The old name still works, with a date and time.
    second = start + timedelta(minutes=35)
    ok(bdcq(demo, "meetings", "walk-in", str(mid), "--name", "Trần Thị Khách", "--status",
            "late", "--at", f"{second:%d/%m/%Y %H:%M}"))  # fmt: skip
    # attend: the walk-in's name for it too, either form.
    invitee = next(a["invitee_id"] for a in shown["attendance"] if a["status"] == "present")
    third = start + timedelta(minutes=40)
    ok(bdcq(demo, "meetings", "attend", str(mid), "--invitee", str(invitee), "--status", "late",
            "--at", f"{third:%d/%m/%Y %H:%M}"))  # fmt: skip
    marks = {a["name"]: a for a in _show(demo, mid)["attendance"]}
    got = {marks["Lê Văn Khách"]["arrived_at"], marks["Trần Thị Khách"]["arrived_at"]}
    assert got == {first.isoformat(timespec="minutes"), second.isoformat(timespec="minutes")}
    [mine] = [a for a in marks.values() if a["invitee_id"] == invitee]
    assert (mine["status"], mine["arrived_at"]) == ("late", third.isoformat(timespec="minutes"))
    # A bad arrival is refused alike, naming the field.
    for command in (("walk-in", "--name", "A B"), ("attend", "--invitee", str(invitee),
                                                   "--status", "late")):
        err = one_line_error(bdcq(demo, "meetings", command[0], str(mid), *command[1:],
                                  "--arrived", "25:99"))  # fmt: skip
        assert "Giờ đến" in err and "--arrived/--at" in err
    # The same help for the same thing.
    helps = [
        ok(bdcq(demo, "meetings", command, "--help")).split("--arrived TIME, --at TIME")[1]
        for command in ("attend", "walk-in")
    ]
    for text in helps:
        flat = " ".join(text.split())
        assert flat.startswith('giờ đến: "08:40" (ngày họp) hoặc "05/02/2027 08:40"')
