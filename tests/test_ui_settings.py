"""The "Thiết lập" dialog on the demo data: edit, save, refusals at their field, defaults."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from bdcq_desktop.core.members import list_people
from bdcq_desktop.core.settings import get_organisation
from bdcq_desktop.documents import settings as ds
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
from bdcq_desktop.ui.main_window import MainWindow
from tests.test_settings_page_fits import NEAR, near_invitation

NEW_NAME = "Ban Chỉ đạo về chuyển đổi số tỉnh Nghệ An"


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def dialog(qtbot: Any, demo_db: Any) -> SettingsDialog:
    d = SettingsDialog(demo_db)
    qtbot.addWidget(d)
    d.show()
    return d


def _line(d: SettingsDialog, key: str) -> QLineEdit:
    editor = d.org_form.editor(key)
    assert isinstance(editor, QLineEdit)
    return editor


def _type_abbr(qtbot: Any, d: SettingsDialog, kind: str, text: str) -> None:
    d.tabs.setCurrentWidget(d.kinds)
    d.kinds.select(kind)
    d.kinds.abbr_edit.clear()
    qtbot.keyClicks(d.kinds.abbr_edit, text)


def _error(d: SettingsDialog, key: str) -> QLabel:
    label = d.findChild(QLabel, f"error_{key}")
    assert label is not None, key
    return label


def test_the_tabs_with_the_demo_values(dialog: SettingsDialog) -> None:
    tabs = dialog.tabs
    # Shown, each tab has its Alt letter (&).
    texts = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert texts == ["Tổ chức", "Văn bản", "Trang in", "Ngày nghỉ"]
    assert _line(dialog, "committee_name").text().startswith("Ban Chỉ đạo xây dựng")
    assert _line(dialog, "abbreviation").text() == "BCĐ"
    assert "BAN CHỈ ĐẠO XÂY DỰNG" in _line(dialog, "issuing_body").placeholderText()
    model = dialog.kinds.model
    assert model.rowCount() == len(ds.KIND_NAMES)
    convocation = model.index(model.kinds.index("convocation"), 1)
    assert convocation.data() == "GTT"
    assert dialog.page.spins["margin_left_mm"].minimum() == 30
    assert dialog.page.spins["margin_left_mm"].maximum() == 35
    assert dialog.page.body_size.currentData() == 14


def test_kinds_model_is_well_behaved(qtmodeltester: Any, dialog: SettingsDialog) -> None:
    qtmodeltester.check(dialog.kinds.model)


def test_save_abbreviation_and_committee_name(
    qtbot: Any, dialog: SettingsDialog, demo_db: Any
) -> None:
    _line(dialog, "committee_name").setText(NEW_NAME)
    _type_abbr(qtbot, dialog, "convocation", "TTr")
    assert "05/TTr-BCĐ" in dialog.kinds.example.text()
    row = dialog.kinds.model.kinds.index("convocation")
    assert dialog.kinds.model.index(row, 1).data() == "TTr"  # the table follows the form
    assert dialog.kinds.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    dialog.page.spins["margin_left_mm"].setValue(32)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert get_organisation(demo_db).committee_name == NEW_NAME
    settings = ds.load(demo_db)
    assert settings.abbr("convocation") == "TTr"
    assert settings.abbr("invitation") == "GM"
    assert settings.issuing_body == "BAN CHỈ ĐẠO VỀ CHUYỂN ĐỔI SỐ"
    assert settings.page.margin_left_mm == 32


def test_signing_signer_and_recipients(qtbot: Any, dialog: SettingsDialog, demo_db: Any) -> None:
    person = list_people(demo_db)[2]
    kinds = dialog.kinds
    dialog.tabs.setCurrentWidget(kinds)
    kinds.select("roster")
    kinds.authority_edit.setPlainText("kt. trưởng ban\nphó trưởng ban")
    combo = kinds.signer_combo
    combo.setCurrentIndex(combo.findData(f"person:{person.id}"))
    kinds.recipients_edit.setPlainText("- Như trên;\nSở Nội vụ")
    kinds.select("agenda")  # the roster's edits stay in its draft
    assert kinds.model.drafts["roster"].recipients == ("- Như trên;", "Sở Nội vụ")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    signing = ds.load(demo_db).signing_for("roster")
    assert signing.authority == ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN")
    assert signing.signer_name == person.full_name
    assert ds.load(demo_db).recipients_for("roster") == ("Như trên", "Sở Nội vụ")


def test_bad_margin_shown_at_its_field_keeping_the_rest(
    qtbot: Any, dialog: SettingsDialog, demo_db: Any
) -> None:
    _line(dialog, "committee_name").setText(NEW_NAME)
    _type_abbr(qtbot, dialog, "invitation", "GMi")
    top = dialog.page.spins["margin_top_mm"]
    top.setRange(0, 100)  # what the spin box never allows, as a value from elsewhere would be
    top.setValue(40)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.page
    error = _error(dialog, "margin_top_mm")
    assert error.isVisible() and "20–25" in error.text()
    assert top.property("invalid") is True
    # Nothing written, nothing typed lost.
    assert get_organisation(demo_db).committee_name != NEW_NAME
    assert ds.load(demo_db).abbr("invitation") == "GM"
    assert _line(dialog, "committee_name").text() == NEW_NAME
    assert dialog.kinds.model.drafts["invitation"].abbreviation == "GMi"
    # Corrected, it saves.
    top.setValue(22)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert ds.load(demo_db).page.margin_top_mm == 22
    assert ds.load(demo_db).abbr("invitation") == "GMI"  # not the decree's: in capitals


@pytest.mark.parametrize("key", ["margin_top_mm", "body_size"])
def test_a_refused_page_field_is_outlined_by_its_holder_alone(
    qtbot: Any, dialog: SettingsDialog, key: str
) -> None:
    """The page's fields are outlined by the frame that holds them, the box inside keeping its
    own look (a style sheet on it would draw a second outline, and bare arrows); nothing
    moves."""
    dialog.tabs.setCurrentWidget(dialog.page)
    dialog.show()
    qtbot.waitExposed(dialog)
    holder = dialog.page.holders[key]
    editor = dialog.page.spins.get(key, dialog.page.body_size)
    before = (holder.size(), editor.size(), editor.grab().toImage().pixelColor(10, 0).name())
    assert dialog.page.show_error(key, "Sai.")
    QApplication.processEvents()
    edge = holder.grab().toImage().pixelColor(holder.width() // 2, 0)
    assert edge.name() == "#c62828"
    assert (holder.size(), editor.size(), editor.grab().toImage().pixelColor(10, 0).name()) == (
        before
    )


def test_empty_committee_name_at_its_field(
    qtbot: Any, dialog: SettingsDialog, demo_db: Any
) -> None:
    _type_abbr(qtbot, dialog, "agenda", "CT")
    _line(dialog, "committee_name").setText("")
    _line(dialog, "place_name").setText("Hà Tĩnh")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.org_tab
    error = dialog.org_form.error_label("committee_name")
    assert error.isVisible() and "Tên Ban Chỉ đạo" in error.text()
    assert _line(dialog, "place_name").text() == "Hà Tĩnh"
    assert dialog.kinds.model.drafts["agenda"].abbreviation == "CT"
    assert get_organisation(demo_db).place_name == "Nghệ An"
    assert ds.load(demo_db).abbr("agenda") == "CTr"


def test_a_new_file_s_missing_names_are_said_at_the_field(qtbot: Any, db: Any) -> None:
    """The first save of a new file: the refusal says to fill the field it stands under, not
    to go to "Tệp › Thiết lập…, thẻ “Tổ chức”", the dialog the officer is in (audit A7)."""
    d = SettingsDialog(db)
    qtbot.addWidget(d)
    d.show()
    d.save_button.click()
    assert d.isVisible() and d.tabs.currentWidget() is d.org_tab
    shown = [
        d.org_form.error_label(key).text()
        for key in ("parent_body", "committee_name", "place_name")
        if d.org_form.error_label(key).isVisible()
    ]
    assert shown and all("bắt buộc, ghi vào ô này" in text for text in shown), shown
    assert not any("Tệp › Thiết lập" in text for text in shown)


def test_bad_abbreviation_selects_its_kind(qtbot: Any, dialog: SettingsDialog) -> None:
    _type_abbr(qtbot, dialog, "conclusions", "T-B")
    dialog.kinds.select("convocation")
    dialog.tabs.setCurrentWidget(dialog.org_tab)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.kinds
    assert dialog.kinds.current_kind == "conclusions"
    error = dialog.kinds.left_form.error_label("abbr")
    assert error.isVisible() and "Thông báo kết luận" in error.text()
    assert dialog.kinds.abbr_edit.text() == "T-B"


def test_bad_body_abbreviation_at_its_field(dialog: SettingsDialog) -> None:
    _line(dialog, "abbreviation").setText("BCĐ-1")
    dialog.save_button.click()
    assert dialog.org_form.error_label("abbreviation").isVisible()


HCM = "Thành phố Hồ Chí Minh"


def test_a_place_and_an_abbreviation_saved_together_are_measured_together(
    qtbot: Any, dialog: SettingsDialog, demo_db: Any
) -> None:
    """Each fits with the other as stored; together they would wrap the place-date line."""
    _line(dialog, "place_name").setText(HCM)
    _type_abbr(qtbot, dialog, "agenda", "WWWWWWWWWW")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.org_tab
    error = dialog.org_form.error_label("place_name")
    assert error.isVisible() and "Số: 999/WWWWWWWWWW-BCĐ" in error.text()
    assert get_organisation(demo_db).place_name == "Nghệ An"  # nothing written
    assert ds.load(demo_db).abbr("agenda") == "CTr"
    # A shorter form of the place makes room: both saved (the abbreviation is not measured
    # against the place as stored, nor the place against the abbreviation as stored).
    _line(dialog, "place_name").setText("TP. Hồ Chí Minh")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert get_organisation(demo_db).place_name == "TP. Hồ Chí Minh"
    assert ds.load(demo_db).abbr("agenda") == "WWWWWWWWWW"


def _type_recipients(d: SettingsDialog, kind: str, lines: tuple[str, ...]) -> None:
    d.tabs.setCurrentWidget(d.kinds)
    d.kinds.select(kind)
    d.kinds.recipients_edit.setPlainText("\n".join(lines))


def test_a_margin_a_stored_closing_no_longer_fits_is_shown_at_the_margin(
    qtbot: Any, demo_db: Any
) -> None:
    """The invitation's recipients, stored, fit the demo's 20 mm top margin, not 25 mm."""
    ds.save_kind(demo_db, near_invitation(demo_db))
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    _line(dialog, "committee_name").setText(NEW_NAME)
    top = dialog.page.spins["margin_top_mm"]
    top.setValue(25)
    dialog.tabs.setCurrentWidget(dialog.org_tab)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.page
    error = _error(dialog, "margin_top_mm")
    assert error.isVisible() and '"Lề trên" 25 mm' in error.text()
    assert 'Hãy giữ "Lề trên" 20 mm, hoặc rút gọn "Nơi nhận của Giấy mời"' in error.text()
    assert top.property("invalid") is True
    # Nothing written, nothing typed lost.
    assert ds.load(demo_db).page.margin_top_mm == 20
    assert get_organisation(demo_db).committee_name != NEW_NAME
    assert top.value() == 25 and _line(dialog, "committee_name").text() == NEW_NAME
    # The recipients shortened in the same save are measured on the new margin: all saved.
    _type_recipients(dialog, "invitation", NEAR[:10])
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert ds.load(demo_db).page.margin_top_mm == 25
    assert ds.load(demo_db).recipients_for("invitation") == NEAR[:10]
    assert get_organisation(demo_db).committee_name == NEW_NAME


def test_recipients_saved_with_a_margin_are_measured_on_it(
    qtbot: Any, dialog: SettingsDialog, demo_db: Any
) -> None:
    _type_recipients(dialog, "invitation", NEAR)
    dialog.page.spins["margin_top_mm"].setValue(25)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.kinds
    error = dialog.kinds.right_form.error_label("recipients")
    assert error.isVisible() and '"Nơi nhận của Giấy mời" quá dài' in error.text()
    assert ds.load(demo_db).page.margin_top_mm == 20
    assert dialog.kinds.model.drafts["invitation"].recipients == NEAR
    # On a margin that holds them, both are saved.
    dialog.page.spins["margin_top_mm"].setValue(22.5)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert ds.load(demo_db).page.margin_top_mm == 22.5
    assert ds.load(demo_db).recipients_for("invitation") == NEAR


def test_restore_defaults_of_one_kind(qtbot: Any, demo_db: Any) -> None:
    custom = ds.default_kind("conclusions")
    ds.save_kind(
        demo_db,
        ds.KindSettings(
            "conclusions", "TBKL", ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"), "head", True, ("Như trên",)
        ),
    )
    ds.save_kind(
        demo_db, ds.KindSettings("agenda", "CT", custom.authority, "deputy", True, ("Như trên",))
    )
    d = SettingsDialog(demo_db)
    qtbot.addWidget(d)
    d.show()
    d.tabs.setCurrentWidget(d.kinds)
    d.kinds.select("conclusions")
    assert d.kinds.abbr_edit.text() == "TBKL"
    qtbot.mouseClick(d.kinds.reset_button, Qt.MouseButton.LeftButton)
    assert d.kinds.abbr_edit.text() == "TB"
    assert d.kinds.authority_edit.toPlainText() == "TL. TRƯỞNG BAN\nCHÁNH VĂN PHÒNG"
    with qtbot.waitSignal(d.saved):
        d.save_button.click()
    settings = ds.load(demo_db)
    assert ds.kind_settings(settings, "conclusions") == ds.default_kind("conclusions")
    assert settings.abbr("agenda") == "CT"  # the other kind keeps its settings


def test_minutes_signing_is_fixed(dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentWidget(dialog.kinds)
    dialog.kinds.select("minutes")
    assert not dialog.kinds.authority_edit.isEnabled()
    assert not dialog.kinds.signer_combo.isEnabled()
    assert dialog.kinds.fixed_note.isVisible()
    assert dialog.kinds.abbr_edit.isEnabled()


def test_settings_from_the_main_window(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.settings_action in file_menu.actions()
    assert window.settings_action.text().replace("&", "") == "Thiết lập…"
    window.settings_action.trigger()
    d = window.settings_dialog
    assert isinstance(d, SettingsDialog) and d.isVisible()
    _line(d, "committee_name").setText(NEW_NAME)
    with qtbot.waitSignal(d.saved):
        d.save_button.click()
    assert "Đã lưu thiết lập" in window.statusBar().currentMessage()
    assert get_organisation(demo_db).committee_name == NEW_NAME


def test_someone_else_saved_first(qtbot: Any, dialog: SettingsDialog, demo_db: Any) -> None:
    from bdcq_desktop.core.settings import update_organisation

    update_organisation(demo_db, place_name="Hà Tĩnh")  # after the dialog read the settings
    _line(dialog, "committee_name").setText(NEW_NAME)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.banner.isVisible() and dialog.reload_button.isVisible()
    assert get_organisation(demo_db).committee_name != NEW_NAME
    dialog.reload_button.click()  # the newest, with what was typed here kept on it
    assert "giữ phần bạn đã sửa" in dialog.banner_label.text()
    assert _line(dialog, "place_name").text() == "Hà Tĩnh"
    assert _line(dialog, "committee_name").text() == NEW_NAME
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    org = get_organisation(demo_db)
    assert (org.committee_name, org.place_name) == (NEW_NAME, "Hà Tĩnh")
