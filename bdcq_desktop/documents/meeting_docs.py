"""Meeting documents before the meeting: convocation, invitation, agenda, attendance sheet.

- ``convocation`` — Giấy triệu tập (template 1.7) of the committee members;
- ``invitation`` — Giấy mời (template 1.7) of agency heads, experts and guests, with the list of
  addressees, or one copy per addressee (option ``per_addressee``);
- ``agenda`` — Chương trình: times computed from the start and each item's planned minutes;
- ``attendance`` — Danh sách đại biểu, the sheet signed by hand at the meeting.

The minutes and the notice of conclusions live in :mod:`.minutes_docs`. Both modules read a
meeting through :func:`load_meeting`, which copies everything a document prints (names,
positions and agencies as snapshotted when people were invited) into plain, NFC data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..core.db import Database
from ..core.errors import NotReadyError
from ..core.i18n import tr
from ..core.labels import label
from ..core.models import AttendanceStatus, InviteeCategory, MeetingStatus
from ..core.text import date_text, time_text
from . import fonts
from .blocks import (
    Block,
    Bullets,
    Column,
    Context,
    DataTable,
    Labelled,
    NewPage,
    Para,
    Space,
    Span,
    Title,
)
from .closing import Recipients, SignatureBlock
from .header import Header
from .layout import Document
from .meeting_data import (
    MeetingData,
    Person,
    load_meeting,
    meeting_phrase,
    meeting_title,
    position_without_unit,
)
from .service import BuildContext, document_kind
from .text import format_date, text_width, to_markup

__all__ = [
    "CATEGORY_ORDER",
    "GroupedTable",
    "closing_of",
    "header_of",
    "reference",
    "when_text",
]

# Up to this many addressees are named in the body; more go to a list attached to the document.
LIST_LIMIT = 5
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# Order of the groups in lists of people (members first, as the regulation ranks them).
CATEGORY_ORDER = (
    InviteeCategory.MEMBER,
    InviteeCategory.WORKING_GROUP,
    InviteeCategory.AGENCY_HEAD,
    InviteeCategory.EXPERT,
    InviteeCategory.GUEST,
)
GROUP_TITLES = {
    InviteeCategory.MEMBER: "Thành viên Ban Chỉ đạo",
    InviteeCategory.WORKING_GROUP: "Thành viên Tổ công tác",
    InviteeCategory.AGENCY_HEAD: "Lãnh đạo các cơ quan, đơn vị",
    InviteeCategory.EXPERT: "Chuyên gia, nhà khoa học",
    InviteeCategory.GUEST: "Khách mời",
}
INVITED_CATEGORIES = (
    InviteeCategory.WORKING_GROUP,
    InviteeCategory.AGENCY_HEAD,
    InviteeCategory.EXPERT,
    InviteeCategory.GUEST,
)
TYPE_NAMES = {
    "convocation": "Giấy triệu tập",
    "invitation": "Giấy mời",
    "agenda": "Chương trình",
    "attendance": "Danh sách",
    "minutes": "Biên bản",
    "conclusions": "Thông báo",
}
# Agenda items that are procedure, not a report someone presents.
PROCEDURAL = ("khai mạc", "thảo luận", "kết luận", "bế mạc", "ý kiến")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# --- shared pieces (also used by minutes_docs) --------------------------------------------------


def when_text(at: datetime) -> str:
    """``08 giờ 00 phút, thứ Ba, ngày 05 tháng 02 năm 2026``."""
    return f"{time_text(at.time())}, {WEEKDAYS[at.weekday()]}, {date_text(at.date())}"


def hm(at: datetime) -> str:
    """``08h00``: the compact form of the agenda table (used throughout that document)."""
    return f"{at.hour:02d}h{at.minute:02d}"


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


def signer_of(db: Database, ctx: BuildContext, m: MeetingData) -> str:
    """The signer's name per the settings (``signed_by``), resolved against this meeting."""
    signing = ctx.settings.signing_for(ctx.kind)
    if signing.signer_name:
        return signing.signer_name
    by = signing.signed_by
    if by == "chair":
        return m.chair.name if m.chair else ""
    if by == "secretary":
        return m.secretary.name if m.secretary else ""
    if by.startswith("position:"):
        from ..core.members import list_committee

        wanted = by.split(":", 1)[1].strip().casefold()
        on = ctx.issued_on or m.starts_at.date()
        for row in list_committee(db, on=on):
            if wanted and row.position.casefold().startswith(wanted):
                return row.full_name
    return ""


