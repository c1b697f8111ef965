""""Xuất Excel…" of Báo cáo › Nhiệm vụ (:mod:`.task_tracking`): the tasks as the page shows
them (the unit chosen, the status, the search, the columns in their order), a deadline or a
completion date as an Excel date, the days late as a number (:mod:`..table_export`); and, from
the units' table's right-click menu, the units with their counts and rates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..record_view import make_action
from .task_unit_rates import ALL_UNITS

if TYPE_CHECKING:
    from .. import table_export
    from .task_tracking import TaskTrackingPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskTrackingPage", text)


def add_actions(page: TaskTrackingPage) -> list[QAction | None]:
    """The toolbar's "Xuất Excel…" (after a line) and the units' table's own."""
    page.export_action = page.add_action(
        _tr("Xuất Excel…"),
        lambda: export_tasks(page),
        "exportTasksAction",
        tip=_tr(
            "Các nhiệm vụ như đang hiện: đơn vị đang chọn, tình trạng, tìm kiếm, cột, thứ tự "
            "(.xlsx hoặc .csv)"
        ),
    )
    page.export_units_action = make_action(
        page,
        _tr("Xuất Excel…"),
        lambda: export_units(page),
        "exportTaskUnitsAction",
        tip=_tr("Các đơn vị với số nhiệm vụ và tỷ lệ hoàn thành như đang hiện (.xlsx hoặc .csv)"),
    )
    page.units.add_context_actions([page.export_units_action])
    page.report_action = page.add_action(
        _tr("Báo cáo PDF…"),
        lambda: report_listed(page),
        "reportListedTasksAction",
        tip=_tr(
            "Báo cáo tình hình thực hiện nhiệm vụ (văn bản) của đúng các nhiệm vụ đang hiện: "
            "đơn vị đang chọn, tình trạng, tìm kiếm; hoặc theo kỳ báo cáo"
        ),
    )
    return [None, page.export_action, page.report_action]


def tasks_sheet(page: TaskTrackingPage) -> table_export.Sheet:
    from .. import table_export  # when an export is first asked for, not at start

    page.read_every_row()  # not only the first screen's
    return table_export.record_table_sheet(page.tasks, _tr("Nhiệm vụ"))


def units_sheet(page: TaskTrackingPage) -> table_export.Sheet:
    from .. import table_export  # when an export is first asked for, not at start

    page.read_every_row()
    return table_export.record_table_sheet(page.units, _tr("Theo đơn vị"))


def export_tasks(page: TaskTrackingPage) -> None:
    from .. import table_export  # when an export is first asked for, not at start

    unit = page.units.current_row()
    title = _tr("Nhiệm vụ")
    if unit is not None and unit.id != ALL_UNITS:
        title = f"{title} {unit.unit}"
    name = table_export.file_stem(title) + ".xlsx"
    table_export.choose_and_export(page, page.db, name, "reports-export", lambda: tasks_sheet(page))


def export_units(page: TaskTrackingPage) -> None:
    from .. import table_export  # when an export is first asked for, not at start

    name = table_export.file_stem(_tr("Nhiệm vụ theo đơn vị")) + ".xlsx"
    table_export.choose_and_export(page, page.db, name, "reports-export", lambda: units_sheet(page))


def listed_label(page: TaskTrackingPage) -> str:
    """What the list is narrowed by, as the report's title says it: the unit chosen, the
    status, the search ("Sở Nội vụ; tình trạng: Quá hạn; tìm “cổng”")."""
    from ...core.tasks import STATUS_LABELS

    parts = []
    unit = page.units.current_row()
    if unit is not None and unit.id != ALL_UNITS:
        parts.append(unit.unit)
    code = page.status_combo.currentData()
    if code:
        parts.append(_tr("tình trạng: {status}").format(status=STATUS_LABELS[code]))
    query = page.tasks.search.text().strip()
    if query:
        parts.append(_tr("tìm “{text}”").format(text=query))
    return "; ".join(parts) or _tr("tất cả nhiệm vụ")


def narrowed(page: TaskTrackingPage) -> bool:
    """Whether the list shows fewer than its period's tasks (or every task): a unit, a status
    or a search chosen."""
    unit = page.units.current_row()
    return bool(
        (unit is not None and unit.id != ALL_UNITS)
        or page.status_combo.currentData()
        or page.tasks.search.text().strip()
    )


def report_listed(page: TaskTrackingPage) -> QWidget:
    """The tasks report's dialog, "Như danh sách đang hiện" chosen: exactly the tasks shown
    (every one read first, not only the first screen's), the list's narrowing in the title.
    A period chosen on the page is the report's: its tasks as they stood at its end; nothing
    else chosen, the report is the period's own (the same as ``bdcq export tasks`` for it)."""
    from ...core.task_period import ListedTasks
    from ..export_actions import open_document_dialog

    page.read_every_row()
    period = page.period()
    options: dict[str, object] = {} if period is None else {"period": period}
    label = listed_label(page)
    if period is None or narrowed(page):
        ids = frozenset(row.id for row in page.tasks.visible_rows())
        options["shown"] = ListedTasks(ids, label)
    if period is not None:
        label = period.label if not narrowed(page) else f"{period.label}; {label}"
    return open_document_dialog(page, page.db, kind="tasks", listed=(options, label))
