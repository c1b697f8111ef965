"""The document dialog's "Kỳ báo cáo" for a kind that takes a period (the tasks report,
:mod:`...core.task_period`): the quarters, halves and years around the document's date, every
task given by then, or the tasks the list of Báo cáo › Nhiệm vụ shows (when opened from it).

The default is the period a secretariat reports on at that date: the quarter under way, or the
one just ended during a quarter's first month (a report written in October is the third
quarter's). What it reads becomes the kind's options (:meth:`PeriodCombo.options`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from ...core import task_period as tp

ALL = "all"
LISTED = "listed"


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeriodCombo", text)


def default_period(day: date) -> tp.TaskPeriod:
    """The quarter under way, or in a quarter's first month the one just ended."""
    return tp.previous_quarter(day) if day.month % 3 == 1 else tp.quarter_of(day)


def periods_around(day: date) -> list[tp.TaskPeriod]:
    """This quarter and the three before, this half and the one before, this year and the
    last: what a report is asked for, newest first in each kind."""
    quarters = [tp.quarter_of(day)]
    for _ in range(3):
        quarters.append(tp.previous_quarter(quarters[-1].start))
    first = tp.half_of(day)
    before = tp.half(first.start.year, 1) if first.start.month == 7 else tp.half(day.year - 1, 2)
    return [*quarters, first, before, tp.whole_year(day.year), tp.whole_year(day.year - 1)]


class PeriodCombo(QComboBox):
    """The periods around ``day``, every task, and (``listed``: the options of the list's
    tasks and what it says of them) the list's tasks, chosen first then."""

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodCombo")
        self._listed: Mapping[str, Any] | None = None
        self._periods: dict[int, tp.TaskPeriod] = {}
        chosen = default_period(day)
        for p in periods_around(day):
            text = p.label[:1].upper() + p.label[1:]
            if p.end > day:  # not over: counted to the document's date
                text = _tr("{period} (đến nay)").format(period=text)
            self._periods[self.count()] = p
            self.addItem(text, p.label)
        self.addItem(_tr("Toàn bộ nhiệm vụ (tính đến ngày văn bản)"), ALL)
        self.setCurrentIndex(next(i for i, p in self._periods.items() if p == chosen))
        self.setToolTip(
            _tr(
                "Kỳ báo cáo: các nhiệm vụ giao, đến hạn hoặc hoàn thành trong kỳ và các nhiệm vụ "
                "chưa hoàn thành cuối kỳ, tính như danh sách nhiệm vụ vào ngày cuối kỳ"
            )
        )

    def show_listed(self, options: Mapping[str, Any], label: str) -> None:
        """Offer the list's tasks (``options``: the kind's option naming them), chosen."""
        self._listed = options
        self.insertItem(0, _tr("Như danh sách đang hiện: {what}").format(what=label), LISTED)
        self._periods = {i + 1: p for i, p in self._periods.items()}
        self.setCurrentIndex(0)

    def options(self) -> dict[str, Any]:
        if self.currentData() == LISTED and self._listed is not None:
            return dict(self._listed)
        period = self._periods.get(self.currentIndex())
        return {"period": period} if period is not None else {}


def add_period_row(
    dialog: Any, form: QFormLayout, today: date | None, listed: tuple[Mapping[str, Any], str] | None
) -> PeriodCombo:
    """The dialog's "Kỳ báo cáo" row (shown for a kind that takes a period, see
    :meth:`.document_issue.IssueFlow.show_period`), a choice building the preview again."""
    combo = PeriodCombo(today or date.today(), dialog)
    if listed is not None:
        combo.show_listed(*listed)
    form.addRow(_tr("&Kỳ báo cáo:"), combo)
    dialog.period_form = form
    combo.currentIndexChanged.connect(dialog.refresh)
    return combo
