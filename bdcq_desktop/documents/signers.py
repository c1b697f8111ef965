"""Who signs a document for the Committee on its date, and under which authority lines.

Decree 30/2020: the Head signs for the collective body (``TM. BAN CHỈ ĐẠO`` / ``TRƯỞNG BAN``); a
Deputy Head signs for the Head with his own title (``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN``). The
working group's letters the same way: its Tổ trưởng signs ``TỔ TRƯỞNG``, a Tổ phó who convened
a session signs ``KT. TỔ TRƯỞNG`` / ``TỔ PHÓ`` (:func:`group_lines_for`).
The roster of the document's date decides both who ``head`` (or ``deputy``, ``caller``…) is and
which of the two forms is printed, so a document never gives its signer a title they do not hold
on that date: a Deputy who called a meeting signs its letters as a Deputy, and a 2016 document is
signed by the Head of 2016, not by today's.

The settings' authority lines are kept when they agree with the signer's role (a local variant of
the Head's lines, a signer who is neither Head nor Deputy: ``TL. TRƯỞNG BAN`` / ``CHÁNH VĂN
PHÒNG``, ``THƯ KÝ``); lines that contradict it are replaced by the role's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.db import Database
from ..core.enums import DEPUTY_HEADS
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.models import CommitteeRole, GroupRole, Person
from ..core.text import clean
from ..core.working_group import group_members_on
from .closing import Fellow, Recipients, SignatureBlock, without_the_deputy, without_the_head
from .meeting_data import committee_on
from .settings import DocumentSettings
from .settings_checks import kind_label
from .settings_defaults import Signing
from .signer_refusals import SignerRefused, by_position, nobody_refused, settings_refused
from .text import nfc, upper

HEAD_LINES = ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")
DEPUTY_LINES = ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
HEAD, DEPUTY = CommitteeRole.HEAD.value, CommitteeRole.DEPUTY_HEAD.value
# The working group's own letters: its Tổ trưởng signs as such, a Tổ phó for him (KT.).
LEADER_LINES = ("TỔ TRƯỞNG",)
DEPUTY_LEADER_LINES = ("KT. TỔ TRƯỞNG", "TỔ PHÓ")
LEADER, DEPUTY_LEADER = GroupRole.LEADER.value, GroupRole.DEPUTY_LEADER.value
# Forms by which one signs for someone else: the Head signs in his own right.
_FOR_ANOTHER = ("KT.", "TL.", "TUQ.", "Q.")
# Codes that name whoever holds a role: when that person cannot sign under the lines set, the
# Head of the day signs instead. A person or position chosen outright is not replaced silently.
_ROLE_CODES = frozenset({"deputy", "caller", "chair", "secretary"})


@dataclass(frozen=True)
class Signer:
    name: str
    person_id: int | None = None


@dataclass(frozen=True)
class MeetingSigners:
    """The people of a meeting a signer code may name."""

    caller: Signer | None = None
    chair: Signer | None = None
    secretary: Signer | None = None


@dataclass(frozen=True)
class _Leaders:
    """The Head and the Deputy Heads on a day (none: the roster of that day is not recorded)."""

    head: Signer | None
    deputies: tuple[Signer, ...]
    roles: dict[int, str]  # person id → role code, for everyone on the roster that day
    names: dict[str, int]  # casefolded name → person id
    standing: frozenset[int] = frozenset()  # the Phó Trưởng ban Thường trực of the day


def _leaders(db: Database, on: date) -> _Leaders:
    rows = committee_on(db, on)
    heads = sorted((r for r in rows if r.role == HEAD), key=lambda r: r.start_date)
    # On the day one Head hands over (the old term's last day, the new one's first) the one
    # appointed last is the Head.
    head = Signer(clean(heads[-1].full_name), heads[-1].person_id) if heads else None
    # A standing Deputy Head signs as any Deputy does (KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN), and is
    # the first deputy of the day (the rows come in rank order).
    deputies = tuple(
        Signer(clean(r.full_name), r.person_id) for r in rows if r.role in DEPUTY_HEADS
    )
    roles = {r.person_id: DEPUTY if r.role in DEPUTY_HEADS else str(r.role) for r in rows}
    if head is not None:
        roles[head.person_id] = HEAD  # type: ignore[index]
    names = {clean(r.full_name).casefold(): r.person_id for r in rows}
    standing = frozenset(
        r.person_id for r in rows if r.role == CommitteeRole.STANDING_DEPUTY_HEAD
    )
    return _Leaders(head, deputies, roles, names, standing)


def claimed_role(lines: tuple[str, ...] | list[str]) -> str:
    """The committee title the last authority line gives the signer: ``head``, ``deputy`` or
    ``""`` (another title, e.g. ``CHÁNH VĂN PHÒNG``, ``THƯ KÝ``)."""
    printed = [upper(nfc(line)).strip() for line in lines if line.strip()]
    last = printed[-1] if printed else ""
    if last.startswith("PHÓ TRƯỞNG BAN"):
        return "deputy"
    if last.startswith("TRƯỞNG BAN"):
        return "head"
    return ""


def lines_for(role: str, lines: tuple[str, ...]) -> tuple[str, ...]:
    """The authority lines for a signer of ``role`` (``head``/``deputy_head``): ``lines`` when
    they agree with it, else the decree's form of the role."""
    printed = [upper(nfc(line)).strip() for line in lines if line.strip()]
    if role == HEAD:
        own = not any(line.startswith(_FOR_ANOTHER) for line in printed)
        return lines if claimed_role(lines) == "head" and own else HEAD_LINES
    if role == DEPUTY:
        for_head = any(line.startswith("KT.") for line in printed)
        return lines if claimed_role(lines) == "deputy" and for_head else DEPUTY_LINES
    return lines


