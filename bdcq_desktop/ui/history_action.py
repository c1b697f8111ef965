"""The "Lịch sử thay đổi…" action of a record pane, made without its dialog.

The dialog (:mod:`.dialogs.change_log_dialog`) reads the change log through
:mod:`..core.change_log`, which names the fields of every kind of record and so imports the
labels of a dozen core modules: some 18 ms that a start spent for an action nobody has taken
yet. The panes build this action at start; the dialog is imported when a history is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from .record_view import make_action

HISTORY_KEY = "Ctrl+Shift+H"


def _tr(text: str) -> str:
    return QCoreApplication.translate("history_action", text)


def history_action(owner: QWidget, slot: Callable[[], Any]) -> QAction:
    """The "Lịch sử thay đổi…" action of a record view (Ctrl+Shift+H inside ``owner``),
    disabled until a record is shown."""
    action = make_action(owner, _tr("Lịch sử thay đổi…"), slot, "historyAction", HISTORY_KEY)
    action.setEnabled(False)
    return action


def meeting_history(pane: Any) -> Any:
    """Open the history of the meeting ``pane`` shows (see the dialog's function)."""
    from .dialogs.change_log_dialog import meeting_history as open_it

    return open_it(pane)


def session_history(pane: Any) -> Any:
    """Open the history of the working-group session ``pane`` shows."""
    from .dialogs.change_log_dialog import session_history as open_it

    return open_it(pane)
