"""The meeting room's record, carried on a USB stick (:mod:`..core.room_record`): on the
laptop, "Xuất biên ghi phòng họp…" saves the selected meeting's record; at the office,
"Nhập biên ghi từ phòng họp…" reads a file, shows what it changes and the conflicts with what
the office changed meanwhile (its rows highlighted, each choice reached by Tab), lets the officer
choose per conflict, and applies it with one core call, run in the background as the other
imports are (:func:`.io_actions.run_job`); refused because the office changed the meeting
while the preview was open, it offers the preview read again, the choices still valid kept.
The window is thin: every rule is the core's."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import BcdError, ConflictError, IssuedNoticeWarning
from ..core.read_scope import reading
from ..core.room_fork import OFFICE, ROOM, WALK_IN
from ..core.room_merge import RoomPreview, apply_meeting_record, preview_meeting_record
from ..core.room_record import RoomRecord, change_kind_label
from ..core.room_times import DOUBT, DOUBT_WHY
from . import io_actions, messages
from .dialog_base import Dialog
from .io_actions import choose_open_path, choose_save_path

FILTERS = "Biên ghi phòng họp (*.bcdhop)"
# A conflict's row: the warm yellow of the other conflict dialogs (conflict_dialog), with the
# kind in bold, so that the rows to decide stand out of a long list of plain changes.
CONFLICT_COLOUR = QColor(255, 243, 205)
SKIPPED_COLOUR = QColor(110, 110, 110)
# The note after the preview was read again: the light blue of information, apart from the
# conflicts' yellow (the rows it names are those to look at, not the note).
NOTICE_STYLE = (
    "QLabel#previewNotice { background: #e8f0fe; border: 1px solid #8ab4f8; border-radius: 3px;"
    " padding: 4px 6px; }"
)


# What each side a conflict offers is called in its choice box.
SIDE_LABELS = {ROOM: "Bản phòng họp", OFFICE: "Bản văn phòng", WALK_IN: "Ghi là người dự thêm"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("room_record", text)


def _cut(text: str, n: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= n else line[: n - 1] + "…"


class RoomImportDialog(Dialog):
    """The preview of a room record: one row per change, a choice per conflict; "Nhập"
    applies it (one core call), the choices as ``resolve``.

    The dialog may stay open a while (the officer reads the conflicts, asks the secretary):
    the office may change the meeting meanwhile (a check-in at the office), and the apply,
    guarded by the version the preview read, is then refused whole. The officer is told so
    and offered the preview read again (:meth:`reread`): a choice is kept only where its
    conflict still shows the same two texts, since one chosen between other texts was not
    chosen at all."""

    def __init__(
        self, db: Any, record: RoomRecord, preview: RoomPreview, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.record, self.preview = db, record, preview
        self.result_applied: Any = None
        self.setWindowTitle(_tr("Nhập biên ghi từ phòng họp"))
        layout = QVBoxLayout(self)
        self.head = QLabel(self)
        self.head.setWordWrap(True)
        layout.addWidget(self.head)
        # After a re-read: that it happened and which choices are new, kept or to make again.
        self.notice = QLabel(self)
        self.notice.setObjectName("previewNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [_tr("Loại"), _tr("Nội dung"), _tr("Văn phòng hiện có"), _tr("Phòng họp ghi"),
             _tr("Giữ")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        # Tab goes from the table to each choice, then to the buttons (not cell by cell).
        self.table.setTabKeyNavigation(False)
        self.choices: dict[str, QComboBox] = {}
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The place named, the office's and the room's texts share the width: a long
        # conclusion's name took it all and left its two versions cut to a few words.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # "Giữ" as wide as its choice box: sized to its contents it took the width of a long
        # "Không nhập: …" reason, or, empty, only its header's and was cut at the right edge.
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        probe = QComboBox()  # never shown: only its width is read
        probe.addItems([_tr("— chọn —"), *(_tr(label) for label in SIDE_LABELS.values())])
        header.resizeSection(4, max(probe.sizeHint().width() + 12, 170))
        probe.deleteLater()
        self.table.setWordWrap(True)
        # Each row as tall as its wrapped texts, kept so as the columns stretch.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        # One choice for all the conflicts, as `room-import --prefer` makes it (the core says
        # which: a doubtful time, or what the office deleted, is never the room's for all); at
        # the left, apart from Nhập and Hủy, which close the dialog.
        row = QHBoxLayout()
        self.room_all = QPushButton(_tr("Bản &phòng họp cho mọi xung đột"), self)
        self.office_all = QPushButton(_tr("Bản &văn phòng cho mọi xung đột"), self)
        self.room_all.setToolTip(_tr("Trừ giờ không hợp lệ và chỗ văn phòng đã xóa: những chỗ "
                                     "đó chọn riêng."))  # fmt: skip
        for button, side in ((self.room_all, ROOM), (self.office_all, OFFICE)):
            button.setAutoDefault(False)  # Enter stays "Nhập"
            button.clicked.connect(lambda _=False, side=side: self.prefer(side))
            row.addWidget(button)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(self)
        accept = QDialogButtonBox.ButtonRole.AcceptRole
        self.apply_button = self.buttons.addButton(_tr("&Nhập"), accept)
        self.cancel_button = self.buttons.addButton(
            _tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        # Enter applies once every conflict is chosen (a choice box does not take Enter).
        self.apply_button.setDefault(True)
        self._busy = False
        self.resize(1200, 600)  # within a 1366×768 screen, its taskbar below
        self._fill(preview, {})

    def _fill(self, preview: RoomPreview, kept: Mapping[str, str]) -> None:
        """Show ``preview``, its conflicts chosen as ``kept`` (key → room/office) where given."""
        self.preview = preview
        self.head.setText(
            _tr("Cuộc họp: <b>{title}</b><br>{what}").format(
                title=escape(preview.title), what=escape(head_text(preview)))
        )  # fmt: skip
        self.table.setRowCount(0)  # the rows read before go, their choice boxes with them
        self.table.setRowCount(len(preview.changes))
        self.choices = {}
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, change in enumerate(preview.changes):
            values = (change_kind_label(change.kind), change.what,
                      # A conflict's two versions whole: they often differ at the end.
                      _cut(change.before, 600 if change.conflict else 160),
                      _cut(change.after, 600 if change.conflict else 160))  # fmt: skip
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value if col < 2 else (change.before, change.after)[col - 2])
                if change.conflict:
                    item.setBackground(CONFLICT_COLOUR)
                    if col == 0:
                        item.setFont(bold)
                        flag = _tr("Giờ không hợp lệ") if change.doubt else _tr("Xung đột")
                        item.setText(_tr("{flag}: {kind}").format(flag=flag, kind=value))
                        if change.doubt:
                            item.setToolTip(_tr(DOUBT))
                    if col == 3 and change.doubt:
                        # The kind column is narrow: the why is said beside the room's time.
                        said = _tr("({doubt}: {why})").format(doubt=_tr(DOUBT_WHY),
                                                              why=change.doubt)  # fmt: skip
                        item.setText(f"{value}\n{said}")
                        item.setToolTip(f"{change.after}\n{said}")
                elif change.skipped:
                    item.setForeground(SKIPPED_COLOUR)
                self.table.setItem(row, col, item)
            if change.skipped:
                note = QTableWidgetItem(_tr("Không nhập: {why}").format(why=change.skipped))
                note.setFlags(note.flags() & ~Qt.ItemFlag.ItemIsEditable)
                note.setToolTip(note.text())
                note.setForeground(SKIPPED_COLOUR)
                self.table.setItem(row, 4, note)
            elif change.conflict:
                box = QComboBox(self.table)
                if not change.default:  # else its default stands until another is chosen
                    box.addItem(_tr("— chọn —"), "")
                for side in change.options:
                    box.addItem(_tr(SIDE_LABELS[side]), side)
                box.setAccessibleName(_tr("Giữ bên nào: {what}").format(what=change.what))
                chosen = kept.get(change.key, change.default)
                box.setCurrentIndex(max(0, box.findData(chosen)))
                box.currentIndexChanged.connect(self._update)
                self.table.setCellWidget(row, 4, box)
                self.choices[change.key] = box
            else:
                self.table.setItem(row, 4, QTableWidgetItem(_tr("Bản phòng họp")))
        for button in (self.room_all, self.office_all):
            button.setVisible(bool(self.choices))
        chain = [self.table, *self.choices.values(), self.room_all, self.office_all,
                 self.apply_button, self.cancel_button]  # fmt: skip
        for before, after in itertools.pairwise(chain):
            self.setTabOrder(before, after)
        self._update()

    def prefer(self, side: str) -> None:
        """Choose ``side`` for every conflict a choice for all may decide (the core's
        :meth:`~..core.room_merge.RoomPreview.preferring`); the focus goes to the first
        choice still to make, else to "Nhập"."""
        for key, chosen in self.preview.preferring(side).items():
            box = self.choices.get(key)
            if box is not None:
                box.setCurrentIndex(box.findData(chosen))
        left = [box for box in self.choices.values() if not box.currentData()]
        (left[0] if left else self.apply_button).setFocus()

    def resolve(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.choices.items() if box.currentData()}

    def _update(self) -> None:
        applicable = any(not c.skipped for c in self.preview.changes)
        chosen = len(self.resolve()) == len(self.choices)
        self.apply_button.setEnabled(applicable and chosen and not self._busy)

    def apply(self, confirm_after_notice: bool = False) -> None:
        """One core call, in the background behind the progress dialog (the whole import is
        one transaction; a long record of a long day takes its time)."""
        if self._busy or not self.apply_button.isEnabled():
            return
        db, record, version = self.db, self.record, self.preview.version
        resolve = self.resolve()
        self._busy = True
        self._update()

        def work(_report: Any) -> Any:
            return apply_meeting_record(db, record, expected_version=version, resolve=resolve,
                                        confirm_after_notice=confirm_after_notice)  # fmt: skip

        io_actions.run_job(self, _tr("Đang nhập biên ghi phòng họp…"), work,
                           on_done=self._applied, on_error=self._failed)  # fmt: skip

    def _applied(self, result: Any) -> None:
        self._busy = False
        self.result_applied = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self._update()
        if isinstance(exc, IssuedNoticeWarning):
            box = messages.confirm(self, _tr("Cần xác nhận"), exc.message,
                                   lambda: self.apply(confirm_after_notice=True),
                                   yes_text=_tr("Vẫn nhập"), destructive=True)  # fmt: skip
            box.setObjectName("confirmationQuestion")
            return
        if isinstance(exc, ConflictError):
            # The only version the import checks is the meeting's, read with the preview: the
            # office saved the meeting since. The core's "người khác sửa… tải lại" would leave
            # the officer wondering whether part of the record went in, and how to reload.
            self._offer_reread()
            return
        messages.show_error(self, exc, _tr("Không nhập được biên ghi"))

    def _offer_reread(self) -> QMessageBox:
        text = _tr(
            "Chưa nhập gì. Văn phòng đã sửa cuộc họp “{title}” sau khi bản xem trước này được "
            "mở (ví dụ: điểm danh một người tại văn phòng), nên bản xem trước không còn đúng "
            "với dữ liệu của văn phòng.\n\nXem lại bản xem trước theo dữ liệu mới nhất? Lựa "
            "chọn giữ bên nào của bạn được giữ ở những xung đột vẫn như cũ; chỗ văn phòng vừa "
            "sửa lại và xung đột mới cần chọn lại, rồi bấm Nhập."
        ).format(title=self.preview.title)
        box = messages.confirm(self, _tr("Cuộc họp vừa được sửa ở văn phòng"), text,
                               self.reread, yes_text=_tr("Xem lại bản xem trước"))  # fmt: skip
        box.setIcon(QMessageBox.Icon.Warning)
        box.setObjectName("stalePreviewBox")
        return box

    def reread(self) -> None:
        """Read the preview again (one core call, in the background as the apply is) and show
        it, the choices made kept where their conflict is unchanged (:func:`kept_choices`)."""
        if self._busy:
            return
        db, record = self.db, self.record
        self._busy = True
        self._update()

        def work(_report: Any) -> RoomPreview:
            with reading():  # on the job's thread (its own read scope): a preview only reads
                return preview_meeting_record(db, record)

        io_actions.run_job(self, _tr("Đang đọc lại biên ghi phòng họp…"), work,
                           on_done=self._reread, on_error=self._reread_failed)  # fmt: skip

    def _reread(self, fresh: RoomPreview) -> None:
        self._busy = False
        kept, said = kept_choices(self.preview, self.resolve(), fresh)
        self._fill(fresh, kept)
        self.notice.setText(said)
        self.notice.show()
        # The first choice still to make, in view and with the focus: the officer goes on
        # from there (the list of a long day runs past the dialog's height).
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 4)
            if isinstance(box, QComboBox) and not box.currentData():
                self.table.scrollToItem(self.table.item(row, 0))
                box.setFocus()
                return
        self.apply_button.setFocus()

    def _reread_failed(self, exc: Exception) -> None:
        self._busy = False
        self._update()
        messages.show_error(self, exc, _tr("Không đọc lại được biên ghi"))

    def reject(self) -> None:
        if not self._busy:  # the import goes on: the dialog stays to say how it ended
            super().reject()


def head_text(preview: RoomPreview) -> str:
    """The line above the list: what it holds, each case worded as it is (no "0 xung đột"),
    and with nothing to import, why."""
    changes = preview.changes
    if not changes:
        return _tr("Biên ghi này không có gì mới so với văn phòng: không có gì để nhập.")
    skipped = [c for c in changes if c.skipped]
    if len(skipped) == len(changes):
        reasons = sorted({c.skipped for c in skipped})
        return _tr("Không có gì nhập được: {why}.").format(why="; ".join(reasons))
    if preview.newer_import is not None:
        # Before the counts: why every row of it is a choice.
        older = _tr("Tệp này cũ hơn tệp đã nhập từ máy phòng họp (xuất lúc {at}): mỗi chỗ "
                    "khác đều cần chọn giữ bên nào. ").format(
            at=f"{preview.newer_import:%H:%M %d/%m/%Y}")  # fmt: skip
    else:
        older = ""
    conflicts = sum(1 for c in changes if c.conflict and not c.doubt and not c.default)
    deleted = sum(1 for c in changes if c.default and WALK_IN not in c.options)
    doubts = sum(1 for c in changes if c.doubt)
    parts = [_tr("{n} thay đổi").format(n=len(changes) - len(skipped))]
    if skipped:
        parts.append(_tr("{n} không nhập được (xem lý do ở cột Giữ)").format(n=len(skipped)))
    if conflicts:
        parts.append(_tr("{n} xung đột (văn phòng cũng đã sửa cùng chỗ sau khi chép sang máy "
                         "phòng họp: chọn giữ bên nào)").format(n=conflicts))  # fmt: skip
    if deleted:
        parts.append(_tr("{n} chỗ văn phòng đã xóa sau khi chép mà phòng họp vẫn còn (để đã "
                         "xóa, trừ khi chọn Bản phòng họp)").format(n=deleted))  # fmt: skip
    taken_off = sum(1 for c in changes if c.conflict and WALK_IN in c.options)
    if taken_off:
        parts.append(_tr("{n} người văn phòng đã bỏ khỏi danh sách mà phòng họp điểm danh có "
                         "mặt (không ghi, trừ khi chọn Ghi là người dự thêm)").format(
            n=taken_off))  # fmt: skip
    if doubts:
        parts.append(_tr("{n} giờ không hợp lệ (máy phòng họp có thể sai giờ: chỉ nhập khi "
                         "chọn giữ bản phòng họp)").format(n=doubts))  # fmt: skip
    return older + ", ".join(parts) + "."


def kept_choices(
    before: RoomPreview, chosen: Mapping[str, str], fresh: RoomPreview
) -> tuple[dict[str, str], str]:
    """The choices of ``chosen`` (made on ``before``) that still hold on ``fresh``, the preview
    read again, and the note that says so. A choice holds where its conflict shows the same two
    texts (the office's, the room's): the office having changed that place again, the officer
    chose between texts no longer there, and chooses again. The note names the conflicts new
    on ``fresh``, those to choose again and those gone, and counts the choices kept."""
    was = {c.key: c for c in before.conflicts}
    now = {c.key for c in fresh.conflicts}
    kept: dict[str, str] = {}
    new, again = [], []
    for change in fresh.conflicts:
        old = was.get(change.key)
        if old is None:
            new.append(change.what)
        elif change.key in chosen:
            if (old.before, old.after) == (change.before, change.after):
                kept[change.key] = chosen[change.key]
            else:
                again.append(change.what)
    gone = [c.what for key, c in was.items() if key not in now]
    lines = [_tr("Đã đọc lại bản xem trước theo dữ liệu mới nhất của văn phòng.")]
    if new:
        lines.append(_tr("Xung đột mới, cần chọn: {names}.").format(names=_names(new)))
    if again:
        lines.append(
            _tr("Văn phòng đã sửa lại, cần chọn lại: {names}.").format(names=_names(again))
        )
    if gone:
        lines.append(_tr("Không còn là xung đột: {names}.").format(names=_names(gone)))
    lines.append(_tr("Đã giữ {n} lựa chọn trước của bạn.").format(n=len(kept)))
    return kept, " ".join(lines)


def _names(names: list[str]) -> str:
    """Names in a note: each cut short, a long list counted, so the note stays a few lines."""
    shown = [_cut(name, 60) for name in names[:5]]
    more = len(names) - len(shown)
    text = "; ".join(shown)
    return text + (_tr(" và {n} chỗ khác").format(n=more) if more else "")


def copy_for_room(window: Any) -> None:
    """At the office: write the laptop's SQLite copy of the database (from PostgreSQL too),
    one core call in the background (a large database takes its time)."""
    from ..core.room_copy import copy_for_room as write_copy
    from ..core.room_copy import earlier_room_copy

    title = _tr("Chép dữ liệu sang máy phòng họp")
    path = choose_save_path(window, title, "bcd-phong-hop.sqlite3",
                            "Cơ sở dữ liệu SQLite (*.sqlite3)", "room_copy")  # fmt: skip
    if path is None:
        return None
    db = window.db

    def done(written: Any) -> None:
        said = _tr("Đã chép dữ liệu sang: {path}\nMở tệp này bằng BCĐ Desktop trên máy phòng "
                   "họp; sau cuộc họp, xuất biên ghi phòng họp để nhập về đây.").format(
            path=written)  # fmt: skip
        # Not a blocking box: this runs in the job's callback (see document_dialog's issued
        # notice: a window closed under a nested event loop aborted the process).
        messages.show_message(window, title, said).setObjectName("roomCopyDone")

    def failed(exc: Exception) -> None:
        messages.show_error(window, exc, _tr("Không chép được dữ liệu"))

    def start(replace: bool = False) -> None:
        io_actions.run_job(window, _tr("Đang chép dữ liệu…"),
                           lambda _r: write_copy(db, path, replace=replace),
                           on_done=done, on_error=failed)  # fmt: skip

    earlier = earlier_room_copy(db, path)  # 16 bytes and one query: asked before the job
    if earlier is None:
        return start()
    # Default "Không": what the room recorded on that copy and did not export is lost.
    messages.confirm(window, title, _tr(
        "Tệp {path} là bản sao cho máy phòng họp chép trước đây từ chính dữ liệu này. Ghi đè "
        "sẽ làm MẤT những gì phòng họp đã ghi vào bản sao đó mà chưa xuất biên ghi (điểm "
        "danh, người đến dự, ghi chép). Vẫn ghi đè?").format(path=earlier),
        lambda: start(replace=True), yes_text=_tr("&Vẫn ghi đè"), destructive=True,
    )  # fmt: skip
    return None


def import_room_record(window: Any, path: str | None = None) -> RoomImportDialog | None:
    """At the office: read the file, preview it, apply it as chosen."""
    from ..core.room_record import read_meeting_record

    title = _tr("Nhập biên ghi từ phòng họp")
    path = path or choose_open_path(window, title, FILTERS, "room_record")
    if path is None:
        return None
    try:
        record = read_meeting_record(path)
        with reading():  # the preview writes nothing: a refusal says the data was not read
            preview = preview_meeting_record(window.db, record)
    except BcdError as exc:
        messages.show_error(window, exc, _tr("Không nhập được biên ghi"))
        return None
    dialog = RoomImportDialog(window.db, record, preview, window)
    dialog.accepted.connect(lambda: window.reload_all())
    dialog.open()
    return dialog
