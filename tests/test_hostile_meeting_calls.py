"""Hostile input into the calls that hold a meeting, each reached directly (the CLI reaches
some of them already, through its own argument checks): conclusions, attendance (the sheet and
the live check-in), the minutes (saved, reopened), the live notes, the agenda, the invitees, a
cancellation and "Họp tương tự". Every call runs whole on a copy of the demo database, and
what it stored is read back through the read the GUI uses (tests/hostile_calls.py); a refusal
is a one-line Vietnamese message (a ValidationError naming the field, or the project's own
refusal: not found, saved by someone else, a closed meeting) that wrote nothing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from sqlalchemy import select

from bdcq_desktop.core import (
    agenda,
    attendance,
    attendance_marks,
    conclusions,
    invitees,
    live_notes,
    meetings,
)
from bdcq_desktop.core import minutes_text as mt
from bdcq_desktop.core.meeting_detail import get_meeting
from bdcq_desktop.core.models import Meeting, MeetingStatus, Minutes, Unit
from bdcq_desktop.core.name_case import title_case_name
from tests.hostile_calls import run_calls
from tests.hostile_strategies import (
    date_text,
    far_dates,
    hostile_call_text,
    memory_copy,
    often,
    plain_or,
    visible,
)

T = hostile_call_text
NOW = datetime(2026, 11, 20, 18, 0)  # the demo's day, after its meetings of the day
N = int(__import__("os").environ.get("HOSTILE_N", "60"))  # cases per call
# A version as the caller read it, or a stale one (the record changed since).
stale = st.sampled_from([0, 0, 0, -1, 1])


@pytest.fixture
def demo(demo_template: Path) -> Iterator[Any]:
    yield from memory_copy(demo_template)


def _meeting(db: Any, *statuses: MeetingStatus) -> int:
    with db.session() as s:
        return s.scalars(
            select(Meeting.id).where(Meeting.status.in_(statuses)).order_by(Meeting.id)
        ).first()


def _version(db: Any, meeting_id: int, offset: int = 0) -> int:
    return get_meeting(db, meeting_id).version + offset


def _unit(db: Any) -> int:
    with db.session() as s:
        return s.scalars(select(Unit.id).where(Unit.active.is_(True)).order_by(Unit.id)).first()


def _set_status(db: Any, meeting_id: int, status: MeetingStatus) -> None:
    with db.session() as s:
        s.get(Meeting, meeting_id).status = status


# -- conclusions ----------------------------------------------------------------------------------
def test_conclusions_added_and_updated(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.HELD)
    unit = _unit(demo)

    def act(v: dict[str, Any]) -> Any:
        if v["plain"]:  # a deadline the task takes, so that some cases are stored
            v = {**v, "deadline": date(2026, 12, 31)}
        tasks = [{"content": v["task"], "assignee_unit_id": unit, "deadline": v["deadline"]}]
        if v["update"]:
            anchor = conclusions.list_conclusions(demo, mid)[0].id
            got = conclusions.get_conclusion(demo, anchor)
            kept = [{**tasks[0], "id": t.id} for t in got.tasks[:1]] or tasks
            conclusions.update_conclusion(
                demo, anchor, v["text"], kept, expected_version=got.version + v["stale"]
            )
            cid = anchor
        else:
            cid = conclusions.add_conclusion(
                demo,
                mid,
                v["text"],
                tasks,
                expected_version=_version(demo, mid, v["stale"]),
                now=NOW,
            ).id
        got = conclusions.get_conclusion(demo, cid)
        yield got.text, v["text"], True
        if got.tasks:
            yield got.tasks[0].content, v["task"], True

    deadline = st.one_of(far_dates, date_text, st.just(date(2026, 12, 31)))
    run_calls(
        demo,
        N,
        dict(
            text=T,
            task=T,
            deadline=deadline,
            stale=stale,
            update=st.booleans(),
            plain=st.booleans(),
        ),
        act,
        other_errors=True,
    )


# -- attendance -----------------------------------------------------------------------------------
marks = st.one_of(st.sampled_from(attendance_marks.MARKS), T, st.none())
arrivals = st.one_of(
    st.none(), st.sampled_from(["10:30", "23:59", "07:00", "25:61", "20/11/2026 10:00"]), date_text
)


# A mark refuses the fields it does not take (a reason is for "absent", a substitute for
# "substitute", an arrival for "late"): left empty in the cases drawn "plain".
_NOT_TAKEN = {
    "absent": dict(name="", position="", arrived=None),
    "substitute": dict(reason="", arrived=None),
    "present": dict(reason="", name="", position="", arrived=None),
}


def test_attendance_sheet_and_check_in(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.HELD)

    def act(v: dict[str, Any]) -> Any:
        row = get_meeting(demo, mid).invitees[v["which"]]
        if v["plain"]:  # only the fields the mark takes (hostile text still in those)
            v = {**v, **_NOT_TAKEN.get(v["status"], {})}
        mark = dict(
            status=v["status"],
            reason=v["reason"],
            substitute_name=v["name"],
            substitute_position=v["position"],
            arrived_at=v["arrived"],
        )
        version = _version(demo, mid, v["stale"])
        if v["live"]:
            attendance.check_in(demo, mid, row.id, expected_version=version, now=NOW, **mark)
        else:
            attendance.record_attendance(
                demo, mid, [{"invitee_id": row.id, **mark}], expected_version=version, now=NOW
            )
        got = next(r for r in attendance.attendance_rows(demo, mid) if r.invitee_id == row.id)
        if got.status == "absent":
            yield got.reason, v["reason"], False
        if got.status == "substitute":
            yield got.substitute_name, title_case_name(v["name"]), False
            yield got.substitute_position, v["position"], False

    plausible = st.sampled_from(["absent", "substitute", "present"])
    run_calls(
        demo,
        N,
        dict(
            status=plain_or(plausible, marks),
            reason=T,
            name=T,
            position=T,
            arrived=arrivals,
            which=st.integers(0, 2),
            stale=stale,
            live=st.booleans(),
            plain=often,
        ),
        act,
        other_errors=True,
        examples=[
            dict(status="absent", reason="Đi công tác", name="", position="", arrived=None,
                 which=0, stale=0, live=False, plain=False),
            dict(status="substitute", reason="", name="nguyễn văn an", position="Phó Giám đốc",
                 arrived=None, which=1, stale=0, live=True, plain=False),
        ],
    )


# -- the minutes ----------------------------------------------------------------------------------
def test_minutes_saved(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.HELD)

    def act(v: dict[str, Any]) -> Any:
        draft = mt.minutes_draft(demo, mid)
        item = draft.items[0].item_id
        mt.save_minutes(
            demo,
            mid,
            expected_version=draft.version + v["stale"],
            opening=v["opening"],
            closing=v["closing"],
            items={item: v["notes"]},
            now=NOW,
        )
        got = mt.minutes_draft(demo, mid)
        for part in ("opening", "closing"):  # left empty, the draft shows its default text
            if visible(v[part]):
                yield getattr(got, part), v[part], True
        notes = next(i.notes for i in got.items if i.item_id == item)
        assert notes == live_notes.clean_notes(v["notes"])

    run_calls(demo, N, dict(opening=T, closing=T, notes=T, stale=stale), act, other_errors=True)


def test_minutes_reopened(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.MINUTES_FINAL)

    def final_again(_: dict[str, Any]) -> None:  # each case reopens issued minutes
        with demo.session() as s:
            s.get(Meeting, mid).status = MeetingStatus.MINUTES_FINAL
            s.scalars(select(Minutes).where(Minutes.meeting_id == mid)).one().is_final = True

    def act(v: dict[str, Any]) -> Any:
        version = get_meeting(demo, mid).minutes.version
        mt.reopen_minutes(demo, mid, v["reason"], expected_version=version + v["stale"])
        yield get_meeting(demo, mid).minutes.reopen_reason, v["reason"], False

    run_calls(demo, N, dict(reason=T, stale=stale), act, other_errors=True, prepare=final_again)


def test_live_notes(demo: Any) -> None:
    """Notes are stored as typed (NFC, line breaks normalised, NUL dropped; nothing else
    stripped), whatever the version they were typed on: a stale one keeps the other text."""
    mid = _meeting(demo, MeetingStatus.HELD)

    def act(v: dict[str, Any]) -> Any:
        item = live_notes.item_notes(demo, mid)[v["which"]]
        saved = live_notes.save_item_notes(
            demo, mid, item.item_id, v["text"], base_version=item.version + v["stale"]
        )
        got = next(i for i in live_notes.item_notes(demo, mid) if i.item_id == item.item_id)
        assert got.text == live_notes.clean_notes(v["text"]), (v["text"][:100], got.text[:100])
        assert unicodedata.is_normalized("NFC", got.text) and "\x00" not in got.text
        assert got.version == saved.version
        return ()

    run_calls(
        demo,
        N,
        dict(text=T, which=st.integers(0, 1), stale=stale),
        act,
        other_errors=True,
        refused=False,
    )


# -- planning a meeting: agenda, invitees, cancel, a similar one ----------------------------------
def test_agenda_set(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.PLANNED, MeetingStatus.CONVENED)
    minutes = st.one_of(st.integers(-5, 700), st.sampled_from(["30", "abc", "", "1.5", "٣"]))

    def act(v: dict[str, Any]) -> Any:
        lines = [
            {"title": v["title"], "planned_minutes": v["minutes"], "presenter_name": v["who"]},
            {"title": "Thảo luận", "planned_minutes": 30},
        ]
        agenda.set_agenda(demo, mid, lines, expected_version=_version(demo, mid, v["stale"]))
        got = get_meeting(demo, mid).agenda
        yield got[0].title, v["title"], False
        if visible(v["who"]):
            yield got[0].presenter_name, v["who"], False

    run_calls(
        demo,
        N,
        dict(title=T, who=T, minutes=st.one_of(st.just(45), minutes), stale=stale),
        act,
        other_errors=True,
    )


def test_invited(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.PLANNED, MeetingStatus.CONVENED)
    categories = st.one_of(st.none(), st.sampled_from(["guest", "expert", "GUEST", "x"]), T)

    def act(v: dict[str, Any]) -> Any:
        guest = dict(guest_name=v["name"], position=v["position"], unit_name=v["unit"])
        added = invitees.invite(
            demo,
            mid,
            [{**guest, "category": v["category"]}],
            expected_version=_version(demo, mid, v["stale"]),
        )
        if not added:  # invited already (the same name, diacritics aside): the list is as it was
            return
        rows = get_meeting(demo, mid).invitees
        name = title_case_name(v["name"])  # a person's name
        typed = visible(name)
        row = next((r for r in rows if r.person_id is None and visible(r.name) == typed), None)
        assert row is not None
        yield row.name, name, False
        yield row.position, v["position"], False
        yield row.unit, v["unit"], False

    # Guests as an officer types them (lower case, decomposed, spaced): drawn text is mostly
    # refused or stale, and these make sure every run stores and reads back real names.
    typed = [
        ("trần  thị HOA", "Giám đốc", "Viettel Nghệ An", "guest"),
        ("Nguye\u0302\u0303n Văn Bình", "Phó Trưởng phòng", "VNPT Nghệ An", "expert"),
        ("lê đức thọ", "Giảng viên", "Trường Đại học Vinh", None),
        ("Hồ Thị Ngọc Ánh", "Chuyên gia", "Công ty CP Phần mềm Bravo", "GUEST"),
    ]
    tally = run_calls(
        demo,
        N,
        dict(name=T, position=T, unit=T, category=categories, stale=stale),
        act,
        other_errors=True,
        examples=[
            dict(name=n, position=p, unit=u, category=c, stale=0) for n, p, u, c in typed
        ],
    )
    assert tally.stored >= len(typed)


def test_meeting_cancelled(demo: Any) -> None:
    mid = _meeting(demo, MeetingStatus.PLANNED, MeetingStatus.CONVENED)

    def open_again(_: dict[str, Any]) -> None:  # each case cancels the meeting
        _set_status(demo, mid, MeetingStatus.PLANNED)

    def act(v: dict[str, Any]) -> Any:
        meetings.cancel_meeting(
            demo, mid, v["reason"], expected_version=_version(demo, mid, v["stale"])
        )
        yield get_meeting(demo, mid).cancel_reason, v["reason"], True

    run_calls(demo, N, dict(reason=T, stale=stale), act, other_errors=True, prepare=open_again)


def test_similar_meeting(demo: Any) -> None:
    src = _meeting(demo, MeetingStatus.HELD)
    starts = st.one_of(
        st.sampled_from(["01/12/2026 08:00", "2026-12-02 14:00"]),
        st.sampled_from(["03/12/2026 08:00", "2026-12-04 14:00"]),
        far_dates.map(lambda d: f"{d:%d/%m/}{d.year:04d} 08:00"),
        date_text,
    )

    def act(v: dict[str, Any]) -> Any:
        if v["plain"]:  # a plausible day, so that some cases are stored
            v = {**v, "starts": "03/12/2026 08:00", "ends": None}
        new = meetings.create_similar(
            demo,
            src,
            starts_at=v["starts"],
            ends_at=v["ends"],
            now=NOW,
            title=v["title"],
            place=v["place"],
        )
        got = get_meeting(demo, new)
        yield got.title, v["title"], False
        if visible(v["place"]):
            yield got.place, v["place"], False

    run_calls(
        demo,
        N,
        dict(
            starts=starts,
            plain=often,
            ends=st.one_of(st.none(), st.none(), date_text),
            title=plain_or(st.just("Họp định kỳ tháng 12"), T),
            place=plain_or(st.just("Phòng họp số 2"), T),
        ),
        act,
        other_errors=True,
        examples=[
            dict(starts="03/12/2026 08:00", plain=False, ends="03/12/2026 11:30",
                 title="Họp định kỳ tháng 12", place="Phòng họp số 2"),
        ],
    )
