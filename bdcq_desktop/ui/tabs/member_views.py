"""The committee and working-group rosters (two instances of :class:`MembershipView`).

A :class:`..record_view.RecordView` with a details pane: each action names the dialog it opens
(``member_dialogs``), whose save is one core call; the base refreshes and selects after it.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QLabel, QSplitter, QWidget

from ...core.member_rows import MemberRow, search_codes, search_words
from ...core.membership_rules import rank
from ...core.text import person_sort_key, short_date, vi_key
from .. import io_actions, view_state
from ..list_tab import RecordTable
from ..record_view import RecordView, make_action
from ..roster_day import RosterDay
from ..table_model import Column

if TYPE_CHECKING:
    from ...core.db import Database
    from ...core.first_screen import FirstScreen
    from ...core.roster_io import ImportPreview

# The dialogs, the spreadsheet files and the core's services are imported when first used:
# the committee roster is the first screen of a start, and its rows wait neither for them nor
# for the database layer (its first rows come from ..core.first_screen, see MembershipView).
def _members() -> ModuleType:
    from ...core import members

    return members


def _dialogs() -> ModuleType:
    from ..dialogs import member_dialogs

    return member_dialogs


def _roster_io() -> ModuleType:
    from ...core import roster_io

    return roster_io


def _output_path(path: str, db: Database) -> Path:
    from ...core.db import output_path

    return output_path(path, db)


def _tr(text: str) -> str:
    return QCoreApplication.translate("member_views", text)


def _decision(number: str, day: date | None) -> str:
    if number and day:
        return _tr("{number} ngày {day}").format(number=number, day=short_date(day))
    return number or (short_date(day) if day else "")


def _end_text(r: MemberRow) -> str:
    if r.end_date is None:
        return ""
    return _tr("{day} — QĐ {decision}").format(
        day=short_date(r.end_date), decision=_decision(r.end_decision_number, r.end_decision_date)
    )


class MembershipView(RecordView):
    """A roster: search, sort, show former members, the roster of a past day ("Tính đến
    ngày"), add / edit / end / reorganise, and for the committee import, export and the import
    template. ``changed`` after every save; ``meeting_wanted`` (a meeting's id) when the
    officer asks to see a meeting that still invites someone whose term was just ended."""

    empty_what = "thành viên"  # the empty list's hint (RecordView.empty_hint)
    meeting_wanted = Signal(int)

    def __init__(
        self, db: Database | None, body: str = "committee", parent: QWidget | None = None
    ):
        super().__init__(db, parent)
        # Set by the start while the database layer is being imported (db is None then): the
        # first read comes from the file through the standard library (see _load).
        self.first_screen: FirstScreen | None = None
        self.body = body
        self.key = "committee" if body == "committee" else "group"
        self.setObjectName("committeeView" if body == "committee" else "workingGroupView")
        self.toolbar.setObjectName(f"{self.key}Toolbar")
        self._history: dict[int, list[MemberRow]] = {}
        columns = [
            Column("#", self.tr("TT"), 40),
            # The search looks at the row as members list --search does, through the name
            # column (member_rows.search_words and search_codes): no other column is searched.
            Column(
                "full_name",
                self.tr("Họ và tên"),
                180,
                sort_key=lambda r: person_sort_key(r.full_name),
                search=lambda r: " ".join(search_words(r)),
                codes=lambda r: " ".join(search_codes(r)),
            ),
            Column(
                "role_label",
                self.tr("Vai trò"),
                150,
                sort_key=lambda r: (rank(body, r.role), person_sort_key(r.full_name)),
                searchable=False,
                # Read whole: a role's end is what tells it apart ("Phó Trưởng ban Thường
                # trực" cut to "Phó Trưởng ban Thư…" read as a plain Deputy Head).
                whole=True,
            ),
            Column("position", self.tr("Chức vụ"), 190, searchable=False),
            Column("unit", self.tr("Cơ quan"), 230, searchable=False),
            Column("field", self.tr("Lĩnh vực phụ trách"), 200, optional=True, searchable=False),
            Column("area", self.tr("Địa bàn phụ trách"), 160, optional=True, searchable=False),
            Column("phone", self.tr("Điện thoại"), 110, searchable=False),
            Column("email", self.tr("Thư điện tử"), 200, searchable=False),
            Column(
                "decision_number",
                self.tr("Quyết định"),
                150,
                searchable=False,
                # By the decision: its date (the start's if none), then its number as a
                # number (vi_key: 745 before 2197), not the text ("4007…" before "745…").
                sort_key=lambda r: (r.decision_date or r.start_date, vi_key(r.decision_number)),
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
        table = RecordTable(
            self.key,
            columns,
            self._load,
            placeholder=self.tr(
                "Tìm theo tên, chức vụ, cơ quan (cả tên viết tắt), lĩnh vực, địa bàn, "
                "số quyết định, điện thoại, thư điện tử… (Ctrl+F)"
            ),
            muted=lambda r: not r.active,
            default_sort=(0, Qt.SortOrder.AscendingOrder),
            select_first=True,
        )
        table.add_top_widget(self.show_former)
        # Not remembered: a start shows today's roster (its first screen is today's).
        self.day = RosterDay(self)
        table.add_top_widget(self.day)
        self.details = QLabel(self)
        self.details.setObjectName("memberDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMargin(6)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([520, 120])
        view_state.restore_splitter(self.key, self.splitter)
        self.splitter.splitterMoved.connect(
            lambda *_: view_state.save_splitter(self.key, self.splitter)
        )
        self.set_table(table, self.splitter)
        self.add_notice()
        self._build_actions()
        self.show_former.toggled.connect(self._on_show_former)
        self.day.changed.connect(self._on_day)
        self._today_hint = ""  # the empty list's hint of today's roster (set by place_actions)
        # Text that is no date is a refusal (in red), gone once the box reads as a day.
        self.day.refused.connect(self.refuse)
        self.day.read.connect(self.clear_refusal)
        self.table.view.setColumnHidden(self.end_column, not self.show_former.isChecked())

    # -- building ------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        body = self.body
        self.new_action = self.add_action(
            self.tr("Thêm thành viên…"),
            lambda: _dialogs().new_member_dialog(self.db, body, self),
            "newAction",
            "Ctrl+N",
        )
        self.edit_action = self.add_row_action(
            self.tr("Sửa…"),
            lambda row: _dialogs().edit_member_dialog(self.db, row, body, self),
            "editAction",
            tip=self.tr("Sửa thông tin (Enter hoặc nhấp đúp)"),
            default=True,
        )
        self.end_action = self.add_row_action(
            self.tr("Thôi làm thành viên…"),
            lambda row: _dialogs().end_membership_dialog(self.db, row, body, self),
            "endAction",
            QKeySequence.StandardKey.Delete,
            # Ended with a future date: still current, but already has its end.
            when=lambda row: row.active and row.end_date is None,
            table_only=True,  # Delete never steals the key from the search box
        )
        self.delete_action = self.add_row_action(
            self.tr("Xóa người nhập nhầm"),
            lambda row: _dialogs().confirm_delete_mistaken_member(self, row),
            "deleteAction",
            tip=self.tr(
                "Chỉ xóa được người nhập nhầm, chưa có cuộc họp, văn bản hay quyết định nào "
                "nhắc đến; người đã tham gia thì cho thôi làm thành viên."
            ),
            when=lambda row: row.deletable,
        )
        self.reorganise_action = self.add_action(
            self.tr("Kiện toàn…"), self._reorganise_dialog, "reorganiseAction"
        )
        self.history_action = self.add_row_action(
            self.tr("Lịch sử thay đổi…"),
            self._change_log_dialog,
            "historyAction",
            "Ctrl+Shift+H",
        )
        toolbar: list[QAction | None] = [
            self.new_action,
            self.edit_action,
            self.end_action,
            self.delete_action,
            None,
            self.reorganise_action,
        ]
        if body == "committee":
            self.import_action = make_action(
                self, self.tr("Nhập từ Excel/CSV…"), self.import_roster, "importAction"
            )
            self.export_action = make_action(
                self, self.tr("Xuất danh sách…"), self.export_roster, "exportAction"
            )
            self.template_action = make_action(
                self, self.tr("Tải tệp mẫu…"), self.save_template, "templateAction"
            )
            toolbar += [None, self.import_action, self.export_action, self.template_action]
        context = [
            self.edit_action,
            self.end_action,
            self.delete_action,
            self.history_action,
            None,
            self.new_action,
            self.reorganise_action,
        ]
        self.place_actions(toolbar, context)

    # -- data ----------------------------------------------------------------------------------
    def _load(self) -> list[MemberRow]:
        """The roster (of the day in "Tính đến ngày", today's if empty); every membership
        begun by then is read (one query) so the details pane can show a person's history
        without asking the database each time the selection moves."""
        on = self.day.day()
        if self.db is None:  # the start, before the database layer is imported
            rows = self.first_screen.roster(self.body) if self.first_screen else []
        elif self.body == "committee":
            rows = _members().list_committee(self.db, include_former=True, on=on)
        else:
            rows = _members().list_group(self.db, include_former=True, on=on)
        history: dict[int, list[MemberRow]] = {}
        for r in sorted(rows, key=lambda r: (r.start_date, r.id), reverse=True):
            history.setdefault(r.person_id, []).append(r)
        self._history = history
        return rows if self.show_former.isChecked() else [r for r in rows if r.active]

    def _on_day(self) -> None:
        """Another day in "Tính đến ngày": its roster; empty, it says nobody served then (not
        "add a member", which would add one today)."""
        day = self.day.day()
        self._today_hint = self._today_hint or self.table.empty_hint
        hint = self.tr("Tính đến ngày {day} chưa có thành viên nào.").format(
            day=short_date(day) if day else ""
        )
        self.table.set_empty_hint(self._today_hint if day is None else hint)
        self.reload()

    def _on_show_former(self, checked: bool) -> None:
        view_state.save_value(f"{self.key}/showFormer", checked)
        self.table.view.setColumnHidden(self.end_column, not checked)
        self.reload()

    def show_current(self, row: MemberRow | None) -> None:
        self.details.setText(self._details_html(row) if row is not None else "")

    def _details_html(self, row: MemberRow) -> str:
        e = escape
        parts = [f"<b>{e(row.full_name)}</b> — {e(row.role_label)}"]
        if row.position or row.unit:
            parts[0] += f", {e(', '.join(x for x in (row.position, row.unit) if x))}"
        facts = [
            (self.tr("Lĩnh vực"), row.field),
            (self.tr("Địa bàn"), row.area),
            (self.tr("Điện thoại"), row.phone),
            (self.tr("Thư điện tử"), row.email),
        ]
        parts.append(" · ".join(f"{e(k)}: {e(v)}" for k, v in facts if v))
        for m in self._history.get(row.person_id, []):
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
    def after_save(self, result: object = None) -> None:
        """As any save (the saved term selected), then, for an end or a kiện toàn, the
        meetings not yet held that still invite someone ended (not a question: the end is
        saved, and the officer decides what to do with the invitation)."""
        invited = getattr(result, "still_invited", ())
        super().after_save(getattr(result, "membership_id", result))
        if invited:
            go = self.meeting_wanted.emit
            self.last_dialog = _dialogs().tell_still_invited(self, invited, go)

    def new_member(self) -> None:
        self.new_action.trigger()

    def focus_add(self) -> None:
        """The focus on "Thêm thành viên…" (the first step of a new file's roster)."""
        button = self.toolbar.widgetForAction(self.new_action)
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_current(self) -> None:
        self.edit_action.trigger()

    def _reorganise_dialog(self) -> QWidget:
        from ..dialogs.reorganise_dialog import ReorganiseDialog

        return ReorganiseDialog(self.db, self.body, self)

    def _change_log_dialog(self, row: MemberRow) -> QWidget:
        from ..dialogs.change_log_dialog import ChangeLogDialog

        return ChangeLogDialog(
            self.db,
            f"{self.body}_membership",
            row.id,
            related=[("person", row.person_id)],
            title=row.full_name,
            parent=self,
        )

    # -- files ---------------------------------------------------------------------------------
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

        from ..dialogs.import_dialog import ImportPreviewDialog, read_preview

        def show(preview: ImportPreview) -> None:
            # One preview kept at a time (a file of 5,000 rows holds its model and table): the
            # previous one goes now, once closed (it stays open while its file is written).
            previous = getattr(self, "import_preview", None)
            if previous is not None and not previous.isVisible():
                previous.deleteLater()
            dialog = self.import_preview = ImportPreviewDialog(self.db, preview, path, self)
            dialog.applied.connect(self._after_import)
            self.last_dialog = dialog
            dialog.open()

        io_actions.run_job(
            self,
            self.tr("Đang đọc tệp…"),
            lambda _report: read_preview(self.db, path),
            on_done=show,
        )

    def _after_import(self, count: int) -> None:
        self.after_save()
        dialog = getattr(self, "import_preview", None)
        renamed = dialog.preview.renamed if dialog is not None else 0
        if renamed:  # a key given under another name renamed its person: said, never silent
            self.say(
                self.tr("Đã nhập {n} dòng; {k} người đổi họ tên.").format(n=count, k=renamed)
            )
        else:
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
        include, on = self.show_former.isChecked(), self.day.day()  # what the list shows
        io_actions.run_job(
            self,
            self.tr("Đang xuất danh sách…"),
            lambda _report: _roster_io().export_roster(
                self.db, _output_path(path, self.db), include_former=include, on=on
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
            lambda _report: _roster_io().save_template(_output_path(path, self.db)),
            on_done=lambda _r: self.say(self.tr("Đã lưu tệp mẫu: {path}.").format(path=path)),
        )
