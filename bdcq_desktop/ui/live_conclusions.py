"""The conclusions panel of the live meeting window (:mod:`.live_meeting`).

The conclusions so far and a box to type the next one as it is spoken; Ctrl+Enter adds it
(:func:`..core.conclusions.add_conclusion`): a check-in at the door meanwhile does not refuse
it (a new conclusion rewrites nothing read), the list is read anew with whatever was saved
beside it. The text being typed is kept off the GUI thread in the settings within a second
(the core's autosave queue), so a crash does not lose it either.

"Giao nhiệm vụ…" (Alt+N) gives a conclusion its tasks without leaving the window: it opens
the main window's conclusion dialog (:class:`..dialogs.conclusion_dialog.ConclusionDialog`)
with a blank task row and the cursor in it (Tab: the next cell, Ctrl+N: one more task,
Ctrl+Enter: save). With the box empty it is the conclusion selected in the list, the one just
recorded by Ctrl+Enter unless another was picked, saved by one
:func:`~..core.conclusions.update_conclusion`; with a conclusion typed in the box and not yet
recorded it is that text as a new conclusion with its tasks, saved by one
:func:`~..core.conclusions.add_conclusion`. The dialog, not a task line squeezed under the box:
the chair states the conclusion first and the units and deadlines after it, so Ctrl+Enter
keeps the conclusion safe at once; the tasks then get the same checks as in the main window
(a unit picked from the list, a deadline read as a date, the refused row named and selected),
the assigned person and the focal unit too, and a task is corrected in the same place.

The panel says what it did through ``message`` and what it refused (a conflict included)
through ``warning``: the window shows the two apart.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.autosave import Autosaver
from ..core.conclusions import ConclusionRow, add_conclusion, list_conclusions
from ..core.db import Database
from ..core.errors import BcdError, ConflictError, IssuedNoticeWarning
from ..core.meetings import get_meeting
from . import messages, view_state
from .unsaved_work import Unsaved

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("live_meeting", text)


def draft_key(db: Database, meeting_id: int) -> str:
    """The conclusion being typed, kept for this database's meeting: by the database's
    identity, not the meeting's number alone, which another database restored over the file
    gives to another meeting."""
    from .tabs.minutes_drafts import database_part

    return f"live/conclusion-draft/{database_part(db)}/{meeting_id}"


def _store_draft(key: Hashable, text: str) -> None:
    # A settings object of this thread's own: the GUI thread's is never touched from here.
    s = view_state.settings()
    if text:
        s.setValue(f"values/{key}", text)
    else:
        s.remove(f"values/{key}")
    s.sync()


def conclusion_text(c: ConclusionRow) -> str:
    """``2. Giao các sở… — 2 nhiệm vụ``: the list says which conclusions have tasks."""
    text = f"{c.order}. {c.text}"
    if c.tasks:
        text += _tr(" — {n} nhiệm vụ").format(n=len(c.tasks))
    return text


class ConclusionsPanel(QWidget):
    """The conclusions so far and the one being typed (see the module doc)."""

    version_changed = Signal(int)
    message = Signal(str)
    warning = Signal(str)

    def __init__(
        self, db: Database, meeting_id: int, version: Callable[[], int], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("liveConclusionsPanel")
        self.db, self.meeting_id, self.version = db, meeting_id, version
        self._draft_key = draft_key(db, meeting_id)
        self.drafts = Autosaver(_store_draft, delay=0.4, max_delay=1.0, name="conclusion-draft")
        self.tasks_dialog: Any = None  # the open "Giao nhiệm vụ" dialog
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(_tr("&Kết luận (ghi theo lời người chủ trì; Ctrl+Enter để ghi):"), self)
        title.setStyleSheet("font-weight: bold;")
        self.list = QListWidget(self)
        self.list.setObjectName("liveConclusions")
        self.list.setWordWrap(True)
        self.input = QPlainTextEdit(self)
        self.input.setObjectName("liveConclusionInput")
        self.input.setTabChangesFocus(True)
        self.input.setMaximumHeight(self.input.fontMetrics().lineSpacing() * 4 + 16)
        self.input.setPlainText(str(view_state.value(self._draft_key, "") or ""))
        self.input.textChanged.connect(
            lambda: self.drafts.submit(self._draft_key, self.input.toPlainText())
        )
        title.setBuddy(self.input)
        self.add_button = QPushButton(_tr("Ghi kết luận"), self)
        self.add_button.setObjectName("liveAddConclusion")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _c=False: self.add())
        # Alt+N ("nhiệm vụ"): b, h, d, t, g and k are the window's other letters.
        self.tasks_button = QPushButton(_tr("Giao &nhiệm vụ…"), self)
        self.tasks_button.setObjectName("liveAssignTasks")
        self.tasks_button.setAutoDefault(False)
        self.tasks_button.setToolTip(
            _tr(
                "Giao nhiệm vụ cho kết luận vừa ghi (hoặc kết luận đang chọn); đang gõ một kết "
                "luận chưa ghi thì ghi kết luận đó cùng các nhiệm vụ (Alt+N)"
            )
        )
        self.tasks_button.clicked.connect(lambda _c=False: self.assign_tasks())
        add = QAction(self)
        add.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        add.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        add.triggered.connect(self.add)
        self.input.addAction(add)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.tasks_button)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addLayout(buttons)
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)

    def show_rows(self, rows: tuple[ConclusionRow, ...], select: int | None = None) -> None:
        """The conclusions; the one of id ``select`` current (else the one current before)."""
        current = self.list.currentItem()
        if select is None and current is not None:
            select = current.data(ROW_ROLE).id
        self.list.clear()
        for c in rows:
            item = QListWidgetItem(conclusion_text(c), self.list)
            item.setData(ROW_ROLE, c)
            if c.id == select:
                self.list.setCurrentItem(item)
        self.list.scrollToBottom()

    def add(self, confirm_after_notice: bool = False) -> bool:
        """One core call; the text stays in the box when it is refused."""
        text = self.input.toPlainText().strip()
        if not text:
            return False
        seen = self.version()
        try:
            added = add_conclusion(
                self.db,
                self.meeting_id,
                text,
                expected_version=seen,
                confirm_after_notice=confirm_after_notice,
            )
        except IssuedNoticeWarning as exc:
            box = messages.confirm(
                self,
                _tr("Cần xác nhận"),
                exc.message,
                lambda: self.add(confirm_after_notice=True),
                yes_text=_tr("Vẫn lưu"),
                destructive=True,
            )
            box.setObjectName("confirmationQuestion")
            return False
        except ConflictError:  # not from a check-in any more: kept for any other race
            self.version_changed.emit(-1)
            self.warning.emit(
                _tr("Cuộc họp vừa được sửa ở nơi khác; đã tải lại. Bấm Ghi kết luận lần nữa.")
            )
            return False
        except BcdError as exc:
            self.warning.emit(exc.message)
            return False
        # Saved beside someone else's change (a check-in at the door): the window reads the
        # meeting anew rather than take a version whose change it has not seen.
        self.version_changed.emit(
            added.meeting_version if added.meeting_version == seen + 1 else -1
        )
        self.input.clear()  # the autosave of the draft clears it too
        # The one just recorded is current: Alt+N gives it its tasks.
        self.show_rows(list_conclusions(self.db, self.meeting_id), select=added.id)
        self.message.emit(_tr("Đã ghi kết luận."))
        return True

    def assign_tasks(self) -> Any:
        """"Giao nhiệm vụ…": the conclusion dialog on the conclusion typed and not yet recorded
        (a new one), else on the one selected, with a blank task row and the cursor in it (see
        the module doc). Returns the dialog, open; ``None`` when there is nothing to give."""
        from .dialogs.conclusion_dialog import ConclusionDialog

        typed = self.input.toPlainText().strip()
        current = self.list.currentItem()
        if current is None and self.list.count():
            current = self.list.item(self.list.count() - 1)
        chosen: ConclusionRow | None = current.data(ROW_ROLE) if current is not None else None
        if not typed and chosen is None:
            self.warning.emit(
                _tr(
                    "Chưa có kết luận để giao nhiệm vụ: gõ kết luận (Alt+K), Ctrl+Enter để ghi, "
                    "rồi Alt+N."
                )
            )
            return None
        conclusion_id = None if typed or chosen is None else chosen.id
        try:
            meeting = get_meeting(self.db, self.meeting_id)
            dialog = ConclusionDialog(self.db, meeting, conclusion_id, self.window())
        except BcdError as exc:
            self.warning.emit(exc.message)
            return None
        if typed:
            dialog.form.editor("text").setPlainText(typed)
        dialog.start_task()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self._tasks_saved(dialog.saved_id, typed))
        self.tasks_dialog = dialog
        dialog.open()
        return dialog

    def _tasks_saved(self, conclusion_id: int | None, typed: str) -> None:
        self.tasks_dialog = None
        if typed:
            self.input.clear()  # recorded with its tasks: the draft goes too
        # Another change may have been saved beside it (a check-in at the door): the window
        # reads the meeting anew, its version and the conclusions with it.
        self.version_changed.emit(-1)
        rows = list_conclusions(self.db, self.meeting_id)
        self.show_rows(rows, select=conclusion_id)
        saved = next((c for c in rows if c.id == conclusion_id), None)
        if saved is not None:
            self.message.emit(
                _tr("Đã ghi kết luận {order} với {n} nhiệm vụ.").format(
                    order=saved.order, n=len(saved.tasks)
                )
            )

    def unsaved(self) -> Unsaved | None:
        """The conclusion typed and not recorded (Ctrl+Enter), asked about when the window is
        left: only a draft in this computer's settings, the room's record leaves it out."""
        if not self.input.toPlainText().strip():
            return None
        return Unsaved(_tr("Kết luận đang gõ"), self._save_for_leaving, self.input.clear)

    def _save_for_leaving(self) -> str:
        """:meth:`add` as the question's "Lưu" wants it: "" once recorded, else why not (the
        refusal itself is already on the window's message line)."""
        if self.add():
            return ""
        return _tr("chưa ghi được: lý do ở dòng thông báo của màn hình họp")

    def close_drafts(self) -> None:
        self.drafts.close(5.0)
