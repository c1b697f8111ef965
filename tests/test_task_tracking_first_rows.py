"""The tasks page's first screen, read alone (:mod:`bdcq_desktop.core.task_first_rows`): the
rows are exactly those of the full read that the first screen and the column widths need, the
figures exactly those counted from every task, on SQLite and PostgreSQL; the page shows the
same as when it reads every task, and reads every task once its first screen is painted or as
soon as the officer changes what it shows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select, update

from bdcq_desktop.core import task_tracking as tt
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.models import Person, Task, TaskStatus, Unit
from bdcq_desktop.core.task_first_rows import first_rows
from bdcq_desktop.core.tasks import STATUSES
from bdcq_desktop.ui import column_fit
from bdcq_desktop.ui.table_model import RowTableModel
from bdcq_desktop.ui.tabs import task_tracking as page_module
from bdcq_desktop.ui.tabs.task_columns import STATUS_ORDER, STATUS_RANK
from bdcq_desktop.ui.tabs.task_tracking import TaskTrackingPage
from tests.conftest import DEMO_TODAY
from tests.test_task_tracking_reference import _add_the_rare_cases

SCREEN, HEAD = 9, 13  # small, so that the two sets differ on the demo's 76 tasks
# On the page: more rows than its table shows at once (no batch fetched before the full read),
# fewer than the demo's tasks.
PAGE_SCREEN, PAGE_HEAD = 30, 40


def _expected(every: list[tt.TrackedTask]) -> list[tt.TrackedTask]:
    """The first HEAD rows of the list, and the first SCREEN sorted as the page first sorts
    them (by status, then deadline, none last; stably), in the list's order: what the first
    screen and the column widths are made of."""
    by_status = sorted(every, key=lambda r: (STATUS_RANK[r.status], r.deadline or date.max))
    wanted = {r.id for r in every[:HEAD]} | {r.id for r in by_status[:SCREEN]}
    return [r for r in every if r.id in wanted]


def _same_as_the_full_read(db: Database, today: date) -> None:
    every = tt.track_tasks(db, today=today)
    for status in (None, *STATUSES):
        tasks = tt.track_tasks(db, status=status, today=today)
        first = first_rows(
            db,
            status_order=STATUS_ORDER,
            screen=SCREEN,
            head=HEAD,
            status=status,
            today=today,
        )
        assert first is not None
        read = {r.id for r in first.rows}
        # Rows of the full read, in its order (as the same objects' values), among them all
        # that the first screen and the widths need.
        assert first.rows == [r for r in tasks if r.id in read], (today, status)
        assert {r.id for r in _expected(tasks)} <= read, (today, status)
        assert first.completion_by_unit(status) == tt.completion_by_unit(tasks), (today, status)
        assert first.count(status) == len(tasks)
        # The figures of every task, whatever the status read.
        assert first.completion_by_unit() == tt.completion_by_unit(every)


def test_the_first_rows_are_those_of_the_full_read_on_demo_data(demo_db: Any) -> None:
    _add_the_rare_cases(demo_db)
    for shift in (-400, -30, 0, 3, 45):
        _same_as_the_full_read(demo_db, DEMO_TODAY + timedelta(days=shift))
    # The page's own day, read by the database's grouping (a past day, DEMO_TODAY among them
    # once the clock has passed it, is taken from the full read of its day).
    _same_as_the_full_read(demo_db, date.today())


def test_the_first_rows_are_those_of_the_full_read_on_postgres(pg_db: Any) -> None:
    from bdcq_desktop.core.demo import load_demo

    load_demo(pg_db, today=DEMO_TODAY)
    _add_the_rare_cases(pg_db)
    for shift in (-30, 0, 45):
        _same_as_the_full_read(pg_db, DEMO_TODAY + timedelta(days=shift))
    _same_as_the_full_read(pg_db, date.today())


def test_tasks_of_no_unit_at_all(demo_db: Any) -> None:
    """Every task given to a person of no unit: one place, the list's order by deadline."""
    with demo_db.session() as s:
        person = s.scalars(select(Person).order_by(Person.id).limit(1)).one()
        s.execute(update(Person).values(unit_id=None))
        s.execute(update(Task).values(assignee_unit_id=None, assignee_person_id=person.id))
    _same_as_the_full_read(demo_db, DEMO_TODAY)


def _unit_of_no_name(db: Database) -> None:
    """A unit of no name in charge of tasks given to people of two other units: its tasks are
    named after each person's unit, which the grouped figures cannot tell apart."""
    with db.session() as s:
        unit = s.scalars(select(Unit).order_by(Unit.id).limit(1)).one()
        unit.name = ""
        others = s.scalars(
            select(Person).where(Person.unit_id.is_not(None), Person.unit_id != unit.id)
        ).all()
        first = others[0]
        second = next(p for p in others if p.unit_id != first.unit_id)
        tasks = s.scalars(select(Task).order_by(Task.id).limit(2)).all()
        for task, person in zip(tasks, (first, second), strict=True):
            task.assignee_unit_id, task.assignee_person_id = unit.id, person.id


