"""Esc never throws away what was typed in a form without asking (offscreen, pytest-qt, real
SQLite): a record dialog closed by the officer (Esc, Hủy, the window's close button) after a
field was changed asks "Bỏ những gì đã gõ?"; "Tiếp tục sửa" (Enter's and Esc's answer) keeps
the text, "Bỏ" closes. Opened and left as it was, a dialog closes at once, as ever; a close
made by the program (``reject()``, ``close()``) does not ask."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.units import create_unit
from bdcq_desktop.ui.dialogs.task_act_dialogs import TaskExtensionDialog
from bdcq_desktop.ui.dialogs.task_dialogs import TaskResultDialog
from bdcq_desktop.ui.record_dialog import RecordDialog
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab
from tests.test_conclusions_edit import held_meeting
from tests.test_ui_tasks import _back_to, _key

from .form_dialogs import FORMS, PARENT, shown

TYPED = "Đã liên hệ Sở Tài chính, chờ ý kiến bằng văn bản"


def _question(qtbot: Any, dialog: Any) -> QMessageBox:
    qtbot.waitUntil(lambda: dialog.leave_question is not None and dialog.leave_question.isVisible())
    box = dialog.leave_question
    assert box.text() == "Bỏ những gì đã gõ?"
    buttons = {b.objectName(): b.text() for b in box.findChildren(QPushButton)}
    assert buttons == {"yesButton": "&Bỏ", "noButton": "&Tiếp tục sửa"}
    assert box.defaultButton().objectName() == "noButton"  # Enter keeps the text
    return box


def _answer(qtbot: Any, box: QMessageBox, name: str) -> None:
    button = next(b for b in box.findChildren(QPushButton) if b.objectName() == name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_esc_after_typing_a_task_s_result_asks_and_keeps_it(qtbot: Any, db: Any) -> None:
    """The audit's path: Báo cáo › Nhiệm vụ, Enter on a task ("Ghi kết quả"), a result typed,
    Esc by reflex: the question; Esc again (a second reflex) keeps the dialog and the text,
    the cursor back in the field; "Gia hạn…" (Alt+G) asks too, and after "Bỏ" opens the
    extension with nothing recorded."""
    ids = held_meeting(db)
    create_unit(db, name="Sở Tư pháp", kind="department")
    with db.session() as s:
        finalise_issued(s, minutes_state(db, ids["meeting"]), "a" * 64)
    tab = ReportsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 720)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.reload()
    page = tab.tasks_page
    tab.pages.setCurrentWidget(page)
    assert page.tasks.select_where(lambda r: r.id == ids["task1"])
    _back_to(qtbot, tab, page.tasks.view)

    # Opened and left at once: Esc closes, nothing asked.
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, TaskResultDialog))
    untouched = page.last_dialog
    qtbot.waitExposed(untouched)
    untouched.activateWindow()
    qtbot.waitUntil(lambda: untouched.isAncestorOf(QApplication.focusWidget()))
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not untouched.isVisible())
    assert untouched.leave_question is None

    _back_to(qtbot, tab, page.tasks.view)
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_dialog is not untouched)
    dialog = page.last_dialog
    assert isinstance(dialog, TaskResultDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    field = dialog.form.editor("result_report")
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "Da lien he ")
    field.insertPlainText(TYPED)  # as an input method types Vietnamese
    typed = field.toPlainText()

    _key(qtbot, Qt.Key.Key_Escape)
    box = _question(qtbot, dialog)
    assert dialog.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # the second reflexive Esc: "Tiếp tục sửa"
    qtbot.waitUntil(lambda: dialog.leave_question is None)
    assert dialog.isVisible()
    assert field.toPlainText() == typed
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)

    # Another act's button (Alt+G, "Gia hạn…") asks too; "Bỏ" closes and opens that act.
    qtbot.keyClick(field, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    _answer(qtbot, _question(qtbot, dialog), "yesButton")
    qtbot.waitUntil(lambda: isinstance(page.last_dialog, TaskExtensionDialog))
    assert not dialog.isVisible()
    page.last_dialog.reject()
    task = next(r for r in track_tasks(db) if r.id == ids["task1"])
    assert TYPED not in (task.result_report or "")  # discarded, as chosen


def _record_forms() -> list[str]:
    return [
        name
        for name in FORMS
        if name not in ("import", "document", "reopen-minutes", "officer")  # not record dialogs
    ]


@pytest.mark.parametrize("name", _record_forms())
def test_a_dialog_left_as_opened_closes_on_esc_at_once(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    """Every record dialog opened on the demo data and left as it was: Esc closes it, nothing
    asked (whatever it fills after being built: pickers, checklists, today's date)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    assert isinstance(dialog, RecordDialog)
    qtbot.wait(50)  # anything filled on the next turn of the event loop
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.leave_question is None


def _text_field(dialog: Any) -> QWidget:
    """The first field the officer can type words into."""
    for f in dialog.form.fields.values():
        editor = f.editor
        if not (editor.isVisibleTo(dialog) and editor.isEnabled()):
            continue
        typed_in = isinstance(editor, QPlainTextEdit | QTextEdit) or type(editor) is QLineEdit
        if typed_in and not editor.isReadOnly():
            return editor
    raise AssertionError("no text field")


class _CloseButton(QCloseEvent):
    def spontaneous(self) -> bool:  # type: ignore[override]
        return True


def _extension(db: Any, _p: Path) -> Any:
    return TaskExtensionDialog(db, next(r for r in track_tasks(db) if r.unit_id is not None))


CHECKED = {
    name: FORMS[name]
    for name in (
        "task-result",
        "task",
        "member-new",
        "member-edit",
        "meeting-new",
        "meeting-edit",
        "session-new",
        "session-edit",
        "submission-quick",
        "submission",
    )
} | {"task-extension": _extension}


@pytest.mark.parametrize("name", list(CHECKED))
def test_typed_then_esc_hủy_or_close_button_asks(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    """Typed in, then Esc: the question, the dialog open; "Tiếp tục sửa" keeps the text; Hủy
    and the window's close button ask the same; "Bỏ" closes."""
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, CHECKED[name](demo_db, tmp_path))
    field = _text_field(dialog)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "abc 125")
    text = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
    assert "abc 125" in text

    qtbot.keyClick(field, Qt.Key.Key_Escape)
    _answer(qtbot, _question(qtbot, dialog), "noButton")
    qtbot.waitUntil(lambda: dialog.leave_question is None)
    assert dialog.isVisible()
    assert (field.toPlainText() if hasattr(field, "toPlainText") else field.text()) == text

    cancel = dialog.findChild(QPushButton, "cancelButton")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.keyClick(_question(qtbot, dialog), Qt.Key.Key_Return)  # Enter: "Tiếp tục sửa"
    qtbot.waitUntil(lambda: dialog.leave_question is None)
    assert dialog.isVisible()

    # The window's close button: a spontaneous close event, as the window system sends it
    # (the offscreen platform's QWindow.close() sends the program's kind).
    event = _CloseButton()
    dialog.closeEvent(event)
    assert not event.isAccepted()
    _answer(qtbot, _question(qtbot, dialog), "yesButton")
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_close_by_the_program_does_not_ask(qtbot: Any, db: Any) -> None:
    """``reject()`` and ``close()`` called by the program (the application quitting, a test's
    helper) close at once, typed or not: a question there would stop a quit."""
    for close in (RecordDialog.reject, RecordDialog.close):
        dialog = shown(qtbot, FORMS["task"](db, Path()))
        field = _text_field(dialog)
        field.setFocus()
        qtbot.keyClicks(field, "abc")
        close(dialog)
        assert not dialog.isVisible()
        assert dialog.leave_question is None


