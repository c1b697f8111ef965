"""A new office's first run on an empty file: the organisation must be set up before any
document, the window says so until it is, and every refusal names the field and where to fill
it in (Tệp › Thiết lập…)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.settings import get_organisation, missing_organisation, update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
from bdcq_desktop.ui.main_window import MainWindow
from tests.calendar_support import enter_days_off_now
from tests.cli_run import run_bdcq

ORG = {
    "parent_body": "UBND tỉnh Nghệ An",
    "committee_name": "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
    "place_name": "Nghệ An",
}


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def test_a_save_leaving_required_fields_empty_is_refused_naming_them(db: Any) -> None:
    assert missing_organisation(db) == ["parent_body", "committee_name", "place_name"]
    # A field that is not required, the required ones never filled: the organisation is
    # checked whole, not only what the save names.
    with pytest.raises(ValidationError) as caught:
        update_organisation(db, phone="0238 3844 123")
    message = caught.value.message
    assert caught.value.field == "parent_body"
    for label in ("Cơ quan chủ quản", "Tên Ban Chỉ đạo", "Địa danh"):
        assert f"“{label}”" in message
    assert "Tệp › Thiết lập…" in message
    assert get_organisation(db).phone == ""
    update_organisation(db, **ORG)
    assert missing_organisation(db) == []
    with pytest.raises(ValidationError, match="Địa danh"):
        update_organisation(db, place_name=" ")


def test_settings_dialog_refuses_a_new_file_saved_unchanged(qtbot: Any, db: Any) -> None:
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()  # nothing typed: the fields marked * are empty
    assert dialog.isVisible()
    error = dialog.org_form.error_label("parent_body")
    assert error.isVisible() and "Tên Ban Chỉ đạo" in error.text()
    assert missing_organisation(db) == ["parent_body", "committee_name", "place_name"]
    for key, value in ORG.items():
        editor = dialog.org_form.editor(key)
        assert isinstance(editor, QLineEdit)
        editor.setText(value)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert get_organisation(db).place_name == "Nghệ An"


def test_a_document_on_a_new_file_names_the_setting_not_a_key(db: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        service.draft(db, "roster")
    shown = str(caught.value)  # the command line prints "label: message"
    assert "issuing_body" not in shown
    assert shown.startswith("Tên Ban Chỉ đạo:")
    assert "“Tên Ban Chỉ đạo” tại Tệp › Thiết lập…" in caught.value.message


def test_the_command_line_sets_up_a_new_file_in_one_command(db: Any, db_path: Path) -> None:
    db.dispose()
    out = run_bdcq(["settings", "set", "committee_name", ORG["committee_name"]], db=db_path)
    assert out.returncode == 2
    assert "“Cơ quan chủ quản”, “Địa danh”" in out.stderr
    assert "bdcq settings set parent_body … committee_name … place_name …" in out.stderr
    args = [item for pair in ORG.items() for item in pair]
    out = run_bdcq(["settings", "set", *args, "phone", "0238 3844 123"], db=db_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Đã lưu") == 4
    out = run_bdcq(["settings", "set", "phone"], db=db_path)
    assert out.returncode == 2
    out = run_bdcq(["settings", "set", "phone", "1", "email"], db=db_path)
    assert out.returncode == 2 and "email" in out.stderr


def test_the_window_points_to_the_settings_until_they_are_saved(qtbot: Any, db: Any) -> None:
    enter_days_off_now(db)  # from 2028, this year's days off would be the notice's first line
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    notice = window.setup_notice
    assert notice.isVisible()
    assert notice.geometry().bottom() <= window.tabs.geometry().top()  # above the tabs
    text = notice.label.text()
    for label in ("Cơ quan chủ quản", "Tên Ban Chỉ đạo", "Địa danh"):
        assert label in text
    assert "Tệp › Thiết lập" in text
    notice.button.click()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    for key, value in ORG.items():
        editor = dialog.org_form.editor(key)
        assert isinstance(editor, QLineEdit)
        editor.setText(value)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    # The settings are done; with nothing issued yet, the notice asks about the paper
    # register's numbers instead (tests/test_ui_numbering.py), no longer about the settings.
    assert notice.asks_numbering and "Tệp › Thiết lập" not in notice.label.text()


def test_no_notice_on_a_file_already_set_up(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    # The test demo's register is empty: only the line about the paper register's numbers.
    assert not window.setup_notice.isVisible() or window.setup_notice.asks_numbering
