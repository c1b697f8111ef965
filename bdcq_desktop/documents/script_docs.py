"""The chair's running script (Kịch bản điều hành cuộc họp) as a PDF.

A working paper the chair reads at the table, which the secretariat prints the morning of the
meeting: never issued, so no number in the register, no date and no signature, but the page,
fonts and Vietnamese conventions of every document (Decree 30/2020), the header of the bodies
without its number row (:attr:`.header.Header.numbered`). Under the heading (the meeting, its
time and place, who chairs), a table of the steps: the time, what the chair says, who speaks,
and an empty column for the chair's notes; under "Kết luận", lines to write the conclusions on.

What it says is gathered by the core in one call (:func:`..core.running_script.
running_script`): the steps and their times (the agenda paper's rule), who is here, the
previous meeting's conclusions. People are named as the meeting's papers print them
(:func:`.meeting_data.load_meeting`: "Đồng chí …, Giám đốc Sở …", the chair with the role),
so the script and the agenda paper on the same table name the presenter alike.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from ..core.agenda import AgendaRow
from ..core.db import Database, output_path
from ..core.errors import BcdError
from ..core.files import write_atomic
from ..core.i18n import tr
from ..core.models import MeetingKind
from ..core.running_script import (
    CLOSING,
    CONCLUSION,
    DISCUSSION,
    OPENING,
    REPORT,
    REVIEW,
    Presence,
    Review,
    RunningScript,
    Step,
    running_script,
)
from ..core.text import clean, count_text, date_text, decree_date, excerpt
from ..core.wording import lower_first, meeting_phrase, mid_sentence
from . import fonts
from .agenda_docs import time_cell
from .blocks import Block, Labelled, Para, Title
from .data_tables import Column
from .dated import settings_of
from .header import Header
from .layout import Document
from .meeting_data import Item, MeetingData, load_meeting
from .meeting_docs import WEEKDAYS, chair_text, when_text
from .script_table import ScriptTable
from .service import render_built
from .settings import load
from .text import Span, Text, position_and_unit

# The time column as wide as the agenda paper's (a span on two lines at the cell size); the
# speaker's as the agenda's "Thực hiện"; what is left to the words and the chair's notes.
COLUMNS = (
    Column("Thời gian", 0.2, "center"),
    Column("Nội dung điều hành", 0.45),
    Column("Thực hiện", 0.17),
    Column("Ghi chú", 0.18),
)
# Lines under "Kết luận" for the chair's hand.
CONCLUSION_LINES = 8
# Overdue tasks of the previous meeting named one by one; the rest counted.
NAMED_OVERDUE = 5
BLANK = "………………"  # a name the chair fills in by hand
FEW = "……"  # a number
CHAIR = "Chủ trì"
# An agenda read out item by item up to this many; a longer one is referred to its paper.
AGENDA_LISTED = 10
# Lines of the introduction of who is here in one row.
PRESENCE_LINES = 8
DELEGATES = "Các đại biểu dự họp"


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _said(title: str) -> str | None:
    """``title`` lowered for the middle of a sentence, when its first word is a common one
    ("Báo cáo…", "Phương án…"); None when it opens a name ("Sở Y tế báo cáo…", "Tổ công tác…",
    "Công an tỉnh…"), which both rules of the core keep capitalised."""
    low = lower_first(title)
    return low if low != title and mid_sentence(title) != title else None


def presenting(title: str) -> tuple[str, str]:
    """What a presenter is invited to do with an item, as a verb and its object: ``trình bày``
    ``báo cáo …``, ``phát biểu`` ``ý kiến …``, or, for a title that opens with a name,
    ``trình bày nội dung`` ``“Sở Y tế báo cáo …”``."""
    text = " ".join(title.split()).rstrip(" .;")
    if text.casefold().startswith("trình bày "):
        return "trình bày", text[len("trình bày ") :]
    said = _said(text)
    if said is None:
        return "trình bày nội dung", f"“{text}”"
    if said.startswith("ý kiến"):
        return "phát biểu", said
    return "trình bày", said


def _minutes(step: Step) -> str:
    n = step.planned_minutes
    return f"({n} phút)" if n else "(chưa dự kiến thời lượng)"


class _Names:
    """Who the script names, as the meeting's papers print them (see the module doc)."""

    def __init__(self, script: RunningScript, m: MeetingData) -> None:
        self.script = script
        self.m = m
        # The papers' reading and the core's are two reads: an agenda saved between them
        # leaves the papers' names out rather than pair an item with another's presenter.
        pairs = list(zip(script.agenda, m.agenda, strict=False))
        same = len(m.agenda) == len(script.agenda) and all(
            item.title == clean(row.title) for row, item in pairs
        )
        self.items: dict[int, Item] = {row.order: item for row, item in pairs} if same else {}

    def chair(self) -> str:
        return chair_text(self.m) or f"đồng chí {BLANK}"

    def by_chair(self, row: AgendaRow | None) -> bool:
        return row is not None and row.presenter_person_id is not None and (
            row.presenter_person_id == self.script.chair_id
        )

    def speaker(self, row: AgendaRow | None, default: str) -> str:
        """Who speaks at the item: short, for the column."""
        if row is None or not row.presenter_kind:
            return default
        if self.by_chair(row):
            return CHAIR
        if row.presenter_kind == "person":
            return f"Đồng chí {row.presenter}"
        return row.presenter

    def invited(self, row: AgendaRow) -> str:
        """Whom the chair gives the floor: ``đồng chí …, Giám đốc Sở …,`` as the agenda paper
        prints them (the comma closing the title before the verb); ``đại diện Sở …`` for a
        unit; blank dots for nobody named yet."""
        item = self.items.get(row.order)
        if row.presenter_kind == "person":
            who = _first_lower(item.presenter_long) if item else f"đồng chí {row.presenter}"
            return f"{who}," if "," in who else who
        if row.presenter_kind == "unit":
            return f"đại diện {item.presenter_long if item else row.presenter}"
        if row.presenter_kind == "guest":
            return item.presenter_long if item else row.presenter
        return BLANK

    def title(self, row: AgendaRow) -> str:
        item = self.items.get(row.order)
        return item.title if item else row.title


