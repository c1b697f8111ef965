"""Two officers changing two children of one record at the same time, headless, each through a
Database of their own on one real SQLite file (and on a real PostgreSQL server): checking in
two different invitees of one meeting, recording the reports of two different units of one
round. Each passes what it saw of the child (its version) with the parent's version read: the
second is accepted though the parent's version has moved on, the parent is bumped by each;
the same child changed by the other is still a conflict, and what the parent's current state
refuses (the minutes final, the unit taken off the round) is still refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import reports, round_edit, rounds, submissions
from bdcq_desktop.core.agenda import AgendaLine, set_agenda
from bdcq_desktop.core.attendance import attendance_rows, check_in
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.errors import BcdError, ConflictError, NotFoundError, ValidationError
from bdcq_desktop.core.invitees import Invitation, invite
from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes import finalise_issued, minutes_state
from tests.test_meeting_record import DURING, _meeting
from tests.test_reports_core import TODAY
from tests.test_reports_core import setup as setup  # the fixture, as it is there


@pytest.fixture
def other(db_path: Path, db: Any) -> Iterator[Database]:
    """The second officer's PC: another Database on the same file."""
    database = open_database(db_path)
    yield database
    database.dispose()


def _rows(db: Any, meeting_id: int) -> dict[int, Any]:
    return {r.invitee_id: r for r in attendance_rows(db, meeting_id)}


def _two_officers_check_in(a: Any, b: Any) -> None:
    ids = _meeting(a)
    mid = ids["meeting"]
    # Both load the meeting: its version and the sheet.
    seen_a, seen_b = get_meeting(a, mid), get_meeting(b, mid)
    sheet_b = {r.invitee_id: r for r in seen_b.attendance}
    first, second = ids["inv_an"], ids["inv_binh"]
    # A checks in the first invitee.
    after_a = check_in(
        a,
        mid,
        first,
        expected_version=seen_a.version,
        invitee_version=_rows(a, mid)[first].version,
        now=DURING,
    )
    assert after_a == seen_a.version + 1
    # B checks in the second with the meeting's version read before A's mark: nothing B saw
    # has changed, so it is accepted, and the meeting's version is bumped again.
    after_b = check_in(
        b,
        mid,
        second,
        expected_version=seen_b.version,
        invitee_version=sheet_b[second].version,
        now=DURING,
    )
    assert after_b == seen_b.version + 2 == get_meeting(a, mid).version
    marks = _rows(a, mid)
    assert (marks[first].status, marks[second].status) == ("late", "late")
    # B now marks the first invitee, which A changed after B read it: a conflict.
    with pytest.raises(ConflictError) as exc:
        check_in(
            b,
            mid,
            first,
            expected_version=seen_b.version,
            invitee_version=sheet_b[first].version,
            status="absent",
            reason="Ốm",
            now=DURING,
        )
    assert "Nguyễn Văn An" in exc.value.message and "người khác" in exc.value.message
    assert _rows(a, mid)[first].status == "late" and get_meeting(a, mid).version == after_b
    # The minutes become final: B's check-in of the guest, untouched, is refused as the
    # meeting refuses any mark now, with the meeting's state named.
    with a.session() as s:
        finalise_issued(s, minutes_state(a, mid), "a" * 64)
    final = get_meeting(a, mid).version
    guest = ids["inv_guest"]
    with pytest.raises(BcdError) as refused:
        check_in(
            b,
            mid,
            guest,
            expected_version=seen_b.version,
            invitee_version=sheet_b[guest].version,
            now=DURING,
        )
    assert "không sửa được nữa" in refused.value.message
    assert _rows(a, mid)[guest].status == "unknown" and get_meeting(a, mid).version == final


def test_two_officers_check_in_two_invitees(db: Any, other: Database) -> None:
    _two_officers_check_in(db, other)


def test_two_officers_check_in_two_invitees_on_postgresql(pg_db: Any) -> None:
    second = Database(pg_db.url)
    try:
        _two_officers_check_in(pg_db, second)
    finally:
        second.dispose()


def test_without_the_invitee_version_the_meeting_guards_as_before(
    db: Any, other: Database
) -> None:
    ids = _meeting(db)
    mid = ids["meeting"]
    read = get_meeting(other, mid).version
    check_in(db, mid, ids["inv_an"], expected_version=read, now=DURING)
    with pytest.raises(ConflictError):
        check_in(other, mid, ids["inv_binh"], expected_version=read, now=DURING)
    with pytest.raises(ValidationError) as exc:
        check_in(other, mid, ids["inv_binh"], expected_version=None, invitee_version=True)
    assert exc.value.field == "invitee_version"