def group_lines_for(role: str | None, lines: tuple[str, ...]) -> tuple[str, ...]:
    """The authority lines of a working-group document for a signer who is the group's Tổ
    trưởng (``leader``) or Tổ phó (``deputy_leader``) on its date, as :func:`lines_for` does for
    the committee: ``lines`` when they agree with the role, else the decree's form. A Tổ phó
    signs for the Tổ trưởng (``KT. TỔ TRƯỞNG`` / ``TỔ PHÓ``), never under ``TỔ TRƯỞNG`` alone;
    anyone else (a signer named in the settings, a day whose roster is not recorded) signs
    under ``lines`` as set."""
    printed = [upper(nfc(line)).strip() for line in lines if line.strip()]
    last = printed[-1] if printed else ""
    if role == LEADER:
        own = not any(line.startswith(_FOR_ANOTHER) for line in printed)
        return lines if last.startswith("TỔ TRƯỞNG") and own else LEADER_LINES
    if role == DEPUTY_LEADER:
        deputy = last.startswith(("TỔ PHÓ", "PHÓ TỔ TRƯỞNG"))
        for_leader = any(line.startswith("KT.") for line in printed)
        return lines if deputy and for_leader else DEPUTY_LEADER_LINES
    return lines


def signs_as_head(lines: tuple[str, ...] | list[str]) -> bool:
    """The lines are the Head's own (``TM. BAN CHỈ ĐẠO`` / ``TRƯỞNG BAN``): the Head signs."""
    return lines_for(HEAD, tuple(lines)) == tuple(lines)


def _fellows(leaders: _Leaders, person_id: int | None) -> tuple[Fellow, ...]:
    return tuple(
        Fellow(nfc(d.name), d.person_id in leaders.standing)
        for d in leaders.deputies
        if d.person_id != person_id
    )


def fellow_deputies(db: Database, person_id: int | None, on: date) -> tuple[Fellow, ...] | None:
    """The other Deputy Heads on ``on`` when ``person_id`` is a Deputy Head that day, else None
    (see :attr:`.closing.SignatureBlock.fellow_deputies`)."""
    leaders = _leaders(db, on)
    if person_id is None or leaders.roles.get(person_id) != DEPUTY:
        return None
    return _fellows(leaders, person_id)


def recipients_of(recipients: Recipients, sig: SignatureBlock, head: str) -> Recipients:
    """``recipients`` of a document ``sig`` signs, not reporting to the signer herself: the
    Head's :func:`.closing.without_the_head`, a Deputy Head's
    :func:`.closing.without_the_deputy`. The Head signs under the Head's own lines (they follow
    the signer's role on the document's date); the minutes' chair is recognised by name
    (``sig.head``, set from the roster of its date, :func:`is_head_on`; else ``head``, the
    organisation's default signer). A Deputy is one the roster of the signing
    date names (``fellow_deputies`` set), or one signing under ``KT. TRƯỞNG BAN`` / ``PHÓ
    TRƯỞNG BAN`` whose name was typed (not on record: the other deputies are not known)."""
    lines = tuple(sig.authority)
    head = nfc(head).strip()
    if signs_as_head(lines) or sig.head or bool(head and nfc(sig.name).strip() == head):
        return without_the_head(recipients)
    if sig.fellow_deputies is not None or (
        claimed_role(lines) == "deputy" and lines_for(DEPUTY, lines) == lines
    ):
        return without_the_deputy(recipients, sig.fellow_deputies)
    return recipients


