"""Deleting a reporting round opened by mistake: the question says what goes with it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ...core import round_edit
from ...core.text import short_date


def _tr(text: str) -> str:
    # The context the question had in round_dialogs, where it was first written.
    return QCoreApplication.translate("round_dialogs", text)


def confirm_delete_round(view: Any, row: Any) -> None:
    """Ask, then delete a round opened by mistake (the core refuses once a report is
    recorded in it, or a document about it was issued). The question says what goes with it:
    its waivers (miễn nộp), decisions of the committee; the core's own question names them if
    the list's count is stale (another officer's waiver since)."""
    text = _tr("Xóa hẳn đợt “{title}” (hạn {due}, {units} đơn vị)?").format(
        title=row.title, due=short_date(row.due_date), units=row.units
    )
    if row.waived:
        text += " " + _tr(
            "Cùng đợt sẽ xóa {n} miễn nộp của Ban Chỉ đạo (kèm lý do)."
        ).format(n=row.waived)
    text += " " + _tr("Chỉ dùng khi mở nhầm; không thể hoàn tác.")
    asked = bool(row.waived)  # the waivers were named above: not asked a second time

    def delete(confirm_waivers: bool = False) -> None:
        round_edit.delete_round(
            view.db,
            row.id,
            expected_version=row.version,
            confirm_waivers=confirm_waivers or asked,
        )

    view.confirm(_tr("Xóa đợt báo cáo"), text, delete, yes_text=_tr("Xóa đợt"))