def _agenda_beside_the_invitees(a: Any, b: Any) -> None:
    mid = _meeting(a)["meeting"]
    read = get_meeting(b, mid)  # B opens the agenda
    versions = {item.id: item.version for item in read.agenda}
    lines = read.agenda_lines()
    lines[1] = AgendaLine("Báo cáo kết quả 6 tháng", 60, id=lines[1].id)
    # A invites a guest meanwhile: the meeting's version moves, not its agenda's.
    invite(a, mid, [Invitation(guest_name="Ông Khách A")], expected_version=read.version)
    after = set_agenda(b, mid, lines, expected_version=read.version, item_versions=versions)
    now = get_meeting(a, mid)
    assert after == now.version == read.version + 2
    assert [x.title for x in now.agenda] == ["Khai mạc", "Báo cáo kết quả 6 tháng"]
    assert "Ông Khách A" in [i.name for i in now.invitees]
    # A retitles an item B read: B's save from that read is a conflict, nothing written.
    versions = {item.id: item.version for item in now.agenda}
    first = now.agenda_lines()
    set_agenda(a, mid, [AgendaLine("Khai mạc (A)", 10, id=first[0].id), first[1]],
               expected_version=now.version, item_versions=versions)  # fmt: skip
    with pytest.raises(ConflictError) as exc:
        set_agenda(b, mid, first[:1], expected_version=now.version, item_versions=versions)
    assert "Chương trình" in exc.value.message
    # An item A added meanwhile: B's save would drop it, so it is a conflict too.
    now = get_meeting(a, mid)
    versions = {item.id: item.version for item in now.agenda}
    set_agenda(a, mid, [*now.agenda_lines(), AgendaLine("Bế mạc", 5)],
               expected_version=now.version, item_versions=versions)  # fmt: skip
    with pytest.raises(ConflictError):
        set_agenda(b, mid, now.agenda_lines(), expected_version=None, item_versions=versions)
    assert [x.title for x in get_meeting(a, mid).agenda] == [
        "Khai mạc (A)",
        "Báo cáo kết quả 6 tháng",
        "Bế mạc",
    ]


def test_two_officers_one_on_the_agenda_one_on_the_invitees(db: Any, other: Database) -> None:
    _agenda_beside_the_invitees(db, other)


def test_two_officers_one_on_the_agenda_one_on_the_invitees_on_postgresql(pg_db: Any) -> None:
    second = Database(pg_db.url)
    try:
        _agenda_beside_the_invitees(pg_db, second)
    finally:
        second.dispose()


def test_without_item_versions_the_meeting_guards_the_agenda_as_before(
    db: Any, other: Database
) -> None:
    mid = _meeting(db)["meeting"]
    read = get_meeting(other, mid)
    invite(db, mid, [Invitation(guest_name="Ông Khách A")], expected_version=read.version)
    with pytest.raises(ConflictError):
        set_agenda(other, mid, read.agenda_lines(), expected_version=read.version)
    for bad in ({read.agenda[0].id: True}, [1, 2], {"x": 1}):
        with pytest.raises(ValidationError) as exc:
            set_agenda(other, mid, [], expected_version=None, item_versions=bad)  # type: ignore[arg-type]
        assert exc.value.field == "item_versions"
    assert len(get_meeting(db, mid).agenda) == 2


def _two_officers_record(a: Any, b: Any, regime: int) -> None:
    rid = rounds.open_round(a, regime_id=regime, year=2027, number=1, opened_on="02/01/2027",
                            today=TODAY)
    rows_a = reports.list_submissions(a, rid, today=TODAY)
    rows_b = reports.list_submissions(b, rid, today=TODAY)
    version = rows_a[0].round_version

    def record(db: Any, row: Any, number: str) -> int:
        return submissions.record_submission(
            db,
            row.id,
            expected_version=row.round_version,
            submission_version=row.version,
            received_on="18/03/2027",
            document_number=number,
            today=TODAY,
        )

    record(a, rows_a[0], "1/BC")
    record(b, rows_b[1], "2/BC")  # the round read before A's save: accepted
    now = {r.id: r for r in reports.list_submissions(a, rid, today=TODAY)}
    assert (now[rows_a[0].id].document_number, now[rows_a[1].id].document_number) == (
        "1/BC",
        "2/BC",
    )
    assert now[rows_a[0].id].round_version == version + 2
    # The same unit's report, saved by A after B read it: a conflict, nothing written.
    with pytest.raises(ConflictError) as exc:
        record(b, rows_b[0], "3/BC")
    assert rows_b[0].unit in exc.value.message
    assert reports.list_submissions(a, rid, today=TODAY)[0].document_number == "1/BC"
    # A takes the third unit off the round: B's save of its report is refused as before.
    round_edit.update_round(
        a,
        rid,
        expected_version=version + 2,
        unit_ids=[rows_a[0].unit_id, rows_a[1].unit_id],
        today=TODAY,
    )
    with pytest.raises(NotFoundError):
        record(b, rows_b[2], "4/BC")
    assert len(reports.list_submissions(a, rid, today=TODAY)) == 2


def test_two_officers_record_two_units(setup: dict[str, Any], other: Database) -> None:
    _two_officers_record(setup["db"], other, setup["regime"])


