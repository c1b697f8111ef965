"""Hostile input into the record-keeping calls reached directly: ad hoc tasks and their
results, a member's correction (person and membership at once), a membership corrected or
ended, a working-group output moved on, the free-form settings, the unit commands (rename,
retire, merge); and odd ids and stale versions into every call the hostile tests reach. Each
call runs whole on a copy of the demo database; what it stored is read back through the read
the GUI uses; a refusal is one Vietnamese line (a ValidationError naming the field, or the
project's own refusal) that wrote nothing (tests/hostile_calls.py)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from sqlalchemy import select

from bdcq_desktop.core import adhoc_tasks, members, memberships, units
from bdcq_desktop.core import session_outputs as so
from bdcq_desktop.core.errors import BcdError, ConflictError, ValidationError
from bdcq_desktop.core.models import (
    CommitteeMembership,
    OutputStatus,
    SessionOutput,
    Task,
    TaskSource,
    TaskStatus,
    Unit,
)
from bdcq_desktop.core.name_case import title_case_name
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.settings import get_setting, set_setting
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.core.tasks import complete_task
from bdcq_desktop.core.text import clean
from bdcq_desktop.core.validation import positive_int
from tests.hostile_calls import assert_vietnamese, run_calls
from tests.hostile_strategies import (
    date_text,
    far_dates,
    hostile_call_text,
    memory_copy,
    plain_or,
    row_counts,
)

T = hostile_call_text
TODAY = date(2026, 11, 20)  # the demo's day
N = int(__import__("os").environ.get("HOSTILE_N", "60"))  # cases per call
stale = st.sampled_from([0, 0, 0, -1, 1])
days = st.one_of(far_dates, date_text, st.dates(date(2025, 1, 1), TODAY))


@pytest.fixture
def demo(demo_template: Path) -> Iterator[Any]:
    yield from memory_copy(demo_template)


def _first(db: Any, query: Any) -> Any:
    with db.session() as s:
        return s.scalars(query).first()


# -- ad hoc tasks and results ---------------------------------------------------------------------
def _adhoc(db: Any) -> int:
    return _first(
        db,
        select(Task.id)
        .where(
            Task.source == TaskSource.AD_HOC,
            Task.status != TaskStatus.CANCELLED,
            Task.completed_on.is_(None),
        )
        .order_by(Task.id),
    )


def test_adhoc_tasks_created_and_updated(demo: Any) -> None:
    from bdcq_desktop.core.meeting_rules import current_head

    anchor = _adhoc(demo)
    unit = _first(demo, select(Unit.id).where(Unit.active.is_(True)).order_by(Unit.id))
    with demo.session() as s:
        head = current_head(s, TODAY)  # rule 7: the Head (of the demo's day) assigns

    def act(v: dict[str, Any]) -> Any:
        if v["plain"]:  # days the task takes, so that some cases are stored
            v = {**v, "deadline": "31/12/2026", "assigned": None}
        fields = dict(
            content=v["content"],
            assignee_unit_id=unit,
            deadline=v["deadline"],
            assigned_on=v["assigned"],
            assigned_by_id=head,
        )
        if v["update"]:
            version = adhoc_tasks.get_task(demo, anchor).version + v["stale"]
            adhoc_tasks.update_task(demo, anchor, expected_version=version, today=TODAY, **fields)
            tid = anchor
        else:
            tid = adhoc_tasks.create_task(demo, today=TODAY, **fields)
        yield adhoc_tasks.get_task(demo, tid).content, v["content"], True

    run_calls(
        demo,
        N,
        dict(
            content=T,
            deadline=st.one_of(st.none(), days),
            assigned=st.one_of(st.none(), st.none(), days),
            stale=stale,
            update=st.booleans(),
            plain=st.booleans(),
        ),
        act,
        other_errors=True,
    )


def test_task_completed(demo: Any) -> None:
    tid = _adhoc(demo)

    def act(v: dict[str, Any]) -> Any:
        version = adhoc_tasks.get_task(demo, tid).version + v["stale"]
        complete_task(
            demo, tid, v["on"], expected_version=version, result_report=v["report"], today=TODAY
        )
        # Read as of the clock's today: a list of the past TODAY reads each task as it stood
        # then (core.tasks_on), before these edits, which the log stamps with the clock.
        got = next(t for t in track_tasks(demo) if t.id == tid)
        yield got.result_report, v["report"], True

    run_calls(
        demo,
        N,
        dict(on=plain_or(st.just("20/11/2026"), days), report=T, stale=stale),
        act,
        other_errors=True,
        examples=[dict(on="20/11/2026", report="Đã hoàn thành, báo cáo số 12/BC", stale=0)],
    )


# -- members and memberships ----------------------------------------------------------------------
def _membership(db: Any) -> tuple[int, int]:
    with db.session() as s:
        m = s.scalars(
            select(CommitteeMembership)
            .where(CommitteeMembership.end_date.is_(None))
            .order_by(CommitteeMembership.id)
        ).first()
        return m.id, m.person_id


def _row(db: Any, person_id: int, membership_id: int) -> Any:
    return next(r for r in members.list_memberships(db, person_id) if r.id == membership_id)


def test_member_corrected(demo: Any) -> None:
    mid, pid = _membership(demo)

    def act(v: dict[str, Any]) -> Any:
        row = _row(demo, pid, mid)
        members.update_member(
            demo,
            mid,
            person_version=None,
            membership_version=row.version + v["stale"],
            person={"full_name": v["name"], "position": v["position"]},
            membership={"field": v["field"], "decision_number": v["number"]},
            confirm_duplicate_position=True,
        )
        got = _row(demo, pid, mid)
        yield got.full_name, title_case_name(v["name"]), False  # a person's name
        yield got.position, v["position"], False
        yield got.field, v["field"], False
        yield got.decision_number, v["number"], False

    run_calls(
        demo,
        N,
        dict(
            name=st.one_of(T, st.just("Nguyễn Văn An")),
            position=st.one_of(T, st.just("Giám đốc")),
            field=T,
            number=st.one_of(T, st.just("12/QĐ-UBND")),
            stale=stale,
        ),
        act,
        other_errors=True,
    )


def test_membership_corrected(demo: Any) -> None:
    mid, pid = _membership(demo)

    def act(v: dict[str, Any]) -> Any:
        row = _row(demo, pid, mid)
        memberships.update_membership(
            demo,
            mid,
            expected_version=row.version + v["stale"],
            field=v["field"],
            area=v["area"],
            decision_date=v["day"],
            start_date=v["start"],
        )
        got = _row(demo, pid, mid)
        yield got.field, v["field"], False
        yield got.area, v["area"], False

    run_calls(
        demo,
        N,
        dict(
            field=T,
            area=st.one_of(T, st.just("Nghệ An")),
            day=st.one_of(st.none(), days),
            start=st.one_of(st.just("01/01/2024"), days),
            stale=stale,
        ),
        act,
        other_errors=True,
    )


def test_membership_ended(demo: Any) -> None:
    mid, pid = _membership(demo)

    def current_again(_: dict[str, Any]) -> None:  # each case ends the membership
        with demo.session() as s:
            m = s.get(CommitteeMembership, mid)
            m.end_date = m.end_decision_number = m.end_decision_date = None

    def act(v: dict[str, Any]) -> Any:
        row = _row(demo, pid, mid)
        memberships.end_membership(
            demo,
            mid,
            end_date=v["end"],
            decision_number=v["number"],
            decision_date=v["day"],
            expected_version=row.version + v["stale"],
        )
        yield _row(demo, pid, mid).end_decision_number, v["number"], False

    run_calls(
        demo,
        N,
        dict(
            end=plain_or(st.just("20/11/2026"), days),
            number=plain_or(st.just("99/QĐ-UBND"), T),
            day=plain_or(st.none(), days),
            stale=stale,
        ),
        act,
        other_errors=True,
        prepare=current_again,
        examples=[dict(end="20/11/2026", number="99/QĐ-UBND", day="18/11/2026", stale=0)],
    )


# -- working-group outputs ------------------------------------------------------------------------
def test_output_status_set(demo: Any) -> None:
    oid = _first(demo, select(SessionOutput.id).order_by(SessionOutput.id))
    statuses = plain_or(st.sampled_from([s.value for s in OutputStatus]), T)
    meeting_ids = st.one_of(
        st.none(), st.integers(-2, 40), st.sampled_from(["3", "x", 2**63, 2**64, "٣"])
    )

    def drafting(_: dict[str, Any]) -> None:  # back to the start, so that each move is allowed
        with demo.session() as s:
            o = s.get(SessionOutput, oid)
            o.status, o.submitted_meeting_id = OutputStatus.DRAFTING, None

    def act(v: dict[str, Any]) -> Any:
        version = get_session(demo, so.get_output(demo, oid).session_id).version
        so.set_output_status(
            demo,
            oid,
            v["status"],
            expected_version=version + v["stale"],
            submitted_meeting_id=v["meeting"],
        )
        got = so.get_output(demo, oid)
        assert got.status == clean(v["status"]).casefold()  # a status by its code or its name
        return ()

    run_calls(
        demo,
        N,
        dict(status=statuses, meeting=meeting_ids, stale=stale),
        act,
        other_errors=True,
        prepare=drafting,
        examples=[dict(status="consulting", meeting=None, stale=0)],
    )


# -- free-form settings ---------------------------------------------------------------------------
def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(x) for k, x in value.items()}
    if isinstance(value, list):
        return [_nfc(x) for x in value]
    return value


def test_settings_stored(demo: Any) -> None:
    """Any JSON value under any key: read back as stored (NFC), or refused naming the field."""
    plain = st.one_of(T, st.integers(-(2**70), 2**70), st.floats(), st.booleans(), st.none())
    values = st.recursive(
        plain,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(T, inner, max_size=3)),
        max_leaves=4,
    )
    keys = st.one_of(st.sampled_from(["documents.page", "ui.x", "documents.recipients"]), T)

    def act(v: dict[str, Any]) -> Any:
        set_setting(demo, v["key"], v["value"])
        got = get_setting(demo, unicodedata.normalize("NFC", v["key"]))
        assert got == _nfc(v["value"]) or json.dumps(got) == json.dumps(_nfc(v["value"]))
        return ()

    run_calls(demo, N, dict(key=keys, value=values), act, other_errors=True)


# -- unit commands --------------------------------------------------------------------------------
def test_unit_commands(demo: Any) -> None:
    with demo.session() as s:
        source, target = s.scalars(
            select(Unit.id).where(Unit.active.is_(True)).order_by(Unit.id).limit(2)
        ).all()

    def active_again(_: dict[str, Any]) -> None:  # each case retires or merges the unit
        with demo.session() as s:
            u = s.get(Unit, source)
            u.active, u.retired_on, u.merged_into_id = True, None, None

    def act(v: dict[str, Any]) -> Any:
        version = units.get_unit(demo, source).version + v["stale"]
        if v["what"] == "rename":
            units.rename_unit(demo, source, v["name"], expected_version=version)
            yield units.get_unit(demo, source).name, v["name"], False
            return
        if v["what"] == "retire":
            units.retire_unit(demo, source, on=v["on"], expected_version=version)
        else:
            units.merge_units(demo, source, target, on=v["on"], expected_version=version)
        got = units.get_unit(demo, source)
        assert not got.active and got.retired_on is not None
        units.reactivate_unit(demo, source, expected_version=got.version)

    run_calls(
        demo,
        N,
        dict(
            what=st.sampled_from(["rename", "retire", "merge"]),
            name=st.one_of(T, st.just("Sở Khoa học và Công nghệ mới")),
            on=st.one_of(st.just("20/11/2026"), days),
            stale=stale,
        ),
        act,
        other_errors=True,
        prepare=active_again,
    )


# -- odd ids and stale versions, into every call above --------------------------------------------
# fmt: off
ODD_IDS = [
    0, -1, 2**63, 2**64, -(2**64), "abc", "", " ", "1.5", "١٢٣٤٥٦٧", 1.5, None, "9" * 40, True,
]
# fmt: on
NOW = datetime(2026, 11, 20, 18, 0)


def _calls(db: Any) -> dict[str, Callable[[Any], Any]]:
    """Each call with one id (or version) left to the test; the other arguments plausible."""
    from bdcq_desktop.core import agenda, attendance, conclusions, invitees, live_notes, meetings
    from bdcq_desktop.core import minutes_text as mt
    from bdcq_desktop.core.models import AgendaItem, Conclusion, Meeting, MeetingStatus

    with db.session() as s:
        held = s.scalars(select(Meeting.id).where(Meeting.status == MeetingStatus.HELD)).first()
        planned = s.scalars(
            select(Meeting.id).where(Meeting.status == MeetingStatus.CONVENED)
        ).first()
        item = s.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == held)).first()
        conclusion = s.scalars(select(Conclusion.id)).first()
        unit = s.scalars(select(Unit.id).order_by(Unit.id)).first()
    task = _adhoc(db)
    member, _ = _membership(db)
    output = _first(db, select(SessionOutput.id))
    fields = dict(content="Việc", assignee_unit_id=unit, today=TODAY)
    return {
        "add_conclusion": lambda i: conclusions.add_conclusion(
            db, i, "Kết luận", expected_version=None, now=NOW
        ),
        "update_conclusion": lambda i: conclusions.update_conclusion(
            db, i, "Kết luận", expected_version=None
        ),
        "conclusion_version": lambda i: conclusions.update_conclusion(
            db, conclusion, "Kết luận", expected_version=i
        ),
        "remove_conclusion": lambda i: conclusions.remove_conclusion(db, i, expected_version=None),
        "create_task_unit": lambda i: adhoc_tasks.create_task(
            db, content="Việc", assignee_unit_id=i, today=TODAY
        ),
        "update_task": lambda i: adhoc_tasks.update_task(db, i, expected_version=None, **fields),
        "task_version": lambda i: adhoc_tasks.update_task(db, task, expected_version=i, **fields),
        "complete_task": lambda i: complete_task(
            db, i, "20/11/2026", expected_version=None, today=TODAY
        ),
        "check_in": lambda i: attendance.check_in(db, i, 1, expected_version=None, now=NOW),
        "check_in_invitee": lambda i: attendance.check_in(
            db, held, i, expected_version=None, now=NOW
        ),
        "record_attendance": lambda i: attendance.record_attendance(
            db, i, [], expected_version=None, now=NOW
        ),
        "attendance_version": lambda i: attendance.record_attendance(
            db, held, [], expected_version=i, now=NOW
        ),
        "reopen_minutes": lambda i: mt.reopen_minutes(db, i, "Sửa", expected_version=None),
        "save_minutes": lambda i: mt.save_minutes(
            db, i, expected_version=None, opening="Mở đầu", now=NOW
        ),
        "save_minutes_item": lambda i: mt.save_minutes(
            db, held, expected_version=None, items={i: "Ghi"}, now=NOW
        ),
        "minutes_version": lambda i: mt.save_minutes(
            db, held, expected_version=i, opening="Mở đầu", now=NOW
        ),
        "cancel_meeting": lambda i: meetings.cancel_meeting(db, i, "Hoãn", expected_version=None),
        "cancel_version": lambda i: meetings.cancel_meeting(
            db, planned, "Hoãn", expected_version=i
        ),
        "create_similar": lambda i: meetings.create_similar(
            db, i, starts_at="03/12/2026 08:00", now=NOW
        ),
        "set_agenda": lambda i: agenda.set_agenda(db, i, [], expected_version=None),
        "set_agenda_item": lambda i: agenda.set_agenda(
            db, planned, [{"title": "Mục", "id": i}], expected_version=None
        ),
        "invite": lambda i: invitees.invite(db, i, [], expected_version=None),
        "invite_person": lambda i: invitees.invite(
            db, planned, [{"person_id": i}], expected_version=None
        ),
        "notes_meeting": lambda i: live_notes.save_item_notes(db, i, item, "x", base_version=1),
        "notes_item": lambda i: live_notes.save_item_notes(db, held, i, "x", base_version=1),
        "notes_version": lambda i: live_notes.save_item_notes(db, held, item, "x", base_version=i),
        "update_member": lambda i: members.update_member(db, i, person={"position": "Phó"}),
        "member_version": lambda i: members.update_member(
            db, member, person={"position": "Phó"}, membership_version=i
        ),
        "update_membership": lambda i: memberships.update_membership(db, i, field="Y tế"),
        "end_membership": lambda i: memberships.end_membership(
            db, i, end_date="20/11/2026", decision_number="1/QĐ"
        ),
        "end_version": lambda i: memberships.end_membership(
            db, member, end_date="20/11/2026", decision_number="1/QĐ", expected_version=i
        ),
        "set_output_status": lambda i: so.set_output_status(
            db, i, "consulting", expected_version=None
        ),
        "output_meeting": lambda i: so.set_output_status(
            db, output, "submitted", expected_version=None, submitted_meeting_id=i
        ),
        "output_version": lambda i: so.set_output_status(
            db, output, "consulting", expected_version=i
        ),
        "rename_unit": lambda i: units.rename_unit(db, i, "Tên mới"),
        "unit_version": lambda i: units.rename_unit(db, unit, "Tên mới", expected_version=i),
        "retire_unit": lambda i: units.retire_unit(db, i, on="20/11/2026"),
        "reactivate_unit": lambda i: units.reactivate_unit(db, i),
        "merge_source": lambda i: units.merge_units(db, i, unit, on="20/11/2026"),
        "merge_target": lambda i: units.merge_units(db, unit, i, on="20/11/2026"),
    }


def _whole(value: object) -> bool:
    try:
        return positive_int(value, "v", "Phiên bản", required=True) is not None
    except ValidationError:
        return False


def test_odd_ids_and_stale_versions_are_refused(demo: Any) -> None:
    """An id that names no record (0, negative, beyond the database's integers, text, a
    fraction) or a version that is not the record's: a clean refusal that wrote nothing,
    never another exception."""
    refused = 0
    for name, call in _calls(demo).items():
        odd = ODD_IDS if "version" not in name else [*ODD_IDS, 10**6]
        for value in odd:
            before = row_counts(demo)
            try:
                call(value)
            except ValidationError as exc:
                assert exc.label and exc.label != exc.field, (name, value, exc.field)
                assert_vietnamese(exc.message)
            except BcdError as exc:
                assert_vietnamese(exc.message)
                if "version" in name and value is not None:
                    assert isinstance(exc, ConflictError | ValidationError), (name, value, exc)
            else:
                # Only a version left out (None: the caller read nothing) may go through, and
                # live notes typed on a stale version: stored, the other text kept aside.
                stale_notes = name == "notes_version" and _whole(value)
                # The meeting an output went to is optional: an empty one is "none given".
                blank = value is None or (isinstance(value, str) and not value.strip())
                no_meeting = name == "output_meeting" and blank
                assert stale_notes or no_meeting or ("version" in name and value is None), (
                    name,
                    value,
                )
                continue
            assert row_counts(demo) == before, (name, value)
            refused += 1
    assert refused > 500


# -- defects the generated cases found, kept as plain examples ------------------------------------
def test_ids_beyond_the_database_integers_are_refused_naming_the_id(demo: Any) -> None:
    before = row_counts(demo)
    for call in (
        lambda: units.rename_unit(demo, 2**64, "Tên"),
        lambda: adhoc_tasks.update_task(
            demo, 2**63, expected_version=None, content="x", assignee_unit_id=1
        ),
        lambda: memberships.end_membership(demo, 2**63, end_date="1/1/2026", decision_number="1"),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.label.startswith("Mã ")
        assert_vietnamese(caught.value.message)
    assert row_counts(demo) == before


def test_a_unit_named_by_its_id_as_text_is_not_merged_into_itself(demo: Any) -> None:
    unit = _first(demo, select(Unit.id).where(Unit.active.is_(True)).order_by(Unit.id))
    with pytest.raises(ValidationError) as caught:
        units.merge_units(demo, str(unit), unit, on="20/11/2026")
    assert caught.value.field == "target_id"


def test_minutes_notes_keyed_by_text_are_refused(demo: Any) -> None:
    from bdcq_desktop.core import minutes_text as mt
    from bdcq_desktop.core.models import Meeting, MeetingStatus

    held = _first(demo, select(Meeting.id).where(Meeting.status == MeetingStatus.HELD))
    with pytest.raises(ValidationError) as caught:
        mt.save_minutes(demo, held, expected_version=None, items={"abc": "Ghi"}, now=NOW)
    assert caught.value.field == "items"


def test_a_setting_is_stored_nfc_and_a_surrogate_refused(demo: Any) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn")
    set_setting(demo, "ui." + nfd, {nfd: [nfd]})
    assert get_setting(demo, "ui.Nguyễn") == {"Nguyễn": ["Nguyễn"]}
    before = row_counts(demo)
    for key, value in (("ui.x", "a\ud800"), ("ui.x", {1, 2}), ("k" * 101, 1), ("ui.\x00", 1)):
        with pytest.raises(ValidationError) as caught:
            set_setting(demo, key, value)
        assert caught.value.field in ("key", "value")
    assert row_counts(demo) == before


def test_live_notes_with_a_lone_surrogate_are_stored_without_it(demo: Any) -> None:
    from bdcq_desktop.core import live_notes
    from bdcq_desktop.core.models import Meeting, MeetingStatus

    held = _first(demo, select(Meeting.id).where(Meeting.status == MeetingStatus.HELD))
    item = live_notes.item_notes(demo, held)[0]
    typed = "Ý kiến\ud83d: a\udfff\u0301 đồng ý"
    live_notes.save_item_notes(demo, held, item.item_id, typed, base_version=item.version)
    got = live_notes.item_notes(demo, held)[0].text
    assert got == "Ý kiến: á đồng ý"


def test_an_attendance_mark_with_controls_is_refused_in_one_clean_line(demo: Any) -> None:
    from bdcq_desktop.core import attendance
    from bdcq_desktop.core.models import Meeting, MeetingStatus

    held = _first(demo, select(Meeting.id).where(Meeting.status == MeetingStatus.HELD))
    invitee = attendance.attendance_rows(demo, held)[0].invitee_id
    with pytest.raises(ValidationError) as caught:
        attendance.check_in(
            demo, held, invitee, expected_version=None, status="có\x82mặt\n" * 500, now=NOW
        )
    assert_vietnamese(caught.value.message)


def test_reads_refuse_ids_no_database_integer_holds(demo: Any) -> None:
    """The reads a front end calls with an id it was given (a typed or scripted one) refuse one
    beyond a database integer in Vietnamese, as the saves do, instead of SQLite's
    OverflowError; a list's status filter echoes a hostile value cut and cleaned."""
    from bdcq_desktop.core.meeting_detail import get_meeting
    from bdcq_desktop.core.minutes_history import minutes_revisions
    from bdcq_desktop.core.tasks import list_tasks

    huge = 2**64
    for read, label in (
        (lambda: get_meeting(demo, huge), "Mã cuộc họp"),
        (lambda: units.get_unit(demo, huge), "Mã cơ quan, đơn vị"),
        (lambda: minutes_revisions(demo, huge), "Mã cuộc họp"),
    ):
        with pytest.raises(ValidationError) as refused:
            read()
        assert label in refused.value.message
    with pytest.raises(ValidationError) as refused:
        list_tasks(demo, status="x\x00\n" + "y" * 5000)
    message = refused.value.message
    assert "\x00" not in message and "\n" not in message and len(message) < 600
