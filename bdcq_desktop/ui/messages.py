"""Confirmations and messages, opened without blocking (``QDialog.open``, not ``exec``).

Nothing waits in a nested event loop: the answer arrives through a callback. That keeps the
window responsive (a background job can still report) and lets tests click the buttons of a
box they find among the application's windows. A box shown from a background job's callback
(the start's questions) must be one of these: a nested loop there let a dialog be deleted
under its box ("double free or corruption"). Only a question asked by a user's own action,
whose answer decides what that same call does next, may still wait (:func:`ask_now`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import BcdError
from .mnemonics import mnemonic_of, share_letters

if TYPE_CHECKING:  # the core's register modules import SQLAlchemy: not before the first paint
    from ..core.issued_files import Restored


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def accepts_keyword(fn: Callable[..., Any], keyword: str) -> bool:
    """``fn`` can be called with ``keyword=...`` (by name or through ``**kwargs``): a core
    call's ConfirmationRequired can then be answered by calling it again with it."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature: let the call decide
        return True
    return any(p.kind is p.VAR_KEYWORD or p.name == keyword for p in params)


def error_text(exc: BaseException) -> str:
    """What the user reads for an error: the core's Vietnamese message, or the exception."""
    if isinstance(exc, BcdError):
        return exc.message
    return _tr("Lỗi không mong đợi: {error}").format(error=exc)


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    on_yes: Callable[[], None],
    *,
    yes_text: str | None = None,
    no_text: str | None = None,
    destructive: bool = False,
) -> QMessageBox:
    """Ask a yes/no question; ``on_yes()`` runs only if the user says yes.

    A destructive question gets "Không" as the default button, so Enter does not delete.
    Each answer has an Alt letter of its own ("&Vẫn lưu", "&Không"); Enter and Esc answer as
    ever, and a letter typed without Alt answers nothing (see :class:`_AltLettersOnly`).
    """
    yes = Answer("yesButton", yes_text or _tr("Đồng ý"), QMessageBox.ButtonRole.AcceptRole)
    no = Answer("noButton", no_text or _tr("Không"), QMessageBox.ButtonRole.RejectRole)
    box = question_box(
        parent, title, text, [yes, no],
        default=no.name if destructive else yes.name, escape=no.name, name="confirmBox",
        icon=QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
    )  # fmt: skip

    def done() -> None:
        if answer_of(box) == yes.name:
            on_yes()

    box.finished.connect(done)
    _deleted_when_answered(box)
    box.open()
    return box


class Answer(NamedTuple):
    """One answer of a question: ``name`` is its button's object name (what the caller is
    told was chosen), ``text`` its label (an Alt letter is given it), ``role`` its role."""

    name: str
    text: str
    role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.ActionRole


def question_box(
    parent: QWidget | None,
    title: str,
    text: str,
    answers: Sequence[Answer],
    *,
    default: str,
    escape: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    informative: str = "",
    name: str = "questionBox",
) -> QMessageBox:
    """A question built, not yet shown: every question of the application is built here, so
    that each answer has an Alt letter of its own (plain ASCII: "Điểm &danh", "&Vẫn ban
    hành", "&Hủy"), Enter answers ``default``, Esc ``escape``, and a letter typed without Alt
    answers nothing (:class:`_AltLettersOnly`)."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    texts = [a.text for a in answers]
    labels = share_letters(texts, {m for m in map(mnemonic_of, texts) if m})
    buttons = {}
    for answer, label in zip(answers, labels, strict=True):
        buttons[answer.name] = box.addButton(label, answer.role)
        buttons[answer.name].setObjectName(answer.name)
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[escape])
    box.installEventFilter(_AltLettersOnly(box))
    return box


def answer_of(box: QMessageBox) -> str | None:
    """The name of the answer chosen (None while the box is open)."""
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None else None


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    answers: Sequence[Answer],
    *,
    default: str,
    escape: str,
    on_answer: Callable[[str | None], None],
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    informative: str = "",
    name: str = "questionBox",
) -> QMessageBox:
    """Ask without waiting: the question, open; ``on_answer(name)`` once it is answered
    (``None``: closed without an answer). Window-modal over ``parent``, deleted once its
    answer has been acted on."""
    box = question_box(
        parent, title, text, answers, default=default, escape=escape, icon=icon,
        informative=informative, name=name,
    )  # fmt: skip
    box.finished.connect(lambda _result: on_answer(answer_of(box)))
    _deleted_when_answered(box)
    box.open()
    return box


def ask_now(
    parent: QWidget | None,
    title: str,
    text: str,
    answers: Sequence[Answer],
    *,
    default: str,
    escape: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    informative: str = "",
    name: str = "questionBox",
) -> str | None:
    """Ask and wait for the answer (its name), in a nested event loop: only in a slot of the
    user's own action whose answer decides what that same call does next (the issue's "Ban
    hành văn bản", a restore's), never in a background job's callback (:func:`ask`)."""
    box = question_box(
        parent, title, text, answers, default=default, escape=escape, icon=icon,
        informative=informative, name=name,
    )  # fmt: skip
    box.exec()
    answer = answer_of(box)
    box.deleteLater()
    return answer


