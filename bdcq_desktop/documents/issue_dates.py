"""Dates of issue that make no sense for the record a document is about, refused before a
number is taken: a meeting's invitation, convocation or agenda dated after the meeting (it
calls people to it), its minutes or notice of conclusions dated before it (they record it);
the same for a working-group session. The register's own rules (no date before the last
number's, none past tomorrow) are :mod:`bdcq_desktop.core.register`'s.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.meeting_rules import not_found
from ..core.models import Meeting, WorkingSession
from ..core.text import short_date
from ..core.working_group import not_found as session_not_found


def _label() -> str:
    return tr("Ngày ban hành")


def _meeting_day(db: Database, meeting_id: int | None) -> date:
    with db.session() as s:
        starts = s.scalar(select(Meeting.starts_at).where(Meeting.id == meeting_id))
    if starts is None:
        raise not_found(meeting_id)
    return starts.date()


def _session_day(db: Database, session_id: int | None) -> date:
    with db.session() as s:
        starts = s.scalar(select(WorkingSession.starts_on).where(WorkingSession.id == session_id))
    if starts is None:
        raise session_not_found(session_id)
    return starts


def _refuse(template: str, on: date, day: date, what: str, kind_label: str) -> ValidationError:
    label = _label()
    return ValidationError(
        "issued_on",
        template.format(
            label=label, on=short_date(on), what=what, day=short_date(day), kind=kind_label
        ),
        label=label,
    )


def _not_after(on: date, day: date, what: str, kind_label: str) -> None:
    if on > day:
        raise _refuse(
            tr(
                '"{label}" ({on}) là sau ngày {what} ({day}): {kind} được ban hành trước hoặc '
                "trong ngày {what}."
            ),
            on, day, what, kind_label,
        )


def _not_before(on: date, day: date, what: str, kind_label: str) -> None:
    if on < day:
        raise _refuse(
            tr(
                '"{label}" ({on}) là trước ngày {what} ({day}): {kind} ghi lại việc đã diễn '
                "ra, được ban hành từ ngày {what} trở đi."
            ),
            on, day, what, kind_label,
        )


def before_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """Invitation, convocation, agenda: issued no later than the day of the meeting."""
    _not_after(on, _meeting_day(db, meeting_id), tr("họp"), kind_label)


def after_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """Minutes, notice of conclusions: issued no earlier than the day of the meeting."""
    _not_before(on, _meeting_day(db, meeting_id), tr("họp"), kind_label)


def before_session(db: Database, session_id: int | None, on: date, kind_label: str) -> None:
    _not_after(on, _session_day(db, session_id), tr("làm việc"), kind_label)


def after_session(db: Database, session_id: int | None, on: date, kind_label: str) -> None:
    _not_before(on, _session_day(db, session_id), tr("làm việc"), kind_label)
