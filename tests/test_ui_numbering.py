"""Văn bản › "Số đã cấp ngoài phần mềm…": the year's series, the last number issued on paper
typed in place from the keyboard, saved in one call; refusals and a stale window stay open;
the first-start notice points to it until it is opened."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLineEdit

from bdcq_desktop.core.number_floor import set_floors
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents.numbering import numbering
from bdcq_desktop.ui.dialogs.numbering_dialog import FLOOR, NEXT, NumberingDialog
from bdcq_desktop.ui.main_window import MainWindow
from tests.calendar_support import enter_days_off_now
from tests.test_register import fake_issue

SHOTS = os.environ.get("BDCQ_SHOTS")  # a folder: the dialog is saved there as a PNG file
ORG = {
    "parent_body": "UBND tỉnh Nghệ An",
    "committee_name": "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
    "place_name": "Nghệ An",
}
TODAY = date.today()


def _row(dialog: NumberingDialog, abbr: str) -> int:
    assert dialog.data is not None
    return next(i for i, r in enumerate(dialog.data.rows) if r.type_abbr == abbr)


def _type_floor(qtbot: Any, dialog: NumberingDialog, abbr: str, text: str) -> None:
    """From the keyboard: to the row, the digits (they start editing; F2 and clearing to take
    one off), Enter."""
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(_row(dialog, abbr), FLOOR)
    if text:
        qtbot.keyClicks(table, text)
    else:
        qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    if not text:
        editor.selectAll()
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view commits and closes the editor on its next turn of the event loop.
    qtbot.waitUntil(lambda: table.findChild(QLineEdit) is None or not editor.isVisible())


def test_a_floor_typed_in_place_numbers_the_next_document(qtbot: Any, db: Any) -> None:
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.data is not None
    names = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert names[:3] == ["Giấy triệu tập (GTT)", "Giấy mời (GM)", "Chương trình (CTr)"]
    gm = _row(dialog, "GM")
    assert dialog.table.item(gm, NEXT).text() == "01/GM-BCĐ"
    _type_floor(qtbot, dialog, "GM", "7")
    assert dialog.table.item(gm, FLOOR).text() == "7"
    assert dialog.table.item(gm, NEXT).text() == "08/GM-BCĐ"  # worked out as typed
    assert dialog.changes() == {"GM": "7"}
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert fake_issue(db, on=TODAY).symbol == "08/GM-BCĐ"


def test_a_refused_floor_keeps_the_dialog_open_at_its_row(qtbot: Any, db: Any) -> None:
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_floor(qtbot, dialog, "BB", "0")
    assert not dialog.save()
    assert dialog.isVisible()
    assert "Số cuối đã cấp ngoài phần mềm (BB)" in dialog.status.text()
    assert "không được nhỏ hơn 1" in dialog.status.text()
    assert dialog.table.currentRow() == _row(dialog, "BB")
    assert [r.floor for r in numbering(db).rows if r.type_abbr == "BB"] == [0]


def test_a_stale_window_is_read_again_keeping_what_was_typed(qtbot: Any, db: Any) -> None:
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    set_floors(db, TODAY.year, {"BB": 3})  # another officer, meanwhile
    _type_floor(qtbot, dialog, "GM", "7")
    assert not dialog.save()
    assert "vừa được người khác sửa" in dialog.status.text()
    assert dialog.table.item(_row(dialog, "BB"), FLOOR).text() == "3"  # theirs, read again
    assert dialog.table.item(_row(dialog, "GM"), FLOOR).text() == "7"  # mine, kept
    assert dialog.save()
    floors = {r.type_abbr: r.floor for r in numbering(db).rows}
    assert (floors["GM"], floors["BB"]) == (7, 3)


def test_taking_a_floor_off_and_the_dialog_fits_a_laptop(qtbot: Any, db: Any) -> None:
    set_floors(db, TODAY.year, {"GM": 70})  # typed 70 for 7, then corrected
    dialog = NumberingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_floor(qtbot, dialog, "GM", "")
    assert dialog.table.item(_row(dialog, "GM"), NEXT).text() == "01/GM-BCĐ"
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less the task bar
    dialog.fit_on_screen(laptop)
    assert dialog.frameGeometry().width() <= 1366 and dialog.frameGeometry().height() <= 728
    # Every row and the buttons are seen without scrolling.
    table = dialog.table
    assert table.verticalScrollBar().maximum() == 0
    assert table.horizontalScrollBar().maximum() == 0
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(Path(SHOTS) / "numbering-dialog.png"))
    assert dialog.save()
    assert fake_issue(db, on=TODAY).number == 1


def test_the_menu_and_the_first_start_notice_open_it(qtbot: Any, db: Any) -> None:
    update_organisation(db, **ORG)
    enter_days_off_now(db)  # from 2028, this year's days off would be the notice's first line
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    notice = window.setup_notice
    # The settings are done, the register empty: the paper register's numbers are asked for.
    assert notice.isVisible() and notice.asks_numbering
    assert "Nếu năm nay đã ban hành văn bản giấy" in notice.label.text()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "numbering-notice.png"))
    notice.button.click()
    dialog = window.document_actions.numbering_dialog
    assert isinstance(dialog, NumberingDialog) and dialog.isVisible()
    assert not notice.isVisible()  # opened once: the notice goes
    dialog.reject()
    action = window.document_actions.numbering_action
    assert action.isEnabled() and action in window.document_actions.menu.actions()
    action.trigger()
    assert window.document_actions.numbering_dialog is not dialog
    assert window.document_actions.numbering_dialog.isVisible()


def test_no_notice_once_a_document_was_issued(qtbot: Any, db: Any) -> None:
    update_organisation(db, **ORG)
    fake_issue(db, on=TODAY)
    enter_days_off_now(db)  # from 2028, this year's days off would be named
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert not window.setup_notice.isVisible()
