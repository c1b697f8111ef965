"""A meeting's agenda changed after its convocation, invitation or agenda paper is issued.

The convocation and the invitation print the agenda's titles under "Nội dung", each with its
presenter unless the chair presents it or it is procedure; the agenda paper (Chương trình) prints
the times (from the planned minutes), titles and presenters. A save that changes what an issued
paper prints is asked first, naming it, and supersedes that paper on yes, as a new time, place or
invitee does; the corrected paper prints the new agenda and names the one it replaces. A change
no issued paper prints (the minutes, with only the convocation issued) asks nothing. Once the
meeting is held, its papers are history: nothing is asked."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.agenda import reorder_agenda, set_agenda
from bdcq_desktop.core.attendance import check_in
from bdcq_desktop.core.errors import IssuedConvocationWarning
from bdcq_desktop.core.meetings import create_meeting, get_meeting, update_meeting
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.cli_run import run_bdcq
from tests.test_issued_convocation_changes import _text
from tests.test_meetings_core import END, NOW, START, Roster, base, roster  # noqa: F401

DAY = NOW.date()
SCRATCH = os.environ.get("BDCQ_SHOTS")  # a folder: the corrected convocation is saved there

AGENDA = [
    {"title": "Khai mạc, giới thiệu đại biểu", "planned_minutes": 10},
    {"title": "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm", "planned_minutes": 30},
    {"title": "Thảo luận", "planned_minutes": 60},
]


def _meeting(db: Any, r: Roster, *papers: str) -> int:
    """The meeting of :func:`base` with :data:`AGENDA` (the second item presented by the
    Sở Thông tin và Truyền thông's director), its ``papers`` issued on NOW's day."""
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    agenda = [dict(a) for a in AGENDA]
    agenda[1]["presenter_person_id"] = r.standing
    meeting = create_meeting(
        db,
        **base(r),
        invite_committee=True,
        invitations=[{"guest_name": "Lê Văn Khách", "position": "Chuyên gia"}],
        agenda=agenda,
    )
    for kind in papers:
        service.issue(db, kind, meeting, issued_on=DAY, today=DAY)
    return meeting


def _lines(db: Any, meeting: int) -> list[dict[str, Any]]:
    """The agenda as the form sends it back: every item by its id."""
    return [
        {
            "id": a.id,
            "title": a.title,
            "planned_minutes": a.planned_minutes,
            "presenter_person_id": a.presenter_person_id,
        }
        for a in get_meeting(db, meeting).agenda
    ]


def _papers(db: Any, meeting: int) -> list[tuple[str, bool]]:
    return [(d.symbol, d.superseded_on is not None) for d in get_meeting(db, meeting).documents]


NEW_TITLE = "Báo cáo kết quả chuyển đổi số 9 tháng đầu năm"


def test_a_new_title_is_asked_naming_the_papers_then_supersedes_them(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = _meeting(db, roster, "convocation", "invitation")
    d = get_meeting(db, meeting)
    assert d.status == "convened"
    lines = _lines(db, meeting)
    lines[1]["title"] = NEW_TITLE
    with pytest.raises(IssuedConvocationWarning) as asked:
        set_agenda(db, meeting, lines, expected_version=d.version)
    message = asked.value.message
    assert (
        f"Giấy mời số 01/GM-BCĐ ngày {DAY:%d/%m/%Y}; Giấy triệu tập số 01/GTT-BCĐ ngày "
        f"{DAY:%d/%m/%Y} đã ban hành: sau khi thay đổi chương trình (nội dung) cuộc họp"
    ) in message
    assert "cần ban hành lại với số mới" in message
    # Nothing written while it asks.
    assert get_meeting(db, meeting).agenda[1].title == AGENDA[1]["title"]
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False), ("01/GM-BCĐ", False)]
    set_agenda(db, meeting, lines, expected_version=d.version, confirm_after_convocation=True)
    d = get_meeting(db, meeting)
    assert d.agenda[1].title == NEW_TITLE
    assert sorted(_papers(db, meeting)) == [("01/GM-BCĐ", True), ("01/GTT-BCĐ", True)]
    assert d.status == "planned"  # nothing calls them until a corrected paper is issued
    # The corrected convocation prints the new title and names the one it replaces; the old
    # one is kept as issued.
    new = service.issue(db, "convocation", meeting, issued_on=DAY, today=DAY)
    assert new.symbol == "02/GTT-BCĐ" and get_meeting(db, meeting).status == "convened"
    data = register.stored_copy(new)
    if SCRATCH:
        Path(SCRATCH).mkdir(parents=True, exist_ok=True)
        (Path(SCRATCH) / "convocation_02.pdf").write_bytes(data)
    text = _text(data)
    assert f"{NEW_TITLE} (Sở Thông tin và Truyền thông trình bày);" in text
    assert "6 tháng đầu năm (Sở" not in text
    assert (
        "Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ ngày 02 tháng 3 năm 2026./."
        in text
    )
    old = next(x for x in register.list_issued(db) if x.symbol == "01/GTT-BCĐ")
    assert f"{AGENDA[1]['title']} (Sở Thông tin và Truyền thông trình bày)" in _text(
        register.stored_copy(old)
    )


def test_a_change_no_issued_paper_prints_asks_nothing_nor_once_held(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = _meeting(db, roster, "convocation")
    d = get_meeting(db, meeting)
    lines = _lines(db, meeting)
    # The convocation prints no minutes, and no presenter after a procedural item.
    lines[1]["planned_minutes"] = 45
    lines[2]["presenter_person_id"] = roster.standing
    lines[1]["title"] += "."  # its end stop is not printed either
    version = set_agenda(db, meeting, lines, expected_version=d.version)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)]
    assert get_meeting(db, meeting).status == "convened"
    # A new presenter of a report is printed: asked.
    lines = _lines(db, meeting)
    lines[1]["presenter_person_id"] = roster.member
    with pytest.raises(IssuedConvocationWarning, match="01/GTT-BCĐ"):
        set_agenda(db, meeting, lines, expected_version=version)
    # So is a new order (reordering alone too).
    ids = [a.id for a in get_meeting(db, meeting).agenda]
    with pytest.raises(IssuedConvocationWarning, match="01/GTT-BCĐ"):
        reorder_agenda(db, meeting, ids[::-1], expected_version=version)
    version = reorder_agenda(
        db, meeting, ids[::-1], expected_version=version, confirm_after_convocation=True
    )
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]
    # Once the meeting is held, its papers are history: a new title asks nothing.
    service.issue(db, "convocation", meeting, issued_on=DAY, today=DAY)
    d = get_meeting(db, meeting)
    someone = next(i for i in d.invitees if i.person_id == roster.standing)
    check_in(
        db, meeting, someone.id, expected_version=d.version, now=START + timedelta(minutes=5)
    )
    d = get_meeting(db, meeting)
    assert d.status == "held"
    lines = _lines(db, meeting)
    lines[0]["title"] = "Khai mạc"
    set_agenda(db, meeting, lines, expected_version=d.version)
    assert get_meeting(db, meeting).agenda[0].title == "Khai mạc"
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True), ("02/GTT-BCĐ", False)]


def test_the_agenda_paper_prints_the_minutes_and_alone_is_superseded(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = _meeting(db, roster, "convocation", "agenda")
    lines = _lines(db, meeting)
    lines[1]["planned_minutes"] = 45  # the agenda paper's times move; the convocation's not
    with pytest.raises(IssuedConvocationWarning) as asked:
        set_agenda(db, meeting, lines, expected_version=get_meeting(db, meeting).version)
    assert asked.value.message.startswith(
        f"Chương trình số 01/CTr-BCĐ ngày {DAY:%d/%m/%Y} đã ban hành"
    )
    assert "Giấy triệu tập" not in asked.value.message
    set_agenda(
        db,
        meeting,
        lines,
        expected_version=get_meeting(db, meeting).version,
        confirm_after_convocation=True,
    )
    assert sorted(_papers(db, meeting)) == [("01/CTr-BCĐ", True), ("01/GTT-BCĐ", False)]
    assert get_meeting(db, meeting).status == "convened"  # the convocation still calls them
    new = service.issue(db, "agenda", meeting, issued_on=DAY, today=DAY)
    data = register.stored_copy(new)
    if SCRATCH:
        Path(SCRATCH).mkdir(parents=True, exist_ok=True)
        (Path(SCRATCH) / "agenda_02.pdf").write_bytes(data)
    text = _text(data)
    assert "08 giờ 55 phút - Thảo luận" in text  # 30 minutes were 45
    assert "Chương trình này thay thế Chương trình số 01/CTr-BCĐ" in text


def test_the_command_line_refuses_without_yes_and_supersedes_with_it(
    db: Any, db_path: Path, roster: Roster, tmp_path: Path  # noqa: F811
) -> None:
    meeting = _meeting(db, roster, "convocation")
    lines = _lines(db, meeting)
    lines[1]["title"] = NEW_TITLE
    agenda = tmp_path / "agenda.json"
    import json

    agenda.write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    args = ["meetings", "agenda", str(meeting), "--agenda", str(agenda)]
    out = run_bdcq(args, db=db_path)
    assert out.returncode == 2, out.stdout
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {DAY:%d/%m/%Y} đã ban hành" in out.stderr
    assert "--yes" in out.stderr
    assert get_meeting(db, meeting).agenda[1].title == AGENDA[1]["title"]
    out = run_bdcq([*args, "--yes"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert get_meeting(db, meeting).agenda[1].title == NEW_TITLE
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]


def test_a_new_time_or_place_asks_about_the_agenda_paper_too_and_supersedes_it(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    """The agenda paper prints the start (and its items' times from it) and the place: a new
    start or place asks naming it with the convocation, and supersedes both; a new planned end
    alone, which it does not print, leaves it in force."""
    meeting = _meeting(db, roster, "agenda")
    d = get_meeting(db, meeting)
    update_meeting(
        db, meeting, expected_version=d.version, ends_at=END + timedelta(hours=1), now=NOW
    )
    assert _papers(db, meeting) == [("01/CTr-BCĐ", False)]  # nothing asked, still in force
    service.issue(db, "convocation", meeting, issued_on=DAY, today=DAY)
    moved = {"place": "Hội trường lớn, UBND tỉnh", "starts_at": START + timedelta(hours=1)}
    for change in ({"place": moved["place"]}, {"starts_at": moved["starts_at"]}):
        with pytest.raises(IssuedConvocationWarning) as asked:
            update_meeting(
                db, meeting, expected_version=get_meeting(db, meeting).version, now=NOW, **change
            )
        assert f"Chương trình số 01/CTr-BCĐ ngày {DAY:%d/%m/%Y}" in asked.value.message
        assert "Giấy triệu tập số 01/GTT-BCĐ" in asked.value.message
    update_meeting(
        db,
        meeting,
        expected_version=get_meeting(db, meeting).version,
        now=NOW,
        confirm_after_convocation=True,
        **moved,
    )
    assert sorted(_papers(db, meeting)) == [("01/CTr-BCĐ", True), ("01/GTT-BCĐ", True)]
    assert get_meeting(db, meeting).status == "planned"
    issued = service.issue(db, "agenda", meeting, issued_on=DAY, today=DAY)
    text = _text(register.stored_copy(issued))
    assert "09 giờ 00 phút" in text and "Hội trường lớn, UBND tỉnh" in text
    assert "Chương trình này thay thế Chương trình số 01/CTr-BCĐ" in text


# -- the desktop: the agenda dialog asks ---------------------------------------------------------


def test_the_agenda_dialog_asks_naming_the_convocation_then_supersedes_it(
    qtbot: Any, db: Any, roster: Roster  # noqa: F811
) -> None:
    from PySide6.QtCore import Qt

    from bdcq_desktop.ui.dialogs.agenda_dialog import AgendaDialog
    from bdcq_desktop.ui.dialogs.agenda_model import AgendaModel

    meeting = _meeting(db, roster, "convocation")
    dialog = AgendaDialog(db, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.model.setData(dialog.model.index(1, AgendaModel.TITLE), NEW_TITLE)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {DAY:%d/%m/%Y} đã ban hành" in question.text()
    assert "chương trình (nội dung) cuộc họp" in question.text()
    assert get_meeting(db, meeting).agenda[1].title == AGENDA[1]["title"]  # nothing saved
    yes = question.findChild(type(dialog.save_button), "yesButton")
    assert yes is not None and yes.text().replace("&", "") == "Vẫn lưu"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert get_meeting(db, meeting).agenda[1].title == NEW_TITLE
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]