# --- what the chair says ----------------------------------------------------------------------


def _reasons(script: RunningScript, m: MeetingData) -> Text:
    at = script.starts_at
    place = f", tại {m.place.rstrip('.')}" if m.place else ""
    phrase = meeting_phrase(m.title, script.kind)
    basis = "Thực hiện Quy chế hoạt động của Ban Chỉ đạo, hôm nay" if (
        script.kind == MeetingKind.REGULAR
    ) else "Hôm nay"
    # Rule 3: the regular meeting judges the period since the last one and sets the next.
    purpose = (
        " để đánh giá kết quả thực hiện nhiệm vụ kỳ qua, thống nhất nhiệm vụ thời gian tới"
        if script.kind == MeetingKind.REGULAR
        else ""
    )
    day = f"{WEEKDAYS[at.weekday()]}, {date_text(at.date())}"
    return [
        Span("Tuyên bố lý do: ", bold=True),
        f"{basis}, {day}{place}, Ban Chỉ đạo tổ chức {phrase}{purpose}.",
    ]


def _who(name: str) -> str:
    # An agency invited without a head on record is named "Lãnh đạo Sở …": no "đồng chí".
    return name if name.startswith("Lãnh đạo ") else f"đồng chí {name}"


def presence_lines(p: Presence, names: _Names) -> list[str]:
    """Who is here, a line each: the chair, then the minutes' counts per group with who is
    absent and who came in whose place once attendance is marked, else the invited per group
    with room to write the counts."""
    lines = [f"- Chủ trì: {_first_lower(names.chair())};"]
    if p.marked:
        lines += [f"- {g.line};" for g in p.groups]
        if p.absent:
            lines.append("- Vắng mặt:")
            for r in p.absent:
                title = position_and_unit(r.position, r.unit)
                why = f" (lý do: {mid_sentence(r.reason)})" if r.reason else ""
                lines.append(f"+ {_who(r.name)}" + (f", {title}" if title else "") + f"{why};")
        if p.substitutes:
            lines.append("- Dự thay:")
            for r in p.substitutes:
                who = f"đồng chí {r.substitute_name or BLANK}"
                if r.substitute_position:
                    who += f", {r.substitute_position},"
                lines.append(f"+ {who} dự thay {_who(r.name)};")
    else:
        called = [g for g in p.groups if g.invited]
        for g in called:
            verb = "triệu tập" if g.category.value == "member" else "mời"
            lines.append(
                f"- {g.title}: {verb} {count_text(g.invited)} người; có mặt: {FEW}, "
                f"vắng: {FEW};"
            )
        if not called:
            lines.append(f"- Chưa có danh sách mời; thành phần dự họp: {BLANK};")
    lines[-1] = lines[-1].rstrip(";,") + "."
    return lines


