"""The units' table of Báo cáo › Nhiệm vụ (:mod:`.task_tracking`): a row per unit (its tasks
counted per status, its completion rate), its columns, and the row of every unit on top.

The rate comes right after the unit's name and the counts stand under short titles, their
tooltips saying them in full: at 1366×768 the five columns once needed 510 px of a 440 px pane,
so the rate was off screen and the names cut ("Sở Giáo dục và Đ…")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..report_chart import percent_text
from ..table_model import Column

if TYPE_CHECKING:  # the rows come with the page's first read
    from ...core import task_tracking as tt

ALL_UNITS = -1  # the first row of the units' table


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTrackingPage", text)


@dataclass(frozen=True)
class UnitRow:
    id: int  # ALL_UNITS, a unit id, or 0 for tasks of no unit
    unit: str
    total: int
    done: int
    done_late: int
    overdue: int
    due_soon: int
    rate: float | None


def unit_row(c: tt.UnitCompletion, name: str, row_id: int | None = None) -> UnitRow:
    return UnitRow(
        row_id if row_id is not None else c.unit_id or 0,
        name,
        c.total,
        c.done,
        c.done_late,
        c.overdue,
        c.due_soon,
        c.completion_rate,
    )


def unit_columns(unit_sort: Callable[[UnitRow], object]) -> list[Column]:
    """The name, the rate, the counts (see the module's text)."""
    return [
        Column("unit", _tr("Cơ quan, đơn vị"), 250, sort_key=unit_sort),
        Column(
            "rate",
            _tr("Tỷ lệ"),
            60,
            align_right=True,
            formatter=percent_text,
            sort_key=lambda r: (r.rate is None, r.rate or 0.0),
            header_tip=_tr(
                "Tỷ lệ hoàn thành: số nhiệm vụ đã hoàn thành trên tổng số (không tính nhiệm vụ "
                "đã dừng)"
            ),
        ),
        Column(
            "total",
            _tr("Tổng"),
            50,
            align_right=True,
            header_tip=_tr("Tổng số nhiệm vụ (không tính nhiệm vụ đã dừng)"),
        ),
        Column(
            "done",
            _tr("Xong"),
            50,
            align_right=True,
            header_tip=_tr("Số nhiệm vụ đã hoàn thành (đúng hạn và quá hạn)"),
        ),
        Column(
            "overdue",
            _tr("Quá hạn"),
            65,
            align_right=True,
            header_tip=_tr("Số nhiệm vụ đã quá thời hạn mà chưa hoàn thành"),
        ),
    ]
