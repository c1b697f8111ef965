"""``reminder`` (văn bản đôn đốc): what one unit, or every unit, has let run past its date.

A notice (``THÔNG BÁO``, template 1.4 family) of the committee asking the units to send the
reports past their due date and to finish the tasks past their deadline: for one unit, its
overdue reports (round, period, due date, days late) and tasks (content, source, deadline, days
overdue: an extended one's deadline in force with the one given beside it, the tasks report's
cell, :func:`..core.task_events.deadline_cell`); for all units, the same per unit under a
numbered heading, then per person of no unit with overdue tasks ("Đồng chí …": only this
document can chase them, a unit's reminder is addressed to the unit), and a paragraph saying
how many overdue items of units retired with no successor it leaves out and why, so that its
figures add up to the tasks report's and the reports summaries'. What is overdue is decided
on the document's date (its issue date, or today for a draft) by :mod:`..core.chase`, so the
document agrees with the "Đôn đốc" page. A reminder is issued at most once a day per unit (and
once a day for all units): chasing again next month is a new document.

It chases what fell due within the window (:mod:`..core.chase_window`): the one stored for the
office (the Đôn đốc page's), or the ``since`` option (a date, or ``"all"``: ``bdcq export
reminder --since``), and says so in its text ("các báo cáo, nhiệm vụ có hạn từ ngày … đến
nay"); a window relative to the day ("12 tháng qua") is read on the document's date.
"""

from __future__ import annotations

from datetime import date

from ..core.chase import (
    ChaseOverview,
    ChaseUnit,
    chase_list,
    chase_overview,
    left_out_text,
    unit_name,
)
from ..core.chase_window import get_window, window_start
from ..core.db import Database
from ..core.errors import NotReadyError
from ..core.i18n import tr
from ..core.standing_agency import standing_agency_of
from ..core.task_events import NO_FACTS, deadline_cell, read_acts
from ..core.text import count_text
from .blocks import Block, Heading, Para, Title
from .closing import Recipients
from .data_tables import Column, DataTable
from .dated import dated
from .kinds import BuildContext, document_kind
from .layout import Document
from .notices import task_sources
from .other_docs import (
    HeadedTable,
    committee_signature,
    committee_signing,
    header_for,
    page_for,
    short,
    strip_end,
    today_of,
)
from .text import format_date, nfc

_REPORT_COLUMNS = [
    Column("TT", 0.07, "center"),
    Column("Báo cáo", 0.43),
    Column("Kỳ báo cáo", 0.22, "center"),
    Column("Hạn gửi", 0.14, "center", unbroken=True),
    Column("Số ngày quá hạn", 0.14, "center"),
]
_TASK_COLUMNS = [
    Column("TT", 0.07, "center"),
    Column("Nội dung nhiệm vụ", 0.40),
    Column("Nguồn giao", 0.21),
    # An extended deadline has the one given beside it: "02/11/2026 (gia hạn; hạn ban đầu
    # 02/10/2026)", room for its last date on a line, never cut in two.
    Column("Thời hạn", 0.18, "center", unbroken=True),
    Column("Số ngày quá hạn", 0.14, "center"),
]


def _what(units: list[ChaseUnit]) -> str:
    """``gửi báo cáo``, ``thực hiện nhiệm vụ``, or both: what the units are late with."""
    parts = []
    if any(u.reports for u in units):
        parts.append("gửi báo cáo")
    if any(u.tasks for u in units):
        parts.append("thực hiện nhiệm vụ")
    return " và ".join(parts) or "gửi báo cáo và thực hiện nhiệm vụ"


def _title(name: str | None, units: list[ChaseUnit]) -> str:
    who = f" {nfc(name)}" if name else ""
    return f"Đôn đốc{who} {_what(units)} quá hạn"


def _since(db: Database, ctx: BuildContext | None, day: date) -> date | None:
    """The window's first due date: the ``since`` option (a date, or "all"), else the
    office's stored window, read on ``day``."""
    chosen = ctx.options.get("since") if ctx is not None else None
    if isinstance(chosen, date):
        return chosen
    return window_start(chosen or get_window(db), day)


def _summary(db: Database, record_id: int | None) -> str:
    # The register's summary, read when the number is taken (the date of issue is today or
    # tomorrow: what is overdue differs by a day at most), within the office's window.
    name = unit_name(db, record_id) if record_id is not None else None
    return _title(name, chase_list(db, unit_id=record_id, since=_since(db, None, date.today())))


