"""Báo cáo › Nhiệm vụ: every task with its deadline, unit, status and result report, and the
completion rate per unit.

The units' table on the left drives the tasks on the right (its first row, "Tất cả", shows
every unit's); the status filter narrows both. One core call per reload
(:func:`..core.task_tracking.track_tasks`); the per-unit figures are counted from its rows.
When the page is shown as it first shows (every unit, sorted by status, no search), a reload
reads only its first screen and the figures (:func:`..core.task_first_rows.first_rows`), and
every task once that screen is painted, a step per pass of the event loop (:mod:`.task_rest`),
the steps left done at once as soon as the officer changes what the page shows (a search
shows the first screen's matches meanwhile): the first screen of 6,000 tasks does not wait
for all of them, nor the window while they are read, nor the first letter searched.

Actions on the tasks (:mod:`..dialogs.task_dialogs`, each save one core call): Ctrl+N adds an
ad hoc task (giao trực tiếp); Enter edits an ad hoc task, or records the result of a task of a
conclusion (those are edited with their meeting); Ctrl+Enter records any task's result (the
completion date and the unit's report); Delete removes an ad hoc task with nothing reported;
Ctrl+T hands an open task to another unit, and "Chuyển toàn bộ…" every open task of its unit
(:mod:`..dialogs.task_transfer_dialog`); Gia hạn, Ghi tiến độ, Dừng and Thực hiện tiếp record
the acts on a task, also from "Ghi kết quả", and the pane under the tasks shows the selected
one's history (:mod:`.task_acts`). An open task of a unit retired with no successor is
flagged in its unit's cell and counted in the summary. "Xuất Excel…" writes the tasks as
shown, the units' right-click menu the units (:mod:`.task_export`). The tasks' columns and the
order of the statuses: :mod:`.task_columns`; the units': :mod:`.task_unit_rates`.
A save reloads the page and emits ``changed`` (the Đôn đốc page reads again when shown).
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QWidget

from ...core import adhoc_tasks
from ...core.collector import collector_paused
from ...core.db import Database
from ...core.errors import ValidationError
from ...core.tasks import STATUS_LABELS, STATUSES
from ...core.text import excerpt, vi_key
from ..column_fit import SAMPLE as FIT_SAMPLE  # the rows column widths are measured on
from ..list_tab import RecordTable, tab_chain
from ..messages import error_text
from ..record_view import RecordView
from ..report_chart import percent_text
from ..table_model import RowTableModel
from . import task_acts as acts
from . import task_export as exports
from . import task_transfers as transfers
from .task_columns import STATUS_MARKS, STATUS_ORDER, TASKS_SORT, task_columns
from .task_period_filter import ALL as EVERY_PERIOD
from .task_period_filter import PeriodFilter
from .task_rest import RestOfTasks
from .task_unit_rates import ALL_UNITS, UnitRow, unit_columns, unit_row

if TYPE_CHECKING:
    from ...core import task_tracking as tt
    from ...core.task_first_rows import FirstRows
    from ...core.task_period import TaskPeriod
    from ...core.task_read import TaskRead


# Imported when first used: the page is built at every start, seldom shown, and its first
# screen needs no dialog.
def _task_dialogs() -> ModuleType:
    return import_module("..dialogs.task_dialogs", __package__)


def _tt() -> ModuleType:  # the tasks' rows and figures, with the page's first read
    return import_module("...core.task_tracking", __package__)


def _task_list() -> ModuleType:  # a period's tasks, when one is first chosen
    return import_module("...core.task_list", __package__)


class TaskTrackingPage(RecordView):

    empty_what = "nhiệm vụ"  # the empty list's hint (RecordView.empty_hint)
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.setObjectName("taskTrackingPage")
        self.toolbar.setObjectName("taskToolbar")
        self._tasks: list[tt.TrackedTask] = []
        self._unit: int = ALL_UNITS
        # The figures of every task, with the list they were counted from.
        self._total: tuple[list[tt.TrackedTask], tt.UnitCompletion] | None = None
        self._refreshing = False  # both tables being filled: the tasks' once, at the end
        # Set while only the first screen of tasks is read (:meth:`_read_first`): the figures
        # of every task, counted by the database; every task is read after the first paint.
        self._first: FirstRows | None = None
        # The period the tasks read are of (None: every task), as its report holds them.
        self._period: TaskPeriod | None = None
        # The task selected as it is today, when a past period shows it as it was.
        self.task_now = acts.TaskNow(self)
        self.period_filter = PeriodFilter(self)

        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("taskStatusFilter")
        self.status_combo.addItem(self.tr("Tất cả"), None)
        for code in STATUS_ORDER:
            self.status_combo.addItem(f"{STATUS_MARKS[code]} {STATUS_LABELS[code]}", code)
        assert set(STATUS_ORDER) == set(STATUSES)
        status_label = QLabel(self.tr("Tình t&rạng:"), self)
        status_label.setBuddy(self.status_combo)
        self.summary = QLabel(self)
        self.summary.setObjectName("taskSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.period_filter)
        top.addSpacing(12)
        top.addWidget(status_label)
        top.addWidget(self.status_combo)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)

        units = unit_columns(self._unit_sort)
        tasks = task_columns()
        self.units = RecordTable(
            "taskUnitRates",  # not "taskUnits": widths remembered for the former columns
            units,
            self._unit_rows,
            placeholder=self.tr("Tìm đơn vị…"),
            select_first=True,
            default_sort=(0, Qt.SortOrder.AscendingOrder),
        )
        self.tasks = RecordTable(
            "trackedTasks",
            tasks,
            self._task_rows,
            placeholder=self.tr("Tìm nhiệm vụ…"),
            default_sort=TASKS_SORT,
        )
        self.units.current_changed.connect(self._on_unit)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.units)
        holder, self.details = acts.details_holder(self, self.tasks)
        splitter.addWidget(holder)
        # The units' columns take some 510 px (names whole); a wider window widens the tasks.
        splitter.setSizes([540, 806])
        splitter.setStretchFactor(1, 1)
        # Tab reads the page left to right, top to bottom: the details pane, made before the
        # tasks' table was put above it, came before the tasks' search.
        tab_chain(
            [
                *self.period_filter.tab_stops(),
                self.status_combo,
                self.units.search,
                *self.units.top_widgets(),
                self.units.view,
                self.tasks.search,
                *self.tasks.top_widgets(),
                self.tasks.view,
                self.details,
            ]
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.message)
        self.set_table(self.tasks, splitter)
        self.status_combo.currentIndexChanged.connect(self._on_status)
        self.period_filter.changed.connect(self.reload)
        # Whatever the officer does to the tasks before every task is read, reads them first
        # (a sort, a unit searched: they then apply to every task); a search does not wait.
        self.tasks.before_search = self._before_search
        self.units.search.textChanged.connect(self._read_the_rest)
        self.tasks.view.horizontalHeader().sortIndicatorChanged.connect(self._read_the_rest)
        self._rest = RestOfTasks(db, self.tasks.view.viewport(), self._rest_read, self)
        self._add_actions()

    def _add_actions(self) -> None:
        self.new_action = self.add_action(
            self.tr("Thêm nhiệm vụ…"),
            lambda: _task_dialogs().AdHocTaskDialog(self.db, None, self),
            "newTaskAction",
            "Ctrl+N",
            tip=self.tr("Giao nhiệm vụ trực tiếp, ngoài kết luận cuộc họp (Ctrl+N)"),
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: _task_dialogs().AdHocTaskDialog(
                self.db, adhoc_tasks.get_task(self.db, row.id), self
            ),
            "editTaskAction",
            when=lambda row: row.ad_hoc,
            tip=self.tr("Sửa nhiệm vụ giao trực tiếp (Enter)"),
        )
        self.result_action = self.add_row_action(
            self.tr("Ghi kết quả…"),
            lambda row: acts.result_dialog(self, row),
            "taskResultAction",
            "Ctrl+Return",
            when=lambda row: row.status != "cancelled",
            tip=self.tr("Ngày hoàn thành và báo cáo kết quả của đơn vị (Ctrl+Enter)"),
        )
        self.remove_action = self.add_row_action(
            self.tr("Xóa…"),
            self.remove,
            "removeTaskAction",
            "Delete",
            when=lambda row: (
                row.ad_hoc and row.status not in _tt().DONE_STATUSES and not row.result_report
            ),
            table_only=True,
        )
        moves = transfers.add_actions(self)
        acted = acts.add_actions(self)
        export = exports.add_actions(self)
        new, edit, result, remove = (
            self.new_action, self.edit_action, self.result_action, self.remove_action
        )
        self.place_actions(
            [new, edit, result, *acted, *moves, None, remove, *export],
            [edit, result, *acted, *moves, None, remove, None, new],
        )

    def add_row_action(self, text: str, run: Any, name: str, *args: Any, when: Any = None,
                       **options: Any) -> QAction:  # fmt: skip
        """A row action (:meth:`RecordView.add_row_action`) enabled for, and acting on, the
        task as it is today (:class:`.task_acts.TaskNow`): what the core will act on."""
        test = None if when is None else (lambda row: when(self.task_now(row)))
        act = lambda row: run(self.task_now(row))  # noqa: E731
        return super().add_row_action(text, act, name, *args, when=test, **options)

    def show_current(self, row: tt.TrackedTask | None) -> None:
        past = row is not None and self.task_now(row) is not row
        self.details.show_task(row, self.db, past=past)

    def _activate(self) -> None:
        """Enter: edit an ad hoc task; a conclusion's task has only its result to record."""
        row = self.tasks.current_row()
        if row is None:
            return
        action = self.edit_action if row.ad_hoc else self.result_action
        if action.isEnabled():
            action.trigger()

    def remove(self, row: tt.TrackedTask) -> None:
        self.confirm(
            self.tr("Xóa nhiệm vụ"),
            self.tr("Xóa nhiệm vụ “{content}”? Chỉ xóa được khi chưa có kết quả nào.").format(
                content=excerpt(row.content, 120)
            ),
            lambda: adhoc_tasks.remove_task(self.db, row.id, expected_version=row.version),
            yes_text=self.tr("Xóa"),
        )

    def after_save(self, result: object = None) -> None:
        """Read the tasks again (the per-unit figures change too), select the saved one."""
        self.reload()
        is_id = isinstance(result, int) and not isinstance(result, bool)
        if is_id and not self.tasks.select_where(lambda r: r.id == result):
            # Saved outside the unit shown (or filtered out): show every unit's tasks.
            self.units.select_where(lambda r: r.id == ALL_UNITS)
            self.tasks.select_where(lambda r: r.id == result)
        self.update_actions(self.tasks.current_row())
        self.changed.emit()

    @staticmethod
    def _unit_sort(row: UnitRow) -> tuple[int, object]:
        return (0 if row.id == ALL_UNITS else 2 if row.id == 0 else 1, vi_key(row.unit))

    def reload(self) -> None:
        """Read the tasks again: the first screen only, when that is all the page shows
        before its first paint (every task is then read right after it), else every task."""
        self._read(first_screen=self._first_screen_will_do())

    def every_task(self) -> list[tt.TrackedTask]:
        """Every task as it stands today (read now if only the first screen was): what a
        unit's transfer moves. A period chosen, the page shows its tasks as they stood at its
        end: every task is read afresh, not those (a task open now given after a quarter
        must move with its unit)."""
        if self._period is not None:
            return _tt().track_tasks(self.db)
        self.read_every_row()
        return self._tasks

    def read_every_row(self) -> None:
        """The list's every row read now, not only its first screen's (an export of it)."""
        self._read_the_rest()

    def reload_all_rows(self) -> None:
        """Read every task now, keeping the selection."""
        self._read(first_screen=False)

    def first_screen_only(self) -> bool:
        """Whether only the first screen of tasks is read yet (every task is being read)."""
        return self._first is not None

    def _read(self, *, first_screen: bool, rest: TaskRead | None = None) -> None:
        """Read the first screen only, or every task: ``rest``'s rows (its steps left done
        now) when the read after the first paint has begun, else read anew."""
        self._first = None
        self.task_now.forget()  # read again: saved, or changed elsewhere
        self._rest.cancel()  # a read of every task under way is dropped: this one is newer
        from ...core.read_scope import reading  # a search, a sort: its refusal is a read's

        with collector_paused(), reading():  # thousands of rows made, no cycles among them
            try:
                self._period = None
                self._period = period = self.period_filter.period()
                if first_screen and period is None:
                    self._read_first()
                if period is not None:  # its tasks as it holds them (its report's)
                    self._tasks = _task_list().tasks_of_period(self.db, period)
                elif self._first is None:
                    self._tasks = rest.rows() if rest is not None else _tt().track_tasks(self.db)
            except Exception as exc:  # shown, never a traceback
                self._first = None
                self.message.setText(error_text(exc))
                self.message.show()
                if isinstance(exc, ValidationError):  # a period refused: none of its tasks
                    self._tasks = []
                    self._refresh_views()
                return
            self.message.hide()
            self._refresh_views()
        if self._first is not None:
            self._rest.arm()
        self.update_actions(self.tasks.current_row())

    def _first_screen_will_do(self) -> bool:
        """Whether the first screen of tasks shows the same whatever the rows below it: on
        screen, every unit's tasks, sorted as the page first sorts them, no search, no task
        made current by the officer (kept across the reload, wherever it is)."""
        header = self.tasks.view.horizontalHeader()
        return (
            self.tasks.view.isVisible()
            and self._unit == ALL_UNITS
            and self.period_filter.key() == EVERY_PERIOD
            and not self.tasks.search.text()
            and not self.units.search.text()
            and (header.sortIndicatorSection(), header.sortIndicatorOrder()) == TASKS_SORT
            and self.tasks.current_row() is None
        )

    def _read_first(self) -> None:
        """The first screen's rows and the figures of every task (:func:`first_rows`); none
        when it cannot be exact, and every task is read instead."""
        from ...core.task_first_rows import first_rows

        self._first = first_rows(
            self.db,
            status_order=STATUS_ORDER,
            screen=RowTableModel.BATCH,
            head=FIT_SAMPLE,
            status=self.status_combo.currentData(),
        )
        if self._first is not None:
            self._tasks = self._first.rows

    def _before_search(self, _text: str) -> None:
        """A search does not wait for the tasks below the first screen: it shows the first
        screen's matches (the first in the page's sort), then the others' once read; unless
        a task is current (where the search puts it depends on every task) or none is read."""
        if self._first is not None and (
            self.tasks.current_row() is not None or not self._rest.under_way()
        ):
            self._read_the_rest()

    def _read_the_rest(self, *_: object) -> None:
        """Every task at once, the officer acting before they are all read (the steps of the
        read under way done now, not begun again)."""
        if self._first is not None:
            self._read(first_screen=False, rest=self._rest.take())

    def _rest_read(self, rest: TaskRead | None) -> None:
        """Every task read after the first paint (None: a step failed; read again, which says
        why): shown as a reload shows them."""
        if self._first is not None:
            self._read(first_screen=False, rest=rest)

    def _filtered(self) -> list[tt.TrackedTask]:
        wanted = self.status_combo.currentData()
        if self._first is not None:
            return self._tasks  # read for that status
        if wanted is None:
            return self._tasks  # read only by the callers (the tables copy what they keep)
        return [t for t in self._tasks if t.status == wanted]

    def _unit_rows(self) -> list[UnitRow]:
        tasks = self._filtered()
        wanted = self.status_combo.currentData()
        if self._first is not None:
            per_unit = self._first.completion_by_unit(wanted)
        else:
            per_unit = _tt().completion_by_unit(tasks)
        rows = [
            unit_row(c, c.unit or self.tr("(Không gắn đơn vị)"), 0 if c.unit_id is None else None)
            for c in per_unit
        ]
        every = _tt().completion_sum(per_unit, self.tr("Tất cả các đơn vị"))
        if wanted is None:  # every task: the summary's figures too
            self._total = (self._tasks, every)
        return [unit_row(every, every.unit, ALL_UNITS), *rows]

    def _completion_total(self) -> tt.UnitCompletion:
        """The figures of every task read (whatever the filter), counted once per read."""
        if self._first is not None:
            return _tt().completion_sum(self._first.completion_by_unit())
        if self._total is None or self._total[0] is not self._tasks:
            self._total = (self._tasks, _tt().completion_total(self._tasks))
        return self._total[1]

    def _task_rows(self) -> list[tt.TrackedTask]:
        rows = self._filtered()
        if self._unit == ALL_UNITS:
            return rows
        wanted = self._unit or None
        return [t for t in rows if t.unit_id == wanted]

    def _refresh_views(self, *_: object) -> None:
        # Filling the units' table makes a unit current, which would fill the tasks' table
        # (6,000 rows at ten years) once more: it is filled once, after, for that unit.
        self._refreshing = True
        try:
            self.units.reload()
        finally:
            self._refreshing = False
        # Only the first screen read: its count is every task's, a search shows the matches
        # among its first rows (the others read are the width fit's, not the next ones).
        first, wanted = self._first, self.status_combo.currentData()
        self.tasks.reload(
            partial=0 if first is None else RowTableModel.BATCH,
            total=None if first is None else first.count(wanted),
        )
        rows = self._filtered()
        shown = len(rows) if self._first is None else self._first.count(wanted)
        if self._tasks if self._first is None else self._first.count():
            c = self._completion_total()
            self.summary.setText(
                self._period_prefix()
                + self.tr(
                    "{total} nhiệm vụ (trừ {cancelled} đã dừng): hoàn thành {done} "
                    "({rate}), quá hạn {overdue}, sắp đến hạn {soon}. Đang hiện {shown}."
                ).format(
                    total=c.total,
                    cancelled=c.cancelled,
                    done=c.done,
                    rate=percent_text(c.completion_rate),
                    overdue=c.overdue,
                    soon=c.due_soon,
                    shown=shown,
                )
                + transfers.unanswered_note(
                    self._first.unanswered
                    if self._first is not None
                    else sum(t.no_successor for t in self._tasks)
                )
            )
        elif self._period is not None:
            from ...core.task_period import not_begun

            # A period still ahead is said plainly (not the report's refusal of it).
            self.summary.setText(
                not_begun(self._period, date.today())
                or self._period_prefix() + self.tr("không có nhiệm vụ nào.")
            )
        else:
            self.summary.setText(self.tr("Chưa có nhiệm vụ nào."))

    def _period_prefix(self) -> str:
        """"Quý III năm 2026: " before the figures, as its report's title names it: with the
        day its tasks are counted on when it is not over ("Quý IV năm 2026 (tính đến
        01/12/2026): "; one over is counted on its last day)."""
        if self._period is None:
            return ""
        from ...core.task_period import as_of

        label = self._period.label
        label = label[:1].upper() + label[1:]
        day = as_of(self._period, date.today())
        if day < self._period.end:
            label = self.tr("{period} (tính đến {day})").format(period=label, day=f"{day:%d/%m/%Y}")
        return f"{label}: "

    def period(self) -> TaskPeriod | None:
        """The period the tasks shown are of (None: every task)."""
        return self._period

    def _on_status(self, *_: object) -> None:
        if self._first is not None:  # the first screen was read for the former status
            self.reload_all_rows()
        else:
            self._refresh_views()

    def _on_unit(self, row: UnitRow | None) -> None:
        self._unit = row.id if row is not None else ALL_UNITS
        if self._refreshing:
            return
        if self._first is not None:  # the first screen was read for every unit
            self.reload_all_rows()
        else:
            self.tasks.reload()

    def focus_search(self) -> None:
        self.tasks.focus_search()
