"""Meeting documents: what they share, and where each kind lives.

- :mod:`.invitation_docs` — ``convocation`` (Giấy triệu tập, template 1.7) of the committee
  members and ``invitation`` (Giấy mời, template 1.7) of agency heads, experts and guests;
- :mod:`.agenda_docs` — ``agenda`` (Chương trình) and ``attendance`` (Danh sách đại biểu, the
  sheet signed by hand at the meeting);
- :mod:`.minutes_docs` — ``minutes`` (Biên bản) and ``conclusions`` (Thông báo kết luận).

Defined here, once, so that they look alike: the header, the signature and recipients, the
reference to a document (``Giấy mời số 05/GM-BCĐ ngày …``), the times as printed, and the tables
of people grouped by category. Every module reads a meeting through :func:`load_meeting`, which
copies everything a document prints (names, positions and agencies as snapshotted when people
were invited) into plain, NFC data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ..core.attendance_groups import CATEGORY_ORDER, GROUP_TITLES
from ..core.db import Database
from ..core.errors import NotReadyError
from ..core.i18n import tr
from ..core.models import InviteeCategory, MeetingStatus
from ..core.text import date_text, time_text
from .blocks import Para, Span
from .closing import Recipients, SignatureBlock
from .data_tables import Column, GroupedTable
from .dated import dated
from .header import Header
from .kinds import BuildContext
from .meeting_data import MeetingData, load_meeting, meeting_title
from .meeting_person import Person
from .signers import MeetingSigners, Signer, signature
from .text import format_date

__all__ = [
    "CATEGORY_ORDER",
    "GROUP_TITLES",
    "closing_of",
    "header_of",
    "reference",
    "when_text",
]

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# The groups of people (members first, as the regulation ranks them) and their names are the
# core's (CATEGORY_ORDER, GROUP_TITLES), so the minutes on screen and on paper agree.
TYPE_NAMES = {
    "convocation": "Giấy triệu tập",
    "invitation": "Giấy mời",
    "agenda": "Chương trình",
    "attendance": "Danh sách",
    "minutes": "Biên bản",
    "conclusions": "Thông báo",
}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# --- shared pieces ----------------------------------------------------------------------------


def when_text(at: datetime) -> str:
    """``08 giờ 00 phút, thứ Ba, ngày 05 tháng 02 năm 2026``."""
    return f"{time_text(at.time())}, {WEEKDAYS[at.weekday()]}, {date_text(at.date())}"


def header_of(ctx: BuildContext, *, place_date: bool = True) -> Header:
    """Boxes 1–4; a draft leaves the number and the day blank (the clerk fills both at issue)."""
    s = ctx.settings
    return Header(
        issuing_body=s.issuing_body,
        type_abbr=s.abbr(ctx.kind),
        parent_body=s.parent_body,
        number=ctx.number,
        body_abbr=s.body_abbr,
        place=s.place,
        date=ctx.issued_on if ctx.number is not None else None,
        show_place_date=place_date,
        draft_year=ctx.year,
    )


def reference(ctx: BuildContext) -> str:
    """``Giấy mời số 05/GM-BCĐ ngày 05 tháng 02 năm 2026``; a draft shows ``…`` for the number
    and the day (runs of spaces would collapse in a centred line)."""
    s = ctx.settings
    name = TYPE_NAMES.get(ctx.kind, "Văn bản")
    symbol = f"{s.abbr(ctx.kind)}-{s.body_abbr}"
    if ctx.number is None or ctx.issued_on is None:
        return f"{name} số …/{symbol} ngày … tháng … năm {ctx.year}"
    return f"{name} số {ctx.number:02d}/{symbol} {format_date(ctx.issued_on)}"


def _signer(p: Person | None) -> Signer | None:
    return Signer(p.name, p.person_id) if p is not None else None


def signing_day(ctx: BuildContext) -> date:
    """The date a meeting document is signed and dated on: the one date it carries
    (:attr:`.kinds.BuildContext.day`), its date of issue, else today. Not the meeting's day,
    even once that has passed: a draft of an old meeting's notice shows what issuing it now
    prints (the name, header and signer of today), and a paper that must carry an earlier
    day is drafted and issued with that day. The minutes, written at the meeting, take its
    day instead (:func:`.minutes_docs.build_minutes`)."""
    return ctx.day


def of_its_day(db: Database, ctx: BuildContext) -> BuildContext:
    """``ctx`` with the settings of the meeting document's date (:func:`signing_day`)."""
    return dated(db, ctx, signing_day(ctx))


