"""The tasks' table of Báo cáo › Nhiệm vụ (:mod:`.task_tracking`): its columns, the order
of the statuses (problems first, as the secretariat reads them) and the sign before each.

The sort key and the dates' texts are called for each of thousands of tasks on every reload:
kept cheap (one integer per row, one text per distinct day)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from ...core.text import vi_key
from ..table_model import Column, display_value
from . import task_acts as acts
from . import task_transfers as transfers

if TYPE_CHECKING:  # the rows come with the page's first read
    from ...core import task_tracking as tt


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTrackingPage", text)


# Problems first, as the secretariat reads them.
STATUS_ORDER = ("overdue", "due_soon", "not_due", "done_late", "done_on_time", "cancelled")
STATUS_RANK = {code: rank for rank, code in enumerate(STATUS_ORDER)}
# A sign before the status, so that it never rests on the row's colour alone.
STATUS_MARKS = {
    "overdue": "✗", "due_soon": "⚠", "not_due": "…", "done_late": "✓", "done_on_time": "✓",
    "cancelled": "–",
}
_ORDINALS = 10_000_000  # above every date's ordinal (date.max's is 3,652,059)


def _status_order(row: tt.TrackedTask) -> int:
    """Problems first, then by deadline (none last): one integer, not a tuple with a date,
    because it is computed and compared for each of thousands of tasks on every reload."""
    return STATUS_RANK[row.status] * _ORDINALS + (row.deadline or date.max).toordinal()


TASKS_SORT = (1, Qt.SortOrder.AscendingOrder)  # by status, problems first


class _DayTexts(dict[date | None, str]):
    """A day as the table shows it, made once per day: the tasks' thousands of dates are a
    few thousand distinct days, and each cell's text would format its own."""

    def __missing__(self, day: date | None) -> str:
        text = self[day] = display_value(day)
        return text


_DAY_TEXTS = _DayTexts()


def task_columns() -> list[Column]:
    """The tasks' columns, the status second (the page's first sort, :data:`TASKS_SORT`)."""
    # The rows' texts are texts already, never None (the core's rows): shown as they are
    # (``str``, in C), not through display_value, once per cell the width fit reads.
    return [
        acts.deadline_column(_tr("Thời hạn"), 85),  # "↻" beside one extended
        Column(
            "status_label",
            _tr("Tình trạng"),
            150,
            value=lambda r: f"{STATUS_MARKS[r.status]} {r.status_label}",
            formatter=str,
            sort_key=_status_order,
            min_width=150,  # "✓ Hoàn thành đúng hạn" whole
        ),
        # Read by its text: kept readable, the columns after the unit scroll sideways.
        Column("content", _tr("Nội dung nhiệm vụ"), 320, formatter=str, min_width=260),
        Column(
            "days_overdue",
            _tr("Trễ (ngày)"),
            100,
            align_right=True,
            formatter=lambda n: str(n) if n else "",
        ),
        Column(
            "unit_label",  # "… (tiếp nhận từ …)" for an open task of a merged unit
            _tr("Đơn vị chủ trì"),
            190,
            value=transfers.unit_cell,  # flagged when nobody answers for it any more
            formatter=str,
            sort_key=lambda r: vi_key(r.unit_label),
            tooltip=transfers.unit_tip,
            min_width=170,
        ),
        Column("assignee", _tr("Người phụ trách"), 140, formatter=str, optional=True),
        Column("focal_unit", _tr("Đơn vị đầu mối"), 150, formatter=str),
        Column("source", _tr("Nguồn giao"), 170, formatter=str),
        Column("completed_on", _tr("Ngày hoàn thành"), 100, formatter=_DAY_TEXTS.__getitem__),
        Column(
            "result_report",
            _tr("Kết quả thực hiện (báo cáo của đơn vị)"),
            300,
            value=acts.result_cell,  # an open task's last progress
            formatter=str,
        ),
    ]
