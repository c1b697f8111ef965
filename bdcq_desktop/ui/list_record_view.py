"""A filtered list beside the record pane of its current row: the meetings and the working
group's sessions.

A :class:`ListRecordView` is a :class:`.record_view.RecordView` whose table has filter combo
boxes over it and a :class:`.record_pane.RecordPane` beside it, in a splitter whose sizes are
remembered. A subclass builds its columns, filters and actions, then::

    self.set_list(table, (self.year_filter, self.kind_filter))  # after RecordTable(...)
    ...                                                          # its actions
    self.set_pane(MeetingRecordPane(self, self), stretch=(1, 1), sizes=[620, 700])

and says how a record is read (:meth:`read_detail`) and shown (:meth:`show_detail`). The base
keeps the selected record read once per selection and version (:meth:`detail`), a notice line
under the splitter (:meth:`say`), the keys Alt+0 (the list) and Alt+1… (the pane's sections),
and opens the document dialog of the selected record (:meth:`open_documents`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLayout, QSplitter, QWidget

from ..core.db import Database
from ..core.errors import BcdError
from . import view_state
from .export_actions import DocumentSource, open_document_dialog, record_ref
from .list_tab import RecordTable, tab_chain
from .record_pane import RecordPane
from .record_view import RecordView, make_action


class ListRecordView(RecordView):
    """List with filters, record pane beside it, notice line below; see the module's text."""

    deferred_current = True  # the record pane reads the whole record

    #: The documents' record type of a row (``meeting``, ``session``).
    record_type = ""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self._detail: Any = None
        # Why the selected record could not be read: (its id, the core's message).
        self._unreadable: tuple[int, str] | None = None
        self.splitter: QSplitter
        self.pane: RecordPane
        self.document_source: DocumentSource

    # -- building ------------------------------------------------------------------------------
    def filter_combo(self, name: str, items: list[tuple[Any, str]], everything: str) -> QComboBox:
        """A filter of the list: ``everything`` first (no filter), then ``items``' labels with
        their codes; choosing one reloads."""
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, getattr(value, "value", value))
        combo.currentIndexChanged.connect(lambda _i: self.reload())
        return combo

    def set_list(self, table: RecordTable, filters: Sequence[QComboBox]) -> None:
        """Use ``table`` with ``filters`` beside its search box, in the splitter's left side."""
        for combo in filters:
            table.add_top_widget(combo)
        table.search.setMinimumWidth(180)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(table)
        self.set_table(table, self.splitter)
        self.document_source = DocumentSource(table, self.record_type)

    def set_pane(self, pane: RecordPane, *, stretch: tuple[int, int], sizes: list[int]) -> None:
        """Put ``pane`` (with all its sections) beside the list, then the notice line and the
        section keys; the splitter's sizes are remembered under the table's name."""
        self.pane = pane
        self.splitter.addWidget(pane)
        # Explicit minimums below the two sides' natural ones, so the main window can be made
        # narrower than both side by side (a 1024-pixel screen, a window beside another): the
        # filters and the sections' tabs are then clipped, not the window pushed off screen.
        self.table.setMinimumWidth(320)
        pane.setMinimumWidth(300)
        self.splitter.setStretchFactor(0, stretch[0])
        self.splitter.setStretchFactor(1, stretch[1])
        self.splitter.setSizes(sizes)
        key = self.table.key
        view_state.restore_splitter(key, self.splitter)
        self.splitter.splitterMoved.connect(lambda *_: view_state.save_splitter(key, self.splitter))
        self.add_notice()
        # Tab as the eye reads: the toolbar's own controls and the lines above the list (made
        # after the list, they followed it), the search line, the list, then the pane.
        above = [w for w in self.toolbar.findChildren(QWidget) if _takes_tab(w)]
        above += [w for w in _layout_widgets(self.layout_) if _takes_tab(w)
                  and not self.splitter.isAncestorOf(w) and w is not self.splitter]  # fmt: skip
        if above:
            tab_chain([*above, self.table.search])
            tab_chain([self.table.search, *self.table.top_widgets(), self.table.view])
        # Named as the guide's Phím tắt lists them (ui/guide_window.py reads these actions).
        make_action(self, self.tr("Về danh sách"), self.table.view.setFocus, "focusList", "Alt+0")
        for i in range(min(pane.sections.count(), 9)):
            make_action(
                self,
                self.tr("Mục {title}").format(title=pane.sections.tabText(i).replace("&", "")),
                lambda i=i: pane.show_section(i),
                f"section{i + 1}",
                f"Alt+{i + 1}",
            )
        self.update_actions(None)

    # -- the record ----------------------------------------------------------------------------
    def read_detail(self, record_id: int) -> Any:
        """The record of ``record_id`` in full (a core call); raises ``BcdError`` if gone."""
        raise NotImplementedError

    def show_detail(self, detail: Any) -> None:
        """Show ``detail`` (``None``: no record) in the pane."""
        raise NotImplementedError

    def detail(self, row: Any) -> Any:
        """The selected record in full (read once per selection and version)."""
        if row is None:
            return None
        d = self._detail
        if d is None or d.id != row.id or d.version != row.version:
            from ..core.read_scope import reading

            try:
                with reading():  # only a read: its refusal does not say "Chưa lưu được gì."
                    d = self.read_detail(row.id)
                self._unreadable = None
            except BcdError as exc:  # said in the pane (show_current), not an empty pane
                d = None
                self._unreadable = (row.id, exc.message)
            self._detail = d
        return d

    def _enable_row_actions(self, row: Any) -> None:
        super()._enable_row_actions(row)
        if row is not None and self._unreadable is not None and self._unreadable[0] == row.id:
            # The pane says the record could not be read: Sửa, Hủy họp… on the stale row
            # would only be refused in turn (F5 reads the list again).
            for action, _when in self._row_actions:
                action.setEnabled(False)

    def current_detail(self) -> Any:
        return self.detail(self.table.current_row())

    def reload(self) -> None:
        self._detail = None
        super().reload()

    def after_save(self, result: Any = None) -> None:
        self._detail = None  # an issued document changes the record without its version
        super().after_save(result)

    def show_current(self, row: Any) -> None:
        pane = getattr(self, "pane", None)  # the actions are placed before the pane exists
        if pane is not None:
            detail = self.detail(row)
            self.show_detail(detail)
            unreadable = self._unreadable
            if detail is None and row is not None and unreadable and unreadable[0] == row.id:
                # Deleted or changed elsewhere since the list was read: an empty pane under
                # a row that is still listed looked like a record with nothing in it.
                pane.show_unreadable(
                    unreadable[1],
                    self.tr("Danh sách có thể đã cũ: bấm F5 (Làm mới) để đọc lại."),
                )

    # -- actions -------------------------------------------------------------------------------
    def open_documents(self, kind: str | None) -> QWidget | None:
        """The document dialog for the selected record, at ``kind``; an issue there (a
        convocation: the record becomes convened) refreshes the list and the record."""
        row = self.table.current_row()
        ref = record_ref(self.record_type, row)
        if ref is None:
            return None
        dialog = open_document_dialog(self, self.db, ref, kind=kind)
        record_id = row.id
        dialog.issued.connect(lambda _rec: self.after_save(record_id))
        self.last_dialog = dialog
        return None  # already shown


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets of ``layout`` and of the layouts in it, in their order on the screen."""
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out += _layout_widgets(item.layout())
    return out


def fill_years(combo: QComboBox, years: list[int]) -> None:
    """A year filter (its first item: every year) offers ``years``, keeping the one chosen."""
    have = [combo.itemData(i) for i in range(1, combo.count())]
    if have != years:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for y in years:
            combo.addItem(str(y), y)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
