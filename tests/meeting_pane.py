"""The meetings tab opened on one meeting's section of its record pane (Điểm danh, Biên bản…),
as an officer reaches it: the list read, the meeting's row picked, the section shown and its
record read."""

from __future__ import annotations

from typing import Any

from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab


def open_section(
    qtbot: Any, db: Any, meeting_id: int, key: str, width: int = 1366
) -> tuple[MeetingsTab, Any]:
    """The tab (``width`` wide, 700 high: the pane beside the list) and its section ``key``
    showing meeting ``meeting_id``."""
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(width, 700)
    tab.show()
    tab.reload()
    view = tab.view
    assert view.table.select_where(lambda r: r.id == meeting_id)
    section = view.pane.section(key)
    view.pane.sections.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.detail is not None and section.detail.id == meeting_id)
    return tab, section