def test_a_place_the_figures_cannot_tell_leaves_the_full_read(demo_db: Any) -> None:
    _unit_of_no_name(demo_db)
    first = first_rows(demo_db, status_order=STATUS_ORDER, screen=SCREEN, head=HEAD)
    assert first is None


def _shown_page(
    qtbot: Any, db: Database, monkeypatch: pytest.MonkeyPatch
) -> tuple[QMainWindow, TaskTrackingPage]:
    """The page on screen, its first screen and width sample made small (the demo has 76
    tasks, fewer than one of each), the same for the table and the page."""
    monkeypatch.setattr(RowTableModel, "BATCH", PAGE_SCREEN)
    monkeypatch.setattr(column_fit, "SAMPLE", PAGE_HEAD)
    monkeypatch.setattr(page_module, "FIT_SAMPLE", PAGE_HEAD)
    window = QMainWindow()
    page = TaskTrackingPage(db)
    window.setCentralWidget(page)
    window.resize(1280, 760)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, page


def _screen(page: TaskTrackingPage) -> dict[str, Any]:
    """What the page shows before any scrolling: texts, widths, counts, figures."""
    tasks, units = page.tasks, page.units
    cols = tasks.model.columnCount()
    return {
        "tasks": [
            [tasks.proxy.index(r, c).data() for c in range(cols)]
            for r in range(min(40, tasks.proxy.rowCount()))
        ],
        "shown": tasks.proxy.rowCount(),
        "units": [
            [units.proxy.index(r, c).data() for c in range(units.model.columnCount())]
            for r in range(units.proxy.rowCount())
        ],
        "widths": [tasks.view.columnWidth(c) for c in range(cols)],
        "count": tasks.count_label.text(),
        "summary": page.summary.text(),
    }


def _read_everything(qtbot: Any, page: TaskTrackingPage) -> None:
    qtbot.waitUntil(lambda: page._first is None)
    assert page._tasks == tt.track_tasks(page.db)


def test_the_page_shows_its_first_screen_as_the_full_read_does(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_the_rare_cases(demo_db)
    _window, page = _shown_page(qtbot, demo_db, monkeypatch)
    page.reload()
    assert page._first is not None  # the first screen only
    assert len(page._tasks) < len(tt.track_tasks(demo_db))
    first = _screen(page)
    _read_everything(qtbot, page)  # right after the first paint
    assert _screen(page) == first
    page.reload_all_rows()
    assert _screen(page) == first
    # Each status: the figures and rows of that status (a status of no task among them).
    for index in range(1, page.status_combo.count()):
        page.status_combo.setCurrentIndex(index)
        page.reload()
        assert page._first is not None
        first = _screen(page)
        _read_everything(qtbot, page)
        assert _screen(page) == first, page.status_combo.currentData()
    # A status no task has (the one cancelled task open again): the summary still counts all.
    with demo_db.session() as s:
        s.execute(update(Task).values(status=TaskStatus.OPEN))
    page.status_combo.setCurrentIndex(page.status_combo.findData("cancelled"))
    page.reload()
    assert page._first is not None and page._first.count("cancelled") == 0
    first = _screen(page)
    _read_everything(qtbot, page)
    assert _screen(page) == first and "Đang hiện 0." in first["summary"]


def test_what_the_officer_changes_first_reads_every_task(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = _shown_page(qtbot, demo_db, monkeypatch)
    every = tt.track_tasks(demo_db)
    changes = [
        lambda: page.status_combo.setCurrentIndex(2),
        lambda: page.units.view.setCurrentIndex(page.units.proxy.index(1, 0)),
        lambda: page.tasks.view.sortByColumn(2, Qt.SortOrder.DescendingOrder),
    ]
    for change in changes:
        page.status_combo.setCurrentIndex(0)
        page.units.view.setCurrentIndex(page.units.proxy.index(0, 0))
        page.tasks.search.clear()
        page.tasks.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        page.reload()
        assert page._first is not None
        change()
        assert page._first is None and page._tasks == every
    # A search does not wait for them: read as the steps come, then searched.
    page.tasks.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    page.reload()
    page.tasks.search.setText("bao cao")
    assert page._first is not None
    qtbot.waitUntil(lambda: page._first is None and not page.tasks.model.searching())
    assert page._tasks == every
    # Sorted by another column, searched, or with a task made current: every task at once.
    page.reload()
    assert page._first is None


def test_a_unit_of_no_name_is_shown_from_the_full_read(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _unit_of_no_name(demo_db)
    _window, page = _shown_page(qtbot, demo_db, monkeypatch)
    page.reload()
    assert page._first is None
    assert page._tasks == tt.track_tasks(demo_db)
