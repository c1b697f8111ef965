"""The people a meeting names are on its list: its chair and whoever presents an agenda item.

A new or changed chair, a presenter named on the agenda, is invited in the same save if not
invited yet (the old chair stays). After the convocation or invitation is issued the new chair
is a change of its "Chủ trì" line, and a presenter a paper would name a change of its list: both
asked first and, confirmed, supersede it, as for any invitee. Not put on a list: a meeting whose
list is not made yet (its papers call the committee of its day), a meeting already held (its
list of those called is closed), the secretary serving the meeting (on no list)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bdcq_desktop.core import register
from bdcq_desktop.core.agenda import set_agenda
from bdcq_desktop.core.errors import IssuedConvocationWarning
from bdcq_desktop.core.invitees import invite
from bdcq_desktop.core.meetings import create_meeting, get_meeting, record_held, update_meeting
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from tests.test_issued_convocation_changes import _text
from tests.test_meetings_core import NOW, START, Roster, base, convened, roster  # noqa: F401

DAY = NOW.date()


def _invited(db: Any, meeting: int) -> dict[int | None, tuple[str, bool]]:
    """Who is on the list: person id → (category, presents)."""
    return {i.person_id: (i.category, i.presents) for i in get_meeting(db, meeting).invitees}


def _papers(db: Any, meeting: int) -> list[tuple[str, bool]]:
    return [(d.symbol, d.superseded_on is not None) for d in get_meeting(db, meeting).documents]


def test_a_chair_set_or_changed_is_invited_and_the_old_one_stays(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    r = roster
    # A list without its chair: the Head is put on it as the meeting is created.
    meeting = create_meeting(db, **base(r), invitations=[{"person_id": r.member}])
    assert _invited(db, meeting) == {r.member: ("member", False), r.head: ("member", False)}
    d = get_meeting(db, meeting)
    update_meeting(db, meeting, expected_version=d.version, chair_id=r.deputy, now=NOW)
    invited = _invited(db, meeting)
    assert set(invited) == {r.member, r.head, r.deputy}  # the Head stays: the officer decides
    assert invited[r.deputy] == ("member", False)
    assert [i.name for i in get_meeting(db, meeting).invitees][-1] == "Vũ Thị Hoa"
    # Someone delegated to chair is invited too, as who they are (a guest here).
    d = get_meeting(db, meeting)
    update_meeting(
        db,
        meeting,
        expected_version=d.version,
        chair_id=r.outsider,
        chair_delegated_by_id=r.head,
        now=NOW,
    )
    assert _invited(db, meeting)[r.outsider] == ("guest", False)
    # Another field changed, the chair kept: nothing more is invited.
    before = len(get_meeting(db, meeting).invitees)
    d = get_meeting(db, meeting)
    update_meeting(db, meeting, expected_version=d.version, place="Hội trường B", now=NOW)
    assert len(get_meeting(db, meeting).invitees) == before

    # A meeting whose list is not made yet stays without one: its papers call the committee
    # of its day (documents.meeting_data), chair included.
    bare = create_meeting(db, **base(r, title="Họp chưa lập danh sách mời"))
    assert get_meeting(db, bare).invitees == ()
    d = get_meeting(db, bare)
    update_meeting(db, bare, expected_version=d.version, chair_id=r.deputy, now=NOW)
    assert get_meeting(db, bare).invitees == ()
    # The first invitation makes the list: its chair goes on it too, counted as added.
    d = get_meeting(db, bare)
    assert invite(db, bare, [{"guest_name": "Lê Văn Khách"}], expected_version=d.version) == 2
    assert _invited(db, bare)[r.deputy] == ("member", False)


def test_changing_the_chair_after_the_convocation_asks_then_supersedes_it(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    r = roster
    meeting = convened(db, r)
    d = get_meeting(db, meeting)
    # Its "Chủ trì" line would no longer be true: asked, naming it; nothing written.
    with pytest.raises(IssuedConvocationWarning) as asked:
        update_meeting(db, meeting, expected_version=d.version, chair_id=r.deputy, now=NOW)
    message = asked.value.message
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {DAY:%d/%m/%Y} đã ban hành" in message
    assert "người chủ trì cuộc họp" in message
    assert get_meeting(db, meeting).chair.id == r.head  # type: ignore[union-attr]
    update_meeting(
        db,
        meeting,
        expected_version=d.version,
        chair_id=r.deputy,
        now=NOW,
        confirm_after_convocation=True,
    )
    d = get_meeting(db, meeting)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)] and d.status == "planned"
    new = service.issue(db, "convocation", meeting, issued_on=DAY, today=DAY)
    text = _text(register.stored_copy(new))
    assert "Chủ trì: Đồng chí Vũ Thị Hoa" in text
    # The Head, chair no more and still invited, is now among the members convened.
    assert "Đồng chí Vũ Duy Tiến, Chủ tịch UBND tỉnh" in text


def test_a_delegated_chair_after_the_invitation_is_on_its_chair_line_not_its_list(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    r = roster
    meeting = convened(db, r)
    d = get_meeting(db, meeting)
    invite(db, meeting, [{"unit_id": r.health}], expected_version=d.version)
    invitation = service.issue(db, "invitation", meeting, issued_on=DAY, today=DAY)
    d = get_meeting(db, meeting)
    with pytest.raises(IssuedConvocationWarning) as asked:
        update_meeting(
            db,
            meeting,
            expected_version=d.version,
            chair_id=r.outsider,
            chair_delegated_by_id=r.head,
            now=NOW,
        )
    assert f"Giấy mời số {invitation.symbol}" in asked.value.message
    assert "Giấy triệu tập số 01/GTT-BCĐ" in asked.value.message
    update_meeting(
        db,
        meeting,
        expected_version=d.version,
        chair_id=r.outsider,
        chair_delegated_by_id=r.head,
        now=NOW,
        confirm_after_convocation=True,
    )
    row = next(i for i in get_meeting(db, meeting).invitees if i.person_id == r.outsider)
    assert row.category == "guest" and row.named_in == ()
    again = service.issue(db, "invitation", meeting, issued_on=DAY, today=DAY)
    text = _text(register.stored_copy(again))
    assert "Chủ trì: Đồng chí Lê Văn Ngoài" in text
    assert text.count("Lê Văn Ngoài") == 1  # not also invited to what they chair
    assert "Ngô Ngọc Thủy" in text


def test_a_presenter_named_on_the_agenda_is_invited_as_presenter(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    r = roster
    meeting = create_meeting(
        db,
        **base(r),
        invitations=[{"person_id": r.member}],
        agenda=[
            {"title": "Báo cáo chuyên đề dữ liệu số", "presenter_person_id": r.expert},
            {"title": "Báo cáo của Sở Y tế", "presenter_unit_id": r.health},
        ],
    )
    invited = _invited(db, meeting)
    assert invited[r.expert] == ("expert", True)
    assert r.health_head not in invited  # a unit presenting is not a person named
    d = get_meeting(db, meeting)
    lines = [*d.agenda_lines(), {"title": "Báo cáo tiến độ", "presenter_person_id": r.standing}]
    # The meeting's secretary serving it presents: on no list (core.meeting_secretary).
    lines.append({"title": "Báo cáo công tác thư ký", "presenter_person_id": r.secretary})
    set_agenda(db, meeting, lines, expected_version=d.version)
    invited = _invited(db, meeting)
    assert invited[r.standing] == ("member", True)
    assert r.secretary not in invited

    # Once held, the list of those called is closed: a correction of the agenda invites no one.
    d = get_meeting(db, meeting)
    record_held(db, meeting, expected_version=d.version, now=START + timedelta(minutes=5))
    d = get_meeting(db, meeting)
    lines = [*d.agenda_lines(), {"title": "Ý kiến", "presenter_person_id": r.outsider}]
    set_agenda(db, meeting, lines, expected_version=d.version)
    assert r.outsider not in _invited(db, meeting)


def test_a_presenter_after_the_papers_is_one_question_naming_each_paper(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    """An opening item's presenter is printed by the agenda paper only; invited, the member
    is named by the convocation too: one question names both, and yes supersedes both."""
    r = roster
    update_organisation(
        db,
        parent_body="UBND TỈNH NGHỆ AN",
        place_name="Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
    )
    meeting = create_meeting(
        db,
        **base(r),
        invitations=[{"person_id": r.head}, {"person_id": r.deputy}],
        agenda=[{"title": "Khai mạc", "planned_minutes": 10}],
    )
    for kind in ("convocation", "agenda"):
        service.issue(db, kind, meeting, issued_on=DAY, today=DAY)
    d = get_meeting(db, meeting)
    lines = [{"id": d.agenda[0].id, "title": "Khai mạc", "planned_minutes": 10,
              "presenter_person_id": r.standing}]  # fmt: skip
    with pytest.raises(IssuedConvocationWarning) as asked:
        set_agenda(db, meeting, lines, expected_version=d.version)
    message = asked.value.message
    assert "Giấy triệu tập số 01/GTT-BCĐ" in message and "Chương trình số" in message
    assert "thêm Cao Bá Công" in message
    assert r.standing not in _invited(db, meeting)
    set_agenda(db, meeting, lines, expected_version=d.version, confirm_after_convocation=True)
    assert _invited(db, meeting)[r.standing] == ("member", True)
    assert [gone for _s, gone in _papers(db, meeting)] == [True, True]
    assert get_meeting(db, meeting).status == "planned"
