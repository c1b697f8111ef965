"""Tệp → Sao lưu…: the automatic backups (date, reason, size, what each holds), restoring one,
backing up now, opening and changing the backup folder; and the start-up offer to recover a
damaged database from its newest good backup."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
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

from ...core.backup import backup_before, backups_dir
from ...core.backup_folder import overridden_by_environment, set_backup_dir
from ...core.backups import (
    BackupInfo,
    database_tag,
    list_backups,
    prune,
    recover_damaged,
)
from ...core.db import Database
from ...core.errors import BcdError
from ...core.retention import backup_time_text, copied_from
from .. import messages
from ..backup_actions import (
    confirm_clashing,
    confirm_other_database,
    issued_since_note,
    run_restore,
)
from ..dialog_base import Dialog
from ..help_key import add_help_key
from ..worker import run_in_background

COLUMNS = ("Thời điểm", "Lý do", "Dung lượng", "Người", "Cuộc họp", "Văn bản")


def size_text(size: int) -> str:
    """A file size the way Vietnamese write it (comma as the decimal mark)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


# A "Sao lưu ngay" under way, and the backups windows open: the backup can end after the
# window that started it was closed and the window reopened (a new one): that one is told.
_backup_running = False
_windows: weakref.WeakSet[BackupsDialog] = weakref.WeakSet()


def _open_windows() -> list[BackupsDialog]:
    return [w for w in list(_windows) if shiboken6.isValid(w)]


def _backup_ended(_path: object = None) -> None:
    global _backup_running
    _backup_running = False
    for window in _open_windows():
        window.show_backup_running(False)
        window.reload()


def _backup_failed(exc: Exception) -> None:
    _backup_ended()
    windows = [w for w in _open_windows() if w.isVisible()]
    messages.show_error(windows[-1] if windows else None, exc)