def head_on(db: Database, settings: DocumentSettings, on: date) -> Signer:
    """The Head on the roster on ``on``; the organisation's default signer when the roster has
    no Head that day (a database whose roster was never entered)."""
    head = _leaders(db, on).head
    return head or Signer(settings.default_signer, settings.default_signer_id)


def is_head_on(
    db: Database, settings: DocumentSettings, person_id: int | None, name: str, on: date
) -> bool:
    """``person_id`` (named ``name``) is the Head of :func:`head_on` on ``on``: the roster's,
    the default signer only when the roster has no Head that day. A new province's
    database leaves the default signer unset: the roster alone must say who the Head is."""
    head = head_on(db, settings, on)
    if person_id is not None and head.person_id is not None:
        return person_id == head.person_id
    return bool(nfc(head.name).strip()) and nfc(head.name).strip() == nfc(name).strip()


def deputy_on(db: Database, settings: DocumentSettings, on: date) -> Signer:
    """Whom ``deputy`` names on ``on`` (see :func:`_deputy`)."""
    return _deputy(_leaders(db, on), settings)


def _deputy(leaders: _Leaders, settings: DocumentSettings) -> Signer:
    """The default deputy signer while a Deputy Head; else the first Deputy of the day."""
    chosen = Signer(settings.default_deputy_signer, settings.default_deputy_signer_id)
    ids = [d.person_id for d in leaders.deputies]
    if chosen.person_id in ids or not leaders.deputies:
        return chosen
    return leaders.deputies[0]


def _named(
    signing: Signing,
    by: str,
    leaders: _Leaders,
    settings: DocumentSettings,
    meeting: MeetingSigners | None,
) -> Signer | None:
    """Whom the settings name (None: nobody, the name is left blank)."""
    head = leaders.head or Signer(settings.default_signer, settings.default_signer_id)
    if signing.signer_id is not None:
        return Signer(signing.signer_name, signing.signer_id)
    if signing.signer_name:  # typed as is: someone on the roster that day is recognised
        known = leaders.names.get(clean(signing.signer_name).casefold())
        return Signer(signing.signer_name, known)
    m = meeting or MeetingSigners()
    if by == "head":
        return head
    if by == "deputy":
        return _deputy(leaders, settings)
    if by == "caller":
        # The one who called the meeting signs its letters when Head or Deputy that day.
        called = m.caller
        role = leaders.roles.get(called.person_id or 0) if called is not None else None
        if called is not None and role in (HEAD, DEPUTY):
            return called
        return head
    if by == "chair":
        return m.chair
    if by == "secretary":
        return m.secretary
    return None


SIGNER_LABEL = "Người ký"


def person_name(db: Database, person_id: int) -> str:
    """The current name of a person on record (a choice of signer that names nobody is
    refused with the field named, as any other refused input)."""
    with db.session() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise ValidationError(
                "signer",
                tr('"{label}": không có ID người {id}.').format(
                    label=tr(SIGNER_LABEL), id=person_id
                ),
                label=tr(SIGNER_LABEL),
            )
        return clean(person.full_name)


def _refused(db: Database, person_id: int, kind: str, on: date, titles: str) -> ValidationError:
    """A person chosen for one document who holds no role that may sign it on its date."""
    return ValidationError(
        "signer",
        tr(
            '"{label}": {name} không phải {titles} vào ngày {day} nên không ký được '
            "{kind}; hãy chọn người khác."
        ).format(
            label=tr(SIGNER_LABEL),
            name=person_name(db, person_id),
            titles=titles,
            day=on.strftime("%d/%m/%Y"),
            kind=kind_label(kind),
        ),
        label=tr(SIGNER_LABEL),
    )


