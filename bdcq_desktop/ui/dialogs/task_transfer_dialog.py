"""Chuyển nhiệm vụ: hand an open task, or every open task of a unit, to a unit in office.

A small form (the receiving unit, the day, the reason) over one core call:
:func:`bdcq_desktop.core.task_transfer.transfer_task` with the version the page read, or
:func:`~bdcq_desktop.core.task_transfer.transfer_unit_tasks` with the version of every task the
page listed for the unit. A task changed elsewhere meanwhile refuses the whole transfer; the
dialog then reads the tasks again and says so, and "Chuyển" once more moves what is there now
(the officer has seen the message: nothing moves behind their back).

One task handed over may get a new deadline in the same call ("Thời hạn mới", with who
approved it, as "Gia hạn…" asks): an extension dated on the transfer's day, for its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...core import meetings, task_actions, task_transfer
from ...core.db import Database
from ...core.errors import BcdError, ConflictError
from ...core.i18n import tr as core_tr
from ...core.read_scope import reading
from ...core.succession import NO_SUCCESSOR
from ...core.task_tracking import TrackedTask, track_tasks
from ...core.tasks import OPEN_STATUSES
from ...core.text import excerpt
from ..forms import DATE, LOOKUP, MULTILINE, FieldSpec
from ..record_dialog import RecordDialog
from . import choices

REASON_HINT = "Theo Quyết định số …/QĐ-UBND ngày …, phường … tiếp nhận"


def _tr(text: str) -> str:
    return QCoreApplication.translate("task_transfer_dialog", text)


def _label(key: str) -> str:
    return core_tr(task_transfer.LABELS[key])


def extension_fields(db: Database, today: date) -> list[FieldSpec]:
    """A transfer's new deadline and who approved it (the Head and Deputies of today)."""
    # Found by their unit's short name too, as every person picker finds them.
    chairs = choices.role_items(meetings.eligible_people(db, today).chairs)
    return [
        FieldSpec(
            "deadline",
            core_tr(task_actions.LABELS["deadline"]),
            DATE,
            help=_tr("Để trống: giữ thời hạn hiện tại; ghi: gia hạn từ ngày chuyển giao"),
        ),
        FieldSpec(
            "approved_by_id",
            core_tr(task_actions.LABELS["approved_by_id"]),
            LOOKUP,
            chairs,
            help=_tr("Khi ghi thời hạn mới: Trưởng ban hoặc Phó Trưởng ban"),
        ),
        FieldSpec(
            "approved_by_text",
            core_tr(task_actions.LABELS["approved_by_text"]),
            placeholder="Công văn số …/BCĐ-VP ngày …",
        ),
    ]


def open_rows(rows: Sequence[TrackedTask], unit_id: int | None) -> list[TrackedTask]:
    """The open tasks among ``rows`` that count for ``unit_id``: what a unit's transfer moves."""
    return [r for r in rows if r.unit_id == unit_id and r.status in OPEN_STATUSES]


