"""The Đôn đốc page's tree model (bdcq_desktop/ui/tabs/chase_model.py) on a real SQLite file:
units with their overdue reports and tasks below, checked by Qt's own model tester; the
current row kept across a reload (the same item while it is overdue, else its unit); the
units a screen shows open at once and the others right after; Enter on a row opens the unit's
reminder; the column widths remembered."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import chase
from bdcq_desktop.core.models import Submission, Unit, UnitKind
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.tabs.chase_list import HEADER_KEY, ChaseListPage
from bdcq_desktop.ui.tabs.chase_model import ITEM_ROLE, UNIT_ROLE, ChaseTreeModel
from tests import report_fixtures as rf

TIMEOUT = 60_000


@pytest.fixture
def data(db: Any) -> rf.Ids:
    return rf.build(db, date.today())


def _page(qtbot: Any, db: Any) -> ChaseListPage:
    page = ChaseListPage(db)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    page.show()
    page.reload()
    return page


def _rows(model: ChaseTreeModel, parent: QModelIndex = QModelIndex()) -> list[QModelIndex]:  # noqa: B008
    return [model.index(i, 0, parent) for i in range(model.rowCount(parent))]


def test_units_with_their_overdue_items_below(qtbot: Any, db: Any, data: rf.Ids) -> None:
    model = ChaseTreeModel()
    # Qt's checks of every index, parent and row count, and again on each reset below.
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    units = chase.chase_list(db)
    model.set_units(units)
    tops = _rows(model)
    assert [t.data() for t in tops] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C]
    assert [t.data(UNIT_ROLE) for t in tops] == [data.units[k] for k in "ABC"]
    assert all(t.data(Qt.ItemDataRole.FontRole).bold() for t in tops)
    c = tops[2]
    assert [c.siblingAtColumn(i).data() for i in range(5)] == [
        rf.UNIT_C,
        "2 việc",
        "",
        "tối đa 28",
        "1 báo cáo, 1 nhiệm vụ",
    ]
    report, task = _rows(model, c)
    assert report.parent() == c and task.parent() == c
    assert model.rowCount(report) == 0 and not model.hasChildren(task)
    c_report, c_task = units[2].reports[0], units[2].tasks[0]
    assert [report.siblingAtColumn(i).data() for i in range(5)] == [
        rf.JAN_TITLE,
        "✗ Báo cáo",
        f"{c_report.due_date:%d/%m/%Y}",
        "28",
        c_report.period_label,
    ]
    assert [task.siblingAtColumn(i).data() for i in range(5)] == [
        rf.TASK_C_PERSON,
        "✗ Nhiệm vụ",
        f"{c_task.deadline:%d/%m/%Y}",
        "10",
        c_task.source,
    ]
    # A child belongs to its unit; the long text is in the tooltip; days align right.
    assert task.data(UNIT_ROLE) == data.units["C"]
    assert task.data(ITEM_ROLE) == ("task", data.tasks["c_person"])
    assert report.data(ITEM_ROLE) == ("report", c_report.submission_id)
    assert task.data(Qt.ItemDataRole.ToolTipRole) == rf.TASK_C_PERSON
    alignment = Qt.AlignmentFlag(task.siblingAtColumn(3).data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.headerData(0, Qt.Orientation.Horizontal) == ""
    model.set_units([])
    assert model.rowCount() == 0
    assert tester is not None


def test_current_row_kept_across_a_reload(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = _page(qtbot, db)
    model, tree = page.model, page.tree
    assert all(tree.isExpanded(t) for t in _rows(model))
    assert tree.currentIndex() == model.index(0, 0)  # the first unit to start with
    c = model.unit_index(data.units["C"])
    task = _rows(model, c)[1]
    tree.setCurrentIndex(task)
    page.reload()
    assert page.tree.currentIndex().data(ITEM_ROLE) == ("task", data.tasks["c_person"])
    assert page.unit_button.isEnabled()
    # Done now: no longer overdue, so its unit's row is current (not the first unit's).
    [row] = [t for t in track_tasks(db) if t.id == data.tasks["c_person"]]
    complete_task(db, row.id, date.today(), expected_version=row.version)
    page.reload()
    current = page.tree.currentIndex()
    assert current.data(ITEM_ROLE) == ("unit", data.units["C"])
    assert [i.data() for i in _rows(model, current)] == [rf.JAN_TITLE]
    assert page.selected_unit() == data.units["C"]


def _many_units(db: Any, data: rf.Ids, count: int) -> None:
    """``count`` more units after the fixture's, each missing the January report."""
    with db.session() as s:
        units = [
            Unit(name=f"UBND xã Thử nghiệm {n:03d}", kind=UnitKind.LOCALITY, sort_order=10 + n)
            for n in range(count)
        ]
        s.add_all(units)
        s.flush()
        s.add_all(Submission(round_id=data.rounds["jan"], unit_id=u.id) for u in units)


def _shown_units(page: ChaseListPage) -> list[QModelIndex]:
    """The units whose rows the view's viewport shows now."""
    tree = page.tree
    height = tree.viewport().height()
    rows = []
    index = tree.indexAt(tree.viewport().rect().topLeft())
    while index.isValid() and tree.visualRect(index).top() < height:
        if not index.parent().isValid():
            rows.append(index)
        index = tree.indexBelow(index)
    return rows


def test_units_off_the_first_screen_open_right_after_it(qtbot: Any, db: Any, data: rf.Ids) -> None:
    _many_units(db, data, 80)
    page = _page(qtbot, db)
    model, tree = page.model, page.tree
    QApplication.sendPostedEvents()  # the first screen painted, the timers not yet run
    assert model.rowCount() == 83
    shown = _shown_units(page)
    assert shown and all(tree.isExpanded(u) for u in shown)
    qtbot.waitUntil(lambda: all(tree.isExpanded(u) for u in _rows(model)))
    # The current row deep in the list: kept, in view, every unit above it open at once.
    last = model.index(model.rowCount() - 1, 0)
    tree.setCurrentIndex(_rows(model, last)[0])
    page.reload()
    QApplication.sendPostedEvents()
    current = tree.currentIndex()
    assert current.data(ITEM_ROLE) == _rows(model, last)[0].data(ITEM_ROLE)
    assert tree.viewport().rect().contains(tree.visualRect(current))
    assert all(tree.isExpanded(u) for u in _rows(model))
    # Back to the first unit: the units after the first screen open once it is shown.
    tree.setCurrentIndex(model.index(0, 0))
    page.reload()
    QApplication.sendPostedEvents()
    assert all(tree.isExpanded(u) for u in _shown_units(page))
    qtbot.waitUntil(lambda: all(tree.isExpanded(u) for u in _rows(model)))
    assert tree.currentIndex() == model.index(0, 0)


def test_enter_on_a_row_drafts_its_units_reminder(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = _page(qtbot, db)
    c = page.model.unit_index(data.units["C"])
    page.tree.setCurrentIndex(_rows(page.model, c)[0])
    page.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree)
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    [dialog] = page.findChildren(DocumentDialog)
    assert dialog.record_type == "unit" and dialog.record_id == data.units["C"]
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        pass
    dialog.close()


def test_column_widths_are_remembered(qtbot: Any, db: Any, data: rf.Ids) -> None:
    page = _page(qtbot, db)
    page.tree.header().resizeSection(1, 140)
    view_state.flush()
    again = _page(qtbot, db)
    assert again.tree.header().sectionSize(1) == 140
    assert again.tree.header().sectionSize(0) == page.tree.header().sectionSize(0)
    assert view_state.settings().value(f"views/{HEADER_KEY}/header") is not None
