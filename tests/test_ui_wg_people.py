"""The participants dialog of a working-group session on the demo file: anyone on record (a
committee member) is found by name without diacritics and ticked, and a name typed in that
someone on record bears is questioned, with the offer to take that person instead of making a
second one (audit of the sessions, item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from bdcq_desktop.core import session_detail
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.models import CommitteeMembership, GroupMembership, Person
from bdcq_desktop.core.text import fold
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

TIMEOUT = 60_000


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _committee_member(db: Any) -> tuple[int, str]:
    """A committee member today who was never on the working group."""
    with db.session() as s:
        in_group = set(s.scalars(select(GroupMembership.person_id)))
        for pid, name in s.execute(
            select(Person.id, Person.full_name)
            .join(CommitteeMembership, CommitteeMembership.person_id == Person.id)
            .where(CommitteeMembership.end_date.is_(None), Person.kind == "official")
            .order_by(Person.id)
        ):
            if pid not in in_group:
                return pid, name
    raise AssertionError("no committee member in the demo")


def _dialog(qtbot: Any, db: Any) -> tuple[int, ParticipantsDialog]:
    sid = wg.create_session(db, purpose="regulation", title="Xây dựng dự thảo Quy chế phối hợp",
                            starts_on="07/12/2026", ends_on="11/12/2026")  # fmt: skip
    dialog = ParticipantsDialog(db, sid)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 560)
    dialog.show()
    return sid, dialog


def _people(db: Any, name: str) -> list[int]:
    with db.session() as s:
        rows = s.execute(select(Person.id, Person.full_name)).all()
    return [pid for pid, full in rows if fold(full) == fold(name)]


def test_a_committee_member_is_found_and_ticked(qtbot: Any, demo_db: Any) -> None:
    pid, name = _committee_member(demo_db)
    sid, dialog = _dialog(qtbot, demo_db)
    page = dialog.others
    dialog.pages.setCurrentWidget(page)
    page.search.setFocus()
    qtbot.keyClicks(page.search, fold(name))  # typed without diacritics
    shown = [page.list.item(i) for i in range(page.list.count())]
    shown = [it for it in shown if not it.isHidden()]
    assert [it.text().split(" (")[0] for it in shown] == [name]
    page.list.setFocus()
    page.list.setCurrentItem(shown[0])
    qtbot.keyClick(page.list, Qt.Key.Key_Space)
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    d = session_detail.get_session(demo_db, sid)
    assert [(p.person_id, p.role_label) for p in d.participants] == [(pid, "Đại biểu mời")]
    assert d.summary.experts == 0


def test_a_namesake_typed_in_is_offered_as_the_person_on_record(
    qtbot: Any, demo_db: Any
) -> None:
    pid, name = _committee_member(demo_db)
    sid, dialog = _dialog(qtbot, demo_db)
    dialog.pages.setCurrentWidget(dialog.new_form)
    rows = dialog.new_rows()
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    cell = rows.cell(0, "full_name")
    cell.setFocus()
    cell.insert(name)
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(dialog.question, QMessageBox), timeout=TIMEOUT)
    box = dialog.question
    assert box.objectName() == "namesakeQuestion"
    assert name in box.text()
    use = next(b for b in box.buttons() if b.objectName() == "useExistingButton")
    assert box.defaultButton() is use
    use.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    d = session_detail.get_session(demo_db, sid)
    assert [p.person_id for p in d.participants] == [pid]
    assert _people(demo_db, name) == [pid]  # no second person


def test_the_new_experts_name_stays_in_view_while_the_agency_is_typed(
    qtbot: Any, demo_db: Any
) -> None:
    """At the dialog's 796 pixels (1366×768 at 125 %), the "Chuyên gia mới" rows show every
    column: typing the agency does not scroll the name out of view."""
    _sid, dialog = _dialog(qtbot, demo_db)
    dialog.resize(796, dialog.height())
    dialog.pages.setCurrentWidget(dialog.new_form)
    rows = dialog.new_rows()
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    rows.cell(0, "full_name").insert("Trần Thị Thu Hương")
    agency = rows.cell(0, "agency")
    rows.select_row(0, 2)
    qtbot.waitUntil(agency.hasFocus)
    agency.insert("Trường Đại học Vinh, Viện Kỹ thuật và Công nghệ")
    qtbot.wait(20)
    table = rows.table
    width = table.viewport().width()
    for col in range(table.columnCount()):  # every column whole in view, the name first
        left = table.columnViewportPosition(col)
        assert left >= 0 and left + table.columnWidth(col) <= width, (col, left, width)
    assert table.columnWidth(0) >= 130  # a name is read, not two letters of it
    assert not table.horizontalScrollBar().isVisible()
