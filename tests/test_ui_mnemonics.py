"""Alt+letter in every form (keyboard audit, part 2, item 1): each labelled field of a dialog
has a label with a buddy and a plain letter of its own, unique among what shows at once (the
dialog's buttons, tabs and the other labels), and Alt+that letter puts the cursor in the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.mnemonics import (
    give_label_mnemonics,
    mnemonic_of,
    mnemonics_of,
    share_letters,
)

from .form_dialogs import FORMS, PARENT, shown

FIELDS = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()



def _fields(dialog: QWidget) -> list[QWidget]:
    """The fields showing that take typing or a pick: not a table's cells, not the line inside
    a combo or spin box, not a read-only box."""
    out = []
    for w in dialog.findChildren(QWidget):
        if (
            isinstance(w, FIELDS)
            and w.window() is dialog
            and w.isVisible()
            and w.isEnabled()
            and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
            and not any(v.isAncestorOf(w) for v in dialog.findChildren(QAbstractItemView))
            and not getattr(w, "isReadOnly", lambda: False)()
        ):
            out.append(w)
    return out


def _reaches(buddy: QWidget, field: QWidget) -> bool:
    return buddy is field or buddy.isAncestorOf(field) or buddy.focusProxy() is field


def _has_focus(buddy: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is buddy or buddy.isAncestorOf(focus))


def _alt(qtbot: Any, dialog: QWidget, letter: str) -> None:
    """Alt+``letter`` pressed where the cursor is, the dialog in front."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    target = QApplication.focusWidget() or dialog
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)


def _views(dialog: QWidget) -> list[tuple[QTabWidget | None, int]]:
    """Each state of the dialog's tabs: as opened, then every page of every tab widget."""
    states: list[tuple[QTabWidget | None, int]] = [(None, 0)]
    for tabs in dialog.findChildren(QTabWidget):
        states += [(tabs, i) for i in range(tabs.count()) if tabs.isTabEnabled(i)]
    return states