class TaskTransferDialog(RecordDialog):
    """Chuyển nhiệm vụ… (``rows`` one task) or Chuyển toàn bộ nhiệm vụ đang mở của đơn vị…
    (``whole_unit``: ``rows`` every open task of the first row's unit, as the page read them)."""

    def __init__(
        self,
        db: Database,
        rows: Sequence[TrackedTask],
        parent: QWidget | None = None,
        *,
        whole_unit: bool = False,
        today: date | None = None,
    ) -> None:
        assert rows
        self.db = db
        self.today = today or date.today()
        self.whole_unit = whole_unit
        self.unit_id = rows[0].unit_id
        self.rows = list(rows)
        # Found by their short names too, as every unit picker (choices.unit_choices).
        unit_items = [u for u in choices.unit_choices(db) if u[0] != self.unit_id]
        fields = [
            FieldSpec("to_unit_id", _label("to_unit_id"), LOOKUP, unit_items, required=True),
            FieldSpec("on", _label("on"), DATE, help=_tr("Để trống: ngày hôm nay")),
            FieldSpec(
                "reason", _label("reason"), MULTILINE, required=True, placeholder=REASON_HINT
            ),
        ]
        if not whole_unit:  # a new deadline for the receiving unit: an extension
            fields += extension_fields(db, self.today)
        title = (
            _tr("Chuyển toàn bộ nhiệm vụ đang mở của đơn vị")
            if whole_unit
            else _tr("Chuyển nhiệm vụ")
        )
        super().__init__(
            title,
            fields,
            self._save,
            values={"on": self.today},
            intro=self._intro(),
            save_text=_tr("Chuyển"),
            key="taskTransfer",
            parent=parent,
        )

    def _intro(self) -> str:
        first = self.rows[0]
        unit = first.unit_label or _tr("(không gắn đơn vị)")
        if first.no_successor:
            unit += f" — {core_tr(NO_SUCCESSOR)}"
        if self.whole_unit:
            lines = [
                _tr("Chuyển {n} nhiệm vụ đang mở của: {unit}").format(n=len(self.rows), unit=unit)
            ]
            lines += [f"• {excerpt(r.content, 90)}" for r in self.rows[:5]]
            if len(self.rows) > 5:
                lines.append(_tr("… và {n} nhiệm vụ khác").format(n=len(self.rows) - 5))
        else:
            lines = [excerpt(first.content, 160), _tr("Đơn vị chủ trì: {unit}").format(unit=unit)]
        lines.append(
            _tr(
                "Đơn vị tiếp nhận chủ trì nhiệm vụ từ ngày chuyển; lịch sử và văn bản lập "
                "trước ngày đó vẫn ghi đơn vị cũ."
            )
        )
        # Said before "Chuyển": the person named as the old unit's official is dropped.
        dropped = task_transfer.no_longer_in_charge(
            self.db,
            task_id=None if self.whole_unit else first.id,
            from_unit_id=self.unit_id if self.whole_unit else None,
            today=self.today,
        )
        if dropped:
            lines.append(
                task_transfer.dropped_text(dropped)
                + " "
                + _tr("Đơn vị tiếp nhận phân công người phụ trách mới.")
            )
        return "\n".join(lines)

    def _save(self, values: dict[str, Any]) -> int:
        given = {k: values[k] for k in ("to_unit_id", "reason", "on")}
        if not self.whole_unit:
            given |= {k: values[k] for k in ("deadline", "approved_by_id", "approved_by_text")}
        try:
            if self.whole_unit:
                moved = task_transfer.transfer_unit_tasks(
                    self.db,
                    self.unit_id,
                    expected_versions={r.id: r.version for r in self.rows},
                    today=self.today,
                    **given,
                )
            else:
                moved = task_transfer.transfer_task(
                    self.db,
                    self.rows[0].id,
                    expected_version=self.rows[0].version,
                    today=self.today,
                    **given,
                )
        except ConflictError as exc:
            try:
                self._read_again()
            except BcdError as unread:  # moved nothing; the tasks not read again either
                again = _tr("Chưa chuyển nhiệm vụ nào. Bấm “Chuyển” lần nữa để đọc lại.")
                raise BcdError(f"{exc.happened} {unread.message} {again}") from exc
            raise BcdError(
                exc.message
                + " "
                + _tr(
                    "Đã đọc lại các nhiệm vụ ({n} nhiệm vụ đang mở); chưa chuyển nhiệm vụ nào. "
                    "Xem lại rồi bấm “Chuyển” lần nữa."
                ).format(n=len(self.rows))
            ) from exc
        return moved.task_ids[0]

    @reading()  # after another officer's save: its refusal says the tasks were not read
    def _read_again(self) -> None:
        """The tasks as they are now, so that the next "Chuyển" is checked against them."""
        unit = self.unit_id if self.whole_unit else None  # a task moved meanwhile: found
        fresh = track_tasks(self.db, unit_id=unit, today=self.today)
        if self.whole_unit:
            self.rows = open_rows(fresh, self.unit_id) or self.rows
        else:
            self.rows = [next((r for r in fresh if r.id == self.rows[0].id), self.rows[0])]
