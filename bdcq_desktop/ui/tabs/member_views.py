"""The committee and working-group rosters (two instances of :class:`MembershipView`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...core import members, roster_io
from ...core.db import Database, output_path
from ...core.errors import BcdError
from ...core.text import person_sort_key, short_date
from .. import io_actions, messages, view_state
from ..dialogs import member_dialogs
from ..dialogs.import_dialog import ImportPreviewDialog
from ..dialogs.reorganise_dialog import ReorganiseDialog
from ..list_tab import RecordTable
from ..record_dialog import RecordDialog
from ..table_model import Column


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[[], Any],
    name: str,
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    """A QAction whose shortcut works while the focus is inside ``parent`` (one sub-view)."""
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def confirm_delete_person(view: Any, person_id: int, full_name: str) -> None:
    """Ask, then delete a person who has no history; ``view`` reloads and emits ``changed``.

    Shared by every view that lists people (the core refuses anyone with history anyway)."""

    def delete() -> None:
        try:
            members.delete_person(view.db, person_id)
        except BcdError as exc:
            messages.show_error(view, exc)
            return
        view.reload()
        view.changed.emit()

    view.last_dialog = messages.confirm(
        view,
        view.tr("Xóa người"),
        view.tr("Xóa hẳn {name} khỏi danh sách? Không thể hoàn tác.").format(name=full_name),
        delete,
        yes_text=view.tr("Xóa"),
        destructive=True,
    )


def _decision(number: str, day: date | None) -> str:
    if number and day:
        return f"{number} ngày {short_date(day)}"
    return number or (short_date(day) if day else "")


def _end_text(r: members.MemberRow) -> str:
    if r.end_date is None:
        return ""
    return f"{short_date(r.end_date)} — QĐ {_decision(r.end_decision_number, r.end_decision_date)}"


class MembershipView(QWidget):
    """A roster: search, sort, show former members, add / edit / end / reorganise, and for the
    committee import, export and the import template. ``changed`` after every save."""

    changed = Signal()

    def __init__(self, db: Database, body: str = "committee", parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.body = db, body
        self.key = "committee" if body == "committee" else "group"
        self.setObjectName("committeeView" if body == "committee" else "workingGroupView")
        self.last_dialog: QWidget | None = None
        ranks = members.ROLE_RANK if body == "committee" else members.GROUP_RANK
        rank = {r.value: i for r, i in ranks.items()}
        columns = [
            Column("#", self.tr("TT"), 40),
            Column(
                "full_name",
                self.tr("Họ và tên"),
                180,
                sort_key=lambda r: person_sort_key(r.full_name),
            ),
            Column(
                "role_label",
                self.tr("Vai trò"),
                150,
                sort_key=lambda r: (rank.get(r.role, 99), person_sort_key(r.full_name)),
                searchable=False,  # the search covers name, position, agency, field and area
            ),
            Column("position", self.tr("Chức vụ"), 190),
            Column("unit", self.tr("Cơ quan"), 230),
            Column("field", self.tr("Lĩnh vực phụ trách"), 200),
            Column("area", self.tr("Địa bàn phụ trách"), 160),
            Column("phone", self.tr("Điện thoại"), 110, searchable=False),
            Column("email", self.tr("Email"), 200, searchable=False),
            Column(
                "decision_number",
                self.tr("Quyết định"),
                150,
                searchable=False,
                tooltip=lambda r: self.tr("Quyết định {decision}; từ {start}").format(
                    decision=_decision(r.decision_number, r.decision_date) or "—",
                    start=short_date(r.start_date),
                ),
            ),
            Column(
                "end_date",
                self.tr("Thôi từ"),
                230,
                searchable=False,
                value=_end_text,
                sort_key=lambda r: r.end_date or date.min,
            ),
        ]
        self.end_column = len(columns) - 1
        self.show_former = QCheckBox(self.tr("Hiện cả thành viên cũ"), self)
        self.show_former.setObjectName("showFormer")
        self.show_former.setChecked(view_state.bool_value(f"{self.key}/showFormer"))
        self.table = RecordTable(
            self.key,
            columns,
            self._load,
            placeholder=self.tr("Tìm theo tên, chức vụ, cơ quan, lĩnh vực, địa bàn… (Ctrl+F)"),
            muted=lambda r: not r.active,
            default_sort=(0, Qt.SortOrder.AscendingOrder),
            select_first=True,
        )
        self.table.add_top_widget(self.show_former)
        self.details = QLabel(self)
        self.details.setObjectName("memberDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMargin(6)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([520, 120])
        view_state.restore_splitter(self.key, self.splitter)
        self.splitter.splitterMoved.connect(
            lambda *_: view_state.save_splitter(self.key, self.splitter)
        )
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet("color: #1b5e20;")

        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.notice)
        self.show_former.toggled.connect(self._on_show_former)
        self.table.activated.connect(lambda _row: self.edit_current())
        self.table.current_changed.connect(self._on_current)
        self.table.view.setColumnHidden(self.end_column, not self.show_former.isChecked())
        self._on_current(None)

    # -- building ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        committee = self.body == "committee"
        self.new_action = make_action(
            self, self.tr("Thêm thành viên…"), self.new_member, "newAction", "Ctrl+N"
        )
        self.edit_action = make_action(self, self.tr("Sửa…"), self.edit_current, "editAction")
        self.edit_action.setToolTip(self.tr("Sửa thông tin (Enter hoặc nhấp đúp)"))
        self.end_action = make_action(
            self, self.tr("Thôi làm thành viên…"), self.end_current, "endAction"
        )
        # Delete acts on the table only, so it never steals the key from the search box.
        self.end_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.end_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.removeAction(self.end_action)
        self.table.view.addAction(self.end_action)
        self.delete_action = make_action(
            self,
            self.tr("Xóa người nhập nhầm"),
            self.delete_current,
            "deleteAction",
            tip=self.tr("Chỉ xóa được người chưa có lịch sử; người đã tham gia thì cho thôi."),
        )
        self.reorganise_action = make_action(
            self, self.tr("Kiện toàn…"), self.reorganise, "reorganiseAction"
        )
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName(f"{self.key}Toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_action, self.edit_action, self.end_action, self.delete_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.reorganise_action)
        if committee:
            self.import_action = make_action(
                self, self.tr("Nhập từ Excel/CSV…"), self.import_roster, "importAction"
            )
            self.export_action = make_action(
                self, self.tr("Xuất danh sách…"), self.export_roster, "exportAction"
            )
            self.template_action = make_action(
                self, self.tr("Tải tệp mẫu…"), self.save_template, "templateAction"
            )
            self.toolbar.addSeparator()
            for action in (self.import_action, self.export_action, self.template_action):
                self.toolbar.addAction(action)
        self.table.add_context_actions(
            [
                self.edit_action,
                self.end_action,
                self.delete_action,
                None,
                self.new_action,
                self.reorganise_action,
            ]
        )

    # -- data ----------------------------------------------------------------------------------
    def _load(self) -> list[members.MemberRow]:
        include = self.show_former.isChecked()
        if self.body == "committee":
            return members.list_committee(self.db, include_former=include)
        return members.list_group(self.db, include_former=include)

    def reload(self) -> None:
        self.table.reload()
        self._on_current(self.table.current_row())

    def focus_search(self) -> None:
        self.table.focus_search()

    def _on_show_former(self, checked: bool) -> None:
        view_state.save_value(f"{self.key}/showFormer", checked)
        self.table.view.setColumnHidden(self.end_column, not checked)
        self.reload()

    def _on_current(self, row: members.MemberRow | None) -> None:
        has_row = row is not None
        self.edit_action.setEnabled(has_row)
        self.end_action.setEnabled(has_row and row.active)  # type: ignore[union-attr]
        self.delete_action.setEnabled(
            has_row and not members.has_history(self.db, row.person_id)  # type: ignore[union-attr]
        )
        self.details.setText(self._details_html(row) if row is not None else "")

    def _details_html(self, row: members.MemberRow) -> str:
        e = escape
        parts = [f"<b>{e(row.full_name)}</b> — {e(row.role_label)}"]
        if row.position or row.unit:
            parts[0] += f", {e(', '.join(x for x in (row.position, row.unit) if x))}"
        facts = [
            (self.tr("Lĩnh vực"), row.field),
            (self.tr("Địa bàn"), row.area),
            (self.tr("Điện thoại"), row.phone),
            (self.tr("Email"), row.email),
        ]
        parts.append(" · ".join(f"{e(k)}: {e(v)}" for k, v in facts if v))
        history = members.list_memberships(self.db, row.person_id, body=self.body)
        for m in history:
            line = self.tr("{role} từ {start}").format(
                role=m.role_label, start=short_date(m.start_date)
            )
            if m.decision_number:
                line += self.tr(" (QĐ {d})").format(d=_decision(m.decision_number, m.decision_date))
            if m.end_date:
                line += self.tr(" đến {end} (QĐ {d})").format(
                    end=short_date(m.end_date),
                    d=_decision(m.end_decision_number, m.end_decision_date),
                )
            parts.append("• " + e(line))
        return "<br>".join(p for p in parts if p)

    # -- actions -------------------------------------------------------------------------------
    def _open(self, dialog: QWidget, select_id: Callable[[Any], Any] | None = None) -> None:
        """Open ``dialog`` without blocking; after a save reload and select the saved row."""
        self.last_dialog = dialog
        if isinstance(dialog, RecordDialog):
            dialog.saved.connect(lambda result: self._after_save(result, select_id))
        dialog.open()

    def _after_save(self, result: Any, select_id: Callable[[Any], Any] | None) -> None:
        self.reload()
        wanted = select_id(result) if select_id else result
        if isinstance(wanted, int):
            self.table.select_where(lambda r: r.id == wanted)
        self.changed.emit()

    def new_member(self) -> None:
        self._open(member_dialogs.new_member_dialog(self.db, self.body, self))

    def edit_current(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self._open(member_dialogs.edit_member_dialog(self.db, row, self.body, self))

    def end_current(self) -> None:
        row = self.table.current_row()
        if row is not None and row.active:
            self._open(member_dialogs.end_membership_dialog(self.db, row, self.body, self))

    def delete_current(self) -> None:
        row = self.table.current_row()
        if row is None or members.has_history(self.db, row.person_id):
            return

        confirm_delete_person(self, row.person_id, row.full_name)

    def reorganise(self) -> None:
        self._open(ReorganiseDialog(self.db, self.body, self), select_id=lambda _r: None)

    # -- files ---------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.notice.setText(text)

    def import_roster(self) -> None:
        path = io_actions.choose_open_path(
            self,
            self.tr("Nhập danh sách thành viên"),
            self.tr("Bảng tính (*.xlsx *.csv)"),
            "roster-import",
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        """Check the file in the background, then show every row and its problems."""

        def show(preview: roster_io.ImportPreview) -> None:
            dialog = ImportPreviewDialog(self.db, preview, path, self)
            dialog.applied.connect(self._after_import)
            self.last_dialog = dialog
            dialog.open()

        io_actions.run_job(
            self,
            self.tr("Đang đọc tệp…"),
            lambda _report: roster_io.preview_import(self.db, path),
            on_done=show,
        )

    def _after_import(self, count: int) -> None:
        self.reload()
        self.changed.emit()
        self.say(self.tr("Đã nhập {n} dòng.").format(n=count))

    def export_roster(self) -> None:
        path = io_actions.choose_save_path(
            self,
            self.tr("Xuất danh sách thành viên"),
            self.tr("danh-sach-thanh-vien.xlsx"),
            io_actions.SPREADSHEET_FILTERS,
            "roster-export",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        include = self.show_former.isChecked()
        io_actions.run_job(
            self,
            self.tr("Đang xuất danh sách…"),
            lambda _report: roster_io.export_roster(
                self.db, output_path(path, self.db), include_former=include
            ),
            on_done=lambda n: self.say(
                self.tr("Đã xuất {n} thành viên ra {path}.").format(n=n, path=path)
            ),
        )

    def save_template(self) -> None:
        path = io_actions.choose_save_path(
            self,
            self.tr("Lưu tệp mẫu để nhập"),
            self.tr("mau-nhap-thanh-vien.xlsx"),
            io_actions.SPREADSHEET_FILTERS,
            "roster-template",
        )
        if path:
            self.save_template_to(path)

    def save_template_to(self, path: str) -> None:
        io_actions.run_job(
            self,
            self.tr("Đang tạo tệp mẫu…"),
            lambda _report: roster_io.save_template(output_path(path, self.db)),
            on_done=lambda _r: self.say(self.tr("Đã lưu tệp mẫu: {path}.").format(path=path)),
        )
