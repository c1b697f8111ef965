"""The tasks commands take a person by id or by full name, as the meetings commands do: a
name is that person (so the rule on who may approve applies), namesakes and unknown names are
refused naming the option; ``--approved-by`` keeps other words as the approving document."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli_run import bdcq, ok, one_line_error


def _open_task(demo: Path) -> int:
    rows = json.loads(ok(bdcq(demo, "tasks", "list", "--format", "json")))
    return next(r["id"] for r in rows if not r["completed_on"] and r["status"] != "cancelled")


def _last_extension(demo: Path) -> tuple[int | None, str | None]:
    con = sqlite3.connect(demo)
    try:
        return con.execute(
            "select decided_by_id, decided_by_text from task_event "
            "where kind = 'extension' order by id desc limit 1"
        ).fetchone()
    finally:
        con.close()


def _person(demo: Path, name: str) -> int:
    con = sqlite3.connect(demo)
    try:
        return con.execute("select id from person where full_name = ?", (name,)).fetchone()[0]
    finally:
        con.close()


def test_extend_by_a_name_links_the_person_and_checks_their_role(demo: Path) -> None:
    task = _open_task(demo)
    deputy = _person(demo, "Vũ Duy Tiến")
    extend = ("tasks", "extend", str(task), "--reason", "x")
    ok(bdcq(demo, *extend, "--deadline", "30/12/2026", "--approved-by", "vu duy TIEN"))
    assert _last_extension(demo) == (deputy, None)
    # A name of someone who may not approve is checked as their id would be.
    one_line_error(
        bdcq(demo, *extend, "--deadline", "31/12/2026", "--approved-by", "Hoàng Xuân Bình"),
        "Trưởng ban",
    )
    # Words that name nobody are the approving document's, as before.
    ok(bdcq(demo, *extend, "--deadline", "31/12/2026", "--approved-by", "Công văn số 15/BCĐ-VP"))
    assert _last_extension(demo) == (None, "Công văn số 15/BCĐ-VP")


def test_namesakes_and_unknown_names_are_refused(demo: Path) -> None:
    task = _open_task(demo)
    for _ in range(2):
        ok(bdcq(demo, "people", "add", "--name", "Trần Văn Trùng", "--kind", "guest"))
    extend = ("tasks", "extend", str(task), "--deadline", "30/12/2026", "--reason", "x")
    one_line_error(
        bdcq(demo, *extend, "--approved-by", "tran van trung"),
        "nhiều người cùng tên",
        "Người cho gia hạn",
    )
    add = ("tasks", "add", "--content", "Thử", "--unit", "1", "--deadline", "30/12/2026")
    one_line_error(
        bdcq(demo, *add, "--assigned-by", "Không Có Ai"), "không có ai tên", "Người giao"
    )
    out = ok(bdcq(demo, *add, "--assigned-by", "vũ duy tiến", "--person", "Hoàng Xuân Bình"))
    task = int(out.rsplit(":", 1)[1])
    con = sqlite3.connect(demo)
    try:
        got = con.execute(
            "select assigned_by_id, assignee_person_id from task where id = ?", (task,)
        ).fetchone()
    finally:
        con.close()
    assert got == (_person(demo, "Vũ Duy Tiến"), _person(demo, "Hoàng Xuân Bình"))
    edited = ok(bdcq(demo, "tasks", "edit", str(task), "--person", "vu duy tien", "--format",
                     "json"))  # fmt: skip
    assert json.loads(edited)["assignee_person_id"] == _person(demo, "Vũ Duy Tiến")
