""""Tính đến ngày" beside a roster's search box: the committee (or the working group) as it
stood on a past day, empty for today's.

Not the forms' date editor (:class:`.editors.DateField`): the committee roster is the first
screen of a start, which leaves that module and its completer out (tests/test_lazy_imports.py).
A line typed as the forms take a date, read by the core's own rule, and a calendar made the
first time it is opened.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ..core.errors import ValidationError
from ..core.text import short_date
from ..core.validation import date_value
from .qt_vi import calendar

LABEL = "Tính đến ngày"
# The outline of a date that cannot be read, as the forms draw it (editors.INVALID_STYLE).
_INVALID = "QLineEdit { border: 2px solid #c0392b; border-radius: 3px; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("roster_day", text)


class RosterDay(QWidget):
    """``changed`` once another day is applied (Enter, leaving the box, a day picked, the box
    cleared); ``refused`` with the core's message for text that is no date (the day shown
    stays the one applied before); ``read`` whenever the box is read as a day (or as empty),
    so a refusal said before can go."""

    changed = Signal()
    refused = Signal(str)
    read = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rosterDay")
        self._day: date | None = None
        self.label = QLabel(_tr("Tính đến &ngày:"), self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("rosterDayEdit")
        self.edit.setPlaceholderText(_tr("hôm nay"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setFixedWidth(118)  # "05/02/2026" and the clear button
        self.edit.setToolTip(
            _tr(
                "Danh sách như tại ngày này (chức vụ, cơ quan của ngày đó); để trống là hôm "
                "nay. Nhập dạng 05/02/2026 rồi Enter."
            )
        )
        self.label.setBuddy(self.edit)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(_tr("Chọn ngày trên lịch"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab: the box, then the table
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self._prepare_calendar)
        self.button.setMenu(self.menu)
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.apply)
        # The clear button: today's roster at once, as the search box's clears its filter.
        self.edit.textChanged.connect(lambda text: None if text.strip() else self.apply())

    def day(self) -> date | None:
        """The day applied (None: today's roster)."""
        return self._day

    def set_day(self, day: date | None) -> None:
        self.edit.setText(short_date(day) if day else "")
        self.apply()

    def apply(self) -> None:
        """Read the box; a new day emits ``changed``, text that is no date ``refused``."""
        try:
            day = date_value(self.edit.text(), "on", _tr(LABEL))
        except ValidationError as exc:
            self.edit.setStyleSheet(_INVALID)
            self.refused.emit(exc.message)
            return
        self.edit.setStyleSheet("")
        self.read.emit()
        if day != self._day:
            self._day = day
            self.changed.emit()

    def _prepare_calendar(self) -> None:
        if self.calendar is None:  # made when first opened: a start never pays for it
            self.calendar = calendar(self.menu)  # Vietnamese month and day names
            action = QWidgetAction(self.menu)
            action.setDefaultWidget(self.calendar)
            self.menu.addAction(action)
            self.calendar.clicked.connect(self._picked)
        shown = self._day or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _picked(self, day: QDate) -> None:
        self.menu.close()
        self.set_day(day.toPython())
