"""Kết luận: the chair's conclusions of the selected meeting, each with the tasks it assigns.

The tree shows every conclusion (its whole text on its own line) and under it its tasks: whom
they are assigned to (member and/or unit), the focal unit, the deadline and the status computed
by the core (not due, due within 7 days, overdue, done on time, done late, stopped), written out
with an icon, never colour alone. A line under the tree counts them.

Adding and editing go through the conclusion dialog
(:mod:`bdcq_desktop.ui.dialogs.conclusion_dialog`): the text and the tasks in one form, saved by
one core call (:func:`bdcq_desktop.core.conclusions.add_conclusion` with the meeting's
version, :func:`~bdcq_desktop.core.conclusions.update_conclusion` with the conclusion's).
Removing asks first and is one call too. Keys in the tree: Insert adds, Enter (or a double
click) edits the conclusion of the selected line, Delete removes it.

A conclusion or task that a working-group session serves is marked in the tree and named under
it ("Tổ công tác: …"); "Mở phiên làm việc" (Ctrl+Shift+T) emits :attr:`session_wanted` with the
session's id, which the main window answers by showing it in the Tổ công tác tab.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ...core import conclusions as core_conclusions
from ...core.conclusions import ConclusionRow
from ...core.meetings import MeetingDetail
from ...core.session_links import SessionLink
from ...core.tasks import TaskRow
from ..table_model import display_value
from .meeting_record import EDITABLE, Host, MeetingSection
from .serving_sessions import MARK, sessions_menu, sessions_text

if TYPE_CHECKING:
    from ..dialogs.conclusion_dialog import ConclusionDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the conclusion's id, on its line and on its tasks'
TASK_ROLE = Qt.ItemDataRole.UserRole + 2  # a task's line: its TaskRow
# Each status its own sign in its own colour, beside the words: never colour alone.
STATUS_SIGNS = {
    "not_due": ("○", "#607d8b"),
    "due_soon": ("!", "#e65100"),
    "overdue": ("✗", "#b71c1c"),
    "done_on_time": ("✓", "#2e7d32"),
    "done_late": ("✓", "#e65100"),
    "cancelled": ("–", "#757575"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("meeting_conclusions", text)


def status_icon(status: str, size: int = 16) -> QIcon:
    """A round badge with the status's sign (see :data:`STATUS_SIGNS`)."""
    sign, colour = STATUS_SIGNS.get(status, ("", "#9e9e9e"))
    return badge_icon(sign, colour, size)


def badge_icon(sign: str, colour: str, size: int = 16) -> QIcon:
    """A round badge of ``colour`` with ``sign`` in white."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(size - 5)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, sign)
    painter.end()
    return QIcon(pixmap)


def task_text(t: TaskRow) -> str:
    """One task in full, for the line under the tree."""
    parts = [_tr("Giao cho: {who}").format(who=t.assignee)]
    if t.focal_unit:
        parts.append(_tr("đầu mối: {unit}").format(unit=t.focal_unit))
    if t.deadline_as_given:  # the conclusion's; an extension since is said beside it
        parts.append(_tr("thời hạn: {day}").format(day=display_value(t.deadline_as_given)))
    if t.given_deadline is not None:
        parts.append(_tr("gia hạn đến {day}").format(day=display_value(t.deadline)))
    status = t.status_label + (
        _tr(" ({n} ngày)").format(n=t.days_overdue) if t.days_overdue else ""
    )
    parts.append(status)
    return f"{t.content} — " + "; ".join(parts) + "."


def _deadline_cell(t: TaskRow) -> str:
    """The deadline in force, marked when an extension replaced the conclusion's."""
    day = display_value(t.deadline)
    return f"{day} ↻" if t.given_deadline is not None else day


def counts_text(conclusions: tuple[ConclusionRow, ...]) -> str:
    """``3 kết luận, 5 nhiệm vụ: 1 quá hạn, 2 sắp đến hạn``."""
    tasks = [t for c in conclusions for t in c.tasks]
    if not conclusions:
        return _tr("Chưa có kết luận nào.")
    text = _tr("{c} kết luận, {t} nhiệm vụ").format(c=len(conclusions), t=len(tasks))
    parts = []
    for status in ("overdue", "due_soon", "done_on_time", "done_late"):
        n = sum(t.status == status for t in tasks)
        if n:
            label = next(t.status_label for t in tasks if t.status == status)
            parts.append(f"{n} {label.lower()}")
    return text + (": " + ", ".join(parts) if parts else "") + "."


# Nội dung (stretches), Giao cho, Đơn vị đầu mối, Thời hạn, Tình trạng: the widths wanted.
COLUMN_WIDTHS = (0, 150, 115, 80, 150)
# The columns that narrow when the pane is narrow (whom to, the focal unit: cut at their end,
# whole in the tooltip and the text below); the deadline and the status keep what they need.
SHRINKING = (1, 2)
KEPT = {3: 80, 4: 125}
CONTENT_SHARE = 0.4
MIN_COLUMN = 60