class _AltLettersOnly(QObject):
    """A message box presses the button whose Alt letter is typed even without Alt. The box
    opens over a form while the officer may still be typing (Telex "vaanx" starts with v):
    one stray key must not answer "&Vẫn lưu". Alt+letter, Enter, Esc and Space still do."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                text = event.text()
                if text and text.isalnum():
                    return True
        return super().eventFilter(watched, event)


def ask_late_arrival(parent: QWidget | None, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """The core's :class:`..core.errors.LateArrivalWarning` (an arrival far past the planned
    end, no actual end recorded), asked alike wherever an arrival is recorded: the live
    window, Điểm danh, its "Đến muộn…" and "Thêm người dự" forms. Usually the clock of a
    meeting that ran over: kept quick, Enter says yes."""
    return confirm(
        parent, _tr("Giờ đến muộn bất thường"), text, on_yes, yes_text=_tr("Vẫn ghi đến muộn")
    )


def _deleted_when_answered(box: QMessageBox) -> None:
    """A box answered is deleted once its answer has been acted on (when control is back in the
    event loop): a child of the window otherwise, it stays in memory until the window closes,
    about 130 KB for each question asked all day."""
    box.finished.connect(box.deleteLater)


def show_message(
    parent: QWidget | None, title: str, text: str, *, warning: bool = False, details: str = ""
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("messageBox")
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _deleted_when_answered(box)
    box.open()
    return box


def tell_restored(parent: QWidget | None, restored: Restored) -> QMessageBox:
    """Reading an issued document put its file back from the register (missing or altered in
    the issued-documents folder): the officer is told which document, which file and where
    the file found in its place was kept, since someone changed what the office hands out.
    Not a question: the document read is the right one, the work goes on behind the box."""
    from ..core.issued_files import restored_message

    box = show_message(
        parent,
        _tr("Tệp văn bản đã ban hành đã được ghi lại"),
        restored_message(restored),
        warning=restored.kept is not None,
    )
    box.setObjectName("restoredBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the paths
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> QMessageBox:
    return show_message(parent, title or _tr("Không thực hiện được"), error_text(exc), warning=True)


def guarded(slot: Callable[[], Any], parent: QWidget) -> Callable[..., None]:
    """``slot`` as the slot of a button or a menu entry: what the core refuses on the way
    (a :class:`BcdError`: the server gone or refusing the login, the data file gone, a record
    deleted meanwhile) is shown in a box over ``parent``, as any refusal, instead of reaching
    the window's hook for defects ("Lỗi không mong đợi", a traceback in errors.log). Qt's
    ``checked`` argument is not passed on."""

    def run(*_args: object) -> None:
        try:
            slot()
        except BcdError as exc:
            show_error(parent, exc)

    return run


def ask_before_issue(
    parent: QWidget | None,
    question: BcdError,
    on_issue: Callable[[], None],
    on_attendance: Callable[[], None] | None = None,
) -> QMessageBox:
    """The core's question before an official record is issued (invitees not marked, see
    :func:`...documents.service.issue_question`): "Điểm danh" (``on_attendance``; without it,
    "Để điểm danh trước" only closes the box), "Vẫn ban hành" (``on_issue``, which issues
    confirming it) or "Hủy". Issuing anyway is never the default: Enter goes to the attendance."""
    role = QMessageBox.ButtonRole
    go = Answer(
        "attendanceButton",
        _tr("Điểm danh") if on_attendance else _tr("Để điểm danh trước"),
        role.RejectRole if on_attendance is None else role.ActionRole,
    )
    anyway = Answer("issueAnywayButton", _tr("Vẫn ban hành"), role.AcceptRole)
    cancel = Answer("noButton", _tr("Hủy"), role.RejectRole)
    box = question_box(
        parent, _tr("Còn người chưa điểm danh"), question.message,
        [go, anyway] if on_attendance is None else [go, anyway, cancel],
        default=go.name, escape=go.name if on_attendance is None else cancel.name,
        icon=QMessageBox.Icon.Warning, name="issueQuestionBox",
    )  # fmt: skip

    def done() -> None:
        if answer_of(box) == anyway.name:
            on_issue()
        elif answer_of(box) == go.name and on_attendance is not None:
            on_attendance()

    box.finished.connect(done)
    _deleted_when_answered(box)
    box.open()
    return box
