"""The GUI's backups: Tệp → Sao lưu… lists the real backups and restores one (the members tab
shows the restored data), a start on a damaged database offers its newest good backup and
restores it beside the untouched damaged file, and a start backs up only when the data
changed (two real starts of the application)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QTableWidgetItem

from bdcq_desktop.core.backup import backup_before, backups_dir
from bdcq_desktop.core.backups import list_backups
from bdcq_desktop.core.members import list_committee, update_person
from bdcq_desktop.ui import view_state


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer_box(name: str, act: Callable[[QMessageBox], None], seen: dict[str, Any]) -> None:
    """When the message box ``name`` shows, note its texts and let ``act`` answer it."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != name:
            QTimer.singleShot(20, look)
            return
        seen["text"], seen["info"] = box.text(), box.informativeText()
        act(box)

    QTimer.singleShot(0, look)


def _names(window: Any) -> list[str]:
    return [r.full_name for r in window.members_tab.committee.table.visible_rows()]


def test_backups_window_lists_real_backups_and_restores_one(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from bdcq_desktop.ui.main_window import MainWindow

    head = list_committee(demo_db)[0]
    backup = backup_before(demo_db, "manual")
    update_person(demo_db, head.person_id, full_name="Người Đã Đổi Tên")
    later = backup_before(demo_db, "auto")

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.read_every_tab()
    assert "Người Đã Đổi Tên" in _names(window) and head.full_name not in _names(window)

    window.backups_action.trigger()
    dialog = window.backups_dialog
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    listed = list_backups()
    assert [b.path for b in listed][:2] == [later, backup]
    assert table.rowCount() == len(listed)
    row = [b.path for b in listed].index(backup)
    cells = [table.item(row, c).text() for c in range(table.columnCount())]
    info = listed[row]
    assert cells[0] == info.taken_at.strftime("%d/%m/%Y %H:%M:%S")
    assert cells[1] == "sao lưu ngay"
    assert cells[2] == f"{round(info.size / 1024)} KB"  # the demo without its register
    assert cells[3:] == [str(info.people), str(info.meetings), str(info.documents)]
    assert str(backups_dir()) in dialog.folder_label.text()

    table.selectRow(row)
    seen: dict[str, Any] = {}
    answer_box("confirmRestore", lambda box: box.findChild(QPushButton, "yesButton").click(), seen)
    dialog.restore_button.click()
    assert "Trạng thái hiện tại sẽ được sao lưu trước" in seen["text"]
    # The tabs show the restored data: the old name is back.
    qtbot.waitUntil(lambda: head.full_name in _names(window))
    assert "Người Đã Đổi Tên" not in _names(window)
    # The state before the restore was backed up first, and the list shows it.
    after = list_backups()
    assert after[0].reason == "before-restore"
    assert table.rowCount() == len(after) == len(listed) + 1
    window.close()


def test_backup_now_and_change_folder_in_the_window(qtbot, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from bdcq_desktop.core.members import create_person
    from bdcq_desktop.ui.dialogs.backups_dialog import BackupsDialog

    create_person(db, full_name="Nguyễn Văn An")
    dialog = BackupsDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    usb = tmp_path / "usb"
    dialog.set_folder(str(usb))
    assert str(usb) in dialog.folder_label.text()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert len(list(usb.glob("bcd-*-manual.sqlite3"))) == 1
    assert dialog.table.item(0, 3).text() == "1"  # one person in that backup


def test_the_list_read_again_on_screen_fits_its_columns_once(  # type: ignore[no-untyped-def]
    qtbot, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup made, or old ones pruned, while the window is open reads the list again. With
    the columns fitted to their contents, the table measured a whole column again for every
    cell set: 41 backups took 100 ms. Its cells are now asked for their size about once each
    (counted through the items' own data), and the columns still fit them."""
    from bdcq_desktop.ui.dialogs import backups_dialog

    for _ in range(8):
        backup_before(db, "manual")
    asked = 0

    class Counted(QTableWidgetItem):
        def data(self, role: int) -> Any:
            nonlocal asked
            asked += role == Qt.ItemDataRole.DisplayRole
            return super().data(role)

    monkeypatch.setattr(backups_dialog, "QTableWidgetItem", Counted)
    dialog = backups_dialog.BackupsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rows = dialog.table.rowCount()
    assert rows >= 8
    asked = 0
    dialog.reload()
    QApplication.processEvents()
    cells = rows * dialog.table.columnCount()
    assert asked < 6 * cells, (asked, cells)
    header = dialog.table.horizontalHeader()
    fitted = [dialog.table.columnWidth(c) for c in range(dialog.table.columnCount())]
    for column in (0, 2, 3, 4, 5):
        assert fitted[column] == max(
            header.sectionSizeHint(column), dialog.table.sizeHintForColumn(column)
        )


def _damage(kind: str, live: Path) -> None:
    if kind == "truncated":
        data = live.read_bytes()
        live.write_bytes(data[: len(data) * 2 // 3])
    else:
        live.write_text("Đây là một tệp văn bản đặt tên .sqlite3, không phải cơ sở dữ liệu.\n")


# A start of the application in its own process, the recovery box answered by clicking the
# button named argv[2] ("Thoát" by its text); prints what the box said. (Each start gets a fresh
# process: a second ``app.main`` in one process would inherit the first one's quit.)
DRIVER = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from bdcq_desktop.ui import app

qapp = QApplication([])
seen = {}

def look():
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox) or box.objectName() != "databaseRecovery":
        QTimer.singleShot(20, look)
        return
    seen.update(text=box.text(), info=box.informativeText())
    said = {b: (b.objectName(), b.text().replace("&", "")) for b in box.buttons()}
    next(b for b in box.buttons() if sys.argv[2] in said[b]).click()

QTimer.singleShot(0, look)
code = app.main(["--db", sys.argv[1], "--screenshot", sys.argv[3]])
print(json.dumps(seen))
sys.exit(code)
"""


def _start_answering(live: Path, button: str, shot: Path) -> tuple[int, dict[str, str]]:
    out = subprocess.run(
        [sys.executable, "-c", DRIVER, str(live), button, str(shot)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "Traceback" not in out.stderr, out.stderr
    return out.returncode, json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("kind", ["truncated", "text"])
def test_start_on_a_damaged_database_offers_and_restores_the_newest_good_backup(
    demo_db, tmp_path: Path, kind: str  # type: ignore[no-untyped-def]
) -> None:
    from bdcq_desktop.core.db import open_database

    older = backup_before(demo_db, "auto")
    newest = backup_before(demo_db, "auto")
    broken = backups_dir() / "bcd-29990101-000000-000000-auto.sqlite3"  # newer, but bad
    broken.write_bytes(b"not a backup")
    people = len(list_committee(demo_db))
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage(kind, live)
    before = digest(live)

    shot = tmp_path / "after.png"
    code, seen = _start_answering(live, "restoreThisBackup", shot)
    assert code == 0
    assert str(live) in seen["text"] and "bị hỏng" in seen["text"]
    assert str(newest) in seen["text"] and str(older) not in seen["text"]
    assert newest.name in seen["info"]
    # The damaged file was moved aside, byte for byte; the backup is where it was.
    moved = sorted(p.name for p in live.parent.glob(live.name + ".damaged-*"))
    aside = live.parent / moved[0]  # with the journal files SQLite keeps beside it, if any
    assert all(name.startswith(aside.name) for name in moved), moved
    assert digest(aside) == before
    assert newest.is_file()
    db = open_database(live, verify=True)
    assert len(list_committee(db)) == people
    db.dispose()
    assert shot.is_file()  # the window came up on the restored data


def test_start_on_a_damaged_database_can_quit_leaving_it_untouched(
    demo_db, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    backup_before(demo_db, "auto")
    live = demo_db.sqlite_path
    demo_db.dispose()
    _damage("text", live)
    before = digest(live)
    code, seen = _start_answering(live, "Thoát", tmp_path / "none.png")
    assert code == 2 and "bị hỏng" in seen["text"]
    assert digest(live) == before
    assert list(live.parent.glob("*.damaged-*")) == []
    assert not (tmp_path / "none.png").exists()


def _start(db: Path, shot: Path) -> None:
    """A real start of the application (offscreen), quitting once its window is drawn."""
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--db", str(db), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr


def test_a_start_backs_up_only_when_the_data_changed(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    live = demo_db.sqlite_path
    demo_db.dispose()

    def starts() -> list[Path]:
        return sorted(backups_dir().glob("bcd-*-start.sqlite3"))

    _start(live, tmp_path / "1.png")
    assert len(starts()) == 1
    _start(live, tmp_path / "2.png")
    assert len(starts()) == 1  # nothing changed since the first start's backup
    subprocess.run(
        [sys.executable, "-m", "bdcq_desktop.cli", "--db", str(live), "units", "add", "Sở Mới"],
        check=True, capture_output=True,
    )
    _start(live, tmp_path / "3.png")
    assert len(starts()) == 2
    import sqlite3

    con = sqlite3.connect(starts()[-1])
    assert con.execute("select count(*) from unit where name = 'Sở Mới'").fetchone()[0] == 1
    con.close()


def test_periodic_backups_while_the_app_runs_only_when_changed(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMainWindow

    from bdcq_desktop.core.members import create_person
    from bdcq_desktop.ui.auto_backup import AutoBackup

    create_person(db, full_name="Nguyễn Văn An")
    window = QMainWindow()
    qtbot.addWidget(window)
    auto = AutoBackup(db, window, interval_ms=60_000)
    with qtbot.waitSignal(auto.done, timeout=60_000) as first:
        auto.start()
    assert first.args[0] is not None and first.args[0].name.endswith("-start.sqlite3")
    assert auto.timer.isActive() and auto.timer.interval() == 60_000
    with qtbot.waitSignal(auto.done, timeout=60_000) as unchanged:
        auto.timer.timeout.emit()  # the 30-minute tick, without the wait
    assert unchanged.args[0] is None
    create_person(db, full_name="Trần Thị Bình")
    with qtbot.waitSignal(auto.done, timeout=60_000) as changed:
        auto.timer.timeout.emit()
    assert changed.args[0] is not None and changed.args[0].name.endswith("-auto.sqlite3")
    assert "Đã sao lưu tự động" in window.statusBar().currentMessage()
    assert len(list(backups_dir().glob("bcd-*.sqlite3"))) == 2
    auto.timer.stop()


def test_a_failed_automatic_backup_is_said_in_the_status_bar(
    qtbot, db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QMainWindow

    from bdcq_desktop.core.backup_folder import ENV_BACKUP_DIR
    from bdcq_desktop.core.members import create_person
    from bdcq_desktop.ui.auto_backup import AutoBackup

    create_person(db, full_name="Nguyễn Văn An")
    plain = tmp_path / "usb-rút-ra"
    plain.write_text("a file where the folder should be")
    monkeypatch.setenv(ENV_BACKUP_DIR, str(plain / "backups"))
    window = QMainWindow()
    qtbot.addWidget(window)
    auto = AutoBackup(db, window)
    with qtbot.waitSignal(auto.failed, timeout=60_000):
        auto.start()
    bar = window.statusBar()
    message = bar.currentMessage()
    # The reason first, then the name alone: a whole path pushed the reason out of sight,
    # past the "Dữ liệu:" label. The whole path is in the tooltip.
    assert message == (
        "Sao lưu tự động không thành công: một phần của đường dẫn là tệp chứ không phải thư "
        "mục (thư mục sao lưu backups)"
    )
    assert str(plain) not in message
    assert str(plain / "backups") in bar.toolTip()
    assert bar.toolTip().startswith("Sao lưu tự động không thành công: Không truy cập được")
    bar.showMessage("Đã lưu")  # another message: the tooltip went with the failure's
    assert bar.toolTip() == ""
    auto.timer.stop()


def test_a_failed_backup_s_name_fits_beside_the_database_label(
    qtbot, db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """A long backup name is shortened in its middle to end before the window's "Dữ liệu:"
    label (a long path too): the reason and the closing bracket seen, the rest in the tooltip."""
    from PySide6.QtWidgets import QLabel, QMainWindow

    from bdcq_desktop.core.backup_folder import ENV_BACKUP_DIR
    from bdcq_desktop.core.members import create_person
    from bdcq_desktop.ui.auto_backup import AutoBackup

    create_person(db, full_name="Nguyễn Văn An")
    plain = tmp_path / "usb-rút-ra"
    plain.write_text("a file where the folder should be")
    folder = plain / ("Sao lưu dữ liệu Ban Chỉ đạo Chính quyền điện tử tỉnh Nghệ An " * 2).strip()
    monkeypatch.setenv(ENV_BACKUP_DIR, str(folder))
    window = QMainWindow()
    qtbot.addWidget(window)
    label = QLabel("Dữ liệu: /home/hong/Văn bản BCĐ 2026 #1 & 50% O'Neil/bcd dữ liệu.sqlite3")
    window.statusBar().addPermanentWidget(label)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    auto = AutoBackup(db, window)
    with qtbot.waitSignal(auto.failed, timeout=60_000):
        auto.start()
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Sao lưu tự động không thành công: một phần của đường dẫn")
    assert message.endswith(")") and "…" in message
    assert bar.fontMetrics().horizontalAdvance(message) < bar.width() - label.width()
    assert str(folder) in bar.toolTip()
    auto.timer.stop()


def test_a_window_reopened_while_its_backup_runs(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The backup's end reaches the window open then: reopened meanwhile, the first window is
    deleted, and its button must not be touched (RuntimeError); the new one is told. One
    backup at a time, whichever window asks."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from bdcq_desktop.ui import worker
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.backups_action.trigger()
    before = len(list_backups())
    window.backups_dialog.backup_now()
    window.backups_dialog.close()
    window.backups_action.trigger()  # the officer opens it again at once
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    reopened = window.backups_dialog
    assert not reopened.backup_button.isEnabled()  # the first one still runs, as it says
    assert reopened.backup_button.text().replace("&", "") == "Đang sao lưu…"
    reopened.backup_now()  # (the key, had it been enabled): nothing more started
    qtbot.waitUntil(lambda: not worker._running, timeout=10_000)
    assert len(list_backups()) == before + 1
    # The window open now is told: it lists the backup, and its button is back.
    assert reopened.table.rowCount() == before + 1
    assert reopened.backup_button.isEnabled() and reopened.backup_button.text() == "&Sao lưu ngay"


def test_what_the_opening_said_stays_in_the_status_bar_after_the_start_s_backup(
    qtbot, db  # type: ignore[no-untyped-def]
) -> None:
    """The copy taken before an upgrade (or a network drive) is said when the window opens;
    the start's backup, a second later, no longer takes its place in the status bar."""
    from PySide6.QtWidgets import QMainWindow

    from bdcq_desktop.core.members import create_person
    from bdcq_desktop.ui.auto_backup import AutoBackup

    create_person(db, full_name="Nguyễn Văn An")
    said = "Đã nâng cấp cơ sở dữ liệu; bản sao lưu trước khi nâng cấp: /tmp/x.sqlite3"
    db.warnings.append(said)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.statusBar().showMessage(said)  # as MainWindow.attach shows the opening's warnings
    auto = AutoBackup(db, window)
    with qtbot.waitSignal(auto.done, timeout=60_000) as first:
        auto.start()
    assert first.args[0] is not None
    message = window.statusBar().currentMessage()
    assert message == said
    auto.timer.stop()
