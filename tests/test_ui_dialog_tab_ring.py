"""Tab goes round every dialog with a form and comes back (members audit, item 3): from the
last button (Hủy) to the first field, Shift+Tab the exact reverse, every control of the page
on the way. A date field's holder stands for its line (for its label's Alt letter) and was left
out of the dialog's Tab order, after Hủy: Tab went … → Lưu → Hủy → the first date → … → Hủy,
and the fields above the first date (Họ và tên, Chức vụ, Cơ quan) never came back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget, QWidget

import bdcq_desktop.ui
from bdcq_desktop.core.tasks import OPEN_STATUSES
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.editors import DateField
from bdcq_desktop.ui.forms import DATE, FieldSpec
from bdcq_desktop.ui.record_dialog import RecordDialog

from .form_dialogs import FORMS, PARENT, shown


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _task_transfer(db: Any, _tmp: Path) -> QWidget:
    from bdcq_desktop.core.task_tracking import track_tasks
    from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog

    return TaskTransferDialog(db, [track_tasks(db)[0]])


def _task_act(kind: str, statuses: frozenset[str]) -> Any:
    """The dialog of an act (task_act_dialogs) on the demo's first task of that status (an
    open one for Gia hạn, Ghi tiến độ, Dừng thực hiện; a stopped one for Thực hiện tiếp)."""

    def make(db: Any, _tmp: Path) -> QWidget:
        from bdcq_desktop.core.task_tracking import track_tasks
        from bdcq_desktop.ui.dialogs import task_act_dialogs

        [row, *_] = [r for r in track_tasks(db) if r.status in statuses]
        return getattr(task_act_dialogs, kind)(db, row, PARENT[0])

    return make


# Every dialog with a form, and those with a date the other keyboard tests do not open.
MAKE = {
    **FORMS,
    "task-transfer": _task_transfer,
    "task-extension": _task_act("TaskExtensionDialog", OPEN_STATUSES),
    "task-progress": _task_act("TaskProgressDialog", OPEN_STATUSES),
    "task-stop": _task_act("TaskStopDialog", OPEN_STATUSES),
    "task-resume": _task_act("TaskResumeDialog", frozenset({"cancelled"})),
}

# Where a date editor is made that is not a dialog of its own.
NOT_DIALOGS = {
    "editors": "the date editors themselves",
    "forms": "what a form is made of",
    "chase_list": "the date of a list's filter, in the Báo cáo tab",
    "task_period_filter": "the period of the tasks page's filter, in the Báo cáo tab (its keys "
    "and Tab order: test_ui_tasks_page_period)",
    "settings_days_off": "a page of Cài đặt (settings): walked with the settings dialog",
}
# A module of a dialog's fields, not a dialog: walked with the dialogs named (in MAKE).
WALKED_WITH = {
    "meeting_fields": ("meeting-new", "meeting-edit", "meeting-similar"),
}


def _name(widget: QWidget | None) -> str:
    if widget is None:
        return "None"
    if isinstance(widget, QTabBar):
        return f"{widget.parentWidget().objectName()}.tabs"
    holder = widget.parentWidget()
    if isinstance(holder, DateField):
        return f"{holder.key}.{type(widget).__name__}"
    return widget.objectName() or type(widget).__name__


def _controls(dialog: QWidget) -> list[QWidget]:
    """Every control of ``dialog`` on screen that takes Tab itself (a holder standing for a
    control of its own is reached through that control)."""
    return [
        w
        for w in dialog.findChildren(QWidget)
        if w.window() is dialog
        and w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def _walk(qtbot: Any, start: QWidget, backward: bool) -> list[QWidget]:
    """The controls Tab (Shift+Tab) goes through from ``start`` until it is back there."""
    key = Qt.Key.Key_Backtab if backward else Qt.Key.Key_Tab
    modifier = Qt.KeyboardModifier.ShiftModifier if backward else Qt.KeyboardModifier.NoModifier
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain = [start]
    for _ in range(300):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        focus = QApplication.focusWidget()
        if focus is start:
            return chain
        assert focus not in chain, (
            f"{'Shift+Tab' if backward else 'Tab'} goes round without {_name(start)}",
            [_name(w) for w in [*chain, focus]],
        )
        chain.append(focus)
    raise AssertionError("Tab never came back", [_name(w) for w in chain])


def _assert_ring(qtbot: Any, dialog: QWidget, label: str) -> list[QWidget]:
    """Tab from the dialog's first field reaches every control and comes back to it; Shift+Tab
    goes the same way backwards. Returns the Tab round, from the first field."""
    start = getattr(dialog, "first_field", lambda: None)() or _controls(dialog)[0]
    while start.focusProxy() is not None:  # a date field: its line
        start = start.focusProxy()
    forward = _walk(qtbot, start, backward=False)
    names = [_name(w) for w in forward]
    missing = [_name(w) for w in _controls(dialog) if w not in forward]
    assert not missing, (f"{label}: Tab never reaches", missing, names)
    backward = _walk(qtbot, start, backward=True)
    assert backward == [start, *reversed(forward[1:])], (
        f"{label}: Shift+Tab is not Tab backwards",
        names,
        [_name(w) for w in backward],
    )
    return forward


@pytest.mark.parametrize("name", sorted(MAKE))
def test_tab_goes_round_every_dialog_and_shift_tab_back(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = MAKE[name](demo_db, tmp_path)
    shown(qtbot, dialog)
    qtbot.wait(20)
    _assert_ring(qtbot, dialog, name)
    # Every page of its tabs too (Cài đặt: Ngày nghỉ has a date; Mời dự họp: the guest).
    for tabs in dialog.findChildren(QTabWidget):
        if tabs.window() is not dialog or not tabs.isVisible():
            continue
        for page in range(tabs.count()):
            tabs.setCurrentIndex(page)
            qtbot.wait(10)
            _assert_ring(qtbot, dialog, f"{name}, {tabs.objectName()} page {page}")
    dialog.reject()


def test_every_dialog_with_a_date_goes_round() -> None:
    """A module making a date editor is a dialog walked above (its name in the list of
    dialogs), unless said otherwise: a new dialog with a date cannot skip the round."""
    ui = Path(bdcq_desktop.ui.__file__).parent
    listed = Path(__file__).read_text(encoding="utf-8")
    listed += (Path(__file__).parent / "form_dialogs.py").read_text(encoding="utf-8")
    date_editor = re.compile(r"\bDATE\b|\bDATETIME\b|\bDate(Time)?Field\(")
    unwalked = [
        str(path.relative_to(ui))
        for path in sorted(ui.rglob("*.py"))
        if date_editor.search(path.read_text(encoding="utf-8"))
        and path.stem not in NOT_DIALOGS
        and path.stem not in WALKED_WITH
        and not re.search(rf"\b{path.stem}\b", listed)
    ]
    assert not unwalked, unwalked
    assert all(name in MAKE for names in WALKED_WITH.values() for name in names)
    # The kinds the audit names are among them: a member's, a meeting's, one with sections
    # and a round's.
    for name in ("member-new", "member-edit", "member-end", "meeting-new", "reorganise"):
        assert name in MAKE
    assert "round-open" in MAKE


@pytest.mark.parametrize("date_at", [0, 1, 2])
def test_tab_from_cancel_goes_to_the_first_field_wherever_the_date(
    qtbot: Any, date_at: int
) -> None:
    fields = [FieldSpec("a", "A"), FieldSpec("b", "B")]
    fields.insert(date_at, FieldSpec("d", "D", DATE))
    dialog = RecordDialog("Thử", fields, lambda _values: 1)
    shown(qtbot, dialog)
    forward = _assert_ring(qtbot, dialog, f"date {date_at + 1} of 3")
    assert [_name(w) for w in forward] == [
        *(["d.QLineEdit", "d.QToolButton"] if date_at == 0 else []),
        "field_a",
        *(["d.QLineEdit", "d.QToolButton"] if date_at == 1 else []),
        "field_b",
        *(["d.QLineEdit", "d.QToolButton"] if date_at == 2 else []),
        "saveButton",
        "cancelButton",
    ]
    cancel = dialog.buttons.buttons()[-1]
    assert _walk(qtbot, cancel, backward=False)[1] is forward[0]
    dialog.reject()
