"""``bdcq meetings walk-in|close``: the command line's "Thêm người dự…" and "Giờ kết thúc…",
through the real CLI on a copy of the demo database: what they record (read back with
``meetings show``), their refusals (one Vietnamese line, exit 2, nothing written)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from tests.pdf_text import flat_text
from tests.test_cli_meeting_record import _pick, _show, _version
from tests.test_cli_meetings import bdcq, demo, ok, one_line_error  # noqa: F401


def _start(shown: dict) -> datetime:
    return datetime.fromisoformat(shown["starts_at"])


def test_walk_in_adds_and_checks_in_someone_not_invited(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    shown = _show(demo, mid)
    at = _start(shown) + timedelta(minutes=40)  # well past the start: arriving late
    out = ok(
        bdcq(
            demo,
            "meetings",
            "walk-in",
            str(mid),
            "--name",
            "lê văn khách",
            "--position",
            "Chuyên viên",
            "--agency",
            "Sở Tài chính",
            "--category",
            "expert",
            "--at",
            f"{at:%d/%m/%Y %H:%M}",
        )
    )
    assert f"Lê Văn Khách – Đến muộn {at:%H:%M}" in out
    after = _show(demo, mid)
    [row] = [i for i in after["invitees"] if i["name"] == "Lê Văn Khách"]
    assert (row["position"], row["unit"], row["category"]) == (
        "Chuyên viên",
        "Sở Tài chính",
        "expert",
    )
    [mark] = [a for a in after["attendance"] if a["invitee_id"] == row["id"]]
    assert (mark["status"], mark["arrived_at"]) == ("late", at.isoformat(timespec="minutes"))
    assert f"#{row['id']} " in out  # the id `meetings attend --invitee` takes

    # A person on record not on the list, by id.
    listed = {i["person_id"] for i in after["invitees"]}
    members = json.loads(ok(bdcq(demo, "members", "list", "--format", "json")))
    person = next(m["person_id"] for m in members if m["person_id"] not in listed)
    ok(bdcq(demo, "meetings", "walk-in", str(mid), "--person", str(person)))
    assert person in {i["person_id"] for i in _show(demo, mid)["invitees"]}

    before = _version(demo, mid)
    err = one_line_error(bdcq(demo, "meetings", "walk-in", str(mid), "--name", "Lê Văn Khách"))
    assert "đã có trong danh sách mời" in err
    err = one_line_error(bdcq(demo, "meetings", "walk-in", str(mid), "--person", str(person)))
    assert "đã có trong danh sách mời" in err
    err = one_line_error(
        bdcq(demo, "meetings", "walk-in", str(mid), "--person", str(person), "--position", "X")
    )
    assert "--position" in err and "--name" in err
    assert "--person" in one_line_error(bdcq(demo, "meetings", "walk-in", str(mid)))
    err = one_line_error(
        bdcq(demo, "meetings", "walk-in", str(mid), "--name", "A B", "--at", "31/02/2026 9:00")
    )
    assert "Giờ đến" in err
    assert _version(demo, mid) == before  # nothing written
    # Adding rewrites nothing read: a stale meeting version is no conflict (a check-in at the
    # door bumps it), the meeting as it is now takes the walk-in.
    ok(bdcq(demo, "meetings", "walk-in", str(mid), "--name", "A B", "--expected-version", "1"))
    assert "A B" in {i["name"] for i in _show(demo, mid)["invitees"]}

    final = _pick(demo, "minutes_final")
    err = one_line_error(bdcq(demo, "meetings", "walk-in", str(final), "--name", "A B"))
    assert "mở lại biên bản" in err


def test_close_records_the_actual_end(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    start = _start(_show(demo, mid))
    recorded = _show(demo, mid)["minutes"]["closed_at"]

    early = start - timedelta(hours=1)
    err = one_line_error(
        bdcq(demo, "meetings", "close", str(mid), "--at", f"{early:%d/%m/%Y %H:%M}")
    )
    assert "Giờ kết thúc thực tế" in err and "sau giờ bắt đầu" in err
    assert "Giờ kết thúc thực tế" in one_line_error(
        bdcq(demo, "meetings", "close", str(mid), "--at", "abc")
    )
    assert "--at" in one_line_error(bdcq(demo, "meetings", "close", str(mid), "--at", " "))
    assert "--at" in one_line_error(bdcq(demo, "meetings", "close", str(mid)))
    assert _show(demo, mid)["minutes"]["closed_at"] == recorded  # nothing written

    end = start + timedelta(hours=3, minutes=5)
    assert recorded != end.isoformat(timespec="minutes")
    out = ok(bdcq(demo, "meetings", "close", str(mid), "--at", f"{end:%d/%m/%Y %H:%M}"))
    assert f"{end:%d/%m/%Y %H:%M}" in out
    assert _show(demo, mid)["minutes"]["closed_at"] == end.isoformat(timespec="minutes")
    # A time alone is on the meeting's day.
    later = end + timedelta(minutes=10)
    ok(bdcq(demo, "meetings", "close", str(mid), "--at", f"{later:%H:%M}"))
    assert _show(demo, mid)["minutes"]["closed_at"] == later.isoformat(timespec="minutes")
    # The version read before is stale now: refused, the end kept.
    err = one_line_error(
        bdcq(demo, "meetings", "close", str(mid), "--at", f"{end:%H:%M}", "--expected-version", "0")
    )
    assert "người khác sửa" in err
    assert _show(demo, mid)["minutes"]["closed_at"] == later.isoformat(timespec="minutes")

    final = _pick(demo, "minutes_final")
    err = one_line_error(bdcq(demo, "meetings", "close", str(final), "--at", "11:00"))
    assert "mở lại biên bản" in err


def test_a_walk_in_is_counted_apart_checked_in_online_and_removed(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    before = _show(demo, mid)
    listed = bdcq(demo, "meetings", "list", "--status", "held", "--format", "json")
    invited = next(r for r in json.loads(ok(listed)) if r["id"] == mid)["invited"]
    out = ok(
        bdcq(demo, "meetings", "walk-in", str(mid), "--name", "Lê Văn Khách", "--position",
             "Phó Giám đốc", "--agency", "VNPT Nghệ An", "--status", "online")
    )  # fmt: skip
    assert "Lê Văn Khách – Dự trực tuyến" in out
    after = _show(demo, mid)
    [row] = [i for i in after["invitees"] if i["name"] == "Lê Văn Khách"]
    assert row["walk_in"] and not any(i["walk_in"] for i in before["invitees"])
    [mark] = [a for a in after["attendance"] if a["invitee_id"] == row["id"]]
    assert (mark["status"], mark["walk_in"]) == ("online", True)
    # The invited counts as before; the walk-in apart, in the summary's sentence too.
    summary, was = after["attendance_summary"], before["attendance_summary"]
    assert (summary["guests_invited"], summary["guests_present"], summary["walk_ins"]) == (
        was["guests_invited"], was["guests_present"], 1
    )
    assert summary["text"].endswith("ngoài ra 1 người dự không theo giấy mời.")
    assert after["counts"] == before["counts"]
    listed = bdcq(demo, "meetings", "list", "--status", "held", "--format", "json")
    assert next(r for r in json.loads(ok(listed)) if r["id"] == mid)["invited"] == invited
    text = ok(bdcq(demo, "meetings", "show", str(mid)))
    assert "ngoài ra 1 người dự không theo giấy mời" in text
    assert "Khách mời (không theo giấy mời)" in text
    # The minutes read back: the group's sentence, the walk-in's line, the annex's mark.
    pdf = demo.parent / "minutes.pdf"
    ok(bdcq(demo, "export", "minutes", "--meeting", str(mid), "-o", str(pdf)))
    said = flat_text(pdf)
    assert "- Khách mời: 1 người dự không theo giấy mời." in said
    # The agency typed as the demo unit's short name prints as the unit's name.
    assert (
        "+ Dự không theo giấy mời: Lê Văn Khách, Phó Giám đốc, Viễn thông Nghệ An "
        "(dự trực tuyến)." in said
    )
    if "Danh sách đại biểu dự họp kèm theo" in said:  # a large group: everyone in the annex
        # One bracket, wrapped in its cell: "Lê Văn Khách (dự trực tuyến, không theo giấy mời)".
        assert "Lê Văn Khách (dự trực" in said and "tuyến, không theo giấy" in said
        assert "(dự trực tuyến) (dự" not in said

    # Removing: an invited person is refused (nothing written), the walk-in is removed.
    version = _version(demo, mid)
    first = before["invitees"][0]["id"]
    err = one_line_error(
        bdcq(demo, "meetings", "remove-walk-in", str(mid), "--invitee", str(first))
    )
    assert "có trong danh sách mời" in err and "Vắng" in err
    assert _version(demo, mid) == version
    out = ok(bdcq(demo, "meetings", "remove-walk-in", str(mid), "--invitee", str(row["id"])))
    assert f"#{row['id']}" in out
    gone = _show(demo, mid)
    assert gone["invitees"] == before["invitees"]
    assert gone["attendance_summary"] == before["attendance_summary"]
    err = one_line_error(
        bdcq(demo, "meetings", "walk-in", str(mid), "--name", "A B", "--status", "absent")
    )
    assert "--status" in err


def _forget_end(db: Path, meeting_id: int) -> None:
    """The meeting's actual end not recorded (the demo records every held meeting's)."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        con.execute("update minutes set closed_at = null where meeting_id = ?", (meeting_id,))
        con.commit()
    finally:
        con.close()


