"""A list of records with its actions: the pattern every tab's list follows.

A view is a toolbar over a :class:`.RecordTable`. A subclass gives the table and declares its
actions; the base does the rest the same way everywhere::

    class ExpertsView(RecordView):
        def __init__(self, db, parent=None):
            super().__init__(db, parent)
            self.set_table(RecordTable("experts", columns, lambda: members.list_experts(db)))
            self.new_action = self.add_action(
                self.tr("Thêm…"), lambda: member_dialogs.person_dialog(db, self), "newAction",
                "Ctrl+N",
            )
            self.edit_action = self.add_row_action(
                self.tr("Sửa…"), lambda row: member_dialogs.person_dialog(db, self, person=row),
                "editAction", default=True,
            )
            self.place_actions([self.new_action, self.edit_action])

* An action's function returns the dialog to open (not yet shown) or ``None``. The view opens
  it without blocking (``view.last_dialog`` is the one open, for tests) and, when it emits
  ``saved(result)``, reloads, selects the saved record (``result`` is its id; a record that
  left the list leaves its neighbour selected) and emits ``changed``. The dialog's save is
  one core call (see :mod:`bdcq_desktop.core`).
* A row action acts on the current row and is enabled only when there is one and
  ``when(row)`` holds; ``when`` reads the row (``row.has_history``, ``row.active``), never the
  database, because it runs on every change of selection.
* ``default=True`` makes an action what Enter and a double click do.
* A refusal of the core is shown (:meth:`refused`); one because the record changed or went
  meanwhile also reloads the list, so the next try starts from what is there now.
* ``changed`` tells the tab, and through it the main window, that data other views show may
  have changed (a person added here changes a unit's head count there).
* :meth:`add_notice` puts a line under the view for what an action did (:meth:`say`); it is
  cleared when another row is selected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QToolBar, QVBoxLayout, QWidget

from ..core.errors import BcdError, ConfirmationRequired, ConflictError, NotFoundError
from ..core.read_scope import reading
from . import messages
from .list_tab import RecordTable

if TYPE_CHECKING:
    from ..core.db import Database

Shortcut = QKeySequence | QKeySequence.StandardKey | str

NOTICE_STYLE = "color: #1b5e20;"  # what an action did: the green of the app's other notices
# What was refused (text that is no date): red and bold, as the attendance's message line says
# a refusal (tabs/meeting_attendance.ERROR_STYLE). Said in green, it read as done.
REFUSAL_STYLE = "color: #b71c1c; font-weight: bold;"


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[[], Any],
    name: str,
    shortcut: Shortcut | None = None,
    tip: str = "",
) -> QAction:
    """A QAction whose shortcut works while the focus is inside ``parent`` (one sub-view). What
    the core refuses in ``slot`` is shown in a box (:func:`.messages.guarded`)."""
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(messages.guarded(slot, parent))
    parent.addAction(action)
    return action


class RecordView(QWidget):
    """Toolbar, table, actions that open dialogs, refresh after a save, ``changed``."""

    changed = Signal()
    #: A form opened here asked for a roster first (``committee`` or ``group``): nobody on it
    #: can chair or convene what the form makes (:mod:`.dialogs.people_needed`).
    members_wanted = Signal(str)

    #: True in a view whose current row takes a core call to show (a record pane): on a
    #: reload (a tab opened, the data refreshed) the rows are painted first and the pane is
    #: filled on the next turn of the event loop. A row the user selects, or a record just
    #: saved, is shown at once.
    deferred_current = False
    #: What the list holds, for the hint of an empty list ("Chưa có thành viên nào."); the
    #: hint names the view's own add and import actions (see :meth:`empty_hint`).
    empty_what = ""
    #: What one row is, when :attr:`empty_what` does not say it ("người" for a list of
    #: "chuyên gia, khách mời"): names a record another officer deleted (:meth:`gone_text`).
    record_what = ""

    def __init__(self, db: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # None while a start shows its first screen before the database is open (see
        # ..core.first_screen): the rows can be read, searched and sorted, every action waits.
        self.db = db
        self.last_dialog: QWidget | None = None
        self._current_timer: QTimer | None = None
        self._reloading = False
        self._updates = 0  # calls of update_actions: whether a reload already showed its row
        self.table: RecordTable
        self.notice: QLabel | None = None  # see add_notice
        self._notice_row: Any = None
        self._row_actions: list[tuple[QAction, Callable[[Any], bool] | None]] = []
        self._default_action: QAction | None = None
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.toolbar)

    # -- building ------------------------------------------------------------------------------
    def set_table(self, table: RecordTable, holder: QWidget | None = None) -> None:
        """Use ``table``; ``holder`` (a splitter with a details pane) goes in the layout
        instead of the table itself."""
        self.table = table
        table.activated.connect(lambda _row: self._activate())
        table.current_changed.connect(self.update_actions)
        self.layout_.addWidget(holder or table, 1)

    def add_action(
        self,
        text: str,
        run: Callable[[], QWidget | None],
        name: str,
        shortcut: Shortcut | None = None,
        *,
        tip: str = "",
    ) -> QAction:
        """An action that needs no row (add, import): ``run()`` returns the dialog to open."""
        return make_action(self, text, lambda: self._open(run), name, shortcut, tip)

    def add_row_action(
        self,
        text: str,
        run: Callable[[Any], QWidget | None],
        name: str,
        shortcut: Shortcut | None = None,
        *,
        tip: str = "",
        when: Callable[[Any], bool] | None = None,
        default: bool = False,
        table_only: bool = False,
    ) -> QAction:
        """An action on the current row: ``run(row)`` returns the dialog to open (or opens a
        confirmation itself with :meth:`confirm` and returns ``None``). Call after
        :meth:`set_table`. ``table_only`` keeps the shortcut on the table (Delete must not
        reach a search box)."""

        def trigger() -> None:
            row = self.table.current_row()
            if row is not None and (when is None or when(row)):
                self._open(lambda: run(row), row)

        action = make_action(self, text, trigger, name, shortcut, tip)
        if table_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.removeAction(action)
            self.table.view.addAction(action)
        self._row_actions.append((action, when))
        if default:
            self._default_action = action
        action.setEnabled(False)
        return action

    def add_notice(self) -> QLabel:
        """The notice line, at the bottom of the view so far (call after :meth:`set_table`):
        what an action did, said with :meth:`say` ("Đã nhập 12 dòng."). It stays while the
        row it was said on is selected, across reloads, and goes when another row is, as the
        attendance and the minutes clear theirs when another meeting is shown."""
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.layout_.addWidget(self.notice)
        self.table.current_changed.connect(self._clear_notice_if_moved)
        return self.notice

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the notice line (see :meth:`add_notice`); ``error``: what the
        officer asked was refused (in red, :data:`REFUSAL_STYLE`), as the attendance's
        message line takes it."""
        if self.notice is None:
            return
        row = self.table.current_row()
        self._notice_row = None if row is None else self.table.row_key(row)
        style = REFUSAL_STYLE if error else NOTICE_STYLE
        if self.notice.styleSheet() != style:
            self.notice.setStyleSheet(style)
        self.notice.setText(text)

    def refuse(self, text: str) -> None:
        """Say on the notice line that what was asked was refused (:meth:`say`, in red)."""
        self.say(text, error=True)

    def clear_refusal(self) -> None:
        """Take a refusal off the notice line (what was refused is corrected); a notice of what
        was done stays."""
        if self.notice is not None and self.notice.styleSheet() == REFUSAL_STYLE:
            self.notice.clear()

    def _clear_notice_if_moved(self, row: Any) -> None:
        notice = self.notice
        if notice is not None and notice.text():
            key = None if row is None else self.table.row_key(row)
            if key != self._notice_row:
                notice.clear()

    def place_actions(
        self, toolbar: Sequence[QAction | None], context: Sequence[QAction | None] = ()
    ) -> None:
        """Put actions on the toolbar and in the table's right-click menu (``None``: a line)."""
        if self.db is None:  # built before the database is open: every action waits for it
            for action in self._own_actions():
                if action.isEnabled():
                    action.setEnabled(False)
                    action.setProperty("waitsForDatabase", True)
        for action in toolbar:
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.table.add_context_actions(context)
        self.table.set_empty_hint(self.empty_hint([a for a in toolbar if a is not None]))
        self.update_actions(self.table.current_row())

    def empty_hint(self, actions: Sequence[QAction]) -> str:
        """``Chưa có thành viên nào. Thêm thành viên (Ctrl+N) hoặc Nhập từ Excel/CSV.``: the
        next step of an empty list, from the view's add and import actions (one rule for every
        list, the wording following the actions as they are named)."""
        what = self.empty_what or self.tr("dòng")
        steps = []
        for action in actions:
            if action.objectName() not in ("newAction", "importAction"):
                continue
            name = action.text().replace("&", "").rstrip(".…")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            steps.append(f"{name} ({keys})" if keys else name)
        text = self.tr("Chưa có {what} nào.").format(what=what)
        if steps:
            text += " " + self.tr("{steps}.").format(steps=self.tr(" hoặc ").join(steps))
        return text

    # -- behaviour -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._reloading = True
        try:
            with reading():  # the list and the record shown: a refusal says they were not read
                self.table.reload()
                self.update_actions(self.table.current_row())
        finally:
            self._reloading = False

    def focus_search(self) -> None:
        self.table.focus_search()

    def update_actions(self, row: Any) -> None:
        """Enable the row actions for ``row`` (``None``: no current row) and show it (on a
        reload, once the rows are painted if :attr:`deferred_current`)."""
        self._updates += 1
        self._enable_row_actions(row)
        if not (self.deferred_current and self._reloading):
            if self.current_pending():
                self._current_timer.stop()  # type: ignore[union-attr]
            with reading():  # a record shown only reads (a row picked, a save's row)
                self.show_current(row)
            self._enable_row_actions(row)  # a condition on the record just read sees it now
            return
        if self._current_timer is None:
            self._current_timer = QTimer(self)
            self._current_timer.setSingleShot(True)
            self._current_timer.setInterval(0)
            self._current_timer.timeout.connect(self._show_deferred)
        self._current_timer.start()

    def _enable_row_actions(self, row: Any) -> None:
        for action, when in self._row_actions:
            action.setEnabled(
                self.db is not None and row is not None and (when is None or when(row))
            )

    def _own_actions(self) -> list[QAction]:
        """The actions this view made (:func:`make_action`), not those of its table."""
        return self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)

    def attach(self, db: Database) -> None:
        """The database is open (the view was built before it, see :attr:`db`): the actions
        that need no row are enabled, the row actions follow the current row."""
        self.db = db
        row_actions = {action for action, _ in self._row_actions}
        for action in self._own_actions():
            if action not in row_actions and action.property("waitsForDatabase"):
                action.setEnabled(True)
                action.setProperty("waitsForDatabase", None)
        self.update_actions(self.table.current_row())

    def _show_deferred(self) -> None:
        row = self.table.current_row()  # the latest: several changes may have piled up
        with reading():  # on a timer, out of the reload's scope: a refusal is a read's
            self.show_current(row)
        self._enable_row_actions(row)  # a condition on the record just read sees it now

    def current_pending(self) -> bool:
        """True while the current row waits to be shown (see :attr:`deferred_current`)."""
        return self._current_timer is not None and self._current_timer.isActive()

    def show_current(self, row: Any) -> None:
        """Override to show the current row elsewhere (a details pane)."""

    def open_dialog(self, dialog: QWidget, row: Any = None) -> None:
        """Open ``dialog`` without blocking; after its ``saved`` refresh (:meth:`after_save`).
        Closed, it is deleted: a form kept as a hidden child of the view after each use held
        its widgets for the rest of the day (a change log opened: 29 widgets, 1.6 MB).
        ``row``: the row it edits; its save refused as not found reloads the list and says
        so when the row went (:meth:`gone_text`)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        if row is not None and hasattr(dialog, "not_found"):
            dialog.not_found = lambda exc: self.gone_text(exc, row, typed=True)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(self.after_save)
            # After the reload, so the line stays with the record saved (see add_notice). A
            # weak reference: the dialog is deleted on close, its Python side with it.
            ref = weakref.ref(dialog)
            saved.connect(lambda _result: self._say_saved(ref()))
        needed = getattr(dialog, "people_needed", None)
        if needed is not None:
            needed.wanted.connect(self.members_wanted)
        if isinstance(dialog, QDialog):
            dialog.open()
        else:
            dialog.show()

    def _say_saved(self, dialog: QWidget | None) -> None:
        """What the save of ``dialog`` did beyond its form (its ``done_notice``), on the notice
        line."""
        text = getattr(dialog, "done_notice", "")
        if text:
            self.say(text)

    def after_save(self, result: Any = None) -> None:
        """Something was saved: reload, select the saved record if ``result`` is its id (else
        keep the current row, or the one now in its place), and tell the others."""
        updates = self._updates
        # Saved: what follows only reads, and a refusal met now must not say "Chưa lưu được gì."
        with reading():
            self.table.reload()
            if isinstance(result, int) and not isinstance(result, bool):
                self.table.select_where(lambda r: self.table.row_key(r) == result)
            # The reload, or the selection, made the row current again, which showed it: shown
            # a second time, a meeting's pane was drawn twice and its sections read twice.
            if self._updates == updates:
                self.update_actions(self.table.current_row())
        self.changed.emit()

    def confirm(
        self, title: str, text: str, do: Callable[..., Any], *, yes_text: str = ""
    ) -> QMessageBox:
        """Ask before a change that needs no form (delete); on yes ``do()``, then refresh.
        A refusal from the core is shown in a message; "Không" is the default answer. When
        the core asks a question of its own (ConfirmationRequired) and ``do`` takes keywords,
        it is asked next, and a yes calls ``do(parameter=True)``, as a record dialog does."""

        def yes(confirmed: dict[str, bool]) -> None:
            try:
                do(**confirmed)
            except ConfirmationRequired as exc:
                if (
                    exc.parameter
                    and exc.parameter not in confirmed
                    and messages.accepts_keyword(do, exc.parameter)
                ):
                    again = {**confirmed, exc.parameter: True}
                    box = messages.confirm(
                        self,
                        self.tr("Cần xác nhận"),
                        exc.message,
                        lambda: yes(again),
                        yes_text=self.tr("Vẫn lưu"),
                        destructive=True,
                    )
                    box.setObjectName("confirmationQuestion")
                    self.last_dialog = box
                    return
                self.refused(exc)
                return
            except BcdError as exc:
                self.refused(exc)
                return
            self.after_save()

        box = messages.confirm(
            self, title, text, lambda: yes({}), yes_text=yes_text, destructive=True
        )
        self.last_dialog = box
        return box

    def refused(self, exc: BcdError, row: Any = None) -> QMessageBox:
        """Show the core's refusal of an action taken from the list (a delete, a confirmation,
        a one-click change, a form to open on ``row``). A record changed or deleted meanwhile
        (ConflictError, NotFoundError) also makes the list read again, the same record kept
        selected if it is still there, as an edit dialog offers its reload: the row on screen
        is the stale copy that was refused, and trying again from it would fail the same way.
        ``changed`` tells the other views, which show the same stale data."""
        if not isinstance(exc, (ConflictError, NotFoundError)):
            self.last_dialog = messages.show_error(self, exc)
            return self.last_dialog
        if isinstance(exc, NotFoundError) and row is not None:
            text = self.gone_text(exc, row, typed=False)
        else:
            self._reload_stale()
            text = exc.message + "\n\n" + self._reloaded_text()
        self.last_dialog = messages.show_message(
            self, self.tr("Dữ liệu vừa thay đổi"), text, warning=True
        )
        self.last_dialog.setObjectName("reloadedBox")
        return self.last_dialog

    def _reload_stale(self) -> None:
        self.reload()
        self.changed.emit()

    def _reloaded_text(self) -> str:
        return self.tr(
            "Danh sách đã được tải lại với dữ liệu mới nhất: hãy xem lại, rồi làm lại nếu vẫn "
            "cần."
        )

    def gone_text(self, exc: NotFoundError, row: Any, *, typed: bool) -> str:
        """What to say when the core did not find what an action on ``row`` needs: the list
        is read again, and if ``row`` is no longer in it, another officer deleted it meanwhile,
        said by its name (the core can only say "không tìm thấy … có mã 51", an id the officer
        never sees); else a record it names went, said as the core says it. ``typed``: a form's
        save, whose typing stays on screen."""
        key = self.table.row_key(row)
        self._reload_stale()
        if self.table.model.find_row(lambda r: self.table.row_key(r) == key) >= 0:
            return exc.message + "\n\n" + self._reloaded_text()
        what = self.record_label(row)
        if typed:
            return self.tr(
                "{what} vừa bị người khác xóa trong lúc bạn đang sửa: chưa lưu được gì. Những "
                "gì bạn đã nhập vẫn còn ở đây (có thể chép ra trước khi đóng); danh sách đã được "
                "tải lại."
            ).format(what=what)
        return self.tr("{what} vừa bị người khác xóa. Danh sách đã được tải lại.").format(
            what=what
        )

    def record_label(self, row: Any) -> str:
        """``Thành viên “Nguyễn Văn A”``: what ``row`` is (:attr:`record_what`, else
        :attr:`empty_what`) and its name, for a message about it."""
        what = self.record_what or self.empty_what or self.tr("bản ghi")
        name = next(
            (
                value
                for attr in ("full_name", "name", "title", "content")
                if isinstance(value := getattr(row, attr, None), str) and value.strip()
            ),
            "",
        )
        if len(name) > 60:  # a task's content: the start names it
            name = name[:57].rstrip() + "…"
        label = f"{what} “{name}”" if name else what
        return label[:1].upper() + label[1:]

    def _open(self, build: Callable[[], QWidget | None], row: Any = None) -> None:
        """Open the dialog an action builds (``row``: the row it acts on). Building it reads
        the database: a refusal then (the server gone, the record deleted by another officer
        since the list was read) is shown as the core's refusal (:meth:`refused`), not
        raised as a defect. It only reads (:func:`...core.read_scope.reading`): its refusal
        does not say "Chưa lưu được gì."; an action that saves at once marks its save
        (:func:`...core.read_scope.saving`)."""
        try:
            with reading():
                dialog = build()
        except BcdError as exc:
            self.refused(exc, row)
            return
        if dialog is not None:
            self.open_dialog(dialog, row)

    def _activate(self) -> None:
        if self._default_action is not None and self._default_action.isEnabled():
            self._default_action.trigger()