def signature(
    db: Database,
    settings: DocumentSettings,
    kind: str,
    on: date,
    meeting: MeetingSigners | None = None,
    chosen: int | None = None,
    *,
    strict: bool = True,
) -> SignatureBlock:
    """The signature block of ``kind`` dated ``on``: the signer the settings name (see
    :class:`.settings_defaults.Signing`), under authority lines that match their role that day.

    ``chosen`` is a person picked for this one document instead (the Head away, a Deputy
    signs): accepted when the Head or a Deputy Head on ``on``, under the lines of that role,
    or when the one the settings name anyway; anyone else is refused (ValidationError
    ``signer``), never given a title they do not hold.

    Raises ValidationError (``signer.<kind>``) when the person or position chosen in the
    settings holds no role that lines ending ``TRƯỞNG BAN``/``PHÓ TRƯỞNG BAN`` would give them
    on that date (e.g. a former Head kept as the signer after a reshuffle), and when the
    settings' rule finds nobody that day (no member of the position, a meeting with no
    secretary, no Head and no default signer: :mod:`.signer_refusals`). With ``strict``
    False (a draft, its number blank too) such a rule leaves the name blank instead: the
    choice of signer (:mod:`.signer_choice`, always strict) says why, and issuing refuses.
    Only ``none`` leaves the name blank in an issued document, as the office chose."""
    signing = settings.signing.get(kind, Signing())
    lines = tuple(signing.authority)
    leaders = _leaders(db, on)
    if chosen is not None:
        role = leaders.roles.get(chosen)
        if role in (HEAD, DEPUTY):
            return _block_for(db, leaders, chosen, role, lines)
        try:
            default = signature(db, settings, kind, on, meeting)
        except SignerRefused:  # the settings' signer cannot sign either: the choice is what
            default = SignatureBlock(lines, "")  # is refused, in the choice's own words
        if default.person_id == chosen:
            return default
        raise _refused(db, chosen, kind, on, tr("Trưởng ban hay Phó Trưởng ban"))
    return _configured(db, settings, kind, on, leaders, meeting, strict)


def _block_for(
    db: Database, leaders: _Leaders, person_id: int, role: str, lines: tuple[str, ...]
) -> SignatureBlock:
    """The block of the Head or a Deputy Head of the day, under their role's lines (on a
    handover day both Heads are Heads, as for the settings' signer)."""
    name = nfc(person_name(db, person_id))
    if role == HEAD:
        return SignatureBlock(lines_for(HEAD, lines), name, person_id=person_id)
    return SignatureBlock(
        lines_for(DEPUTY, lines),
        name,
        fellow_deputies=_fellows(leaders, person_id),
        person_id=person_id,
    )


def _configured(
    db: Database,
    settings: DocumentSettings,
    kind: str,
    on: date,
    leaders: _Leaders,
    meeting: MeetingSigners | None,
    strict: bool,
) -> SignatureBlock:
    """:func:`signature` of the signer the settings name."""
    signing = settings.signing.get(kind, Signing())
    lines = tuple(signing.authority)
    by = signing.signed_by
    if by == "none" and not signing.signer_name:
        return SignatureBlock(lines, "")  # left for the signer to write, as the office chose
    try:
        if by.startswith("position:") and not signing.signer_name:
            found = by_position(db, kind, by.split(":", 1)[1], on)
            who: Signer | None = Signer(found.name, found.person_id)
        else:
            who = _named(signing, by, leaders, settings, meeting)
        if who is None or not clean(who.name):
            # Decree 30: an issued document carries its signer's full name, never a blank.
            raise nobody_refused(kind, by, on)
    except SignerRefused:
        if strict:
            raise
        return SignatureBlock(lines, "")  # a draft: the choice of signer says who is missing
    pid = who.person_id
    role = leaders.roles.get(pid) if pid is not None else None
    if role == DEPUTY:
        fellows = _fellows(leaders, pid)
        return SignatureBlock(
            lines_for(role, lines), nfc(who.name), fellow_deputies=fellows, person_id=pid
        )
    if role == HEAD:
        return SignatureBlock(lines_for(role, lines), nfc(who.name), person_id=pid)
    claimed = claimed_role(lines)
    if not claimed or leaders.head is None or (pid is None and not signing.signer_id):
        # A title not the committee's, a day whose roster is not recorded, or someone not on
        # record (a name typed): nothing to contradict.
        return SignatureBlock(lines, nfc(who.name), person_id=pid)
    if by in _ROLE_CODES and not signing.signer_name:
        # The chair by delegation, a secretary: the Head of the day signs for the Committee.
        head = leaders.head
        return SignatureBlock(lines_for(HEAD, lines), head.name, person_id=head.person_id)
    title = tr("Trưởng ban") if claimed == "head" else tr("Phó Trưởng ban")
    raise settings_refused(kind, who.name, title, on)


