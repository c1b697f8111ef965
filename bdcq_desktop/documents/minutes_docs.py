"""Meeting documents after the meeting: the minutes and the notice of conclusions.

- ``minutes`` — Biên bản (template 1.9): no place-date line; composition of the meeting
  (present, absent with reason, substitutes, counts per category), the proceedings per agenda
  item, the conclusions; THƯ KÝ signs on the left, CHỦ TỌA on the right. Issuing the minutes
  finalises them (:mod:`bdcq_desktop.core.minutes`, in the transaction that takes the number).
- ``conclusions`` — Thông báo kết luận: the chair's conclusions, each task with the unit in
  charge and its deadline.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from ..core.attendance_groups import WALK_IN_LABEL, group_counts, late_text, walk_in_text
from ..core.db import Database
from ..core.errors import ConfirmationRequired, NotReadyError
from ..core.i18n import tr
from ..core.models import (
    AttendanceStatus,
    InviteeCategory,
    IssuedDocument,
)
from ..core.text import date_text, decree_date, time_text
from ..core.wording import meeting_phrase, mid_sentence
from .blocks import Block, Bullets, Heading, Labelled, NewPage, Para, Title
from .closing import Recipients, SignatureBlock
from .data_tables import Column
from .dated import dated
from .issue_dates import PLACE_BLANK, after_meeting, recording_meeting
from .kinds import BuildContext, document_kind
from .layout import Document
from .meeting_data import ConclusionData, MeetingData, TaskData, load_meeting
from .meeting_docs import (
    chair_text,
    closing_of,
    grouped,
    header_of,
    label_line,
    meeting_signing,
    of_its_day,
    people_table,
    reference,
    summary_of,
)
from .meeting_person import Person
from .replaces import ending_with, replaces_text
from .signers import fellow_deputies, is_head_on

# A group with more people present than this is listed in the annex, not in the body.
NAMES_IN_BODY = 6

# How a group is named in the notice's opening ("tham dự có …").
GROUP_PHRASES = {
    InviteeCategory.MEMBER: "các đồng chí thành viên Ban Chỉ đạo",
    InviteeCategory.WORKING_GROUP: "thành viên Tổ công tác",
    InviteeCategory.AGENCY_HEAD: "lãnh đạo các cơ quan, đơn vị liên quan",
    InviteeCategory.EXPERT: "các chuyên gia, nhà khoa học",
    InviteeCategory.GUEST: "khách mời",
}
# Agenda items that are not reports heard ("Sau khi nghe … báo cáo").
NOT_REPORTS = ("khai mạc", "thảo luận", "kết luận", "ý kiến", "phát biểu", "bế mạc")


def _reason(text: str) -> str:
    """An absence reason as it reads after "lý do:" mid-sentence ("Ốm" → "ốm", names kept)."""
    return mid_sentence(text.rstrip("."))


def task_text(t: TaskData) -> str:
    """``Nội dung (đơn vị chủ trì: …; đơn vị đầu mối: …; thời hạn: chậm nhất ngày 30/6/2026)``.

    "Chậm nhất ngày", not "trước ngày": done on the deadline day is done on time
    (:func:`..core.tasks.task_status`), and "trước ngày 30/6" reads as "by 29/6" to the unit."""
    parts = []
    if t.unit:
        lead = f"đơn vị chủ trì: {t.unit}"
        if t.member:
            lead += f" (đồng chí {t.member.name} phụ trách)"
        parts.append(lead)
    elif t.member:
        parts.append(f"chủ trì: đồng chí {t.member.name}")
    if t.focal_unit and t.focal_unit != t.unit:
        parts.append(f"đơn vị đầu mối: {t.focal_unit}")
    if t.deadline:
        parts.append(f"thời hạn: chậm nhất ngày {decree_date(t.deadline)}")
    text = t.content.rstrip(" .;")
    return f"{text} ({'; '.join(parts)})" if parts else text


# The letters of the level below "1.", "2." in a Vietnamese document: a), b), c), d), đ), e)…
# (no f, j, w, z; ư after u)
_LETTERS = "abcdđeghiklmnopqrstuưvxy"


def _lettered(i: int) -> str:
    return f"{_LETTERS[i - 1]})" if i <= len(_LETTERS) else f"{i})"


def conclusion_blocks(
    conclusions: tuple[ConclusionData, ...], *, last: bool, under_item: bool = False
) -> list[Block]:
    """Numbered conclusions, each followed by its tasks; ``last`` ends the final line ``./.``.
    ``under_item``: they stand under a numbered item of the minutes, so they take the level
    below it (a), b)…), not numbers read as more items."""
    blocks: list[Block] = []
    for i, c in enumerate(conclusions, 1):
        end = i == len(conclusions)
        text = c.text.rstrip()
        mark = _lettered(i) if under_item else f"{i}."
        if c.tasks:
            blocks.append(Para(f"{mark} {text}"))
            lines = [task_text(t) + ";" for t in c.tasks]
            lines[-1] = lines[-1][:-1] + "."
            blocks.append(Bullets(lines, closing=last and end))
        else:
            blocks.append(Para(f"{mark} {text}", closing=last and end))
    return blocks


# --- minutes ----------------------------------------------------------------------------------


def _mark(p: Person) -> str:
    """The core's mark of an invitee (:data:`..core.attendance_marks.MARKS`)."""
    if p.attendance == AttendanceStatus.PRESENT and p.arrived_at is not None:
        return "late"
    return p.attendance.value


