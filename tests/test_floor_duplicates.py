"""The paper-number floor set against numbers the application already issued (documents audit,
item 6): a floor at or above 01/GM-BCĐ issued here means 01/GM exists twice this year if the
paper register ran 01–07, and lowering or taking off a floor the register numbered past loses
the record of the paper numbers in between (``bdcq check`` then reads them as missing). Both
are asked first, naming the numbers; confirmed, ``bdcq check`` names the duplicates. Core,
command line (--yes) and the dialog (Enter keeps the floor unsaved)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import NumberFloorWarning
from bdcq_desktop.core.number_floor import series_numbers, set_floors
from bdcq_desktop.documents.numbering import numbering
from bdcq_desktop.ui.dialogs.numbering_dialog import NumberingDialog
from tests.test_cli_number_floor import bdcq_process
from tests.test_register import fake_issue
from tests.test_ui_numbering import _type_floor

TODAY = date.today()


def _floor(db: Database, abbr: str = "GM") -> int:
    return next(r.floor for r in series_numbers(db, TODAY.year, [abbr]) if r.type_abbr == abbr)


def test_a_floor_over_a_number_issued_here_is_asked_then_named_by_check(db: Database) -> None:
    fake_issue(db, on=TODAY)  # 01/GM-BCĐ, issued by the application
    with pytest.raises(NumberFloorWarning) as asked:
        set_floors(db, TODAY.year, {"GM": 7})
    assert "01/GM-BCĐ" in asked.value.message and "trùng" in asked.value.message
    assert _floor(db) == 0  # nothing saved
    assert not [p for p in run_checks(db, TODAY) if p.code.startswith("register")]
    set_floors(db, TODAY.year, {"GM": 7}, confirm_floor=True)
    assert _floor(db) == 7
    twice = [p for p in run_checks(db, TODAY) if p.code == "register_duplicate"]
    assert len(twice) == 1 and "01/GM-BCĐ" in twice[0].message, twice
    # Raised again over the same number, nothing new is covered: not asked again.
    set_floors(db, TODAY.year, {"GM": 9})
    assert fake_issue(db, on=TODAY).symbol == "10/GM-BCĐ"


def test_lowering_or_taking_off_a_floor_numbered_past_is_asked(db: Database) -> None:
    set_floors(db, TODAY.year, {"TB": 3})  # nothing issued yet: not asked
    assert fake_issue(db, type_abbr="TB", on=TODAY).symbol == "04/TB-BCĐ"
    with pytest.raises(NumberFloorWarning) as lowered:
        set_floors(db, TODAY.year, {"TB": 2})
    assert "số 03 đã cấp trên giấy" in lowered.value.message
    with pytest.raises(NumberFloorWarning) as off:
        set_floors(db, TODAY.year, {"TB": ""})
    assert "các số 01–03" in off.value.message
    assert _floor(db, "TB") == 3
    assert not [p for p in run_checks(db, TODAY) if p.code.startswith("register")]
    # A floor mistyped before anything is numbered past it is corrected without a question.
    set_floors(db, TODAY.year, {"GM": 70})
    set_floors(db, TODAY.year, {"GM": 7})
    assert _floor(db) == 7


def test_the_command_line_names_the_numbers_and_saves_with_yes(db: Database) -> None:
    fake_issue(db, on=TODAY)  # 01/GM-BCĐ
    path = db.sqlite_path
    db.dispose()
    refused = bdcq_process(path, "documents", "numbering", "set", "GM", "7")
    assert refused.returncode == 2, refused.stderr
    assert "01/GM-BCĐ" in refused.stderr and "--yes" in refused.stderr
    saved = bdcq_process(path, "documents", "numbering", "set", "GM", "7", "--yes")
    assert saved.returncode == 0, saved.stderr
    assert "08/GM-BCĐ" in saved.stdout
    check = bdcq_process(path, "check")
    assert "01/GM-BCĐ" in check.stdout + check.stderr


def test_the_dialog_asks_and_enter_keeps_the_floor_unsaved(qtbot: Any, db: Database) -> None:
    fake_issue(db, on=TODAY)  # 01/GM-BCĐ
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_floor(qtbot, dialog, "GM", "7")
    assert not dialog.save()
    box = dialog.question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "01/GM-BCĐ" in box.text()
    assert box.defaultButton().objectName() == "noButton"
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert dialog.isVisible()
    assert [r.floor for r in numbering(db).rows if r.type_abbr == "GM"] == [0]
    # Asked again, "Vẫn lưu": saved.
    assert not dialog.save()
    box = dialog.question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    yes = next(b for b in box.buttons() if b.objectName() == "yesButton")
    with qtbot.waitSignal(dialog.saved):
        yes.click()
    QApplication.processEvents()
    assert [r.floor for r in numbering(db).rows if r.type_abbr == "GM"] == [7]


def test_no_to_the_question_puts_the_cursor_back_on_the_floor_asked(
    qtbot: Any, db: Database
) -> None:
    """Answered "Không" (Enter), the question left the table with no current cell: the floor
    just typed was nowhere under the cursor, and a digit typed went nowhere. The cursor is
    back on the floor asked about, so the officer types the right number there and saves."""
    from bdcq_desktop.ui.dialogs.numbering_dialog import FLOOR

    fake_issue(db, on=TODAY)  # 01/GM-BCĐ
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _type_floor(qtbot, dialog, "GM", "7")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter: Lưu, which asks
    box = dialog.question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # "Không"
    qtbot.waitUntil(lambda: not box.isVisible())
    gm = next(i for i, r in enumerate(dialog.data.rows) if r.type_abbr == "GM")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    assert (dialog.table.currentRow(), dialog.table.currentColumn()) == (gm, FLOOR)
    # A digit typed from there corrects that same floor (it starts editing the cell).
    qtbot.keyClicks(dialog.table, "3")
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.findChild(QLineEdit) is None)
    assert dialog.changes() == {"GM": "3"}
