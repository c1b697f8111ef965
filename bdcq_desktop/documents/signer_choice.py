"""Another signer for one document: who may be chosen, and whether the kind offers a choice.

An office often needs one letter signed by someone else than its kind's settings name: the
Head is away and a Deputy signs this convocation (``KT. TRƯỞNG BAN`` / ``PHÓ TRƯỞNG BAN``), or
the Head signs a letter normally signed by whoever called the meeting. The people offered are
those whose role on the document's date lets them sign it under :mod:`.signers`' rules (the
Head and the Deputy Heads for the Committee's documents; the Tổ trưởng and the Tổ phó for the
working group's), the settings' own signer first; a settings' signer who cannot sign that
day is shown with why, and the others are offered all the same. :func:`.signers.signature`
checks the choice again when the document is built, so a choice that reached the core by
another way (the command line, a dialog left open across a reorganisation) is refused in the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.db import Database
from ..core.errors import ValidationError
from ..core.i18n import tr
from ..core.models import CommitteeRole, GroupRole
from ..core.text import clean
from ..core.working_group import group_members_on
from .closing import SignatureBlock
from .kinds import BuildContext, DocumentKind
from .meeting_data import committee_on
from .settings import DocumentSettings
from .signers import SIGNER_LABEL, SignerRefused, person_name
from .text import nfc, upper

# The title shown beside a name, from the last authority line the signer signs under.
_TITLES = {
    "TRƯỞNG BAN": "Trưởng ban",
    "PHÓ TRƯỞNG BAN": "Phó Trưởng ban",
    "TỔ TRƯỞNG": "Tổ trưởng",
    "TỔ PHÓ": "Tổ phó",
}
_COMMITTEE = {
    CommitteeRole.HEAD.value: "Trưởng ban",
    CommitteeRole.STANDING_DEPUTY_HEAD.value: "Phó Trưởng ban Thường trực",
    CommitteeRole.DEPUTY_HEAD.value: "Phó Trưởng ban",
}
_GROUP = {GroupRole.LEADER: "Tổ trưởng", GroupRole.DEPUTY_LEADER: "Tổ phó"}


@dataclass(frozen=True)
class SignerChoice:
    """One person who may sign (``person_id`` None: the settings' signer is not on record, or
    the name is left blank for the signer to write)."""

    person_id: int | None
    name: str
    title: str

    @property
    def text(self) -> str:
        """``Vũ Duy Tiến — Trưởng ban``."""
        if not self.name:
            return tr("(để trống tên người ký)")
        return f"{self.name} — {self.title}" if self.title else self.name


@dataclass(frozen=True)
class SignerChoices:
    """Who may sign one document dated ``on``: ``default`` (the settings') and the ``others``.

    ``refused``: why the settings' signer cannot sign on ``on`` ("": they can). ``default``
    then only names them (no ``person_id``) and ``others`` are all who may sign."""

    on: date
    default: SignerChoice
    others: tuple[SignerChoice, ...]
    refused: str = ""

    def allows(self, person_id: int | None) -> bool:
        if person_id is None:
            return not self.refused
        return any(c.person_id == person_id for c in (self.default, *self.others))

    def signer_for(self, person_id: int | None) -> int | None:
        """Whom a draft asked for ``person_id`` (None: the settings' signer) is built for: that
        person; the settings' signer when they may sign; else the first who may (the Head, the
        Tổ trưởng), so that the officer sees a draft and may pick another rather than only an
        error (None: nobody may sign that day, the settings' refusal stands)."""
        if person_id is not None or not self.refused or not self.others:
            return person_id
        return self.others[0].person_id


def title_of(block: SignatureBlock) -> str:
    """The title a signature block gives its signer, as written in a sentence."""
    last = upper(nfc(block.authority[-1])).strip() if block.authority else ""
    if last in _TITLES:
        return _TITLES[last]
    return last[:1] + last[1:].lower()


def eligible(db: Database, on: date, *, group: bool) -> list[SignerChoice]:
    """The people whose role on ``on`` lets them sign: the Head then the Deputy Heads (the
    working group's documents: the Tổ trưởng then the Tổ phó)."""
    if group:
        with db.session() as s:
            held = group_members_on(s, on)
        ranked = sorted(
            (pid for pid, role in held.items() if role in _GROUP),
            key=lambda pid: (list(_GROUP).index(held[pid]), pid),
        )
        return [SignerChoice(pid, nfc(person_name(db, pid)), _GROUP[held[pid]]) for pid in ranked]
    rows = [r for r in committee_on(db, on) if r.role in _COMMITTEE]
    rows.sort(key=lambda r: (list(_COMMITTEE).index(r.role), r.start_date))
    out: dict[int, SignerChoice] = {}
    for r in rows:  # one line a person, by their higher role (two memberships: a data slip)
        title = _COMMITTEE[r.role]
        out.setdefault(r.person_id, SignerChoice(r.person_id, nfc(clean(r.full_name)), title))
    return list(out.values())


def choices(
    db: Database, k: DocumentKind, record_id: int | None, ctx: BuildContext
) -> SignerChoices | None:
    """Who may sign the document of kind ``k`` built with ``ctx`` (None: the kind offers no
    choice, see :func:`check_offered`)."""
    if k.signing is None or not ctx.settings.signing_for(k.name).enabled:
        return None
    refused = ""
    try:
        on, block = k.signing(db, record_id, ctx)
    except SignerRefused as exc:
        # A settings' signer who cannot sign that day (a former Head left in Thiết lập) is
        # the case a choice exists for: offer who may sign, with the settings' problem shown.
        on, refused = exc.on, exc.message
        default = SignerChoice(None, exc.name, "")
    else:
        title = title_of(block) if block.name else ""
        default = SignerChoice(block.person_id, nfc(block.name), title)
    group = k.record_type == "session"
    others = tuple(c for c in eligible(db, on, group=group) if c.person_id != default.person_id)
    return SignerChoices(on, default, others, refused)


def check_offered(k: DocumentKind, settings: DocumentSettings, person_id: int | None) -> None:
    """Refuse a signer chosen for a kind that has none to choose: the minutes (signed by the
    meeting's chair and secretary), a kind printed without a signature."""
    if person_id is None:
        return
    label = tr(SIGNER_LABEL)
    if k.signing is None:
        message = tr(
            '"{label}": {kind} do người chủ trì và thư ký cuộc họp ký, không chọn người ký khác.'
        )
    elif not settings.signing_for(k.name).enabled:
        message = tr(
            '"{label}": {kind} được in không có chữ ký (Thiết lập, thẻ Văn bản), không chọn '
            "người ký."
        )
    else:
        return
    raise ValidationError("signer", message.format(label=label, kind=k.label), label=label)


def check_same_signer(db: Database, issued_signer: str | None, person_id: int | None) -> None:
    """A document issued already keeps its signer: asking for its copy signed by another is
    refused rather than answered with a copy signed by someone else."""
    if person_id is None:
        return
    wanted = nfc(person_name(db, person_id))
    signed = nfc(issued_signer or "").strip()
    if signed and signed != wanted:
        label = tr(SIGNER_LABEL)
        raise ValidationError(
            "signer",
            tr(
                '"{label}": văn bản đã ban hành do {signed} ký, không đổi người ký được '
                "(xuất bản dự thảo để xem văn bản do {wanted} ký)."
            ).format(label=label, signed=signed, wanted=wanted),
            label=label,
        )