def _presence_cells(p: Presence, names: _Names) -> list[Text]:
    """:func:`presence_lines` under their heading, cut into cells of at most
    :data:`PRESENCE_LINES` lines: a long list of absentees takes rows of its own, each with
    who speaks beside it, rather than one row split across two pages."""
    lines = presence_lines(p, names)
    cells: list[Text] = []
    for n in range(0, len(lines), PRESENCE_LINES):
        head = "Giới thiệu thành phần dự họp" + (" (tiếp)" if n else "") + ":"
        cell: list[str | Span] = [Span(head, bold=True)]
        for line in lines[n : n + PRESENCE_LINES]:
            cell += ["\n", line]
        cells.append(cell)
    return cells


def _agenda_put(script: RunningScript, names: _Names) -> Text:
    out: list[str | Span] = [Span("Thông qua chương trình:", bold=True), "\n"]
    shown = [s.item for s in script.steps if s.item is not None and s.kind != OPENING]
    if not shown:
        return [*out, "Cuộc họp chưa có chương trình (nội dung)."]
    if len(shown) > AGENDA_LISTED:
        # The agenda paper lists them; read out here they would fill pages.
        return [
            *out,
            f"Chương trình cuộc họp gồm {count_text(len(shown))} nội dung, như Chương trình "
            "đã gửi các đại biểu. Nếu các đồng chí không có ý kiến khác, chương trình được "
            "thông qua.",
        ]
    out.append("Chương trình cuộc họp gồm các nội dung:")
    for n, row in enumerate(shown, 1):
        who = names.speaker(row, "")
        out += ["\n", f"{n}. {names.title(row)}" + (f" ({who})" if who else "") + ";"]
    out += [
        "\n",
        "Nếu các đồng chí không có ý kiến khác, chương trình được thông qua.",
    ]
    return out


def review_lines(review: Review, regular: bool) -> list[str]:
    """The previous meeting's conclusions and their tasks, short (see the module doc)."""
    if review.meeting_id is None or review.starts_at is None or review.as_of is None:
        what = "cuộc họp định kỳ nào" if regular else "cuộc họp nào có kết luận"
        return [f"Chưa có {what} trước cuộc họp này để điểm lại kết luận."]
    lines = [
        f"Tại {meeting_phrase(review.title)} ngày {decree_date(review.starts_at.date())}, "
        f"chủ trì kết luận {count_text(review.conclusions)} nội dung, giao "
        f"{count_text(review.tasks)} nhiệm vụ."
    ]
    if review.tasks:
        parts = []
        if review.done:
            late = (
                f" (trong đó {count_text(review.done_late)} hoàn thành quá hạn)"
                if review.done_late
                else ""
            )
            parts.append(f"đã hoàn thành {count_text(review.done)}{late}")
        if review.open:
            parts.append(f"đang thực hiện trong hạn {count_text(review.open)}")
        parts.append(f"quá hạn chưa hoàn thành {count_text(len(review.overdue))}")
        if review.cancelled:
            parts.append(f"đã dừng thực hiện {count_text(review.cancelled)}")
        lines.append(f"Đến ngày {decree_date(review.as_of)}: {', '.join(parts)}.")
    if review.overdue:
        lines.append("Nhiệm vụ quá hạn:")
        for t in review.overdue[:NAMED_OVERDUE]:
            who = f"{t.assignee}: " if t.assignee else ""
            deadline = decree_date(t.deadline) if t.deadline else ""
            lines.append(
                f"- {who}{excerpt(t.content.rstrip(' .;'), 90)} (hạn {deadline}, quá "
                f"{count_text(t.days_overdue)} ngày);"
            )
        rest = len(review.overdue) - NAMED_OVERDUE
        if rest > 0:
            lines.append(f"- và {count_text(rest)} nhiệm vụ quá hạn khác;")
        lines[-1] = lines[-1].rstrip(";") + "."
        lines.append(
            "Đề nghị các cơ quan, đơn vị có nhiệm vụ quá hạn báo cáo nguyên nhân, giải pháp."
        )
    return lines


