"""Typed text not saved yet, asked about before the main window lets it go.

A widget holding such text (the Biên bản section) has ``unsaved_work()``: one
:class:`Unsaved` per record, each able to save itself through the same core call as its own
"Lưu" button, or to be discarded. Quitting (Tệp › Thoát, the close button, Alt+F4) and
switching the database (Tệp › Kết nối…) ask the same question: "Lưu" (Enter) saves each in
turn, every one it can, and goes on only if every save succeeded (a refusal keeps the window
and that text, the refused ones named on the window's status line; the others stay saved),
"Không lưu" discards, "Hủy" (Esc) stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from . import messages


def _tr(text: str) -> str:
    return QCoreApplication.translate("unsaved_work", text)


SAVE, DISCARD, CANCEL = "saveUnsaved", "discardUnsaved", "cancelUnsaved"


@dataclass(frozen=True)
class Unsaved:
    what: str  # "Biên bản cuộc họp “…”", as the question names it
    save: Callable[[], bool]  # True once saved; False: refused, and the refusal was shown
    discard: Callable[[], None]


def unsaved_in(window: Any) -> list[Unsaved]:
    """Everything typed and not saved in the window's tabs built so far (one not built holds
    nothing)."""
    found: list[Unsaved] = []
    for tab in window.built_tabs():
        # Few widgets say they may hold typed text: looked for only when the window goes.
        for widget in tab.findChildren(QWidget):
            holder = getattr(widget, "unsaved_work", None)
            if callable(holder):
                found += holder()
    return found


def _question(parent: QWidget, unsaved: list[Unsaved], title: str) -> QMessageBox:
    role = QMessageBox.ButtonRole
    text = "\n".join(_tr("{what} có phần chưa lưu.").format(what=u.what) for u in unsaved)
    return messages.question_box(
        parent,
        title,
        text,
        [
            messages.Answer(SAVE, _tr("&Lưu"), role.AcceptRole),
            messages.Answer(DISCARD, _tr("&Không lưu"), role.DestructiveRole),
            messages.Answer(CANCEL, _tr("&Hủy"), role.RejectRole),
        ],
        default=SAVE,
        escape=CANCEL,
        icon=QMessageBox.Icon.Warning,
        informative=_tr("Lưu các phần đã gõ trước khi tiếp tục?"),
        name="unsavedQuestion",
    )


def settle(unsaved: list[Unsaved], answer: str | None) -> tuple[bool, str]:
    """Act on the answer: (whether the window may go on: everything saved, or discarded;
    what to say when some save was refused)."""
    if answer == SAVE:
        # Every part tried: one refused (a meeting not held, another officer's save) must not
        # leave the others unsaved, nor make "Không lưu" the only way out.
        saved, refused = [], []
        for u in unsaved:
            (saved if u.save() else refused).append(u.what)
        if not refused:
            return True, ""
        note = _tr("Chưa lưu được: {refused}.").format(refused="; ".join(refused))
        if saved:
            note += " " + _tr("Đã lưu: {saved}.").format(saved="; ".join(saved))
        return False, note
    if answer == DISCARD:
        for u in unsaved:
            u.discard()
        return True, ""
    return False, ""


def ask_before_closing(window: Any, then_close: Callable[[], None]) -> QMessageBox | None:
    """Quitting with typed text not saved: the question, open (not waiting); ``then_close()``
    once it was saved or discarded. None when nothing is unsaved."""
    unsaved = unsaved_in(window)
    if not unsaved:
        return None
    box = _question(window, unsaved, _tr("Thoát khi còn phần chưa lưu"))

    def answered(_result: int) -> None:
        go_on, note = settle(unsaved, messages.answer_of(box))
        if go_on:
            then_close()
        elif note:
            window.statusBar().showMessage(note)

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def refuse_switch(window: Any, parent: QWidget) -> str | None:
    """Switching the database with typed text not saved: the same question, waited for (the
    switch's own call decides on it). None to go on; else why not (said in the dialog)."""
    unsaved = unsaved_in(window)
    if not unsaved:
        return None
    box = _question(parent, unsaved, _tr("Chuyển cơ sở dữ liệu khi còn phần chưa lưu"))
    window.unsaved_box = box  # tests answer it
    box.exec()
    answer = messages.answer_of(box)
    box.deleteLater()
    go_on, note = settle(unsaved, answer)
    if go_on:
        return None
    return " ".join(filter(None, (_tr("Chưa chuyển: còn phần đã gõ chưa lưu."), note)))
