"""``bdcq meetings show`` in table form says what the minutes print and which papers are in
force (document audit, item 2): the actual start and end once recorded, the minutes' state, and
a convocation replaced by a corrected one marked as ``documents list`` marks it. Through the
real command line on a copy of the demo database."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.test_cli_meeting_record import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok, planned_ahead  # noqa: F401


def _documents_block(table: str) -> list[str]:
    return table.split("Văn bản / documents:")[1].strip().splitlines()


def test_show_gives_the_actual_start_and_end_the_minutes_print(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    start = datetime.fromisoformat(_show(demo, mid)["starts_at"])
    opened, closed = start + timedelta(minutes=15), start + timedelta(hours=2, minutes=45)
    ok(bdcq(demo, "meetings", "start", str(mid), "--at", f"{opened:%H:%M}"))
    ok(bdcq(demo, "meetings", "close", str(mid), "--at", f"{closed:%d/%m/%Y %H:%M}"))
    table = ok(bdcq(demo, "meetings", "show", str(mid)))
    assert f"Bắt đầu thực tế / actual start: {opened:%d/%m/%Y %H:%M}" in table
    assert f"Kết thúc thực tế / actual end: {closed:%d/%m/%Y %H:%M}" in table
    status = _show(demo, mid)["minutes"]["status"]
    assert status in {"draft", "reopened"} and "Biên bản / minutes: " in table


def test_show_marks_a_convocation_replaced_by_a_corrected_one(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    m = planned_ahead(demo)
    mid = str(m["id"])

    def issue() -> str:
        ok(bdcq(demo, "export", "convocation", "--meeting", mid, "-o",
                str(tmp_path / "gtt.pdf"), "--issue"))  # fmt: skip
        return _show(demo, m["id"])["documents"][-1]["number"]

    first = issue()
    table = ok(bdcq(demo, "meetings", "show", mid))
    assert "Hiệu lực" not in table  # nothing replaced: no column
    # The paper's kind as documents list names it, not its code.
    [line] = [x for x in _documents_block(table) if x.startswith(first)]
    assert "Giấy triệu tập" in line and "convocation" not in line, line
    ok(bdcq(demo, "meetings", "edit", mid, "--place", "Hội trường", "--yes"))
    # Out of force, none issued in its place yet: the day it stopped, as documents list says.
    rows = _documents_block(ok(bdcq(demo, "meetings", "show", mid)))
    [line] = [x for x in rows if x.startswith(first)]
    assert f"Hết hiệu lực ngày {date.today():%d/%m/%Y}" in line
    second = issue()
    rows = _documents_block(ok(bdcq(demo, "meetings", "show", mid)))
    [old] = [x for x in rows if x.startswith(first)]
    [new] = [x for x in rows if x.startswith(second)]
    assert f"Đã bị thay thế bởi {second}" in old
    assert "thay thế" not in new and "Hết hiệu lực" not in new
    shown = json.loads(ok(bdcq(demo, "meetings", "show", mid, "--format", "json")))
    assert [(d["number"], d["replaced_by"]) for d in shown["documents"]] == [
        (first, second),
        (second, None),
    ]
    assert shown["documents"][0]["superseded_on"] == date.today().isoformat()
