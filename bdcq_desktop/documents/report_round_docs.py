"""``reports-summary``: how the units complied with the reporting regime in one round.

A summary report (template 1.4, ``BÁO CÁO``) of the secretariat to the committee's leaders:
counts, then the units that reported on time, late (with days late), and not at all, those the
committee excused (miễn nộp, with the reason: counted apart, outside those that must report),
and the secretariat's proposals. Statuses are those on the document's date (its issue date, or today
for a draft), by the core's one rule (:func:`bdcq_desktop.core.models.submission_on`), so the
document agrees with the lists and the overview of that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import joinedload, selectinload

from ..core.db import Database
from ..core.i18n import tr
from ..core.models import ReportingRound, Submission, SubmissionStatus, submission_on
from ..core.standing_agency import standing_agency_of
from ..core.text import count_text, fold
from .blocks import Block, Bullets, Heading, Para, Title
from .data_tables import Column, DataTable
from .dated import dated
from .kinds import BuildContext, document_kind, require
from .layout import Document
from .notices import notice_of_conclusion
from .other_docs import (
    HeadedTable,
    committee_signature,
    committee_signing,
    header_for,
    page_for,
    percent,
    recipients_for,
    short,
    strip_end,
    today_of,
    unit_key,
)
from .text import format_date, lower_first, nfc


@dataclass(frozen=True)
class _Sub:
    unit: str
    key: tuple[int, object]
    received_on: dt.date | None
    number: str
    status: SubmissionStatus
    days_late: int
    waived_on: dt.date | None = None  # when waived (by the document's date)
    reason: str = ""


def _round_subject(title: str) -> str:
    """``Báo cáo tình hình …`` → ``tình hình …`` (the summary already says it is a report)."""
    text = strip_end(nfc(title))
    if text.casefold().startswith("báo cáo "):
        text = text[len("báo cáo ") :]
    return lower_first(text)


def _load_round(db: Database, round_id: int | None) -> ReportingRound:
    with db.session() as s:
        r = (
            s.get(
                ReportingRound,
                round_id,
                options=[
                    joinedload(ReportingRound.regime),
                    selectinload(ReportingRound.submissions).joinedload(Submission.unit),
                ],
            )
            if round_id is not None
            else None
        )
        require(r, tr("đợt báo cáo"), round_id)
        assert r is not None
        s.expunge_all()  # plain, fully loaded objects: read after the session closes
        return r


# A reference that carries its own date ("… ngày 16/07/2026"): the day asked is not added.
_DATED = re.compile(r"\bngay\b|\d{1,2}/\d{1,2}/\d{2,4}")


def _round_title(r: ReportingRound) -> str:
    if r.regime_id is None:  # a one-off request: there is no regime ("chế độ") to carry out
        return f"Tình hình gửi báo cáo {_round_subject(r.title)}"
    return f"Tình hình thực hiện chế độ báo cáo {_round_subject(r.title)}"


def _request_basis(r: ReportingRound) -> str:
    """What an ad hoc round carries out, as a secretariat writes it: "yêu cầu của Ban Chỉ đạo
    ngày 20 tháng 11 năm 2026 về báo cáo nhanh …", or the request's reference in its place
    ("Công văn số 12/BCĐ ngày …"); the day asked is printed unless the reference has one."""
    reference = strip_end(nfc(r.request_reference or ""))
    basis = reference or "yêu cầu của Ban Chỉ đạo"
    if r.requested_on is not None and not _DATED.search(fold(reference)):
        basis += f" {format_date(r.requested_on)}"
    return f"{basis} về {lower_first(strip_end(nfc(r.title)))}"


def _round_summary(db: Database, round_id: int | None) -> str:
    return _round_title(_load_round(db, round_id))


def _subs(r: ReportingRound, today: dt.date) -> list[_Sub]:
    out = []
    for sub in r.submissions:
        # A report received after the document's date had not arrived on it: a summary dated
        # back (one issued on paper earlier, registered now) says what was known that day.
        st, received, days_late = submission_on(
            sub.received_on, r.due_date, today, sub.waived_on
        )
        waived = st == SubmissionStatus.WAIVED
        out.append(
            _Sub(
                unit=nfc(sub.unit.name),
                key=unit_key(sub.unit.sort_order, sub.unit.name),
                received_on=received,
                number=nfc(sub.document_number or "") if received else "",
                status=st,
                days_late=days_late,
                waived_on=sub.waived_on if waived else None,
                reason=nfc(strip_end(sub.waived_reason or "")) if waived else "",
            )
        )
    return sorted(out, key=lambda x: x.key)


def regime_phrase(name: str) -> str:
    """A reporting regime as what is carried out: "Báo cáo công tác …" → "chế độ báo cáo công
    tác …" (its name is a report's title, capitalised)."""
    name = strip_end(name)
    if fold(name).startswith("che do "):
        return name[:1].lower() + name[1:]
    return "chế độ " + name[:1].lower() + name[1:]


