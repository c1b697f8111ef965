"""Letters that call people to a meeting (template 1.7).

- ``convocation`` — Giấy triệu tập of the committee members;
- ``invitation`` — Giấy mời of agency heads, experts and guests, with the list of addressees,
  or one copy per addressee (option ``per_addressee``).

Up to :data:`LIST_LIMIT` people are named in the body; more go to a list attached to the letter.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from ..core.agenda_papers import PROCEDURAL
from ..core.db import Database
from ..core.errors import NotReadyError
from ..core.i18n import tr
from ..core.labels import document_label
from ..core.meetings import mark_convened
from ..core.models import CommitteeRole, IssuedDocument, Meeting
from ..core.standing_agency import standing_agency_of
from ..core.wording import meeting_phrase
from .blocks import Block, Bullets, Labelled, NewPage, Para, Span, Title
from .data_tables import Column
from .issue_dates import PLACE_BLANK, calling_meeting, refuse_held
from .kinds import BuildContext, document_kind
from .layout import Document
from .meeting_data import MeetingData, load_meeting
from .meeting_docs import (
    chair_text,
    closing_of,
    header_of,
    label_line,
    meeting_signing,
    of_its_day,
    people_table,
    reference,
    refuse_cancelled,
    signing_day,
    summary_of,
    when_text,
)
from .meeting_person import Person
from .replaces import ending_with, replaces_text
from .settings import DocumentSettings
from .text import nfc, phone_text

# Up to this many addressees are named in the body; more go to a list attached to the document.
LIST_LIMIT = 5


def contact_text(m: MeetingData, settings: DocumentSettings, agency: str) -> str:
    """The contact line of the notes (template 1.7: "contact person and phone"): the meeting's
    secretary, with their phone, else the office's phone of the settings; with no secretary,
    the standing agency ``agency`` with the office's phone and e-mail; "" with neither a
    secretary nor an office phone or e-mail to give.

    ``settings`` are the document's own day's (:mod:`.dated`): a convocation issued before the
    office changed its number printed the old one, and is never drawn again. The office's
    address is not printed: the letter's ``Địa điểm`` says where to come, and Decree 30 puts
    an address only in the optional line at the foot of page 1 (Article 8(2)(d)), never under
    the issuing body, where letterheads print it."""
    office_phone = phone_text(settings.phone) if settings.phone.strip() else ""
    sec = m.secretary
    if sec is None:
        reach = [f"điện thoại {office_phone}" if office_phone else ""]
        reach.append(f"thư điện tử {nfc(settings.email).strip()}" if settings.email.strip() else "")
        reach = [r for r in reach if r]
        if not reach:
            return ""
        who = nfc(agency).strip() or "cơ quan thường trực Ban Chỉ đạo"
        return f"Thông tin chi tiết liên hệ: {', '.join([who, *reach])}."
    text = f"Thông tin chi tiết liên hệ: đồng chí {sec.name}"
    if sec.title:
        text += f", {sec.title}"
    # The secretary's own phone when on record, else the office's, where they are reached.
    phone = phone_text(sec.phone) if sec.phone else office_phone
    if phone:
        text += f", điện thoại {phone}"
    return text + "."


def _contact(db: Database, m: MeetingData, ctx: BuildContext) -> str:
    """:func:`contact_text` of ``ctx``'s settings and the standing agency of its day."""
    agency = standing_agency_of(db, signing_day(ctx))[0] if m.secretary is None else ""
    return contact_text(m, ctx.settings, agency)


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
        table,
    ]


def _convened(
    s: Session, record_id: int | None, row: IssuedDocument, _state: object = None
) -> None:
    """Issuing the convocation or the invitation convenes a planned meeting; one recorded as
    held meanwhile (by another officer) is refused, and no number is taken."""
    if record_id is not None:
        m = s.get(Meeting, record_id)
        if m is not None:
            refuse_held(m.status, document_label(row.kind))
        mark_convened(s, record_id)


# --- convocation ------------------------------------------------------------------------------


