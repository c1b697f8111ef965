"""The period a tasks report speaks for (a quarter, six months, a year, or any two dates), and
which tasks belong to it.

A chair asks "how did the tasks go this quarter", not "every task since the committee began":
a task belongs to a period when it was given in it, fell due in it or was finished in it, or is
still open at its end (overdue or under way: what is left to chase). Pure date arithmetic, no
database: the report (:mod:`bdcq_desktop.documents.report_tasks_docs`), ``bdcq export tasks``
and the document dialog all read the period from here, so they agree on what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .errors import ValidationError
from .i18n import tr
from .models import Frequency
from .report_periods import ROMAN, period


@dataclass(frozen=True)
class TaskPeriod:
    start: date
    end: date
    # As the report's title continues its summary: "quý IV năm 2026", "6 tháng đầu năm 2026",
    # "năm 2026", "từ ngày 01/10/2026 đến ngày 15/11/2026".
    label: str
    # What the user gave it by ("year", "quarter", "half", "start": the two dates), so a
    # refusal names that field as the CLI's help and the dialog name it, not always "Từ ngày".
    given_by: str = "start"

    def holds(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def takes(
        self,
        given: date | None,
        deadline: date | None,
        completed_on: date | None,
        open_at_end: bool,
    ) -> bool:
        """Whether a task is the period's: given, due or finished in it, or still open (under
        way or overdue) at its end."""
        return open_at_end or self.holds(given) or self.holds(deadline) or self.holds(completed_on)


def quarter(year: int, number: int) -> TaskPeriod:
    if not 1 <= number <= 4:
        raise ValidationError("quarter", tr("Quý phải từ 1 đến 4."), label=tr("Quý"))
    p = period(Frequency.QUARTERLY, year, number)
    return TaskPeriod(
        p.start, p.end, tr("quý {n} năm {year}").format(n=ROMAN[number - 1], year=year),
        "quarter",
    )  # fmt: skip


def half(year: int, number: int) -> TaskPeriod:
    if number not in (1, 2):
        raise ValidationError("half", tr("Nửa năm phải là 1 (đầu năm) hoặc 2 (cuối năm)."),
                              label=tr("Nửa năm"))  # fmt: skip
    p = period(Frequency.SIX_MONTHLY, year, number)
    which = tr("đầu") if number == 1 else tr("cuối")
    return TaskPeriod(
        p.start, p.end, tr("6 tháng {which} năm {year}").format(which=which, year=year), "half"
    )


def whole_year(year: int) -> TaskPeriod:
    return TaskPeriod(
        date(year, 1, 1), date(year, 12, 31), tr("năm {year}").format(year=year), "year"
    )


def between(start: date | None, end: date | None) -> TaskPeriod:
    """Any two dates, both required and in order; a span that is exactly a quarter, a half or a
    year is named as one (the title then reads as the chair expects it)."""
    if start is None:
        raise ValidationError("start", tr("Chưa nhập ngày bắt đầu kỳ báo cáo."),
                              label=tr("Từ ngày"))  # fmt: skip
    if end is None:
        raise ValidationError("end", tr("Chưa nhập ngày kết thúc kỳ báo cáo."),
                              label=tr("Đến ngày"))  # fmt: skip
    if end < start:
        raise ValidationError(
            "end",
            tr("Ngày kết thúc kỳ báo cáo ({end}) trước ngày bắt đầu ({start}).").format(
                end=f"{end:%d/%m/%Y}", start=f"{start:%d/%m/%Y}"
            ),
            label=tr("Đến ngày"),
        )
    for named in _named_in(start.year):
        if (named.start, named.end) == (start, end):
            # Titled as the quarter it is, but typed as two dates: a refusal says "Từ ngày".
            return replace(named, given_by="start")
    return TaskPeriod(
        start,
        end,
        tr("từ ngày {start} đến ngày {end}").format(
            start=f"{start:%d/%m/%Y}", end=f"{end:%d/%m/%Y}"
        ),
    )


def _named_in(year: int) -> list[TaskPeriod]:
    return [
        *(quarter(year, n) for n in range(1, 5)),
        half(year, 1),
        half(year, 2),
        whole_year(year),
    ]


def quarter_of(day: date) -> TaskPeriod:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def previous_quarter(day: date) -> TaskPeriod:
    q = (day.month - 1) // 3 + 1
    return quarter(day.year, q - 1) if q > 1 else quarter(day.year - 1, 4)


def half_of(day: date) -> TaskPeriod:
    return half(day.year, 1 if day.month <= 6 else 2)


def as_of(p: TaskPeriod, day: date) -> date:
    """The day a report dated ``day`` counts the period's tasks on: its end, or ``day`` when the
    period is not over (a quarter reported before it ends is "tính đến" the report's date).
    A period not begun by then has nothing to report: refused, naming the field the user gave
    it by (``--year 2027``: "Năm", not "Từ ngày", which they never typed)."""
    if p.start > day:
        raise ValidationError(
            p.given_by,
            tr("Kỳ báo cáo bắt đầu ngày {start}, sau ngày của báo cáo ({day}).").format(
                start=f"{p.start:%d/%m/%Y}", day=f"{day:%d/%m/%Y}"
            ),
            label=_given_by_label(p.given_by),
        )
    return min(p.end, day)


def not_begun(p: TaskPeriod, day: date) -> str:
    """What a list of ``p``'s tasks says on ``day`` when the period has not begun by then (""
    when it has): it has no tasks yet. Not the report's refusal (:func:`as_of`), which speaks
    of a report dated before its period; a list of it is simply empty, and says why."""
    if p.start <= day:
        return ""
    start = f"{p.start:%d/%m/%Y}"
    if start in p.label:  # "từ ngày 05/01/2027 đến ngày …": its first day said already
        return tr("Kỳ {period} chưa bắt đầu: chưa có nhiệm vụ nào.").format(period=p.label)
    return tr("Kỳ {period} chưa bắt đầu (bắt đầu từ ngày {start}): chưa có nhiệm vụ nào.").format(
        period=p.label, start=start
    )


def _given_by_label(given_by: str) -> str:
    """The field's name as the CLI's help and the document dialog say it."""
    labels = {"year": tr("Năm"), "quarter": tr("Quý"), "half": tr("6 tháng")}
    return labels.get(given_by, tr("Từ ngày"))


@dataclass(frozen=True)
class ListedTasks:
    """The tasks a list shows (Báo cáo › Nhiệm vụ with its unit, status and search), for a
    report of exactly those: their ids, and what the list was narrowed by, as the report's
    title says it ("Sở Nội vụ; tình trạng: Quá hạn")."""

    ids: frozenset[int]
    label: str