def _submission_section(
    head: list[Block],
    number: str,
    heading: str,
    subs: list[_Sub],
    columns: list[Column],
    row: Callable[[int, _Sub], tuple[str, ...]],
) -> list[Block]:
    """``head`` (the numbered heading, and the section heading before the first one) glued to
    the table of ``subs``, or to a sentence when there are none."""
    head = [*head, Heading(f"{heading} ({count_text(len(subs))} đơn vị)", level=2, label=number)]
    if subs:
        table = DataTable(columns, [row(i, x) for i, x in enumerate(subs, 1)])
        return [HeadedTable(head, table)]
    return [*head, Para("Không có cơ quan, đơn vị nào.")]


@document_kind(
    "reports-summary", "round", _round_summary, signing=committee_signing
)
def build_reports_summary(db: Database, record_id: int | None, ctx: BuildContext) -> Document:
    r = _load_round(db, record_id)
    today = today_of(ctx)
    ctx = dated(db, ctx, today)
    subs = _subs(r, today)
    by = {st: [x for x in subs if x.status == st] for st in SubmissionStatus}
    on_time, late = by[SubmissionStatus.ON_TIME], by[SubmissionStatus.LATE]
    missing, not_due = by[SubmissionStatus.MISSING], by[SubmissionStatus.NOT_DUE]
    waived = by[SubmissionStatus.WAIVED]
    owed = len(subs) - len(waived)  # the units that must report: not those excused

    # A round asking for reports on a meeting's conclusions cites the notice the register holds
    # (a reference typed on the round may be mistyped); else what the round says.
    notice = None
    if r.conclusion_id is not None:
        with db.session() as s:
            notice = notice_of_conclusion(s, r.conclusion_id)
    basis = strip_end(nfc(notice or r.request_reference or ""))
    if r.regime is None and not notice:
        basis = _request_basis(r)
    elif not basis and r.regime is not None:
        basis = regime_phrase(nfc(r.regime.name))
    period = strip_end(nfc(r.period_label))
    # "(kỳ báo cáo: Theo Thông báo số 04/TB-BCĐ)" after "Thực hiện Thông báo số 04/TB-BCĐ…"
    # would say it twice; an ad hoc request has no period ("Đột xuất") to name.
    said = r.regime is None or fold(period).removeprefix("theo ").strip() in fold(basis)
    opening = (
        f"Thực hiện {basis}{'' if said else f' (kỳ báo cáo: {period})'}, hạn gửi báo "
        f"cáo {format_date(r.due_date)}; Văn phòng Ban Chỉ đạo tổng hợp tình hình gửi báo cáo "
        f"của các cơ quan, đơn vị tính đến {format_date(today)} như sau:"
    )
    body: list[Block] = [Para(opening), Heading("Tình hình chung", level=1, label="I")]
    if not subs:
        body.append(Para("Đợt báo cáo chưa có cơ quan, đơn vị nào được yêu cầu báo cáo."))
    else:
        sent = len(on_time) + len(late)
        asked = " (không kể đơn vị được miễn nộp)" if waived else ""
        items = [
            f"Số cơ quan, đơn vị phải báo cáo: {count_text(owed)}{asked};",
            f"Đã gửi báo cáo: {count_text(sent)} ({percent(sent, owed)}), trong đó đúng hạn "
            f"{count_text(len(on_time))}, muộn {count_text(len(late))};",
            f"Quá hạn chưa gửi báo cáo: {count_text(len(missing))};",
        ]
        if not_due:
            items.append(f"Chưa đến hạn, chưa gửi báo cáo: {count_text(len(not_due))};")
        if waived:
            items.append(f"Miễn nộp: {count_text(len(waived))};")
        items[-1] = items[-1].rstrip(";") + "."
        body.append(Bullets(items))
        unit_col = Column("Cơ quan, đơn vị", 0.45)
        body += _submission_section(
            [Heading("Chi tiết theo cơ quan, đơn vị", level=1, label="II")],
            "1",
            "Gửi báo cáo đúng hạn",
            on_time,
            [
                Column("TT", 0.07, "center"),
                unit_col,
                Column("Ngày nhận", 0.16, "center", unbroken=True),
                Column("Số, ký hiệu văn bản", 0.32, "center"),
            ],
            lambda i, x: (str(i), x.unit, short(x.received_on), x.number),
        )
        body += _submission_section(
            [],
            "2",
            "Gửi báo cáo muộn",
            late,
            [
                Column("TT", 0.07, "center"),
                Column("Cơ quan, đơn vị", 0.40),
                Column("Ngày nhận", 0.16, "center", unbroken=True),
                Column("Số ngày muộn", 0.12, "center"),
                Column("Số, ký hiệu văn bản", 0.25, "center"),
            ],
            lambda i, x: (str(i), x.unit, short(x.received_on), count_text(x.days_late), x.number),
        )
        body += _submission_section(
            [],
            "3",
            "Quá hạn, chưa gửi báo cáo",  # its count follows in brackets: one pair only
            missing,
            [
                Column("TT", 0.07, "center"),
                unit_col,
                Column("Số ngày quá hạn", 0.18, "center"),
                Column("Ghi chú", 0.30),
            ],
            lambda i, x: (str(i), x.unit, count_text(x.days_late), ""),
        )
        if not_due:
            body += _submission_section(
                [],
                "4",
                "Chưa đến hạn, chưa gửi báo cáo",
                not_due,
                [Column("TT", 0.07, "center"), unit_col, Column("Ghi chú", 0.48)],
                lambda i, x: (str(i), x.unit, ""),
            )
        if waived:
            body += _submission_section(
                [],
                str(5 if not_due else 4),
                "Miễn nộp báo cáo",
                waived,
                [
                    Column("TT", 0.07, "center"),
                    Column("Cơ quan, đơn vị", 0.35),
                    Column("Ngày miễn nộp", 0.16, "center", unbroken=True),
                    Column("Lý do", 0.42),
                ],
                lambda i, x: (str(i), x.unit, short(x.waived_on), x.reason),
            )
    body.append(Heading("Kiến nghị", level=1, label="III"))
    # "All reported on time" only of units that owed a report: none when all were excused.
    owing = [x for x in subs if x.status != SubmissionStatus.WAIVED]
    body.append(_reports_proposal(db, today, missing, late, not_due, owing))
    return Document(
        header=header_for(ctx),
        title=Title("Báo cáo", _round_title(r)),
        body=body,
        signatures=[committee_signature(db, ctx)],
        recipients=recipients_for(ctx),
        settings=page_for(ctx),
        keywords=["reports-summary", f"round:{r.id}"],
    )


