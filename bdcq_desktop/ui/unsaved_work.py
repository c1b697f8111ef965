"""Typed text not saved yet, asked about before the main window lets it go.

A widget holding such text (the Biên bản section) has ``unsaved_work()``: one
:class:`Unsaved` per record, each able to save itself through the same core call as its own
"Lưu" button, or to be discarded. Quitting (Tệp › Thoát, the close button, Alt+F4) and
switching the database (Tệp › Kết nối…) ask the same question: "Lưu" (Enter) saves each in
turn, every one it can, and goes on only if every save succeeded (a refusal keeps the window
and that text; the others stay saved), "Không lưu" discards, "Hủy" (Esc) stays. The refusals
are said once, all together, each with the core's reason, and what was saved: a quit in one
box (and on the window's status line), a switch on the connect dialog's line. The saves
show no box of their own (several refused would each have opened one).
Leaving the live meeting window with a conclusion typed and not recorded asks the same
(:func:`ask_then`, :mod:`.live_meeting`).
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
    save: Callable[[], str]  # "" once saved, else why not (not shown: the asker says it)
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


def _question(
    parent: QWidget, unsaved: list[Unsaved], title: str, text: str = "", informative: str = ""
) -> QMessageBox:
    role = QMessageBox.ButtonRole
    text = text or "\n".join(_tr("{what} có phần chưa lưu.").format(what=u.what) for u in unsaved)
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
        informative=informative or _tr("Lưu các phần đã gõ trước khi tiếp tục?"),
        name="unsavedQuestion",
    )


@dataclass(frozen=True)
class Settled:
    """What an answer did: whether the window may go on (everything saved, or discarded), the
    parts refused with why, and those saved (when some were refused: said with them)."""

    go_on: bool
    refused: list[tuple[str, str]]
    saved: list[str]

    @property
    def note(self) -> str:
        """The refusals on one line (the status line, the connect dialog's line)."""
        if not self.refused:
            return ""
        said = "; ".join(f"{what} ({why.rstrip('.')})" for what, why in self.refused)
        note = _tr("Chưa lưu được: {refused}.").format(refused=said)
        if self.saved:
            note += " " + _tr("Đã lưu: {saved}.").format(saved="; ".join(self.saved))
        return note

    @property
    def text(self) -> str:
        """The refusals for the one box: each part refused and why, then those saved."""
        lines = [_tr("Chưa lưu được (phần đã gõ vẫn giữ, cửa sổ chưa đóng):")]
        lines += [f"• {what}: {why}" for what, why in self.refused]
        if self.saved:
            lines += ["", _tr("Đã lưu:")] + [f"• {what}." for what in self.saved]
        return "\n".join(lines)


def settle(unsaved: list[Unsaved], answer: str | None) -> Settled:
    """Act on the answer (:class:`Settled`)."""
    if answer == SAVE:
        # Every part tried: one refused (a meeting not held, another officer's save) must not
        # leave the others unsaved, nor make "Không lưu" the only way out.
        saved: list[str] = []
        refused: list[tuple[str, str]] = []
        for u in unsaved:
            why = u.save()
            if why:
                refused.append((u.what, why))
            else:
                saved.append(u.what)
        return Settled(not refused, refused, saved)
    if answer == DISCARD:
        for u in unsaved:
            u.discard()
        return Settled(True, [], [])
    return Settled(False, [], [])


def tell_refused(parent: QWidget, settled: Settled) -> QMessageBox:
    """The one box naming every part not saved and why, and those saved."""
    box = messages.show_message(
        parent, _tr("Chưa lưu được hết phần đã gõ"), settled.text, warning=True
    )
    box.setObjectName("unsavedRefused")
    return box


def ask_before_closing(window: Any, then_close: Callable[[], None]) -> QMessageBox | None:
    """Quitting with typed text not saved: the question, open (not waiting); ``then_close()``
    once it was saved or discarded. None when nothing is unsaved."""
    unsaved = unsaved_in(window)
    if not unsaved:
        return None
    title = _tr("Thoát khi còn phần chưa lưu")
    return ask_then(window, unsaved, title, then_close, window.statusBar().showMessage)


def ask_then(
    parent: QWidget,
    unsaved: list[Unsaved],
    title: str,
    then_go: Callable[[], None],
    say: Callable[[str], None],
    text: str = "",
    informative: str = "",
) -> QMessageBox:
    """The question about ``unsaved``, open (not waiting): ``then_go()`` once everything was
    saved or discarded; ``say(note)`` when a save was refused (the parent stays)."""
    box = _question(parent, unsaved, title, text, informative)

    def answered(_result: int) -> None:
        settled = settle(unsaved, messages.answer_of(box))
        if settled.go_on:
            then_go()
        elif settled.refused:
            say(settled.note)
            parent.unsaved_refused = tell_refused(parent, settled)  # type: ignore[attr-defined]  # tests read it

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
    settled = settle(unsaved, answer)
    if settled.go_on:
        return None
    # Said on the dialog's own line, the one place the switch answers.
    return " ".join(filter(None, (_tr("Chưa chuyển: còn phần đã gõ chưa lưu."), settled.note)))
