"""``bdcq meetings minutes-history ID``: the minutes' saved revisions as the Biên bản section's
history lists them (the same core call, ``minutes_history.minutes_revisions``), and with
``--revision N`` the text its revision dialog shows (``revision_text``); on a copy of the demo
database, whose meeting 11 has final minutes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.minutes_history import minutes_revisions, revision_text
from tests.cli_run import bdcq, ok, ok_json, one_line_error

ISSUED = "11"  # the demo's meeting whose minutes are final


def _reopened_saved_issued(db: Path, folder: Path) -> None:
    """Final minutes reopened with a reason, saved, then issued: a revision of each event."""
    ok(bdcq(db, "meetings", "reopen-minutes", ISSUED, "--reason", "Sửa tên đại biểu"))
    ok(bdcq(db, "meetings", "minutes", ISSUED, "--opening", "Hồi 08 giờ 05, khai mạc."))
    pdf = folder / "bien-ban.pdf"
    ok(bdcq(db, "export", "minutes", "--meeting", ISSUED, "--issue", "-o", pdf))


def test_the_history_lists_the_revisions_as_the_window_does(demo: Path, tmp_path: Path) -> None:
    _reopened_saved_issued(demo, tmp_path)
    database = open_database(demo)
    try:
        revisions = minutes_revisions(database, int(ISSUED))
        texts = [revision_text(database, r.id) for r in revisions]
    finally:
        database.dispose()
    events = [r.event for r in revisions]
    assert events[-3:] == ["reopened", "saved", "issued"]
    assert set(events) <= {"issued", "reopened", "saved"}
    n = len(revisions)

    rows = ok_json(bdcq(demo, "meetings", "minutes-history", ISSUED, "--format", "json"))
    assert [r["number"] for r in rows] == list(range(1, n + 1))
    assert [r["event"] for r in rows] == events
    assert [r["event_label"] for r in rows][-3:] == ["Mở lại", "Lưu bản sửa", "Ban hành"]
    assert [r["symbol"] for r in rows] == [r.symbol for r in revisions]
    assert rows[-1]["symbol"].endswith("/BB-BCĐ") and rows[-3]["reason"] == "Sửa tên đại biểu"
    assert [r["saved_at"] for r in rows] == [f"{r.saved_at:%Y-%m-%dT%H:%M}" for r in revisions]
    assert [r["author"] for r in rows] == [r.author for r in revisions]

    # The table: the window's columns (Lần, Thời gian, Người lưu, Việc, Ghi chú), its notes.
    table = ok(bdcq(demo, "meetings", "minutes-history", ISSUED)).splitlines()
    assert table[0].split() == ["Lần", "Thời", "gian", "Người", "lưu", "Việc", "Ghi", "chú"]
    assert len(table) == 2 + n and table[2].startswith("1 ")
    assert f"{revisions[0].saved_at:%d/%m/%Y %H:%M}" in table[2]
    assert "Mở lại" in table[-3] and "Sửa tên đại biểu" in table[-3]
    assert "Lưu bản sửa" in table[-2] and "reopened" not in "\n".join(table)
    assert "Ban hành" in table[-1] and rows[-1]["symbol"] in table[-1]
    for line, rev in zip(table[2:], revisions, strict=True):
        assert rev.symbol in line  # an issue's number in "Ghi chú"

    sheet = list(csv.DictReader(io.StringIO(ok(bdcq(
        demo, "meetings", "minutes-history", ISSUED, "--format", "csv"
    )))))  # fmt: skip
    assert [r["Việc (mã)"] for r in sheet] == events
    assert sheet[0]["Thời gian"] == rows[0]["saved_at"]  # ISO, as the lists' CSV

    # One revision's text, as the dialog opened from the history shows it.
    out = ok(bdcq(demo, "meetings", "minutes-history", ISSUED, "--revision", str(n - 1)))
    title, _, text = out.partition("\n")
    assert title.startswith(f"Biên bản — bản sửa lần {n - 1} (") and revisions[-2].author in title
    assert text == texts[-2] + "\n" and "Hồi 08 giờ 05, khai mạc." in text
    one = ok_json(bdcq(
        demo, "meetings", "minutes-history", ISSUED, "--revision", "1", "--format", "json"
    ))  # fmt: skip
    assert one["text"] == texts[0] and one["event"] == events[0] and one["number"] == 1


def test_a_revision_or_meeting_not_there_is_refused_in_one_line(demo: Path) -> None:
    out = bdcq(demo, "meetings", "minutes-history", ISSUED, "--revision", "70")
    one_line_error(out, "bản sửa lần 70", "minutes-history")
    one_line_error(bdcq(demo, "meetings", "minutes-history", "999999"), "999999")
    not_a_number = bdcq(demo, "meetings", "minutes-history", ISSUED, "--revision", "x")
    one_line_error(not_a_number, "--revision")
    none = bdcq(demo, "meetings", "minutes-history", "14", "--format", "json")  # never held
    assert json.loads(ok(none)) == []
