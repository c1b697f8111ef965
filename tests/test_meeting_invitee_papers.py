"""A meeting's list of invitees after its convocation or invitation is issued.

The convocation names the committee members called (not the chair, on its "Chủ trì" line);
the invitation names the agency heads, experts and guests. Inviting someone an issued paper
would name, or taking off someone it names, is asked first, naming it, and supersedes it on
yes, as for a working-group session; the corrected paper names the new list and the one it
replaces. A change the issued papers do not print (a guest with only the convocation issued,
someone invited after the paper was issued, a walk-in) asks nothing and leaves it in force."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import register
from bdcq_desktop.core.attendance import check_in
from bdcq_desktop.core.errors import IssuedConvocationWarning
from bdcq_desktop.core.invitees import invite, invite_committee, remove_invitees
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.models import Invitee, InviteeCategory, Meeting
from bdcq_desktop.core.walk_in import add_walk_in, remove_walk_in
from bdcq_desktop.documents import service
from tests.test_issued_convocation_changes import _text
from tests.test_meetings_core import NOW, START, Roster, base, convened, roster  # noqa: F401

DAY = NOW.date()


def _papers(db: Any, meeting: int) -> list[tuple[str, bool]]:
    return [(d.symbol, d.superseded_on is not None) for d in get_meeting(db, meeting).documents]


def _new_member(db: Any, name: str) -> int:
    pid = mem.create_person(db, full_name=name, position="Giám đốc Sở Tài chính")
    mem.appoint(db, pid, role="member", start_date=date(2024, 1, 1))
    return pid


def test_inviting_a_member_after_the_convocation_asks_then_the_corrected_one_names_them(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = convened(db, roster)
    newcomer = _new_member(db, "Đinh Văn Mới")
    d = get_meeting(db, meeting)
    assert d.status == "convened"
    # A guest is on no issued paper (only the convocation is, which names members): not asked.
    invite(db, meeting, [{"guest_name": "Lê Văn Khách"}], expected_version=d.version)
    d = get_meeting(db, meeting)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)] and d.status == "convened"
    # A member is: asked, naming the convocation and whom; nothing written meanwhile.
    with pytest.raises(IssuedConvocationWarning) as asked:
        invite(db, meeting, [{"person_id": newcomer}], expected_version=d.version)
    message = asked.value.message
    assert f"Giấy triệu tập số 01/GTT-BCĐ ngày {DAY:%d/%m/%Y} đã ban hành" in message
    assert "người được triệu tập (thêm Đinh Văn Mới)" in message
    assert len(get_meeting(db, meeting).invitees) == len(d.invitees)
    # "Mời toàn thể Ban Chỉ đạo" asks the same question.
    with pytest.raises(IssuedConvocationWarning, match="Đinh Văn Mới"):
        invite_committee(db, meeting, expected_version=d.version)
    added = invite(
        db,
        meeting,
        [{"person_id": newcomer}],
        expected_version=d.version,
        confirm_after_convocation=True,
    )
    assert added == 1
    d = get_meeting(db, meeting)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]
    assert d.status == "planned"  # nothing calls them until the corrected one is issued
    new = service.issue(db, "convocation", meeting, issued_on=DAY, today=DAY)
    assert new.symbol == "02/GTT-BCĐ" and get_meeting(db, meeting).status == "convened"
    text = _text(register.stored_copy(new))
    assert "Đồng chí Đinh Văn Mới, Giám đốc Sở Tài chính" in text
    assert (
        "Giấy triệu tập này thay thế Giấy triệu tập số 01/GTT-BCĐ ngày 02 tháng 3 năm 2026./."
        in text
    )
    old = next(r for r in register.list_issued(db) if r.symbol == "01/GTT-BCĐ")
    assert "Đinh Văn Mới" not in _text(register.stored_copy(old))  # kept as issued


def test_a_guest_after_the_invitation_supersedes_it_only(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = convened(db, roster)
    d = get_meeting(db, meeting)
    invite(db, meeting, [{"unit_id": roster.health}], expected_version=d.version)
    invitation = service.issue(db, "invitation", meeting, issued_on=DAY, today=DAY)
    d = get_meeting(db, meeting)
    with pytest.raises(IssuedConvocationWarning) as asked:
        invite(db, meeting, [{"guest_name": "Lê Văn Khách"}], expected_version=d.version)
    assert f"Giấy mời số {invitation.symbol} ngày {DAY:%d/%m/%Y}" in asked.value.message
    assert "Giấy triệu tập" not in asked.value.message
    assert "người được mời (thêm Lê Văn Khách)" in asked.value.message
    invite(
        db,
        meeting,
        [{"guest_name": "Lê Văn Khách"}],
        expected_version=d.version,
        confirm_after_convocation=True,
    )
    # The convocation still calls the members: the meeting stays convened.
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False), (invitation.symbol, True)]
    assert get_meeting(db, meeting).status == "convened"
    again = service.issue(db, "invitation", meeting, issued_on=DAY, today=DAY)
    text = _text(register.stored_copy(again))
    assert "Lê Văn Khách" in text and "Ngô Ngọc Thủy" in text
    assert f"Giấy mời này thay thế Giấy mời số {invitation.symbol} ngày 02 tháng 3 năm 2026./." in (
        text
    )


def _invited_without_asking(db: Any, meeting: int, person_id: int, name: str) -> int:
    """A member put on the list after the convocation was issued by a version that did not
    ask (data kept from before): the invitee's id."""
    with db.session() as s:
        m = s.get(Meeting, meeting)
        assert m is not None
        row = Invitee(
            person_id=person_id,
            name_snapshot=name,
            category=InviteeCategory.MEMBER,
            position=len(m.invitees) + 1,
        )
        m.invitees.append(row)
        s.flush()
        return row.id