def _count_line(category: InviteeCategory, people: list[Person]) -> str:
    # The core's line, the one the minutes on screen show.
    (count,) = group_counts((category, _mark(p), p.walk_in) for p in people)
    return count.line


def _attendee(p: Person, day: date | None = None) -> str:
    if p.attendance == AttendanceStatus.SUBSTITUTE and p.substitute_name:
        who = p.substitute_name
        if p.substitute_position:
            who += f", {p.substitute_position}"
        original = f"{p.honorific} {p.name}".strip()
        return f"{who} (dự thay {original})"
    text = p.name + (f", {p.title}" if p.title else "")
    if p.arrived_at is not None and day is not None:
        text += f" ({late_text(p.arrived_at, day)})"
    return text


def _online(p: Person) -> str:
    """The annex's mark of someone who joined online or came without an invitation (the body
    lists them on lines of their own)."""
    said = ["dự trực tuyến"] if p.attendance == AttendanceStatus.ONLINE else []
    if p.walk_in:
        said.append("không theo giấy mời" if said else "dự không theo giấy mời")
    # One bracket: "(dự trực tuyến, không theo giấy mời)", not two in a row.
    return f" ({', '.join(said)})" if said else ""


def _walk_in(p: Person, day: date) -> str:
    """``Nguyễn Văn A, Phó Giám đốc Sở Y tế (đến muộn lúc 08 giờ 40 phút)``."""
    who = p.name + (f", {p.title}" if p.title else "")
    return walk_in_text(who, _mark(p), p.arrived_at, day)


