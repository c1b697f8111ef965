"""Attending online ("Dự trực tuyến"), for meetings held "trực tiếp kết hợp trực tuyến": the mark
is recorded by the core, the command line and the keyboard (Ctrl+5 in Điểm danh, Shift+Enter in
the live window's check-in box), counted with those attending (the pane, the meetings list, the
minutes) and named apart: the minutes say how many of the present joined online and list them,
the attendance sheet (DS) writes it where they would sign, the history reads it as words. On the
demo's real SQLite file; the PDFs are read back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from bdcq_desktop.core.attendance import AttendanceRow, attendance_rows, record_attendance
from bdcq_desktop.core.attendance_summary import summarise
from bdcq_desktop.core.change_names import Names
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.meetings import get_meeting, list_meetings
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.core.models import InviteeCategory
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_panels import AttendancePanel
from bdcq_desktop.ui.tabs.meeting_attendance import AttendanceSection
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from tests.cli_run import run_bdcq
from tests.pdf_text import flat_text
from tests.test_meeting_docs import demo_ids

MEMBER = InviteeCategory.MEMBER.value


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _members_present(db: Any, meeting_id: int) -> list[AttendanceRow]:
    return [
        r
        for r in attendance_rows(db, meeting_id)
        if r.category == MEMBER and r.status == "present" and not r.takes_the_minutes
    ]


def _two_online(db: Any) -> tuple[int, list[AttendanceRow]]:
    """The demo's held meeting with two members who were present marked as joined online."""
    meeting_id = demo_ids(db)["held"]
    two = _members_present(db, meeting_id)[:2]
    assert len(two) == 2
    record_attendance(
        db,
        meeting_id,
        [{"invitee_id": r.invitee_id, "status": "online"} for r in two],
        expected_version=get_meeting(db, meeting_id).version,
    )
    return meeting_id, two


def test_online_is_counted_with_those_attending_and_named_apart(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    before = summarise(attendance_rows(demo_db, meeting_id))
    listed = next(r for r in list_meetings(demo_db) if r.id == meeting_id).present
    _, two = _two_online(demo_db)

    rows = {r.invitee_id: r for r in attendance_rows(demo_db, meeting_id)}
    for r in two:
        assert (rows[r.invitee_id].status, rows[r.invitee_id].status_label) == (
            "online",
            "Dự trực tuyến",
        )
    after = summarise(list(rows.values()))
    # Still attending: the same counts, two of them online.
    assert after.members_present == before.members_present
    assert after.members_online == 2 and after.guests_online == 0
    assert "2 người dự trực tuyến" in after.text
    assert next(r for r in list_meetings(demo_db) if r.id == meeting_id).present == listed
    detail = get_meeting(demo_db, meeting_id)
    assert detail.attendance_summary is not None
    assert detail.attendance_summary.members_online == 2  # the meeting pane's counts
    # The on-screen minutes name them.
    draft = "\n".join(minutes_draft(demo_db, meeting_id).attendance)
    assert f"{two[0].name} dự trực tuyến" in draft
    # Online is a mark of its own: no reason, no substitute, no arrival time with it.
    with pytest.raises(ValidationError) as caught:
        record_attendance(
            demo_db,
            meeting_id,
            [{"invitee_id": two[0].invitee_id, "status": "online", "reason": "ở xa"}],
            expected_version=get_meeting(demo_db, meeting_id).version,
        )
    assert caught.value.field == "reason"


def test_the_minutes_count_and_list_who_joined_online(demo_db: Any) -> None:
    meeting_id, two = _two_online(demo_db)
    summary = summarise(attendance_rows(demo_db, meeting_id))
    text = flat_text(service.draft(demo_db, "minutes", meeting_id))
    came, called = summary.members_present, summary.members_invited
    line = f"Thành viên Ban Chỉ đạo: dự họp {came}/{called} (trong đó 2 người dự trực tuyến)"
    assert line in text
    # Listed by name, apart from those in the room (in the body or, for a large group, the annex).
    assert "Dự trực tuyến: " + two[0].name in text or f"{two[0].name} (dự trực tuyến)" in text
    assert two[1].name in text.split("dự trực tuyến", 1)[1]
    # The attendance sheet says it where they would have signed.
    sheet = flat_text(service.draft(demo_db, "attendance", meeting_id))
    assert sheet.count("Dự trực tuyến") == 2


def test_the_history_reads_online_as_words() -> None:
    assert Names().reference("invitee", "attendance", "online") == "Dự trực tuyến"


def test_the_command_line_marks_online(demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    row = _members_present(demo_db, meeting_id)[0]
    path = demo_db.sqlite_path
    demo_db.dispose()
    args = ["meetings", "attend", str(meeting_id), "--invitee", str(row.invitee_id)]
    out = run_bdcq([*args, "--status", "online"], db=path)
    assert out.returncode == 0, out.stderr
    shown = json.loads(run_bdcq(["meetings", "show", str(meeting_id), "--format", "json"],
                                db=path).stdout)  # fmt: skip
    marks = {a["invitee_id"]: a["status"] for a in shown["attendance"]}
    assert marks[row.invitee_id] == "online"
    assert shown["attendance_summary"]["members_online"] == 1


def _tab(qtbot: Any, db: Any, meeting_id: int) -> tuple[MeetingsTab, AttendanceSection]:
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.activateWindow()  # the section's keys act where the focus is
    qtbot.waitUntil(tab.isActiveWindow)
    tab.reload()
    assert tab.view.table.select_where(lambda r: r.id == meeting_id)
    section = tab.view.pane.section("attendance")
    tab.view.pane.show_section(tab.view.pane.sections.indexOf(section))
    assert isinstance(section, AttendanceSection)
    return tab, section


def test_ctrl_5_marks_the_selected_invitee_online(qtbot: Any, demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    row = _members_present(demo_db, meeting_id)[0]
    _, section = _tab(qtbot, demo_db, meeting_id)
    section.select(row.invitee_id)
    section.view.setFocus()
    QTest.keyClick(section.view, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    marks = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}
    assert marks[row.invitee_id] == "online"
    shown = next(r for r in section.model.rows() if r.invitee_id == row.invitee_id)
    assert shown.status_label == "Dự trực tuyến"
    assert "1 người dự trực tuyến" in section.counts.text()
    assert "Dự trực tuyến" in section.message.text()


def test_shift_enter_in_the_live_check_in_marks_online(qtbot: Any, demo_db: Any) -> None:
    meeting_id = demo_ids(demo_db)["held"]
    first, second = _members_present(demo_db, meeting_id)[:2]
    host = QWidget()
    qtbot.addWidget(host)
    panel = AttendancePanel(demo_db, meeting_id, lambda: get_meeting(demo_db, meeting_id).version,
                            host)  # fmt: skip
    panel.reload()
    for row, modifier, expected in (
        (first, Qt.KeyboardModifier.ShiftModifier, "online"),
        (second, Qt.KeyboardModifier.NoModifier, "present"),  # Enter as before
    ):
        panel.check_box.setText(row.name)
        QTest.keyClick(panel.check_box, Qt.Key.Key_Return, modifier)
        marks = {r.invitee_id: r.status for r in attendance_rows(demo_db, meeting_id)}
        assert marks[row.invitee_id] == expected
    # Ticked in the checklist: attending.
    items = [panel.list.item(i) for i in range(panel.list.count())]
    online = next(i for i in items if i.text().startswith(first.name))
    assert online.checkState() == Qt.CheckState.Checked
    assert "Dự trực tuyến" in online.text()
