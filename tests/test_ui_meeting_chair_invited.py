"""The meeting form says, under its fields, that the chair picked will be put on the list of
invitees (core.named_invitees), the old chair staying on it; once saved, the line under the
meetings list says whom the save added."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel

from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.ui import view_state
from tests.test_meetings_core import Roster, base, roster  # noqa: F401

SCREEN = QRect(0, 0, 1366, 728)  # a 1366×768 laptop less its task bar


def _future(days: int = 40) -> datetime:
    """A weekday ``days`` ahead of the real clock, which the window reads."""
    day = date.today() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(8, 0))


def _pick(dialog: Any, key: str, value: Any) -> None:
    editor = dialog.form.editor(key)
    index = editor.findData(value)
    assert index >= 0, (key, value)
    editor.setCurrentIndex(index)


def test_the_form_says_the_new_chair_is_invited_and_the_list_line_says_it_was(
    qtbot: Any, db: Any, roster: Roster  # noqa: F811
) -> None:
    from bdcq_desktop.ui.main_window import MainWindow

    view_state.settings().clear()
    r = roster
    start = _future()
    meeting = create_meeting(
        db,
        **base(r, starts_at=start, ends_at=start + timedelta(hours=3), now=None),
        invitations=[{"person_id": r.member}],
    )  # the Head, its chair, put on the list with the member
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(SCREEN.width(), 768)
    window.show()
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = window.meetings_tab.view
    view.reload()
    assert view.table.select_where(lambda row: row.id == meeting)
    qtbot.waitUntil(lambda: not view.current_pending())
    view.edit_action.trigger()
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "editMeetingDialog"
    note = dialog.findChild(QLabel, "chairInvitedNote")
    assert note is not None and not note.isVisibleTo(dialog)  # the Head is on the list

    _pick(dialog, "chair_id", r.deputy)
    assert note.isVisibleTo(dialog)
    assert note.text() == (
        "Khi lưu: thêm Vũ Thị Hoa (chủ trì) vào danh sách mời. Vũ Duy Tiến vẫn trong danh "
        "sách mời (bỏ ở mục Thành phần mời nếu không mời nữa)."
    )
    _pick(dialog, "chair_id", r.head)
    assert not note.isVisibleTo(dialog)
    _pick(dialog, "chair_id", r.deputy)

    shots = os.environ.get("BDCQ_SHOTS")
    if shots:  # the form over the window, as on a 1366×768 screen
        dialog.move(SCREEN.center() - dialog.rect().center())
        qtbot.waitExposed(dialog)
        picture = window.grab()
        with QPainter(picture) as painter:
            painter.drawPixmap(dialog.pos() - window.pos(), dialog.grab())
        picture.save(str(Path(shots) / "meeting-form-chair-invited.png"))

    assert dialog.try_save(), dialog.banner_label.text()
    invited = [i.name for i in get_meeting(db, meeting).invitees]
    assert invited == ["Nguyễn Bá Thịnh", "Vũ Duy Tiến", "Vũ Thị Hoa"]
    assert view.notice is not None
    assert view.notice.text() == "Đã thêm Vũ Thị Hoa vào danh sách mời."
    qtbot.wait(300)  # the list and the pane read again: the line stays with the meeting
    assert view.notice.text() == "Đã thêm Vũ Thị Hoa vào danh sách mời."
    if shots:
        window.grab().save(str(Path(shots) / "meetings-notice-chair-invited.png"))


def test_a_new_meeting_inviting_the_committee_says_a_delegated_chair_is_added(
    qtbot: Any, db: Any, roster: Roster  # noqa: F811
) -> None:
    """The Head or a Deputy is among the members invited; someone delegated to chair is not,
    and is put on the list with them. Without the committee invited no list is made."""
    from bdcq_desktop.ui.dialogs.meeting_dialogs import new_meeting_dialog

    view_state.settings().clear()
    r = roster
    dialog = new_meeting_dialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    start = _future()
    dialog.form.fields["starts_at"].set_value(start)
    dialog.form.editor("starts_at").edit.editingFinished.emit()
    note = dialog.findChild(QLabel, "chairInvitedNote")
    _pick(dialog, "chair_id", r.head)
    assert not note.isVisibleTo(dialog)
    _pick(dialog, "chair_id", r.outsider)
    assert note.text() == "Khi lưu: thêm Lê Văn Ngoài (chủ trì) vào danh sách mời."
    assert dialog.invite_check is not None
    dialog.invite_check.setChecked(False)
    assert not note.isVisibleTo(dialog)
