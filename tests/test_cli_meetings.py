"""``bdcq meetings`` run as real subprocesses on a copy of the demo database."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bdcq_desktop.core.meeting_rules import add_months
from tests.cli_run import run_bdcq


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    out = run_bdcq(args, db=db)
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    return out


def ok(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 0, out.stderr
    return out.stdout


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cli-demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def rows(demo: Path) -> list[dict]:
    return json.loads(ok(bdcq(demo, "meetings", "list", "--format", "json")))


def planned_ahead(demo: Path, days: int = 30) -> dict:
    """A meeting like the demo's planned one, ``days`` ahead of the real clock (``meetings
    similar``): the demo's own lies at a fixed date the clock passes, and a convocation dated
    today must come before its meeting, in this year's register."""
    planned = next(m for m in rows(demo) if m["status"] == "planned")
    start = f"{datetime.now() + timedelta(days=days):%d/%m/%Y} 08:00"
    out = ok(bdcq(demo, "meetings", "similar", str(planned["id"]), "--start", start, "--format",
                  "json"))
    return json.loads(out)


def count(demo: Path) -> int:
    con = sqlite3.connect(demo)
    try:
        return con.execute("select count(*) from meeting").fetchone()[0]
    finally:
        con.close()


def people(demo: Path) -> dict[str, int]:
    """The person ids the options take (``--chair``…), as ``members list`` shows them."""
    members = json.loads(ok(bdcq(demo, "members", "list", "--format", "json")))
    by_role: dict[str, int] = {}
    for m in members:
        by_role.setdefault(m["role"], m["person_id"])
    con = sqlite3.connect(demo)
    memberships = dict(con.execute("select id, person_id from committee_membership").fetchall())
    con.close()
    assert all(memberships[m["id"]] == m["person_id"] for m in members)
    return by_role


def test_list_shows_labels_in_the_table_and_codes_in_json_and_csv(demo: Path) -> None:
    table = ok(bdcq(demo, "meetings", "list"))
    assert "Họp định kỳ" in table and "Biên bản đã hoàn thành" in table
    assert "minutes_final" not in table and " regular " not in table
    data = rows(demo)
    assert {m["kind"] for m in data} == {"regular", "extraordinary", "expanded", "briefing"}
    assert "kind_label" not in data[0] and "status_label" not in data[0]
    csv_text = ok(bdcq(demo, "meetings", "list", "--format", "csv"))
    assert ",regular," in csv_text and "Họp định kỳ" not in csv_text
    briefings = json.loads(
        ok(bdcq(demo, "meetings", "list", "--kind", "briefing", "--format", "json"))
    )
    assert briefings and {m["kind"] for m in briefings} == {"briefing"}
    year = int(data[-1]["starts_at"][:4])
    in_year = json.loads(ok(bdcq(demo, "meetings", "list", "--year", str(year),
                                 "--format", "json")))
    assert in_year and all(m["starts_at"].startswith(str(year)) for m in in_year)
    assert "loại cuộc họp" in one_line_error(bdcq(demo, "meetings", "list", "--kind", "x")).lower()


def test_show_a_meeting_and_convene_it_by_issuing_the_convocation(
    demo: Path, tmp_path: Path
) -> None:
    data = rows(demo)
    proposed = next(
        m for m in data if m["kind"] == "extraordinary" and m["status"] == "minutes_final"
    )
    shown = json.loads(ok(bdcq(demo, "meetings", "show", str(proposed["id"]), "--format",
                               "json")))
    assert shown["id"] == proposed["id"] and shown["kind"] == "extraordinary"
    assert shown["called_by"] and "proposed_by" in shown
    assert shown["agenda"] and set(shown["agenda"][0]) >= {
        "title", "presenter", "planned_minutes", "starts_at"
    }
    assert shown["agenda"][0]["starts_at"] == shown["starts_at"]
    assert shown["invitees"] and set(shown["invitees"][0]) >= {
        "name", "position", "unit", "category"
    }
    assert shown["documents"] == []

    planned = planned_ahead(demo)
    assert planned["status"] == "planned" and planned["agenda"]
    out = bdcq(demo, "export", "convocation", "--meeting", str(planned["id"]), "-o",
               str(tmp_path / "gtt.pdf"), "--issue")
    ok(out)
    after = json.loads(ok(bdcq(demo, "meetings", "show", str(planned["id"]), "--format",
                               "json")))
    assert after["status"] == "convened"
    (doc,) = after["documents"]
    assert doc["kind"] == "convocation" and doc["number"].startswith("01/")
    table = ok(bdcq(demo, "meetings", "show", str(planned["id"])))
    assert "Đã triệu tập" in table and doc["number"] in table and "Chương trình" in table
    assert "không tìm thấy" in one_line_error(bdcq(demo, "meetings", "show", "9999")).lower()


