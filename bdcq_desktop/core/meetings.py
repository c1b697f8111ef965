"""Meetings: plan, convene, hold and cancel every kind the regulation names (headless).

Each user action is one call, validated before one transaction opens; changes carry the
``expected_version`` the caller read (a stale one raises :class:`ConflictError`, nothing
written). Saving a meeting's agenda or invitees bumps the meeting's version. Everything handed
back is frozen data, never an ORM object. The calls a meetings tab makes:

- list: :func:`list_meetings` (filters year, kind, status, search; newest first) →
  :class:`MeetingRow`; one meeting: :func:`get_meeting` → :class:`MeetingDetail` (agenda with
  times, invitees with their snapshots, counts by category, issued documents, warnings; built
  in :mod:`.meeting_detail`, re-exported here).
- new: :func:`create_meeting` (fields, agenda lines, invitations, ``invite_committee``);
  :func:`regular_meeting_draft` pre-fills the next regular meeting; :func:`create_similar`
  ("Họp tương tự": agenda skeleton and invitees copied, a new date).
- edit: :func:`update_meeting`; agenda: :func:`.agenda.set_agenda`, :func:`.agenda.reorder_agenda`;
  invitees: :func:`.invitees.invite_committee`, :func:`.invitees.invite`,
  :func:`.invitees.remove_invitees`, :func:`.invitees.mark_presenters`.
- holding it: attendance (:mod:`.attendance`), live notes and their autosave
  (:mod:`.live_notes`), conclusions with tasks (:mod:`.conclusions`, :mod:`.tasks`), the minutes'
  draft, revisions and reopening (:mod:`.minutes_text`); :class:`MeetingDetail` carries them.
- status, never typed: planned → convened (:func:`mark_convened`, run by the register when the
  convocation or the invitation is issued) → held (:func:`record_held`) → minutes final (when
  the minutes are issued); :func:`cancel_meeting` with a reason. :func:`delete_meeting` only
  for a planned meeting without issued documents.
- the pickers: :func:`eligible_people` (who may chair or call, who may propose, on a day).
- the six-monthly rule: :func:`regular_status`; calendar files: :mod:`.calendar_ics`.

The rules themselves (who chairs, who calls an extraordinary meeting…) are in
:mod:`.meeting_rules`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session

from . import validation as v
from .agenda import (
    AgendaLine,
    clean_agenda,
    skeleton_line,
    write_agenda,
)
from .agenda_papers import FIELDS_PRINTED, PAPERS
from .conclusions import carry_to_tasks
from .db import Database
from .errors import BcdError
from .i18n import tr
from .invitee_papers import CONVENING_KINDS, after_adding
from .invitees import (
    Invitation,
    add_invitations,
    clean_invitations,
    committee_invitations,
    invite_named,
)
from .issued_changes import (
    changed_words,
    in_force,
    refuse_before_issue,
    supersede_after_change,
)
from .labels import label
from .locking import check_version, flush
from .meeting_detail import (
    DocumentRef,
    MeetingDetail,
    PersonRef,
    get_meeting,
    load_meeting,
    meeting_documents,
)
from .meeting_people import named_people, take_snapshots
from .meeting_rules import (
    MEETING_FIELDS,
    OPEN_STATUSES,
    PRESENTER_ROLE,
    Eligible,
    check_rules,
    clean_meeting,
    clean_reason,
    eligible_people,
    label_of,
    load_for_change,
    not_found,
    roles_on,
    what,
)
from .meeting_secretary import MEMBER_ROLES, counted_invitee
from .models import (
    AttendanceStatus,
    Invitee,
    InviteeCategory,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Person,
)
from .named_invitees import open_to_invite
from .regular_meetings import (
    MeetingDraft,
    RegularDue,
    late_plan_note,
    next_regular_due,
    regular_meeting_draft,
    regular_meeting_warning,
    regular_status,
)
from .text import SearchQuery

__all__ = [
    "AgendaLine",
    "DocumentRef",
    "Eligible",
    "Invitation",
    "MeetingDetail",
    "MeetingDraft",
    "MeetingRow",
    "PersonRef",
    "RegularDue",
    "cancel_meeting",
    "create_meeting",
    "create_similar",
    "delete_meeting",
    "eligible_people",
    "get_meeting",
    "late_plan_note",
    "list_meetings",
    "mark_convened",
    "next_regular_due",
    "record_held",
    "regular_meeting_draft",
    "regular_meeting_warning",
    "regular_status",
    "update_meeting",
]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    kind: str
    kind_label: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    status: str
    status_label: str
    chair: str
    invited: int
    present: int
    version: int


def list_meetings(
    db: Database,
    *,
    search: str | None = None,
    kind: MeetingKind | str | None = None,
    status: MeetingStatus | str | None = None,
    year: int | None = None,
) -> list[MeetingRow]:
    """Meetings, newest first, with invitation and presence counts (one query); the secretary
    serving a meeting is not counted (:mod:`.meeting_secretary`), as its documents count."""
    kind = v.choice(kind, MeetingKind, "kind", label_of("kind"), required=False)
    status = v.choice(status, MeetingStatus, "status", label_of("status"), required=False)
    with db.session() as s:
        # One pass over the invitees counts both (a second filtered pass costs more than it).
        attended = Invitee.attendance.in_(
            [AttendanceStatus.PRESENT, AttendanceStatus.ONLINE, AttendanceStatus.SUBSTITUTE]
        )
        counts = (
            select(
                Invitee.meeting_id,
                func.count().label("invited"),
                func.sum(case((attended, 1), else_=0)).label("present"),
            )
            .join(Meeting, Meeting.id == Invitee.meeting_id)
            # The invited only, as the minutes count them ("9/10"): a walk-in is on the list
            # but was not called.
            .where(counted_invitee(), Invitee.walked_in_at.is_(None))
            .group_by(Invitee.meeting_id)
            .subquery()
        )
        # Only the columns the list shows (no meeting objects): a list at ten years must not
        # pay for loading every meeting's entity.
        m = Meeting.__table__.c
        stmt = (
            select(
                m.id,
                m.title,
                m.kind,
                m.starts_at,
                m.ends_at,
                m.place,
                m.status,
                Person.full_name,
                func.coalesce(counts.c.invited, 0),
                func.coalesce(counts.c.present, 0),
                m.version,
            )
            .outerjoin(Person, Person.id == m.chair_id)
            .outerjoin(counts, counts.c.meeting_id == m.id)
            .order_by(m.starts_at.desc(), m.id.desc())
        )
        if kind is not None:
            stmt = stmt.where(m.kind == kind)
        if status is not None:
            stmt = stmt.where(m.status == status)
        if year is not None:
            stmt = stmt.where(extract("year", m.starts_at) == year)
        rows = [
            MeetingRow(
                id=mid,
                title=title,
                kind=k.value,
                kind_label=label(k),
                starts_at=starts_at,
                ends_at=ends_at,
                place=place or "",
                status=st.value,
                status_label=label(st),
                chair=chair or "",
                invited=n_inv,
                present=n_pres,
                version=version,
            )
            for mid, title, k, starts_at, ends_at, place, st, chair, n_inv, n_pres, version in (
                s.execute(stmt)
            )
        ]
    if search:  # the search boxes' rule: diacritics typed must match (text.SearchQuery)
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(r.title, r.place, r.chair)]
    return rows


# --- create, edit, copy -------------------------------------------------------------------------


def _now(now: datetime | None) -> datetime:
    return now or datetime.now().replace(microsecond=0)


def create_meeting(
    db: Database,
    *,
    agenda: Sequence[AgendaLine | Mapping[str, Any]] = (),
    invitations: Sequence[Invitation | Mapping[str, Any]] = (),
    invite_committee: bool = False,
    held: bool = False,
    now: datetime | None = None,
    **fields: Any,
) -> int:
    """A new planned meeting with its agenda and invitees (with ``invite_committee`` every
    member on the roster of its day), in one transaction; returns its id.

    ``held``: a meeting that has already taken place, recorded afterwards (one called on the
    spot, or the meetings of the year when an office starts with the app): it starts no later
    than now, is not convened (no convocation is issued for it), and its attendance, minutes
    and conclusions are recorded as for any meeting held."""
    clean = clean_meeting(fields)
    lines = clean_agenda(agenda)
    items = clean_invitations(invitations)
    status = MeetingStatus.HELD if held else MeetingStatus.PLANNED
    with db.session() as s:
        clean["status"] = status  # the rules differ for a meeting held (and may fill fields)
        check_rules(s, clean, now=_now(now))
        m = Meeting(**clean)
        take_snapshots(s, m)
        s.add(m)
        s.flush()
        write_agenda(s, m, lines)
        if invite_committee:
            add_invitations(s, m, committee_invitations(s, m))
        add_invitations(s, m, items)
        # Its chair and presenters on the list it was given (none given: none made yet). Not
        # for one recorded afterwards: its list is whom it called then, as the officer gives it.
        if open_to_invite(m):
            invite_named(s, m, chair=True, presenters=True)
        s.flush()
        return m.id


# What a convocation or an invitation prints that tells people when and where to come and who
# chairs (who is called: core.invitee_papers, whose CONVENING_KINDS these are); the agenda
# paper prints some of it (core.agenda_papers.FIELDS_PRINTED).
_CALLED_FOR = ("starts_at", "ends_at", "place", "chair_id")


def update_meeting(
    db: Database,
    meeting_id: int,
    *,
    expected_version: int | None,
    now: datetime | None = None,
    confirm_after_convocation: bool = False,
    **fields: Any,
) -> int:
    """Change the fields given (not the status); returns the new version. A new day or chair
    is carried to the tasks of the meeting's conclusions in the same transaction
    (:func:`.conclusions.carry_to_tasks`), so a task is never assigned before its meeting; a
    new chair of a meeting not yet held is invited, the old one staying on the list
    (:mod:`.named_invitees`).

    With its convocation, invitation or agenda paper issued, a new time, place or chair of a
    meeting not yet held is asked first and, confirmed, supersedes those that print it
    (:data:`.agenda_papers.FIELDS_PRINTED`) in the same transaction (the meeting is planned
    again until a corrected convocation or invitation is issued); a day before their date is
    refused (:mod:`.issued_changes`), as for a working-group session. Once the meeting is held
    its convocation is history: a correction of its times, place or chair leaves it in force,
    unasked."""
    clean = clean_meeting(fields, partial=True)
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version)
        values = {key: getattr(m, key) for key in MEETING_FIELDS}
        values.update(clean)
        values["status"] = m.status
        check_rules(s, values, now=_now(now))
        # Once held, the convocation is history: it called people to what it printed, and a
        # correction of the meeting's record (its start, end or place) neither asks about it
        # nor supersedes it (the actual start and end are recorded on the minutes,
        # core.meeting_close).
        called_for = _CALLED_FOR if m.status in OPEN_STATUSES else ()
        changed = [key for key in called_for if values[key] != getattr(m, key)]
        if changed:
            issued = in_force(s, "meeting", m.id, PAPERS)
            calling = [d for d in issued if d.kind in CONVENING_KINDS]
            when_where = [key for key in changed if key != "chair_id"]
            if when_where:
                refuse_before_issue(
                    calling, values["starts_at"].date(), "starts_at", label_of("starts_at")
                )
            # Only the papers that print what changed (the agenda paper: not the planned end).
            docs = [d for d in issued if set(changed) & set(FIELDS_PRINTED[d.kind])]
            words = [changed_words(when_where, tr("họp"))] if when_where else []
            if "chair_id" in changed:
                words.append(tr("người chủ trì cuộc họp"))
            supersede_after_change(docs, ", ".join(words), confirmed=confirm_after_convocation)
            if calling and m.status == MeetingStatus.CONVENED:
                m.status = MeetingStatus.PLANNED  # convened again when a corrected one is issued
        old_day, old_chair = m.starts_at.date(), m.chair_id
        named = named_people(m)
        for key in MEETING_FIELDS:
            setattr(m, key, values[key])
        take_snapshots(s, m, named)
        carry_to_tasks(s, m, old_day, old_chair)
        if m.chair_id != old_chair and open_to_invite(m):
            # The papers print the chair on their "Chủ trì" line, asked about above; the call
            # asks about any paper that would list them all the same.
            added = invite_named(s, m, chair=True)
            after_adding(s, m, added, confirmed=confirm_after_convocation)
        flush(s, what())
        return m.version


def create_similar(
    db: Database,
    meeting_id: int,
    *,
    starts_at: datetime | str,
    ends_at: datetime | str | None = None,
    now: datetime | None = None,
    **overrides: Any,
) -> int:
    """ "Họp tương tự": a new planned meeting like ``meeting_id`` (kind, title, place, people,
    agenda skeleton, invitees) on a new date, in one call; returns its id.

    Without ``ends_at`` it lasts as long as the original. Invitees are invited afresh (their
    snapshots taken now; a unit's current head); members no longer on the committee on the new
    date are left out. ``overrides`` replace copied fields (e.g. another chair).
    """
    start = v.datetime_value(starts_at, "starts_at", label_of("starts_at"), required=True)
    end = v.datetime_value(ends_at, "ends_at", label_of("ends_at"))
    with db.session() as s:
        src = load_meeting(s, meeting_id)
        values: dict[str, Any] = {key: getattr(src, key) for key in MEETING_FIELDS}
        values["starts_at"] = start
        values["ends_at"] = end
        if end is None and src.ends_at is not None:
            values["ends_at"] = start + (src.ends_at - src.starts_at)
        values.update(overrides)
        lines = [skeleton_line(a) for a in sorted(src.agenda, key=lambda a: (a.position, a.id))]
        roster = roles_on(s, start.date())
        copied = []
        for i in sorted(src.invitees, key=lambda i: (i.position, i.id)):
            presents = i.role == PRESENTER_ROLE
            if i.walked_in_at is not None:
                continue  # came to that meeting uninvited: nobody called them to this one
            if i.category == InviteeCategory.MEMBER and roster.get(i.person_id) not in MEMBER_ROLES:
                # No longer on the committee on the new date; or its Secretary, on the list of
                # a meeting from before "invite the committee" left them out: they serve.
                continue
            if i.category == InviteeCategory.AGENCY_HEAD and i.unit_id is not None:
                copied.append(Invitation(unit_id=i.unit_id, presents=presents))
            elif i.person_id is not None:
                copied.append(Invitation(person_id=i.person_id, presents=presents))
            else:
                copied.append(
                    Invitation(
                        guest_name=i.guest_name or i.name_snapshot,
                        position=i.position_snapshot,
                        unit_name=i.unit_snapshot,
                        category=i.category,
                        presents=presents,
                    )
                )
    return create_meeting(db, agenda=lines, invitations=copied, now=now, **values)


# --- status events ------------------------------------------------------------------------------


def mark_convened(s: Session, meeting_id: int) -> None:
    """The convocation or the invitation of the meeting was issued from the register: a planned
    meeting is now convened. Runs inside the register's transaction (``after_issue``), so the
    status changes exactly when the number is taken."""
    m = s.get(Meeting, meeting_id)
    if m is not None and m.status == MeetingStatus.PLANNED:
        m.status = MeetingStatus.CONVENED
        flush(s, what())


def record_held(
    db: Database, meeting_id: int, *, expected_version: int | None, now: datetime | None = None
) -> int:
    """The meeting took place (attendance taken, minutes begun); returns the new version."""
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        if m.starts_at > _now(now):
            raise BcdError(
                tr("Cuộc họp chưa đến giờ bắt đầu ({start}): chưa thể ghi là đã họp.").format(
                    start=f"{m.starts_at:%H:%M %d/%m/%Y}"
                )
            )
        m.status = MeetingStatus.HELD
        flush(s, what())
        return m.version


def cancel_meeting(
    db: Database, meeting_id: int, reason: object, *, expected_version: int | None
) -> int:
    """Cancel a meeting not yet held, with its reason; returns the new version."""
    text = clean_reason(reason)
    with db.session() as s:
        m = load_for_change(s, meeting_id, expected_version, open_only=True)
        m.status = MeetingStatus.CANCELLED
        m.cancel_reason = text
        flush(s, what())
        return m.version


def delete_meeting(db: Database, meeting_id: int, *, expected_version: int | None) -> None:
    """Delete a meeting entered by mistake: only a planned one without any issued document
    (otherwise cancel it, so the record keeps it)."""
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise not_found(meeting_id)
        check_version(m, expected_version, what())
        if m.status != MeetingStatus.PLANNED:
            raise BcdError(
                tr(
                    "Chỉ xóa được cuộc họp ở trạng thái “{planned}”; cuộc họp này “{status}”. "
                    "Hãy hủy cuộc họp (ghi lý do)."
                ).format(planned=label(MeetingStatus.PLANNED), status=label(m.status))
            )
        docs = meeting_documents(s, m.id)
        if docs:
            raise BcdError(
                tr("Không xóa được: cuộc họp đã có văn bản ban hành ({symbols}).").format(
                    symbols=", ".join(d.symbol for d in docs)
                )
            )
        s.delete(m)
        flush(s, what())