@pytest.mark.parametrize("name", FORMS.keys())
def test_every_labelled_field_has_its_own_alt_letter(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    for tabs, index in _views(dialog):
        if tabs is not None:
            tabs.setCurrentIndex(index)
            qtbot.wait(10)
        showing = [w for w in dialog.findChildren(QWidget) if w.window() is dialog]
        showing = [w for w in showing if w.isVisible()]
        labels = [w for w in showing if isinstance(w, QLabel) and w.buddy() is not None]
        where = f"{name}, page {index}"
        fields = _fields(dialog)
        for field in fields:
            # A page's own search line (a list of check boxes) is named by its tab.
            assert any(_reaches(label.buddy(), field) for label in labels) or any(
                t.currentWidget().focusProxy() is field for t in dialog.findChildren(QTabWidget)
            ), (where, field.objectName() or type(field).__name__)
        letters = [m for w in showing for m in mnemonics_of(w)]
        assert len(letters) == len(set(letters)), (where, sorted(letters))
        for box in showing:  # a check box is its own label
            if isinstance(box, QCheckBox) and box.text():
                assert mnemonics_of(box), (where, box.text())
        for label in labels:
            letter = next(iter(mnemonics_of(label)), "")
            assert letter.isascii() and letter.isalpha(), (where, label.text())
            buddy = label.buddy()
            if not (buddy.isVisible() and buddy.isEnabled()):
                continue
            # Start away from the field: its Alt letter must bring the cursor back.
            away = [f for f in fields if not _reaches(buddy, f)]
            if away:
                away[-1].setFocus(Qt.FocusReason.OtherFocusReason)
            _alt(qtbot, dialog, letter)
            assert _has_focus(buddy), (where, label.text(), QApplication.focusWidget())
        if tabs is not None:  # each tab's letter shows its page
            letter = mnemonic_of(tabs.tabText(index))
            assert letter.isascii() and letter.isalpha(), (where, tabs.tabText(index))
            tabs.setCurrentIndex((index + 1) % tabs.count())
            _alt(qtbot, dialog, letter)
            assert tabs.currentIndex() == index, where
    # A document's preview is built in the background: let it end before the dialog goes.
    qtbot.waitUntil(lambda: not getattr(dialog, "_busy", False), timeout=60_000)
    dialog.close()


def test_letters_avoid_the_buttons_and_tab_pages_may_share_one(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    outside = QLabel("Ngày họp", dialog)
    outside.setBuddy(QLineEdit(dialog))
    layout.addWidget(QPushButton("&Ngày mai", dialog))
    tabs = QTabWidget(dialog)
    pages = []
    for text in ("Đơn vị", "Đơn vị chủ trì"):
        page = QWidget()
        label = QLabel(text, page)
        label.setBuddy(QLineEdit(page))
        tabs.addTab(page, "x")
        pages.append(label)
    give_label_mnemonics(dialog)
    assert outside.text() == "Ngày &họp"  # Alt+N is the button's
    # Not "&Đơn": Alt cannot type Đ. The two pages never show together: one letter for both,
    # not the one the label outside the tabs took.
    assert [label.text() for label in pages] == ["Đơn &vị", "Đơn &vị chủ trì"]


def test_a_label_whose_letters_are_taken_gets_one_from_a_label_before_it() -> None:
    # "Thư ký" has t, h and k only; the labels before it took all three.
    texts = ["Tên cuộc họp", "Người đề nghị", "Thời gian kết thúc", "Thư ký"]
    given = share_letters(texts, {"c"})
    assert given[3] != texts[3] and all(mnemonic_of(t) for t in given), given
    letters = [mnemonic_of(t) for t in given]
    assert len(set(letters)) == 4 and "c" not in letters


def _box_buttons(dialog: QWidget) -> list[QAbstractButton]:
    return [
        b
        for box in dialog.findChildren(QDialogButtonBox)
        if box.window() is dialog
        for b in box.buttons()
        if b.isVisible()
    ]


@pytest.mark.parametrize("name", FORMS.keys())
def test_the_dialog_buttons_have_plain_letters_and_alt_cancels(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    """Lưu and Hủy (Qt's standard buttons, translated) had no Alt letter: the officer walked
    the Tab chain to them. Each button of a dialog's box has a plain letter (Lưu Alt+L, Hủy
    Alt+H), none shared with the fields' (checked above); Alt+Hủy's letter closes the dialog
    from a field, a multi-line one included."""
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    qtbot.waitUntil(lambda: not getattr(dialog, "_busy", False), timeout=60_000)
    buttons = _box_buttons(dialog)
    if not buttons:  # the document window: its own letters, written in its texts
        assert all(mnemonics_of(b) for b in dialog.findChildren(QPushButton) if b.isVisible())
        dialog.close()
        return
    for button in buttons:
        letter = mnemonic_of(button.text())
        assert letter.isascii() and letter.isalpha(), (name, button.text())
        plain = button.text().replace("&", "")
        assert plain not in ("Lưu", "Hủy") or letter == plain[0].lower(), (name, button.text())
    cancel = next(
        b
        for b in buttons
        if b.parentWidget().buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole
    )
    fields = _fields(dialog)
    multiline = [f for f in fields if isinstance(f, QPlainTextEdit | QTextEdit)]
    start = (multiline or fields or [dialog])[0]
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    _alt(qtbot, dialog, mnemonic_of(cancel.text()))
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("name", ["invitees", "participants", "settings"])  # those with tabs
def test_a_tabs_letter_puts_the_cursor_on_its_page(
    qtbot: Any, demo_db: Any, tmp_path: Path, name: str
) -> None:
    """Alt+letter of a tab showed its page but left the cursor on the page just hidden (a
    field nobody sees, which Tab then walked on from). The cursor goes to the first field of
    the page shown: where Tab from the tab bar would stop first."""
    dialog = shown(qtbot, FORMS[name](demo_db, tmp_path))
    [tabs] = dialog.findChildren(QTabWidget)
    assert tabs.count() > 1
    for index in range(tabs.count()):
        other = (index + 1) % tabs.count()
        tabs.setCurrentIndex(other)
        qtbot.wait(10)
        away = _fields(dialog) or [tabs.tabBar()]
        away[-1].setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.waitUntil(lambda w=away[-1]: QApplication.focusWidget() is w)
        _alt(qtbot, dialog, mnemonic_of(tabs.tabText(index)))
        assert tabs.currentIndex() == index
        focus = QApplication.focusWidget()
        page = tabs.widget(index)
        where = (name, tabs.tabText(index), focus)
        assert focus is not None and focus.isVisible() and page.isAncestorOf(focus), where
        # The first stop of the page: Shift+Tab from it leaves the page.
        qtbot.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        back = QApplication.focusWidget()
        assert back is not None and not page.isAncestorOf(back), (where, back)
    dialog.reject()