def closing_of(
    db: Database, ctx: BuildContext, m: MeetingData
) -> tuple[list[SignatureBlock], Recipients]:
    """Signature (per the settings) and recipients of a one-signature document."""
    s = ctx.settings
    signing = s.signing_for(ctx.kind)
    signatures = []
    if signing.enabled:
        signatures = [SignatureBlock(signing.authority, signer_of(db, ctx, m))]
    recipients = Recipients(s.recipients_for(ctx.kind), archive=s.archive_for(ctx.kind))
    return signatures, recipients


def chair_text(m: MeetingData) -> str:
    """``Đồng chí Vũ Duy Tiến, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo``."""
    if m.chair is None:
        return ""
    parts = [f"Đồng chí {m.chair.name}", m.chair.title]
    if m.chair_role and m.chair_role.casefold() not in m.chair.title.casefold():
        parts.append(m.chair_role)
    return ", ".join(p for p in parts if p)


def contact_text(m: MeetingData) -> str:
    """The contact line: the meeting's secretary, with a phone number when known."""
    sec = m.secretary
    if sec is None:
        return ""
    text = f"Thông tin chi tiết liên hệ: đồng chí {sec.name}"
    if sec.title:
        text += f", {sec.title}"
    if sec.phone:
        text += f", điện thoại {sec.phone}"
    return text + "."


def label_line(text: str) -> Para:
    """A bold ``Nội dung:`` line that stays on the page of what it introduces."""
    return Para([Span(text.rstrip(":") + ":", bold=True)], keep_with_next=True)


def agenda_bullets(m: MeetingData) -> list[Block]:
    items = []
    for item in m.agenda:
        text = item.title.rstrip(".;")
        who = item.presenter_short
        # The presenter in brackets, unless the item names it already, the chair speaks, or it
        # is a procedural item (opening, discussion, conclusions) rather than a report.
        procedural = text.casefold().startswith(PROCEDURAL)
        if who and not (item.by_chair or procedural) and who.casefold() not in text.casefold():
            text += f" ({who} trình bày)"
        items.append(text)
    if not items:
        return []
    lines = [f"{t};" for t in items[:-1]] + [f"{items[-1]}."]
    return [label_line("Nội dung"), Bullets(lines)]


def keep_apart() -> Space:
    """Put between a title and a long table: a title keeps with the next flowable, and a keep
    group taller than the page would start with a page break (leaving page 1 blank)."""
    return Space(0)


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


@dataclass(frozen=True)
class GroupedTable(DataTable):
    """A ``DataTable`` with heading rows (``group_rows``: indices into ``rows``): the first cell
    holds the group's number (``I``, ``II``…), the second, bold, spans the rest of the row.
    Heading rows are not stretched to ``min_row_height_mm`` and stay with the row after them."""

    group_rows: tuple[int, ...] = ()

    def flowables(self, ctx: Context) -> list[Flowable]:
        if not self.group_rows:
            return super().flowables(ctx)
        plain = DataTable(
            self.columns,
            [
                ("",) * len(self.columns) if i in self.group_rows else r
                for i, r in enumerate(self.rows)
            ],
            self.font_size,
            self.min_row_height_mm,
            self.valign,
            self.repeat_header,
            self.space_after_pt,
        )
        table: Table = plain.flowables(ctx)[0]
        size = self.font_size or ctx.styles.cell.fontSize
        bold = ParagraphStyle(
            "GroupCell",
            parent=ctx.styles.cell,
            fontName=fonts.BOLD,
            fontSize=size,
            leading=round(size * 1.15, 2),
        )
        centre = ParagraphStyle("GroupNo", parent=bold, alignment=TA_CENTER)
        commands: list[tuple[object, ...]] = []
        for r in self.group_rows:
            row = self.rows[r]
            cells = table._cellvalues[r + 1]
            cells[0] = Paragraph(to_markup(row[0] or ""), centre)
            cells[1] = Paragraph(to_markup(row[1] or ""), bold)
            for c in range(2, len(cells)):
                cells[c] = ""
            commands.append(("SPAN", (1, r + 1), (-1, r + 1)))
            commands.append(("NOSPLIT", (0, r + 1), (-1, min(r + 2, len(self.rows)))))
        table.setStyle(TableStyle(commands))
        # Heading rows take their natural height, not the signing height.
        heights = list(table._argH)
        for r in self.group_rows:
            heights[r + 1] = None
        table._argH = heights
        return [table]


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


def list_annex(ctx: BuildContext, title: str, people: list[Person]) -> list[Block]:
    """``Danh sách … (Kèm theo Giấy … số …)``: STT, name, position and agency, by group."""
    columns = [
        Column("STT", 0.08, "center"),
        Column("Họ và tên", 0.32),
        Column("Chức vụ, đơn vị công tác", 0.60),
    ]
    table = people_table(people, columns, lambda n, p: (str(n), p.addressed(), p.title or None))
    return [
        NewPage(landscape=False),
        Title(title, note=f"(Kèm theo {reference(ctx)})", space_before_pt=0),
        keep_apart(),
        table,
    ]


