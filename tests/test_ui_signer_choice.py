"""The document dialog's "Người ký" choice (offscreen, pytest-qt): the settings' signer first,
the others who may sign on the document's date; the preview and the issue follow the choice;
reached from the keyboard; whole on a 1366×768 screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from bdcq_desktop.core import register
from bdcq_desktop.documents import settings_keys
from bdcq_desktop.ui import messages
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.mnemonics import mnemonic_of
from tests.test_signer_choice import person_id
from tests.test_signer_roles import DEPUTY, HEAD, _signature

TIMEOUT = 60_000
HEAD_CALLED = 14  # the demo's meeting called by the Head (a planned one)


def _wait(qtbot: Any, dialog: DocumentDialog) -> None:
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)


@pytest.fixture(autouse=True)
def warnings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Warning boxes shown, recorded instead of blocking the test; none is expected (a
    document not built or not issued is told without blocking, ui/messages.py)."""
    calls: list[Any] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kw: calls.append(args))
    shown = messages.show_message

    def show_message(*args: Any, **kw: Any) -> QMessageBox:
        if kw.get("warning"):
            calls.append(args)
        return shown(*args, **kw)

    monkeypatch.setattr(messages, "show_message", show_message)
    yield calls
    assert not calls, calls


@pytest.fixture
def dialog(qtbot: Any, demo_db: Any) -> DocumentDialog:
    d = DocumentDialog(demo_db, "meeting", HEAD_CALLED, "Họp", kind="convocation")
    qtbot.addWidget(d)
    d.fit_to_screen(QRect(0, 0, 1366, 728))  # a 1366×768 laptop less its task bar
    d.show()
    _wait(qtbot, d)
    return d


def _items(dialog: DocumentDialog) -> list[str]:
    combo = dialog.signer_combo
    return [combo.itemText(i) for i in range(combo.count())]



