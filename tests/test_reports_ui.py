"""The Báo cáo tab with pytest-qt: the quick entry from the keyboard alone, the full form with
a file, the regimes register and opening a round (each save one core call)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from bdcq_desktop.core import regimes, reports, rounds, stored_files, units
from bdcq_desktop.ui.dialogs.round_dialogs import RegimeDialog
from bdcq_desktop.ui.dialogs.round_open import OpenRoundDialog
from bdcq_desktop.ui.dialogs.submission_dialogs import QuickEntryDialog, SubmissionDialog
from bdcq_desktop.ui.table_model import ROW_ROLE
from bdcq_desktop.ui.tabs.reports_tab import ReportsTab

TODAY = date.today()


@pytest.fixture
def data(db: Any) -> dict[str, Any]:
    ids = [units.create_unit(db, name=n) for n in ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ")]
    regime = regimes.create_regime(db, name="Báo cáo quý", frequency="quarterly", unit_ids=ids)
    rid = rounds.open_ad_hoc_round(
        db,
        title="Báo cáo theo Thông báo 14",
        due_date=TODAY + timedelta(days=10),
        unit_ids=ids,
        opened_on=TODAY - timedelta(days=10),
    )
    return {"db": db, "units": ids, "regime": regime, "round": rid}


@pytest.fixture
def tab(qtbot: Any, data: dict[str, Any]) -> ReportsTab:
    widget = ReportsTab(data["db"])
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.reload()
    qtbot.waitUntil(lambda: widget.submissions.model.rowCount() == 3)
    return widget


def test_quick_entry_from_the_keyboard(qtbot: Any, tab: ReportsTab, data: dict[str, Any]) -> None:
    view = tab.rounds_view
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.rounds.view.setFocus()
    qtbot.waitUntil(tab.rounds.view.hasFocus)
    QTest.keyClick(tab.rounds.view, Qt.Key.Key_Return)  # Enter on the round: to its units
    qtbot.waitUntil(tab.submissions.view.hasFocus)
    first = tab.submissions.current_row()
    assert first is not None and first.received_on is None
    QTest.keyClick(tab.submissions.view, Qt.Key.Key_Return)  # Enter on the unit
    dialog = view.last_dialog
    assert isinstance(dialog, QuickEntryDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()  # what the window manager does; the offscreen platform does not
    qtbot.waitUntil(dialog.date_edit.hasFocus)  # the cursor starts in the received date
    received = TODAY - timedelta(days=2)
    assert dialog.date_edit.selectedText() == dialog.date_edit.text()  # typing replaces it
    QTest.keyClicks(dialog.date_edit, received.strftime("%d/%m/%Y"))
    QTest.keyClick(dialog.date_edit, Qt.Key.Key_Return)  # Enter: on to the number, not saved
    assert dialog.isVisible() and dialog.result_value is None
    assert dialog.number_edit.hasFocus()
    QTest.keyClicks(dialog.number_edit, "125/BC-SYT")
    QTest.keyClick(dialog.number_edit, Qt.Key.Key_Return)  # Enter: recorded
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = next(r for r in reports.list_submissions(data["db"], data["round"]) if r.id == first.id)
    assert (saved.received_on, saved.document_number, saved.status) == (
        received,
        "125/BC-SYT",
        "on_time",
    )
    # The list shows it, and the next unit is selected for the next entry.
    shown = next(r for r in tab.submissions.model.rows() if r.id == first.id)
    assert shown.status_text == "Đúng hạn"
    nxt = tab.submissions.current_row()
    assert nxt is not None and nxt.id != first.id
    assert tab.rounds.current_row().on_time == 1


def test_quick_entry_refusal_keeps_what_was_typed(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    row = tab.submissions.current_row()
    dialog = QuickEntryDialog(data["db"], row, tab)
    qtbot.addWidget(dialog)
    early = (TODAY - timedelta(days=30)).strftime("%d/%m/%Y")
    dialog.date_edit.setText(early)
    dialog.number_edit.setText("9/BC")
    assert dialog.try_save() is False
    error = dialog.form.error_label("received_on")
    assert not error.isHidden() and "ngày mở đợt" in error.text()
    assert dialog.date_edit.text() == early and dialog.number_edit.text() == "9/BC"
    assert all(r.received_on is None for r in reports.list_submissions(data["db"], data["round"]))


def test_full_form_stores_the_file(qtbot: Any, tab: ReportsTab, data: dict[str, Any]) -> None:
    row = tab.submissions.current_row()
    dialog = SubmissionDialog(data["db"], row, tab)
    qtbot.addWidget(dialog)
    dialog.attach(stored_files.check_upload("../../Báo cáo\u202e.pdf", b"%PDF-1.4 x"))
    assert dialog.file_label.text().startswith("Báo cáo.pdf")
    dialog.form.set_values({"summary": "Hoàn thành 12/14 nhiệm vụ", "evaluation": "Đạt"})
    assert dialog.try_save() is True
    saved = next(r for r in reports.list_submissions(data["db"], data["round"]) if r.id == row.id)
    assert saved.file_name == "Báo cáo.pdf" and saved.evaluation == "Đạt"
    assert stored_files.file_bytes(data["db"], saved.file_id)[1] == b"%PDF-1.4 x"  # type: ignore[arg-type]
    # Removing the file detaches it.
    again = SubmissionDialog(data["db"], saved, tab)
    qtbot.addWidget(again)
    assert again.open_button.isEnabled()
    again.detach()
    assert again.try_save() is True
    assert (
        next(
            r for r in reports.list_submissions(data["db"], data["round"]) if r.id == row.id
        ).file_id
        is None
    )


def test_regime_dialog_and_opening_a_round(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    db = data["db"]
    dialog = RegimeDialog(db, None, tab)
    qtbot.addWidget(dialog)
    dialog.form.set_values({"name": "Báo cáo tháng", "frequency": "monthly", "due_day": 31})
    dialog.units.check(data["units"][0])
    assert dialog.try_save() is True
    made = next(r for r in regimes.list_regimes(db) if r.name == "Báo cáo tháng")
    assert made.unit_ids == (data["units"][0],) and made.deadline_rule == "ngày 31 tháng cuối kỳ"

    # A past leap February: the window lists the rounds opened by today, not one of 2028.
    opening = OpenRoundDialog(db, tab, today=date(2024, 2, 10))
    qtbot.addWidget(opening)
    combo = opening.form.editor("regime_id")
    combo.setCurrentIndex(combo.findData(made.id))  # type: ignore[attr-defined]
    assert "Tháng 2/2024" in opening.preview.text() and "29/02/2024" in opening.preview.text()
    assert opening.try_save() is True
    again = OpenRoundDialog(db, tab, today=date(2024, 2, 10))
    qtbot.addWidget(again)
    combo = again.form.editor("regime_id")
    combo.setCurrentIndex(combo.findData(made.id))  # type: ignore[attr-defined]
    # February is open: the dialog offers March, the next period not yet opened, so Enter
    # opens it rather than being refused.
    assert again.form.values()["number"] == 3 and "Tháng 3/2024" in again.preview.text()
    again.form.set_values({"number": 2})
    assert again.try_save() is False
    assert "đã được mở" in again.form.error_label("number").text()
    tab.reload()
    assert any(r.period_label == "Tháng 2/2024" for r in tab.rounds.model.rows())


def test_regimes_page_and_the_status_icons(tab: ReportsTab) -> None:
    tab.pages.setCurrentWidget(tab.regimes_view)
    assert tab.regimes_view.table.model.rowCount() == 1
    model = tab.submissions.model
    column = next(i for i, c in enumerate(model.columns()) if c.key == "status_text")
    index = model.index(0, column)
    assert model.data(index) == "Chưa đến hạn"  # the text...
    assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()  # ...and an icon


def test_closed_submission_dialogs_are_deleted(qtbot: Any, tab: ReportsTab) -> None:
    """A round of quick entries, and the full form: each dialog goes once closed (kept as
    hidden children of the pane, they held 0.6 MB and 2 MB each for the rest of the day)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    pane = tab.rounds_view.pane
    tab.submissions.view.selectRow(0)
    for n in range(6):
        opener = pane.quick_entry if n % 2 else pane.edit
        opener()
        dialog = tab.rounds_view.last_dialog
        assert isinstance(dialog, QuickEntryDialog if n % 2 else SubmissionDialog)
        qtbot.waitUntil(dialog.isVisible)
        dialog.reject()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert tab.findChildren(QuickEntryDialog) == []
    assert tab.findChildren(SubmissionDialog) == []


