"""The attendance counter of the Điểm danh section and of the live window names the groups as
the minutes do (:mod:`bdcq_desktop.core.attendance_groups`), with the minutes' counts, short
enough for one or two lines at 1366x768.

Before, it said "đại biểu, khách mời dự họp 13/15" for every group but the committee's members
while the minutes on screen and on paper said "Thành viên Tổ công tác: dự họp 3/4", "Khách mời:
dự họp 0/1", … one line per group.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics

from bdcq_desktop.core import meetings
from tests.test_secretary_counts import minutes_counts

# The minutes' group (as printed) → the counter's short name for it after the first group.
SHORT = {
    "Thành viên Ban Chỉ đạo": "Thành viên Ban Chỉ đạo",
    "Thành viên Tổ công tác": "Tổ công tác",
    "Lãnh đạo các cơ quan, đơn vị": "lãnh đạo cơ quan, đơn vị",
    "Chuyên gia, nhà khoa học": "chuyên gia, nhà khoa học",
    "Khách mời": "khách mời",
}


def _held(db: Any) -> list[int]:
    return [r.id for r in meetings.list_meetings(db) if r.status in ("held", "minutes_final")]


def test_the_counter_names_each_group_of_the_minutes_with_its_counts(demo_db: Any) -> None:
    several = 0
    for mid in _held(demo_db):
        printed = minutes_counts(demo_db, mid)
        summary = meetings.get_meeting(demo_db, mid).attendance_summary
        assert summary is not None
        text = summary.text
        assert "đại biểu, khách mời" not in text, mid
        groups = list(printed)  # in the minutes' order
        first, (p, n) = groups[0], printed[groups[0]]
        assert text.startswith(f"{first} dự họp {p}/{n}"), (mid, text)
        for group in groups[1:]:
            p, n = printed[group]
            assert f"; {SHORT[group]} {p}/{n}" in text, (mid, group, text)
        assert text.count(";") == len(groups) - 1, (mid, text)
        several += len(groups) > 2
    assert several  # a meeting with members, agency heads, experts and guests was checked


def test_the_counter_fits_two_lines_of_the_pane_at_1366x768(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui import view_state
    from bdcq_desktop.ui.live_panels import AttendancePanel
    from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab

    view_state.settings().clear()
    # The meeting with the most groups: its counter is the longest of the demo's.
    mid = max(_held(demo_db), key=lambda m: len(minutes_counts(demo_db, m)))
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.view
    assert view.table.select_where(lambda r: r.id == mid)
    section = view.pane.section("attendance")
    view.pane.show_section(view.pane.sections.indexOf(section))
    qtbot.waitExposed(tab)
    label = section.counts
    groups = list(minutes_counts(demo_db, mid))
    assert len(groups) > 2
    assert all(f"; {SHORT[g]} " in label.text() for g in groups[1:]), label.text()
    line = QFontMetrics(label.font()).lineSpacing()
    assert label.heightForWidth(label.width()) <= 2 * line + 2, label.text()

    panel = AttendancePanel(demo_db, mid, lambda: 0, tab)
    panel.reload()
    assert panel.counts.text() == label.text()


def test_every_group_says_its_absent_and_not_yet_marked(qtbot: Any, demo_db: Any) -> None:
    """Not the first group only: "Tổ công tác 0/4" left four people unaccounted for; the
    counter of the live window and of `bdcq meetings show` says each group's alike."""
    from bdcq_desktop.core.attendance import attendance_rows, check_in
    from bdcq_desktop.ui.live_panels import AttendancePanel
    from tests.test_meeting_docs import demo_ids

    for mid in _held(demo_db):
        summary = meetings.get_meeting(demo_db, mid).attendance_summary
        assert summary is not None
        parts = summary.text.rstrip(".").split("; ")
        for part, g in zip(parts, [g for g in summary.groups if g.invited], strict=False):
            assert (f", vắng {g.absent}" in part) == bool(g.absent), (mid, part)
            assert (f", chưa điểm danh {g.unmarked}" in part) == bool(g.unmarked), (mid, part)

    mid = demo_ids(demo_db)["convened"]
    group = [
        r for r in attendance_rows(demo_db, mid)
        if r.category == "working_group" and not r.takes_the_minutes
    ]  # fmt: skip
    assert group
    n = len(group)
    text = meetings.get_meeting(demo_db, mid).attendance_summary.text
    assert f"; Tổ công tác 0/{n}, chưa điểm danh {n}" in text, text
    check_in(demo_db, mid, group[0].invitee_id, expected_version=None, status="absent",
             reason="Đi công tác")  # fmt: skip
    text = meetings.get_meeting(demo_db, mid).attendance_summary.text
    assert f"; Tổ công tác 0/{n}, vắng 1, chưa điểm danh {n - 1}" in text, text
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    panel = AttendancePanel(demo_db, mid, lambda: 0, parent)
    panel.reload()
    assert panel.counts.text() == text
