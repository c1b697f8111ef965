"""The Nhiệm vụ page's part in handing tasks over (:mod:`..dialogs.task_transfer_dialog`): the
flag on an open task nobody answers for (its unit retired with no successor), the count in the
page's summary, and the two actions, "Chuyển nhiệm vụ…" (Ctrl+T) and "Chuyển toàn bộ nhiệm vụ
đang mở của đơn vị…" (toolbar and right-click menu; Shift+F10 from the keyboard)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ...core.i18n import tr as core_tr
from ...core.succession import NO_SUCCESSOR
from ...core.tasks import OPEN_STATUSES

if TYPE_CHECKING:
    from ...core.task_tracking import TrackedTask
    from .task_tracking import TaskTrackingPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTrackingPage", text)


# Imported when first opened: the page's first screen needs no dialog.
def _dialogs() -> ModuleType:
    from ..dialogs import task_transfer_dialog

    return task_transfer_dialog


def unit_cell(row: TrackedTask) -> str:
    """The unit in charge, marked when nobody answers for the open task any more."""
    return f"⚠ {row.unit_label}" if row.no_successor else row.unit_label


def unit_tip(row: TrackedTask) -> str:
    return f"{row.unit_label}: {core_tr(NO_SUCCESSOR)}" if row.no_successor else row.unit_label


def unanswered_note(n: int) -> str:
    """The summary's word on the ``n`` open tasks nobody answers for ("" when none)."""
    if not n:
        return ""
    return " " + _tr(
        "⚠ {n} nhiệm vụ đang mở thuộc đơn vị đã thôi hoạt động, chưa có đơn vị tiếp nhận: "
        "chọn nhiệm vụ rồi “Chuyển nhiệm vụ…” (Ctrl+T)."
    ).format(n=n)


def _is_open(row: TrackedTask) -> bool:
    return row.status in OPEN_STATUSES


def add_actions(page: TaskTrackingPage) -> list[QAction]:
    """The page's two transfer actions (each save one core call)."""

    def whole_unit(row: TrackedTask) -> QWidget:
        rows = _dialogs().open_rows(page.every_task(), row.unit_id)
        return _dialogs().TaskTransferDialog(page.db, rows, page, whole_unit=True)

    page.transfer_action = page.add_row_action(
        _tr("Chuyển nhiệm vụ…"),
        lambda row: _dialogs().TaskTransferDialog(page.db, [row], page),
        "transferTaskAction",
        "Ctrl+T",
        when=_is_open,
        tip=_tr("Giao nhiệm vụ đang mở cho đơn vị khác tiếp nhận (Ctrl+T)"),
    )
    page.transfer_all_action = page.add_row_action(
        _tr("Chuyển toàn bộ nhiệm vụ đang mở của đơn vị…"),
        whole_unit,
        "transferUnitTasksAction",
        when=lambda row: _is_open(row) and row.unit_id is not None,
        tip=_tr("Giao mọi nhiệm vụ đang mở của đơn vị này cho một đơn vị khác tiếp nhận"),
    )
    return [page.transfer_action, page.transfer_all_action]