def test_quick_entry_takes_a_report_sent_before_the_round_was_opened(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    """The audit's case: the round of a regime opened today; a unit's report came yesterday
    (last year's yearly report, so yesterday is inside its period whatever the day)."""
    db = data["db"]
    regime = regimes.create_regime(
        db, name="Báo cáo năm", frequency="yearly", unit_ids=data["units"]
    )
    rid = rounds.open_round(db, regime_id=regime, year=TODAY.year - 1, number=1)
    row = reports.list_submissions(db, rid)[0]
    dialog = QuickEntryDialog(db, row, tab)
    qtbot.addWidget(dialog)
    # The dialog says which dates the round takes before anything is typed.
    from PySide6.QtWidgets import QLabel

    said = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert f"từ 01/01/{TODAY.year - 1} đến hôm nay" in said
    yesterday = TODAY - timedelta(days=1)
    dialog.date_edit.setText(yesterday.strftime("%d/%m/%Y"))
    assert dialog.try_save() is True
    assert reports.list_submissions(db, rid)[0].received_on == yesterday
    # The full form applies the same rule: a day before the period began is refused.
    full = SubmissionDialog(db, reports.list_submissions(db, rid)[1], tab)
    qtbot.addWidget(full)
    full.form.set_values({"received_on": date(TODAY.year - 2, 12, 31)})
    assert full.try_save() is False
    assert "ngày bắt đầu kỳ báo cáo" in full.form.error_label("received_on").text()


def test_edit_and_delete_a_round_from_the_keyboard(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from bdcq_desktop.ui.dialogs.round_dialogs import EditRoundDialog

    db, view = data["db"], tab.rounds_view
    names = {a.objectName() for a in view.toolbar.actions()}
    assert {"editRoundAction", "deleteRoundAction"} <= names
    menu = {a.objectName() for a in tab.rounds.view.actions()}
    assert {"editRoundAction", "deleteRoundAction"} <= menu
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.rounds.view.setFocus()
    qtbot.waitUntil(tab.rounds.view.hasFocus)
    QTest.keyClick(tab.rounds.view, Qt.Key.Key_F2)  # Sửa đợt
    dialog = view.last_dialog
    assert isinstance(dialog, EditRoundDialog)
    qtbot.waitUntil(dialog.isVisible)
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740  # a 1366×768 laptop
    assert dialog.form.values()["due_date"] == TODAY + timedelta(days=10)
    later = TODAY + timedelta(days=25)
    # Typed (set_values would load them as the form's starting point, as the dialog does).
    dialog.form.fields["due_date"].set_value(later)
    dialog.form.fields["request_reference"].set_value("Công văn số 7/BCĐ")
    assert dialog.try_save() is True
    detail = rounds.get_round(db, data["round"])
    assert (detail.due_date, detail.period_label) == (later, "Theo Công văn số 7/BCĐ")
    assert tab.rounds.current_row().due_date == later  # the list shows it
    # Nothing recorded yet: Delete asks (Không by default), then deletes.
    QTest.keyClick(tab.rounds.view, Qt.Key.Key_Delete)
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and box.defaultButton().objectName() == "noButton"
    next(b for b in box.buttons() if b.objectName() == "yesButton").click()
    qtbot.waitUntil(lambda: tab.rounds.model.rowCount() == 0)
    assert reports.list_rounds(db) == []


def test_a_round_with_a_recorded_report_cannot_be_deleted(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    from bdcq_desktop.core import submissions

    db, view = data["db"], tab.rounds_view
    row = tab.submissions.current_row()
    submissions.record_submission(
        db, row.id, expected_version=row.round_version, received_on=TODAY
    )
    view.reload()
    assert view.edit_action.isEnabled()
    assert not view.delete_action.isEnabled()


def test_edit_round_sends_only_what_the_officer_changed(qtbot: Any, db: Any) -> None:
    """A round kept from an older version (label "Tháng 6/2026", no opening date recorded):
    Sửa đợt shows the opening date empty, and a new title saves the title alone."""
    from bdcq_desktop.core import change_log
    from bdcq_desktop.core.models import ReportingRound
    from bdcq_desktop.ui.dialogs.round_dialogs import EditRoundDialog

    ids = [units.create_unit(db, name="Sở Y tế")]
    asked = TODAY - timedelta(days=5)
    rid = rounds.open_ad_hoc_round(
        db, title="Báo cáo tháng 6", due_date=TODAY + timedelta(days=10), unit_ids=ids,
        request_reference="Công văn 3/BCĐ", requested_on=asked, opened_on=asked,
    )  # fmt: skip
    with db.session() as s:
        rnd = s.get(ReportingRound, rid)
        rnd.period_label, rnd.opened_on = "Tháng 6/2026", None
    dialog = EditRoundDialog(db, rounds.get_round(db, rid))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.values()["opened_on"] is None
    assert dialog.form.values()["request_reference"] == "Công văn 3/BCĐ"
    dialog.form.fields["title"].set_value("Báo cáo tháng 6 (sửa tên)")
    assert dialog.try_save() is True
    after = rounds.get_round(db, rid)
    assert (after.title, after.period_label, after.opened_on) == (
        "Báo cáo tháng 6 (sửa tên)",
        "Tháng 6/2026",
        None,
    )
    history = change_log.record_changes(db, "reporting_round", rid)
    assert [f.field for f in history[0].changes] == ["title"]  # newest first


def test_edit_round_changes_its_units_from_the_keyboard(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    """F2 (Sửa đợt) lists the units ticked as the round asks them: Alt+letter of "Đơn vị thực
    hiện báo cáo" reaches the search line, Tab the buttons (Chọn tất cả ticks what the search
    shows); the unit whose report is recorded stays ticked whatever Bỏ chọn does. One save
    adds and removes, the round's units below show it, its history names them."""
    from bdcq_desktop.core import change_log, submissions
    from bdcq_desktop.ui.dialogs.round_dialogs import EditRoundDialog
    from bdcq_desktop.ui.mnemonics import mnemonic_of

    db, rid, view = data["db"], data["round"], tab.rounds_view
    built = units.create_unit(db, name="Sở Xây dựng")
    health = reports.list_submissions(db, rid)[0]
    assert health.unit == "Sở Y tế"
    submissions.record_submission(
        db, health.id, expected_version=health.round_version, received_on=TODAY
    )
    view.reload()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    tab.rounds.view.setFocus()
    qtbot.waitUntil(tab.rounds.view.hasFocus)
    QTest.keyClick(tab.rounds.view, Qt.Key.Key_F2)
    dialog = view.last_dialog
    assert isinstance(dialog, EditRoundDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    picker = dialog.units
    ticked = {picker.list.item(i).text() for i in range(picker.list.count())
              if picker.list.item(i).checkState() == Qt.CheckState.Checked}  # fmt: skip
    assert ticked == {"Sở Y tế (đã ghi nhận báo cáo)", "Sở Tài chính", "Sở Nội vụ"}
    assert dialog.sizeHint().height() <= 740  # a 1366×768 laptop
    assert dialog.units_heading.buddy() is picker
    letter = mnemonic_of(dialog.units_heading.text())
    assert letter
    QTest.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(picker.search.hasFocus)
    QTest.keyClicks(picker.search, "xay dung")
    QTest.keyClick(picker.search, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is picker.all_button
    QTest.keyClick(picker.all_button, Qt.Key.Key_Space)  # Sở Xây dựng, the one shown
    picker.search.setText("noi vu")
    QTest.keyClick(picker.all_button, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is picker.none_button
    QTest.keyClick(picker.none_button, Qt.Key.Key_Space)  # Sở Nội vụ unticked
    assert sorted(picker.checked()) == sorted([data["units"][0], data["units"][1], built])
    picker.search.clear()
    QTest.keyClick(picker.none_button, Qt.Key.Key_Space)  # every one: the recorded one stays
    assert picker.checked() == [data["units"][0]]
    picker.check(data["units"][1])  # Sở Tài chính back
    picker.check(built)
    assert dialog.try_save() is True
    after = rounds.get_round(db, rid)
    assert [u.name for u in after.units] == ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng"]
    qtbot.waitUntil(
        lambda: {tab.submissions.model.index(r, 0).data(ROW_ROLE).unit
                 for r in range(tab.submissions.model.rowCount())}
        == {"Sở Y tế", "Sở Tài chính", "Sở Xây dựng"}
    )  # fmt: skip
    newest = change_log.record_changes(db, "reporting_round", rid)[0]
    assert {f.label: (f.before, f.after) for f in newest.changes} == {
        "Thêm đơn vị báo cáo": (None, "Sở Xây dựng"),
        "Bỏ đơn vị báo cáo": ("Sở Nội vụ", None),
    }


def test_edit_round_shows_the_refusal_under_the_units(qtbot: Any, data: dict[str, Any]) -> None:
    """Nothing ticked: the core's refusal shows under the list, naming it; nothing saved."""
    from bdcq_desktop.ui.dialogs.round_dialogs import EditRoundDialog

    db, rid = data["db"], data["round"]
    before = rounds.get_round(db, rid)
    dialog = EditRoundDialog(db, before)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.units.none_button, Qt.MouseButton.LeftButton)
    assert dialog.try_save() is False
    from PySide6.QtWidgets import QLabel

    error = dialog.findChild(QLabel, "error_unit_ids")
    assert error.isVisible() and "Đơn vị báo cáo" in error.text()
    assert rounds.get_round(db, rid) == before


def test_edit_round_units_saved_meanwhile_are_kept(qtbot: Any, data: dict[str, Any]) -> None:
    """Another officer adds Sở Xây dựng while Sửa đợt is open here and Sở Nội vụ is unticked:
    the save is refused as stale; "keep mine" applies the untick to the newest units (Sở Xây
    dựng stays), "theirs" drops it."""
    from bdcq_desktop.core import round_edit
    from bdcq_desktop.ui.dialogs.round_dialogs import EditRoundDialog

    db, rid = data["db"], data["round"]
    health, finance, home = data["units"]
    built = units.create_unit(db, name="Sở Xây dựng")
    dialog = EditRoundDialog(db, rounds.get_round(db, rid))
    qtbot.addWidget(dialog)
    dialog.show()
    round_edit.update_round(db, rid, expected_version=None, unit_ids=[health, finance, home, built])
    dialog.units.check(home, False)
    assert dialog.try_save() is False
    assert dialog.conflict is not None
    dialog.conflict.theirs_button.click()
    assert sorted(dialog.units.checked()) == sorted([health, finance, home, built])
    dialog.units.check(home, False)
    assert dialog.try_save() is True
    assert [u.name for u in rounds.get_round(db, rid).units] == [
        "Sở Y tế",
        "Sở Tài chính",
        "Sở Xây dựng",
    ]
    # Keep mine: the officer's untick over what the other saved meanwhile.
    dialog = EditRoundDialog(db, rounds.get_round(db, rid))
    qtbot.addWidget(dialog)
    dialog.show()
    round_edit.update_round(db, rid, expected_version=None, unit_ids=[health, finance, built, home])
    dialog.units.check(finance, False)
    assert dialog.try_save() is False
    dialog.conflict.keep_button.click()
    assert sorted(dialog.units.checked()) == sorted([health, built, home])
    assert dialog.try_save() is True
    assert [u.name for u in rounds.get_round(db, rid).units] == [
        "Sở Y tế",
        "Sở Nội vụ",
        "Sở Xây dựng",
    ]


def test_quick_entry_of_a_unit_while_another_officer_recorded_another(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    """The round's units read; another officer records one unit's report meanwhile (from
    another PC); the quick entry of another unit, from the list read before, is saved without
    a conflict and the list then shows both. The same unit's is still refused as stale."""
    from bdcq_desktop.core import submissions

    db, rid = data["db"], data["round"]
    shown = {r.unit: r for r in tab.submissions.model.rows()}
    theirs, mine = shown["Sở Y tế"], shown["Sở Tài chính"]
    submissions.record_submission(
        db, theirs.id, expected_version=theirs.round_version, received_on=TODAY,
        document_number="1/BC-SYT",
    )
    pane = tab.rounds_view.pane
    assert pane.table.select_where(lambda r: r.id == mine.id)
    pane.quick_entry()  # Enter on the unit, from the list read before the other's save
    dialog = tab.rounds_view.last_dialog
    assert isinstance(dialog, QuickEntryDialog)
    QTest.keyClicks(dialog.number_edit, "2/BC-STC")
    assert dialog.try_save() is True
    assert not dialog.banner.isVisible() and dialog.conflict is None
    # The list is read anew: the other officer's report and this one.
    now = {r.unit: r for r in tab.submissions.model.rows()}
    assert (now["Sở Y tế"].document_number, now["Sở Tài chính"].document_number) == (
        "1/BC-SYT",
        "2/BC-STC",
    )
    stale = QuickEntryDialog(db, theirs, tab)
    qtbot.addWidget(stale)
    stale.show()
    QTest.keyClicks(stale.number_edit, "3/BC-SYT")
    assert stale.try_save() is False
    # Shown beside what was typed here (tests/test_stale_dialogs.py), naming the unit.
    assert stale.conflict is not None
    assert "Sở Y tế" in stale.conflict.findChild(QLabel, "conflictMessage").text()
    assert reports.list_submissions(db, rid)[0].document_number == "1/BC-SYT"


def test_full_form_shows_the_whole_file_name(
    qtbot: Any, tab: ReportsTab, data: dict[str, Any]
) -> None:
    # At the form's own size the name and its note were cut off ("… (1 KB) — lưu kl").
    from PySide6.QtCore import QRect

    row = tab.submissions.current_row()
    dialog = SubmissionDialog(data["db"], row, tab)
    qtbot.addWidget(dialog)
    dialog.attach(stored_files.check_upload("Báo cáo Quý IV - Sở Y tế.pdf", b"%PDF-1.4 x"))
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.file_label
    text = label.text()
    assert text.startswith("Báo cáo Quý IV - Sở Y tế.pdf") and text.endswith("lưu khi bấm Lưu")
    wrap = int(Qt.TextFlag.TextWordWrap)
    needed = label.fontMetrics().boundingRect(QRect(0, 0, label.width(), 10_000), wrap, text)
    assert needed.width() <= label.width() and needed.height() <= label.height()
    right = label.mapTo(dialog, label.rect().topRight()).x()
    assert right <= dialog.width()
