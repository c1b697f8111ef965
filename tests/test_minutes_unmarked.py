"""Minutes issued while invitees are still "chưa điểm danh": the core asks (one rule, in the
document kind), the GUI says how many and who and offers the attendance or issuing anyway, the
command line refuses unless --allow-unmarked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from bdcq_desktop.core.attendance import attendance_rows, record_attendance
from bdcq_desktop.core.errors import UnmarkedAttendanceWarning
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.register import list_issued
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.tabs.meeting_minutes import MinutesSection
from bdcq_desktop.ui.tabs.meetings_tab import MeetingsTab
from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts
from tests.test_meeting_docs import demo_ids

TIMEOUT = 60_000


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _unmark_two(db: Any) -> tuple[int, list[str]]:
    """The demo's held meeting with its first two invitees set back to not marked."""
    meeting_id = demo_ids(db)["held"]
    rows = attendance_rows(db, meeting_id)[:2]
    version = get_meeting(db, meeting_id).version
    record_attendance(
        db,
        meeting_id,
        [{"invitee_id": r.invitee_id, "status": "unknown"} for r in rows],
        expected_version=version,
    )
    return meeting_id, [r.name for r in rows]


def _minutes_issued(db: Any) -> int:
    return sum(r.kind == "minutes" for r in list_issued(db))


def test_issuing_asks_first_naming_who_then_issues_when_confirmed(demo_db: Any) -> None:
    meeting_id, names = _unmark_two(demo_db)
    before = _minutes_issued(demo_db)
    with pytest.raises(UnmarkedAttendanceWarning) as caught:
        service.issue(demo_db, "minutes", meeting_id)
    assert caught.value.names == tuple(names)
    assert "Còn 2 người được mời chưa điểm danh" in caught.value.message
    assert all(name in caught.value.message for name in names)
    assert _minutes_issued(demo_db) == before  # no number taken
    assert service.issue_question(demo_db, "minutes", meeting_id) is not None
    assert service.issue_question(demo_db, "convocation", meeting_id) is None  # minutes only
    rec = service.issue(demo_db, "minutes", meeting_id, confirm_unmarked=True)
    assert _minutes_issued(demo_db) == before + 1 and rec.kind == "minutes"


def test_the_command_line_refuses_without_allow_unmarked(
    demo_db: Any, tmp_path: Path
) -> None:
    meeting_id, names = _unmark_two(demo_db)
    path = demo_db.sqlite_path
    demo_db.dispose()
    pdf = tmp_path / "bien-ban.pdf"
    args = ["export", "minutes", "--meeting", str(meeting_id), "--issue", "-o", str(pdf)]
    out = run_bdcq(args, db=path)
    assert out.returncode == 2
    assert names[0] in out.stderr and "--allow-unmarked" in out.stderr
    assert not pdf.exists()
    out = run_bdcq([*args, "--allow-unmarked"], db=path)
    assert out.returncode == 0, out.stderr
    text = " ".join(page_texts(pdf)[0].split())
    assert "chưa điểm danh 2" in text  # what the officer confirmed knowingly


def test_the_minutes_section_says_who_and_goes_to_the_attendance(
    qtbot: Any, demo_db: Any
) -> None:
    meeting_id, names = _unmark_two(demo_db)
    tab = MeetingsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.reload()
    view = tab.view
    assert view.table.select_where(lambda r: r.id == meeting_id)
    sec = view.pane.section("minutes")
    assert isinstance(sec, MinutesSection)
    view.pane.sections.setCurrentWidget(sec)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == meeting_id)

    qtbot.mouseClick(sec.finalise_button, Qt.MouseButton.LeftButton)
    box = sec.host.last_dialog
    assert isinstance(box, QMessageBox) and box.objectName() == "issueQuestionBox"
    assert "Còn 2 người" in box.text() and all(name in box.text() for name in names)
    go = box.defaultButton()
    assert go is not None and go.objectName() == "attendanceButton"  # Enter: not "issue"
    go.click()
    assert view.pane.sections.currentWidget() is view.pane.section("attendance")
    assert get_meeting(demo_db, meeting_id).minutes.status != "final"

    view.pane.sections.setCurrentWidget(sec)
    qtbot.mouseClick(sec.finalise_button, Qt.MouseButton.LeftButton)
    box = sec.host.last_dialog
    anyway = next(b for b in box.buttons() if b.objectName() == "issueAnywayButton")
    anyway.click()
    qtbot.waitUntil(lambda: sec.is_locked(), timeout=TIMEOUT)
    assert get_meeting(demo_db, meeting_id).minutes.status == "final"
