"""Where the document dialog is opened from: the rows of the meetings, working-group sessions
and reports tables (context menu), and the main window (menu Tệp › Văn bản, and a toolbar).

A tab hooks in with one line, ``self.document_source = add_document_actions(self, table,
"meeting")``; the main window asks the current tab's ``document_source`` which record is
selected, and offers the whole-database documents (roster, tasks) when none is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from .list_tab import RecordTable

if TYPE_CHECKING:
    # Only for the annotations: the dialog pulls in the document engine and reportlab, which
    # are imported when a document is first asked for, not while the window starts.
    from ..core.db import Database
    from .dialogs.document_dialog import DocumentDialog
    from .dialogs.numbering_dialog import NumberingDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("export_actions", text)


@dataclass(frozen=True)
class RecordRef:
    """A record documents can be made of: its type (``meeting``, ``session``, ``round``), id
    and a label for the dialog's heading."""

    record_type: str
    record_id: int
    label: str


def record_ref(record_type: str, row: Any) -> RecordRef | None:
    """The ``RecordRef`` of a table row (a ``MeetingRow``, ``SessionRow``, ``RoundRow``…)."""
    if row is None or getattr(row, "id", None) is None:
        return None
    label = str(getattr(row, "title", "") or "")
    when = getattr(row, "starts_at", None) or getattr(row, "starts_on", None)
    if isinstance(when, datetime):
        when = when.date()
    if isinstance(when, date):
        label = f"{label} ({when:%d/%m/%Y})" if label else f"{when:%d/%m/%Y}"
    return RecordRef(record_type, int(row.id), label)


def open_document_dialog(
    parent: QWidget | None,
    db: Database,
    ref: RecordRef | None = None,
    *,
    kind: str | None = None,
    listed: tuple[Mapping[str, object], str] | None = None,
) -> DocumentDialog:
    """Open (without blocking) the document dialog for ``ref``, or for the whole database
    (``listed``: the tasks a list shows, offered as the report's scope)."""
    from .dialogs.document_dialog import DocumentDialog

    dialog = DocumentDialog(
        db,
        ref.record_type if ref else None,
        ref.record_id if ref else None,
        ref.label if ref else "",
        kind=kind,
        listed=listed,
        parent=parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class DocumentSource:
    """The current record of one tab's table, for the main window's document action."""

    def __init__(self, table: RecordTable, record_type: str) -> None:
        self.table = table
        self.record_type = record_type

    def current(self) -> RecordRef | None:
        return record_ref(self.record_type, self.table.current_row())


def add_document_actions(tab: Any, table: RecordTable, record_type: str) -> DocumentSource:
    """Add "Văn bản…" to the context menu of ``table``'s rows; ``tab.db`` is the database."""
    source = DocumentSource(table, record_type)
    action = QAction(_tr("Văn bản (xem, ban hành, xuất PDF)…"), table.view)
    action.setObjectName("documentsAction")

    def open_for_current() -> None:
        ref = source.current()
        if ref is not None:
            open_document_dialog(tab, tab.db, ref)

    action.triggered.connect(open_for_current)
    table.add_context_actions([action])
    return source


class DocumentActions(QObject):
    """The main window's document entries: a "Văn bản" menu and a toolbar.

    ``current_tab()`` returns the tab in front; its ``document_source`` (if any) says which
    record the documents are about. Made with ``db`` None (a start's first screen, before the
    database is open), the entries are there but disabled until :meth:`attach`.
    """

    # The numbers dialog was opened (the first-start notice about it goes), and saved (the
    # window says so).
    numbering_opened = Signal()
    numbering_saved = Signal()

    def __init__(
        self, window: QWidget, db: Database | None, current_tab: Callable[[], Any]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.current_tab = current_tab

        self.open_action = QAction(_tr("&Văn bản của mục đang chọn…"), window)
        self.open_action.setObjectName("openDocumentsAction")
        self.open_action.setIconText(_tr("Văn bản…"))  # the toolbar button's text
        self.open_action.setShortcut(QKeySequence.StandardKey.Print)
        self.open_action.setToolTip(
            _tr(
                "Xem trước, ban hành và xuất PDF văn bản của cuộc họp, phiên làm việc hoặc đợt "
                "báo cáo đang chọn"
            )
        )
        self.open_action.triggered.connect(self.open_for_current)
        self.roster_action = QAction(_tr("Danh sách &thành viên Ban Chỉ đạo…"), window)
        self.roster_action.setObjectName("rosterDocumentAction")
        self.roster_action.setIconText(_tr("Danh sách thành viên"))
        self.roster_action.triggered.connect(lambda: self.open_kind("roster"))
        self.tasks_action = QAction(_tr("Báo cáo tình hình thực hiện &nhiệm vụ…"), window)
        self.tasks_action.setObjectName("tasksDocumentAction")
        self.tasks_action.setIconText(_tr("Báo cáo nhiệm vụ"))
        self.tasks_action.triggered.connect(lambda: self.open_kind("tasks"))

        self.numbering_action = QAction(_tr("Số đã cấp ngoài &phần mềm…"), window)
        self.numbering_action.setObjectName("numberingAction")
        self.numbering_action.setToolTip(
            _tr(
                "Số cuối của từng loại văn bản đã ban hành trên giấy năm nay, trước khi dùng "
                "phần mềm: văn bản tiếp theo lấy số sau số đó"
            )
        )
        self.numbering_action.triggered.connect(lambda _c=False: self.open_numbering())

        self.menu = QMenu(_tr("&Văn bản"), window)
        self.menu.setObjectName("documentsMenu")
        self.menu.addAction(self.open_action)
        self.menu.addSeparator()
        self.menu.addAction(self.roster_action)
        self.menu.addAction(self.tasks_action)
        self.menu.addSeparator()
        self.menu.addAction(self.numbering_action)

        self.toolbar = QToolBar(_tr("Văn bản"), window)
        self.toolbar.setObjectName("documentsToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.roster_action)
        self.toolbar.addAction(self.tasks_action)
        for action in self._actions():
            action.setEnabled(db is not None)

    def _actions(self) -> tuple[QAction, ...]:
        return (self.open_action, self.roster_action, self.tasks_action, self.numbering_action)

    def attach(self, db: Database) -> None:
        self.db = db
        for action in self._actions():
            action.setEnabled(True)

    def current_record(self) -> RecordRef | None:
        source = getattr(self.current_tab(), "document_source", None)
        return source.current() if isinstance(source, DocumentSource) else None

    def open_for_current(self) -> DocumentDialog:
        return open_document_dialog(self.window, self.db, self.current_record())

    def open_kind(self, kind: str) -> DocumentDialog:
        return open_document_dialog(self.window, self.db, None, kind=kind)

    def open_numbering(self) -> NumberingDialog:
        """Văn bản › Số đã cấp ngoài phần mềm…: this year's series, each one's floor typed in
        place."""
        from .dialogs.numbering_dialog import NumberingDialog

        dialog = NumberingDialog(self.db, self.window)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.numbering_saved)
        # Kept for whoever looks at it (the window's notice, the tests) until the next one.
        self.numbering_dialog = dialog
        dialog.open()
        self.numbering_opened.emit()
        return dialog