def test_a_report_arrived_names_the_unit_and_its_version(
    setup: dict[str, Any], other: Database
) -> None:
    """The command line's "a report arrived" (:func:`submissions.receive`), the unit named."""
    db = setup["db"]
    rid = rounds.open_round(db, regime_id=setup["regime"], year=2027, number=1,
                            opened_on="02/01/2027", today=TODAY)
    rows = reports.list_submissions(other, rid, today=TODAY)
    version = rows[0].round_version
    submissions.receive(db, rid, rows[0].unit, received_on="18/03/2027", document_number="1/BC",
                        expected_version=version, submission_version=rows[0].version, today=TODAY)
    submissions.receive(other, rid, rows[1].unit, received_on="18/03/2027",
                        document_number="2/BC", expected_version=version,
                        submission_version=rows[1].version, today=TODAY)
    with pytest.raises(ConflictError):
        submissions.receive(other, rid, rows[0].unit, received_on="19/03/2027",
                            expected_version=version, submission_version=rows[0].version,
                            today=TODAY)
    got = reports.list_submissions(db, rid, today=TODAY)
    assert [r.document_number for r in got[:2]] == ["1/BC", "2/BC"]
    assert got[0].round_version == version + 2


def test_two_officers_record_two_units_on_postgresql(pg_db: Any) -> None:
    from bdcq_desktop.core import regimes
    from tests.test_reports_core import _units

    ids = _units(pg_db, "Sở Y tế", "Sở Tài chính", "UBND thành phố Vinh")
    regime = regimes.create_regime(
        pg_db, name="Báo cáo dịch vụ công trực tuyến", frequency="quarterly", due_day=20,
        cutoff_day=15, unit_ids=ids,
    )
    second = Database(pg_db.url)
    try:
        _two_officers_record(pg_db, second, regime)
    finally:
        second.dispose()


def _race(a: Any, b: Any) -> None:
    """A and B, each on a connection of its own, check in two invitees each at the same moment,
    every call with the meeting's version read before any of them: none is refused (the
    meeting's row is locked for the few milliseconds of each write, so no bump fails)."""
    ids = _meeting(a)
    mid = ids["meeting"]
    read = get_meeting(a, mid)
    sheet = {r.invitee_id: r for r in read.attendance}
    shares = {"a": [ids["inv_head"], ids["inv_an"]], "b": [ids["inv_binh"], ids["inv_guest"]]}
    start = threading.Barrier(2)
    refused: list[BaseException] = []

    def officer(db: Any, invitees: list[int]) -> None:
        start.wait()
        for invitee in invitees:
            try:
                check_in(db, mid, invitee, expected_version=read.version,
                         invitee_version=sheet[invitee].version, now=DURING)
            except BcdError as exc:
                refused.append(exc)

    threads = [
        threading.Thread(target=officer, args=(a, shares["a"])),
        threading.Thread(target=officer, args=(b, shares["b"])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert refused == []
    assert {r.status for r in attendance_rows(a, mid)} == {"late"}
    assert get_meeting(a, mid).version == read.version + 4


def test_check_ins_at_the_same_moment_are_all_saved(db: Any, other: Database) -> None:
    _race(db, other)


def test_check_ins_at_the_same_moment_are_all_saved_on_postgresql(pg_db: Any) -> None:
    second = Database(pg_db.url)
    try:
        _race(pg_db, second)
    finally:
        second.dispose()


def test_clearing_and_waiving_one_unit_beside_another_officers_save(
    setup: dict[str, Any], other: Database
) -> None:
    """"Hủy ghi nhận", "Miễn nộp" and "Bỏ miễn nộp" of one unit, from the round read before
    another officer's save of another unit: each accepted; the same unit's is a conflict."""
    from bdcq_desktop.core import waivers

    db = setup["db"]
    rid = rounds.open_round(db, regime_id=setup["regime"], year=2027, number=1,
                            opened_on="02/01/2027", today=TODAY)
    first, second, third = reports.list_submissions(db, rid, today=TODAY)
    submissions.record_submission(db, first.id, expected_version=first.round_version,
                                  received_on="18/03/2027", today=TODAY)
    # B read the round now: the first recorded, the others owed.
    seen = {r.id: r for r in reports.list_submissions(other, rid, today=TODAY)}
    version = seen[first.id].round_version
    # A records the second unit's report; B, from its reading, clears the first's and
    # excuses the third: neither is refused.
    submissions.record_submission(db, second.id, expected_version=version,
                                  received_on="18/03/2027", today=TODAY)
    submissions.clear_submission(other, first.id, expected_version=version,
                                 submission_version=seen[first.id].version)
    waivers.waive_submission(other, third.id, expected_version=version,
                             submission_version=seen[third.id].version, reason="Đã hợp nhất",
                             waived_on="18/03/2027", today=TODAY)
    now = {r.id: r for r in reports.list_submissions(db, rid, today=TODAY)}
    assert now[first.id].received_on is None and now[second.id].document_number is not None
    assert now[third.id].waived_reason == "Đã hợp nhất"
    assert now[first.id].round_version == version + 3
    # Taking the waiver off from the same old reading: the third changed since, a conflict.
    with pytest.raises(ConflictError):
        waivers.unwaive_submission(other, third.id, expected_version=version,
                                   submission_version=seen[third.id].version)
    waivers.unwaive_submission(other, third.id, expected_version=version,
                               submission_version=now[third.id].version)
    assert reports.list_submissions(db, rid, today=TODAY)[2].waived_on is None