def signature_of(
    db: Database, ctx: BuildContext, m: MeetingData, *, strict: bool | None = None
) -> SignatureBlock:
    """The signature per the settings (or the person chosen for this document), resolved
    against this meeting and the roster of the document's date (:func:`signing_day`): a
    Deputy signs ``KT. TRƯỞNG BAN``."""
    people = MeetingSigners(_signer(m.caller), _signer(m.chair), _signer(m.secretary))
    on = signing_day(ctx)
    if strict is None:  # a draft may lack a signer's name (the choice says why), an issue not
        strict = ctx.number is not None
    return signature(db, ctx.settings, ctx.kind, on, people, ctx.signer_id, strict=strict)


def meeting_signing(
    db: Database, record_id: int | None, ctx: BuildContext
) -> tuple[date, SignatureBlock]:
    """A meeting document's signature by its settings and its date (:data:`.kinds.SigningOf`)."""
    m = load_meeting(db, record_id)
    # Strict: the choice of signer is where a rule that finds nobody is said.
    return signing_day(ctx), signature_of(db, replace(ctx, signer_id=None), m, strict=True)


def closing_of(
    db: Database, ctx: BuildContext, m: MeetingData
) -> tuple[list[SignatureBlock], Recipients]:
    """Signature (per the settings) and recipients of a one-signature document."""
    s = ctx.settings
    signatures = []
    if s.signing_for(ctx.kind).enabled:
        signatures = [signature_of(db, ctx, m)]
    # The default recipients of the document's date: the districts before 1 July 2025.
    items = s.recipients_for(ctx.kind, signing_day(ctx))
    recipients = Recipients(items, archive=s.archive_for(ctx.kind))
    return signatures, recipients


def chair_text(m: MeetingData) -> str:
    """``Đồng chí Vũ Duy Tiến, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo``."""
    if m.chair is None:
        return ""
    parts = [f"Đồng chí {m.chair.name}", m.chair.title]
    if m.chair_role and m.chair_role.casefold() not in m.chair.title.casefold():
        parts.append(m.chair_role)
    return ", ".join(p for p in parts if p)


def label_line(text: str) -> Para:
    """A bold ``Nội dung:`` line that stays on the page of what it introduces."""
    return Para([Span(text.rstrip(":") + ":", bold=True)], keep_with_next=True)


def refuse_cancelled(m: MeetingData, what: str) -> None:
    if m.status == MeetingStatus.CANCELLED:
        raise NotReadyError(tr("Cuộc họp đã bị hủy: không lập {what}.").format(what=what.lower()))


def grouped(people: list[Person]) -> list[tuple[InviteeCategory, list[Person]]]:
    out = []
    for category in CATEGORY_ORDER:
        members = [p for p in people if p.category == category]
        if members:
            out.append((category, members))
    return out


def people_table(
    people: list[Person],
    columns: list[Column],
    row_of,  # type: ignore[no-untyped-def]
    *,
    min_row_height_mm: float | None = None,
) -> GroupedTable:
    """People grouped by category, numbered 1, 2… within each group."""
    rows: list[tuple[str | None, ...]] = []
    groups: list[int] = []
    sections = grouped(people)
    for g, (category, members) in enumerate(sections):
        if len(sections) > 1:
            groups.append(len(rows))
            rows.append(
                (ROMAN[g] if g < len(ROMAN) else str(g + 1), GROUP_TITLES[category])
                + ("",) * (len(columns) - 2)
            )
        for n, person in enumerate(members, 1):
            rows.append(row_of(n, person))
    return GroupedTable(
        columns, rows, min_row_height_mm=min_row_height_mm, group_rows=tuple(groups)
    )


def summary_of(kind_label: str):  # type: ignore[no-untyped-def]
    """The register's summary of a meeting document: ``Giấy mời Họp Ban Chỉ đạo …``."""

    def summary(db: Database, record_id: int | None) -> str:
        return f"{kind_label} {meeting_title(db, record_id)}"

    return summary
