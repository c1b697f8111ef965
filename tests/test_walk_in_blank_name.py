"""A walk-in typed with a blank name is refused on "Họ và tên", the field that was left blank,
at the command line (``--name "  "``) and in the window's "Thêm người dự" form, not as the
invitation list's rule ("Dòng 1: ghi đúng một trong…"), which names neither. Nothing is added.
Real demo SQLite files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from bdcq_desktop.core.attendance import attendance_rows
from tests.cli_run import bdcq, one_line_error
from tests.test_meeting_docs import demo_ids

HELD = "12"  # the demo's meeting held (minutes a draft)


def test_the_command_names_the_blank_name(demo: Path) -> None:
    for blank in ("  ", ""):
        out = bdcq(demo, "meetings", "walk-in", HELD, "--name", blank)
        one_line_error(out, '"Họ và tên" không được để trống')
        assert "Dòng" not in out.stderr and "Thành phần mời" not in out.stderr


def test_the_walk_in_form_names_the_blank_name(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.ui.dialogs.walk_in_dialog import WalkInDialog

    mid = demo_ids(demo_db)["held"]
    before = len(attendance_rows(demo_db, mid))
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = WalkInDialog(demo_db, mid, "   ", parent)
    dialog.show()
    QTest.keyClick(dialog.name_box, Qt.Key.Key_Return)
    assert dialog.isVisible()
    error = dialog.form.error_label("guest_name").text()
    assert error == '"Họ và tên" không được để trống.'
    assert len(attendance_rows(demo_db, mid)) == before
    dialog.reject()
