"""The Sao lưu window shows the open database's backups (another database's only on demand,
each marked), asks before a backup of another database replaces this one's data, and the
main window's backup says when it was refused. Real databases and backups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from bdcq_desktop.core.backup import backup_before
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.members import create_person, list_people
from tests.test_ui_backups import answer_box


@pytest.fixture
def archive(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "archive.sqlite3")
    create_person(db, full_name="Lưu Trữ Một")
    yield db
    db.dispose()


def test_the_list_is_the_open_databases_and_another_ones_restore_is_asked(
    qtbot: Any, demo_db: Any, archive: Any
) -> None:
    from bdcq_desktop.ui.dialogs.backups_dialog import BackupsDialog

    mine = backup_before(demo_db, "manual")
    theirs = backup_before(archive, "manual")  # the newest in the shared folder
    people = len(list_people(demo_db))
    dialog = BackupsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [b.path for b in dialog.backups] == [mine]
    assert "(1)" in dialog.show_others.text()

    dialog.show_others.setChecked(True)
    assert [b.path for b in dialog.backups] == [mine, theirs]  # the open one's first
    assert dialog.table.item(1, 1).text().endswith("của cơ sở dữ liệu khác")
    assert "của cơ sở dữ liệu khác" not in dialog.table.item(0, 1).text()

    dialog.table.selectRow(1)
    seen: dict[str, Any] = {}
    other: dict[str, Any] = {}
    answer_box("confirmRestore", lambda box: box.findChild(QPushButton, "yesButton").click(), seen)

    def refuse(box: QMessageBox) -> None:
        assert box.defaultButton().objectName() == "noButton"
        box.findChild(QPushButton, "noButton").click()

    answer_box("confirmOtherDatabase", refuse, other)
    dialog.restore_button.click()
    assert "KHÔNG phải của cơ sở dữ liệu đang mở" in other["text"]
    assert len(list_people(demo_db)) == people  # kept: the other dataset never came in
    assert not any(b.reason == "before-restore" for b in dialog.backups)


def test_a_refused_backup_leaves_no_backing_up_in_the_status_bar(
    qtbot: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bdcq_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    # The database itself as the target: refused (never overwrite the data with its copy).
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(db.sqlite_path), "")
    )
    window.backup()

    def refused() -> bool:
        box = QApplication.activeModalWidget()
        return isinstance(box, QMessageBox)

    qtbot.waitUntil(refused, timeout=30_000)
    assert window.statusBar().currentMessage() != "Đang sao lưu…"
    QApplication.activeModalWidget().close()


def test_the_recovery_offer_says_when_the_backup_it_restores_was_taken(
    qtbot: Any, demo_db: Any, archive: Any
) -> None:
    from bdcq_desktop.core.db import DatabaseDamagedError
    from bdcq_desktop.core.retention import parse_name
    from bdcq_desktop.ui.dialogs.backups_dialog import offer_recovery

    mine = backup_before(demo_db, "auto")
    backup_before(archive, "auto")  # newer, of another database: never offered
    live = demo_db.sqlite_path
    demo_db.dispose()
    live.write_bytes(live.read_bytes()[: live.stat().st_size // 2])
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(live, verify=True)
    answers: list[Any] = []
    box = offer_recovery(caught.value, answers.append)
    qtbot.addWidget(box)
    when = parse_name(mine.name)[0].strftime("%d/%m/%Y %H:%M:%S")
    assert f"lập lúc {when}" in box.informativeText() and mine.name in box.informativeText()
    assert "của chính cơ sở dữ liệu này" in box.text()
    box.findChild(QPushButton, "quitButton").click()
    assert answers == [None]
