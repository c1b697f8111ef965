"""On the meeting room's laptop: Tệp › Xuất biên ghi phòng họp… writes the selected meeting's
record (:func:`..core.room_record.export_meeting_record`) for the office to import.

A conclusion typed in the live window and not recorded (no Ctrl+Enter) is only a draft in this
computer's settings (:mod:`.live_conclusions`): the record leaves it out, and the office would
never know it was spoken. So the export asks first, naming it: "Ghi rồi xuất" records it (one
:func:`~..core.conclusions.add_conclusion`, the live window's own call when it is open) and
exports, "Xuất không có kết luận này" exports without it (the draft stays), "Hủy" (Esc)
exports nothing. The command line (``bdcq meetings room-export``) cannot read the window's
settings: it writes the record as the database holds it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..core.errors import BcdError
from . import messages, view_state
from .io_actions import choose_save_path

FILTERS = "Biên ghi phòng họp (*.bcdhop)"
SAVE, WITHOUT, CANCEL = "saveDraftThenExport", "exportWithoutDraft", "cancelExport"


def _tr(text: str) -> str:
    return QCoreApplication.translate("room_record", text)


def draft_of(window: Any, meeting_id: int) -> str:
    """The conclusion typed and not recorded for ``meeting_id``: in the live window when it
    is open on it (its last keystrokes may not be in the settings yet), else the draft kept."""
    from .live_conclusions import draft_key

    live = getattr(window.meetings_tab.view, "live_window", None)
    if live is not None and getattr(live, "meeting_id", None) == meeting_id:
        return str(live.conclusions.input.toPlainText()).strip()
    return str(view_state.value(draft_key(window.db, meeting_id), "") or "").strip()


def export_room_record(window: Any) -> QMessageBox | None:
    """On the laptop: save the selected meeting's record (to a USB stick, say); first the
    question when a conclusion typed for it was not recorded (returned, open)."""
    meeting = window.meetings_tab.view.current_meeting()
    if meeting is None:
        QMessageBox.information(window, _tr("Xuất biên ghi phòng họp"),
                                _tr("Hãy chọn một cuộc họp ở thẻ Cuộc họp trước."))  # fmt: skip
        return None
    draft = draft_of(window, meeting.id)
    if not draft:
        _export(window, meeting.id)
        return None
    role = QMessageBox.ButtonRole
    shown = draft if len(draft) <= 200 else draft[:199] + "…"
    text = _tr(
        "Kết luận đang gõ ở màn hình họp chưa được ghi (Ctrl+Enter), nên không có trong biên "
        "ghi phòng họp:\n“{text}”"
    ).format(text=shown)
    box = messages.question_box(
        window,
        _tr("Kết luận chưa ghi"),
        text,
        [
            messages.Answer(SAVE, _tr("&Ghi rồi xuất"), role.AcceptRole),
            messages.Answer(WITHOUT, _tr("&Xuất không có kết luận này"), role.DestructiveRole),
            messages.Answer(CANCEL, _tr("&Hủy"), role.RejectRole),
        ],
        default=SAVE,
        escape=CANCEL,
        icon=QMessageBox.Icon.Warning,
        informative=_tr("Ghi kết luận này vào cuộc họp rồi xuất biên ghi?"),
        name="roomExportDraftQuestion",
    )

    def answered(_result: int) -> None:
        answer = messages.answer_of(box)
        if answer == WITHOUT or (answer == SAVE and _record(window, meeting.id, draft)):
            _export(window, meeting.id)

    box.finished.connect(answered)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def _record(window: Any, meeting_id: int, draft: str) -> bool:
    """The draft recorded as the meeting's next conclusion; False when refused (said)."""
    from ..core.conclusions import add_conclusion
    from .live_conclusions import _store_draft, draft_key

    live = getattr(window.meetings_tab.view, "live_window", None)
    if live is not None and getattr(live, "meeting_id", None) == meeting_id:
        return bool(live.conclusions.add())  # Ctrl+Enter's call: the box and draft cleared
    try:
        add_conclusion(window.db, meeting_id, draft, expected_version=None)
    except BcdError as exc:
        messages.show_error(window, exc, _tr("Không ghi được kết luận"))
        return False
    _store_draft(draft_key(window.db, meeting_id), "")
    return True


def _export(window: Any, meeting_id: int) -> None:
    from ..core.room_file_name import room_file_name
    from ..core.room_record import export_meeting_record

    name = room_file_name(window.db, meeting_id)  # the meeting's day, the export's time
    path = choose_save_path(window, _tr("Xuất biên ghi phòng họp"), name, FILTERS, "room_record")
    if path is None:
        return
    try:
        written = export_meeting_record(window.db, meeting_id, path)
    except BcdError as exc:
        messages.show_error(window, exc, _tr("Không xuất được biên ghi"))
        return
    said = _tr("Đã lưu biên ghi phòng họp: {path}").format(path=written)
    QMessageBox.information(window, _tr("Xuất biên ghi phòng họp"), said)
