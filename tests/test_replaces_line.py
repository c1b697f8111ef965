"""A corrected document names the issued one it replaces.

A change confirmed after a convocation, an invitation, a working-group convocation or a
conclusions notice was issued supersedes it, and reopening the minutes supersedes them; the
next issue takes a new number. That document (and its draft, which prints what issuing it
prints) states "… này thay thế … số 01/GTT-BCĐ ngày 02 tháng 3 năm 2026." as its last
paragraph (the minutes: their first, their last being the meeting's end), the date written in
words as running text writes dates. A first issue says nothing of the kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from bdcq_desktop.core import register
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.conclusions import get_conclusion, update_conclusion
from bdcq_desktop.core.invitees import Invitation
from bdcq_desktop.core.meetings import create_meeting, get_meeting, update_meeting
from bdcq_desktop.core.minutes_text import reopen_minutes
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents.text import format_date
from tests.pdf_text import flat_text
from tests.test_conclusions_edit import _issue_notice, held_meeting
from tests.test_issued_convocation_changes import LAST, TODAY, convened  # noqa: F401
from tests.test_meetings_core import NOW, START, Roster, base, roster  # noqa: F401


def test_a_reissued_convocation_and_invitation_name_the_ones_they_replace(
    db: Any,
    roster: Roster,  # noqa: F811
) -> None:
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    meeting = create_meeting(
        db,
        invitations=[Invitation(guest_name="Bà Khách Mời", position="Chuyên gia")],
        invite_committee=True,
        **base(roster),
    )
    on = NOW.date()  # 02/03/2026
    first = {
        kind: service.issue(db, kind, meeting, issued_on=on, today=on)
        for kind in ("convocation", "invitation")
    }
    for issued in first.values():
        assert "thay thế" not in flat_text(register.stored_copy(issued))
    moved = START + timedelta(days=1)
    update_meeting(
        db,
        meeting,
        expected_version=get_meeting(db, meeting).version,
        starts_at=moved,
        ends_at=moved + timedelta(hours=3),
        now=NOW,
        confirm_after_convocation=True,
    )
    expected = {
        "convocation": "Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ "
        "ngày 02 tháng 3 năm 2026.",
        "invitation": "Giấy mời này thay thế Giấy mời số 01/GM-BCĐ ngày 02 tháng 3 năm 2026.",
    }
    later = on + timedelta(days=1)
    for kind, sentence in expected.items():
        # The draft prints it as the issue does.
        assert sentence in flat_text(service.draft(db, kind, meeting, today=later))
        again = service.issue(db, kind, meeting, issued_on=later, today=later)
        assert again.symbol.startswith("02/")
        text = flat_text(register.stored_copy(again))
        # The last paragraph, carrying the end mark.
        assert f"{sentence[:-1]}./." in text
    # One copy per addressee says it too.
    per = service.draft(db, "invitation", meeting, today=later, options={"per_addressee": True})
    assert expected["invitation"][:-1] in flat_text(per)


def test_a_reissued_working_group_convocation_names_the_one_it_replaces(
    db: Any,
    convened: int,  # noqa: F811
) -> None:
    sid = convened
    wg.update_session(
        db,
        sid,
        expected_version=get_session(db, sid).version,
        ends_on=LAST + timedelta(days=7),
        confirm_after_convocation=True,
    )
    (old,) = register.list_issued(db)
    assert "thay thế" not in flat_text(register.stored_copy(old))
    new = service.issue(db, "wg-convocation", sid)
    assert new.symbol == "02/GTT-BCĐ"
    assert (
        f"Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ {format_date(TODAY)}./."
    ) in flat_text(register.stored_copy(new))


def test_a_reissued_conclusions_notice_names_the_one_it_replaces(db: Any) -> None:
    ids = held_meeting(db)
    mid, cid = ids["meeting"], ids["conclusion"]
    first = _issue_notice(db, mid)  # 01/TB-BCĐ of 07/07/2026
    assert "thay thế" not in flat_text(register.stored_copy(first))
    edit = get_conclusion(db, cid)
    tasks = [edit.tasks[0], replace(edit.tasks[1], deadline=date(2026, 11, 15))]
    update_conclusion(
        db, cid, edit.text, tasks, expected_version=edit.version, confirm_after_notice=True
    )
    day = date(2026, 7, 8)
    sentence = "Thông báo này thay thế Thông báo số 01/TB-BCĐ ngày 07 tháng 7 năm 2026"
    assert sentence in flat_text(service.draft(db, "conclusions", mid, today=day))
    new = service.issue(db, "conclusions", mid, issued_on=day, today=day)
    assert new.symbol == "02/TB-BCĐ"
    assert f"{sentence}./." in flat_text(register.stored_copy(new))


def test_minutes_issued_again_after_reopening_name_the_issue_they_replace(db: Any) -> None:
    mid = held_meeting(db)["meeting"]
    _issue_notice(db, mid)  # the organisation's names and a notice of its own (not minutes)
    first = service.issue(
        db, "minutes", mid, issued_on=date(2026, 7, 8), today=date(2026, 7, 8),
        confirm_unmarked=True,
    )  # fmt: skip
    assert "thay thế" not in flat_text(register.stored_copy(first))
    reopen_minutes(
        db, mid, "Ghi sai tên đại biểu", expected_version=get_meeting(db, mid).minutes.version
    )
    second = service.issue(
        db, "minutes", mid, issued_on=date(2026, 7, 9), today=date(2026, 7, 9),
        confirm_unmarked=True,
    )  # fmt: skip
    text = flat_text(register.stored_copy(second))
    sentence = f"Biên bản này thay thế Biên bản số {first.symbol} ngày 08 tháng 7 năm 2026."
    assert sentence in text
    # Before the minutes' first line; their last stays the meeting's end.
    assert text.index(sentence) < text.index("Thời gian bắt đầu")
