"""Papers on the table at a meeting: the agenda and the attendance sheet.

- ``agenda`` — Chương trình: times computed from the start and each item's planned minutes;
- ``attendance`` — Danh sách đại biểu, the sheet signed by hand at the meeting (landscape when
  long positions would not fit in portrait).
"""

from __future__ import annotations

from datetime import datetime

from ..core.agenda import schedule
from ..core.db import Database
from ..core.errors import NotReadyError
from ..core.i18n import tr
from ..core.labels import label
from ..core.models import AttendanceStatus
from ..core.text import time_text
from ..core.wording import meeting_phrase, mid_sentence
from . import fonts
from .blocks import Block, Labelled, Span, Title
from .data_tables import Column, DataTable
from .issue_dates import at_meeting, before_meeting
from .kinds import BuildContext, document_kind
from .layout import Document
from .meeting_data import MeetingData, load_meeting
from .meeting_docs import (
    chair_text,
    closing_of,
    grouped,
    header_of,
    meeting_signing,
    of_its_day,
    people_table,
    refuse_cancelled,
    summary_of,
    when_text,
)
from .meeting_person import Person, position_without_unit
from .replaces import ending_with, replaces_text
from .text import text_width

# --- agenda -----------------------------------------------------------------------------------


def agenda_rows(m: MeetingData) -> list[tuple[str, str, str]]:
    """(time, content, presenter) with times running on from the start by planned minutes.

    The times are the record's (:func:`..core.agenda.schedule`, as the meeting's pane and
    ``bdcq meetings show`` give them): an item without planned minutes prints its start only,
    and the items after it print none, since nobody knows when it ends. Times are written as
    in every other document (``08 giờ 00 phút``, :func:`time_text`); a span breaks after its
    dash, so both ends keep whole in the narrow time column."""
    rows = []
    times = schedule(m.starts_at, [item.planned_minutes for item in m.agenda])
    for item, (start, end) in zip(m.agenda, times, strict=True):
        presenter = item.presenter_long or _unnamed_presenter(m, item.title)
        rows.append((time_cell(start, end), item.title, presenter))
    return rows


def agenda_table(rows: list[tuple[str, str, str]]) -> DataTable:
    """The agenda's table; with no presenter on any item, no "Thực hiện" column: a third of
    the page left empty beside it wrapped each item to four lines (a 30-item agenda ran to
    four pages). One named presenter keeps the column, the others' cells left to fill by hand."""
    if any(presenter for _time, _content, presenter in rows):
        columns = [
            Column("Thời gian", 0.2, "center"),
            Column("Nội dung", 0.45),
            Column("Thực hiện", 0.35),
        ]
        return DataTable(columns, rows, valign="top")
    columns = [Column("Thời gian", 0.2, "center"), Column("Nội dung", 0.8)]
    return DataTable(columns, [(time, content) for time, content, _ in rows], valign="top")


def time_cell(start: datetime | None, end: datetime | None) -> str:
    """A step's time as the agenda's time column prints it: nothing when not known, the
    start alone when its end is not, else the span, broken after its dash."""
    if start is None:
        return ""
    if end is None:
        return time_text(start.time())
    return f"{time_text(start.time())} -\n{time_text(end.time())}"


# Items nobody is named for: the chair opens, concludes and closes the meeting; the delegates
# discuss. Any other item (a report whose presenter is not yet known) prints an empty cell
# the officer fills by hand, not "the delegates", which would have everyone present a report.
CHAIR_LED = ("khai mạc", "kết luận", "bế mạc")
DELEGATES = ("thảo luận", "ý kiến")


def _unnamed_presenter(m: MeetingData, title: str) -> str:
    start = " ".join(title.split()).casefold()
    if start.startswith(CHAIR_LED):
        return chair_text(m)
    return "Các đại biểu dự họp" if start.startswith(DELEGATES) else ""


@document_kind(
    "agenda",
    "meeting",
    summary_of("Chương trình"),
    check_date=before_meeting,
    signing=meeting_signing,
)
def build_agenda(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    ctx = of_its_day(db, ctx)
    refuse_cancelled(m, "chương trình")
    if not m.agenda:
        raise NotReadyError(tr("Cuộc họp chưa có chương trình (nội dung)."))
    note = f"(Thời gian: {when_text(m.starts_at)}"
    note += f"; địa điểm: {m.place.rstrip('.')})" if m.place else ")"
    body: list[Block] = []
    if m.chair:
        body.append(Labelled("Chủ trì", chair_text(m) + "."))
    body.append(agenda_table(agenda_rows(m)))
    # A corrected agenda names the one it replaces (issued, then superseded by a change).
    body = ending_with(body, replaces_text(db, ctx.kind, "meeting", m.id, "Chương trình"))
    signatures, recipients = closing_of(db, ctx, m)
    return Document(
        header=header_of(ctx),
        title=Title("Chương trình", m.title, details=note),
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
    elif p.attendance == AttendanceStatus.ONLINE:
        # Joined over the network: nobody signs for them on the sheet.
        sign = [Span("Dự trực tuyến", italic=True)]
    elif p.attendance == AttendanceStatus.ABSENT:
        reason = f": {mid_sentence(p.absence_reason)}" if p.absence_reason else ""
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


@document_kind(
    "attendance",
    "meeting",
    summary_of("Danh sách đại biểu"),
    check_date=at_meeting,
    signing=meeting_signing,
)
def build_attendance(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    m = load_meeting(db, record_id)
    ctx = of_its_day(db, ctx)
    refuse_cancelled(m, "danh sách đại biểu")
    people = m.delegates or m.members(db)
    if not people:
        raise NotReadyError(tr("Cuộc họp chưa có danh sách đại biểu."))
    note = f"({when_text(m.starts_at)}"
    note += f", tại {m.place.rstrip('.')})" if m.place else ")"
    table = people_table(people, list(ATTENDANCE_COLUMNS), attendance_row, min_row_height_mm=12)
    signatures, recipients = closing_of(db, ctx, m)
    page = ctx.settings.page.oriented(_needs_landscape(people, ctx))
    return Document(
        header=header_of(ctx),
        title=Title("Danh sách đại biểu", f"Dự {meeting_phrase(m.title, m.kind)}", details=note),
        body=[table],
        signatures=signatures,
        recipients=recipients,
        settings=page,
        keywords=[label(c) for c, _ in grouped(people)],
    )
