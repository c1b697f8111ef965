"""Which issued convocation or invitation of a meeting names an invitee, and what a change of
the list does to it.

A meeting calls its people on two papers (:mod:`bdcq_desktop.documents.invitation_docs`):

- the convocation (giấy triệu tập) names the committee members invited, in its body or, past
  five, in its annex "Danh sách thành viên Ban Chỉ đạo được triệu tập"; not the chair (named
  on its "Chủ trì" line), not the secretary serving the meeting (staff, not called);
- the invitation (giấy mời) names the working group, agency heads, experts and guests
  invited, in its body, its annex or one copy each; not the serving secretary, nor a chair
  from outside the committee (delegated), named on its "Chủ trì" line as on the convocation's.

A walk-in (:mod:`.walk_in`) is on neither: they came without being called.

So, as for a working-group session (:mod:`.session_people`), once one of them is issued,
inviting someone it would name, or taking off someone it names, makes the paper people hold
disagree with the record: asked first (:class:`.errors.IssuedConvocationWarning`) and,
confirmed, that paper (only that one) is superseded in the same transaction
(:mod:`.issued_changes`). Someone invited after a paper was issued is not on it
(:func:`.issued_changes.printing`): taking them off asks nothing and it stays in force. A
meeting with neither paper in force any more is planned again until a corrected one is issued,
as a meeting moved after its convocation is (:func:`.meetings.update_meeting`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from .i18n import tr
from .issued_changes import in_force, printing, supersede_after_change
from .meeting_secretary import serving_secretary_of, takes_the_minutes
from .models import Invitee, InviteeCategory, IssuedDocument, Meeting, MeetingStatus

CONVOCATION = "convocation"
INVITATION = "invitation"
# What calls people to a meeting: issuing either convenes it (:func:`.meetings.mark_convened`).
CONVENING_KINDS = (CONVOCATION, INVITATION)
# Who the invitation names (the convocation names the members).
INVITED_CATEGORIES = (
    InviteeCategory.WORKING_GROUP,
    InviteeCategory.AGENCY_HEAD,
    InviteeCategory.EXPERT,
    InviteeCategory.GUEST,
)
# What a question says was changed, by the kinds it supersedes.
_WHO = {
    (CONVOCATION,): "người được triệu tập",
    (INVITATION,): "người được mời",
    CONVENING_KINDS: "người được triệu tập, được mời",
}


def paper_of(inv: Invitee, chair_id: int | None, serving: int | None) -> str | None:
    """The kind of paper whose list names ``inv`` (None: neither names them)."""
    if inv.walked_in_at is not None or takes_the_minutes(inv.person_id, serving):
        return None
    if inv.person_id is not None and inv.person_id == chair_id:
        # The chair is on the "Chủ trì" line of both, not among those convened or invited.
        return None
    if inv.category == InviteeCategory.MEMBER:
        return CONVOCATION
    return INVITATION if inv.category in INVITED_CATEGORIES else None


def naming(
    docs: Sequence[IssuedDocument], inv: Invitee, chair_id: int | None, serving: int | None
) -> list[IssuedDocument]:
    """The documents among ``docs`` that name ``inv``: of its paper's kind and issued after
    they were invited."""
    kind = paper_of(inv, chair_id, serving)
    return [d for d in printing(docs, inv.created_at) if d.kind == kind]


def _names(rows: Sequence[Invitee]) -> str:
    # A unit with no head on record is invited as "Lãnh đạo <unit>", as the papers print it.
    return ", ".join(
        i.name_snapshot or i.guest_name or tr("Lãnh đạo {unit}").format(unit=i.unit_snapshot)
        for i in rows
    )


def _who(docs: Sequence[IssuedDocument], change: str) -> str:
    """``người được triệu tập (thêm …)``: whom the change is about, by the papers it touches."""
    kinds = tuple(k for k in CONVENING_KINDS if any(d.kind == k for d in docs))
    return tr("{who} ({change})").format(who=tr(_WHO[kinds]), change=change)


def replanned(m: Meeting, issued: Sequence[IssuedDocument], gone: Sequence[IssuedDocument]) -> None:
    """A convened meeting none of whose convocation or invitation among ``issued`` is left in
    force once ``gone`` are superseded is planned again, convened when a corrected paper is
    issued: nothing calls its people meanwhile."""
    calling = {d for d in issued if d.kind in CONVENING_KINDS}
    if calling and calling <= set(gone) and m.status == MeetingStatus.CONVENED:
        m.status = MeetingStatus.PLANNED


def _supersede(
    m: Meeting,
    issued: list[IssuedDocument],
    docs: list[IssuedDocument],
    change: str,
    *,
    confirmed: bool,
    advice: str = "",
) -> None:
    supersede_after_change(docs, _who(docs, change), confirmed=confirmed, advice=advice)
    replanned(m, issued, docs)


def naming_added(
    s: Session, m: Meeting, added: Sequence[Invitee], issued: Sequence[IssuedDocument]
) -> tuple[list[IssuedDocument], str]:
    """The papers among ``issued`` (in force) that would name someone ``added``, and what the
    question says of it ("người được triệu tập (thêm …)"; "" when none would)."""
    if not issued or not added:
        return [], ""
    serving = serving_secretary_of(s, m)
    called = [(i, paper_of(i, m.chair_id, serving)) for i in added]
    docs = [d for d in issued if any(kind == d.kind for _i, kind in called)]
    if not docs:
        return [], ""
    shown = [i for i, kind in called if any(d.kind == kind for d in docs)]
    return docs, _who(docs, tr("thêm {names}").format(names=_names(shown)))


def after_adding(s: Session, m: Meeting, added: Sequence[Invitee], *, confirmed: bool) -> None:
    """Ask about, then supersede, the papers in force that would name someone ``added``."""
    if not added:
        return
    issued = in_force(s, "meeting", m.id, CONVENING_KINDS)
    docs, what = naming_added(s, m, added, issued)
    if docs:
        supersede_after_change(docs, what, confirmed=confirmed)
        replanned(m, issued, docs)


def before_removing(
    s: Session, m: Meeting, gone: Sequence[Invitee], *, confirmed: bool
) -> None:
    """Ask about, then supersede, the papers in force that name someone in ``gone``."""
    issued = in_force(s, "meeting", m.id, CONVENING_KINDS)
    if not issued or not gone:
        return
    serving = serving_secretary_of(s, m)
    by_row = {i.id: naming(issued, i, m.chair_id, serving) for i in gone}
    named = [i for i in gone if by_row[i.id]]
    docs = [d for d in issued if any(d in by_row[i.id] for i in named)]
    if docs:
        _supersede(
            m,
            issued,
            docs,
            tr("bỏ {names}").format(names=_names(named)),
            confirmed=confirmed,
            advice=tr(
                "Người đã được mời nhưng không dự họp thì nên ghi vắng (có lý do) khi điểm "
                "danh thay vì bỏ khỏi danh sách."
            ),
        )


def named_in(
    m: Meeting, inv: Invitee, issued: Sequence[IssuedDocument], serving: int | None
) -> tuple[int, ...]:
    """The ids of the papers among ``issued`` (those in force) that name ``inv``."""
    return tuple(d.id for d in naming(issued, inv, m.chair_id, serving))
