"""The working-group tab on a real demo SQLite file, driven from the keyboard: a new session
(the convener and date rules refused on their fields), an expert added on the spot, attendance
per day, an output with a file (hostile names, an oversize file), status changes, the figures
shown. Dialogs open without blocking and are found through ``view.last_dialog``."""

from __future__ import annotations

import subprocess
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bdcq_desktop.core import members, session_detail, session_summary
from bdcq_desktop.core.stored_files import MAX_BYTES, file_bytes
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.sessions_tab import SessionsView, WorkingSessionsTab

TIMEOUT = 60_000


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def tab(qtbot: Any, demo_db: Any) -> WorkingSessionsTab:
    tab = WorkingSessionsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    # The record pane is filled once the rows are painted (the next turn of the event loop).
    qtbot.waitUntil(lambda: not tab.view.current_pending())
    return tab


@pytest.fixture
def view(tab: WorkingSessionsTab) -> SessionsView:
    return tab.view


def _dialog(view: SessionsView, name: str) -> Any:
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == name, dialog
    assert dialog.isVisible()
    return dialog


def _type(qtbot: Any, widget: Any, text: str) -> None:
    """Type into a line edit that has the focus (Vietnamese through insert(), as an input
    method does: QTest cannot synthesise keys outside Latin-1)."""
    widget.setFocus()
    widget.selectAll()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def _save(qtbot: Any, dialog: Any) -> None:
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)


