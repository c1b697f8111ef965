"""What a list lets the officer select matches what its actions do: the record lists (whose
actions all work on one record) select one row; the lists with actions on several rows (a
meeting's invitees, a session's participants) keep Ctrl/Shift+click."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from bdcq_desktop.ui.list_tab import RecordTable
from bdcq_desktop.ui.main_window import MainWindow

Mode = QAbstractItemView.SelectionMode


def _click(view: QTableView, row: int, modifier: Qt.KeyboardModifier) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_record_lists_select_one_row_bulk_lists_several(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    QApplication.processEvents()
    tables = window.findChildren(RecordTable)
    assert len(tables) >= 10  # every tab's lists, the members' sub-views among them
    assert {t.key: t.view.selectionMode() for t in tables} == {
        t.key: Mode.SingleSelection for t in tables
    }
    bulk = {v.objectName(): v.selectionMode() for v in window.findChildren(QTableView)
            if v.objectName() in ("inviteeList", "participantList")}  # fmt: skip
    assert bulk == dict.fromkeys(("inviteeList", "participantList"), Mode.ExtendedSelection)

    # Four members Ctrl+clicked, then Shift+clicked: one stays selected, the one the
    # roster's actions ("Thôi làm thành viên…") act on.
    members = window.tab_at(0)
    view = members.committee
    members.views.setCurrentWidget(view)
    QApplication.processEvents()
    table = view.table.view
    _click(table, 2, Qt.KeyboardModifier.NoModifier)
    for row in (3, 5, 7):
        _click(table, row, Qt.KeyboardModifier.ControlModifier)
    assert len(table.selectionModel().selectedRows()) == 1
    _click(table, 9, Qt.KeyboardModifier.ShiftModifier)
    selected = table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [9]
    assert view.table.selected_rows() == [view.table.current_row()]
