"""The people a meeting names are on its list of invitees: its chair, and whoever presents an
agenda item.

A secretariat invites the chair of a meeting (its attendance sheet and its minutes list them
among those present) and whoever is to present a report: someone not called does not come to
present. So the save that sets or changes the chair (:func:`.meetings.create_meeting`,
:func:`.meetings.update_meeting`), names a presenter (:func:`.agenda.set_agenda`, a meeting
created with its agenda) or makes the list (the first :func:`.invitees.invite` or
:func:`.invitees.invite_committee`) puts them on the list, in the same transaction, when they
are not on it yet: as who they are on the meeting's day (a member, an expert, a guest…), a
presenter marked "Báo cáo viên" (:func:`.invitees.mark_presenters`). Nobody is taken off: the
chair replaced stays invited, as a presenter no longer on the agenda does (the officer takes
them off if wanted).

Left as they are:

- a meeting whose list is not made yet (nobody invited): its convocation and attendance sheet
  call the committee of its day (``documents.meeting_data.MeetingData.members``), its Head or
  Deputy in the chair among them; one name on it would make the list, and call them alone;
- a meeting held, or recorded afterwards as held: the list of those called is closed, or is
  whom it called as the officer gives it (someone who came uninvited is a walk-in,
  :mod:`.walk_in`);
- the secretary serving the meeting presenting an item: on no list (:mod:`.meeting_secretary`);
- a unit or a guest named as presenter: no one on record to invite (the officer invites the
  unit, whose head comes or sends someone).

Invited after the meeting's convocation or invitation was issued, they follow the rule of any
invitee (:mod:`.invitee_papers`): a paper that would name them is asked about first and,
confirmed, superseded. The chair is on the papers' "Chủ trì" line, not on their lists, so a new
chair is a change of that line (asked by :func:`.meetings.update_meeting`).

The adding itself is :func:`.invitees.invite_named`, beside the invitations it makes; this
module holds when it applies and what a form or a command says of it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from .i18n import tr
from .invitees import InviteeRow
from .meeting_rules import OPEN_STATUSES
from .models import Meeting


def open_to_invite(m: Meeting) -> bool:
    """True while the list of those called may grow (planned or convened)."""
    return m.status in OPEN_STATUSES


def will_invite(status: str, invitees: Sequence[InviteeRow], person_id: int | None) -> bool:
    """True when saving ``person_id`` as the chair of a meeting in ``status`` whose list reads
    ``invitees`` puts them on it: :func:`.invitees.invite_named`'s rule, for a form to say so
    before the save."""
    return (
        person_id is not None
        and status in {s.value for s in OPEN_STATUSES}
        and bool(invitees)
        and all(i.person_id != person_id for i in invitees)
    )


def newly_invited(
    before: Sequence[InviteeRow], after: Sequence[InviteeRow], people: Collection[int | None]
) -> list[str]:
    """The names of ``people`` (the chair saved, the presenters) on the list ``after`` a save
    who were not on it ``before`` (both as :func:`.meetings.get_meeting` reads them): what a
    form or a command says the save added. Only they: someone another officer invited
    meanwhile is not what this save did."""
    known = {i.id for i in before}
    return [i.name for i in after if i.id not in known and i.person_id in people]


def invited_text(names: Sequence[str]) -> str:
    """``Đã thêm Vũ Thị Hoa vào danh sách mời.`` ("" for nobody)."""
    if not names:
        return ""
    return tr("Đã thêm {names} vào danh sách mời.").format(names=", ".join(names))
