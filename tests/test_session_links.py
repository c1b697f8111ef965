"""What a working-group session serves, seen from the other side: the conclusions and tasks of a
meeting name the sessions serving them (core rows read in one query, ``meetings show`` and
``tasks list`` JSON), and the meetings record's Kết luận section shows the link and opens the
session in the Tổ công tác tab, from the keyboard."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from sqlalchemy import event, select

from bdcq_desktop.core import working_group
from bdcq_desktop.core.conclusions import list_conclusions
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import Conclusion, Meeting, Task
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from tests.cli_run import run_bdcq


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _meeting_with_tasks(db: Any) -> tuple[int, int, int, int]:
    """A demo meeting held, the first conclusion with tasks, and that conclusion's first task
    (the newest such meeting: it sorts first in the list)."""
    with db.session() as s:
        row = s.execute(
            select(Meeting.id, Conclusion.id, Task.id, Meeting.starts_at)
            .join(Conclusion, Conclusion.meeting_id == Meeting.id)
            .join(Task, Task.conclusion_id == Conclusion.id)
            .order_by(Meeting.starts_at.desc(), Conclusion.position, Task.position)
            .limit(1)
        ).one()
    return row[0], row[1], row[2], row[3].date()


def _session(db: Any, title: str, starts: date, serves: str) -> int:
    return working_group.create_session(
        db,
        purpose="proposal",
        title=title,
        starts_on=starts,
        ends_on=starts + timedelta(days=2),
        serves=serves,
    )


@pytest.fixture
def linked(demo_db: Any) -> dict[str, int]:
    """Two sessions serving a task of a meeting, one serving its conclusion itself."""
    meeting_id, conclusion_id, task_id, held = _meeting_with_tasks(demo_db)
    day = held + timedelta(days=14)
    return {
        "meeting": meeting_id,
        "conclusion": conclusion_id,
        "task": task_id,
        "first": _session(demo_db, "Xây dựng dự thảo kế hoạch số hóa", day, f"task:{task_id}"),
        "second": _session(
            demo_db, "Hoàn thiện dự thảo kế hoạch số hóa", day + timedelta(days=7),
            f"task:{task_id}",
        ),
        "whole": _session(
            demo_db, "Đề xuất giải pháp thực hiện kết luận", day, f"conclusion:{conclusion_id}"
        ),
    }


def _statements(db: Any, call: Any) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen)


def test_conclusion_and_task_rows_name_the_sessions_in_one_query(
    demo_db: Any, linked: dict[str, int]
) -> None:
    rows = list_conclusions(demo_db, linked["meeting"])
    c = next(c for c in rows if c.id == linked["conclusion"])
    assert linked["whole"] in [s.id for s in c.sessions]
    task = next(t for t in c.tasks if t.id == linked["task"])
    assert [s.id for s in task.sessions] == [linked["first"], linked["second"]]  # by date
    assert task.sessions[0].title == "Xây dựng dự thảo kế hoạch số hóa"
    ours = {linked["first"], linked["second"], linked["whole"]}
    others = [t for x in rows for t in x.tasks if t.id != linked["task"]]
    assert others and not any(ours & {s.id for s in t.sessions} for t in others)
    # No query per conclusion or per session: a third link costs no statement more.
    before = _statements(demo_db, lambda: get_meeting(demo_db, linked["meeting"]))
    other_task = others[0]
    _session(demo_db, "Phiên thứ ba", date(2026, 1, 5), f"task:{other_task.id}")
    after = _statements(demo_db, lambda: get_meeting(demo_db, linked["meeting"]))
    assert after == before
    detail = get_meeting(demo_db, linked["meeting"])
    again = next(t for c in detail.conclusions for t in c.tasks if t.id == other_task.id)
    assert [s.title for s in again.sessions] == ["Phiên thứ ba"]


def _bdcq(db: Any, *args: str) -> Any:
    out = run_bdcq(args, db=db.sqlite_path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_cli_json_lists_the_sessions_of_conclusions_and_tasks(
    demo_db: Any, linked: dict[str, int]
) -> None:
    shown = _bdcq(demo_db, "meetings", "show", str(linked["meeting"]), "--format", "json")
    c = next(c for c in shown["conclusions"] if c["id"] == linked["conclusion"])
    assert {"id": linked["whole"], "title": "Đề xuất giải pháp thực hiện kết luận"} in c["sessions"]
    task = next(t for t in shown["tasks"] if t["id"] == linked["task"])
    assert [s["id"] for s in task["sessions"]] == [linked["first"], linked["second"]]
    ours = {linked["first"], linked["second"]}
    for t in shown["tasks"]:
        wanted = ours if t["id"] == linked["task"] else set()
        assert {s["id"] for s in t["sessions"]} & ours == wanted
    tasks = _bdcq(demo_db, "tasks", "list", "--format", "json")
    by_id = {t["id"]: t for t in tasks}
    assert [s["title"] for s in by_id[linked["task"]]["sessions"]] == [
        "Xây dựng dự thảo kế hoạch số hóa",
        "Hoàn thiện dự thảo kế hoạch số hóa",
    ]
    assert [t["id"] for t in tasks if {s["id"] for s in t["sessions"]} & ours] == [linked["task"]]


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> MainWindow:
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.read_every_tab()
    return w


def _conclusions(window: MainWindow, meeting_id: int) -> Any:
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = window.meetings_tab.view
    assert view.table.select_where(lambda r: r.id == meeting_id)
    section = view.pane.section("conclusions")
    view.pane.show_section(view.pane.sections.indexOf(section))
    return section


def _select_line(section: Any, conclusion_id: int, task_id: int | None) -> None:
    tree = section.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.data(0, Qt.ItemDataRole.UserRole + 1) != conclusion_id:
            continue
        if task_id is None:
            tree.setCurrentItem(top)
            return
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.ItemDataRole.UserRole + 2).id == task_id:
                tree.setCurrentItem(top.child(j))
                return
    raise AssertionError("line not found")


def test_kết_luận_shows_the_session_and_ctrl_shift_t_opens_it(
    qtbot: Any, window: MainWindow, linked: dict[str, int]
) -> None:
    section = _conclusions(window, linked["meeting"])
    _select_line(section, linked["conclusion"], None)
    shown = section.full_text.text()
    assert "Tổ công tác: Đề xuất giải pháp thực hiện kết luận (" in shown
    assert section.session_button.isEnabled()
    assert not section.tree.currentItem().icon(0).isNull()  # the line is marked in the tree
    # The sessions tab filtered so the session is hidden: the jump clears what hides it.
    sessions = window.sessions_tab
    sessions.view.table.search.setText("không có phiên nào như thế")
    section.tree.setFocus()
    QTest.keyClick(
        section.tree, Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.tabs.currentWidget() is sessions
    row = sessions.view.table.current_row()
    assert row is not None and row.id == linked["whole"]
    assert sessions.view.current_session().title == "Đề xuất giải pháp thực hiện kết luận"
    assert sessions.view.table.search.text() == ""
    qtbot.waitUntil(lambda: sessions.view.table.view.hasFocus())


def test_several_sessions_are_picked_from_a_menu_and_lines_without_one_cannot_jump(
    qtbot: Any, window: MainWindow, linked: dict[str, int]
) -> None:
    section = _conclusions(window, linked["meeting"])
    _select_line(section, linked["conclusion"], linked["task"])
    shown = section.full_text.text()
    assert "Tổ công tác: Xây dựng dự thảo kế hoạch số hóa (" in shown
    assert "Tổ công tác: Hoàn thiện dự thảo kế hoạch số hóa (" in shown
    section.session_button.setFocus()
    QTest.keyClick(section.session_button, Qt.Key.Key_Space)  # the button, from the keyboard
    menu = section.session_menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible)
    titles = [a.text() for a in menu.actions()]
    assert titles[0].startswith("Xây dựng dự thảo") and titles[1].startswith("Hoàn thiện")
    QTest.keyClick(menu, Qt.Key.Key_Down)
    QTest.keyClick(menu, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.sessions_tab
    assert window.sessions_tab.view.table.current_row().id == linked["second"]
    # Each press's menu goes once closed, chosen from or not (each had stayed in the section).
    window.tabs.setCurrentWidget(window.meetings_tab)
    for _ in range(3):
        section.open_session()
        qtbot.waitUntil(section.session_menu.isVisible)
        QTest.keyClick(section.session_menu, Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert section.findChildren(QMenu, "servingSessionsMenu") == []
    # A line nothing serves: the action is off and the key does nothing.
    section = _conclusions(window, linked["meeting"])
    others = [c.id for c in section.detail.conclusions if not c.sessions]
    if others:
        _select_line(section, others[0], None)
        assert not section.session_button.isEnabled()
        assert "Tổ công tác" not in section.full_text.text()
        QTest.keyClick(
            section.tree, Qt.Key.Key_T,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert window.tabs.currentWidget() is window.meetings_tab