def _scope(since: date | None, today: date) -> str:
    """How the opening names what was followed: the window's due dates, or all of them."""
    if since is None:
        return f"qua theo dõi, tính đến {format_date(today)}"
    return (
        f"qua theo dõi các báo cáo, nhiệm vụ có hạn từ {format_date(since)} "
        f"đến {format_date(today)}"
    )


def _report_rows(unit: ChaseUnit) -> list[tuple[str, ...]]:
    return [
        (
            str(i),
            nfc(strip_end(r.round_title)),
            nfc(r.period_label),
            short(r.due_date),
            count_text(r.days_late),
        )
        for i, r in enumerate(unit.reports, 1)
    ]


def _task_rows(
    unit: ChaseUnit, sources: dict[int, str], deadlines: dict[int, str]
) -> list[tuple[str, ...]]:
    # The source as the tasks report of the day names it (notices.task_source: the conclusions
    # notice the unit received), then the handover notes of the chase list; the deadline as
    # that report's cell has it (an extended one with the deadline as given beside).
    return [
        (
            str(i),
            nfc(strip_end(t.content)),
            nfc("; ".join(n for n in (sources.get(t.task_id, t.source), t.note) if n)),
            deadlines.get(t.task_id) or short(t.deadline),
            count_text(t.days_overdue),
        )
        for i, t in enumerate(unit.tasks, 1)
    ]


def _counts_text(unit: ChaseUnit) -> str:
    parts = []
    if unit.reports:
        parts.append(f"{count_text(len(unit.reports))} báo cáo chưa gửi")
    if unit.tasks:
        parts.append(f"{count_text(len(unit.tasks))} nhiệm vụ chưa hoàn thành")
    return " và ".join(parts)


def _unit_sections(
    unit: ChaseUnit,
    level: int,
    head: list[Block],
    sources: dict[int, str],
    deadlines: dict[int, str],
) -> list[Block]:
    """The unit's two tables, each behind its heading (``head`` glued before the first)."""
    blocks: list[Block] = []
    sections = [
        ("Báo cáo quá hạn chưa gửi", _REPORT_COLUMNS, _report_rows(unit)),
        ("Nhiệm vụ quá hạn chưa hoàn thành", _TASK_COLUMNS, _task_rows(unit, sources, deadlines)),
    ]
    shown = [(title, cols, rows) for title, cols, rows in sections if rows]
    # Numbered (I, II; a, b) only when the unit has both kinds of arrears: a lone "I." with no
    # "II." after it is a numbering slip in an official document.
    labels = (None,) if len(shown) < 2 else ("I", "II") if level == 1 else ("a", "b")
    for n, (title, cols, rows) in enumerate(shown):
        heading = Heading(title, level=1 if level == 1 else 3, label=labels[n])
        blocks.append(HeadedTable([*head, heading], DataTable(cols, rows, valign="top")))
        head = []
    return blocks


def _whom(units: list[ChaseUnit]) -> tuple[str, str]:
    """How the all-units reminder names those it chases: counted ("20 cơ quan, đơn vị và 1 cá
    nhân") and in the closing ("các cơ quan, đơn vị, cá nhân")."""
    people = sum(u.unit_id is None for u in units)
    counted = [f"{count_text(len(units) - people)} cơ quan, đơn vị"] if len(units) > people else []
    if people:
        counted.append(f"{count_text(people)} cá nhân")
    closing = "các cơ quan, đơn vị, cá nhân" if people else "các cơ quan, đơn vị"
    return " và ".join(counted), closing


def _closing(who: str, via: str, units: list[ChaseUnit], *, named_above: bool = False) -> Para:
    """The request that ends the notice. ``named_above``: ``who`` already says "nêu trên"
    (the units listed), so the items are named by what they are rather than by a second
    "nêu trên" in the same sentence."""
    reports = any(u.reports for u in units)
    tasks = any(u.tasks for u in units)
    if named_above:
        sent, done = "các báo cáo còn thiếu", "các nhiệm vụ quá hạn"
    elif reports and tasks:
        sent, done = "các báo cáo", "các nhiệm vụ nêu trên"  # one "nêu trên" for both
    else:
        sent, done = "các báo cáo nêu trên", "các nhiệm vụ nêu trên"
    if reports and tasks:
        ask = f"khẩn trương gửi {sent}, hoàn thành {done} và báo cáo kết quả"
    elif reports:
        ask = f"khẩn trương gửi {sent}"
    else:
        ask = f"khẩn trương hoàn thành {done} và báo cáo kết quả"
    return Para(f"Ban Chỉ đạo đề nghị {who} {ask} về Ban Chỉ đạo{via}.", closing=True)