def _reports_proposal(
    db: Database,
    today: dt.date,
    missing: list[_Sub],
    late: list[_Sub],
    not_due: list[_Sub],
    subs: list[_Sub],
) -> Para:
    agency = nfc(standing_agency_of(db, today)[0])  # the agency of the report's date
    via = f" (qua {agency})" if agency else ""
    parts: list[str] = []
    if missing:
        parts.append(
            f"Đề nghị {count_text(len(missing))} cơ quan, đơn vị chưa gửi báo cáo khẩn trương "
            f"hoàn thành, gửi báo cáo về Ban Chỉ đạo{via}."
        )
    if late:
        parts.append(
            "Đề nghị các cơ quan, đơn vị gửi báo cáo muộn chấn chỉnh, bảo đảm thời hạn báo cáo "
            "theo quy định."
        )
    if not_due:
        parts.append(
            f"Đề nghị các cơ quan, đơn vị chưa gửi báo cáo gửi đúng hạn về Ban Chỉ đạo{via}."
        )
    if not parts:
        parts.append(
            "Tất cả các cơ quan, đơn vị đã gửi báo cáo đúng hạn; Văn phòng Ban Chỉ đạo không "
            "có kiến nghị thêm."
            if subs
            else "Văn phòng Ban Chỉ đạo không có kiến nghị."
        )
    return Para(" ".join(parts), closing=True)
