"""The agenda dialog: items in order (move up/down, drag), presenter, planned minutes.

Times are not typed: each item starts when the one before it ends, from the meeting's start
(:func:`bdcq_desktop.core.agenda.schedule`, the same rule the documents print), so the "Thời
gian" column and the expected end follow every change live, and a warning shows when the
agenda runs past the meeting's planned end. Saving is one call,
:func:`bdcq_desktop.core.agenda.set_agenda`, guarded by the items' versions read: another
officer inviting a guest, moving the place or issuing a paper meanwhile does not refuse it. An
item changed, added or removed meanwhile does: then the question shows, item by item, what the
other officer saved beside what was typed here (:mod:`.agenda_conflict`), and "keep mine" puts
the typed rows back on the saved agenda, to be checked and saved; nothing typed is lost. A
refused line ("Dòng 3: …") is selected. A change to what an issued convocation, invitation or
agenda paper prints is asked first, naming the paper's number and date, and saved again on
yes, superseding it (:mod:`bdcq_desktop.core.agenda_papers`). A presenter the save put on the
list of invitees (:mod:`bdcq_desktop.core.named_invitees`) is said under the meetings list.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core import agenda as core_agenda
from ...core import meetings
from ...core.agenda import AgendaRow
from ...core.db import Database
from ...core.errors import BcdError, ValidationError
from ...core.meeting_detail import MeetingDetail
from ...core.named_invitees import invited_text, newly_invited
from ...core.read_scope import reading
from ..conflict_dialog import ConflictDialog
from ..record_dialog import RecordDialog
from .agenda_conflict import conflict_rows, merge_agenda, same_agenda
from .agenda_model import AgendaModel, PresenterDelegate, agenda_items, presenter_choices

_LINE = re.compile(r"^\D{0,8}?(\d+):")  # "Dòng 3: …", the row the core refused


def _tr(text: str) -> str:
    return QCoreApplication.translate("agenda_dialog", text)


class AgendaDialog(RecordDialog):
    """Edit the whole agenda of one meeting and save it in one call."""

    def __init__(self, db: Database, meeting_id: int, parent: QWidget | None = None) -> None:
        self.db = db
        self.meeting_id = meeting_id
        detail = meetings.get_meeting(db, meeting_id)
        self.version = detail.version
        self.invitees = detail.invitees  # who was on the list: the save may add presenters
        self.ends_at = detail.ends_at
        # Each item's version as read: what the save is checked against (the module doc).
        self.item_versions = {a.id: a.version for a in detail.agenda}
        super().__init__(
            _tr("Chương trình: {title}").format(title=detail.title),
            [],
            self._save,
            intro=_tr(
                "Bắt đầu {start}{end}. Thời gian mỗi mục được tính từ giờ bắt đầu và thời lượng "
                "các mục trước. Kéo thả hoặc Ctrl+↑/Ctrl+↓ để đổi thứ tự; F2 để sửa ô."
            ).format(
                start=f"{detail.starts_at:%H:%M %d/%m/%Y}",
                end=_tr(", dự kiến kết thúc {end}").format(end=f"{detail.ends_at:%H:%M}")
                if detail.ends_at
                else "",
            ),
            key="agenda",
            parent=parent,
        )
        self.setObjectName("agendaDialog")
        choices = presenter_choices(db, detail)
        self.model = AgendaModel(detail.starts_at, {c[0]: c[1] for c in choices}, self)
        self.view = QTableView(self)
        self.view.setObjectName("agendaTable")
        self.view.setModel(self.model)
        self.presenters = PresenterDelegate(choices, self)
        self.view.setItemDelegateForColumn(AgendaModel.PRESENTER, self.presenters)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((36, 100, 380, 260, 60)):
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(260)

        self.add_button = self._button(_tr("Thêm mục"), "addItem", self.add_item, "Insert")
        self.remove_button = self._button(_tr("Xóa mục"), "removeItem", self.remove_item, "Delete")
        self.up_button = self._button(_tr("Lên"), "moveUp", lambda: self.move(-1), "Ctrl+Up")
        self.down_button = self._button(_tr("Xuống"), "moveDown", lambda: self.move(1), "Ctrl+Down")
        # The keys act on the table's current item, read from its key events (see eventFilter).
        self._keys = {
            QKeySequence("Insert"): self.add_item,
            QKeySequence("Delete"): self.remove_item,
            QKeySequence("Ctrl+Up"): lambda: self.move(-1),
            QKeySequence("Ctrl+Down"): lambda: self.move(1),
        }
        self.view.installEventFilter(self)
        buttons = QVBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        self.add_section(box, "agenda", stretch=1)
        self.summary = QLabel(self)
        self.summary.setObjectName("agendaSummary")
        self.summary.setWordWrap(True)
        self.add_section(self.summary)

        self.model.changed.connect(self.update_summary)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.model.set_rows(detail.agenda)
        self.opened = agenda_items(detail.agenda)  # the rows read: what typing is compared to
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, AgendaModel.TITLE))
        self.resize(980, 560)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Any, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        button.setToolTip(_tr("{key} trong bảng").format(key=key))
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            pressed = QKeySequence(event.keyCombination())
            for keys, run in self._keys.items():
                if pressed.matches(keys) == QKeySequence.SequenceMatch.ExactMatch:
                    run()
                    return True
        return super().eventFilter(watched, event)

    # -- editing ---------------------------------------------------------------------------------
    def current(self) -> int:
        return self.view.currentIndex().row()

    def add_item(self) -> int:
        row = self.model.add_item()
        index = self.model.index(row, AgendaModel.TITLE)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)
        return row

    def remove_item(self) -> None:
        row = self.current()
        self.model.remove_item(row)
        if self.model.rowCount():
            row = min(row, self.model.rowCount() - 1)
            self.view.setCurrentIndex(self.model.index(row, AgendaModel.TITLE))
        self._update_buttons()

    def move(self, delta: int) -> None:
        row, col = self.current(), max(self.view.currentIndex().column(), 0)
        if row < 0:
            return
        now = self.model.move_item(row, delta)
        self.view.setCurrentIndex(self.model.index(now, col))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, count = self.current(), self.model.rowCount()
        self.remove_button.setEnabled(0 <= row < count)
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)

    def update_summary(self) -> None:
        """The expected end and, in red, the core's warning when it is past the planned end."""
        times = self.model.times()
        rows = [
            AgendaRow(0, n, "", "", "", None, None, "", None, start, end)
            for n, (start, end) in enumerate(times, start=1)
        ]
        total = sum(i["minutes"] or 0 for i in self.model.items)
        last = times[-1][1] if times else None
        text = _tr("{n} mục, tổng {m} phút.").format(n=len(times), m=total)
        if last is not None:
            text += " " + _tr("Dự kiến kết thúc lúc {end}.").format(end=f"{last:%H:%M}")
        warning = core_agenda.overrun_warning(self.ends_at, rows)
        if warning:
            self.summary.setStyleSheet("color: #b71c1c; font-weight: bold;")
            text = f"{text} {warning}"
        else:
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.summary.setProperty("overrun", bool(warning))

    # -- saving ----------------------------------------------------------------------------------
    def _take_typing(self) -> None:
        if self.view.state() == QAbstractItemView.State.EditingState:
            # Take in the cell being typed (Save pressed with Alt+L, the editor still open).
            editor = self.view.indexWidget(self.view.currentIndex())
            if editor is not None:
                self.view.commitData(editor)

    def collect(self) -> dict[str, Any]:
        self._take_typing()
        return {"lines": self.model.lines()}

    def _save(self, values: dict[str, Any], **confirmed: bool) -> int:
        # With the convocation, invitation or agenda paper issued, a change to what it prints
        # is the core's question (naming it), asked by the dialog; yes saves again, confirming.
        self.version = core_agenda.set_agenda(
            self.db,
            self.meeting_id,
            values["lines"],
            expected_version=self.version,
            item_versions=self.item_versions,
            **confirmed,
        )
        try:
            # Saved: whom the save put on the list is read, and a refusal now is a read's.
            with reading():
                after = meetings.get_meeting(self.db, self.meeting_id).invitees
        except BcdError as exc:
            self.done_notice = exc.message  # under the list: saved, the invitees not read
            return self.meeting_id
        presenting = {line.presenter_person_id for line in values["lines"]}
        self.done_notice = invited_text(newly_invited(self.invitees, after, presenting))
        return self.meeting_id

    # -- another officer's agenda ----------------------------------------------------------------
    def compares_conflicts(self) -> bool:
        return True  # item by item, below

    @reading()  # after another officer's save: only a read, its refusal says so
    def _read_again(self) -> MeetingDetail:
        """The meeting as saved now: its versions (what the next save is checked against),
        its start and end, and the presenters its agenda names."""
        fresh = meetings.get_meeting(self.db, self.meeting_id)
        self.version, self.ends_at = fresh.version, fresh.ends_at
        self.item_versions = {a.id: a.version for a in fresh.agenda}
        self.invitees = fresh.invitees
        self.model.starts_at = fresh.starts_at
        choices = presenter_choices(self.db, fresh)
        self.model.names = {**self.model.names, **{c[0]: c[1] for c in choices}}
        self.presenters.choices = choices
        return fresh

    def ask_conflict(self, message: str) -> None:
        """The agenda saved meanwhile beside the one typed here, item by item (the module
        doc); each answer leaves the rows to check and save, none saves."""
        self._take_typing()
        typed = [dict(i) for i in self.model.items]
        try:
            theirs = agenda_items(self._read_again().agenda)
        except BcdError as exc:
            self.newest_not_read(message, exc)
            return
        if same_agenda(self.opened, theirs):  # nothing to compare: the typing on the newest
            said = _tr("Ghi chép trong cuộc họp của một mục vừa được lưu; chương trình không đổi.")
            self._take(typed, theirs, mine=True, said=said)
            return
        merged = merge_agenda(self.opened, theirs, typed)
        rows = conflict_rows(self.opened, theirs, typed, merged, self.model.presenter_text)
        text = message or _tr("Chương trình của cuộc họp vừa được người khác sửa.")
        box = ConflictDialog(text, rows, self, row_header=_tr("Mục"))
        box.setObjectName("agendaConflictDialog")
        box.accepted.connect(lambda: self._take(merged, theirs, mine=True))
        box.theirs_taken.connect(lambda: self._take(theirs, theirs, mine=False))
        box.rejected.connect(self.back_to_form)
        self.conflict = box
        box.open()

    def _take(
        self,
        items: list[dict[str, Any]],
        theirs: list[dict[str, Any]],
        mine: bool,
        said: str | None = None,
    ) -> None:
        self.model.set_items(items)
        self.opened = theirs  # what the next stale save is compared to
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, AgendaModel.TITLE))
        self._update_buttons()
        if mine:
            self.mine_kept(said=said)
        else:
            self.theirs_taken()

    def show_validation_error(self, exc: ValidationError) -> None:
        super().show_validation_error(exc)
        found = _LINE.match(exc.message)
        if found:
            row = int(found.group(1)) - 1
            if 0 <= row < self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(row, AgendaModel.TITLE))
                self.view.setFocus()
