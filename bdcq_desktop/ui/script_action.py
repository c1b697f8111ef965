"""Kịch bản điều hành…: the chair's running script of the selected meeting, written to a PDF.

Offered where the meeting's agenda paper is: a row action of the meetings list (its context
menu, Ctrl+Shift+K while the list or the pane has the focus) and a button of the meeting
pane's Văn bản section. The script is a working paper, never issued, so it takes no place in
the document dialog (preview, issue, register): it is written where the officer chooses, as
a spreadsheet export is, and printed from there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..core.errors import BcdError
from ..core.models import MeetingStatus
from . import io_actions, messages

PDF_FILTER = "PDF (*.pdf)"
SHORTCUT = "Ctrl+Shift+K"


def _tr(text: str) -> str:
    return QCoreApplication.translate("script_action", text)


def script_file_name(row: Any) -> str:
    """``kich-ban-dieu-hanh-2027-01-08-14.pdf``, the name ``bdcq export script`` gives too."""
    from ..documents.script_docs import script_file_name as named

    return named(row.id, row.starts_at)


def add_script_action(view: Any) -> QAction:
    """The row action on ``view`` (the meetings list, a :class:`.record_view.RecordView`):
    any meeting but a cancelled one."""
    cancelled = MeetingStatus.CANCELLED.value
    text = _tr("Kịch bản điều hành…")
    action: QAction = view.add_row_action(
        text,
        lambda row: export_script(view, row),
        "scriptAction",
        SHORTCUT,
        tip=_tr(
            "Kịch bản điều hành cuộc họp cho chủ trì (PDF): thời gian, lời dẫn, người trình "
            "bày từng nội dung, thành phần, kết luận kỳ trước; giấy tờ làm việc, không ban hành"
        ),
        when=lambda row: row.status != cancelled,
    )
    # A button mirroring it keeps the "…" (Qt drops it from the icon text), as the agenda
    # paper's button beside it shows it: a file is asked for first.
    action.setIconText(text)
    return action


def export_script(view: Any, row: Any) -> None:
    """Ask where, then write the script of ``row``'s meeting (nothing is opened: returns None
    to the view, which has no dialog to show)."""
    path = io_actions.choose_save_path(
        view, _tr("Xuất kịch bản điều hành"), script_file_name(row), PDF_FILTER, "documents"
    )
    if path:
        write_script(view, path, row.id)


def write_script(view: Any, path: str | Path, meeting_id: int) -> Path | None:
    """Write the script to ``path`` and say where; a refusal (the database's own file, a
    cancelled meeting, a folder that cannot be written) is shown, and None returned."""
    # The document engine and reportlab: loaded when a script is first asked for.
    from ..documents.script_docs import export_script as write

    try:
        target = write(view.db, meeting_id, path)
    except (BcdError, OSError) as exc:
        parent = view if isinstance(view, QWidget) else None
        view.last_dialog = messages.show_error(parent, exc)
        return None
    view.say(_tr("Đã xuất kịch bản điều hành ra {path}.").format(path=target))
    return target

