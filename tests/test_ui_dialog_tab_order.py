"""Tab in a record dialog goes as the eye reads: what is above the fields, the fields, the
sections under them (a checklist with its buttons), and Lưu and Hủy last. The sections are
made after the dialog's buttons, so Qt's own order went from the last field to Lưu first."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.record_dialog import RecordDialog

from .form_dialogs import FORMS, PARENT, shown


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


# The forms made by a RecordDialog subclass that adds sections or a line above its fields.
SECTIONED = [
    "reorganise",
    "meeting-new",
    "meeting-edit",
    "meeting-similar",
    "invitees",
    "agenda",
    "session-new",
    "session-edit",
    "participants",
    "attendance",
    "output",
    "regime",
    "round-open",
    "round-ad-hoc",
    "round-edit",
    "round-edit-ad-hoc",
    "submission",
    "settings",
    "walk-in",
]


def _walk_in(db: Any, _tmp: Path) -> QWidget:
    from bdcq_desktop.core.models import MeetingStatus
    from bdcq_desktop.ui.dialogs.walk_in_dialog import WalkInDialog

    from .form_dialogs import _meeting

    return WalkInDialog(db, _meeting(db, MeetingStatus.PLANNED).id, "Lê Văn Muộn")


MAKE = {**FORMS, "walk-in": _walk_in}


def _name(widget: QWidget) -> str:
    if isinstance(widget, QTabBar):
        return f"{widget.parentWidget().objectName()}.tabs"
    return widget.objectName() or f"{type(widget).__name__}:{getattr(widget, 'text', str)()}"


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _buttons(dialog: RecordDialog) -> list[QWidget]:
    """The dialog's own buttons (Lưu, Hủy), left to right."""
    shown_ = [b for b in dialog.buttons.buttons() if b.isVisible() and b.isEnabled()]
    return sorted(shown_, key=lambda b: _rect(b, dialog).left())


def _walk(qtbot: Any, dialog: RecordDialog) -> list[QWidget]:
    """The widgets Tab goes through from the rightmost button until it comes back to it."""
    start = _buttons(dialog)[-1]
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain: list[QWidget] = []
    for _ in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is start:
            return [*chain, start]
        assert focus not in chain, ("Tab goes round without Hủy", [_name(w) for w in chain])
        chain.append(focus)
    raise AssertionError("Tab never came back to Hủy")


@pytest.mark.parametrize("name", SECTIONED)
def test_tab_goes_down_the_dialog_and_ends_on_its_buttons(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = MAKE[name](demo_db, tmp_path)
    assert isinstance(dialog, RecordDialog)
    # Made by the subclass after the base's buttons: the dialog does use sections.
    assert dialog.main_layout.indexOf(dialog.buttons) > dialog.main_layout.indexOf(dialog.form)
    shown(qtbot, dialog)
    qtbot.wait(20)
    chain = _walk(qtbot, dialog)
    names = [_name(w) for w in chain]
    buttons = _buttons(dialog)
    # Lưu and Hủy last, nothing of the dialog after them.
    assert chain[-len(buttons) :] == buttons, names
    for a, b in pairwise(chain[: -len(buttons)]):
        ra, rb = _rect(a, dialog), _rect(b, dialog)
        same_column = ra.left() < rb.right() and rb.left() < ra.right()
        assert not (same_column and rb.bottom() < ra.top()), (
            f"{name}: Tab goes up from {_name(a)} to {_name(b)}",
            names,
        )
    # Every control of the sections is in the chain before the buttons.
    form_at = dialog.main_layout.indexOf(dialog.form)
    sections = [
        dialog.main_layout.itemAt(i).widget()
        for i in range(form_at + 1, dialog.main_layout.indexOf(dialog.buttons))
    ]
    for section in sections:
        if section is None or not section.isVisible():
            continue
        stops = [w for w in chain if w is section or section.isAncestorOf(w)]
        for stop in stops:
            assert chain.index(stop) < len(chain) - len(buttons), (name, _name(stop), names)
    dialog.reject()
