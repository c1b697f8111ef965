"""The Nhiệm vụ page's part in the acts on a task after it was given
(:mod:`..dialogs.task_act_dialogs`): the actions "Gia hạn…" (Ctrl+G), "Ghi tiến độ…"
(Ctrl+Shift+G), "Dừng thực hiện…" and "Thực hiện tiếp…" (toolbar and right-click menu; every
one also in Chỉnh sửa with an Alt letter), the same four as buttons of "Ghi kết quả" (what Enter
opens on a conclusion's task: a task not done yet is reported on, extended or stopped from
there, each button with its Alt letter), the deadline and result cells (an extended deadline
marked, an open task's last progress), and the details pane under the tasks: the selected
task and its history (:func:`..core.task_history.task_history`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QWidget

from ...core.errors import BcdError
from ...core.read_scope import reading
from ...core.tasks import OPEN_STATUSES
from ...core.text import short_date
from ..messages import error_text
from ..table_model import Column, display_value

if TYPE_CHECKING:
    from ...core.db import Database
    from ...core.task_tracking import TrackedTask
    from .task_tracking import TaskTrackingPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTrackingPage", text)


# Imported when first opened: the page's first screen needs no dialog.
def _dialogs() -> ModuleType:
    from ..dialogs import task_act_dialogs

    return task_act_dialogs


def _is_open(row: TrackedTask) -> bool:
    return row.status in OPEN_STATUSES


def _extendable(row: TrackedTask) -> bool:
    return _is_open(row) and row.deadline is not None


def _stopped(row: TrackedTask) -> bool:
    return row.status == "cancelled"


# (text, object name, shortcut, when, dialog class name, tip)
ACTS: tuple[tuple[str, str, str | None, Callable[[TrackedTask], bool], str, str], ...] = (
    ("Gia hạn…", "extendTaskAction", "Ctrl+G", _extendable, "TaskExtensionDialog",
     "Thời hạn mới, người cho gia hạn, ngày, lý do; không sửa kết luận, thông báo (Ctrl+G)"),
    ("Ghi tiến độ…", "taskProgressAction", "Ctrl+Shift+G", _is_open, "TaskProgressDialog",
     "Tiến độ theo báo cáo của đơn vị, nhiệm vụ vẫn đang thực hiện (Ctrl+Shift+G)"),
    ("Dừng thực hiện…", "stopTaskAction", None, _is_open, "TaskStopDialog",
     "Dừng thực hiện nhiệm vụ: lý do, ngày, người quyết định"),
    ("Thực hiện tiếp…", "resumeTaskAction", None, _stopped, "TaskResumeDialog",
     "Cho thực hiện tiếp nhiệm vụ đã dừng"),
)  # fmt: skip
# The buttons of "Ghi kết quả" for the same acts, each with its own Alt letter there.
BUTTONS = ("Ghi &tiến độ…", "&Gia hạn…", "&Dừng thực hiện…", "Thực hiện tiế&p…")
_BUTTON_OF = {"TaskProgressDialog": 0, "TaskExtensionDialog": 1, "TaskStopDialog": 2,
              "TaskResumeDialog": 3}  # fmt: skip


def add_actions(page: TaskTrackingPage) -> list[QAction]:
    """The page's four actions on a task (each save one core call)."""
    actions = []
    for text, name, shortcut, when, dialog, tip in ACTS:

        def run(row: TrackedTask, dialog: str = dialog) -> QWidget:
            return getattr(_dialogs(), dialog)(page.db, row, page)

        actions.append(
            page.add_row_action(_tr(text), run, name, shortcut, when=when, tip=_tr(tip))
        )
    return actions


def result_dialog(page: TaskTrackingPage, row: TrackedTask) -> QWidget:
    """"Ghi kết quả" for ``row``, with the other acts that suit it as buttons: one chosen closes
    it and opens that act's form (the officer who pressed Enter on a task not done yet)."""
    from ..dialogs.task_dialogs import TaskResultDialog

    dialog = TaskResultDialog(page.db, row, page)
    box = QWidget(dialog)
    box.setObjectName("otherActs")
    line = QHBoxLayout(box)
    line.setContentsMargins(0, 0, 0, 0)
    line.addStretch(1)
    for _text, name, _shortcut, when, cls, _tip in ACTS:
        if not when(row):
            continue
        button = QPushButton(_tr(BUTTONS[_BUTTON_OF[cls]]), box)
        button.setObjectName(name.replace("Action", "Button"))
        button.setAutoDefault(False)

        def switch(_checked: bool = False, cls: str = cls) -> None:
            # A result typed is asked about before it goes, as on Esc.
            dialog.leave(
                lambda: page.open_dialog(getattr(_dialogs(), cls)(page.db, row, page), row)
            )

        button.clicked.connect(switch)
        line.addWidget(button)
    if line.count() > 1:
        dialog.add_section(box)
    return dialog


