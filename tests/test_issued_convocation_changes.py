"""A record changed after its convocation is issued (audit of the working group, items 1 and 9).

New days (or a new place) for a session, a participant taken off it, a meeting moved: the save
is asked first, naming the issued convocation; confirmed, that convocation is marked superseded
in the same transaction, the record is planned again, and a corrected convocation is issued
under a new number (the old one stays in the register with its stored copy). A first day moved
before the convocation's date is refused, naming the field. The results report cites the
convocation in force, its date written as running text writes dates."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members as m
from bdcq_desktop.core import register
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.errors import IssuedConvocationWarning, ValidationError
from bdcq_desktop.core.meetings import get_meeting, update_meeting
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import format_date
from tests.calendar_support import enter_days_off
from tests.cli_run import run_bdcq
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts
from tests.test_meetings_core import NOW, START, Roster, base, roster  # noqa: F401
from tests.test_meetings_core import convened as convened_meeting

TODAY = date.today()
# Two weeks ahead, Monday to Friday: the convocation is issued today, before the first day.
FIRST = TODAY + timedelta(days=14 - TODAY.weekday())
LAST = FIRST + timedelta(days=4)


def _appoint(db: Any, name: str, role: str) -> int:
    appointment = {"role": role, "start_date": "01/01/2025"}
    mid = m.appoint_new(db, body="group", person={"full_name": name}, appointment=appointment)
    return next(r.person_id for r in m.list_group(db, include_former=True) if r.id == mid)


def convened_session(db: Any, starts_on: date, ends_on: date, called_on: date | None = None) -> int:
    """A session of three people (the leader, a member, an expert) from ``starts_on`` to
    ``ends_on``, its convocation 01/GTT-BCĐ issued on ``called_on`` (today if None)."""
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    people = [
        _appoint(db, "Hoàng Quang Tuấn", "leader"),
        _appoint(db, "Bùi Thị Ngân", "member"),
        m.create_person(db, full_name="Nguyễn Trọng Khánh", kind="expert"),
    ]
    sid = wg.create_session(
        db,
        purpose="proposal",
        title="Xây dựng dự thảo Đề án dữ liệu số",
        starts_on=starts_on,
        ends_on=ends_on,
        place="Phòng họp số 2",
    )
    sp.add_participants(db, sid, person_ids=people, expected_version=get_session(db, sid).version)
    # Its days follow the clock: from 2028 their year is past the shipped calendar, and the
    # convocation, which prints their count, would first ask to enter its days off.
    enter_days_off(db, *range(starts_on.year, ends_on.year + 1))
    dated = {} if called_on is None else {"issued_on": called_on, "today": called_on}
    assert service.issue(db, "wg-convocation", sid, **dated).symbol == "01/GTT-BCĐ"
    return sid


@pytest.fixture
def convened(db: Any) -> int:
    """A session of three people whose convocation 01/GTT-BCĐ was issued today."""
    return convened_session(db, FIRST, LAST)


def _text(data: bytes) -> str:
    return " ".join(" ".join(t.split()) for t in page_texts(data))


def _annex_names(data: bytes) -> list[str]:
    rows = [r for tables in page_tables(data) for t in tables for r in t]
    return [r[1] for r in rows if r and (r[0] or "").isdigit() and len(r) == 4]


def _issued(db: Any, sid: int) -> list[tuple[str, bool]]:
    return [(d.symbol, d.superseded_on is not None) for d in get_session(db, sid).documents]


def test_new_days_are_asked_then_supersede_the_convocation_and_a_corrected_one_is_issued(
    db: Any, convened: int
) -> None:
    sid, later = convened, LAST + timedelta(days=7)
    d = get_session(db, sid)
    assert d.status_label == "Đã triệu tập"
    # Asked, naming the issued convocation; nothing saved until the officer says yes.
    with pytest.raises(IssuedConvocationWarning) as asked:
        wg.update_session(db, sid, expected_version=d.version, ends_on=later)
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {TODAY:%d/%m/%Y} đã ban hành" in (
        asked.value.message
    )
    assert "cần ban hành lại với số mới" in asked.value.message
    assert get_session(db, sid).ends_on == LAST and _issued(db, sid) == [("01/GTT-BCĐ", False)]
    # A change the convocation does not print is not asked.
    version = wg.update_session(db, sid, expected_version=d.version, notes="Mang máy tính")
    # Confirmed: saved, the convocation superseded in the same call, the session planned again.
    wg.update_session(
        db, sid, expected_version=version, ends_on=later, confirm_after_convocation=True
    )
    d = get_session(db, sid)
    assert d.ends_on == later and _issued(db, sid) == [("01/GTT-BCĐ", True)]
    assert d.status_label == "Dự kiến"
    old = register.list_issued(db)[0]
    assert old.superseded_on == TODAY
    # The corrected convocation takes the next number and prints the new days.
    new = service.issue(db, "wg-convocation", sid)
    assert new.symbol == "02/GTT-BCĐ"
    text = _text(register.stored_copy(new))
    assert f"đến {format_date(later)}" in text
    assert f"đến {format_date(LAST)}" in _text(register.stored_copy(old))  # kept as issued
    assert get_session(db, sid).status_label == "Đã triệu tập"
    assert _issued(db, sid) == [("01/GTT-BCĐ", True), ("02/GTT-BCĐ", False)]


def test_a_first_day_before_the_convocation_is_refused_naming_the_field(
    db: Any, convened: int
) -> None:
    sid = convened
    version = get_session(db, sid).version
    with pytest.raises(ValidationError) as refused:
        wg.update_session(
            db,
            sid,
            expected_version=version,
            starts_on=TODAY - timedelta(days=3),
            confirm_after_convocation=True,
        )
    assert refused.value.field == "starts_on"
    assert refused.value.message.startswith(
        f'"Từ ngày" ({TODAY - timedelta(days=3):%d/%m/%Y}) sớm hơn ngày ban hành Giấy triệu '
        f"tập số 01/GTT-BCĐ ngày {TODAY:%d/%m/%Y}"
    )
    assert get_session(db, sid).starts_on == FIRST and _issued(db, sid) == [("01/GTT-BCĐ", False)]


def test_removing_a_convened_participant_is_asked_and_the_reissue_lists_who_is_left(
    db: Any, convened: int
) -> None:
    sid = convened
    d = get_session(db, sid)
    gone = next(p for p in d.participants if p.name == "Bùi Thị Ngân")
    with pytest.raises(IssuedConvocationWarning) as asked:
        sp.remove_participants(db, sid, [gone.id], expected_version=d.version)
    assert "01/GTT-BCĐ" in asked.value.message and "Bùi Thị Ngân" in asked.value.message
    assert "nên ghi vắng (có lý do)" in asked.value.message
    assert len(get_session(db, sid).participants) == 3
    sp.remove_participants(
        db, sid, [gone.id], expected_version=d.version, confirm_after_convocation=True
    )
    assert _issued(db, sid) == [("01/GTT-BCĐ", True)]
    # The report no longer cites the superseded convocation; the corrected one lists two, as
    # the report counts them.
    assert "Thực hiện Quy chế hoạt động" in _text(service.draft(db, "wg-report", sid))
    new = service.issue(db, "wg-convocation", sid)
    assert _annex_names(register.stored_copy(new)) == ["Hoàng Quang Tuấn", "Nguyễn Trọng Khánh"]
    report = _text(service.draft(db, "wg-report", sid, today=LAST))
    assert "Thành phần: 2 người được triệu tập" in report


def test_the_report_cites_the_convocation_date_as_running_text_does(
    db: Any, convened: int
) -> None:
    report = _text(service.draft(db, "wg-report", convened, today=LAST))
    assert f"Thực hiện Giấy triệu tập số 01/GTT-BCĐ {format_date(TODAY)}, Tổ công tác" in report
    assert f"ngày {TODAY:%d/%m/%Y}" not in report


def test_the_command_line_issues_the_corrected_convocation(
    db: Any, db_path: Path, convened: int, tmp_path: Path
) -> None:
    """Before: ``export --issue`` gave back the stored 01/GTT-BCĐ with the old days."""
    sid, later = convened, LAST + timedelta(days=7)
    wg.update_session(
        db,
        sid,
        expected_version=get_session(db, sid).version,
        ends_on=later,
        confirm_after_convocation=True,
    )
    out_pdf = tmp_path / "gtt.pdf"
    out = run_bdcq(
        ["export", "wg-convocation", "--session", str(sid), "--issue", "-o", str(out_pdf)],
        db=db_path,
    )
    assert out.returncode == 0, out.stderr
    assert "02/GTT-BCĐ" in out.stdout + out.stderr
    assert f"đến {format_date(later)}" in _text(out_pdf.read_bytes())
    # The register keeps the superseded one, with the day it stopped being in force.
    listed = run_bdcq(["documents", "list", "--format", "csv"], db=db_path)
    assert listed.returncode == 0, listed.stderr
    ends = {line.split(",")[2]: line.split(",")[-1] for line in listed.stdout.splitlines()[1:]}
    assert ends == {"01/GTT-BCĐ": TODAY.isoformat(), "02/GTT-BCĐ": ""}


def test_a_meeting_moved_after_its_convocation_behaves_alike(db: Any, roster: Roster) -> None:  # noqa: F811
    meeting = convened_meeting(db, roster)
    d = get_meeting(db, meeting)
    assert d.status == "convened"
    moved = START + timedelta(days=1)
    with pytest.raises(IssuedConvocationWarning, match="01/GTT-BCĐ"):
        update_meeting(
            db, meeting, expected_version=d.version, starts_at=moved, ends_at=None, now=NOW
        )
    with pytest.raises(ValidationError) as refused:
        update_meeting(
            db,
            meeting,
            expected_version=d.version,
            starts_at=datetime.combine(NOW.date() - timedelta(days=1), START.time()),
            ends_at=None,
            now=NOW - timedelta(days=2),
            confirm_after_convocation=True,
        )
    assert refused.value.field == "starts_at"
    update_meeting(
        db,
        meeting,
        expected_version=d.version,
        starts_at=moved,
        ends_at=moved + timedelta(hours=3),
        now=NOW,
        confirm_after_convocation=True,
    )
    d = get_meeting(db, meeting)
    assert d.status == "planned"
    assert [(x.symbol, x.superseded_on is not None) for x in d.documents] == [
        ("01/GTT-BCĐ", True)
    ]
    again = service.issue(db, "convocation", meeting, issued_on=NOW.date(), today=NOW.date())
    assert again.symbol == "02/GTT-BCĐ" and get_meeting(db, meeting).status == "convened"


# -- the desktop: the question before the save ---------------------------------------------------

SHOTS = os.environ.get("BDCQ_SHOTS")  # a folder: the questions are saved there as PNG files


@pytest.fixture
def sessions_tab(qtbot: Any, demo_db: Any) -> Any:
    from bdcq_desktop.ui import view_state
    from bdcq_desktop.ui.tabs.sessions_tab import WorkingSessionsTab

    view_state.settings().clear()
    members = [r.person_id for r in m.list_group(demo_db)][:3]
    sid = wg.create_session(
        demo_db,
        purpose="proposal",
        title="Xây dựng dự thảo Đề án dữ liệu số",
        starts_on=FIRST,
        ends_on=LAST,
    )
    sp.add_participants(
        demo_db, sid, person_ids=members, expected_version=get_session(demo_db, sid).version
    )
    enter_days_off(demo_db, *range(FIRST.year, LAST.year + 1))  # as in convened_session
    issued = service.issue(demo_db, "wg-convocation", sid)
    tab = WorkingSessionsTab(demo_db)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: not tab.view.current_pending())
    assert tab.view.select_session(sid)
    qtbot.waitUntil(lambda: not tab.view.current_pending())
    tab.issued = issued  # type: ignore[attr-defined]
    tab.session_id = sid  # type: ignore[attr-defined]
    yield tab
    view_state.settings().clear()


def _shot(widget: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))


def test_the_edit_dialog_asks_naming_the_convocation_then_supersedes_it(
    qtbot: Any, sessions_tab: Any
) -> None:
    from PySide6.QtCore import Qt

    view, sid, issued = sessions_tab.view, sessions_tab.session_id, sessions_tab.issued
    later = LAST + timedelta(days=7)
    view.table.view.setFocus()
    qtbot.keyClick(view.table.view, Qt.Key.Key_Return)
    dialog = view.last_dialog
    assert dialog is not None and dialog.objectName() == "editSessionDialog"
    ends = dialog.form.editor("ends_on").edit
    ends.setFocus()
    ends.selectAll()
    qtbot.keyClicks(ends, f"{later:%d/%m/%Y}")
    dialog.save_button.setFocus()
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert f"Giấy triệu tập số {issued.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in (
        question.text()
    )
    _shot(sessions_tab.window(), "edit_tab.png")
    _shot(dialog, "edit_dialog.png")
    _shot(question, "edit_question.png")
    assert get_session(view.db, sid).ends_on == LAST  # nothing saved while it asks
    yes = question.findChild(type(dialog.save_button), "yesButton")
    assert yes is not None and yes.text().replace("&", "") == "Vẫn lưu"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    d = get_session(view.db, sid)
    assert d.ends_on == later and [x.superseded_on for x in d.documents] == [TODAY]
    # The Văn bản section says it needs issuing again; the heading no longer says convened.
    qtbot.waitUntil(lambda: not view.current_pending())
    section = view.pane.section("sessionDocuments")
    rows = {r.kind: r for r in section.model.rows()}
    assert rows["wg-convocation"].symbol == issued.symbol
    assert rows["wg-convocation"].note == "cần ban hành lại"
    assert "Dự kiến" in view.pane.heading.text()
    _shot(sessions_tab.window(), "documents_after_edit.png")


def test_removing_a_convened_participant_asks_once_naming_the_convocation(
    qtbot: Any, sessions_tab: Any
) -> None:
    from PySide6.QtCore import QItemSelectionModel, Qt

    view, sid, issued = sessions_tab.view, sessions_tab.session_id, sessions_tab.issued
    section = view.pane.section("participants")
    first = section.model.index(0, 0)
    section.view.selectionModel().select(
        first,
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows,
    )
    name = section.selected_ids()
    assert len(name) == 1
    view.remove_participants()
    box = view.last_dialog
    assert box is not None and box.isVisible()
    assert f"Giấy triệu tập số {issued.symbol} ngày {TODAY:%d/%m/%Y} đã ban hành" in box.text()
    assert "nên ghi vắng (có lý do)" in box.text()
    _shot(box, "remove_question.png")
    yes = box.findChild(type(box.buttons()[0]), "yesButton")
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(get_session(view.db, sid).participants) == 2, timeout=60_000)
    # One question: the core's own was answered by it.
    assert view.last_dialog is box or not view.last_dialog.isVisible()
    assert [x.superseded_on for x in get_session(view.db, sid).documents] == [TODAY]
