"""The statements a save sends do not grow with the people, units or lines it names. On a
shared PostgreSQL server each statement is a round trip across the office network: inviting
the committee once cost some 120 of them (three per person looked up one by one). Counted
with SQLAlchemy's own event on the engine, SELECTs only (the rows written are one INSERT
each on SQLite, batched on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import event

from bdcq_desktop.core import members as mem
from bdcq_desktop.core import units
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.agenda import AgendaLine, set_agenda
from bdcq_desktop.core.invitees import Invitation, invite
from bdcq_desktop.core.meetings import create_meeting, get_meeting
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.session_people import add_participants

START = datetime(2026, 12, 15, 8, 0)


@contextmanager
def selects(db: Any) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn, _cursor, statement: str, *_args: Any) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


@pytest.fixture
def people(db: Any) -> list[int]:
    """Twelve people, the first four on the committee, each heading a unit of their own."""
    out = []
    for n in range(12):
        unit = units.create_unit(db, name=f"Sở số {n + 1}", kind="department")
        person = mem.create_person(
            db, full_name=f"Nguyễn Văn {chr(65 + n)}", position="Giám đốc Sở", unit_id=unit
        )
        if n < 4:
            role = "head" if n == 0 else "member"
            mem.appoint(db, person, role=role, start_date="01/01/2026")
        out.append(person)
    # A group leader, who convenes the working sessions.
    mem.appoint_new(
        db,
        body="group",
        person={"full_name": "Hoàng Quang Tuấn"},
        appointment={"role": "leader", "start_date": "01/01/2026"},
    )
    return out


def _meeting(db: Any, title: str) -> int:
    head = next(r.person_id for r in mem.list_committee(db) if r.role == "head")
    return create_meeting(
        db,
        kind="regular",
        title=title,
        starts_at=START,
        chair_id=head,
        now=datetime(2026, 12, 1, 9, 0),
    )


def _same_for_few_and_many(db: Any, action: Callable[[int, int], None]) -> None:
    """``action(record, n)`` run for 3 and for 12 names costs the same SELECTs."""
    counts = []
    for n in (3, 12):
        record = _meeting(db, f"Họp thử {n}")
        with selects(db) as seen:
            action(record, n)
        counts.append(len(seen))
    assert counts[0] == counts[1], counts


def test_inviting_people_reads_them_at_once(db: Any, people: list[int]) -> None:
    def run(meeting: int, n: int) -> None:
        version = get_meeting(db, meeting).version
        invitations = [Invitation(person_id=p) for p in people[:n]]
        assert invite(db, meeting, invitations, expected_version=version) == n

    _same_for_few_and_many(db, run)


def test_inviting_units_reads_them_and_their_heads_at_once(db: Any, people: list[int]) -> None:
    unit_ids = [u.id for u in units.list_units(db)]

    def run(meeting: int, n: int) -> None:
        version = get_meeting(db, meeting).version
        invitations = [Invitation(unit_id=u) for u in unit_ids[:n]]
        added = invite(db, meeting, invitations, expected_version=version)
        # The list made now takes its chair too (core.named_invitees), unless a unit invited
        # is the chair's: counted as added.
        invited = get_meeting(db, meeting).invitees
        assert sum(i.unit_id is not None for i in invited) == n and added == len(invited)

    _same_for_few_and_many(db, run)


def test_an_agenda_checks_its_presenters_at_once(db: Any, people: list[int]) -> None:
    unit_ids = [u.id for u in units.list_units(db)]

    def run(meeting: int, n: int) -> None:
        version = get_meeting(db, meeting).version
        lines = [
            AgendaLine(f"Mục {i}", 10, presenter_person_id=people[i])
            if i % 2
            else AgendaLine(f"Mục {i}", 10, presenter_unit_id=unit_ids[i])
            for i in range(n)
        ]
        set_agenda(db, meeting, lines, expected_version=version)

    _same_for_few_and_many(db, run)
    # …and still names the line whose presenter is not on record.
    from bdcq_desktop.core.errors import ValidationError

    meeting = _meeting(db, "Họp thử sai")
    with pytest.raises(ValidationError) as refused:
        set_agenda(
            db,
            meeting,
            [AgendaLine("Mục 1", 10), AgendaLine("Mục 2", 10, presenter_unit_id=9999)],
            expected_version=get_meeting(db, meeting).version,
        )
    assert "2" in refused.value.message and "9999" in refused.value.message


def test_adding_participants_reads_them_at_once(db: Any, people: list[int]) -> None:
    counts = []
    for n in (3, 12):
        session = wg.create_session(
            db,
            purpose="proposal",
            title=f"Phiên thử {n}",
            starts_on="02/03/2026",
            ends_on="06/03/2026",
        )
        version = get_session(db, session).version
        with selects(db) as seen:
            assert add_participants(
                db, session, person_ids=people[:n], expected_version=version
            ) == n
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