class TaskNow:
    """The task selected as it is today, for the page's actions: a past period lists each task
    as it stood at the period's end (one overdue then may be done now), while an act applies
    to it as it is (the core refusing what no longer does). Read when a task is selected (one
    read, :func:`...core.task_today.task_today`), kept while it stays selected."""

    def __init__(self, page: TaskTrackingPage) -> None:
        self.page = page
        self._now: tuple[int, TrackedTask] | None = None

    def __call__(self, row: TrackedTask) -> TrackedTask:
        """``row`` as the task is today: itself, unless a period over lists it."""
        period, db = self.page.period(), self.page.db
        if period is None or period.end >= date.today() or db is None:
            return row  # today's row already
        if self._now is None or self._now[0] != row.id:
            from ...core.task_today import task_today

            try:
                now = task_today(db, row.id)
            except BcdError:  # the server away: the row shown; the core still refuses
                now = None
            self._now = (row.id, now or row)
        return self._now[1]

    def forget(self) -> None:
        self._now = None


class ExtendedDay(date):
    """A deadline an extension set: still a date (sorted, searched and exported as one), shown
    with "↻" beside it."""


def deadline_column(title: str, width: int) -> Column:
    """The page's deadline column: the one in force, marked when extended, the one given in the
    tooltip."""
    return Column(
        "deadline",
        title,
        width,
        value=deadline_value,
        formatter=deadline_text,
        tooltip=deadline_tip,
        whole=True,  # a date: "30/04/2027 ↻" never cut to "30/04/202…"
    )


def deadline_value(row: TrackedTask) -> date | None:
    day = row.deadline
    if day is None or row.given_deadline is None:
        return day
    return ExtendedDay(day.year, day.month, day.day)


def deadline_text(value: date | None) -> str:
    text = display_value(value)
    return f"{text} ↻" if isinstance(value, ExtendedDay) else text


def deadline_tip(row: TrackedTask) -> str:
    if row.given_deadline is None:
        return display_value(row.deadline)
    return _tr("Đã gia hạn đến {day}; hạn ban đầu {given}").format(
        day=display_value(row.deadline), given=display_value(row.given_deadline)
    )


def result_cell(row: TrackedTask) -> str:
    """A done task's result report; an open one's last progress (else its older note)."""
    return row.progress or row.result_report


class TaskDetails(QTextBrowser):
    """The selected task and its history, under the tasks (read when a task is selected: a
    few rows). A stored file of a progress note opens from its link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskDetails")
        self.db: Database | None = None  # the page's, given with each task shown
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._open)
        self.setPlaceholderText(_tr("Chọn một nhiệm vụ để xem diễn biến."))

    def show_task(
        self, row: TrackedTask | None, db: Database | None, *, past: bool = False
    ) -> None:
        """``row`` and its history; ``past``: the row is as a past period's end saw it, and
        its status then is told from today's (what the actions act on)."""
        self.db = db
        if row is None or db is None:
            self.clear()
            return
        # The history's module with the first task shown: the page is built at every start,
        # its tasks read only when it is opened.
        from ...core.task_history import task_history

        try:
            with reading():  # a row picked: said as not read, not "chưa lưu được gì"
                history = task_history(self.db, row.id)
        except BcdError as exc:  # gone meanwhile, the server away: said, never raised
            self.setPlainText(error_text(exc))
            return
        t = history.task
        facts = [
            (_tr("Nhiệm vụ"), t.content),
            (_tr("Thời hạn"), t.extension or display_value(t.deadline)),
            (_tr("Tình trạng"), row.status_label),
        ]
        if past and t.status != row.status:
            facts[-1] = (
                _tr("Tình trạng"),
                _tr("{then} (cuối kỳ); hiện nay: {now}").format(
                    then=row.status_label, now=t.status_label
                ),
            )
        if t.progress:
            facts.append((_tr("Tiến độ"), t.progress))
        elif row.result_report and row.completed_on is None:
            # A note recorded before the acts were (a stop's reason, the demo's progress).
            facts.append((_tr("Ghi chú"), row.result_report))
        head = "".join(
            f"<tr><td style='color:#555; padding-right:8px'>{escape(k)}</td>"
            f"<td>{escape(v)}</td></tr>"
            for k, v in facts
            if v
        )
        items = []
        for line in history.lines:
            day = short_date(line.day) if line.day else "—"
            text = escape(line.text)
            if line.file_id is not None:
                text += f" — <a href='file:{line.file_id}'>{escape(line.file_name)}</a>"
            items.append(f"<li><b>{day}</b> {text}</li>")
        self.setHtml(
            f"<table cellspacing='2'>{head}</table>"
            f"<p style='margin:4px 0 0 0'><b>{escape(_tr('Diễn biến'))}</b></p>"
            f"<ul style='margin-top:0'>{''.join(items)}</ul>"
        )

    def _open(self, url: QUrl) -> None:
        from ..stored_file_actions import open_stored_file

        text = url.toString()
        if text.startswith("file:") and text[5:].isdigit() and self.db is not None:
            open_stored_file(self, self.db, int(text[5:]))


def details_holder(page: TaskTrackingPage, tasks: QWidget) -> tuple[QWidget, TaskDetails]:
    """The tasks' table over the details pane (a splitter the officer can drag)."""
    from PySide6.QtWidgets import QSplitter

    holder = QSplitter(Qt.Orientation.Vertical, page)
    holder.setObjectName("taskDetailsSplitter")
    details = TaskDetails(holder)
    holder.addWidget(tasks)
    holder.addWidget(details)
    holder.setStretchFactor(0, 4)
    holder.setStretchFactor(1, 1)
    holder.setSizes([520, 150])
    return holder, details