# --- convocation ------------------------------------------------------------------------------


def _summary(kind_label: str):  # type: ignore[no-untyped-def]
    def summary(db: Database, record_id: int | None) -> str:
        return f"{kind_label} {meeting_title(db, record_id)}"

    return summary


@document_kind("convocation", "Giấy triệu tập", "meeting", _summary("Giấy triệu tập"))
def build_convocation(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    refuse_cancelled(m, "giấy triệu tập")
    members = [p for p in m.members(db) if not (m.chair and p.person_id == m.chair.person_id)]
    if not members:
        raise NotReadyError(tr("Cuộc họp chưa có thành viên Ban Chỉ đạo được triệu tập."))
    committee = ctx.settings.committee
    body: list[Block] = [Para(f"{committee} triệu tập:")]
    annex: list[Block] = []
    if len(members) <= LIST_LIMIT:
        names = [f"Đồng chí {p.name}" + (f", {p.title}" if p.title else "") for p in members]
        body.append(Bullets([f"{n};" for n in names[:-1]] + [f"{names[-1]}."]))
    else:
        body.append(Para("Các thành viên Ban Chỉ đạo (theo danh sách kèm theo)."))
        annex = list_annex(ctx, "Danh sách thành viên Ban Chỉ đạo được triệu tập", members)
    body += _meeting_lines(m)
    notes = (
        "Đề nghị các đồng chí thành viên Ban Chỉ đạo nghiên cứu trước tài liệu, chuẩn bị ý kiến "
        "theo lĩnh vực, địa bàn được phân công và tham dự đầy đủ, đúng giờ; trường hợp vắng mặt, "
        "báo cáo Trưởng ban và cử lãnh đạo cơ quan dự thay."
    )
    body.append(Para(f"{notes} {contact_text(m)}".strip(), closing=True))
    signatures, recipients = closing_of(db, ctx, m)
    return Document(
        header=header_of(ctx),
        title=Title("Giấy triệu tập", m.title),
        body=body,
        signatures=signatures,
        recipients=recipients,
        annex=annex,
        settings=ctx.settings.page,
    )


def _meeting_lines(m: MeetingData) -> list[Block]:
    blocks: list[Block] = [Para(f"Tới dự {meeting_phrase(m.title)}.")]
    if m.chair:
        blocks.append(Labelled("Chủ trì", chair_text(m) + "."))
    blocks.append(Labelled("Thời gian", when_text(m.starts_at) + "."))
    if m.place:
        blocks.append(Labelled("Địa điểm", m.place.rstrip(".") + "."))
    return blocks + agenda_bullets(m)


# --- invitation -------------------------------------------------------------------------------


@document_kind(
    "invitation", "Giấy mời", "meeting", _summary("Giấy mời"), options=("per_addressee",)
)
def build_invitation(
    db: Database, record_id: int | None, ctx: BuildContext
) -> Document | list[Document]:
    m = load_meeting(db, record_id)
    refuse_cancelled(m, "giấy mời")
    guests = [p for p in m.invitees if p.category in INVITED_CATEGORIES]
    if not guests:
        raise NotReadyError(
            tr("Cuộc họp chưa có đại biểu mời (lãnh đạo cơ quan, chuyên gia, khách mời).")
        )
    signatures, recipients = closing_of(db, ctx, m)
    committee = ctx.settings.committee

    def one(addressees: list[Block], annex: list[Block]) -> Document:
        body = [Para(f"{committee} trân trọng kính mời:"), *addressees, *_meeting_lines(m)]
        if m.secretary:
            body.append(Para(contact_text(m)))
        body.append(
            Para("Rất mong Quý đại biểu tham dự đúng giờ. Trân trọng kính mời.", closing=True)
        )
        return Document(
            header=header_of(ctx),
            title=Title("Giấy mời", m.title),
            body=body,
            signatures=signatures,
            recipients=recipients,
            annex=annex,
            settings=ctx.settings.page,
        )

    if ctx.options.get("per_addressee"):
        return [
            one(
                [
                    Para(
                        [
                            Span(p.addressed(honorific=True), bold=True),
                            f", {p.title}." if p.title else ".",
                        ],
                        indent=True,
                    )
                ],
                [],
            )
            for p in guests
        ]
    if len(guests) <= LIST_LIMIT:
        names = [p.addressed(honorific=True) + (f", {p.title}" if p.title else "") for p in guests]
        return one([Bullets([f"{n};" for n in names[:-1]] + [f"{names[-1]}."])], [])
    return one(
        [Para("Các đại biểu (theo danh sách kèm theo).")],
        list_annex(ctx, "Danh sách đại biểu được mời", guests),
    )


# --- agenda -----------------------------------------------------------------------------------


def agenda_rows(m: MeetingData) -> list[tuple[str, str, str]]:
    """(time, content, presenter) with times running on from the start by planned minutes."""
    rows = []
    at = m.starts_at
    for item in m.agenda:
        if item.planned_minutes:
            end = at + timedelta(minutes=item.planned_minutes)
            when = f"{hm(at)} - {hm(end)}"
            at = end
        else:
            when = hm(at)
        rows.append((when, item.title, item.presenter_long or "Các đại biểu dự họp"))
    return rows


@document_kind("agenda", "Chương trình", "meeting", _summary("Chương trình"))
def build_agenda(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    refuse_cancelled(m, "chương trình")
    if not m.agenda:
        raise NotReadyError(tr("Cuộc họp chưa có chương trình (nội dung)."))
    note = f"(Thời gian: {hm(m.starts_at)}, {WEEKDAYS[m.starts_at.weekday()]}, "
    note += f"{date_text(m.starts_at.date())}"
    note += f"; địa điểm: {m.place.rstrip('.')})" if m.place else ")"
    body: list[Block] = []
    if m.chair:
        body.append(Labelled("Chủ trì", chair_text(m) + "."))
    body.append(
        DataTable(
            [
                Column("Thời gian", 0.2, "center"),
                Column("Nội dung", 0.45),
                Column("Thực hiện", 0.35),
            ],
            agenda_rows(m),
            valign="top",
        )
    )
    signatures, recipients = closing_of(db, ctx, m)
    return Document(
        header=header_of(ctx),
        title=Title("Chương trình", m.title, note=note),
        body=body,
        signatures=signatures,
        recipients=recipients,
        settings=ctx.settings.page,
    )


# --- attendance sheet -------------------------------------------------------------------------

ATTENDANCE_COLUMNS = (
    Column("STT", 0.075, "center"),
    Column("Họ và tên", 0.245),
    Column("Chức vụ", 0.24),
    Column("Cơ quan, đơn vị", 0.26),
    Column("Ký tên", 0.18, "center"),
)


def attendance_row(n: int, p: Person) -> tuple[str | list[str | Span] | None, ...]:
    name: str | list[str | Span] = p.name
    position = position_without_unit(p.position, p.unit)
    sign: list[str | Span] | None = None
    if p.attendance == AttendanceStatus.SUBSTITUTE and p.substitute_name:
        original = f"{p.honorific} {p.name}".strip() if p.honorific else p.name
        name = [p.substitute_name, Span(f" (dự thay {original})", italic=True)]
        position = position_without_unit(p.substitute_position or "", p.unit)
    elif p.attendance == AttendanceStatus.ABSENT:
        reason = f": {p.absence_reason}" if p.absence_reason else ""
        sign = [Span(f"Vắng{reason}", italic=True)]
    return (str(n), name, position or None, p.unit or None, sign)


def _needs_landscape(people: list[Person], ctx: BuildContext) -> bool:
    """True when a cell would need more than three lines in portrait (long positions)."""
    page = ctx.settings.page
    size = page.body_size - 1
    width = page.oriented(False).frame_width
    total = sum(c.width for c in ATTENDANCE_COLUMNS)
    room = {i: width * c.width / total - 6 for i, c in enumerate(ATTENDANCE_COLUMNS)}
    for p in people:
        position = position_without_unit(p.substitute_position or p.position, p.unit)
        for i, text in ((1, p.substitute_name or p.name), (2, position), (3, p.unit)):
            if text_width(text or "", fonts.REGULAR, size) > 3 * room[i]:
                return True
    return False


@document_kind("attendance", "Danh sách đại biểu", "meeting", _summary("Danh sách đại biểu"))
def build_attendance(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    refuse_cancelled(m, "danh sách đại biểu")
    people = m.invitees or m.members(db)
    if not people:
        raise NotReadyError(tr("Cuộc họp chưa có danh sách đại biểu."))
    note = f"({when_text(m.starts_at)}"
    note += f", tại {m.place.rstrip('.')})" if m.place else ")"
    table = people_table(people, list(ATTENDANCE_COLUMNS), attendance_row, min_row_height_mm=12)
    signatures, recipients = closing_of(db, ctx, m)
    page = ctx.settings.page.oriented(_needs_landscape(people, ctx))
    return Document(
        header=header_of(ctx),
        title=Title("Danh sách đại biểu", f"Dự {meeting_phrase(m.title)}", note=note),
        body=[keep_apart(), table],
        signatures=signatures,
        recipients=recipients,
        settings=page,
        keywords=[label(c) for c, _ in grouped(people)],
    )
