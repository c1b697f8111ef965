"""What a meeting's issued papers print of its agenda, and what an agenda change does to them.

Three papers print the agenda (:mod:`bdcq_desktop.documents.invitation_docs`,
:mod:`bdcq_desktop.documents.agenda_docs`):

- the convocation and the invitation, under "Nội dung": each item's title in order, its end
  stop (``.``/``;``) dropped, with "(… trình bày)" after it, unless the chair presents it or
  it is procedure (opening, discussion, conclusions: :data:`PROCEDURAL`);
- the agenda paper (Chương trình): each item's times (run on from the start by the planned
  minutes), its title and its presenter, whoever it is.

The agenda paper also prints the meeting's start and place, and all three its chair on their
"Chủ trì" line (:data:`FIELDS_PRINTED`): a new time, place or chair asks about it and supersedes
it as it does the convocation (:func:`.meetings.update_meeting`); a new planned end alone leaves
it in force.

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

from collections.abc import Sequence

from sqlalchemy.orm import Session

from .i18n import tr
from .invitee_papers import CONVENING_KINDS, naming_added, replanned
from .issued_changes import in_force, supersede_after_change
from .meeting_rules import OPEN_STATUSES
from .models import AgendaItem, Invitee, Meeting

AGENDA = "agenda"  # the register's kind of the agenda paper (Chương trình)
PAPERS = (*CONVENING_KINDS, AGENDA)
# What each paper prints of the meeting's own fields: the convocation and the invitation tell
# people when and where to come and who chairs; the agenda paper prints the start (under its
# title, and as the first item's time, the others' running on from it), the place and the
# chair, not the planned end (:mod:`bdcq_desktop.documents.agenda_docs`).
FIELDS_PRINTED: dict[str, tuple[str, ...]] = {
    **{kind: ("starts_at", "ends_at", "place", "chair_id") for kind in CONVENING_KINDS},
    AGENDA: ("starts_at", "place", "chair_id"),
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


def after_agenda_change(
    s: Session,
    m: Meeting,
    before: Printed,
    *,
    confirmed: bool,
    invited: Sequence[Invitee] = (),
) -> None:
    """Ask about, then supersede, the papers of ``m`` in force whose agenda text the change
    (already made on ``m``, in the caller's transaction) alters; ``before``: :func:`printed`
    before it. ``invited``: the presenters the same save put on the list
    (:mod:`.named_invitees`): a paper that would name one of them is asked about in the same
    question (one answer for one save, naming every paper it supersedes)."""
    if m.status not in OPEN_STATUSES:
        return
    issued = in_force(s, "meeting", m.id, PAPERS)
    if not issued:
        return
    s.flush()  # the new items' ids, for the order of items at one position
    after = printed(m)
    docs = [d for d in issued if before[d.kind] != after[d.kind]]
    naming, who = naming_added(s, m, invited, issued)
    words = [tr("chương trình (nội dung) cuộc họp")] if docs else []
    words += [who] if who else []
    docs += [d for d in naming if d not in docs]
    if not docs:
        return
    supersede_after_change(docs, "; ".join(words), confirmed=confirmed)
    replanned(m, issued, docs)
