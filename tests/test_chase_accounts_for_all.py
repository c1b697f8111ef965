"""Every overdue item is chased or visibly left out (bdcq_desktop/core/chase.py and its readers),
on a real copy of the demo: a task given to a person of no unit is chased under the person, on
the Đôn đốc page and in the all-units reminder; the items of units retired with no successor are
counted apart and named, so that the page's and the reminder's figures add up to the tasks
page's and the reports' (audit: 17 overdue tasks and 34 overdue reports there, 15 and 31 here).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import adhoc_tasks, chase, chase_window, reports
from bdcq_desktop.core.errors import NotReadyError
from bdcq_desktop.core.meeting_rules import CHAIR_ROLES, roles_on
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.documents import service
from bdcq_desktop.ui.tabs.chase_list import ChaseListPage
from bdcq_desktop.ui.tabs.chase_model import ITEM_ROLE, UNIT_ROLE
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text


def _one(db: Any, sql: str) -> tuple[Any, ...]:
    path = db.engine.url.database
    with sqlite3.connect(path) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None, sql
    return tuple(row)


def _chair(db: Any, day: date) -> int:
    """A Head or Deputy Head on the roster of ``day``: only they give tasks (Rule 7)."""
    with db.session() as s:
        return min(p for p, role in roles_on(s, day).items() if role in CHAIR_ROLES)


def _edge(db: Any) -> tuple[int, str, int, str, int]:
    """The audit's two tasks: one given to a person of no unit, one given to a unit retired with
    no successor, both overdue on the demo's day; returns (person's task, person's name,
    unit's task, unit's name, unit id)."""
    person_id, person = _one(db, "SELECT id, full_name FROM person WHERE unit_id IS NULL")
    unit_id, unit = _one(
        db,
        "SELECT id, name FROM unit WHERE active = 0 AND merged_into_id IS NULL "
        "AND retired_on IS NOT NULL ORDER BY sort_order, id",
    )
    (retired,) = _one(db, f"SELECT retired_on FROM unit WHERE id = {unit_id}")
    retired_on = date.fromisoformat(retired)
    person_task = adhoc_tasks.create_task(
        db,
        today=DEMO_TODAY,
        content="Kiểm thử: giao cá nhân không thuộc đơn vị",
        assignee_person_id=person_id,
        assigned_by_id=_chair(db, DEMO_TODAY - timedelta(days=90)),
        assigned_on=DEMO_TODAY - timedelta(days=90),
        deadline=DEMO_TODAY - timedelta(days=60),
    )
    unit_task = adhoc_tasks.create_task(
        db,
        today=retired_on - timedelta(days=61),
        content="Kiểm thử: đơn vị đã thôi hoạt động",
        assignee_unit_id=unit_id,
        assigned_by_id=_chair(db, retired_on - timedelta(days=61)),
        assigned_on=retired_on - timedelta(days=61),
        deadline=retired_on - timedelta(days=30),
    )
    return person_task, person, unit_task, unit, unit_id


def _overdue_reports(db: Any, day: date) -> int:
    """Overdue submissions as the reports tab and the overview count them."""
    path = db.engine.url.database
    with sqlite3.connect(path) as conn:
        rounds = [r for (r,) in conn.execute("SELECT id FROM reporting_round")]
    return sum(
        str(s.status) == "overdue"
        for r in rounds
        for s in reports.list_submissions(db, r, today=day)
    )


def test_every_overdue_item_is_chased_or_left_out_by_name(demo_db: Any) -> None:
    person_task, person, unit_task, unit, unit_id = _edge(demo_db)
    overview = chase.chase_overview(demo_db, today=DEMO_TODAY)
    # The person of no unit: chased under the person, after the units.
    last = overview.units[-1]
    assert last.unit_id is None and last.unit == f"Đồng chí {person}"
    assert [t.task_id for t in last.tasks] == [person_task] and not last.reports
    assert all(u.unit_id is not None for u in overview.units[:-1])
    # The retired unit's task: not chased, counted apart with the unit named.
    chased = {t.task_id for u in overview.units for t in u.tasks}
    assert unit_task not in chased
    left = {u.unit: u for u in overview.left_out}
    assert left[unit].tasks == 1 and left[unit].unit_id == unit_id
    # The figures add up to the tasks page's and the reports'.
    tab = {r.id for r in track_tasks(demo_db, status="overdue", today=DEMO_TODAY)}
    assert person_task in tab and unit_task in tab
    assert len(chased) + overview.tasks_left_out == len(tab)
    chased_reports = sum(len(u.reports) for u in overview.units)
    # The demo excuses (miễn nộp) the reports its dissolved districts left unsent, as an office
    # does (core/demo/activity.waiver): what is left out is the task given here.
    assert overview.reports_left_out == 0
    assert chased_reports + overview.reports_left_out == _overdue_reports(demo_db, DEMO_TODAY)
    text = chase.left_out_text(overview)
    assert text.startswith(
        f"{_counts(overview)} quá hạn của "
        f"{_units(overview)} đã thôi hoạt động, chưa có đơn vị tiếp nhận ("
    )
    assert all(u.unit in text for u in overview.left_out)
    # One unit's list holds neither; a retired unit cannot be sent a reminder, and says why.
    first = overview.units[0]
    assert chase.chase_list(demo_db, unit_id=first.unit_id, today=DEMO_TODAY) == [first]
    with pytest.raises(NotReadyError, match="đã thôi hoạt động, chưa có đơn vị tiếp nhận"):
        chase.chase_list(demo_db, unit_id=unit_id, today=DEMO_TODAY)


def _counts(overview: chase.ChaseOverview) -> str:
    """How the left-out text counts: "2 báo cáo và 1 nhiệm vụ", with no "0 báo cáo"."""
    tasks = f"{overview.tasks_left_out} nhiệm vụ"
    if not overview.reports_left_out:
        return tasks
    return f"{overview.reports_left_out} báo cáo và {tasks}"


def _units(overview: chase.ChaseOverview) -> str:
    """How the left-out text names the retired units: "đơn vị", or "các đơn vị" for several."""
    return "các đơn vị" if len(overview.left_out) > 1 else "đơn vị"


def test_the_all_units_reminder_chases_the_person_and_says_what_it_leaves_out(
    demo_db: Any,
) -> None:
    _person_task, person, _unit_task, unit, _unit_id = _edge(demo_db)
    chase_window.set_window(demo_db, "all")  # every overdue item, the retired unit's too
    overview = chase.chase_overview(demo_db, today=DEMO_TODAY)
    units = len(overview.units) - 1
    reports_ = sum(len(u.reports) for u in overview.units)
    tasks = sum(len(u.tasks) for u in overview.units)
    text = flat_text(service.draft(demo_db, "reminder", None, today=DEMO_TODAY))
    assert (
        f"{units} cơ quan, đơn vị và 1 cá nhân còn {reports_} báo cáo chưa gửi và {tasks} "
        "nhiệm vụ chưa hoàn thành đã quá hạn"
    ) in text
    assert f"{len(overview.units)}. Đồng chí {person} (1 nhiệm vụ chưa hoàn thành)" in text
    assert (
        f"Ngoài ra, còn {_counts(overview)} "
        f"quá hạn của {_units(overview)} đã thôi hoạt động, chưa có đơn vị tiếp nhận ("
    ) in text
    [left] = [u for u in overview.left_out if u.unit == unit]
    assert (f"{unit}: {left.reports} báo cáo và " if left.reports else f"{unit}: ") + (
        "1 nhiệm vụ"
    ) in text
    assert "đề nghị các cơ quan, đơn vị, cá nhân nêu trên" in text
    assert "Các cơ quan, đơn vị, cá nhân có tên trên" in text


def test_the_chase_page_lists_the_person_and_says_what_it_leaves_out(
    qtbot: Any, demo_db: Any
) -> None:
    _person_task, person, _unit_task, unit, _unit_id = _edge(demo_db)
    chase_window.set_window(demo_db, "all")  # every overdue item, the retired unit's too
    page = ChaseListPage(demo_db)
    qtbot.addWidget(page)
    page.reload()
    overview = chase.chase_overview(demo_db)  # the page's day: today
    model = page.model
    last = model.index(model.rowCount() - 1, 0)
    assert last.data() == f"Đồng chí {person}"
    assert last.data(UNIT_ROLE) is None and last.data(ITEM_ROLE)[0] == "person"
    page.tree.setCurrentIndex(last)
    assert not page.unit_button.isEnabled() and page.all_button.isEnabled()
    summary = page.summary.text()
    units = len(overview.units) - 1
    assert summary.startswith(
        f"{units} cơ quan, đơn vị và 1 cá nhân không thuộc đơn vị nào cần đôn đốc: "
    )
    assert (
        f"Không đôn đốc {_counts(overview)} "
        f"quá hạn của {_units(overview)} đã thôi hoạt động, chưa có đơn vị tiếp nhận ("
    ) in summary
    assert unit in summary and "“Chuyển nhiệm vụ…”, Ctrl+T" in summary  # what can be done
    # Told only of reports left out; the demo's were excused (miễn nộp) already.
    assert ("“Miễn nộp…”, Ctrl+M" in summary) == bool(overview.reports_left_out)