def test_a_save_closes_without_asking(qtbot: Any, demo_db: Any) -> None:
    """Saved, the dialog closes as ever (the question is only for a close without saving)."""
    from bdcq_desktop.core import reports
    from bdcq_desktop.ui.dialogs.submission_dialogs import QuickEntryDialog

    row = reports.submission_rows(demo_db)[0]
    dialog = shown(qtbot, QuickEntryDialog(demo_db, row, today=date.today()))
    number = dialog.form.editor("document_number")
    number.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is number)
    qtbot.keyClicks(number, "125/BC-STTTT")
    qtbot.keyClick(number, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.leave_question is None


def test_quitting_with_a_typed_dialog_open_asks_nothing_more(qtbot: Any, db: Any) -> None:
    """The application quitting closes its windows as the program does (Qt's close of every
    window, what ``QApplication.quit`` does first): the main window asks about its own unsaved
    text only; the open dialog goes without a question that would stop the quit."""
    from bdcq_desktop.ui.dialogs.task_dialogs import AdHocTaskDialog
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    dialog = AdHocTaskDialog(db, None, window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.form.editor("content").insertPlainText(TYPED)
    assert dialog.has_changes()
    QApplication.closeAllWindows()
    qtbot.waitUntil(lambda: not window.isVisible() and not dialog.isVisible())
    assert dialog.leave_question is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert not [box for box in boxes if box.isVisible()]
