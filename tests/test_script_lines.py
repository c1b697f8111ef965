"""Agenda lines and tasks as a script gives them (the JSON files of ``bdcq meetings add
--agenda`` and ``conclusion-add --tasks``): a line without its required field, or a line that
is not an object, is refused naming the line and the field, like an empty one, never a
TypeError of the program (it said "lỗi không mong đợi", exit 70)."""

from __future__ import annotations

from typing import Any

import pytest

from bdcq_desktop.core.agenda import clean_agenda
from bdcq_desktop.core.conclusions import clean_tasks
from bdcq_desktop.core.errors import ValidationError


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        ([{"planned_minutes": 10}], 'Dòng 1: Nội dung: "Nội dung" không được để trống.'),
        ([{"title": "Khai mạc"}, {}], 'Dòng 2: Nội dung: "Nội dung" không được để trống.'),
        (["Khai mạc"], 'Dòng 1: mỗi dòng là một đối tượng, ví dụ {"title": "…"}.'),
    ],
)
def test_an_agenda_line_without_its_title_is_refused_by_name(lines: Any, said: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_agenda(lines)
    assert refused.value.field == "agenda"
    assert refused.value.message == said


@pytest.mark.parametrize(
    ("tasks", "said"),
    [
        (
            [{"assignee_unit_id": 6}],
            'Nhiệm vụ 1: Nội dung nhiệm vụ: "Nội dung nhiệm vụ" không được để trống.',
        ),
        ([{}], 'Nhiệm vụ 1: Nội dung nhiệm vụ: "Nội dung nhiệm vụ" không được để trống.'),
        ([7], 'Nhiệm vụ 1: mỗi nhiệm vụ là một đối tượng, ví dụ {"content": "…"}.'),
    ],
)
def test_a_task_without_its_content_is_refused_by_name(tasks: Any, said: str) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_tasks(tasks)
    assert refused.value.message == said


def test_complete_lines_still_pass() -> None:
    assert [line.title for line in clean_agenda([{"title": " Khai mạc "}])] == ["Khai mạc"]
    task = clean_tasks([{"content": "Rà soát", "assignee_unit_id": 6}])[0]
    assert (task.content, task.assignee_unit_id) == ("Rà soát", 6)