def _new_session(
    qtbot: Any,
    view: SessionsView,
    convener: int | None = None,
    dates: tuple[str, str] = ("07/12/2026", "09/12/2026"),
) -> Any:
    view.table.view.setFocus()
    qtbot.keyClick(view.table.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(view, "newSessionDialog")
    _type(qtbot, dialog.form.editor("title"), "Xây dựng dự thảo Đề án dữ liệu số tỉnh")
    _type(qtbot, dialog.form.editor("starts_on").edit, dates[0])
    dialog.form.editor("starts_on").edit.editingFinished.emit()
    _type(qtbot, dialog.form.editor("ends_on").edit, dates[1])
    if convener is not None:
        combo = dialog.form.editor("convened_by_id")
        combo.add_item(convener, "someone")
        combo.set_value(convener)
    return dialog


def test_new_session_convener_and_dates_refused_on_their_fields(qtbot: Any, view) -> None:
    before = len(view.table.visible_rows())
    expert = members.list_experts(view.db)[0]
    dialog = _new_session(qtbot, view, convener=expert.id)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    error = dialog.form.error_label("convened_by_id")
    assert error.isVisible() and "không phải Tổ trưởng" in error.text()
    # Rule 8: only the Tổ trưởng of the first day is offered (the expert was put in above).
    combo = dialog.form.editor("convened_by_id")
    dialog.form.editor("starts_on").edit.editingFinished.emit()
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert [t for t in offered if t.startswith("Hoàng Quang Tuấn")] == [
        "Hoàng Quang Tuấn — Tổ trưởng"
    ]
    assert not any("Tổ phó" in t or "Thành viên" in t for t in offered), offered
    assert dialog.form.editor("title").text() == "Xây dựng dự thảo Đề án dữ liệu số tỉnh"
    # Back to the leader; the last day before the first is refused under "Đến ngày".
    dialog.form.editor("convened_by_id").set_value(None)
    _type(qtbot, dialog.form.editor("ends_on").edit, "01/12/2026")
    _save(qtbot, dialog)
    assert dialog.form.error_label("ends_on").isVisible()
    assert len(view.table.visible_rows()) == before  # nothing written
    _type(qtbot, dialog.form.editor("ends_on").edit, "09/12/2026")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    row = view.table.current_row()
    assert row.title == "Xây dựng dự thảo Đề án dữ liệu số tỉnh"
    d = session_detail.get_session(view.db, row.id)
    assert d.convened_by.startswith("Hoàng Quang Tuấn")  # the Tổ trưởng of the demo
    assert d.place == session_detail.default_place_text(view.db)
    assert d.title in view.pane.heading.text()


def test_expert_on_the_spot_attendance_per_day_output_and_status(
    qtbot: Any, view, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Days that have come (Mon 16 – Wed 18/11/2026): only those are ticked in the grid.
    dialog = _new_session(qtbot, view, dates=("16/11/2026", "18/11/2026"))
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    sid = view.table.current_row().id

    # Participants (Ctrl+Shift+P): two members ticked with Space, an expert typed in.
    view.table.view.setFocus()
    qtbot.keyClick(
        view.table.view,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    people = _dialog(view, "participantsDialog")
    lst = people.members.list
    lst.setFocus()
    for row in (0, 1):
        lst.setCurrentRow(row)
        qtbot.keyClick(lst, Qt.Key.Key_Space)
    assert len(people.members.checked()) == 2
    people.pages.setCurrentWidget(people.new_form)
    rows = people.new_rows()
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, rows.cell(0, "full_name"), "Lê Văn Minh")
    _type(qtbot, rows.cell(0, "position"), "PGS.TS, Giảng viên")
    _type(qtbot, rows.cell(0, "agency"), "Trường Đại học Vinh")
    _save(qtbot, people)
    qtbot.waitUntil(lambda: not people.isVisible(), timeout=TIMEOUT)
    d = session_detail.get_session(view.db, sid)
    assert [p.kind for p in d.participants] == ["member", "member", "expert"]
    assert d.participants[-1].agency == "Trường Đại học Vinh"
    assert "Lê Văn Minh" in [p.full_name for p in members.list_experts(view.db)]
    shown = view.pane.section("participants").model
    assert shown.rowCount() == 3

    # Attendance per day (Ctrl+Shift+D): Space ticks the current day of the current person.
    qtbot.keyClick(
        view.table.view,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    grid_dialog = _dialog(view, "attendanceDialog")
    grid = grid_dialog.grid
    grid.setFocus()
    for row, col in ((0, 1), (0, 2), (0, 3), (1, 1), (2, 2)):
        grid.setCurrentCell(row, col)
        qtbot.keyClick(grid, Qt.Key.Key_Space)
    _save(qtbot, grid_dialog)
    qtbot.waitUntil(lambda: not grid_dialog.isVisible(), timeout=TIMEOUT)
    d = session_detail.get_session(view.db, sid)
    assert [p.days_present for p in d.participants] == [3, 1, 1]
    assert d.participants[2].days == (date(2026, 11, 17),)
    assert d.summary.person_days == 5
    assert "5 ngày công có mặt" in view.pane.section("participants").counts.text()

    # An output with a file whose name is hostile, picked through the file dialog.
    hostile = tmp_path / "sub" / "CON.docx"
    hostile.parent.mkdir()
    hostile.write_bytes(b"PK draft")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(hostile), ""))
    qtbot.keyClick(
        view.table.view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    out = _dialog(view, "outputDialog")
    _type(qtbot, out.form.editor("title"), "Dự thảo Đề án dữ liệu số")
    out.file_button.setFocus()
    qtbot.keyClick(out.file_button, Qt.Key.Key_Space)
    assert "_CON.docx" in out.file_label.text()
    _save(qtbot, out)
    qtbot.waitUntil(lambda: not out.isVisible(), timeout=TIMEOUT)
    o = session_detail.get_session(view.db, sid).outputs[0]
    assert (o.file_name, o.status) == ("_CON.docx", "drafting")
    assert file_bytes(view.db, o.file_id)[1] == b"PK draft"
    section = view.pane.section("outputs")
    assert section.current_output().id == o.id
    assert view.open_file_action.isEnabled() and view.save_file_action.isEnabled()
    assert view.save_file_to(str(tmp_path / "copy.docx"))
    assert (tmp_path / "copy.docx").read_bytes() == b"PK draft"
    assert not view.save_file_to(str(tmp_path / "demo.sqlite3"))  # the database: refused
    view.last_dialog.close()

    # Status: drafting → submitted (at a meeting) → approved; then nothing more to do.
    view.output_status_action.trigger()
    status = _dialog(view, "outputStatusDialog")
    combo = status.form.editor("status")
    combo.setCurrentIndex(combo.findData("submitted"))
    _save(qtbot, status)
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=TIMEOUT)
    assert section.current_output().status == "submitted"
    view.output_status_action.trigger()
    status = _dialog(view, "outputStatusDialog")
    combo = status.form.editor("status")
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "approved",
        "drafting",
        "withdrawn",
    ]
    combo.setCurrentIndex(combo.findData("approved"))
    _save(qtbot, status)
    qtbot.waitUntil(lambda: not status.isVisible(), timeout=TIMEOUT)
    assert section.current_output().status == "approved"
    assert not view.output_status_action.isEnabled()
    # The line sums the year chosen, else the clock's: the session's own year, chosen, counts
    # the output just approved whatever the date.
    view.year_filter.setCurrentIndex(view.year_filter.findData(2026))
    wanted = session_summary.year_summary_text(session_summary.year_summary(view.db, 2026))
    assert "1 đã phê duyệt" in wanted
    qtbot.waitUntil(lambda: view.year_line.text() == wanted, timeout=TIMEOUT)


