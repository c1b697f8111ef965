"""A meeting's conclusions changed after their notice (thông báo kết luận) is issued.

Asked first, naming the notice as a convocation's question does; confirmed, the notice is
marked superseded in the same call (the register keeps it, its number and its stored copy),
the meeting's Văn bản lists it as needing issuing again, and the next issue gives a corrected
notice under a new number, from the core and from ``export --issue``. An edit that changes
nothing the notice printed asks nothing and supersedes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.conclusions import (
    add_conclusion,
    get_conclusion,
    remove_conclusion,
    update_conclusion,
)
from bdcq_desktop.core.errors import IssuedNoticeWarning
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.documents import service
from tests.pdf_text import flat_text
from tests.test_cli_conclusions import _tasks, _unit
from tests.test_cli_meeting_record import _pick, _show
from tests.test_cli_meetings import bdcq, demo, ok  # noqa: F401
from tests.test_conclusions_edit import _issue_notice, held_meeting
from tests.test_meeting_record import DURING

NEXT_DAY = date(2026, 7, 8)


@pytest.fixture
def noticed(db: Any) -> dict[str, int]:
    """The held meeting of 06/07/2026 with one conclusion and two tasks, its notice
    01/TB-BCĐ issued on 07/07/2026."""
    ids = held_meeting(db)
    assert _issue_notice(db, ids["meeting"]).symbol == "01/TB-BCĐ"
    return ids


def _notices(db: Any, meeting_id: int) -> list[tuple[str, bool]]:
    return [
        (d.symbol, d.superseded_on is not None)
        for d in get_meeting(db, meeting_id).documents
        if d.kind == "conclusions"
    ]


def test_an_edit_confirmed_supersedes_the_notice_and_a_corrected_one_is_issued(
    db: Any, noticed: dict[str, int]
) -> None:
    mid, cid = noticed["meeting"], noticed["conclusion"]
    edit = get_conclusion(db, cid)
    # Only the second task's deadline changes: the notice printed it.
    tasks = [edit.tasks[0], replace(edit.tasks[1], deadline=date(2026, 11, 15))]
    with pytest.raises(IssuedNoticeWarning) as asked:
        update_conclusion(db, cid, edit.text, tasks, expected_version=edit.version)
    # Worded as a convocation's question (core.issued_changes).
    assert asked.value.message.startswith(
        "Thông báo kết luận số 01/TB-BCĐ ngày 07/07/2026 đã ban hành: sau khi thay đổi "
    )
    assert "cần ban hành lại với số mới" in asked.value.message
    assert asked.value.message.endswith("Vẫn lưu?")
    assert _notices(db, mid) == [("01/TB-BCĐ", False)]
    assert get_conclusion(db, cid).tasks[1].deadline == date(2026, 12, 31)

    update_conclusion(
        db, cid, edit.text, tasks, expected_version=edit.version, confirm_after_notice=True
    )
    assert _notices(db, mid) == [("01/TB-BCĐ", True)]
    assert get_conclusion(db, cid).tasks[1].deadline == date(2026, 11, 15)
    (old,) = register.list_issued(db)
    assert old.superseded_on == date.today()

    new = service.issue(db, "conclusions", mid, issued_on=NEXT_DAY, today=NEXT_DAY)
    assert new.symbol == "02/TB-BCĐ"
    text = flat_text(register.stored_copy(new))
    assert "Số: 02/TB-BCĐ" in text
    assert "15/11/2026" in text
    assert "31/12/2026" in flat_text(register.stored_copy(old))  # kept as it was issued
    assert _notices(db, mid) == [("01/TB-BCĐ", True), ("02/TB-BCĐ", False)]
    # The corrected notice is in force: the next change asks about it.
    edit = get_conclusion(db, cid)
    with pytest.raises(IssuedNoticeWarning, match="02/TB-BCĐ ngày 08/07/2026"):
        update_conclusion(db, cid, "Sửa lần hai", edit.tasks, expected_version=edit.version)


@pytest.mark.parametrize("change", ["add", "remove"])
def test_adding_or_removing_a_conclusion_confirmed_supersedes_the_notice(
    db: Any, noticed: dict[str, int], change: str
) -> None:
    mid, cid = noticed["meeting"], noticed["conclusion"]
    calls: dict[str, Callable[..., object]] = {
        "add": lambda **k: add_conclusion(
            db, mid, "Kết luận bổ sung", expected_version=get_meeting(db, mid).version,
            now=DURING, **k
        ),
        "remove": lambda **k: remove_conclusion(
            db, cid, expected_version=get_conclusion(db, cid).version, **k
        ),
    }
    with pytest.raises(IssuedNoticeWarning):
        calls[change]()
    assert _notices(db, mid) == [("01/TB-BCĐ", False)]
    calls[change](confirm_after_notice=True)
    assert _notices(db, mid) == [("01/TB-BCĐ", True)]


def test_an_edit_that_changes_nothing_printed_asks_nothing(
    db: Any, noticed: dict[str, int]
) -> None:
    mid, cid = noticed["meeting"], noticed["conclusion"]
    edit = get_conclusion(db, cid)
    update_conclusion(db, cid, edit.text, edit.tasks, expected_version=edit.version)
    assert _notices(db, mid) == [("01/TB-BCĐ", False)]


def test_the_command_line_issues_the_corrected_notice(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    """Before: ``export --issue`` gave back the stored notice with the old conclusion."""
    mid = _pick(demo, "held")
    ok(bdcq(demo, "meetings", "conclusion-add", str(mid), "--text", "Kết luận trước khi sửa"))
    cid = _show(demo, mid)["conclusions"][-1]["id"]
    first = ok(bdcq(demo, "export", "conclusions", "--meeting", str(mid), "--issue",
                    "-o", str(tmp_path / "tb1.pdf")))
    task = _tasks(tmp_path, "task.json", [{"content": "Triển khai ngay kết luận đã sửa",
                                           "assignee_unit_id": _unit(demo)}])
    ok(bdcq(demo, "meetings", "conclusion-edit", str(cid), "--text", "Kết luận đã sửa lại",
            "--tasks", task, "--yes"))
    second = ok(bdcq(demo, "export", "conclusions", "--meeting", str(mid), "--issue",
                     "-o", str(tmp_path / "tb2.pdf")))
    old, new = _symbol(first), _symbol(second)
    assert new != old and int(new.split("/")[0]) > int(old.split("/")[0])
    text = flat_text(tmp_path / "tb2.pdf")
    assert f"Số: {new}" in text and "Kết luận đã sửa lại" in text
    assert "Triển khai ngay kết luận đã sửa" in text and "Kết luận trước khi sửa" not in text
    assert "Kết luận trước khi sửa" in flat_text(tmp_path / "tb1.pdf")
    listed = ok(bdcq(demo, "documents", "list", "--format", "csv"))
    ends = {line.split(",")[2]: line.split(",")[-1] for line in listed.splitlines()[1:]}
    assert ends[old] == date.today().isoformat() and ends[new] == ""


def _symbol(out: str) -> str:
    return next(w for w in out.split() if "/TB-" in w).strip("():,;.")

