"""The "Kỳ" of Báo cáo › Nhiệm vụ (:mod:`.task_tracking`): every task, or the tasks of a year,
a quarter, six months or any two dates, as the tasks report of that period holds them
(:mod:`...core.task_period`, read by :func:`...core.task_list.tasks_of_period`).

One row of small controls: the kind of period, then its year and which quarter or half, or
the two dates (made when "Từ ngày… đến ngày…" is first chosen: the date editor's module is
left out of the start, as the chase page's is). What is chosen is remembered (``tasks/period``
in :mod:`..view_state`), as the page's other views are."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from ...core.errors import ValidationError
from .. import view_state

if TYPE_CHECKING:
    from ...core.task_period import TaskPeriod
    from ..editors import DateField

ALL, YEAR, QUARTER, HALF, RANGE = "", "year", "quarter", "half", "range"
STATE_KEY = "tasks/period"
FIRST_YEAR = 2000  # before any committee this app serves


class PeriodFilter(QWidget):
    """``changed`` when the period chosen is another; :meth:`period` reads it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPeriodFilter")
        today = date.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("taskPeriodKind")
        # Each kind whole ("Từ ngày… đến ngày…"), however little room the summary leaves.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for text, key in (
            (self.tr("Tất cả"), ALL),
            (self.tr("Năm"), YEAR),
            (self.tr("Quý"), QUARTER),
            (self.tr("6 tháng"), HALF),
            (self.tr("Từ ngày… đến ngày…"), RANGE),
        ):
            self.kind.addItem(text, key)
        self.kind.setToolTip(
            self.tr(
                "Kỳ báo cáo: các nhiệm vụ giao, đến hạn hoặc hoàn thành trong kỳ và các nhiệm vụ "
                "chưa hoàn thành cuối kỳ, mỗi nhiệm vụ như vào ngày cuối kỳ (như báo cáo nhiệm vụ "
                "của kỳ)"
            )
        )
        self.label = QLabel(self.tr("&Kỳ:"), self)
        self.label.setBuddy(self.kind)
        self.year = QSpinBox(self)
        self.year.setObjectName("taskPeriodYear")
        self.year.setRange(FIRST_YEAR, today.year)
        self.year.setValue(today.year)
        self.year.setAccessibleName(self.tr("Năm"))
        # Typing "2025" reads the year once, not 2, 20, 202 on the way (those are no year
        # the list could show): the spin box itself reads it only on Enter or on leaving it,
        # :meth:`_year_typed` as soon as its four digits are in.
        self.year.setKeyboardTracking(False)
        self.number = QComboBox(self)  # which quarter, which half
        self.number.setObjectName("taskPeriodNumber")
        self.to_label = QLabel(self.tr("đến"), self)
        self._start: DateField | None = None
        self._end: DateField | None = None
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.kind, self.year, self.number, self.to_label):
            self.row.addWidget(w)
        self._restore(str(view_state.value(STATE_KEY, "") or ""), today)
        self._emitted = self.state()  # what the page reads first
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.year.valueChanged.connect(self._chosen)
        self.year.lineEdit().textEdited.connect(self._year_typed)
        self.number.currentIndexChanged.connect(self._chosen)

    # -- what is chosen ------------------------------------------------------------------------
    def key(self) -> str:
        return str(self.kind.currentData())

    def period(self) -> TaskPeriod | None:
        """The period chosen, None for every task; a ValidationError (Vietnamese, naming the
        date) for two dates missing, mistyped or out of order."""
        from ...core import task_period as tp

        key, year, n = self.key(), self.year.value(), self.number.currentIndex() + 1
        if key == YEAR:
            return tp.whole_year(year)
        if key == QUARTER:
            return tp.quarter(year, n)
        if key == HALF:
            return tp.half(year, n)
        if key == RANGE:
            return tp.between(self.start_field.value(), self.end_field.value())
        return None

    def state(self) -> str:
        """What is chosen, as remembered: "", "year:2026", "quarter:2026:4", "half:2026:1",
        "range:2026-10-01:2026-11-15" (a date left unread: empty)."""
        key = self.key()
        if key in (YEAR, QUARTER, HALF):
            parts = [key, str(self.year.value())]
            return ":".join(parts if key == YEAR else [*parts, str(self.number.currentIndex() + 1)])
        if key == RANGE:
            days = []
            for field in (self.start_field, self.end_field):
                try:
                    day = field.value()
                except ValidationError:  # mistyped: not remembered
                    day = None
                days.append(day.isoformat() if day else "")
            return ":".join([RANGE, *days])
        return ALL

    # -- the date fields, made when first wanted -----------------------------------------------
    @property
    def start_field(self) -> DateField:
        if self._start is None:
            self._make_dates()
        assert self._start is not None
        return self._start

    @property
    def end_field(self) -> DateField:
        if self._end is None:
            self._make_dates()
        assert self._end is not None
        return self._end

    def _make_dates(self) -> None:
        from ..editors import DateField

        self._start = DateField("start", self.tr("Từ ngày"), self)
        self._end = DateField("end", self.tr("Đến ngày"), self)
        self._start.setObjectName("taskPeriodStart")
        self._end.setObjectName("taskPeriodEnd")
        for field in (self._start, self._end):
            field.edit.setMaximumWidth(112)  # "15/11/2026" and its clear button
            field.layout().takeAt(field.layout().count() - 1)  # no stretch: "đến" close by
            field.edit.editingFinished.connect(self._dates_typed)
            field.calendar.clicked.connect(lambda *_: self._dates_typed())
        self.row.insertWidget(self.row.indexOf(self.to_label), self._start)
        self.row.addWidget(self._end)
        # Tab: the kind, then the first date, then the second (made after the others).
        from ..list_tab import tab_chain

        tab_chain([self.kind, self._start, self._end, self.year])

    # -- choosing ------------------------------------------------------------------------------
    def _restore(self, state: str, today: date) -> None:
        """Show ``state`` (as :meth:`state` writes it); anything unreadable is every task."""
        parts = state.split(":")
        key = parts[0] if parts[0] in (YEAR, QUARTER, HALF, RANGE) else ALL
        try:
            if key in (YEAR, QUARTER, HALF):
                self.year.setValue(int(parts[1]))
            self._fill_numbers(key, today, int(parts[2]) if key in (QUARTER, HALF) else 0)
            if key == RANGE:
                self.start_field.set_value(date.fromisoformat(parts[1]) if parts[1] else None)
                self.end_field.set_value(date.fromisoformat(parts[2]) if parts[2] else None)
        except (IndexError, ValueError):
            key = ALL
        self.kind.setCurrentIndex(self.kind.findData(key))
        self._show_parts(key)

    def _fill_numbers(self, key: str, today: date, chosen: int = 0) -> None:
        """The quarters or the halves; ``chosen`` (1-based), else the one a report is asked
        for now (the document dialog's default, the half under way)."""
        self.number.blockSignals(True)
        try:
            self.number.clear()
            if key == QUARTER:
                quarters = ("I", "II", "III", "IV")
                self.number.addItems([self.tr("Quý {n}").format(n=n) for n in quarters])
                self.number.setAccessibleName(self.tr("Quý"))
                default = (today.month - 1) // 3 + 1
                if today.month % 3 == 1:  # a quarter's first month reports the one before
                    default = default - 1 or 4
            elif key == HALF:
                self.number.addItems([self.tr("đầu năm"), self.tr("cuối năm")])
                self.number.setAccessibleName(self.tr("6 tháng"))
                default = 1 if today.month <= 6 else 2
            else:
                return
            self.number.setCurrentIndex((chosen or default) - 1)
        finally:
            self.number.blockSignals(False)

    def _show_parts(self, key: str) -> None:
        self.year.setVisible(key in (YEAR, QUARTER, HALF))
        self.number.setVisible(key in (QUARTER, HALF))
        dates = key == RANGE
        self.to_label.setVisible(dates)
        if dates or self._start is not None:
            self.start_field.setVisible(dates)
            self.end_field.setVisible(dates)

    def _kind_chosen(self, _index: int) -> None:
        key, today = self.key(), date.today()
        self.year.blockSignals(True)
        if key in (QUARTER, HALF):
            self._fill_numbers(key, today)
            # The quarter before this one, in January: last year's fourth.
            if key == QUARTER and today.month == 1 and self.year.value() == today.year:
                self.year.setValue(today.year - 1)
        self.year.blockSignals(False)
        if key == RANGE and not self.start_field.edit.text().strip():
            quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
            self.start_field.set_value(quarter_start)
            self.end_field.set_value(today)
        self._show_parts(key)
        self._chosen()

    def _year_typed(self, text: str) -> None:
        """A year typed whole (four digits, one the box takes) is read at once, the list
        following it as the officer types; a year half typed waits (the focus stays)."""
        text = text.strip()
        if (
            len(text) == 4
            and text.isascii()
            and text.isdigit()
            and self.year.minimum() <= int(text) <= self.year.maximum()
        ):
            self.year.interpretText()  # valueChanged, when another year: _chosen

    def _dates_typed(self) -> None:
        if self.key() == RANGE:
            self._chosen()

    def _chosen(self, *_: object) -> None:
        state = self.state()
        if state == self._emitted:
            return  # a date left as it was (editingFinished on leaving it)
        self._emitted = state
        view_state.save_value(STATE_KEY, state)
        self.changed.emit()

    def tab_stops(self) -> list[QWidget]:
        """Tab's stops, left to right (a hidden one is passed over; the dates, made later,
        put themselves after the kind)."""
        return [self.kind, self.year, self.number]
