"""Báo cáo › Đôn đốc: who to chase, grouped by unit (overdue reports and overdue tasks), and
the reminder document (văn bản đôn đốc) for the selected unit or for all of them.

One core call per reload (:func:`..core.chase.chase_overview`), shown through
:class:`.chase_model.ChaseTreeModel` (no item object per row: ten years have thousands); Enter
on a row drafts its unit's reminder. A person of no unit with overdue tasks is listed after
the units (chased in the all-units reminder: no unit's reminder can hold them); the summary
says what is left out (units retired with no successor), so its figures add up to the tasks
page's and the overview's. The document opens in the usual document dialog (preview,
issue with the next number, save), which builds it in the background.

The window ("Hạn từ": 12 tháng qua, Năm nay, Từ ngày…, Tất cả; :mod:`..core.chase_window`) is
the office's, stored in the database: the reminder built from the dialog reads the same one,
and the summary says it and how many older items it leaves out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core import chase_window
from ...core.db import Database
from ...core.errors import ValidationError
from ...core.text import count_text, short_date
from .. import view_state
from ..messages import error_text
from .chase_model import ITEM_ROLE, UNIT_ROLE, ChaseTreeModel

if TYPE_CHECKING:
    from ...core import chase
    from ..dialogs.document_dialog import DocumentDialog
    from ..editors import DateField

ALL_LABEL = "Tất cả các cơ quan, đơn vị có báo cáo, nhiệm vụ quá hạn"
HEADER_KEY = "chaseTree"  # the remembered column widths
FROM_DATE = "date"  # the window combo's "Từ ngày…" entry (the date typed beside it)


class ChaseListPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("chaseListPage")
        self.units: list[chase.ChaseUnit] = []
        self.left_out = ""  # what the list leaves out, as the summary says it
        self.tasks_left_out = self.reports_left_out = 0
        self.stored_window = chase_window.DEFAULT_WINDOW  # as stored
        self.since: date | None = None  # the window's first due date (None: all)
        self.older_reports = self.older_tasks = 0  # overdue, due before the window

        self.window_combo = QComboBox(self)
        self.window_combo.setObjectName("chaseWindow")
        self.window_combo.setAccessibleName(self.tr("Phạm vi đôn đốc theo hạn"))
        for key in (chase_window.LAST_12_MONTHS, chase_window.THIS_YEAR):
            self.window_combo.addItem(self.tr(chase_window.LABELS[key]), key)
        self.window_combo.addItem(self.tr("Từ ngày…"), FROM_DATE)
        self.window_combo.addItem(self.tr(chase_window.LABELS[chase_window.ALL]), chase_window.ALL)
        self.window_combo.setToolTip(
            self.tr(
                "Chỉ đôn đốc báo cáo, nhiệm vụ có hạn trong khoảng này; văn bản đôn đốc in đúng "
                "phạm vi đã chọn. Phạm vi lưu chung cho cơ sở dữ liệu."
            )
        )
        self._since_field: DateField | None = None  # made when first needed (since_field)
        window_label = QLabel(self.tr("&Hạn từ:"), self)
        window_label.setBuddy(self.window_combo)
        window_row = QHBoxLayout()
        window_row.addWidget(window_label)
        window_row.addWidget(self.window_combo)
        window_row.addStretch(1)
        self.window_row = window_row

        self.summary = QLabel(self)
        self.summary.setObjectName("chaseSummary")
        self.summary.setWordWrap(True)
        self.model = ChaseTreeModel(self)
        self.model.set_headers(
            [
                self.tr("Cơ quan, đơn vị / nội dung quá hạn"),
                self.tr("Loại"),
                self.tr("Hạn"),
                self.tr("Số ngày quá hạn"),
                self.tr("Nguồn, kỳ báo cáo"),
            ]
        )
        self.tree = QTreeView(self)
        self.tree.setObjectName("chaseTree")
        self.tree.setAccessibleName(self.tr("Danh sách cần đôn đốc theo đơn vị"))
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTabKeyNavigation(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((560, 90, 90, 110)):
            self.tree.setColumnWidth(column, width)
        header = self.tree.header()
        view_state.restore_header(HEADER_KEY, header)
        header.sectionResized.connect(lambda *_: view_state.save_header(HEADER_KEY, header))
        self.unit_button = QPushButton(self.tr("Soạn văn bản đôn đốc đơn &vị đang chọn…"), self)
        self.unit_button.setObjectName("remindUnitButton")
        self.all_button = QPushButton(self.tr("&Soạn văn bản đôn đốc tất cả đơn vị…"), self)
        self.all_button.setObjectName("remindAllButton")
        self.unit_button.clicked.connect(self.remind_selected)
        self.all_button.clicked.connect(self.remind_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unit_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(window_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        # A timer object with no interval fires once the events waiting are handled, the
        # first screen's paint among them (QTimer.singleShot(0, …) is posted as one of those
        # events, and could run before the paint).
        self._open_rest = QTimer(self)
        self._open_rest.setSingleShot(True)
        self._open_rest.setInterval(0)
        self._open_rest.timeout.connect(self._open_all)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.tree.activated.connect(lambda *_: self.remind_selected())
        self.window_combo.activated.connect(self._window_chosen)
        self._show_window(chase_window.DEFAULT_WINDOW)
        self._update_buttons()

    def reload(self) -> None:
        """Read the list again, keeping the current row: the same report or task if it is
        still overdue, else its unit's row, else the first unit."""
        current = self.tree.currentIndex()
        unit = self.selected_unit()
        item = current.data(ITEM_ROLE) if current.isValid() else None
        try:
            window, overview = chase_window.chase_in_window(self.db)
        except Exception as exc:  # shown, never a traceback
            self.units = []
            self.left_out = ""
            self.tasks_left_out = self.reports_left_out = 0
            self.model.set_units([])
            self.summary.setText(error_text(exc))
            self._update_buttons()
            return
        self._show_window(window)
        self.units = overview.units
        self.since = overview.since
        self.older_reports, self.older_tasks = overview.older_reports, overview.older_tasks
        from ...core.chase import left_out_text  # in by now: the overview was read

        self.left_out = left_out_text(overview)
        self.tasks_left_out = overview.tasks_left_out
        self.reports_left_out = overview.reports_left_out
        self._fill(unit, item)

    def _fill(self, unit: int | None, item: tuple[str, int] | None) -> None:
        self.model.set_units(self.units)
        select = QModelIndex()
        if unit is not None and item is not None:
            select = self.model.item_index(unit, item)
        if not select.isValid() and unit is not None:
            select = self.model.unit_index(unit)
        if not select.isValid() and self.model.rowCount():
            select = self.model.index(0, 0)
        # Every unit open. Its rows have no children, so opening the units is opening all;
        # after the reset the view only notes them and lays the rows out on paint, asking
        # the model about each (twice, from C++ into Python: thousands at ten years). The
        # units the first screen can show are opened now, the others once it is painted.
        if self._open_first_screen(select) < self.model.rowCount():
            self._open_rest.start()
        if select.isValid():
            self.tree.setCurrentIndex(select)
            self.tree.scrollTo(select)
        self.summary.setText(self._summary_text())
        self._update_buttons()

    def _summary_text(self) -> str:
        reports = sum(len(u.reports) for u in self.units)
        tasks = sum(len(u.tasks) for u in self.units)
        people = sum(u.unit_id is None for u in self.units)
        units = len(self.units) - people
        # The window the figures are of, said with them: they are not every overdue item.
        scope = (
            self.tr(" (hạn từ {since} đến {today})").format(
                since=short_date(self.since), today=short_date(date.today())
            )
            if self.since is not None
            else ""
        )
        if self.units:
            who = self.tr("{n} cơ quan, đơn vị").format(n=count_text(units)) if units else ""
            if people:
                person = self.tr("{n} cá nhân không thuộc đơn vị nào").format(n=people)
                who = self.tr("{a} và {b}").format(a=who, b=person) if who else person
            # A kind with nothing overdue is left unsaid ("0 báo cáo quá hạn" after a waiver).
            counts = []
            if reports:
                counts.append(
                    self.tr("{n} báo cáo quá hạn chưa gửi").format(n=count_text(reports))
                )
            if tasks:
                counts.append(
                    self.tr("{n} nhiệm vụ quá hạn chưa hoàn thành").format(n=count_text(tasks))
                )
            text = self.tr("{who} cần đôn đốc: {counts}{scope}.").format(
                who=who, counts=", ".join(counts), scope=scope
            )
        elif self.left_out:
            text = self.tr(
                "Không có báo cáo hay nhiệm vụ quá hạn nào còn đơn vị để đôn đốc{scope}."
            ).format(scope=scope)
        else:
            text = self.tr("Không có báo cáo hay nhiệm vụ nào quá hạn{scope}.").format(scope=scope)
        older = self._older_text()
        if older:
            text += "\n" + older
        if not self.left_out:
            return text
        # Said on the page so that its figures add up to the tasks page's and the overview's.
        text += "\n" + self.tr("Không đôn đốc {what}.").format(what=self.left_out)
        if self.tasks_left_out:
            # Such tasks can be given to a unit in office, which then is chased for them.
            text += " " + self.tr(
                "Có thể chuyển các nhiệm vụ này cho đơn vị khác tại trang Nhiệm vụ "
                "(“Chuyển nhiệm vụ…”, Ctrl+T)."
            )
        if self.reports_left_out:
            # A report nobody is left to send is closed by the committee excusing it.
            text += " " + self.tr(
                "Báo cáo không còn đơn vị gửi có thể ghi miễn nộp tại trang Đợt báo cáo "
                "(“Miễn nộp…”, Ctrl+M)."
            )
        return text

    def _older_text(self) -> str:
        """What the window leaves out: the overdue items due before it, counted."""
        if self.since is None or not (self.older_reports or self.older_tasks):
            return ""
        parts = []
        if self.older_reports:
            parts.append(self.tr("{n} báo cáo").format(n=count_text(self.older_reports)))
        if self.older_tasks:
            parts.append(self.tr("{n} nhiệm vụ").format(n=count_text(self.older_tasks)))
        return self.tr(
            "Không đôn đốc {what} quá hạn có hạn trước ngày {since} (chọn “Tất cả” ở ô "
            "“Hạn từ” để xem; việc tồn đọng cũ do Ban Chỉ đạo xem xét, quyết định)."
        ).format(what=self.tr(" và ").join(parts), since=short_date(self.since))

    # -- the window ----------------------------------------------------------------------------
    @property
    def since_field(self) -> DateField:
        """The date beside "Từ ngày…", made the first time it is wanted: the date editor's
        module (and its completer's) is left out of the start, where most offices never
        type a date here."""
        if self._since_field is None:
            from ..editors import DateField

            field = DateField("chase_window", self.tr(chase_window.FIELD_LABEL), self)
            field.setObjectName("chaseSince")
            field.setVisible(self.window_combo.currentData() == FROM_DATE)
            self.window_row.insertWidget(2, field)  # after the label and the combo
            field.edit.editingFinished.connect(self._date_typed)
            field.calendar.clicked.connect(lambda *_: self._date_typed())
            self._since_field = field
        return self._since_field

    def _show_window(self, window: str) -> None:
        """Show ``window`` (as stored) in the combo, its date beside it when it is one."""
        self.stored_window = window
        key = window if window in chase_window.LABELS else FROM_DATE
        self.window_combo.setCurrentIndex(self.window_combo.findData(key))
        if key == FROM_DATE:
            self.since_field.set_value(date.fromisoformat(window))
        # Only beside "Từ ngày…": an empty greyed date box beside the others reads as missing.
        if self._since_field is not None:
            self._since_field.setVisible(key == FROM_DATE)

    def _window_chosen(self, _index: int) -> None:
        key = self.window_combo.currentData()
        if key != FROM_DATE:
            self.set_window(key)
            return
        # "Từ ngày…": the date beside it, filled with the current window's start to edit.
        self.since_field.setVisible(True)
        if not self.since_field.edit.text().strip():
            self.since_field.set_value(self.since or date(date.today().year, 1, 1))
        self.since_field.setFocus()
        self._date_typed()

    def _date_typed(self) -> None:
        if self.window_combo.currentData() != FROM_DATE:
            return
        try:
            day = self.since_field.value()
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Ngày không hợp lệ"), error_text(exc))
            return
        if day is not None and day.isoformat() != self.stored_window:
            self.set_window(day)

    def set_window(self, window: str | date) -> None:
        """Store the office's window (every machine's page and reminder use it) and read the
        list within it."""
        try:
            chase_window.set_window(self.db, window)
        except Exception as exc:  # shown, never a traceback
            QMessageBox.warning(self, self.tr("Không lưu được phạm vi đôn đốc"), error_text(exc))
            self._show_window(self.stored_window)
            return
        self.reload()

    def _open_first_screen(self, select: QModelIndex) -> int:
        """Open the units up to the current row's and, after the current row, enough of them
        to fill a screen wherever scrolling to that row puts it; returns how many (the first
        ones) were opened."""
        model, tree = self.model, self.tree
        parent = select.parent()
        current = parent.row() if parent.isValid() else max(select.row(), 0)
        # The window's height bounds the view's (not laid out yet on the page's first show);
        # a text line is shorter than a row.
        screen = self.window().height() // max(1, tree.fontMetrics().height()) + 1
        below = 0  # rows from the current one down, opened so far
        for row in range(model.rowCount()):
            if row > current and below > screen:
                return row
            index = model.index(row, 0)
            tree.expand(index)
            if row == current:
                below = model.rowCount(index) + 1 - (select.row() + 1 if parent.isValid() else 0)
            elif row > current:
                below += model.rowCount(index) + 1
        return model.rowCount()

    def _open_all(self) -> None:
        # One layout of the whole tree, where expanding the units one by one laid out and
        # resized the view after each.
        self.tree.expandToDepth(0)

    def selected_unit(self) -> int | None:
        index = self.tree.currentIndex()
        value = index.data(UNIT_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def _update_buttons(self, *_: object) -> None:
        self.unit_button.setEnabled(self.selected_unit() is not None)
        self.all_button.setEnabled(bool(self.units))

    def _unit_label(self, unit_id: int) -> str:
        return next((u.unit for u in self.units if u.unit_id == unit_id), "")

    def remind_selected(self) -> DocumentDialog | None:
        """The document dialog on the reminder of the selected unit (returned for tests)."""
        unit_id = self.selected_unit()
        if unit_id is None:
            return None
        return self._open(unit_id, self._unit_label(unit_id))

    def remind_all(self) -> DocumentDialog:
        return self._open(None, self.tr(ALL_LABEL))

    def _open(self, unit_id: int | None, label: str) -> DocumentDialog:
        # Imported here: the dialog pulls in the document engine, loaded on first use only.
        from ..dialogs.document_dialog import DocumentDialog

        dialog = DocumentDialog(self.db, "unit", unit_id, label, kind="reminder", parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