def test_removing_someone_the_convocation_names_asks_someone_added_after_it_does_not(
    db: Any, roster: Roster  # noqa: F811
) -> None:
    meeting = convened(db, roster)
    late = _invited_without_asking(db, meeting, _new_member(db, "Đinh Văn Mới"), "Đinh Văn Mới")
    d = get_meeting(db, meeting)
    doc = d.documents[0].id
    rows = {r.person_id: r for r in d.invitees}
    # The rows say which paper in force names them: the chair is on its "Chủ trì" line.
    assert rows[roster.deputy].named_in == (doc,)
    assert rows[roster.head].named_in == ()
    assert next(r for r in d.invitees if r.id == late).named_in == ()
    # Taking off the one added after it asks nothing: the convocation stays right.
    version = remove_invitees(db, meeting, [late], expected_version=d.version)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)]
    assert get_meeting(db, meeting).status == "convened"
    deputy = rows[roster.deputy].id
    with pytest.raises(IssuedConvocationWarning) as asked:
        remove_invitees(db, meeting, [deputy], expected_version=version)
    assert "người được triệu tập (bỏ Vũ Thị Hoa)" in asked.value.message
    assert "nên ghi vắng (có lý do)" in asked.value.message
    assert deputy in {r.id for r in get_meeting(db, meeting).invitees}
    remove_invitees(
        db, meeting, [deputy], expected_version=version, confirm_after_convocation=True
    )
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]
    assert get_meeting(db, meeting).status == "planned"


def test_a_walk_in_asks_nothing_and_is_on_no_paper(db: Any, roster: Roster) -> None:  # noqa: F811
    meeting = convened(db, roster)
    d = get_meeting(db, meeting)
    first = next(i for i in d.invitees if i.person_id == roster.standing)
    check_in(db, meeting, first.id, expected_version=d.version, now=START + timedelta(minutes=5))
    walk_in = add_walk_in(
        db,
        meeting,
        {"person_id": _new_member(db, "Đinh Văn Mới")},
        expected_version=get_meeting(db, meeting).version,
        now=START + timedelta(minutes=20),
    )
    d = get_meeting(db, meeting)
    row = next(r for r in d.invitees if r.id == walk_in.invitee_id)
    assert row.walk_in and row.category == "member" and row.named_in == ()
    assert next(r for r in d.invitees if r.id == first.id).named_in == (d.documents[0].id,)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)]
    remove_walk_in(db, meeting, walk_in.invitee_id, expected_version=d.version)
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)]
    assert get_meeting(db, meeting).status == "held"


def test_the_command_line_needs_yes_to_change_whom_an_issued_paper_names(
    db: Any, db_path: Any, roster: Roster  # noqa: F811
) -> None:
    from tests.cli_run import run_bdcq

    meeting = convened(db, roster)
    newcomer = _new_member(db, "Đinh Văn Mới")
    invite_cmd = ["meetings", "invite", str(meeting), "--person", str(newcomer)]
    out = run_bdcq(invite_cmd, db=db_path)
    assert out.returncode == 2
    assert "01/GTT-BCĐ" in out.stderr and "Thêm --yes để vẫn lưu" in out.stderr
    assert _papers(db, meeting) == [("01/GTT-BCĐ", False)]
    out = run_bdcq([*invite_cmd, "--yes"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert _papers(db, meeting) == [("01/GTT-BCĐ", True)]
    # Taken off again: the superseded paper asks nothing more; nothing in force names them.
    [row] = [i for i in get_meeting(db, meeting).invitees if i.person_id == newcomer]
    out = run_bdcq(["meetings", "uninvite", str(meeting), str(row.id)], db=db_path)
    assert out.returncode == 0, out.stderr
    assert all(i.person_id != newcomer for i in get_meeting(db, meeting).invitees)