class BackupsDialog(Dialog):
    """The backup folder and its automatic backups. ``restored`` is emitted after a restore
    replaced the open database (the main window reloads every tab)."""

    restored = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.backups: list[BackupInfo] = []
        self.setObjectName("backupsDialog")
        add_help_key(self, "sao-luu")  # F1: backups, restore, recovery
        self.setWindowTitle(self.tr("Sao lưu và khôi phục"))
        self.resize(900, 520)

        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Mở thư mục"), self)
        self.open_button.clicked.connect(self.open_folder)
        self.change_button = QPushButton(self.tr("Đổi thư mục…"), self)
        self.change_button.clicked.connect(self.change_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_button)
        folder_row.addWidget(self.change_button)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        # Every database opened on this computer backs up into this folder: the list is the
        # open database's backups; the others only on demand, each marked as another's.
        self.own_tag = database_tag(db.sqlite_path)
        self.show_others = QCheckBox(
            self.tr("&Hiện cả bản sao lưu của cơ sở dữ liệu khác"), self
        )
        self.show_others.setObjectName("showOtherDatabases")
        # A server's database (or one without identity) has no backups here: the folder's
        # are shown, each marked.
        self.show_others.setChecked(self.own_tag is None)
        self.show_others.toggled.connect(lambda _on: self.reload())

        self.note = QLabel(self._note_text(db), self)
        self.note.setObjectName("backupsNote")
        self.note.setWordWrap(True)

        # Its letter written in: the text changes while a backup runs, which would drop one
        # given when the window opened (dialog_base.give_label_mnemonics).
        self.backup_button = QPushButton(self.tr("&Sao lưu ngay"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Khôi phục bản đã chọn…"), self)
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.clicked.connect(self.restore_selected)
        self.prune_button = QPushButton(self.tr("Xóa bớt bản cũ"), self)
        self.prune_button.clicked.connect(self.prune_old)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Enter closes: no button that opens a folder, restores or deletes is pressed by it
        # (the first push button would otherwise be the default: "Mở thư mục").
        for button in (
            self.open_button,
            self.change_button,
            self.backup_button,
            self.restore_button,
            self.prune_button,
        ):
            button.setAutoDefault(False)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Đóng"))
        self.close_button.setObjectName("closeButton")
        self.close_button.setDefault(True)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.prune_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.show_others)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # the arrows choose a backup
        self.writable = db.sqlite_path is not None and not db.read_only
        if db.sqlite_path is None:  # greyed out with a reason, the note's
            for button in (self.backup_button, self.restore_button):
                button.setToolTip(self.tr("Dữ liệu nằm trên máy chủ PostgreSQL: xem dòng ghi chú."))
        self.show_backup_running(_backup_running)
        _windows.add(self)
        self.reload()

    def _note_text(self, db: Database) -> str:
        """What is backed up, and when. A PostgreSQL server's database is never backed up by
        the app (ui/auto_backup.py skips it): shared by every officer, it is its
        administrator's to back up and restore; the app offers the officer's own copy."""
        if db.sqlite_path is None:
            from ...core.engine import shown_url

            return self.tr(
                "Dữ liệu đang dùng nằm trên máy chủ PostgreSQL ({url}): ứng dụng không tự sao "
                "lưu và không khôi phục dữ liệu của máy chủ; việc đó do người quản trị máy chủ "
                "làm (pg_dump). Muốn giữ một bản của riêng mình: Tệp › Sao lưu dữ liệu… chép "
                "toàn bộ dữ liệu ra một tệp SQLite. Các bản sao lưu trong danh sách (nếu có) là "
                "của cơ sở dữ liệu SQLite trên máy này."
            ).format(url=shown_url(db.url))
        return self.tr(
            "Ứng dụng tự sao lưu khi khởi động và 30 phút một lần nếu dữ liệu có thay đổi, "
            "và trước mỗi lần nâng cấp, nhập danh sách, khôi phục, nạp dữ liệu mẫu. Riêng cho "
            "từng cơ sở dữ liệu, giữ 10 bản gần nhất, rồi mỗi ngày một bản trong 14 ngày, mỗi "
            "tuần một bản trong 8 tuần, mỗi tháng một bản trong một năm; bản trước khi khôi "
            "phục giữ một năm."
        )

    # -- contents ------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            folder = backups_dir()
            every = list_backups(folder)
        except BcdError as exc:
            self.folder_label.setText(exc.message)
            self.backups = []
        else:
            own = [b for b in every if self.is_own(b)]
            others = [b for b in every if not self.is_own(b)]
            self.backups = own + others if self.show_others.isChecked() else own
            self.show_others.setText(
                self.tr("&Hiện cả bản sao lưu của cơ sở dữ liệu khác ({count})").format(
                    count=len(others)
                )
            )
            text = self.tr("Thư mục sao lưu: {path}").format(path=folder)
            if overridden_by_environment():
                text += " " + self.tr("(đặt bởi biến môi trường BDCQ_BACKUP_DIR)")
            self.folder_label.setText(text)
        self.change_button.setEnabled(not overridden_by_environment())
        # Columns fit their contents once the table is filled: on screen (a backup made, old
        # ones pruned) each cell set measured its whole column again, 41 backups 100 ms.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setRowCount(len(self.backups))
        live = self.db.sqlite_path
        for row, info in enumerate(self.backups):
            reason = info.reason_label
            if info.problem:
                reason += " — " + self.tr("hỏng: {problem}").format(problem=info.problem)
            elif info.database is None:
                reason += " — " + self.tr("không rõ của cơ sở dữ liệu nào")
            elif not self.is_own(info):
                reason += " — " + self.tr("của cơ sở dữ liệu khác")
            elif live is not None and copied_from(info.path, live) is not None:
                reason += " — " + self.tr("bản sao (tệp khác)")
            counts = (info.people, info.meetings, info.documents)
            cells = [
                info.taken_at.strftime("%d/%m/%Y %H:%M:%S"),
                reason,
                size_text(info.size),
                *("" if n is None else str(n) for n in counts),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3, 4, 5):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(info.path))
                self.table.setItem(row, col, item)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if self.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def is_own(self, info: BackupInfo) -> bool:
        """A backup of the open database (an unknown one counts as another's: never taken
        for this one's without asking)."""
        return self.own_tag is not None and info.database == self.own_tag

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(
            info is not None
            and info.problem is None
            and self.db.sqlite_path is not None
            and not self.db.read_only
        )

    # -- actions -------------------------------------------------------------------------------
    def open_folder(self) -> None:
        try:
            folder = backups_dir()
        except BcdError as exc:
            messages.show_error(self, exc)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def change_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Chọn thư mục sao lưu"), str(backups_dir())
        )
        if chosen:
            self.set_folder(chosen)

    def set_folder(self, folder: str) -> None:
        try:
            set_backup_dir(folder)
        except BcdError as exc:
            messages.show_error(self, exc)
            return
        self.reload()

    def show_backup_running(self, running: bool) -> None:
        """The button says a backup runs (and is off) rather than only greying out."""
        text = self.tr("Đang sao lưu…") if running else self.tr("&Sao lưu ngay")
        self.backup_button.setText(text)
        self.backup_button.setEnabled(self.writable and not running)

    def backup_now(self) -> None:
        global _backup_running
        if _backup_running:
            return
        _backup_running = True
        for window in _open_windows():
            window.show_backup_running(True)
        db = self.db
        # Its end goes to the windows open then, not to this one: reopened meanwhile, the
        # window is a new one (this one deleted), which must show the backup and its button.
        run_in_background(
            lambda _report: backup_before(db, "manual"),
            on_success=_backup_ended,
            on_failure=_backup_failed,
        )

    def prune_old(self) -> None:
        try:
            prune(open_file=self.db.sqlite_path)
        except BcdError as exc:
            messages.show_error(self, exc)
        self.reload()

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not self.restore_button.isEnabled():
            return
        role = QMessageBox.ButtonRole
        # Waits: the button's (or double-click's) own slot, the box app-modal over this window
        # (nothing closes it meanwhile), and the answer decides whether this call restores.
        answer = messages.ask_now(
            self,
            self.tr("Khôi phục dữ liệu"),
            self.tr(
                "Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {when} ({people} người, "
                "{meetings} cuộc họp, {documents} văn bản)? Trạng thái hiện tại sẽ được sao "
                "lưu trước."
            ).format(
                when=info.taken_at.strftime("%d/%m/%Y %H:%M"),
                people=info.people,
                meetings=info.meetings,
                documents=info.documents,
            ),
            [
                messages.Answer("yesButton", self.tr("Có"), role.YesRole),
                messages.Answer("noButton", self.tr("Không"), role.NoRole),
            ],
            default="noButton",
            escape="noButton",
            informative=issued_since_note(self.db, info.path),
            name="confirmRestore",
        )
        if answer != "yesButton" or not confirm_clashing(self, self.db, info.path):
            return
        if not self.is_own(info) and not confirm_other_database(
            self, self.db, info.path, self.tr("lập lúc {when}").format(
                when=backup_time_text(info.path)
            )
        ):
            return
        self.restore(info.path)

    def restore(self, path: Path) -> None:
        """Replace the open database by the backup ``path`` (the current state is backed up
        first), off the GUI thread; then the list, and the tabs through ``restored``."""

        # Every window is held while the restore runs, so this one is still there at its end;
        # were it not (deleted by code), its end is dropped rather than raised.
        def done(safety: Path | None) -> None:
            if shiboken6.isValid(self):
                self.reload()
                self.restored.emit(safety)

        def failed(exc: Exception) -> None:
            messages.show_error(self if shiboken6.isValid(self) else None, exc)

        run_restore(self, self.db, path, on_done=done, on_error=failed)


