"""Attendance per day of a working session: a grid, one row per participant, one column per
day (Space ticks a day), and the reason of someone absent every day; saved in one core call,
:func:`bdcq_desktop.core.session_attendance.set_attendance`, guarded by the session's version.

Another officer's save meanwhile is shown person by person beside what was ticked here
(:class:`..conflict_dialog.ConflictDialog`), and "keep mine" is the saved grid with every cell
changed here put back on it, as a form's fields are: nothing ticked or typed is lost, nor
what the other officer saved in the cells not touched here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import session_attendance, session_detail
from ...core.db import Database
from ...core.errors import BcdError
from ...core.read_scope import reading
from ...core.session_detail import SessionDetail
from ..conflict_dialog import ConflictDialog, ConflictRow
from ..record_dialog import RecordDialog

WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
DAY_OFF_SHADE = QColor("#e0e0e0")  # a day off's column in the attendance grid

Marks = dict[int, tuple[frozenset[date], str]]  # participant → days present, absence reason


def _tr(text: str) -> str:
    return QCoreApplication.translate("session_dialogs", text)


def marks_of(d: SessionDetail) -> Marks:
    return {p.id: (frozenset(p.days), p.absence_reason or "") for p in d.participants}


def merge_marks(opened: Marks, theirs: Marks, typed: Marks, days: Sequence[date]) -> Marks:
    """The saved marks with each cell changed here (a day ticked or unticked, the reason)
    put back on them; someone added or taken off meanwhile as saved."""
    out: Marks = {}
    for pid, (their_days, their_reason) in theirs.items():
        was, mine = opened.get(pid), typed.get(pid)
        if was is None or mine is None:
            out[pid] = (their_days, their_reason)
            continue
        present = frozenset(
            day
            for day in days
            if ((day in mine[0]) if (day in mine[0]) != (day in was[0]) else (day in their_days))
        )
        out[pid] = (present, mine[1] if mine[1] != was[1] else their_reason)
    return out


def conflict_rows(
    names: Mapping[int, str], opened: Marks, theirs: Marks, typed: Marks, merged: Marks
) -> list[ConflictRow]:
    """One row per participant someone changed: the days present (or absent, and why)."""

    def shown(mark: tuple[frozenset[date], str] | None) -> str:
        if mark is None:
            return _tr("(không còn trong phiên)")
        days, reason = mark
        text = ", ".join(f"{d:%d/%m}" for d in sorted(days)) or _tr("vắng cả phiên")
        return f"{text} · {reason}" if reason else text

    rows = []
    for pid in [*opened, *[p for p in theirs if p not in opened]]:
        was, other, mine = opened.get(pid), theirs.get(pid), typed.get(pid)
        if other == was and mine == was:
            continue
        rows.append(
            ConflictRow(
                str(pid),
                names.get(pid, ""),
                shown(was) if was is not None else "—",
                shown(other),
                shown(mine) if mine is not None else "—",
                shown(merged.get(pid)),
                both=other != was and mine != was and other != mine,
            )
        )
    return rows


class AttendanceDialog(RecordDialog):
    """A grid: one row per participant, one column per day of the session (Space ticks a day),
    and the reason of someone absent, every day or some of them."""

    def __init__(self, db: Database, session_id: int, parent: QWidget | None = None) -> None:
        self.db = db
        self.session_id = session_id
        d = session_detail.get_session(db, session_id)
        super().__init__(
            _tr("Điểm danh theo ngày: {title}").format(title=d.title),
            [],
            self._save,
            intro=_tr(
                "Đánh dấu (phím cách) những ngày mỗi người có mặt. Người vắng cả phiên hoặc "
                "một số ngày: ghi lý do."
            ),
            key="sessionAttendance",
            parent=parent,
        )
        self.setObjectName("attendanceDialog")
        self.grid = QTableWidget(self)
        self.grid.setObjectName("attendanceGrid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self._read(d)
        self._fill(marks_of(d))
        buttons = QHBoxLayout()
        self.all_button = QPushButton(_tr("Có mặt đủ các ngày làm việc"), self)
        self.all_button.setObjectName("allPresent")
        self.all_button.setAutoDefault(False)
        self.all_button.clicked.connect(lambda _c=False: self.mark_all())
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)
        self.add_section(box, "attendance", stretch=1)
        self.grid.setCurrentCell(0, 1)
        self.resize(min(1200, 420 + 56 * len(self.days)), 560)

    def _read(self, d: SessionDetail) -> None:
        """The session as read: its version (what the save is checked against), days and
        participants (the grid's columns and rows), and what they were marked."""
        self.version = d.version
        self.days = d.days
        self.people = d.participants
        self.opened = marks_of(d)  # what the ticks are compared with after a stale save
        # Working days by the days-off calendar (Thiết lập › Ngày nghỉ): the others are shaded
        # and "present every working day" leaves them as they are.
        self.working = set(d.working_days)
        self.day_names = dict(d.calendar_days)
        # A day that has not come is not ticked (the core refuses it): disabled, said why.
        self.today = date.today()

    def _fill(self, marks: Marks) -> None:
        self.grid.clear()
        self.grid.setRowCount(len(self.people))
        self.grid.setColumnCount(len(self.days) + 2)
        headers = [_tr("Họ và tên")]
        headers += [f"{WEEKDAYS[x.weekday()]}\n{x:%d/%m}" for x in self.days]
        headers.append(_tr("Lý do vắng"))
        self.grid.setHorizontalHeaderLabels(headers)
        for col, day in enumerate(self.days, 1):
            tip = self._day_tip(day)
            if tip:
                self.grid.horizontalHeaderItem(col).setToolTip(tip)
        self.grid.setColumnWidth(0, 200)
        for col in range(1, len(self.days) + 1):
            self.grid.setColumnWidth(col, 52)
        for row, p in enumerate(self.people):
            name = QTableWidgetItem(f"{p.name} ({p.role_label})")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.grid.setItem(row, 0, name)
            present, reason = marks.get(p.id, (frozenset(), ""))
            for col, day in enumerate(self.days, 1):
                item = QTableWidgetItem()
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(
                    Qt.CheckState.Checked if day in present else Qt.CheckState.Unchecked
                )
                if day not in self.working:
                    item.setBackground(DAY_OFF_SHADE)
                    item.setToolTip(self._day_tip(day))
                if day > self.today:
                    item.setFlags(Qt.ItemFlag.ItemIsSelectable)
                    item.setToolTip(self._day_tip(day))
                self.grid.setItem(row, col, item)
            self.grid.setItem(row, len(self.days) + 1, QTableWidgetItem(reason))

    def _day_tip(self, day: date) -> str:
        """Why a day is shaded or cannot be ticked, or what a weekend day worked is: "" for a
        plain weekday already come."""
        if day > self.today:
            return _tr("Ngày chưa đến: điểm danh sau khi ngày làm việc diễn ra")
        name = self.day_names.get(day, "")
        if day in self.working:
            return _tr("Ngày làm bù: {name}").format(name=name) if name else ""
        if name:
            return _tr("Ngày nghỉ: {name}").format(name=name)
        return _tr("Ngày nghỉ cuối tuần")

    def mark_all(self) -> None:
        """Everyone present on every working day come (days off and days to come left as
        they are)."""
        for row in range(self.grid.rowCount()):
            for col, day in enumerate(self.days, 1):
                if day in self.working and day <= self.today:
                    self.grid.item(row, col).setCheckState(Qt.CheckState.Checked)

    def _marks(self) -> Marks:
        """What the grid holds now."""
        out: Marks = {}
        for row, p in enumerate(self.people):
            days = frozenset(
                day
                for col, day in enumerate(self.days, 1)
                if self.grid.item(row, col).checkState() == Qt.CheckState.Checked
            )
            reason_item = self.grid.item(row, len(self.days) + 1)
            out[p.id] = (days, reason_item.text() if reason_item is not None else "")
        return out

    def collect(self) -> dict[str, Any]:
        rows = [
            session_attendance.Attendance(pid, tuple(sorted(days)), reason or None)
            for pid, (days, reason) in self._marks().items()
        ]
        return {"rows": rows}

    def _save(
        self,
        values: dict[str, Any],
        confirm_double_attendance: bool = False,
        confirm_day_off_attendance: bool = False,
    ) -> int:
        # The keywords let the dialog answer the core's questions (someone present in another
        # session that day; a day ticked on a weekend or a holiday) with "Vẫn lưu".
        session_attendance.set_attendance(
            self.db,
            self.session_id,
            values["rows"],
            expected_version=self.version,
            confirm_double_attendance=confirm_double_attendance,
            confirm_day_off_attendance=confirm_day_off_attendance,
        )
        return self.session_id

    # -- another officer's save ------------------------------------------------------------------
    def compares_conflicts(self) -> bool:
        return True  # person by person, below

    def ask_conflict(self, message: str) -> None:
        typed, opened = self._marks(), self.opened
        names = {p.id: p.name for p in self.people}
        try:
            with reading():  # after another officer's save: only a read, its refusal says so
                fresh = session_detail.get_session(self.db, self.session_id)
        except BcdError as exc:
            self.newest_not_read(message, exc)
            return
        theirs = marks_of(fresh)
        if theirs == opened and fresh.days == self.days:  # the session's fields, not its marks
            said = _tr("Phiên làm việc vừa được người khác sửa; điểm danh không đổi.")
            self._take(fresh, typed, mine=True, said=said)
            return
        merged = merge_marks(opened, theirs, typed, fresh.days)
        names.update({p.id: p.name for p in fresh.participants})
        rows = conflict_rows(names, opened, theirs, typed, merged)
        text = message or _tr("Điểm danh của phiên vừa được người khác sửa.")
        box = ConflictDialog(text, rows, self, row_header=_tr("Người"))
        box.accepted.connect(lambda: self._take(fresh, merged, mine=True))
        box.theirs_taken.connect(lambda: self._take(fresh, theirs, mine=False))
        box.rejected.connect(self.back_to_form)
        self.conflict = box
        box.open()

    def _take(
        self, fresh: SessionDetail, marks: Marks, *, mine: bool, said: str | None = None
    ) -> None:
        self._read(fresh)  # the next save is checked against this version
        self._fill(marks)
        if mine:
            self.mine_kept(said=said)
        else:
            self.theirs_taken()