def _issue_answering_yes(qtbot: Any, dialog: Any, monkeypatch: Any) -> tuple[list[str], Any]:
    """Ban hành with "Có" to its question: the questions asked and the register's record."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> str:
        asked.append(text)
        return "yesButton"

    monkeypatch.setattr(messages, "ask_now", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    with qtbot.waitSignal(dialog.issued, timeout=TIMEOUT) as blocker:
        dialog.issue()
    return asked, blocker.args[0]

def test_the_preview_follows_the_signer_chosen(qtbot: Any, dialog: DocumentDialog) -> None:
    combo = dialog.signer_combo
    assert _items(dialog) == [
        "Vũ Duy Tiến — Trưởng ban (theo Thiết lập)",
        "Cao Bá Công — Phó Trưởng ban Thường trực",
        "Vũ Thị Hoa — Phó Trưởng ban",
    ]
    assert combo.isEnabled() and combo.currentIndex() == 0
    assert dialog._pdf is not None and _signature(dialog._pdf)[-3:] == [*HEAD, "Vũ Duy Tiến"]

    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        combo.setCurrentIndex(2)
    _wait(qtbot, dialog)
    assert combo.currentText() == "Vũ Thị Hoa — Phó Trưởng ban"  # kept across the rebuild
    assert _signature(dialog._pdf)[-3:] == [*DEPUTY, "Vũ Thị Hoa"]



def test_the_issue_follows_the_signer_chosen(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The conclusions of the held meeting 12 (dated by the clock, as the dialog issues them):
    # normally the Chánh Văn phòng's, for the Head (TL.); this time a Deputy Head's.
    dialog = DocumentDialog(demo_db, "meeting", 12, "Họp", kind="conclusions")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    combo = dialog.signer_combo
    assert _items(dialog)[0] == "Lê Quốc Hòa — Chánh văn phòng (theo Thiết lập)"
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findText("Cao Bá Công — Phó Trưởng ban Thường trực"))
    _wait(qtbot, dialog)
    assert _signature(dialog._pdf)[-3:] == [*DEPUTY, "Cao Bá Công"]

    asked, rec = _issue_answering_yes(qtbot, dialog, monkeypatch)
    assert "Người ký: Cao Bá Công — Phó Trưởng ban Thường trực." in asked[0]
    assert rec.signer == "Cao Bá Công"
    assert _signature(register.stored_copy(rec, demo_db))[-3:] == [*DEPUTY, "Cao Bá Công"]
    # The issued copy on screen: its signer as the register has it, no longer to choose.
    _wait(qtbot, dialog)
    assert _items(dialog) == ["Cao Bá Công (đã ban hành)"]
    assert not combo.isEnabled()

def test_a_group_member_in_the_settings_leaves_the_leaders_to_choose(
    qtbot: Any, demo_db: Any
) -> None:
    # The working group's report: Thiết lập names a plain member of the group. The list offers
    # the Tổ trưởng and the Tổ phó, the Tổ trưởng is drafted, the settings' problem is shown.
    member = person_id(demo_db, "Bùi Thị Ngân")
    settings_keys.set_key(demo_db, "signer.wg-report", f"person:{member}")
    dialog = DocumentDialog(demo_db, "session", 6, "Chỉ số DTI", kind="wg-report")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    combo = dialog.signer_combo
    assert _items(dialog) == [
        "Bùi Thị Ngân (theo Thiết lập, không ký được)",
        "Hoàng Quang Tuấn — Tổ trưởng",
        "Trần Thu Thủy — Tổ phó",
    ]
    model = combo.model()
    assert isinstance(model, QStandardItemModel) and not model.item(0).isEnabled()
    assert "Bùi Thị Ngân không phải Tổ trưởng hay Tổ phó" in model.item(0).toolTip()
    assert combo.currentText() == "Hoàng Quang Tuấn — Tổ trưởng"
    assert "Bùi Thị Ngân không phải Tổ trưởng hay Tổ phó" in dialog.status.text()
    assert dialog._pdf is not None
    assert _signature(dialog._pdf)[-2:] == ["TỔ TRƯỞNG", "Hoàng Quang Tuấn"]
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findText("Trần Thu Thủy — Tổ phó"))
    _wait(qtbot, dialog)
    assert _signature(dialog._pdf)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    assert dialog.issue_button.isEnabled()


def test_another_kind_starts_from_its_own_signer(qtbot: Any, dialog: DocumentDialog) -> None:
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        dialog.signer_combo.setCurrentIndex(2)
    _wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        dialog.select_kind("attendance")
    _wait(qtbot, dialog)
    assert dialog.signer_combo.currentIndex() == 0
    assert dialog.signer_combo.currentText() == "Hoàng Xuân Bình — Thư ký (theo Thiết lập)"


def test_nothing_to_choose_for_the_minutes(qtbot: Any, demo_db: Any) -> None:
    # Meeting 12 is held, its minutes not issued: signed by its chair and its secretary.
    dialog = DocumentDialog(demo_db, "meeting", 12, "Họp", kind="minutes")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    assert dialog._pdf is not None and dialog._issued is None
    assert _items(dialog) == ["Theo văn bản (không chọn người ký khác)"]
    assert not dialog.signer_combo.isEnabled() and dialog.signer_combo.signer_id() is None


def test_the_choice_is_reached_by_keyboard_and_fits_a_laptop_screen(
    qtbot: Any, dialog: DocumentDialog
) -> None:
    combo = dialog.signer_combo
    label = next(w for w in dialog.findChildren(QLabel) if w.buddy() is combo)
    assert label.text().replace("&", "") == "Người ký:"
    letter = mnemonic_of(label.text())
    assert letter, label.text()
    dialog.activateWindow()
    dialog.kind_combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.kind_combo, timeout=5000)
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=5000)
    # Whole on the dialog, wide enough for its longest line.
    assert QRect(0, 0, 1366, 728).contains(dialog.geometry())
    assert dialog.rect().contains(combo.geometry().translated(combo.parentWidget().pos()))
    longest = max(combo.fontMetrics().horizontalAdvance(t) for t in _items(dialog))
    assert combo.width() > longest


def test_a_settings_signer_who_cannot_sign_leaves_the_others_to_choose(
    qtbot: Any, demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The roster's signer in Thiết lập is a plain member (as a former Head would be after a
    # reshuffle): the list still offers the Head and the Deputies, the first is drafted, the
    # settings' problem is on screen, and Ban hành issues under the signer chosen.
    member = person_id(demo_db, "Phạm Hồng Hưng")
    settings_keys.set_key(demo_db, "signer.roster", f"person:{member}")
    dialog = DocumentDialog(demo_db, None, None, "", kind="roster")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    combo = dialog.signer_combo
    assert _items(dialog) == [
        "Phạm Hồng Hưng (theo Thiết lập, không ký được)",
        "Vũ Duy Tiến — Trưởng ban",
        "Cao Bá Công — Phó Trưởng ban Thường trực",
        "Vũ Thị Hoa — Phó Trưởng ban",
    ]
    model = combo.model()
    assert isinstance(model, QStandardItemModel) and not model.item(0).isEnabled()
    assert "Phạm Hồng Hưng không phải Trưởng ban" in model.item(0).toolTip()
    assert combo.isEnabled() and combo.currentText() == "Vũ Duy Tiến — Trưởng ban"
    assert "Phạm Hồng Hưng không phải Trưởng ban" in dialog.status.text()
    assert dialog._pdf is not None and _signature(dialog._pdf)[-3:] == [*HEAD, "Vũ Duy Tiến"]
    assert dialog.issue_button.isEnabled()

    with qtbot.waitSignal(dialog.preview_ready, timeout=TIMEOUT):
        combo.setCurrentIndex(combo.findText("Vũ Thị Hoa — Phó Trưởng ban"))
    _wait(qtbot, dialog)
    assert _signature(dialog._pdf)[-3:] == [*DEPUTY, "Vũ Thị Hoa"]

    asked, rec = _issue_answering_yes(qtbot, dialog, monkeypatch)
    assert "Người ký: Vũ Thị Hoa — Phó Trưởng ban." in asked[0]
    assert rec.signer == "Vũ Thị Hoa"
    assert _signature(register.stored_copy(rec, demo_db))[-3:] == [*DEPUTY, "Vũ Thị Hoa"]


def test_a_notice_whose_signer_rule_finds_nobody_says_so_in_the_preview(
    qtbot: Any, demo_db: Any
) -> None:
    # No member is "Chánh Văn phòng…" any more: the notice's signer by Thiết lập is nobody.
    # The list says so (never a blank name), the Head is drafted, the reason is on screen.
    from tests.test_signer_missing import _no_chanh_van_phong

    _no_chanh_van_phong(demo_db)
    dialog = DocumentDialog(demo_db, "meeting", 12, "Họp", kind="conclusions")
    qtbot.addWidget(dialog)
    dialog.fit_to_screen(QRect(0, 0, 1366, 728))
    dialog.show()
    _wait(qtbot, dialog)
    combo = dialog.signer_combo
    assert _items(dialog)[0] == "Chức vụ “Chánh Văn phòng” (theo Thiết lập, không ký được)"
    model = combo.model()
    assert isinstance(model, QStandardItemModel) and not model.item(0).isEnabled()
    missing = "không có thành viên Ban Chỉ đạo nào có chức vụ “Chánh Văn phòng”"
    assert missing in model.item(0).toolTip()
    assert missing in dialog.status.text()
    assert "Thiết lập, thẻ Văn bản, cột Người ký" in dialog.status.text()
    assert combo.currentText() == "Vũ Duy Tiến — Trưởng ban"
    assert dialog._pdf is not None and _signature(dialog._pdf)[-3:] == [*HEAD, "Vũ Duy Tiến"]
    assert dialog.issue_button.isEnabled()