def open_backups_dialog(window) -> BackupsDialog:  # type: ignore[no-untyped-def]
    """Tệp → Sao lưu… of the main window: a restore reloads every tab."""
    previous = getattr(window, "backups_dialog", None)
    if previous is not None:
        previous.deleteLater()
    dialog = BackupsDialog(window.db, window)
    dialog.restored.connect(lambda safety: _after_restore(window, safety))
    window.backups_dialog = dialog
    dialog.open()
    return dialog


def _after_restore(window, safety: object) -> None:  # type: ignore[no-untyped-def]
    window.reload_all()
    window.statusBar().showMessage(
        QCoreApplication.translate("backups", "Đã khôi phục. Bản trước khi khôi phục: {path}")
        .format(path=safety),
        10000,
    )


def offer_recovery(  # type: ignore[no-untyped-def]
    exc, on_done: Callable[[Path | None], None], parent: QWidget | None = None
) -> QMessageBox:
    """Start-up on a damaged database that has a good backup: offer to restore it; the
    question, open. The damaged file is moved aside, never deleted. ``on_done(moved)`` with
    where it went, or ``None`` if the user chose to quit (or the recovery failed, which is
    then said first). Not blocking: the start asks it in the opening job's callback, where a
    nested event loop let a window be deleted under its box."""
    tr = QCoreApplication.translate
    role = QMessageBox.ButtonRole

    def answered(answer: str | None) -> None:
        if answer != "restoreThisBackup":
            on_done(None)
            return
        try:
            moved = recover_damaged(exc.path, exc.backup)
        except BcdError as error:
            failed = messages.show_message(parent, "BCĐ Desktop", error.message, warning=True)
            failed.setObjectName("recoveryFailed")
            failed.setIcon(QMessageBox.Icon.Critical)
            failed.finished.connect(lambda _r: on_done(None))
            return
        on_done(moved)

    informative = tr(
        "app",
        "Có thể khôi phục bản sao lưu của chính cơ sở dữ liệu này, lập lúc {when} "
        "({backup}), vào chỗ của tệp dữ liệu. Tệp hỏng được giữ lại bên cạnh (đổi tên "
        "thành {name}.damaged-…), không bị xóa.",
    )
    copied = getattr(exc, "copied_from", None)
    if copied is not None:
        # Another file's state (the meeting-room laptop's) would replace this one's: the
        # question says so (from the error), this says what it means, and Enter quits.
        informative = tr(
            "app",
            "Khôi phục bản sao lưu này sẽ đưa dữ liệu của tệp kia (những gì đã sửa ở đó) "
            "vào chỗ của tệp dữ liệu, không phải dữ liệu của chính tệp này. Tệp hỏng được giữ "
            "lại bên cạnh (đổi tên thành "
            "{name}.damaged-…), không bị xóa.",
        )
    return messages.ask(
        parent,
        "BCĐ Desktop",
        exc.message,
        [
            messages.Answer(
                "restoreThisBackup", tr("app", "Khôi phục bản sao lưu này"), role.AcceptRole
            ),
            messages.Answer("quitButton", tr("app", "Thoát"), role.RejectRole),
        ],
        default="restoreThisBackup" if copied is None else "quitButton",
        escape="quitButton",
        on_answer=answered,
        icon=QMessageBox.Icon.Critical,
        informative=informative.format(
            when=backup_time_text(exc.backup),
            backup=exc.backup.name,
            name=exc.path.name,
        ),
        name="databaseRecovery",
    )
