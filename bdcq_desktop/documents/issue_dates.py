"""Dates of issue that make no sense for the record a document is about, refused before a
number is taken: a meeting's invitation, convocation or agenda dated after the meeting (it
calls people to it), its attendance sheet, minutes or notice of conclusions dated before it
(they are signed at it, or record it); the same for a working-group session; and a meeting's
convocation or invitation once the meeting was held (it calls no one any more). The register's
own rules (no date before the last number's, none past tomorrow, one more than a week back only
confirmed) are :mod:`bdcq_desktop.core.register`'s. A letter calling people to a meeting is
also refused while the meeting has no place (:func:`refuse_no_place`), asked with its dates;
so are its minutes (:func:`recording_meeting`).

One exception: a working-group session changed while under way (extended past its last day,
say) once its convocation was issued. The change superseded that convocation
(:mod:`..core.issued_changes`), and the experts' agencies need a paper covering the days
added, so a corrected convocation may be dated after the first day: from the day of the
change to the last day. It states the whole period and names the one it replaces
(:mod:`.replaces`), as a corrected convocation issued in time does.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..core.db import Database
from ..core.errors import NotReadyError, ValidationError
from ..core.i18n import tr
from ..core.labels import label as enum_label
from ..core.meeting_rules import not_found
from ..core.models import IssuedDocument, Meeting, MeetingStatus, WorkingSession
from ..core.text import short_date
from ..core.working_group import not_found as session_not_found


def _label() -> str:
    return tr("Ngày ban hành")


def _meeting_days(db: Database, meeting_id: int | None) -> tuple[date, date]:
    """The day a meeting starts and the day it ends (a meeting may run past midnight)."""
    with db.session() as s:
        row = s.execute(
            select(Meeting.starts_at, Meeting.ends_at).where(Meeting.id == meeting_id)
        ).first()
    if row is None:
        raise not_found(meeting_id)
    return row.starts_at.date(), (row.ends_at or row.starts_at).date()


def _session_days(db: Database, session_id: int | None) -> tuple[date, date]:
    """The first and the last day of a working session (they run for days)."""
    with db.session() as s:
        row = s.execute(
            select(WorkingSession.starts_on, WorkingSession.ends_on).where(
                WorkingSession.id == session_id
            )
        ).first()
    if row is None:
        raise session_not_found(session_id)
    return row.starts_on, row.ends_on


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
    """Invitation, convocation, agenda: issued no later than the day the meeting starts."""
    _not_after(on, _meeting_days(db, meeting_id)[0], tr("họp"), kind_label)


# A meeting in these states has taken place: calling people to it is over.
HELD_STATES = frozenset({MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL})


def refuse_held(status: MeetingStatus | None, kind_label: str) -> None:
    """Refuse a letter calling people to a meeting that has taken place, naming its status.
    Also run under the register's lock (the letter's ``after_issue``): the meeting may be
    recorded as held while the letter is being built."""
    if status in HELD_STATES:
        raise NotReadyError(
            tr(
                "Cuộc họp đã ở trạng thái “{status}”: không ban hành {kind} cho cuộc họp đã "
                "diễn ra (bản nháp vẫn xuất được để lưu hồ sơ)."
            ).format(status=enum_label(status), kind=kind_label.lower())
        )


def calling_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """Convocation, invitation: the meeting not held yet, its place known, and issued no later
    than its day."""
    with db.session() as s:
        row = s.execute(
            select(Meeting.status, Meeting.place).where(Meeting.id == meeting_id)
        ).first()
    refuse_held(row.status if row is not None else None, kind_label)
    if row is not None:
        refuse_no_place(row.place, kind_label)
    before_meeting(db, meeting_id, on, kind_label)


# A draft's "Địa điểm:" of a meeting whose place is not written yet: the blank to fill.
PLACE_BLANK = "…………………………………………"


def refuse_no_place(place: str | None, kind_label: str) -> None:
    """A letter calling people to a meeting must say where (template 1.7: "Địa điểm:"). A new
    office's first meeting has no earlier one to take the place from, and the form does not
    require it: issued, the letter went out numbered with no place at all."""
    if not (place or "").strip():
        label = tr("Địa điểm")
        raise ValidationError(
            "place",
            tr(
                "Cuộc họp chưa ghi “{label}”: {kind} phải ghi nơi họp. Hãy ghi ở Sửa cuộc họp "
                "(bdcq meetings edit ID --place …) rồi ban hành."
            ).format(label=label, kind=kind_label.lower()),
            label=label,
        )


def at_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """The attendance sheet: signed by hand at the meeting, so dated no earlier than the day it
    starts (a meeting running past midnight was signed in on its first day)."""
    _not_before(on, _meeting_days(db, meeting_id)[0], tr("họp"), kind_label)


def after_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """Minutes, notice of conclusions: issued no earlier than the day the meeting ends."""
    _not_before(on, _meeting_days(db, meeting_id)[1], tr("họp"), kind_label)


def recording_meeting(db: Database, meeting_id: int | None, on: date, kind_label: str) -> None:
    """Minutes: as :func:`after_meeting`, and the place known (template 1.9: "Địa điểm:")."""
    with db.session() as s:
        place = s.scalar(select(Meeting.place).where(Meeting.id == meeting_id))
    refuse_no_place(place, kind_label)
    after_meeting(db, meeting_id, on, kind_label)


def _changed_under_way(db: Database, session_id: int | None, first: date) -> date | None:
    """The day the session's latest superseded convocation stopped being in force, when that
    was on or after its first day (a change made while the session was under way); else
    None."""
    with db.session() as s:
        at = s.scalar(
            select(IssuedDocument.superseded_at)
            .where(
                IssuedDocument.record_type == "session",
                IssuedDocument.record_id == session_id,
                IssuedDocument.kind == "wg-convocation",
                IssuedDocument.superseded_at.is_not(None),
            )
            .order_by(IssuedDocument.superseded_at.desc())
            .limit(1)
        )
    return at.date() if at is not None and at.date() >= first else None


def before_session(db: Database, session_id: int | None, on: date, kind_label: str) -> None:
    """The convocation: no later than the session's first day; a corrected one, after a
    change made while the session was under way, from the day of the change to its last day
    (see the module)."""
    first, last = _session_days(db, session_id)
    changed = _changed_under_way(db, session_id, first) if on > first else None
    if changed is None:
        _not_after(on, first, tr("làm việc"), kind_label)
        return
    _not_after(on, last, tr("làm việc cuối cùng"), kind_label)
    if on < changed:
        raise _refuse(
            tr(
                '"{label}" ({on}) là trước ngày thay đổi phiên làm việc ({day}): {kind} ban '
                "hành lại sau thay đổi được ghi ngày từ ngày thay đổi trở đi."
            ),
            on, changed, "", kind_label,
        )


def after_session(db: Database, session_id: int | None, on: date, kind_label: str) -> None:
    """The report of its results: no earlier than the session's last day."""
    _not_before(on, _session_days(db, session_id)[1], tr("làm việc cuối cùng"), kind_label)
