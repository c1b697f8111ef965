"""``bdcq meetings conclusion-add|conclusion-edit|conclusion-remove`` as real subprocesses on a
copy of the demo database: each one call; refusals are one Vietnamese line, exit 2, nothing
written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.test_cli_meeting_record import _pick, _show, _version
from tests.test_cli_meetings import bdcq, demo, ok, one_line_error  # noqa: F401


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def _unit(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("select id from unit order by id limit 1").fetchone()[0]
    finally:
        con.close()


def _tasks(tmp: Path, name: str, tasks: object) -> str:
    path = tmp / name
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_add_edit_remove_a_conclusion(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    unit = _unit(demo)
    before = _version(demo, mid)
    two = _tasks(
        tmp_path,
        "two.json",
        [
            {"content": "Xây dựng kho dữ liệu", "assignee_unit_id": unit, "deadline": "30/12/2026"},
            {"content": "Báo cáo kết quả", "assignee_unit_id": unit, "focal_unit_id": unit},
        ],
    )
    out = ok(bdcq(demo, "meetings", "conclusion-add", str(mid), "--text", "Kết luận mới",
                  "--tasks", two))
    assert "2 nhiệm vụ" in out
    shown = _show(demo, mid)
    added = shown["conclusions"][-1]
    assert added["text"] == "Kết luận mới" and len(added["task_ids"]) == 2
    assert _version(demo, mid) > before
    cid, (first, second) = added["id"], added["task_ids"]

    # The text alone: the tasks stay as they are.
    ok(bdcq(demo, "meetings", "conclusion-edit", str(cid), "--text", "Kết luận đã sửa"))
    shown = _show(demo, mid)
    edited = next(c for c in shown["conclusions"] if c["id"] == cid)
    assert edited["text"] == "Kết luận đã sửa" and edited["task_ids"] == [first, second]
    assert edited["version"] > added["version"]

    # The tasks: the second kept and edited, the first left out, a new one.
    tasks = _tasks(
        tmp_path,
        "edit.json",
        [
            {"id": second, "content": "Báo cáo kết quả quý IV", "assignee_unit_id": unit,
             "deadline": "31/12/2026"},
            {"content": "Tập huấn cán bộ", "assignee_unit_id": unit},
        ],
    )
    ok(bdcq(demo, "meetings", "conclusion-edit", str(cid), "--tasks", tasks))
    shown = _show(demo, mid)
    edited = next(c for c in shown["conclusions"] if c["id"] == cid)
    assert edited["task_ids"][0] == second and first not in edited["task_ids"]
    by_id = {t["id"]: t for t in shown["tasks"]}
    assert by_id[second]["content"] == "Báo cáo kết quả quý IV"
    assert by_id[second]["deadline"] == "2026-12-31"
    assert by_id[edited["task_ids"][1]]["content"] == "Tập huấn cán bộ"

    conclusions, all_tasks = _count(demo, "conclusion"), _count(demo, "task")
    ok(bdcq(demo, "meetings", "conclusion-remove", str(cid)))
    assert _count(demo, "conclusion") == conclusions - 1
    assert _count(demo, "task") == all_tasks - 2
    assert cid not in [c["id"] for c in _show(demo, mid)["conclusions"]]


def test_refusals_are_one_line_and_write_nothing(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    mid = _pick(demo, "held")
    cid = _show(demo, mid)["conclusions"][0]["id"]
    version = _version(demo, mid)
    counts = (_count(demo, "conclusion"), _count(demo, "task"))
    refused = [
        (("conclusion-edit", str(cid)), "--text"),  # nothing to change
        (("conclusion-edit", str(cid), "--text", "   "), "Nội dung kết luận"),
        (("conclusion-edit", str(cid), "--tasks", _tasks(tmp_path, "a.json", [{"content": "x"}])),
         "Nhiệm vụ 1"),
        (("conclusion-edit", str(cid), "--tasks", _tasks(tmp_path, "b.json", {"content": "x"})),
         "danh sách JSON"),
        (("conclusion-edit", str(cid), "--tasks", str(tmp_path / "missing.json")),
         "không đọc được"),
        (("conclusion-edit", str(cid), "--text", "Sửa", "--expected-version", "999"),
         "người khác sửa"),
        (("conclusion-edit", "999999", "--text", "Sửa"), "999999"),
        (("conclusion-remove", str(cid), "--expected-version", "999"), "người khác sửa"),
        (("conclusion-remove", "abc"), "số nguyên dương"),
        (("conclusion-add", str(mid), "--text", ""), "Nội dung kết luận"),
    ]
    for args, expected in refused:
        line = one_line_error(bdcq(demo, "meetings", *args))
        assert expected in line, (args, line)
    assert _version(demo, mid) == version
    assert (_count(demo, "conclusion"), _count(demo, "task")) == counts


def test_final_minutes_refuse_edits_and_removal(demo: Path) -> None:  # noqa: F811
    mid = _pick(demo, "minutes_final")
    cid = _show(demo, mid)["conclusions"][0]["id"]
    version, counts = _version(demo, mid), _count(demo, "conclusion")
    for args in (
        ("conclusion-remove", str(cid)),
        ("conclusion-edit", str(cid), "--text", "Sửa sau khi ban hành"),
    ):
        line = one_line_error(bdcq(demo, "meetings", *args))
        assert "Biên bản đã hoàn thành" in line
    assert _version(demo, mid) == version and _count(demo, "conclusion") == counts


def test_changes_after_the_notice_need_yes(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """The conclusions notice is issued: edit and remove are refused in one line that names the
    notice and says --yes; with --yes they go through."""
    mid = _pick(demo, "held")
    ok(bdcq(demo, "meetings", "conclusion-add", str(mid), "--text", "Kết luận không giao việc"))
    cid = _show(demo, mid)["conclusions"][-1]["id"]
    issued = ok(bdcq(demo, "export", "conclusions", "--meeting", str(mid), "--issue",
                     "-o", str(tmp_path / "tb.pdf")))
    assert "/TB-" in issued
    version, counts = _version(demo, mid), _count(demo, "conclusion")
    for args in (
        ("conclusion-edit", str(cid), "--text", "Sửa sau khi ban hành thông báo"),
        ("conclusion-remove", str(cid)),
        ("conclusion-add", str(mid), "--text", "Kết luận bổ sung"),
    ):
        line = one_line_error(bdcq(demo, "meetings", *args))
        assert "Thông báo kết luận số" in line and "--yes" in line, line
    assert _version(demo, mid) == version and _count(demo, "conclusion") == counts

    ok(bdcq(demo, "meetings", "conclusion-edit", str(cid), "--text", "Sửa sau thông báo",
            "--yes"))
    edited = next(c for c in _show(demo, mid)["conclusions"] if c["id"] == cid)
    assert edited["text"] == "Sửa sau thông báo"
    ok(bdcq(demo, "meetings", "conclusion-remove", str(cid), "--yes"))
    assert _count(demo, "conclusion") == counts - 1
