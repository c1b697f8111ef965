"""What a meeting's issued papers print of its agenda, and what an agenda change does to them.

Three papers print the agenda (:mod:`bdcq_desktop.documents.invitation_docs`,
:mod:`bdcq_desktop.documents.agenda_docs`):

- the convocation and the invitation, under "Nội dung": each item's title in order, its end
  stop (``.``/``;``) dropped, with "(… trình bày)" after it, unless the chair presents it or
  it is procedure (opening, discussion, conclusions: :data:`PROCEDURAL`);
- the agenda paper (Chương trình): each item's times (run on from the start by the planned
  minutes), its title and its presenter, whoever it is.

The agenda paper also prints the meeting's start and place (:data:`TIME_PLACE`): a new time or
place asks about it and supersedes it as it does the convocation (:func:`.meetings.
update_meeting`); a new planned end alone leaves it in force.

Not the notes typed under an item during the meeting (the minutes'), nor, on the convocation and
the invitation, the planned minutes. So, as for a change of time, place or invitees
(:mod:`.invitee_papers`, :func:`.meetings.update_meeting`), an agenda saved with one of these
papers in force, for a meeting not yet held, that changes what the paper prints is asked first
(:class:`.errors.IssuedConvocationWarning`) and, confirmed, supersedes that paper (only that
one) in the same transaction (:mod:`.issued_changes`). A meeting with neither its convocation
nor its invitation in force any more is planned again until a corrected one is issued. Once
held, the papers are history: a correction of the agenda asks nothing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .i18n import tr
from .invitee_papers import CONVENING_KINDS
from .issued_changes import in_force, supersede_after_change
from .meeting_rules import OPEN_STATUSES
from .models import AgendaItem, Meeting, MeetingStatus

AGENDA = "agenda"  # the register's kind of the agenda paper (Chương trình)
PAPERS = (*CONVENING_KINDS, AGENDA)
# What each paper prints of the meeting's time and place, as the meeting's fields: the
# convocation and the invitation tell people when and where to come; the agenda paper prints
# the start (under its title, and as the first item's time, the others' running on from it) and
# the place, not the planned end (:mod:`bdcq_desktop.documents.agenda_docs`).
TIME_PLACE: dict[str, tuple[str, ...]] = {
    **{kind: ("starts_at", "ends_at", "place") for kind in CONVENING_KINDS},
    AGENDA: ("starts_at", "place"),
}
# Agenda items that are procedure, not a report someone presents: the convocation and the
# invitation print no presenter after them.
PROCEDURAL = ("khai mạc", "thảo luận", "kết luận", "bế mạc", "ý kiến")

Printed = dict[str, tuple[object, ...]]


def _presenter(a: AgendaItem) -> tuple[object, ...]:
    return (a.presenter_person_id, a.presenter_unit_id, a.presenter_name or None)


def printed(m: Meeting) -> Printed:
    """What each kind of paper prints of the agenda of ``m``, as values to compare before and
    after a change."""
    rows = sorted(m.agenda, key=lambda a: (a.position, a.id or 0))
    calling = []
    for a in rows:
        title = " ".join(a.title.split()).rstrip(".;")
        by_chair = a.presenter_person_id is not None and a.presenter_person_id == m.chair_id
        shown = not (by_chair or title.casefold().startswith(PROCEDURAL))
        calling.append((title, _presenter(a) if shown else None))
    agenda = tuple((a.title, _presenter(a), a.planned_minutes) for a in rows)
    out: Printed = {kind: tuple(calling) for kind in CONVENING_KINDS}
    out[AGENDA] = agenda
    return out


def after_agenda_change(s: Session, m: Meeting, before: Printed, *, confirmed: bool) -> None:
    """Ask about, then supersede, the papers of ``m`` in force whose agenda text the change
    (already made on ``m``, in the caller's transaction) alters; ``before``: :func:`printed`
    before it."""
    if m.status not in OPEN_STATUSES:
        return
    issued = in_force(s, "meeting", m.id, PAPERS)
    if not issued:
        return
    s.flush()  # the new items' ids, for the order of items at one position
    after = printed(m)
    docs = [d for d in issued if before[d.kind] != after[d.kind]]
    if not docs:
        return
    supersede_after_change(docs, tr("chương trình (nội dung) cuộc họp"), confirmed=confirmed)
    calling = [d for d in issued if d.kind in CONVENING_KINDS]
    # Nothing calls them any more: convened again when a corrected paper is issued.
    if calling and set(calling) <= set(docs) and m.status == MeetingStatus.CONVENED:
        m.status = MeetingStatus.PLANNED