def group_signature(
    db: Database,
    settings: DocumentSettings,
    kind: str,
    on: date,
    chair: Signer | None,
    chair_role: str | None = None,
    chosen: int | None = None,
    *,
    strict: bool = True,
) -> SignatureBlock:
    """The signature block of a working-group document (``wg-convocation``, ``wg-report``)
    dated ``on``: the signer named in the settings, else the session's ``chair`` (who convened
    it), under the lines of the role they hold on the group that day (:func:`group_lines_for`).
    A chair who is neither Tổ trưởng nor Tổ phó on ``on`` (replaced by a kiện toàn during or
    after the session) gives way to the Tổ trưởng of that day (else its Tổ phó; neither:
    refused, or a blank name on a draft). ``chair_role`` (their role on the session's first
    day) stands in only when the group's roster of ``on`` is not recorded at all.

    ``chosen``: a person picked for this one document, accepted when the group's Tổ trưởng
    or a Tổ phó on ``on`` (under that role's lines) or the signer the settings give anyway;
    anyone else is refused (ValidationError ``signer``).

    Raises :class:`SignerRefused` (``signer.<kind>``) when the person the settings name is
    neither the Tổ trưởng nor a Tổ phó on ``on`` and the lines give them a title of the group
    (``TỔ TRƯỞNG``), as :func:`signature` does for the Committee."""
    signing = settings.signing_for(kind)
    with db.session() as s:
        group = group_members_on(s, on)
    if chosen is not None:
        held = group.get(chosen)
        if held is not None and held.value in (LEADER, DEPUTY_LEADER):
            lines = tuple(signing.authority)
            name = nfc(person_name(db, chosen))
            return SignatureBlock(group_lines_for(held.value, lines), name, person_id=chosen)
        try:
            default = group_signature(db, settings, kind, on, chair, chair_role)
        except SignerRefused:  # the settings' signer cannot sign either: the choice is what
            default = SignatureBlock(signing.authority, "")  # is refused, in its own words
        if default.person_id == chosen:
            return default
        raise _refused(db, chosen, kind, on, tr("Tổ trưởng hay Tổ phó Tổ công tác"))
    configured = settings.signing.get(kind)
    named = configured is not None and bool(configured.signer_name)
    if configured is not None and named:
        who: Signer | None = Signer(configured.signer_name, configured.signer_id)
    elif chair is not None and group and group.get(chair.person_id or 0) not in _GROUP_HEADS:
        # The chair convened the session, but a letter dated after a kiện toàn that made
        # them a plain member (or took them off the group) is signed by whoever holds the
        # post on its date: never under a title they no longer hold.
        who = _group_head_on(db, group)
    else:
        who = chair
    if who is None or not clean(who.name):
        # No chair to sign and no default signer: never issued without a name (a draft
        # leaves it blank, as :func:`signature` does).
        if strict:
            raise nobody_refused(kind, "group", on)
        return SignatureBlock(signing.authority, "")
    pid = who.person_id if who.person_id is not None else _group_member_named(db, group, who)
    held = group.get(pid) if pid is not None else None
    role = held.value if held is not None else None
    if role is None and chair is not None and pid is not None and pid == chair.person_id:
        role = chair_role
    # Whom Thiết lập names (a plain member, a Tổ trưởng since replaced) would be given a title
    # of the group they do not hold that day: refused as the Committee's. A roster not recorded
    # that day, a name typed of someone not on it, a title not the group's: nothing to contradict.
    claims = _claims_group_title(signing.authority)
    if named and claims and group and pid is not None and role not in (LEADER, DEPUTY_LEADER):
        title = tr("Tổ trưởng hay Tổ phó Tổ công tác")
        raise settings_refused(kind, who.name, title, on)
    lines = group_lines_for(role, tuple(signing.authority))
    return SignatureBlock(lines, nfc(who.name), person_id=pid)


_GROUP_HEADS = (GroupRole.LEADER, GroupRole.DEPUTY_LEADER)


def _group_head_on(db: Database, group: dict[int, GroupRole]) -> Signer | None:
    """The group's Tổ trưởng on the day, else its first Tổ phó (None: neither), in the order
    the choice of signer offers them (:func:`.signer_choice.eligible`)."""
    for wanted in _GROUP_HEADS:
        ids = sorted(pid for pid, role in group.items() if role == wanted)
        if ids:
            return Signer(person_name(db, ids[0]), ids[0])
    return None


def _claims_group_title(lines: tuple[str, ...]) -> bool:
    """The last authority line names a title of the group (``TỔ TRƯỞNG``, ``TỔ PHÓ``): a
    signer under another (``THƯ KÝ``, ``TL. TỔ TRƯỞNG`` / ``CHUYÊN VIÊN``) claims none."""
    printed = [upper(nfc(line)).strip() for line in lines if line.strip()]
    return bool(printed) and printed[-1].startswith(("TỔ TRƯỞNG", "TỔ PHÓ", "PHÓ TỔ TRƯỞNG"))


def _group_member_named(db: Database, group: dict[int, GroupRole], who: Signer) -> int | None:
    """The person on the group that day whose name the settings typed (None: not on it)."""
    wanted = clean(who.name).casefold()
    with db.session() as s:
        for pid in group:
            person = s.get(Person, pid)
            if person is not None and clean(person.full_name).casefold() == wanted:
                return pid
    return None