class ConclusionsSection(MeetingSection):
    """Kết luận (see the module doc)."""

    title = _tr("Kết luận")
    key = "conclusions"
    session_wanted = Signal(int)  # "Mở phiên làm việc": the id of the session to show

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("conclusionTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [_tr("Nội dung"), _tr("Giao cho"), _tr("Đơn vị đầu mối"), _tr("Thời hạn"),
             _tr("Tình trạng")]
        )
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate(COLUMN_WIDTHS):
            if width:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.tree.setColumnWidth(col, width)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(lambda *_: self.edit())
        self.tree.currentItemChanged.connect(lambda *_: self.show_current())
        self.tree.installEventFilter(self)
        self.layout_.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)  # Alt+N of the section lands in the tree
        # The whole text of the line selected (the tree elides long conclusions and tasks).
        self.full_text = QLabel(self)
        self.full_text.setObjectName("conclusionText")
        self.full_text.setWordWrap(True)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.full_text.setFrameShape(QFrame.Shape.StyledPanel)
        self.full_text.setMargin(4)
        self.layout_.addWidget(self.full_text)
        self.counts = QLabel(self)
        self.counts.setObjectName("conclusionCounts")
        self.counts.setWordWrap(True)
        self.layout_.addWidget(self.counts)
        row = QHBoxLayout()
        self.add_button = self.push(_tr("Thêm kết luận… (Insert)"), "addConclusion", self.add)
        self.edit_button = self.push(_tr("Sửa… (Enter)"), "editConclusion", self.edit)
        self.remove_button = self.push(
            _tr("Bỏ kết luận… (Del)"), "removeConclusion", self.remove
        )
        self.session_button = self.push(
            _tr("Mở phiên làm việc (Ctrl+Shift+T)"), "openServingSession", self.open_session
        )
        self.session_menu: QMenu | None = None  # several sessions serve the line: pick one
        for b in (self.add_button, self.edit_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.session_button)
        self.layout_.addLayout(row)
        self.update_buttons()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The task's "Nội dung" keeps :data:`CONTENT_SHARE` of the width: in a narrow pane
        (1366×768) the other columns give way, each cut at its end, rather than leaving the
        task some 40 px ("Rà soát…")."""
        # The tree's own width: its viewport is laid out after this section's resize.
        width = self.tree.width() - 2 * self.tree.frameWidth()
        wanted = sum(COLUMN_WIDTHS[col] for col in SHRINKING)
        room = width - int(width * CONTENT_SHARE) - sum(KEPT.values())
        factor = min(1.0, max(room, 0) / wanted)
        narrow = factor < 1.0
        for col in SHRINKING:
            self.tree.setColumnWidth(col, max(MIN_COLUMN, int(COLUMN_WIDTHS[col] * factor)))
        for col, kept in KEPT.items():
            self.tree.setColumnWidth(col, kept if narrow else COLUMN_WIDTHS[col])

    # -- showing -------------------------------------------------------------------------------
    def show_meeting(self, detail: MeetingDetail | None) -> None:
        keep = self.current_id()
        super().show_meeting(detail)
        self.tree.clear()
        conclusions = detail.conclusions if detail else ()
        for c in conclusions:
            top = QTreeWidgetItem([f"{c.order}. {c.text}"])
            top.setData(0, ID_ROLE, c.id)
            top.setToolTip(0, "\n".join(x for x in (c.text, sessions_text(c.sessions)) if x))
            if c.sessions:
                top.setIcon(0, badge_icon(*MARK))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            for t in c.tasks:
                top.addChild(self.task_item(c.id, t))
            top.setExpanded(True)
        self.counts.setText(counts_text(conclusions) if detail else "")
        if keep is not None:
            self.select(keep)
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.show_current()

    def task_item(self, conclusion_id: int, t: TaskRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [t.content, t.assignee, t.focal_unit, _deadline_cell(t), t.status_label]
        )
        item.setData(0, ID_ROLE, conclusion_id)
        item.setData(0, TASK_ROLE, t)
        item.setIcon(4, status_icon(t.status))
        tip = [t.content, _tr("Giao cho: {who}").format(who=t.assignee)]
        if t.focal_unit:
            tip.append(_tr("Đơn vị đầu mối: {unit}").format(unit=t.focal_unit))
        if t.days_overdue:
            tip.append(_tr("Quá hạn {n} ngày").format(n=t.days_overdue))
        if t.sessions:
            tip.append(sessions_text(t.sessions))
            item.setIcon(0, badge_icon(*MARK))
        for col in range(5):
            item.setToolTip(col, "\n".join(tip))
        if t.status == "overdue":
            item.setForeground(4, Qt.GlobalColor.darkRed)
        return item

    def show_current(self) -> None:
        """The full text of the conclusion selected, and of its task when a task is."""
        c = self.current()
        item = self.tree.currentItem()
        task = item.data(0, TASK_ROLE) if item is not None else None
        text = ""
        if c is not None:
            text = _tr("Kết luận {order}: {text}").format(order=c.order, text=c.text)
            if task is not None:
                text += "\n" + _tr("Nhiệm vụ: {task}").format(task=task_text(task))
            if self.current_sessions():
                text += "\n" + sessions_text(self.current_sessions())
        self.full_text.setText(text)
        self.full_text.setVisible(bool(text))
        self.update_buttons()

    def current_sessions(self) -> tuple[SessionLink, ...]:
        """The sessions serving the line selected: its task's, or its conclusion's."""
        item = self.tree.currentItem()
        task = item.data(0, TASK_ROLE) if item is not None else None
        if task is not None:
            return task.sessions
        c = self.current()
        return c.sessions if c is not None else ()

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def current(self) -> ConclusionRow | None:
        cid = self.current_id()
        found = [c for c in self.detail.conclusions if c.id == cid] if self.detail else []
        return found[0] if found else None

    def select(self, conclusion_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ID_ROLE) == conclusion_id:
                self.tree.setCurrentItem(item)
                return

    def can_add(self) -> bool:
        d = self.detail
        return d is not None and d.status in EDITABLE and datetime.now() >= d.starts_at

    def update_buttons(self) -> None:
        d = self.detail
        editable = d is not None and d.status in EDITABLE
        self.add_button.setEnabled(self.can_add())
        self.edit_button.setEnabled(editable and self.current() is not None)
        self.remove_button.setEnabled(editable and self.current() is not None)
        links = self.current_sessions()
        self.session_button.setEnabled(bool(links))
        self.session_button.setToolTip(
            sessions_text(links) if links else _tr("Không có phiên làm việc nào phục vụ dòng này.")
        )
        if d is not None and not editable:
            tip = _tr("Cuộc họp “{status}”: kết luận đã khóa (mở lại biên bản để sửa).").format(
                status=d.status_label
            )
        elif d is not None and not self.can_add():
            tip = _tr("Cuộc họp chưa bắt đầu: chưa ghi kết luận được.")
        else:
            tip = ""
        for b in (self.add_button, self.edit_button, self.remove_button):
            b.setToolTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Delete):
                self.remove()
                return True
            if event.key() == Qt.Key.Key_Insert:
                self.add()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit()
                return True
            shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            if event.key() == Qt.Key.Key_T and event.modifiers() == shift_ctrl:
                self.open_session()
                return True
        return super().eventFilter(watched, event)

    # -- acting --------------------------------------------------------------------------------
    def open_session(self) -> QMenu | None:
        """Show the session serving the line in the Tổ công tác tab; when several do, a menu
        (arrow keys and Enter) picks one."""
        links = self.current_sessions()
        if len(links) == 1:
            self.session_wanted.emit(links[0].id)
            return None
        if not links:
            return None
        where = self.session_button.mapToGlobal(self.session_button.rect().bottomLeft())
        self.session_menu = sessions_menu(self, links, self.session_wanted.emit, where)
        return self.session_menu

    def add(self) -> ConclusionDialog | None:
        if self.detail is None or not self.can_add():
            return None
        from ..dialogs.conclusion_dialog import ConclusionDialog  # when first opened

        dialog = ConclusionDialog(self.host.db, self.detail, None, self.window())
        self.host.open_dialog(dialog)
        return dialog

    def edit(self) -> ConclusionDialog | None:
        c, d = self.current(), self.detail
        if c is None or d is None or d.status not in EDITABLE:
            return None
        from ..dialogs.conclusion_dialog import ConclusionDialog

        dialog = ConclusionDialog(self.host.db, d, c.id, self.window())
        self.host.open_dialog(dialog)
        return dialog

    def remove(self) -> None:
        c, d = self.current(), self.detail
        if c is None or d is None or d.status not in EDITABLE:
            return
        text = c.text if len(c.text) <= 200 else c.text[:199] + "…"
        tasks = (
            _tr(" cùng {n} nhiệm vụ của nó").format(n=len(c.tasks)) if c.tasks else ""
        )
        db, cid, version = self.host.db, c.id, c.version
        self.host.confirm(
            _tr("Bỏ kết luận"),
            _tr("Bỏ kết luận {order}{tasks}?\n\n{text}").format(
                order=c.order, tasks=tasks, text=text
            ),
            lambda **confirmed: core_conclusions.remove_conclusion(
                db, cid, expected_version=version, **confirmed
            ),
            yes_text=_tr("Bỏ kết luận"),
        )
