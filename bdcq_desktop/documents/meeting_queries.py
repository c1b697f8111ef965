"""The statements a meeting's documents read (:func:`.meeting_data.load_meeting`), built once.

Building a statement (its columns, joins and an aliased table) cost a third of reading the
largest meeting, every time a document of it was drafted; built once with bound parameters
(``meeting_id``, ``ids``, ``day``), each read only runs them. The SQL is the same as a statement
built afresh with the values in it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, bindparam, select
from sqlalchemy.orm import aliased

from ..core.membership_rules import current_on
from ..core.models import (
    AgendaItem,
    CommitteeMembership,
    Conclusion,
    Invitee,
    Meeting,
    Minutes,
    Task,
    Unit,
)
from ..core.models import Person as PersonModel


@dataclass(frozen=True)
class MeetingStatements:
    meeting: Any  # the meeting and its minutes' times and texts (``meeting_id``)
    invitees: Any  # (``meeting_id``)
    items: Any  # the agenda (``meeting_id``)
    conclusions: Any  # (``meeting_id``)
    tasks: Any  # the conclusions' tasks (``meeting_id``)
    people: Any  # the people named (``ids``, a list)
    chair_role: Any  # a person's committee role on a day (``person_id``, ``day``)


@functools.cache
def meeting_statements() -> MeetingStatements:
    meeting_id = bindparam("meeting_id")
    assignee_unit, focal_unit = aliased(Unit), aliased(Unit)
    return MeetingStatements(
        meeting=select(
            Meeting.id,
            Meeting.kind,
            Meeting.title,
            Meeting.status,
            Meeting.starts_at,
            Meeting.ends_at,
            Meeting.place,
            Meeting.chair_id,
            Meeting.secretary_id,
            Meeting.called_by_id,
            Meeting.chair_position_snapshot,
            Meeting.chair_unit_snapshot,
            Meeting.secretary_position_snapshot,
            Meeting.secretary_unit_snapshot,
            Minutes.id.label("minutes_id"),
            Minutes.opened_at,
            Minutes.closed_at,
            Minutes.opening_text,
            Minutes.closing_text,
            Minutes.is_final,
        )
        .outerjoin(Minutes, Minutes.meeting_id == Meeting.id)
        .where(Meeting.id == meeting_id),
        invitees=select(
            Invitee.person_id,
            Invitee.guest_name,
            Invitee.category,
            Invitee.role,
            Invitee.name_snapshot,
            Invitee.position_snapshot,
            Invitee.unit_snapshot,
            Invitee.attendance,
            Invitee.absence_reason,
            Invitee.substitute_name,
            Invitee.substitute_position,
            Invitee.arrived_at,
            Invitee.walked_in_at,
            Unit.name.label("unit_name"),
        )
        .outerjoin(Unit, Invitee.unit_id == Unit.id)
        .where(Invitee.meeting_id == meeting_id)
        .order_by(Invitee.position, Invitee.id),
        items=select(
            AgendaItem.title,
            AgendaItem.presenter_person_id,
            AgendaItem.presenter_name,
            AgendaItem.presenter_position_snapshot,
            AgendaItem.presenter_unit_snapshot,
            AgendaItem.planned_minutes,
            AgendaItem.minutes_text,
            Unit.name.label("unit_name"),
        )
        .outerjoin(Unit, AgendaItem.presenter_unit_id == Unit.id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id),
        conclusions=select(Conclusion.id, Conclusion.text)
        .where(Conclusion.meeting_id == meeting_id)
        .order_by(Conclusion.position, Conclusion.id),
        tasks=select(
            Task.id,
            Task.conclusion_id,
            Task.content,
            Task.assignee_person_id,
            Task.deadline,
            assignee_unit.name.label("unit_name"),
            focal_unit.name.label("focal_unit_name"),
        )
        .join(Conclusion, Task.conclusion_id == Conclusion.id)
        .outerjoin(assignee_unit, Task.assignee_unit_id == assignee_unit.id)
        .outerjoin(focal_unit, Task.focal_unit_id == focal_unit.id)
        .where(Conclusion.meeting_id == meeting_id)
        .order_by(Task.position, Task.id),
        people=select(
            PersonModel.id,
            PersonModel.full_name,
            PersonModel.honorific,
            PersonModel.position,
            PersonModel.phone,
            Unit.name,
        )
        .outerjoin(Unit, PersonModel.unit_id == Unit.id)
        .where(PersonModel.id.in_(bindparam("ids", expanding=True))),
        chair_role=select(CommitteeMembership.role)
        .where(
            CommitteeMembership.person_id == bindparam("person_id"),
            current_on(CommitteeMembership, bindparam("day", type_=Date)),
        )
        .order_by(CommitteeMembership.sort_order),
    )
