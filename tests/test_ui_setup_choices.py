"""The first-start notice keeps a gentler line for the choices a new file could not make (the
standing agency, the default signers: chosen among units and people, none on record then)
once there is something to choose, after the paper register's line; its button opens Thiết
lập on the field. The audit's A5: the notice went for good once the required names were saved.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from bdcq_desktop.core import members, units
from bdcq_desktop.core.settings import (
    get_organisation,
    unchosen_organisation,
    update_organisation,
)
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
from bdcq_desktop.ui.forms import LookupCombo
from bdcq_desktop.ui.main_window import MainWindow
from tests.calendar_support import enter_days_off_now

SHOTS = os.environ.get("BDCQ_SHOTS")  # a folder: the window is saved there as PNG files
ORG = {"parent_body": "UBND TỈNH NGHỆ AN", "committee_name": "Ban Chỉ đạo", "place_name": "Nghệ An"}
CHOICES = "“Cơ quan thường trực”, “Người ký mặc định”, “Người ký thay mặc định”"


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _window(qtbot: Any, db: Any) -> MainWindow:
    enter_days_off_now(db)  # from 2028, a line for this year's days off would come as well
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.show()
    return window


def _texts(window: MainWindow) -> list[str]:
    notice = window.setup_notice
    return [label.text() for label, _b in notice.lines if label.isVisibleTo(notice)]


def test_only_what_can_be_chosen_is_asked(db: Any) -> None:
    update_organisation(db, **ORG)
    assert unchosen_organisation(db) == []  # a new file: nothing to choose yet
    unit = units.create_unit(db, name="Văn phòng UBND tỉnh")
    assert unchosen_organisation(db) == ["standing_agency_id"]
    start = date.today() - timedelta(days=10)
    members.appoint_new(
        db, person={"full_name": "Nguyễn Văn An"}, appointment={"role": "head", "start_date": start}
    )
    assert unchosen_organisation(db) == [
        "standing_agency_id", "default_signer_id", "default_deputy_signer_id"
    ]  # fmt: skip
    update_organisation(db, standing_agency_id=unit)
    assert unchosen_organisation(db) == ["default_signer_id", "default_deputy_signer_id"]
    # A member appointed from a later day is not on today's roster: nobody to choose yet.
    assert unchosen_organisation(db, today=start - timedelta(days=1)) == []


def test_the_notice_keeps_a_line_for_the_choices_once_there_is_something_to_choose(
    qtbot: Any, db: Any
) -> None:
    update_organisation(db, **ORG)
    window = _window(qtbot, db)
    notice = window.setup_notice
    # The names saved, nothing on record: the paper register's line alone.
    assert notice.asks_numbering and not notice.asks_choices
    assert len(_texts(window)) == 1
    # A unit and a Head added in the window: the choices' line comes, after the register's.
    unit = units.create_unit(db, name="Văn phòng UBND tỉnh")
    head = members.appoint_new(
        db,
        person={"full_name": "Nguyễn Văn An"},
        appointment={"role": "head", "start_date": date.today() - timedelta(days=10)},
    )
    window.members_tab.committee.after_save(head)  # as the member's form does once saved
    texts = _texts(window)
    assert len(texts) == 2 and texts[0].startswith("Nếu năm nay đã ban hành văn bản giấy")
    assert texts[1] == (
        f"Nên chọn {CHOICES} (Tệp › Thiết lập…, thẻ “Tổ chức”): một số văn bản cần đến."
    )
    assert notice.geometry().bottom() <= window.tabs.geometry().top()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(SHOTS) / "setup-notice-choices.png"))
    # Its button opens Thiết lập on Tổ chức, on the first choice to make.
    _label, button = notice.lines[1]
    assert button.text() == "Chọn trong Thiết lập…" and button.isVisibleTo(notice)
    button.click()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.org_tab
    agency = dialog.org_form.editor("standing_agency_id")
    assert isinstance(agency, LookupCombo)
    qtbot.wait(100)  # what the dialog does once shown does not take the focus back
    focused = dialog.focusWidget()
    assert focused is agency or agency.isAncestorOf(focused)
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "setup-choices-settings.png"))
    # The standing agency chosen: the line names only the signers.
    agency.set_value(unit)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert get_organisation(db).standing_agency_id == unit
    assert _texts(window)[1].startswith("Nên chọn “Người ký mặc định”, “Người ký thay mặc định”")
    # Both signers chosen: the line goes, the register's stays.
    person = members.list_committee(db)[0].person_id
    update_organisation(db, default_signer_id=person, default_deputy_signer_id=person)
    window.reload_all()
    assert notice.isVisible() and notice.asks_numbering and not notice.asks_choices
    assert len(_texts(window)) == 1


def test_the_required_names_come_first_and_alone(qtbot: Any, db: Any) -> None:
    units.create_unit(db, name="Văn phòng UBND tỉnh")
    window = _window(qtbot, db)
    texts = _texts(window)
    assert len(texts) == 1 and texts[0].startswith("Chưa ghi “Cơ quan chủ quản”")
    assert window.setup_notice.button.text() == "Mở Thiết lập…"


def test_the_title_and_the_notice_are_read_together_as_each_alone(db: Any) -> None:
    """setup_state (one session at a start) says what committee_name, missing_organisation,
    unchosen_organisation and nothing_numbered say one by one, at each step of a new file."""
    from bdcq_desktop.core.number_floor import nothing_numbered, set_floors
    from bdcq_desktop.core.settings import committee_name, missing_organisation, setup_state

    def alone() -> tuple[str, list[str], list[str], bool]:
        year = date.today().year
        return (committee_name(db), missing_organisation(db), unchosen_organisation(db),
                nothing_numbered(db, year))  # fmt: skip

    def together() -> tuple[str, list[str], list[str], bool]:
        s = setup_state(db)
        return s.committee_name, s.missing, s.unchosen, s.nothing_numbered

    assert together() == alone() == ("", ["parent_body", "committee_name", "place_name"], [], True)
    update_organisation(db, **ORG)
    units.create_unit(db, name="Văn phòng UBND tỉnh")
    members.appoint_new(
        db, person={"full_name": "Nguyễn Văn An"},
        appointment={"role": "head", "start_date": date.today() - timedelta(days=3)},
    )  # fmt: skip
    assert together() == alone() == ("Ban Chỉ đạo", [], [
        "standing_agency_id", "default_signer_id", "default_deputy_signer_id"], True)  # fmt: skip
    set_floors(db, date.today().year, {"QĐ": 12})
    assert together() == alone() and together()[3] is False
