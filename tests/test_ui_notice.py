"""The notice line under a list ("Đã xuất 12 thành viên…"): one implementation for the rosters
and the meetings' and sessions' lists, kept while its row is selected (a reload, a save), gone
once another row is selected, as the attendance and the minutes clear theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel

from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from bdcq_desktop.ui.tabs.members_tab import MembersTab


def _shown(qtbot: Any, tab: Any) -> Any:
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    return tab


def test_the_rosters_notice_goes_when_another_member_is_selected(
    qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    tab = _shown(qtbot, MembersTab(demo_db))
    view = tab.committee
    notice = view.findChild(QLabel, "notice")
    path = tmp_path / "roster.xlsx"
    view.export_to(str(path))
    qtbot.waitUntil(lambda: str(path) in notice.text(), timeout=10000)
    view.reload()  # the same member still selected: what was done is still said
    assert "Đã xuất" in notice.text()
    current = view.table.current_row()
    assert view.table.select_where(lambda r: r.id != current.id)
    assert notice.text() == ""


def test_the_meetings_notice_is_the_same_line(qtbot: Any, demo_db: Any) -> None:
    tab = _shown(qtbot, MeetingsTab(demo_db))
    view = tab.view
    notice = view.findChild(QLabel, "notice")
    assert notice is view.notice and notice.styleSheet() == "color: #1b5e20;"
    first, second = view.table.visible_rows()[:2]
    assert view.table.select_where(lambda r: r.id == first.id)
    view.say("Đã mời thêm 3 thành viên Ban Chỉ đạo.")
    view.after_save(first.id)
    assert notice.text().startswith("Đã mời thêm")
    assert view.table.select_where(lambda r: r.id == second.id)
    assert notice.text() == ""