def composition(m: MeetingData, ctx: BuildContext) -> tuple[list[Block], list[Block]]:
    """``Thành phần tham dự``: per group the counts, the people absent (with reason) and the
    substitutes; the people present by name, or in an annex when a group is large."""
    body: list[Block] = [label_line("Thành phần tham dự")]
    day = m.starts_at.date()
    annexed = False
    for category, people in grouped(m.delegates):
        body.append(Para("- " + _count_line(category, people) + "."))
        # The invited who came; those who came uninvited are named on their own line, last.
        attended = [p for p in people if p.attended and not p.walk_in]
        walk_ins = [p for p in people if p.attended and p.walk_in]
        online = [p for p in attended if p.attendance == AttendanceStatus.ONLINE]
        lines: list[str] = []
        if attended and len(attended) <= NAMES_IN_BODY:
            # Those who joined online are named on a line of their own, below.
            in_room = [p for p in attended if p.attendance != AttendanceStatus.ONLINE]
            if in_room:
                lines.append("Có mặt: " + "; ".join(_attendee(p, day) for p in in_room))
        else:
            annexed = annexed or bool(attended)
            subs = [p for p in attended if p.attendance == AttendanceStatus.SUBSTITUTE]
            if subs:
                lines.append("Dự thay: " + "; ".join(_attendee(p) for p in subs))
            # The annex lists everyone present; who came late, and when, is said here.
            late = [p for p in attended if p.arrived_at is not None]
            if late:
                when = [f"{p.name} ({late_text(p.arrived_at, day)})" for p in late if p.arrived_at]
                lines.append("; ".join(when))
        if online:
            lines.append("Dự trực tuyến: " + "; ".join(_attendee(p) for p in online))
        absent = [p for p in people if p.attendance == AttendanceStatus.ABSENT]
        if absent:
            lines.append(
                "Vắng: "
                + "; ".join(
                    p.name + (f" (lý do: {_reason(p.absence_reason)})" if p.absence_reason else "")
                    for p in absent
                )
            )
        if walk_ins:
            lines.append(f"{WALK_IN_LABEL}: " + "; ".join(_walk_in(p, day) for p in walk_ins))
        body += [Bullets([line + "."], marker="+") for line in lines]
    if not m.delegates:
        body.append(Para("(Chưa có danh sách đại biểu.)"))
    annex: list[Block] = []
    if annexed:
        body.append(Para("(Danh sách đại biểu dự họp kèm theo biên bản này.)", italic=True))
        present = [p for p in m.delegates if p.attended]
        columns = [
            Column("STT", 0.08, "center"),
            Column("Họ và tên", 0.32),
            Column("Chức vụ, đơn vị công tác", 0.60),
        ]

        def row(n: int, p: Person) -> tuple[str | None, ...]:
            if p.attendance == AttendanceStatus.SUBSTITUTE and p.substitute_name:
                original = f"{p.honorific} {p.name}".strip()
                return (
                    str(n),
                    f"{p.substitute_name} (dự thay {original})",
                    p.substitute_position or p.unit or None,
                )
            return (str(n), p.name + _online(p), p.title or None)

        annex = [
            NewPage(landscape=False),
            Title(
                "Danh sách đại biểu dự họp", note=f"(Kèm theo {reference(ctx)})", space_before_pt=0
            ),
            people_table(present, columns, row),
        ]
    return body, annex


def _closing_sentences(text: str) -> list[str]:
    """The minutes' own closing remarks, without the end-time sentence the document writes."""
    out = []
    for sentence in re.split(r"(?<=\.)\s+", text.replace("\n", " ")):
        sentence = sentence.strip()
        if sentence and not sentence.casefold().startswith("cuộc họp kết thúc"):
            out.append(sentence)
    return out


# Lines of the edited opening that the document writes itself, from the meeting's own fields,
# in the labelled form of the state format (a correction to them belongs on the meeting).
_OPENING_FIELDS = ("thời gian", "địa điểm", "chủ trì", "chủ tọa", "thư ký", "thành phần")


