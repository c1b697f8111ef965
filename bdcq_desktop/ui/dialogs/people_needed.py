"""The line at the top of a new meeting's or session's form while nobody on the roster of its
day can chair or convene it (a new file: no member entered yet).

The form cannot be saved then, and its refusal ("'Chủ trì' không được để trống") did not say
what to add first. The line says it before anything is typed, and its button closes the form
and takes the officer to Thành viên, on the roster to fill, its "Thêm thành viên" focused.
Nothing typed can be saved, but a title typed is asked about first (Enter keeps typing).
While the line shows, Lưu is off (every save was refused: nobody to choose, or a delegate
with nobody to have delegated them); a day typed on which someone can chair turns it on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from .. import messages
from ..setup_notice import NOTICE_STYLE

# The setup notice's pale yellow: something to do first, not the red of a refused save.
STYLE = NOTICE_STYLE.replace("#setupNotice", "#peopleNeeded")


def _tr(text: str) -> str:
    return QCoreApplication.translate("people_needed", text)


class PeopleNeeded(QFrame):
    """Hidden until :meth:`say` is given a text. ``wanted`` is emitted once the form is closed
    by its button (the roster's key, ``committee`` or ``group``, as the members tab names it)."""

    wanted = Signal(str)

    def __init__(
        self, dialog: QDialog, body: str, typed: Callable[[], bool], question: str
    ) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.body = body
        self.typed = typed
        self.question_text = question  # why closing loses nothing that could be saved
        self.question: QMessageBox | None = None
        self.setObjectName("peopleNeeded")
        self.setStyleSheet(STYLE)
        self.label = QLabel(self)
        self.label.setObjectName("peopleNeededText")
        self.label.setWordWrap(True)
        self.button = QPushButton(_tr("Đến thẻ Thành viên"), self)
        self.button.setObjectName("peopleNeededButton")
        # Not the form's default: Enter in a field must not close the form (Lưu is off while
        # the line shows; the line says why).
        self.button.setAutoDefault(False)
        self.button.clicked.connect(lambda _c=False: self.go())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)

    def say(self, text: str | None) -> None:
        """``text``: why nobody can be chosen on the form's day (None: the line goes). Lưu is
        off while it shows: its save could only be refused."""
        self.label.setText(text or "")
        self.setVisible(bool(text))
        save = getattr(self.dialog, "save_button", None)
        if save is not None:
            save.setEnabled(not text)
            save.setToolTip(text or "")  # why, where the pointer is

    def go(self) -> None:
        """The button: close the form and go to the roster; asked first if a title was typed,
        "Tiếp tục nhập" the default (the form cannot be saved, but the officer may want to
        copy what was typed)."""
        if not self.typed():
            self._leave()
            return
        box = messages.confirm(
            self.dialog,
            _tr("Đóng và thêm thành viên"),
            self.question_text,
            self._leave,
            yes_text=_tr("Đóng, thêm thành viên"),
            no_text=_tr("Tiếp tục nhập"),
            destructive=True,  # "Tiếp tục nhập" is the default: Enter keeps the form
        )
        box.setObjectName("peopleNeededQuestion")
        self.question = box

    def _leave(self) -> None:
        self.question = None
        self.dialog.reject()
        # After the form has gone: the focus then set on the roster's button stays there.
        self.wanted.emit(self.body)


def nobody_to_chair(eligible: Any, day: date) -> str | None:
    """Why nobody can chair a meeting on ``day`` (``eligible``: the core's
    :class:`...core.meeting_rules.Eligible`: no Head nor Deputy Head), or None."""
    if eligible.chairs:
        return None
    if not eligible.members:
        return _tr(
            "Chưa có thành viên Ban Chỉ đạo nào: cần có người chủ trì. Thêm thành viên ở thẻ "
            "Thành viên (hoặc Nhập từ Excel/CSV) trước khi lập cuộc họp."
        )
    return _tr(
        "Ngày {day} Ban Chỉ đạo chưa có Trưởng ban hoặc Phó Trưởng ban: cần có người chủ trì. "
        "Thêm ở thẻ Thành viên trước khi lập cuộc họp."
    ).format(day=f"{day:%d/%m/%Y}")


def nobody_to_convene(db: Any, day: date) -> str:
    """Why nobody can convene a working-group session on ``day`` (rule 8: the Tổ trưởng, or
    a Tổ phó when there is none): no member at all, or none of those two."""
    from ...core.session_detail import candidates

    if not candidates(db, day, members_only=True):
        return _tr(
            "Tổ công tác chưa có thành viên nào: cần có Tổ trưởng (hoặc Tổ phó) triệu tập. "
            "Thêm thành viên ở thẻ Thành viên › Tổ công tác trước khi triệu tập phiên làm việc."
        )
    return _tr(
        "Ngày {day} Tổ công tác chưa có Tổ trưởng hoặc Tổ phó: cần người triệu tập. Thêm ở "
        "thẻ Thành viên › Tổ công tác trước khi triệu tập phiên làm việc."
    ).format(day=f"{day:%d/%m/%Y}")
