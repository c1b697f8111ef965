"""A dialog closed is gone, Python side and all (issue 12, memory over a working day). Each
record dialog shown stayed in memory for the rest of the session, its form, fields and
closures with it (some 105 Python objects and 0.1 MB per Sửa… of a member): walking
its Tab chain asked the last control (Hủy, made by Qt inside the button box) for the next
one, the dialog itself, and the binding then counted the dialog as that button's child, a
reference it never gave back once both were deleted."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from bdcq_desktop.ui import view_state, worker
from bdcq_desktop.ui.dialog_base import Dialog, focus_chain, tab_stops

from .form_dialogs import FORMS, PARENT, shown


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _deleted(qtbot: Any, ref: weakref.ref[Any]) -> bool:
    """Whether what ``ref`` points to is gone once its background jobs (a document's
    preview) have reported, closed widgets are deleted and the collector has run."""
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    for _ in range(3):
        qtbot.wait(10)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return ref() is None


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_dialog_closed_is_gone(qtbot: Any, demo_db: Any, tmp_path: Path, name: str) -> None:
    """Opened over a window as RecordView.open_dialog opens a form (deleted on close),
    shown, closed: nothing of its Python side is left."""
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = FORMS[name](demo_db, tmp_path)
    if dialog.parentWidget() is None:
        dialog.setParent(parent, dialog.windowFlags())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    shown(qtbot, dialog)
    gone = weakref.ref(dialog)
    dialog.reject()
    del dialog
    assert _deleted(qtbot, gone), f"{name}: still alive after close"


class _Box(Dialog):
    """A dialog whose Tab chain ends on buttons Qt made (a button box's), as most do."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.line = QLineEdit(self)
        layout.addWidget(self.line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def test_the_focus_chain_is_walked_once_round(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = _Box(parent)
    chain = list(focus_chain(dialog))
    assert chain[-1] is dialog.previousInFocusChain()
    assert dialog not in chain and dialog.line in chain
    assert len(chain) == len({id(w) for w in chain})
    # Shown, Tab stops at the line and both buttons, in the chain's order.
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [type(w).__name__ for w in tab_stops(dialog)] == [
        "QLineEdit",
        "QPushButton",
        "QPushButton",
    ]


def test_a_dialog_whose_chain_was_walked_goes_when_closed(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = _Box(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    shown(qtbot, dialog)
    tab_stops(dialog)  # what each Tab press does
    gone = weakref.ref(dialog)
    dialog.reject()
    del dialog
    assert _deleted(qtbot, gone)