def test_an_oversize_file_is_refused_before_anything_is_stored(
    qtbot: Any, view, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / ("a" * 200 + ".pdf")
    subprocess.run(["truncate", "-s", str(MAX_BYTES + 1), str(big)], check=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(big), ""))
    row = view.table.current_row()
    before = session_detail.get_session(view.db, row.id).outputs
    view.add_output_action.trigger()
    out = _dialog(view, "outputDialog")
    out.choose_file()
    assert out.upload is None
    boxes = [b for b in out.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "50 MB" in boxes[-1].text()
    boxes[-1].close()
    out.form.editor("title").setText("Bản quá lớn")
    _save(qtbot, out)  # saved without a file: the refused one never reached the database
    qtbot.waitUntil(lambda: not out.isVisible(), timeout=TIMEOUT)
    after = session_detail.get_session(view.db, row.id).outputs
    assert len(after) == len(before) + 1 and after[-1].file_id is None


def test_the_pane_says_in_red_when_the_convener_no_longer_holds_the_role(
    qtbot: Any, view
) -> None:
    """A session ahead whose convener rule 8 refuses on its first day (a roster change saved
    after it): its heading says why in red, as the meetings' pane does for a meeting's
    roles; a session convened rightly shows no such line."""
    from bdcq_desktop.core.models import WorkingSession

    expert = members.list_experts(view.db)[0]
    first = date(date.today().year + 1, 3, 1)
    with view.db.session() as s:
        w = WorkingSession(
            purpose="proposal",
            title="Phiên do chuyên gia triệu tập",
            starts_on=first,
            ends_on=first,
            convened_by_id=expert.id,
        )
        s.add(w)
        s.flush()
        sid = w.id
    rightful = view.table.current_row().id
    assert view.select_session(sid)
    qtbot.waitUntil(lambda: not view.current_pending())
    heading = view.pane.heading.text()
    assert "Phiên do chuyên gia triệu tập" in heading
    why = session_detail.get_session(view.db, sid).convener_warning
    assert why and f"{expert.full_name} không phải Tổ trưởng" in why, why
    assert f"color:#b71c1c; font-weight:bold'>{escape(why)}</span>" in heading, heading
    assert view.select_session(rightful)
    qtbot.waitUntil(lambda: not view.current_pending())
    assert "b71c1c" not in view.pane.heading.text()


def test_days_present_are_out_of_the_working_days_as_in_the_report(qtbot: Any, view) -> None:
    """A session over a weekend (Wed 09/12 – Mon 14/12/2026: 4 working days of 6): someone
    present every working day reads 4/4 in the pane, as the session's report prints it, not
    4/6 as if two days were missed."""
    from bdcq_desktop.core import session_people, working_group

    db = view.db
    sid = working_group.create_session(
        db,
        purpose="proposal",
        title="Phiên qua cuối tuần",
        starts_on=date(2026, 12, 9),
        ends_on=date(2026, 12, 14),
    )
    leader = session_detail.conveners_on(db, date(2026, 12, 9))[1]
    session_people.add_participants(db, sid, person_ids=[leader], expected_version=None)
    d = session_detail.get_session(db, sid)
    assert len(d.working_days) == 4 and len(d.days) == 6
    worked = tuple(d.working_days)
    session_people.set_attendance(
        db,
        sid,
        [session_people.Attendance(d.participants[0].id, worked)],
        expected_version=None,
        today=date(2026, 12, 31),  # marked once the session is over
    )
    view.reload()
    qtbot.waitUntil(lambda: view.select_session(sid), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.pane.section("participants").model.rowCount() == 1)
    model = view.pane.section("participants").model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "4/4" in shown, shown


def test_the_participants_note_is_seen_without_scrolling_at_1366(qtbot: Any, view) -> None:
    """At 1366 pixels the pane's participant table shows every column, "Ghi chú" (why someone
    was absent) among them, without a sideways scroll."""
    view.pane.show_section(1)
    table = view.pane.section("participants").view
    qtbot.waitUntil(lambda: table.isVisible())
    header = table.horizontalHeader()
    columns = table.model().columnCount()
    last = header.sectionPosition(columns - 1)
    assert last + 60 <= table.viewport().width(), (last, table.viewport().width())
    assert not table.horizontalScrollBar().isVisible()


def test_the_outputs_file_and_meeting_are_seen_without_scrolling_at_1366(
    qtbot: Any, view
) -> None:
    """At 1366 pixels the pane's Sản phẩm table shows every column, "Tệp" and "Trình tại cuộc
    họp" among them, without a sideways scroll."""
    view.pane.show_section(2)
    table = view.pane.section("outputs").view
    qtbot.waitUntil(lambda: table.isVisible())
    header = table.horizontalHeader()
    columns = table.model().columnCount()
    assert table.model().headerData(columns - 1, Qt.Orientation.Horizontal) == "Trình tại cuộc họp"
    last = header.sectionPosition(columns - 1)
    # The last column's header is read whole ("Trình tại cuộc họp"), not only its start.
    assert last + header.sectionSizeFromContents(columns - 1).width() <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()


def test_the_participants_names_and_notes_are_read_whole_at_1366(qtbot: Any, view) -> None:
    """At 1366 pixels the Thành phần table shows each note ("Dự hội nghị trực tuyến", "Tham
    gia đoàn kiểm tra": why someone was absent) and each name whole, not cut to "Dự hội nghị
    trực t…" in a 100-pixel column; the unit gives way (whole on hover), nothing scrolls
    sideways, and the list keeps its dates whole. Each session of the demo is looked at."""
    view.pane.show_section(1)
    section = view.pane.section("participants")
    table = section.view
    qtbot.waitUntil(lambda: table.isVisible())
    metrics = table.fontMetrics()
    noted = 0
    for row in range(view.table.model.rowCount()):
        view.table.view.selectRow(row)
        qtbot.waitUntil(lambda: not view.current_pending())
        qtbot.wait(20)  # the widths follow the rows on the next turn of the event loop
        header = table.horizontalHeader()
        model = section.model
        for r in range(model.rowCount()):
            for col in (0, 4):  # Họ và tên, Ghi chú
                text = model.data(model.index(r, col)) or ""
                width = metrics.horizontalAdvance(text) + 8  # the cell's margins
                assert width <= header.sectionSize(col), (text, header.sectionSize(col))
                noted += col == 4 and bool(text)
        assert not table.horizontalScrollBar().isVisible()
    assert noted >= 10  # the demo's sessions have notes to read
    # The list beside it, narrower for it, still shows each session's dates whole.
    dates = view.table.view.horizontalHeader().sectionSize(0)
    for row in range(view.table.model.rowCount()):
        text = view.table.model.data(view.table.model.index(row, 0))
        assert metrics.horizontalAdvance(text) + 8 <= dates, (text, dates)