def _opening_remarks(text: str) -> list[str]:
    """What the secretary added to the opening beyond the labelled fields (e.g. the chair's
    opening words), one paragraph per line."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.casefold().startswith(_OPENING_FIELDS):
            out.append(line)
    return out


# The issuing hooks import the minutes' core module (and the live notes, conclusions and tasks
# behind it) only when the minutes are issued: a draft does not need them.
def _minutes_state(db: Database, record_id: int | None) -> object:
    from ..core.minutes import minutes_state

    return minutes_state(db, record_id)


def _finalise(s: Session, record_id: int | None, row: IssuedDocument, state: object) -> None:
    from ..core.minutes import MinutesState, finalise_issued

    assert isinstance(state, MinutesState)  # what minutes_state returned before the build
    finalise_issued(s, state, row.sha256)


def _unmarked(db: Database, record_id: int | None) -> ConfirmationRequired | None:
    """The minutes are the official record of who attended: invitees not marked are asked
    about before they are issued (the one place the rule lives; the front ends ask)."""
    from ..core.attendance_question import unmarked_warning

    return unmarked_warning(db, record_id) if record_id is not None else None


@document_kind(
    "minutes",
    "meeting",
    summary_of("Biên bản"),
    before_issue=_minutes_state,
    after_issue=_finalise,
    check_date=recording_meeting,
    ask=_unmarked,
)
def build_minutes(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    # Written at the meeting: the settings of its day, its recipients too (see below).
    day = m.starts_at.date()
    ctx = dated(db, ctx, day)
    if not m.held:
        raise NotReadyError(tr("Chưa thể lập biên bản: cuộc họp chưa diễn ra."))
    opened = m.opened_at or m.starts_at
    # Minutes issued again after reopening name the issue they replace, first: their last
    # line is the meeting's end, as the decree's template has it.
    replaces = replaces_text(db, ctx.kind, "meeting", m.id, "Biên bản")
    body: list[Block] = [Para(replaces)] if replaces else []
    body += [
        Labelled("Thời gian bắt đầu", f"{time_text(opened.time())}, {date_text(opened.date())}."),
    ]
    # No place yet: the draft shows the blank to fill (issuing is refused until it is).
    body.append(Labelled("Địa điểm", m.place.rstrip(".") + "." if m.place else PLACE_BLANK))
    people, annex = composition(m, ctx)
    body += people
    if m.chair:
        body.append(Labelled("Chủ trì (chủ tọa)", chair_text(m) + "."))
    if m.secretary:
        sec = m.secretary
        body.append(
            Labelled(
                "Thư ký (người ghi biên bản)",
                f"Đồng chí {sec.name}" + (f", {sec.title}" if sec.title else "") + ".",
            )
        )
    body.append(label_line("Nội dung (theo diễn biến cuộc họp)"))
    body += [Para(remark) for remark in _opening_remarks(m.opening_text)]
    # The conclusions go under the chair's closing item ("Kết luận của Trưởng ban"), or
    # under a heading of their own after the last item.
    closing_item = next(
        (
            i
            for i in range(len(m.agenda) - 1, -1, -1)
            if m.agenda[i].title.casefold().startswith("kết luận")
        ),
        None,
    )
    for i, item in enumerate(m.agenda):
        body.append(Heading(item.title.rstrip("."), level=2, label=str(i + 1)))
        for paragraph in item.minutes_text.split("\n"):
            if paragraph.strip():
                body.append(Para(paragraph.strip()))
        if i == closing_item and m.conclusions:
            body += conclusion_blocks(m.conclusions, last=False, under_item=True)
    if closing_item is None and m.conclusions:
        who = f"đồng chí {m.chair.name}" if m.chair else "người chủ trì"
        body.append(Heading(f"Kết luận của {who}", level=2, label=str(len(m.agenda) + 1)))
        body += conclusion_blocks(m.conclusions, last=False, under_item=True)
    body += [Para(sentence) for sentence in _closing_sentences(m.closing_text)]
    closed = m.closed_at or m.ends_at
    if closed is not None:
        end = f"Cuộc họp kết thúc vào {time_text(closed.time())}, {date_text(closed.date())}."
    else:
        end = "Cuộc họp kết thúc vào …… giờ …… phút, ngày …… tháng …… năm ……."
    body.append(Para(end, closing=True))
    s = ctx.settings
    return Document(
        header=header_of(ctx, place_date=False),
        title=Title("Biên bản", m.title),
        body=body,
        signatures=[
            SignatureBlock(["THƯ KÝ"], m.secretary.name if m.secretary else ""),
            SignatureBlock(
                ["CHỦ TỌA"],
                m.chair.name if m.chair else "",
                # A Deputy Head in the chair: the minutes report to the others, not to her.
                fellow_deputies=fellow_deputies(
                    db, m.chair.person_id if m.chair else None, day
                ),
                # The Head in the chair: the minutes do not report back to him.
                head=m.chair is not None
                and is_head_on(db, s, m.chair.person_id, m.chair.name, day),
            ),
        ],
        # The default recipients of the meeting's day, as the other meeting documents read
        # theirs on their date: the districts before 1 July 2025, the communes after.
        recipients=Recipients(s.recipients_for(ctx.kind, day), archive=s.archive_for(ctx.kind)),
        annex=annex,
        settings=s.page,
    )


# --- conclusions ------------------------------------------------------------------------------


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def _reports_heard(m: MeetingData) -> list[str]:
    units: list[str] = []
    for item in m.agenda:
        if item.by_chair or item.title.casefold().startswith(NOT_REPORTS):
            continue
        who = item.presenter_unit or item.presenter_short
        if who and who not in units:
            units.append(who)
    return units


def conclusions_summary(m: MeetingData) -> str:
    who = f"đồng chí {m.chair.name}" if m.chair else "người chủ trì"
    if m.chair and m.chair.title:
        who += f", {m.chair.title}"
    if m.chair and m.chair_role:
        who += f", {m.chair_role}"
    return f"Kết luận của {who} tại {meeting_phrase(m.title, m.kind)}"


@document_kind(
    "conclusions",
    "meeting",
    summary_of("Thông báo kết luận"),
    check_date=after_meeting,
    signing=meeting_signing,
)
def build_conclusions(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    ctx = of_its_day(db, ctx)
    if not m.held:
        raise NotReadyError(tr("Chưa thể thông báo kết luận: cuộc họp chưa diễn ra."))
    if not m.conclusions:
        raise NotReadyError(tr("Cuộc họp chưa có kết luận."))
    committee = ctx.settings.committee
    day = date_text(m.starts_at.date())
    opening = f"{day[0].upper()}{day[1:]}, "
    if m.place:
        opening += f"tại {m.place.rstrip('.')}, "
    opening += f"{committee} tổ chức {meeting_phrase(m.title, m.kind)}"
    if m.chair:
        opening += f"; đồng chí {chair_text(m).removeprefix('Đồng chí ')} chủ trì"
    groups = [
        GROUP_PHRASES[c]
        for c, people in grouped(m.delegates)
        if any(p.attended for p in people)
    ]
    if groups:
        opening += f"; tham dự có {_and_list(groups)}"
    heard = _reports_heard(m)
    intro = "Sau khi nghe "
    intro += f"báo cáo của {', '.join(heard)}" if heard else "các báo cáo"
    speaker = m.chair_role or (m.chair.name if m.chair else "chủ trì")
    intro += f" và ý kiến của các đại biểu, đồng chí {speaker} kết luận như sau:"
    body: list[Block] = [Para(opening + "."), Para(intro)]
    body += conclusion_blocks(m.conclusions, last=False)
    body.append(
        Para(
            f"{committee} thông báo để các thành viên Ban Chỉ đạo, các cơ quan, đơn vị liên "
            "quan biết, thực hiện.",
            closing=True,
        )
    )
    # A corrected notice names the one it replaces (issued, then superseded by a change).
    body = ending_with(body, replaces_text(db, ctx.kind, "meeting", m.id, "Thông báo"))
    signatures, recipients = closing_of(db, ctx, m)
    return Document(
        header=header_of(ctx),
        title=Title("Thông báo", conclusions_summary(m)),
        body=body,
        signatures=signatures,
        recipients=recipients,
        settings=ctx.settings.page,
    )