def _left_out(overview: ChaseOverview) -> Para | None:
    """What the all-units notice does not chase and why: the arrears of units retired with no
    successor, which the committee has yet to hand over (tasks) or excuse (reports, tasks)."""
    text = left_out_text(overview)
    if not text:
        return None
    steps = []
    if overview.reports_left_out:
        steps.append("miễn nộp các báo cáo")
    if overview.tasks_left_out:
        steps.append("giao đơn vị khác tiếp nhận hoặc cho dừng thực hiện các nhiệm vụ")
    return Para(
        f"Ngoài ra, còn {nfc(text)}; Ban Chỉ đạo sẽ xem xét {', '.join(steps)} này, nên "
        "không đôn đốc tại Thông báo này."
    )


@document_kind(
    "reminder",
    "unit",
    _summary,
    per_day=True,
    all_records=True,
    signing=committee_signing,
    options=("since",),
)
def build_reminder(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    today = today_of(ctx)
    since = _since(db, ctx, today)
    ctx = dated(db, ctx, today)
    overview = chase_overview(db, unit_id=record_id, today=today, since=since)
    units = overview.units
    if not units:
        whom = nfc(unit_name(db, record_id)) if record_id is not None else ""
        within = (
            tr(" có hạn từ ngày {since}").format(since=short(since)) if since is not None else ""
        )
        raise NotReadyError(
            tr("{unit} không có báo cáo hay nhiệm vụ nào quá hạn{within}.").format(
                unit=whom, within=within
            )
            if whom
            else tr("Không có cơ quan, đơn vị nào có báo cáo hay nhiệm vụ quá hạn{within}.").format(
                within=within
            )
        )
    ids = [t.task_id for u in units for t in u.tasks]
    with db.session() as s:
        sources = task_sources(s, ids, today)
        # The extensions dated by the reminder's date: the deadline chased beside the one given.
        acts = read_acts(s.connection(), ids).facts_on(today)
    deadlines = {
        t.task_id: deadline_cell(t.deadline, acts.get(t.task_id, NO_FACTS))
        for u in units
        for t in u.tasks
    }
    agency = nfc(standing_agency_of(db, today)[0])  # the agency of the reminder's date
    via = f" (qua {agency})" if agency else ""
    basis = (
        "Thực hiện chế độ báo cáo và các nhiệm vụ Ban Chỉ đạo giao tại các cuộc họp, thông báo "
        f"kết luận; {_scope(since, today)}"
    )
    body: list[Block] = []
    if record_id is not None:
        unit = units[0]
        name = nfc(unit.unit)
        body.append(Para(f"{basis}, {name} còn {_counts_text(unit)} đã quá hạn, cụ thể như sau:"))
        body += _unit_sections(unit, 1, [], sources, deadlines)
        body.append(_closing(name, via, units))
        recipients = [name, *ctx.settings.recipients_for(ctx.kind)]
    else:
        # The units' counts summed ("0 nhiệm vụ" left out, as for one unit).
        reports = tuple(r for u in units for r in u.reports)
        tasks = tuple(t for u in units for t in u.tasks)
        counts = _counts_text(ChaseUnit(0, "", reports, tasks))
        counted, whom = _whom(units)
        body.append(Para(f"{basis}, {counted} còn {counts} đã quá hạn, cụ thể như sau:"))
        for i, unit in enumerate(units, 1):
            head = Heading(f"{nfc(unit.unit)} ({_counts_text(unit)})", level=2, label=str(i))
            body += _unit_sections(unit, 2, [head], sources, deadlines)
        left_out = _left_out(overview)
        if left_out is not None:
            # Said, so that the figures add up to the tasks report's and the summaries'.
            body.append(left_out)
        body.append(_closing(f"{whom} nêu trên", via, units, named_above=True))
        recipients = [f"{whom[0].upper()}{whom[1:]} có tên trên"]
        recipients += ctx.settings.recipients_for(ctx.kind)
    return Document(
        header=header_for(ctx),
        title=Title("Thông báo", _title(units[0].unit if record_id is not None else None, units)),
        body=body,
        signatures=[committee_signature(db, ctx)],
        recipients=Recipients(recipients, archive=f"VT, {ctx.settings.body_abbr}"),
        settings=page_for(ctx),
        keywords=["reminder", f"unit:{record_id if record_id is not None else 'all'}"],
    )
