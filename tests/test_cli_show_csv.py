"""The ``show`` commands take ``--format table|csv|json`` as the lists do: CSV is one row of the
record's own fields under the headers its list's CSV gives them (ISO dates, codes, the
``version`` a script passes to ``--expected-version``), the same values as the JSON; ``settings
show`` is a row per key, its value as ``settings set`` takes it back. On a copy of the demo."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.cli_run import bdcq, every_parser, ok, ok_json


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_show_command_offers_the_lists_formats() -> None:
    shows = [(said, parser) for said, parser in every_parser() if said.endswith(" show")]
    assert {said for said, _ in shows} >= {"meetings show", "sessions show", "settings show"}
    for said, parser in shows:
        [fmt] = [a for a in parser._actions if "--format" in a.option_strings]
        assert list(fmt.choices) == ["table", "csv", "json"], said


def test_a_meeting_as_one_csv_row_under_the_lists_headers(demo: Path) -> None:
    meeting = "11"  # held, its minutes final: every column filled in
    data = ok_json(bdcq(demo, "meetings", "show", meeting, "--format", "json"))
    text = ok(bdcq(demo, "meetings", "show", meeting, "--format", "csv"))
    [row] = _rows(text)
    assert row["Mã"] == meeting and row["Tên cuộc họp"] == data["title"]
    assert (row["Loại"], row["Trạng thái"]) == (data["kind"], data["status"])  # codes
    assert (row["Bắt đầu"], row["Kết thúc"]) == (data["starts_at"], data["ends_at"])  # ISO
    assert row["Phiên bản"] == str(data["version"])
    assert row["Phiên bản biên bản"] == str(data["minutes"]["version"])
    assert row["Kết thúc thực tế"] == data["minutes"]["closed_at"]
    assert row["Thư ký"] == data["secretary"] and row["Mã lịch (UID)"] == data["uid"]
    # The list's columns come first (its version stays beside the minutes' one), with the
    # values the list gives the meeting.
    [listed] = [r for r in _rows(ok(bdcq(demo, "meetings", "list", "--format", "csv")))
                if r["Mã"] == meeting]  # fmt: skip
    shared = [h for h in listed if h in row]
    leading = [h for h in shared if h != "Phiên bản"]
    assert leading == list(row)[: len(leading)] and len(leading) >= 8
    assert "Phiên bản" in shared
    assert {h: row[h] for h in shared} == {h: listed[h] for h in shared}


def test_a_session_as_one_csv_row_under_the_lists_headers(demo: Path) -> None:
    data = ok_json(bdcq(demo, "sessions", "show", "1", "--format", "json"))
    [row] = _rows(ok(bdcq(demo, "sessions", "show", "1", "--format", "csv")))
    assert row["Mã"] == "1" and row["Nội dung"] == data["title"]
    assert (row["Từ ngày"], row["Đến ngày"]) == (data["starts_on"], data["ends_on"])
    assert row["Phiên bản"] == str(data["version"]) and row["Loại (mã)"] == data["purpose"]
    assert row["Số ngày công"] == str(data["summary"]["person_days"])
    [listed] = [r for r in _rows(ok(bdcq(demo, "sessions", "list", "--format", "csv")))
                if r["Mã"] == "1"]  # fmt: skip
    shared = [h for h in listed if h in row]
    assert len(shared) >= 7
    assert {h: row[h] for h in shared} == {h: listed[h] for h in shared}


def test_the_settings_as_a_csv_row_per_key_that_settings_set_takes_back(demo: Path) -> None:
    data = ok_json(bdcq(demo, "settings", "show", "--format", "json"))
    rows = {r["Khóa"]: r for r in _rows(ok(bdcq(demo, "settings", "show", "--format", "csv")))}
    assert list(rows) == list(data) and rows["version"]["Giá trị"] == str(data["version"])
    assert rows["parent_body"]["Thiết lập"] == "Cơ quan chủ quản"
    assert rows["signing.convocation"]["Giá trị"] == " | ".join(data["signing.convocation"])
    assert rows["recipients.convocation"]["Giá trị"] == "; ".join(data["recipients.convocation"])
    # Typed back as it reads, each value is the one already there.
    for key in ("signing.convocation", "recipients.convocation", "abbr.minutes"):
        ok(bdcq(demo, "settings", "set", key, rows[key]["Giá trị"]))
    again = ok_json(bdcq(demo, "settings", "show", "--format", "json"))
    assert {k: v for k, v in again.items() if k != "version"} == {
        k: v for k, v in data.items() if k != "version"
    }


def test_a_task_as_one_csv_row_under_the_lists_headers(demo: Path) -> None:
    listed = _rows(ok(bdcq(demo, "tasks", "list", "--format", "csv")))
    # One whose deadline was extended: the deadline in force and the one given differ.
    [task, *_] = [r for r in listed if r["Hạn ban đầu"]]
    data = ok_json(bdcq(demo, "tasks", "show", task["Mã"], "--format", "json"))
    [row] = _rows(ok(bdcq(demo, "tasks", "show", task["Mã"], "--format", "csv")))
    assert row["Mã"] == task["Mã"] and row["Nội dung"] == data["content"]
    assert row["Thời hạn"] == data["deadline_in_force"] != row["Thời hạn được giao"]
    assert row["Thời hạn được giao"] == data["deadline"] == task["Hạn ban đầu"]  # ISO
    assert row["Tình trạng"] == data["status"] and row["Phiên bản"] == str(data["version"])
    shared = [h for h in task if h in row]
    assert len(shared) >= 9
    assert {h: row[h] for h in shared} == {h: task[h] for h in shared}
