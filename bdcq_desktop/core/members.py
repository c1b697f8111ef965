"""Members of the committee and the working group (headless): rosters and the dialogs' saves.

The pieces live by responsibility and are re-exported here, so front ends import everything
from ``members``: a person's details (:mod:`.people`), what ties a person to the record and
deleting one without history (:mod:`.person_history`), the lists of people and experts
(:mod:`.experts`), the appointment rules (:mod:`.memberships`), removing a member entered by
mistake (:mod:`.member_removal`), the meetings still inviting someone whose term an end
closes (:mod:`.still_invited`). None of them imports this module.

This module shows the pattern every area follows (see :mod:`bdcq_desktop.core`): a list call
returns frozen rows carrying what the screen needs (``deletable`` included, from the same
query), and each dialog's save is one call here (:func:`appoint_new`, :func:`update_member`)
that validates everything, then writes it in one session with the versions the dialog read.
Both run the duplicate-position check of :func:`.memberships.appoint` and raise
:class:`DuplicatePositionWarning` (nothing written) unless ``confirm_duplicate_position``.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import joinedload

from . import validation as v
from .db import Database
from .errors import ConfirmationRequired, DuplicatePositionWarning
from .experts import (
    EXPERT_KINDS,
    PersonChoice,
    list_experts,
    list_people,
    people_named,
    person_choices,
)
from .labels import label
from .member_removal import deletable, delete_mistaken_member, removal_blockers
from .member_rows import MemberRow, as_held, roster_rows, search_codes, search_words, sort_rows
from .membership_rules import END_DATE_LABEL, current_on, is_current
from .memberships import (
    GROUP_RANK,
    ROLE_RANK,
    NewAppointment,
    Reorganisation,
    ReorganisationResult,
    appoint,
    appoint_in,
    check_position,
    clean_appointment,
    clean_correction,
    end_membership,
    membership_model,
    parse_role,
    reorganise,
    update_membership,
    update_membership_in,
)
from .models import CommitteeMembership, GroupMembership, Person, Unit
from .people import (
    PERSON_LABELS,
    PersonRow,
    add_person,
    apply_person,
    clean_person,
    create_person,
    get_person,
    load_person,
    require_name,
    update_person,
)
from .person_history import delete_person, has_history
from .responsibility import UNASSIGNED, Matrix, responsibility_matrix
from .still_invited import StillInvited
from .still_invited import notice as still_invited_notice
from .text import SearchQuery

__all__ = [
    "END_DATE_LABEL",
    "EXPERT_KINDS",
    "GROUP_RANK",
    "PERSON_LABELS",
    "ROLE_RANK",
    "UNASSIGNED",
    "ConfirmationRequired",
    "DuplicatePositionWarning",
    "Matrix",
    "MemberRow",
    "NewAppointment",
    "PersonChoice",
    "PersonRow",
    "Reorganisation",
    "ReorganisationResult",
    "StillInvited",
    "appoint",
    "appoint_new",
    "clean_person",
    "create_person",
    "delete_mistaken_member",
    "delete_person",
    "end_membership",
    "get_person",
    "has_history",
    "list_committee",
    "list_experts",
    "list_group",
    "list_memberships",
    "list_people",
    "parse_role",
    "people_named",
    "person_choices",
    "removal_blockers",
    "reorganise",
    "responsibility_matrix",
    "sort_rows",
    "still_invited_notice",
    "update_member",
    "update_membership",
    "update_person",
]


def _member_row(
    m: CommitteeMembership | GroupMembership, today: date | None = None, removable: bool = False
) -> MemberRow:
    p = m.person
    return MemberRow(
        id=m.id,
        person_id=p.id,
        full_name=p.full_name,
        honorific=label(p.honorific),
        role=m.role.value,
        role_label=label(m.role),
        position=p.position or "",
        unit=p.unit.name if p.unit else "",
        unit_id=p.unit_id,
        field=m.field or "",
        area=m.area or "",
        phone=p.phone or "",
        email=p.email or "",
        decision_number=m.decision_number or "",
        decision_date=m.decision_date,
        start_date=m.start_date,
        end_date=m.end_date,
        active=is_current(m.start_date, m.end_date, today or date.today()),
        version=m.version,
        end_decision_number=m.end_decision_number or "",
        end_decision_date=m.end_decision_date,
        position_at_start=m.position_at_start or "",
        body="group" if isinstance(m, GroupMembership) else "committee",
        sort_order=m.sort_order or 0,
        deletable=removable,
        person_version=p.version,
        unit_short=(p.unit.short_name or "") if p.unit else "",
        person_uid=p.uid or "",
    )


@cache
def _list_statement(
    model: type[CommitteeMembership] | type[GroupMembership], removal_flag: bool = True
) -> Select[Any]:
    # Built once: the removal check is a dozen subqueries, slower to assemble than to run.
    # Without ``removal_flag`` every row says not deletable: the check reads every invitee,
    # task and participant of the database (some 9 ms at ten years), which a document that
    # only needs who held which role that day would pay for each letter.
    # Only the listed columns, the person and unit joined in the same query: loading every
    # membership, person and unit entity costs more than the query itself at ten years.
    # The tables' columns rather than the mapped classes (the same SQL): the committee list is
    # the first screen of a start, read before the ORM is set up.
    m, person, unit = model.__table__, Person.__table__, Unit.__table__
    return (
        select(
            m.c.id,
            person.c.id,
            person.c.full_name,
            person.c.honorific,
            m.c.role,
            person.c.position,
            unit.c.name,
            person.c.unit_id,
            m.c.field,
            m.c.area,
            person.c.phone,
            person.c.email,
            m.c.decision_number,
            m.c.decision_date,
            m.c.start_date,
            m.c.end_date,
            m.c.version,
            m.c.end_decision_number,
            m.c.end_decision_date,
            m.c.position_at_start,
            m.c.sort_order,
            deletable(m.c.person_id) if removal_flag else literal(False),
            # Last: the first screen's date columns keep their places.
            person.c.version,
            unit.c.short_name,
            person.c.uid,
        )
        .join(person, person.c.id == m.c.person_id)
        .outerjoin(unit, unit.c.id == person.c.unit_id)
    )


def roster_sql(body: str) -> str:
    """The whole roster's query (every membership of ``body``) compiled for SQLite: the SQL
    the first screen of a start runs with the standard library (:mod:`.first_screen_sql`
    holds it; a test keeps the two equal)."""
    from sqlalchemy.dialects import sqlite

    statement = _list_statement(membership_model(body))
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def _list(
    db: Database,
    model: type[CommitteeMembership] | type[GroupMembership],
    search: str | None,
    include_former: bool,
    sort: str,
    on: date | None,
    removal_flag: bool = True,
) -> list[MemberRow]:
    today = date.today()
    day = on or today
    body = "group" if model is GroupMembership else "committee"
    columns = model.__table__.c
    with db.session() as s:
        stmt = _list_statement(model, removal_flag)
        if not include_former:
            stmt = stmt.where(current_on(columns, day))
        elif on is not None:  # the former members of that day: none appointed after it
            stmt = stmt.where(columns.start_date <= on)
        # "Current" as of the day asked for: a roster of a past day lists that day's members
        # first, in rank order, not those still serving today.
        rows = roster_rows(s.execute(stmt), body, day)
        # Each term with the posts held then (a former term's last day, a past roster's day),
        # read as the documents of a past day read them: not the person's record of today.
        rows = as_held(s.connection(), rows, day, today)
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(*search_words(r), codes=search_codes(r))]
    return sort_rows(rows, sort)


def list_committee(
    db: Database,
    *,
    search: str | None = None,
    include_former: bool = False,
    sort: str = "rank",
    on: date | None = None,
    removal_flag: bool = True,
) -> list[MemberRow]:
    """The committee roster; ``on`` gives the roster as it was on that date (with
    ``include_former``, every term begun by then, those over by then not ``active``). Each
    row shows the position and agency held on its day (:func:`.member_rows.as_held`): the
    roster's date, or a former term's last day. Without ``removal_flag`` no row is marked
    ``deletable`` (faster: for readers that do not offer the removal, such as the
    documents)."""
    return _list(db, CommitteeMembership, search, include_former, sort, on, removal_flag)


def list_group(
    db: Database,
    *,
    search: str | None = None,
    include_former: bool = False,
    sort: str = "rank",
    on: date | None = None,
) -> list[MemberRow]:
    """The working group; ``on`` gives it as it was on that date (as :func:`list_committee`)."""
    return _list(db, GroupMembership, search, include_former, sort, on)


def appoint_new(
    db: Database,
    *,
    body: str = "committee",
    person: dict[str, Any],
    appointment: dict[str, Any],
    person_id: int | None = None,
    person_version: int | None = None,
    confirm_duplicate_position: bool = False,
) -> int:
    """Add a member, the new-member dialog's save: create the person from ``person`` (or,
    given ``person_id``, bring that person's details up to date, guarded by ``person_version``)
    and appoint them. One transaction: a refused appointment leaves no person behind.
    Raises :class:`DuplicatePositionWarning` (nothing written) if another member holds the
    same position in the same unit, unless ``confirm_duplicate_position``.
    Returns the membership id."""
    model = membership_model(body)
    # The person's and the appointment's fields refused together: the form marks them all.
    check = v.Refusals()
    details = check(clean_person, person) or {}
    if person_id is None and "full_name" not in person:
        check(require_name, {})
    values = check(clean_appointment, appointment, body) or {}
    check.raise_any()
    with db.session() as s:
        if person_id is None:
            p = add_person(s, details)
        else:
            p = load_person(s, person_id)
            apply_person(s, p, details, person_version)
        m = appoint_in(s, model, p.id, values)
        if not confirm_duplicate_position:
            check_position(s, model, m)
        return m.id


def update_member(
    db: Database,
    membership_id: int,
    *,
    body: str = "committee",
    person_version: int | None = None,
    membership_version: int | None = None,
    person: dict[str, Any] | None = None,
    membership: dict[str, Any] | None = None,
    confirm_duplicate_position: bool = False,
) -> None:
    """Correct a member, the edit dialog's save: the person's details and the membership in one
    transaction, each guarded by the version the dialog read (both are checked, so a dialog
    showing a stale copy of either is told to reload). Only the fields given change.
    A new position or unit that another member of the body holds at the time raises
    :class:`DuplicatePositionWarning` (nothing written) unless ``confirm_duplicate_position``."""
    model = membership_model(body)
    check = v.Refusals()
    details = check(clean_person, person or {}) or {}
    values = check(clean_correction, membership or {}, body) or {}
    check.raise_any()
    with db.session() as s:
        m = update_membership_in(s, model, membership_id, values, membership_version)
        apply_person(s, m.person, details, person_version)
        if not confirm_duplicate_position and ("position" in details or "unit_id" in details):
            check_position(s, model, m)


def list_memberships(db: Database, person_id: int, *, body: str = "committee") -> list[MemberRow]:
    """Every membership of one person, newest first (the person's history), each with the
    position and agency held then, as the roster shows it."""
    model = membership_model(body)
    today = date.today()
    with db.session() as s:
        load_person(s, person_id)
        stmt = (
            select(model)
            .where(model.person_id == person_id)
            .options(joinedload(model.person).joinedload(Person.unit))
            .order_by(model.start_date.desc(), model.id.desc())
        )
        rows = [_member_row(m, today) for m in s.scalars(stmt).unique()]
        return as_held(s.connection(), rows, today, today)