def test_start_records_the_actual_start(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    start = _start(_show(demo, mid))
    recorded = _show(demo, mid)["minutes"]["opened_at"]
    err = one_line_error(bdcq(demo, "meetings", "start", str(mid), "--at", "abc"))
    assert "Giờ bắt đầu thực tế" in err
    assert "--at" in one_line_error(bdcq(demo, "meetings", "start", str(mid), "--at", " "))
    assert _show(demo, mid)["minutes"]["opened_at"] == recorded  # nothing written

    actual = start + timedelta(minutes=12)
    out = ok(bdcq(demo, "meetings", "start", str(mid), "--at", f"{actual:%H:%M}"))
    assert f"{actual:%d/%m/%Y %H:%M}" in out
    assert _show(demo, mid)["minutes"]["opened_at"] == actual.isoformat(timespec="minutes")


def test_start_says_how_many_late_marks_became_present(demo: Path) -> None:  # noqa: F811
    import sqlite3

    mid = _pick(demo, "held")
    start = _start(_show(demo, mid))
    con = sqlite3.connect(demo)
    try:  # two present marked late by the planned start, before the meeting began
        ids = [r[0] for r in con.execute(
            "select id from invitee where meeting_id = ? and attendance = 'present' "
            "order by id limit 2", (mid,))]
        for n, invitee in enumerate(ids, start=1):
            at = start + timedelta(minutes=5 * n)
            con.execute("update invitee set arrived_at = ? where id = ?",
                        (f"{at:%Y-%m-%d %H:%M:%S.%f}", invitee))
        con.execute("update minutes set opened_at = null where meeting_id = ?", (mid,))
        con.commit()
    finally:
        con.close()
    assert len(ids) == 2
    actual = start + timedelta(minutes=15)
    out = ok(bdcq(demo, "meetings", "start", str(mid), "--at", f"{actual:%H:%M}"))
    assert "2 người ghi đến muộn trước giờ này được tính là có mặt (giờ đến vẫn giữ)." in out
    marks = {a["invitee_id"]: a for a in _show(demo, mid)["attendance"]}
    # Present by the actual start; the arrivals recorded are kept (tests/test_start_correction).
    assert all(marks[i]["status"] == "present" and marks[i]["arrived_at"] for i in ids)


def _ended_hours_ago(db: Path, meeting_id: int) -> datetime:
    """The held meeting moved to four to three hours ago, its actual times not recorded: the
    command line reads the real clock. Returns its planned end."""
    import sqlite3

    now = datetime.now().replace(second=0, microsecond=0)
    start, end = now - timedelta(hours=4), now - timedelta(hours=3)
    con = sqlite3.connect(db)
    try:
        con.execute(
            "update meeting set starts_at = ?, ends_at = ? where id = ?",
            (f"{start:%Y-%m-%d %H:%M:%S.%f}", f"{end:%Y-%m-%d %H:%M:%S.%f}", meeting_id),
        )
        con.execute(
            "update minutes set opened_at = null, closed_at = null where meeting_id = ?",
            (meeting_id,),
        )
        con.execute("update invitee set arrived_at = null where meeting_id = ?", (meeting_id,))
        con.commit()
    finally:
        con.close()
    return end


def test_an_arrival_far_past_the_planned_end_needs_the_option(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    end = _ended_hours_ago(demo, mid)
    shown = _show(demo, mid)
    invitee = shown["attendance"][0]["invitee_id"]
    far = end + timedelta(hours=2)  # an hour ago: inside the run-over window, far past the end
    args = ("meetings", "attend", str(mid), "--invitee", str(invitee), "--status", "late",
            "--arrived", f"{far:%d/%m/%Y %H:%M}")
    err = one_line_error(bdcq(demo, *args))
    assert f"{far:%H:%M}" in err and "--allow-late-arrival" in err and "Chưa ghi" in err
    assert _show(demo, mid)["attendance"][0] == shown["attendance"][0]  # nothing written
    ok(bdcq(demo, *args, "--allow-late-arrival"))
    row = _show(demo, mid)["attendance"][0]
    assert row["status"] == "late" and row["arrived_at"] == far.isoformat(timespec="minutes")


def test_issuing_minutes_without_the_actual_end_says_so(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    _forget_end(demo, mid)
    end = datetime.fromisoformat(_show(demo, mid)["ends_at"])
    out = bdcq(demo, "export", "minutes", "--meeting", str(mid), "--issue", "--allow-unmarked",
               "-o", str(tmp_path / "bb.pdf"))
    assert out.returncode == 0, out.stderr  # a script is not stopped
    assert "Số / number:" in out.stdout
    assert "chưa ghi giờ kết thúc thực tế" in out.stderr
    assert f"{end:%H:%M %d/%m/%Y}" in out.stderr
    assert f"bdcq meetings close {mid} --at HH:MM" in out.stderr