def test_ics_file_and_refusals(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "lich.ics"
    planned_ahead(demo)  # at least one meeting from today on, whatever the clock says
    assert "cuộc họp" in ok(bdcq(demo, "meetings", "ics", "-o", str(out)))
    upcoming = [m for m in rows(demo) if m["starts_at"] >= date.today().isoformat()]
    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert events and len(events) <= len(upcoming)
    one = rows(demo)[-1]
    ok(bdcq(demo, "meetings", "ics", "-o", str(out), "--meeting", str(one["id"])))
    (ev,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(ev["SUMMARY"]) == one["title"]
    before = demo.read_bytes()
    assert "tệp dữ liệu đang dùng" in one_line_error(
        bdcq(demo, "meetings", "ics", "-o", str(demo))
    )
    assert demo.read_bytes() == before


def test_next_regular_meeting(demo: Path) -> None:
    out = bdcq(demo, "meetings", "next-regular", "--today", "2026-11-20")
    assert out.returncode == 0, out.stderr
    due = out.stdout.split()[0]  # as an office reads it, 13/01/2027; JSON keeps ISO
    assert due[-4:] in ("2026", "2027") and "planned" in out.stdout
    late = bdcq(demo, "meetings", "next-regular", "--today", "2030-01-01")
    assert late.returncode == 1 and late.stdout.startswith(due)
    assert "quá hạn" in late.stderr
    info = json.loads(ok(bdcq(demo, "meetings", "next-regular", "--today", "2026-11-20",
                              "--format", "json")))
    assert f"{date.fromisoformat(info['due']):%d/%m/%Y}" == due and info["overdue"] is False


def test_next_regular_of_a_past_day_ignores_meetings_held_after_it(demo: Path) -> None:
    """``--today 2025-06-30``: the demo's regular meetings held in 2025-2026 after that day had
    not happened; the rule stands on the last one held by then (audit: it gave 2026's)."""
    with sqlite3.connect(demo) as conn:
        held = [
            date.fromisoformat(row[0][:10])
            for row in conn.execute(
                "SELECT starts_at FROM meeting WHERE kind = 'regular' "
                "AND status IN ('held', 'minutes_final') ORDER BY starts_at"
            )
        ]
    day = date(2025, 6, 30)
    last = max(d for d in held if d <= day)
    assert any(d > day for d in held)  # the case the audit found: later meetings exist
    info = json.loads(ok(bdcq(demo, "meetings", "next-regular", "--today", day.isoformat(),
                              "--format", "json")))
    assert info["last_held"] == last.isoformat()
    due = date.fromisoformat(info["due"])
    assert due == add_months(last, 6) and info["days_left"] == (due - day).days


def test_next_regular_says_a_plan_after_the_due_date(demo: Path) -> None:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.meetings import get_meeting, update_meeting

    info = json.loads(ok(bdcq(demo, "meetings", "next-regular", "--today", "2026-11-20",
                              "--format", "json")))
    db = open_database(demo)  # the demo's planned regular meeting moved to 30/06/2027
    planned = get_meeting(db, info["planned_id"])
    update_meeting(db, planned.id, expected_version=planned.version,
                   starts_at=datetime(2027, 6, 30, 8, 0), ends_at=datetime(2027, 6, 30, 11, 0),
                   now=datetime(2026, 11, 20, 9, 0))  # moved on the day the test stands on
    db.dispose()
    due = datetime.fromisoformat(info["due"])
    late = (f"Cuộc họp đã lên lịch (30/06/2027) muộn hơn hạn họp định kỳ ({due:%d/%m/%Y}).")
    out = bdcq(demo, "meetings", "next-regular", "--today", "2026-11-20")
    assert out.returncode == 0 and late in out.stdout, out.stdout  # not overdue yet
    assert out.stdout.startswith(f"{due:%d/%m/%Y}") and "planned: 30/06/2027 08:00" in out.stdout
    after = bdcq(demo, "meetings", "next-regular", "--today", "2027-02-01")
    assert after.returncode == 1 and late in after.stdout and "quá hạn" in after.stderr
    late_info = json.loads(ok(bdcq(demo, "meetings", "next-regular", "--today", "2026-11-20",
                                   "--format", "json")))
    assert info["planned_late"] is False and late_info["planned_late"] is True


def test_add_similar_cancel_and_bad_input(demo: Path, tmp_path: Path) -> None:
    who = people(demo)
    n = count(demo)
    year = date.today().year + 4  # ahead of the clock, whatever it says: a plan must be
    base = ["meetings", "add", "--kind", "extraordinary", "--title", "Họp bất thường về an toàn "
            "thông tin", "--start", f"05/02/{year} 14:00", "--end", f"05/02/{year} 16:30",
            "--place", "Phòng họp số 2", "--chair", str(who["head"])]
    line = one_line_error(bdcq(demo, *base))
    assert "Người triệu tập" in line and "bất thường" in line
    # A refusal that quotes its field names it once, not "Người triệu tập: "Người triệu tập"…".
    line = one_line_error(bdcq(demo, *base, "--called-by", str(who["member"])))
    assert line.startswith('bdcq: "Người triệu tập" phải là Trưởng ban'), line
    assert "ngày giờ" in one_line_error(bdcq(demo, *base[:-6], "--start", f"30/02/{year} 14:00",
                                             "--chair", str(who["head"])))
    assert "Loại cuộc họp" in one_line_error(
        bdcq(demo, "meetings", "add", "--kind", "weekly", "--title", "X", "--start",
             f"05/02/{year} 14:00", "--chair", str(who["head"]))
    )
    assert "không có ai tên" in one_line_error(bdcq(demo, *base, "--called-by", "Không Có Ai"))
    bad_agenda = tmp_path / "agenda.json"
    bad_agenda.write_text('[{"title": "Khai mạc", "planned_minutes": "mười"}]', encoding="utf-8")
    assert "Dòng 1" in one_line_error(bdcq(demo, *base, "--called-by", str(who["deputy_head"]),
                                           "--agenda", str(bad_agenda)))
    assert count(demo) == n  # nothing written

    agenda = tmp_path / "ok.json"
    agenda.write_text(json.dumps([{"title": "Khai mạc", "planned_minutes": 10},
                                  {"title": "Thảo luận", "planned_minutes": 60}]),
                      encoding="utf-8")
    head_name = json.loads(ok(bdcq(demo, "members", "list", "--format", "json")))[0]["full_name"]
    out = ok(bdcq(demo, *base, "--called-by", head_name, "--agenda", str(agenda),
                  "--invite-committee", "--format", "json"))
    made = json.loads(out)
    assert made["status"] == "planned" and made["called_by"] == head_name
    assert [a["starts_at"][11:16] for a in made["agenda"]] == ["14:00", "14:10"]
    assert made["counts"]["member"] >= 18  # the committee as reorganised in 2025
    assert count(demo) == n + 1

    said = ok(bdcq(demo, "meetings", "similar", str(made["id"]), "--start",
                   f"05/03/{year} 14:00")).strip()  # fmt: skip
    assert said.startswith("Đã thêm cuộc họp tương tự / similar meeting added: ")
    copy_id = int(said.rsplit(" ", 1)[-1])
    copy = json.loads(ok(bdcq(demo, "meetings", "show", str(copy_id), "--format", "json")))
    assert copy["title"] == made["title"] and copy["ends_at"] == f"{year}-03-05T16:30"
    assert len(copy["invitees"]) == len(made["invitees"])

    assert "lý do" in one_line_error(bdcq(demo, "meetings", "cancel", str(copy_id),
                                          "--reason", " ")).lower()
    ok(bdcq(demo, "meetings", "cancel", str(copy_id), "--reason", "Trùng lịch tiếp khách"))
    cancelled = json.loads(ok(bdcq(demo, "meetings", "show", str(copy_id), "--format", "json")))
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == (
        "Trùng lịch tiếp khách"
    )
    assert "Chỉ xóa được" in one_line_error(bdcq(demo, "meetings", "delete", str(copy_id)))
    stale = bdcq(demo, "meetings", "delete", str(made["id"]), "--expected-version", "99")
    assert "người khác sửa" in one_line_error(stale)
    ok(bdcq(demo, "meetings", "delete", str(made["id"])))
    assert count(demo) == n + 1


def test_a_meeting_already_held_is_recorded_with_held(demo: Path) -> None:
    """``meetings add --held``: a meeting that took place, recorded afterwards as held (a past
    start is otherwise refused as planning); a start still to come is refused for it."""
    who = people(demo)
    past = (datetime.now() - timedelta(days=3)).replace(hour=9, minute=0)
    base = ["meetings", "add", "--kind", "briefing", "--title", "Phó Trưởng ban làm việc với "
            "Sở Y tế", "--start", f"{past:%d/%m/%Y %H:%M}", "--chair", str(who["head"])]
    assert "đã qua" in one_line_error(bdcq(demo, *base))
    info = json.loads(ok(bdcq(demo, *base, "--held", "--invite-committee", "--format", "json")))
    assert info["status"] == "held" and info["starts_at"].startswith(f"{past:%Y-%m-%dT09:00}")
    assert len(info["invitees"]) >= 18  # the committee as reorganised in 2025
    ahead = past + timedelta(days=30)
    line = one_line_error(bdcq(demo, *base[:-4], "--start", f"{ahead:%d/%m/%Y %H:%M}",
                               "--chair", str(who["head"]), "--held"))
    assert "chưa đến" in line