@document_kind(
    "convocation",
    "meeting",
    summary_of("Giấy triệu tập"),
    after_issue=_convened,
    check_date=calling_meeting,
    signing=meeting_signing,
)
def build_convocation(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    ctx = of_its_day(db, ctx)
    refuse_cancelled(m, "giấy triệu tập")
    members = [p for p in m.members(db) if not m.chairs(p)]
    if not members:
        raise NotReadyError(tr("Cuộc họp chưa có thành viên Ban Chỉ đạo được triệu tập."))
    committee = ctx.settings.committee
    body: list[Block] = [Para(f"{committee} triệu tập:")]
    annex: list[Block] = []
    if len(members) <= LIST_LIMIT:
        # "Đồng chí" goes before a person's name, not before "Lãnh đạo Sở …" (an agency).
        names = [
            ("" if p.by_unit else "Đồng chí ") + p.name + (f", {p.title}" if p.title else "")
            for p in members
        ]
        body.append(Bullets([f"{n};" for n in names[:-1]] + [f"{names[-1]}."]))
    else:
        body.append(Para("Các thành viên Ban Chỉ đạo (theo danh sách kèm theo)."))
        annex = list_annex(ctx, "Danh sách thành viên Ban Chỉ đạo được triệu tập", members)
    body += _meeting_lines(m)
    notes = (
        "Đề nghị các đồng chí thành viên Ban Chỉ đạo nghiên cứu trước tài liệu, chuẩn bị ý kiến "
        "theo lĩnh vực, địa bàn được phân công và tham dự đầy đủ, đúng giờ; trường hợp vắng mặt, "
        f"báo cáo {_convener(m)} và cử lãnh đạo cơ quan dự thay."
    )
    body.append(Para(f"{notes} {_contact(db, m, ctx)}".strip(), closing=True))
    # A corrected convocation names the one it replaces (issued, then superseded by a change).
    body = ending_with(body, replaces_text(db, ctx.kind, "meeting", m.id, "Giấy triệu tập"))
    signatures, recipients = closing_of(db, ctx, m)
    # Those convened receive it ("Như trên"): a Deputy Head among them is not also "để b/c".
    convened = tuple(nfc(p.name) for p in members if not p.by_unit)
    recipients = replace(recipients, addressed=convened)
    return Document(
        header=header_of(ctx),
        title=Title("Giấy triệu tập", m.title),
        body=body,
        signatures=signatures,
        recipients=recipients,
        annex=annex,
        settings=ctx.settings.page,
    )


def _convener(m: MeetingData) -> str:
    """Whom a member who cannot come reports to: the one who called the meeting. The Head
    calls it unless the meeting records a Deputy Head as its caller (the regulation lets a
    Deputy call extraordinary meetings and work with members), whose letter is signed
    ``KT. TRƯỞNG BAN`` and asks to be told herself."""
    if m.caller is not None and m.caller_role == CommitteeRole.STANDING_DEPUTY_HEAD.value:
        return f"đồng chí Phó Trưởng ban Thường trực {m.caller.name}"
    if m.caller is not None and m.caller_role == CommitteeRole.DEPUTY_HEAD.value:
        return f"đồng chí Phó Trưởng ban {m.caller.name}"
    return "Trưởng ban"


def _meeting_lines(m: MeetingData) -> list[Block]:
    blocks: list[Block] = [Para(f"Tới dự {meeting_phrase(m.title, m.kind)}.")]
    if m.chair:
        blocks.append(Labelled("Chủ trì", chair_text(m) + "."))
    blocks.append(Labelled("Thời gian", when_text(m.starts_at) + "."))
    # No place yet: the draft shows the blank to fill (issuing is refused until it is).
    where = m.place.rstrip(".") + "." if m.place else PLACE_BLANK
    blocks.append(Labelled("Địa điểm", where))
    return blocks + agenda_bullets(m)


# --- invitation -------------------------------------------------------------------------------


@document_kind(
    "invitation",
    "meeting",
    summary_of("Giấy mời"),
    options=("per_addressee",),
    after_issue=_convened,
    check_date=calling_meeting,
    signing=meeting_signing,
)
def build_invitation(
    db: Database, record_id: int | None, ctx: BuildContext
) -> Document | list[Document]:
    m = load_meeting(db, record_id)
    ctx = of_its_day(db, ctx)
    refuse_cancelled(m, "giấy mời")
    guests = m.invited
    if not guests:
        raise NotReadyError(
            tr("Cuộc họp chưa có đại biểu mời (lãnh đạo cơ quan, chuyên gia, khách mời).")
        )
    signatures, recipients = closing_of(db, ctx, m)
    committee = ctx.settings.committee
    replaces = replaces_text(db, ctx.kind, "meeting", m.id, "Giấy mời")
    contact = _contact(db, m, ctx)

    def one(addressees: list[Block], annex: list[Block]) -> Document:
        body = [Para(f"{committee} trân trọng kính mời:"), *addressees, *_meeting_lines(m)]
        if contact:
            body.append(Para(contact))
        body.append(
            Para("Rất mong Quý đại biểu tham dự đúng giờ. Trân trọng kính mời.", closing=True)
        )
        body = ending_with(body, replaces)
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
