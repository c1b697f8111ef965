"""What a :class:`.record_dialog.RecordDialog` does when the officer closes it with something
typed and not saved: it asks "Bỏ những gì đã gõ?" first. A part of the dialog (one of its
bases), kept apart from the form and the saving.

* **Which closes ask.** The officer's own: Esc, Hủy, the window's close button (a
  spontaneous close event), and :meth:`LeaveGuard.leave` for a control of the dialog that
  closes it for another purpose (an other act's button on "Ghi kết quả"). Esc by reflex after
  a paragraph would otherwise throw the paragraph away.
* **Which do not.** A save (the dialog accepts), and every close made by the program:
  ``reject()`` and ``close()`` called directly, the application quitting (Qt closes its
  windows with non-spontaneous close events: a question there would stop the quit, and the
  main window has already asked about its own unsaved text), tests' helpers. Those discard:
  the caller decided.
* **Changed.** What the form and the dialog's own sections hold (:meth:`edit_state`) differs
  from what they held when the dialog was first shown (after its subclass filled them), or
  after "Tải lại" / "take theirs" put the record's newest values in. Opened and left as it
  was, the dialog closes at once, as ever.
* **The answer.** "Tiếp tục sửa" is the default and Esc's answer, so a second reflexive Esc
  keeps the text; the dialog stays as typed, the cursor back where it was. "Bỏ" closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ..core.errors import ValidationError
from . import messages

# What the dialog held when first shown, before it is: nothing to compare with, nothing asked.
NOT_SHOWN = object()


class LeaveGuard:
    """The "discard what was typed?" question of a record dialog (``self`` is the dialog)."""

    # What the dialog provides (see RecordDialog).
    _field_values: Callable[[], dict[str, Any]]
    collect: Callable[[], dict[str, Any]]
    leave_question: QMessageBox | None
    _opened_state: Any

    def edit_state(self) -> Any:
        """What the officer may have changed: the form's fields as read (a half-typed date as
        nothing) and what the dialog hands to its save (its sections: a checklist's ticks, a
        table's rows). What cannot be read yet counts by its refusal."""
        try:
            collected: Any = self.collect()
        except ValidationError as exc:
            collected = ("unreadable", exc.field, exc.message)
        return self._field_values(), collected

    def mark_unchanged(self) -> None:
        """What the dialog holds now is what closing compares with (shown, reloaded)."""
        self._opened_state = self.edit_state()

    def has_changes(self) -> bool:
        if self._opened_state is NOT_SHOWN:
            return False
        return self.edit_state() != self._opened_state

    def leave(self, then: Callable[[], None] | None = None) -> None:
        """The officer closes the dialog without saving: at once when nothing was changed,
        else after "Bỏ" (``then()`` after the close, in both cases)."""

        def go() -> None:
            self.leave_question = None
            self.reject()  # type: ignore[attr-defined]
            if then is not None:
                then()

        if self.leave_question is not None:  # asked already: that answer decides
            return
        if not self.has_changes():
            go()
            return
        box = messages.confirm(
            self,  # type: ignore[arg-type]
            self.tr("Đóng khi chưa lưu"),  # type: ignore[attr-defined]
            self.tr("Bỏ những gì đã gõ?"),  # type: ignore[attr-defined]
            go,
            yes_text=self.tr("Bỏ"),  # type: ignore[attr-defined]
            no_text=self.tr("Tiếp tục sửa"),  # type: ignore[attr-defined]
            destructive=True,  # "Tiếp tục sửa" is Enter's and Esc's answer
        )
        box.setObjectName("discardQuestion")
        box.finished.connect(lambda _r: setattr(self, "leave_question", None))
        self.leave_question = box

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDialog rejects on Esc: the officer's close, asked about.
        if event.matches(QKeySequence.StandardKey.Cancel):
            event.accept()
            self.leave()
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button (spontaneous): asked about. A close made by the program
        # (close(), the application quitting) goes through, discarding.
        if event.spontaneous() and self.isVisible() and self.has_changes():  # type: ignore[attr-defined]
            event.ignore()
            self.leave()
            return
        super().closeEvent(event)  # type: ignore[misc]
