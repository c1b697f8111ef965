"""Correcting one task of a conclusion without restating the others (CLI audit, item 5).

A task given to :func:`update_conclusion` as a mapping with its ``id`` keeps what it leaves
out: ``{"id": 3}`` is task 3 unchanged, ``{"id": 3, "deadline": …}`` changes only its deadline,
``null`` clears a field. ``meetings show --format json`` gives each task's conclusion and the ids
behind its names, and ``tasks edit`` on a conclusion's task is refused naming the conclusion and
``bdcq meetings conclusion-edit``. Real SQLite; the command line as real subprocesses."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.conclusions import get_conclusion, update_conclusion
from bdcq_desktop.core.errors import ValidationError
from tests.test_cli_conclusions import _tasks
from tests.test_cli_meeting_record import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok, one_line_error  # noqa: F401
from tests.test_conclusions_edit import held  # noqa: F401


def test_a_task_given_by_its_id_keeps_what_it_leaves_out(db: Any, held: dict[str, int]) -> None:  # noqa: F811
    cid = held["conclusion"]
    edit = get_conclusion(db, cid)
    first, second = edit.tasks
    assert second.focal_unit_id == held["focal"]
    saved = update_conclusion(
        db,
        cid,
        edit.text,
        [{"id": first.id}, {"id": second.id, "deadline": "31/12/2026"}],
        expected_version=edit.version,
    )
    assert saved.task_ids == (first.id, second.id)
    after = get_conclusion(db, cid)
    assert after.tasks[0] == first
    assert after.tasks[1] == type(second)(
        second.content,
        second.assignee_person_id,
        second.assignee_unit_id,
        second.focal_unit_id,
        date(2026, 12, 31),
        second.id,
    )
    # null clears a field; a field left out is kept.
    update_conclusion(
        db,
        cid,
        edit.text,
        [{"id": first.id}, {"id": second.id, "focal_unit_id": None}],
        expected_version=after.version,
    )
    again = get_conclusion(db, cid).tasks[1]
    assert again.focal_unit_id is None and again.deadline == date(2026, 12, 31)
    assert again.content == second.content


def test_an_id_the_conclusion_does_not_have_is_refused_naming_the_line(
    db: Any, held: dict[str, int]  # noqa: F811
) -> None:
    cid = held["conclusion"]
    edit = get_conclusion(db, cid)
    with pytest.raises(ValidationError) as refused:
        update_conclusion(
            db, cid, edit.text, [{"id": edit.tasks[0].id}, {"id": 999}],
            expected_version=edit.version,
        )  # fmt: skip
    assert refused.value.field == "id"
    assert refused.value.message == "Nhiệm vụ 2: kết luận này không có nhiệm vụ mã 999."
    assert get_conclusion(db, cid) == edit


def _person(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("select id from person order by id limit 1").fetchone()[0]
    finally:
        con.close()


def test_the_command_line_corrects_one_task_by_the_ids_show_gives(
    demo: Path, tmp_path: Path  # noqa: F811
) -> None:
    mid = _pick(demo, "held")
    person = _person(demo)
    unit = json.loads(ok(bdcq(demo, "units", "list", "--format", "json")))[0]["id"]
    two = _tasks(tmp_path, "two.json", [
        {"content": "Xây dựng kho dữ liệu", "assignee_person_id": person,
         "assignee_unit_id": unit, "focal_unit_id": unit, "deadline": "30/12/2026"},
        {"content": "Báo cáo kết quả", "assignee_unit_id": unit},
    ])  # fmt: skip
    ok(bdcq(demo, "meetings", "conclusion-add", str(mid), "--text", "Kết luận", "--tasks", two))
    shown = _show(demo, mid)
    cid, (first, second) = shown["conclusions"][-1]["id"], shown["conclusions"][-1]["task_ids"]
    by_id = {t["id"]: t for t in shown["tasks"]}
    # The ids behind the names, as conclusion-edit takes them.
    assert {k: by_id[first][k] for k in (
        "conclusion_id", "assignee_person_id", "assignee_unit_id", "focal_unit_id"
    )} == {
        "conclusion_id": cid, "assignee_person_id": person, "assignee_unit_id": unit,
        "focal_unit_id": unit,
    }  # fmt: skip
    # The first task unchanged by its id alone, the second's deadline only.
    edit = _tasks(tmp_path, "edit.json", [{"id": first}, {"id": second, "deadline": "15/12/2026"}])
    ok(bdcq(demo, "meetings", "conclusion-edit", str(cid), "--tasks", edit))
    after = {t["id"]: t for t in _show(demo, mid)["tasks"]}
    assert after[first] == by_id[first]
    assert after[second] == {**by_id[second], "deadline": "2026-12-15"}
    # tasks edit on it: refused, naming the conclusion and the command.
    refused = one_line_error(bdcq(demo, "tasks", "edit", str(second), "--person", str(person)))
    assert f"Nhiệm vụ {second} được giao theo kết luận mã {cid} của cuộc họp mã {mid}" in refused
    assert f"bdcq meetings conclusion-edit {cid} --tasks FILE.json" in refused
    assert f'{{"id": {second}, …}}' in refused
    assert {t["id"]: t for t in _show(demo, mid)["tasks"]}[second] == after[second]
