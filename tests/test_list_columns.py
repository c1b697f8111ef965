"""The lists that select only their columns give exactly the rows the entity-loading queries gave.

Each reference below is the earlier implementation (ORM entities, relationships loaded), kept
here to prove the column-only queries equal on the demo database and on generated ten-year data
(every filter the screens and the command line use).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased, joinedload

from bdcq_desktop.core import experts, members, session_list, units
from bdcq_desktop.core.db import Database, open_database
from bdcq_desktop.core.i18n import tr
from bdcq_desktop.core.labels import label
from bdcq_desktop.core.member_removal import deletable
from bdcq_desktop.core.member_rows import as_held
from bdcq_desktop.core.membership_rules import current_on
from bdcq_desktop.core.models import (
    CommitteeMembership,
    GroupMembership,
    ParticipantRole,
    Person,
    PersonKind,
    SessionOutput,
    SessionParticipant,
    Unit,
    WorkingSession,
)
from bdcq_desktop.core.people import person_row
from bdcq_desktop.core.person_history import people_with_history
from bdcq_desktop.core.session_list import SessionRow, convened_ids
from bdcq_desktop.core.text import person_sort_key, vi_key
from bdcq_desktop.core.units import UnitRow
from bdcq_desktop.core.working_group import STATUS_LABELS, session_status
from tests.conftest import own_data_folder


def _old_members(db: Database, model, include_former: bool) -> list[members.MemberRow]:  # type: ignore[no-untyped-def]
    today = date.today()
    stmt = select(model, deletable(model.person_id)).options(
        joinedload(model.person).joinedload(Person.unit)
    )
    if not include_former:
        stmt = stmt.where(current_on(model, today))
    with db.session() as s:
        rows = [members._member_row(m, today, bool(ok)) for m, ok in s.execute(stmt).unique()]
        # Each term's position and agency as held then (member_rows.as_held), read on the rows
        # whichever query gave them: what is compared here is the query.
        rows = as_held(s.connection(), rows, today, today)
    return members.sort_rows(rows)


def _old_people(db: Database, kinds: set[PersonKind] | None) -> list:  # type: ignore[type-arg]
    with db.session() as s:
        stmt = select(Person).options(joinedload(Person.unit))
        if kinds:
            stmt = stmt.where(Person.kind.in_(kinds))
        tied = people_with_history(s)
        rows = [person_row(p, p.id in tied) for p in s.scalars(stmt)]
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.id))


def _old_units(db: Database) -> list[UnitRow]:
    people = select(Person.unit_id, func.count().label("n")).group_by(Person.unit_id).subquery()
    target = aliased(Unit)
    stmt = (
        select(Unit, func.coalesce(people.c.n, 0), target.name)
        .options(joinedload(Unit.head))
        .outerjoin(people, people.c.unit_id == Unit.id)
        .outerjoin(target, target.id == Unit.merged_into_id)
    )
    with db.session() as s:
        rows = [
            UnitRow(
                id=u.id, name=u.name, short_name=u.short_name or "", kind=u.kind.value,
                kind_label=label(u.kind), head=u.head.full_name if u.head else "",
                phone=u.phone or "", email=u.email or "", people=n, active=u.active,
                retired_on=u.retired_on, version=u.version, head_id=u.head_id,
                address=u.address or "", merged_into_id=u.merged_into_id,
                merged_into=merged or "",
            )
            for u, n, merged in s.execute(stmt).unique()
        ]
    return sorted(rows, key=lambda r: (r.kind, vi_key(r.name), r.id))


def _old_sessions(db: Database) -> list[SessionRow]:
    day = date.today()
    with db.session() as s:
        parts = (
            select(
                SessionParticipant.session_id,
                func.count().label("n"),
                func.sum(
                    case((SessionParticipant.role == ParticipantRole.EXPERT, 1), else_=0)
                ).label("e"),
            )
            .group_by(SessionParticipant.session_id)
            .subquery()
        )
        outs = (
            select(SessionOutput.session_id, func.count().label("n"))
            .group_by(SessionOutput.session_id)
            .subquery()
        )
        stmt = (
            select(
                WorkingSession,
                func.coalesce(parts.c.n, 0),
                func.coalesce(parts.c.e, 0),
                func.coalesce(outs.c.n, 0),
            )
            .options(joinedload(WorkingSession.convened_by))
            .outerjoin(parts, parts.c.session_id == WorkingSession.id)
            .outerjoin(outs, outs.c.session_id == WorkingSession.id)
            .order_by(WorkingSession.starts_on.desc(), WorkingSession.id.desc())
        )
        convened = convened_ids(s)
        rows = []
        for w, n_p, n_e, n_o in s.execute(stmt).unique():
            st = session_status(w.starts_on, w.ends_on, w.id in convened, day)
            rows.append(
                SessionRow(
                    id=w.id, title=w.title, purpose=w.purpose.value,
                    purpose_label=label(w.purpose), starts_on=w.starts_on, ends_on=w.ends_on,
                    place=w.place or "",
                    convened_by=w.convened_by.full_name if w.convened_by else "",
                    participants=n_p, outputs=n_o, version=w.version, status=st,
                    status_label=tr(STATUS_LABELS[st]), experts=int(n_e or 0),
                )
            )
    return rows


def _old_matrix(db: Database) -> list[tuple]:  # type: ignore[type-arg]
    with db.session() as s:
        stmt = select(CommitteeMembership).join(CommitteeMembership.person)
        stmt = stmt.where(current_on(CommitteeMembership, date.today()))
        return [(m.field, m.area, m.role, m.person.full_name) for m in s.scalars(stmt)]


def assert_lists_unchanged(db: Database) -> None:
    for model, lister in (
        (CommitteeMembership, members.list_committee),
        (GroupMembership, members.list_group),
    ):
        for former in (False, True):
            new = lister(db, include_former=former)
            assert new, (model, former)
            assert new == _old_members(db, model, former)
    for kinds in (None, set(experts.EXPERT_KINDS)):
        new = experts.list_people(db, kinds=kinds)
        assert new
        assert new == _old_people(db, kinds)
    new_units = units.list_units(db, include_retired=True)
    assert new_units
    assert sorted(new_units, key=lambda r: (r.kind, vi_key(r.name), r.id)) == _old_units(db)
    assert any(r.head for r in new_units)  # the joined head's name is really compared
    new_sessions = session_list.list_sessions(db)
    assert new_sessions
    assert new_sessions == _old_sessions(db)
    assert any(r.convened_by for r in new_sessions)
    matrix = members.responsibility_matrix(db)
    old = _old_matrix(db)
    assert old
    names = {n for cell in matrix.cells.values() for n in cell}
    assert names == {t[3] for t in old}


def test_lists_unchanged_on_demo(demo_db: Database) -> None:
    assert_lists_unchanged(demo_db)


@pytest.fixture(scope="module")
def tenyear(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Ten years of generated data (the benchmarks' generator, at its small scale)."""
    from benchmarks.generate import QUICK, generate

    path: Path = tmp_path_factory.mktemp("tenyear") / "tenyear.sqlite3"
    with own_data_folder(path.parent):  # set up before any test's own folders
        generate(path, QUICK)
        database = open_database(path)
    yield database
    database.dispose()


def test_lists_unchanged_on_ten_years(tenyear: Database) -> None:
    assert_lists_unchanged(tenyear)


@pytest.mark.postgres
def test_lists_unchanged_on_postgres(pg_db: Database) -> None:
    from bdcq_desktop.core.demo import load_demo
    from tests.conftest import DEMO_TODAY

    load_demo(pg_db, today=DEMO_TODAY)
    assert_lists_unchanged(pg_db)