def _review(script: RunningScript, *, own_row: bool) -> Text:
    review = script.review
    if review is None:
        return []
    regular = script.kind == MeetingKind.REGULAR
    head = (
        "Kết luận cuộc họp định kỳ trước và tình hình thực hiện"
        if regular
        else "Kết luận cuộc họp trước và tình hình thực hiện"
    )
    out: list[str | Span] = [] if own_row else ["\n"]
    out += [Span(head + ":", bold=True)]
    for line in review_lines(review, regular):
        out += ["\n", line]
    return out


def _report(step: Step, names: _Names) -> Text:
    """The chair gives the floor: the item, in bold, is what the chair looks for on the page
    (said once, not printed above the sentence again)."""
    row = step.item
    assert row is not None
    verb, what = presenting(names.title(row))
    who = "Chủ trì" if names.by_chair(row) else f"Mời {names.invited(row)}"
    out: list[str | Span] = [f"{who} {verb} ", Span(what, bold=True), f" {_minutes(step)}."]
    if step.discussion:
        out += ["\n", "Thảo luận: mời các đồng chí đại biểu phát biểu ý kiến về nội dung này."]
    return out


def _discussion(step: Step, names: _Names) -> Text:
    row = step.item
    title = names.title(row) if row is not None else "Thảo luận"
    return [
        Span(title, bold=True),
        "\n",
        f"Mời các đồng chí đại biểu phát biểu ý kiến {_minutes(step)}.",
    ]


def _conclusion(step: Step, names: _Names) -> Text:
    row = step.item
    title = names.title(row) if row is not None else "Kết luận"
    if row is not None and row.presenter_kind and not names.by_chair(row):
        said = f"Mời {names.invited(row)} kết luận cuộc họp."
    else:
        said = "Chủ trì kết luận cuộc họp (ghi các ý kết luận dưới đây)."
    return [Span(title, bold=True), "\n", said]


def _closing(step: Step, names: _Names) -> Text:
    row = step.item
    title = names.title(row) if row is not None else "Bế mạc"
    return [
        Span(title, bold=True),
        "\n",
        "Thay mặt Ban Chỉ đạo, cảm ơn các đồng chí đại biểu đã dự họp; tuyên bố bế mạc "
        f"{meeting_phrase(names.m.title, names.script.kind)}.",
    ]


# --- the document -----------------------------------------------------------------------------

Row = tuple[Text | None, ...]


