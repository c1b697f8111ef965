"""Dialogs from the keyboard alone and on a small screen (keyboard audit, items 1–4 and 6):
Tab leaves every dialog's table, a form opens with the cursor in its first field, Enter in
the backups window closes it, and a dialog never reaches past the screen's free area."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from sqlalchemy import func, select

from bdcq_desktop.core import meetings, roster_io, units
from bdcq_desktop.core.backup import backup_before
from bdcq_desktop.core.models import Meeting, MeetingStatus, SessionParticipant
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialog_base import fit_on_screen
from bdcq_desktop.ui.dialogs.agenda_model import AgendaModel
from bdcq_desktop.ui.record_dialog import RecordDialog

from .form_dialogs import FORMS, PARENT, shown

# A 1366×768 screen at 125 %, less the task bar: what a Windows laptop leaves a window.
SMALL = QRect(0, 0, 1093, 582)
# The same screen at 150 % (910×512 logical pixels) less a 32-pixel task bar.
SMALLER = QRect(0, 0, 910, 480)
# A Windows title bar and borders at 150 %: the offscreen test screen draws thinner frames,
# so a dialog's own minimum is checked against the room a real frame leaves.
WINDOWS_FRAME = (16, 40)  # left + right, top + bottom


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()



def _meeting(db: Any, status: MeetingStatus) -> int:
    with db.session() as s:
        return s.scalars(select(Meeting.id).where(Meeting.status == status)).first()


def _session_with_people(db: Any) -> int:
    with db.session() as s:
        return s.scalars(
            select(SessionParticipant.session_id)
            .group_by(SessionParticipant.session_id)
            .order_by(func.count().desc())
        ).first()


# -- the dialogs with a table, and the view in each --------------------------------------------
def _backups(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.backups_dialog import BackupsDialog

    backup_before(db, "manual")
    backup_before(db, "auto")
    dialog = BackupsDialog(db)
    return dialog, dialog.table


def _settings(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(db)
    dialog.tabs.setCurrentWidget(dialog.kinds)
    return dialog, dialog.kinds.view


def _conclusion(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.conclusion_dialog import ConclusionDialog

    detail = meetings.get_meeting(db, _meeting(db, MeetingStatus.HELD))
    dialog = ConclusionDialog(db, detail, None)
    rows = dialog.findChild(QWidget, "rows_tasks").parentWidget()
    rows.add_row()
    rows.add_row()
    return dialog, rows.table


def _attendance(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.session_dialogs import AttendanceDialog

    dialog = AttendanceDialog(db, _session_with_people(db))
    return dialog, dialog.grid


def _agenda(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog

    dialog = AgendaDialog(db, _meeting(db, MeetingStatus.PLANNED))
    return dialog, dialog.view


def _import(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog

    path = tmp_path / "danh-sach.csv"
    path.write_text(
        "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò\n"
        "Lê Văn Hai,Nam,Giám đốc,Sở Y tế,Thành viên\n"
        "Võ Văn Ba,Nam,Phó Giám đốc,Sở Tư pháp,Thành viên\n",
        encoding="utf-8",
    )
    dialog = ImportPreviewDialog(db, roster_io.preview_import(db, path), str(path))
    return dialog, dialog.view


def _change_log(qtbot: Any, db: Any, tmp_path: Path) -> tuple[QWidget, QAbstractItemView]:
    from bdcq_desktop.ui.dialogs.change_log_dialog import ChangeLogDialog

    unit = units.create_unit(db, name="Sở Thử nghiệm")
    units.update_unit(db, unit, expected_version=1, short_name="STN")
    dialog = ChangeLogDialog(db, "unit", unit)
    assert len(dialog.lines()) >= 2
    return dialog, dialog.view


TABLE_DIALOGS: dict[str, Callable[..., tuple[QWidget, QAbstractItemView]]] = {
    "backups": _backups,
    "settings-kinds": _settings,
    "conclusion-tasks": _conclusion,
    "attendance": _attendance,
    "agenda": _agenda,
    "import": _import,
    "change-log": _change_log,
}


def _focus(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _last_focusable(widget: QWidget) -> QWidget:
    """The last control Tab stops at in a cell's editor (a date field's calendar button)."""
    inner = [
        w
        for w in widget.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(widget)
    ]
    return inner[-1] if inner else widget


def _inside(view: QAbstractItemView) -> bool:
    focus = QApplication.focusWidget()
    return focus is view or (focus is not None and view.isAncestorOf(focus))


@pytest.mark.parametrize("make", TABLE_DIALOGS.values(), ids=TABLE_DIALOGS.keys())
def test_tab_leaves_the_table_of_every_dialog(
    qtbot: Any, demo_db: Any, tmp_path: Path, make: Callable[..., Any]
) -> None:
    dialog, view = make(qtbot, demo_db, tmp_path)
    shown(qtbot, dialog)
    # Where Tab starts: the table itself, or the last cell of a grid of editors.
    model = view.model()
    cells = [
        view.indexWidget(model.index(r, c))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    cells = [_last_focusable(w) for w in cells if w is not None]
    start = cells[-1] if cells else view
    _focus(qtbot, start)
    qtbot.keyClick(start, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not None and not _inside(view), "Tab stayed in it"
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not None and not _inside(view), "Shift+Tab stayed"
    dialog.reject()


def test_the_agenda_grid_is_still_edited_from_the_keyboard(qtbot: Any, demo_db: Any) -> None:
    dialog, view = _agenda(qtbot, demo_db, Path())
    shown(qtbot, dialog)
    model = view.model()
    _focus(qtbot, view)
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the arrows move between the rows
    assert view.currentIndex().row() == 1
    column = AgendaModel.TITLE
    view.setCurrentIndex(model.index(1, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)  # F2 opens the cell's editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Zz muc thu nghiem")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter keeps the text in the cell
    qtbot.waitUntil(lambda: model.index(1, column).data() == "Zz muc thu nghiem")  # queued
    assert dialog.isVisible()  # not saved and closed by that Enter
    dialog.reject()


def test_the_conclusion_task_cells_are_typed_in_from_the_keyboard(
    qtbot: Any, demo_db: Any
) -> None:
    dialog, view = _conclusion(qtbot, demo_db, Path())
    shown(qtbot, dialog)
    rows = view.parentWidget()
    # Tab goes from the table into its cells, in reading order, then out to its buttons.
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    first = rows.cell(0, "content")
    assert QApplication.focusWidget() is first
    last = rows.cell(rows.row_count() - 1, rows.columns[-1].key)
    _focus(qtbot, _last_focusable(last))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rows.add_button
    _focus(qtbot, first)
    qtbot.keyClicks(first, "Hoan thien du thao")
    assert "Hoan thien du thao" in rows.value()[0]["content"]
    dialog.reject()


# -- the first field has the cursor (item 4) -----------------------------------------------------
def _form_dialog(db: Any, name: str) -> RecordDialog:
    from bdcq_desktop.ui.dialogs.member_dialogs import new_member_dialog
    from bdcq_desktop.ui.dialogs.round_dialogs import RegimeDialog
    from bdcq_desktop.ui.dialogs.session_dialogs import new_session_dialog
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    make: dict[str, Callable[[], RecordDialog]] = {
        "unit": lambda: unit_dialog(db),
        "member": lambda: new_member_dialog(db, "committee"),
        "regime": lambda: RegimeDialog(db, None),
        "session": lambda: new_session_dialog(db),
    }
    return make[name]()


@pytest.mark.parametrize("name", ["unit", "member", "regime", "session"])
def test_a_form_opens_with_the_cursor_in_its_first_field(
    qtbot: Any, demo_db: Any, name: str
) -> None:
    dialog = _form_dialog(demo_db, name)
    shown(qtbot, dialog)
    focus = QApplication.focusWidget()
    assert focus is not None and not isinstance(focus, QAbstractButton), focus
    first = next(iter(dialog.form.fields.values())).editor
    assert focus is first or first.isAncestorOf(focus) or first.focusProxy() is focus
    dialog.reject()


def test_the_first_field_of_a_dialog_opening_on_a_date_is_its_line(
    qtbot: Any, demo_db: Any
) -> None:
    """A date field is a holder (the line and the calendar's button) passing the focus to its
    line: the first field is the line, where the typing goes, not the holder."""
    from bdcq_desktop.core import members
    from bdcq_desktop.ui.dialogs.member_dialogs import end_membership_dialog
    from bdcq_desktop.ui.forms import DATE, FieldSpec

    made = RecordDialog("Thử", [FieldSpec("d", "D", DATE), FieldSpec("a", "A")], lambda _v: 1)
    row = next(r for r in members.list_committee(demo_db) if r.active)
    ending = end_membership_dialog(demo_db, row, "committee")
    for dialog, key in ((made, "d"), (ending, "end_date")):
        shown(qtbot, dialog)
        line = dialog.form.editor(key).edit
        assert dialog.first_field() is line, dialog.first_field()
        assert QApplication.focusWidget() is line
        dialog.reject()


def test_a_dialog_without_fields_opens_in_its_table(qtbot: Any, demo_db: Any) -> None:
    dialog, view = _agenda(qtbot, demo_db, Path())
    shown(qtbot, dialog)
    assert QApplication.focusWidget() is view  # the arrows and F2 work at once, not on Lưu
    dialog.reject()


def test_the_reload_button_is_reached_by_tab_when_it_isshown(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.dialogs.unit_dialogs import unit_dialog

    dialog = shown(qtbot, unit_dialog(demo_db))
    assert not dialog.reload_button.focusPolicy() & Qt.FocusPolicy.TabFocus  # hidden: skipped
    dialog.show_banner("Bản ghi vừa được người khác sửa.", can_reload=True)
    first = QApplication.focusWidget()
    qtbot.keyClick(first, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.reload_button
    dialog.clear_errors()
    dialog.show_banner("Không lưu được.")
    assert not dialog.reload_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    dialog.reject()


# -- Enter in the backups window (item 6) ------------------------------------------------------
def test_enter_in_the_backups_window_closes_it_and_opens_no_folder(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog, _view = _backups(qtbot, demo_db, Path())
    shown(qtbot, dialog)
    assert dialog.close_button.isDefault()
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert not dialog.isVisible() and opened == []


# -- the screen (items 1 and 2) ----------------------------------------------------------------
def _buttons_inside(dialog: QWidget) -> None:
    for button in dialog.findChildren(QAbstractButton):
        if not button.isVisibleTo(dialog) or button.window() is not dialog:
            continue
        if any(v.isAncestorOf(button) for v in dialog.findChildren(QAbstractItemView)):
            continue  # a cell's button: the table scrolls to it
        corner = button.mapTo(dialog, QPoint(button.width() - 1, button.height() - 1))
        assert dialog.rect().contains(corner), button.text()


def test_a_dialog_that_grows_on_opening_stays_on_the_screen(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.dialogs.round_dialogs import RegimeDialog

    dialog = shown(qtbot, RegimeDialog(demo_db, None))
    free = dialog.screen().availableGeometry()
    qtbot.wait(50)
    assert free.contains(dialog.frameGeometry()), (dialog.frameGeometry(), free)
    _buttons_inside(dialog)
    # A message that appears grows it again: still within the screen.
    dialog.show_banner("Chưa lưu được: " + "một lý do dài " * 60)
    qtbot.wait(50)
    assert free.contains(dialog.frameGeometry())
    _buttons_inside(dialog)
    dialog.reject()


def _reorganise(db: Any) -> QWidget:
    from bdcq_desktop.ui.dialogs.reorganise_dialog import ReorganiseDialog

    return ReorganiseDialog(db, "committee")


def _conclusion_wide(db: Any) -> QWidget:
    return _conclusion(None, db, Path())[0]


def _settings_tall(db: Any) -> QWidget:
    return _settings(None, db, Path())[0]


def _session(db: Any) -> QWidget:
    from bdcq_desktop.ui.dialogs.session_dialogs import new_session_dialog

    return new_session_dialog(db)


SMALL_SCREEN_DIALOGS = {
    "reorganise": _reorganise,
    "conclusion": _conclusion_wide,
    "settings": _settings_tall,
    "session": _session,
    "regime": lambda db: _form_dialog(db, "regime"),
    # Its own move() moves a row: the dialog is still moved onto the screen.
    "agenda": lambda db: _agenda(None, db, Path())[0],
}


@pytest.mark.parametrize("make", SMALL_SCREEN_DIALOGS.values(), ids=SMALL_SCREEN_DIALOGS.keys())
def test_every_dialog_fits_a_laptop_screen_at_125_percent(
    qtbot: Any, demo_db: Any, make: Callable[[Any], QWidget]
) -> None:
    dialog = shown(qtbot, make(demo_db))
    QWidget.move(dialog, SMALL.right() - 100, SMALL.bottom() - 100)  # left where it was
    fit_on_screen(dialog, SMALL)
    qtbot.wait(50)  # the resize reaches the layout through the event loop
    assert SMALL.contains(dialog.frameGeometry()), dialog.frameGeometry()
    _buttons_inside(dialog)
    dialog.reject()


@pytest.mark.parametrize("name", FORMS.keys())
def test_every_dialog_fits_a_laptop_screen_at_150_percent(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    QWidget.move(dialog, SMALLER.right() - 100, SMALLER.bottom() - 100)
    fit_on_screen(dialog, SMALLER)
    qtbot.wait(50)
    assert SMALLER.contains(dialog.frameGeometry()), dialog.frameGeometry()
    _buttons_inside(dialog)
    # No smaller than this: with a real Windows frame it still fits, buttons and all.
    least = dialog.minimumSize().expandedTo(dialog.minimumSizeHint())
    assert least.width() + WINDOWS_FRAME[0] <= SMALLER.width(), least
    assert least.height() + WINDOWS_FRAME[1] <= SMALLER.height(), least
    qtbot.waitUntil(lambda: not getattr(dialog, "_busy", False), timeout=60_000)
    dialog.reject()


# -- Ctrl+Enter saves from any field -----------------------------------------------------------
def _accepting(dialog: QWidget) -> QAbstractButton | None:
    """The button Enter presses: the form's Lưu, else its box's accepting button."""
    save = getattr(dialog, "save_button", None)
    if save is not None:
        return save
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                return button
    return None


# Not the document window: it has no form to save (its Enter and Ctrl+Enter issue the paper).
@pytest.mark.parametrize("name", [n for n in FORMS if n != "document"])
def test_ctrl_enter_presses_save_from_a_multi_line_field(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    """In a multi-line field (Ghi chú, Nội dung) Enter adds a line; Ctrl+Enter presses Lưu
    (the dialog's accepting button) from there, or from the first field of a form without
    one, instead of the officer walking the Tab chain to it."""
    from .test_ui_mnemonics import _fields

    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    qtbot.waitUntil(lambda: not getattr(dialog, "_busy", False), timeout=60_000)
    save = _accepting(dialog)
    assert save is not None
    pressed: list[bool] = []
    save.clicked.connect(lambda *_a: pressed.append(True))
    fields = _fields(dialog)
    multiline = [f for f in fields if isinstance(f, QPlainTextEdit | QTextEdit)]
    # A dialog of tables (the agenda, the attendance grid) opens with the cursor in its table.
    field = (multiline or fields or [QApplication.focusWidget()])[-1]
    _focus(qtbot, field)
    if multiline:
        qtbot.keyClicks(field, "dong mot")
        qtbot.keyClick(field, Qt.Key.Key_Return)  # a new line, nothing pressed
        assert not pressed and dialog.isVisible()
        assert "dong mot\n" in field.toPlainText()
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pressed == [True], (name, type(field).__name__)
    qtbot.waitUntil(lambda: not getattr(dialog, "_busy", False), timeout=60_000)
    if dialog.isVisible():
        dialog.reject()


def test_ctrl_enter_saves_the_session_with_its_lines_as_typed(qtbot: Any, demo_db: Any) -> None:
    """Saved for real from the notes, with the line the (keypad's) Enter began. (Ctrl and the
    keypad's Enter reached Lưu before: QDialog presses its default button on it.)"""
    from bdcq_desktop.core import session_detail
    from bdcq_desktop.ui.dialogs.session_dialogs import edit_session_dialog

    from .form_dialogs import _session_id

    sid = _session_id(demo_db)
    dialog = shown(qtbot, edit_session_dialog(demo_db, sid))
    notes = dialog.form.editor("notes")
    _focus(qtbot, notes)
    notes.selectAll()
    qtbot.keyClicks(notes, "Dong mot")
    qtbot.keyClick(notes, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.keyClicks(notes, "Dong hai")
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert session_detail.get_session(demo_db, sid).notes == "Dong mot\nDong hai"


def test_ctrl_enter_in_a_cell_being_typed_saves_what_it_holds(qtbot: Any, demo_db: Any) -> None:
    """Ctrl+Enter with an agenda cell still open: the typed title is saved, not dropped."""
    dialog, view = _agenda(qtbot, demo_db, Path())
    shown(qtbot, dialog)
    meeting_id = _meeting(demo_db, MeetingStatus.PLANNED)
    model = view.model()
    _focus(qtbot, view)
    view.setCurrentIndex(model.index(0, AgendaModel.TITLE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
    editor.selectAll()
    qtbot.keyClicks(editor, "Zz muc thu nghiem")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    agenda = meetings.get_meeting(demo_db, meeting_id).agenda
    assert agenda[0].title == "Zz muc thu nghiem", [a.title for a in agenda]