def script_rows(script: RunningScript, m: MeetingData) -> tuple[list[Row], list[int]]:
    """The table's rows (time, words, speaker, notes) and which of them are ruled lines."""
    names = _Names(script, m)
    rows: list[Row] = []
    ruled: list[int] = []

    def add(step: Step | None, words: Text, who: str) -> None:
        when = time_cell(step.starts_at, step.ends_at) if step is not None else ""
        rows.append((when, words, who, None))

    for step in script.steps:
        row = step.item
        if step.kind == OPENING:
            who = names.speaker(row, CHAIR)
            words: list[str | Span] = []
            if row is not None:
                words += [Span(names.title(row), bold=True), "\n"]
            else:
                words += [Span("Khai mạc", bold=True), "\n"]
            add(step, [*words, *_reasons(script, m)], who)
            for cell in _presence_cells(script.presence, names):
                add(None, cell, who)
            add(None, _agenda_put(script, names), CHAIR)
        elif step.kind == REVIEW:
            add(step, _review(script, own_row=True), CHAIR)
        elif step.kind == REPORT:
            words = list(_report(step, names))
            if step.reviews:
                words += _review(script, own_row=False)
            add(step, words, names.speaker(row, ""))
        elif step.kind == DISCUSSION:
            add(step, _discussion(step, names), names.speaker(row, DELEGATES))
        elif step.kind == CONCLUSION:
            add(step, _conclusion(step, names), names.speaker(row, CHAIR))
            ruled.append(len(rows))
            rows.append((None, None, None, None))
        elif step.kind == CLOSING:
            add(step, _closing(step, names), CHAIR)
    return rows, ruled


def build_script(db: Database, meeting_id: int, *, today: date | None = None) -> Document:
    """The running script of meeting ``meeting_id`` as a document (see the module doc)."""
    script = running_script(db, meeting_id, today=today)
    m = load_meeting(db, meeting_id)
    fonts.ensure_fonts()
    # The header of the day it speaks for: the meeting's, once past (the committee's name
    # then), else today's, as a draft of its agenda paper prints.
    settings = settings_of(db, load(db), script.as_of)
    note = f"(Thời gian: {when_text(m.starts_at)}"
    note += f"; địa điểm: {m.place.rstrip('.')})" if m.place else ")"
    body: list[Block] = [
        Para(
            "Tài liệu phục vụ chủ trì điều hành cuộc họp, không ban hành.",
            indent=False,
            align="center",
            italic=True,
        )
    ]
    if m.chair:
        body.append(Labelled("Chủ trì", chair_text(m) + "."))
    if not script.agenda:
        body.append(
            Para(
                "Cuộc họp chưa có chương trình (nội dung): kịch bản chỉ gồm phần khai mạc, kết "
                "luận và bế mạc. Lập chương trình (Sửa chương trình…) rồi in lại kịch bản."
            )
        )
    rows, ruled = script_rows(script, m)
    body.append(
        ScriptTable(
            list(COLUMNS),
            rows,
            valign="top",
            ruled_rows=tuple(ruled),
            ruled_lines=CONCLUSION_LINES,
        )
    )
    return Document(
        header=Header(
            issuing_body=settings.issuing_body,
            type_abbr="",
            parent_body=settings.parent_body,
            body_abbr=settings.body_abbr,
            show_place_date=False,
            numbered=False,
        ),
        title=Title("Kịch bản điều hành", m.title, details=note),
        body=body,
        settings=settings.page,
        pdf_title=f"KỊCH BẢN ĐIỀU HÀNH {m.title}",
    )


def script_pdf(db: Database, meeting_id: int, *, today: date | None = None) -> bytes:
    """The running script's PDF bytes."""
    document = build_script(db, meeting_id, today=today)
    try:
        return render_built(document)
    except LayoutError:
        raise BcdError(
            tr(
                "Không dàn trang được kịch bản điều hành: có một đoạn văn hoặc một ô bảng dài "
                "hơn một trang; hãy rút gọn nội dung của cuộc họp."
            )
        ) from None


def script_file_name(meeting_id: int, starts_at: datetime) -> str:
    """``kich-ban-dieu-hanh-2027-01-08-14.pdf``: ASCII, as the documents' file names are."""
    return f"kich-ban-dieu-hanh-{starts_at:%Y-%m-%d}-{meeting_id}.pdf"


def export_script(
    db: Database,
    meeting_id: int,
    path: str | Path,
    *,
    today: date | None = None,
) -> Path:
    """Write the running script to ``path`` (never the database nor a protected folder:
    :func:`..core.db.output_path`), through a temporary file renamed into place."""
    target = output_path(path, db)
    data = script_pdf(db, meeting_id, today=today)
    return write_atomic(target, data)
