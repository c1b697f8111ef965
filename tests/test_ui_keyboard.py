"""The keyboard reaches everything (issue 14, item 11): tabs switch with Ctrl+Tab and
Ctrl+PgDn, Tab leaves a table, every toolbar button is also a menu entry."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QFileDialog,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QWidget,
)

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.mnemonics import mnemonic_of, mnemonics_of, with_mnemonic


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.read_every_tab()
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.views.setCurrentWidget(window.members_tab.committee)
    return window


def _press(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifiers)


def test_ctrl_tab_and_ctrl_page_keys_switch_tabs(qtbot: Any, window: MainWindow) -> None:
    window.members_tab.committee.table.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    _press(qtbot, Qt.Key.Key_Tab, ctrl)
    assert window.tabs.currentWidget() is window.meetings_tab
    _press(qtbot, Qt.Key.Key_PageDown, ctrl)
    assert window.tabs.currentWidget() is window.sessions_tab
    _press(qtbot, Qt.Key.Key_PageUp, ctrl)
    assert window.tabs.currentWidget() is window.meetings_tab
    _press(qtbot, Qt.Key.Key_Backtab, ctrl | shift)
    assert window.tabs.currentWidget() is window.members_tab
    _press(qtbot, Qt.Key.Key_PageUp, ctrl)  # wraps around
    assert window.tabs.currentWidget() is window.reports_tab


def test_tab_walks_out_of_the_table_to_the_former_members_box(
    qtbot: Any, window: MainWindow
) -> None:
    view = window.members_tab.committee
    view.table.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table.search)
    chain = []
    for _ in range(40):
        _press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        chain.append(QApplication.focusWidget())
        if chain[-1] is view.table.search:
            break
    names = [w.objectName() for w in chain]
    tables = [w for w in chain if isinstance(w, QTableView)]
    assert tables and tables[0] is view.table.view, names
    assert chain.index(view.table.view) < len(chain) - 1  # Tab left the table
    assert any(isinstance(w, QCheckBox) and w.objectName() == "showFormer" for w in chain), names
    assert chain[-1] is view.table.search  # and came round again


def test_every_toolbar_button_is_a_menu_entry_with_a_key(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    toolbar = window.current_toolbar_actions()
    names = {a.objectName() for a in toolbar}
    assert {"importAction", "exportAction", "templateAction", "newAction"} <= names
    window.edit_menu.aboutToShow.emit()
    entries = {a.objectName(): a for a in window.edit_menu.actions()}
    letters = []
    for source in toolbar:
        entry = entries[f"menu_{source.objectName()}"]
        assert mnemonic_of(entry.text()) or not entry.shortcut().isEmpty(), entry.text()
        letters.append(mnemonic_of(entry.text()))
        assert entry.text().replace("&", "") == source.text().replace("&", "")
    assert len([x for x in letters if x]) == len(set(x for x in letters if x))  # no clash
    # The entry does what the button does: here, ask where to save the template.
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _p, title, *a: (asked.append(title), ("", ""))[1]
    )
    entries["menu_templateAction"].trigger()
    assert asked == ["Lưu tệp mẫu để nhập"]
    # The main toolbar's documents are in Tệp › Văn bản with their own keys.
    for action in window.document_actions.toolbar.actions():
        assert action in window.document_actions.menu.actions()
        assert mnemonic_of(action.text()) or not action.shortcut().isEmpty()


def test_mnemonics_prefer_word_starts_and_plain_letters() -> None:
    used = {"t"}
    assert with_mnemonic("Tải tệp mẫu…", used) == "Tải tệp &mẫu…"
    assert with_mnemonic("Đóng góp", set()) == "Đóng &góp"  # Alt+Đ cannot be typed
    assert with_mnemonic("Xuất &danh sách", used) == "Xuất &danh sách"
    assert "d" in used


def _stacks(root: QWidget, window: MainWindow) -> list[QStackedWidget | QTabWidget]:
    """The page stacks showing under ``root``: each tab widget, and each stack not inside one
    (a tab widget's own stack follows its tab bar)."""
    tabs = [t for t in root.findChildren(QTabWidget) if t.isVisible() and t.window() is window]
    stacks = [
        s
        for s in root.findChildren(QStackedWidget)
        if s.isVisible() and s.window() is window and not isinstance(s.parentWidget(), QTabWidget)
    ]
    out: list[QStackedWidget | QTabWidget] = [*stacks, *tabs]
    return out


def test_no_alt_letter_on_a_page_is_one_of_the_menu_bar(qtbot: Any, window: MainWindow) -> None:
    """Alt+T on Báo cáo › Nhiệm vụ opened Tệp instead of reaching "&Tình trạng:": on every tab
    and every page of them, as shown, the Alt letters of what shows are plain, none shared,
    and none a menu's (Tệp, Chỉnh sửa, Xem, Trợ giúp)."""
    menus = {mnemonic_of(a.text()) for a in window.menuBar().actions()} - {""}
    assert {"t", "c", "x", "g"} <= menus
    clashes: list[tuple[str, str]] = []
    states = 0

    def check(where: str) -> None:
        nonlocal states
        states += 1
        showing = [
            w
            for w in window.findChildren(QWidget)
            if w.window() is window and w.isVisible() and w is not window.menuBar()
        ]
        letters = [(m, w) for w in showing for m in mnemonics_of(w)]
        for m, w in letters:
            text = w.text() if isinstance(w, QAbstractButton | QLabel) else type(w).__name__
            shared = sum(1 for other, _w in letters if other == m) > 1
            if m in menus or shared or not (m.isascii() and m.isalpha()):
                clashes.append((where, text))

    def walk(root: QWidget, where: str, depth: int) -> None:
        check(where)
        if depth > 3:
            return
        for stack in _stacks(root, window):
            was = stack.currentIndex()
            for i in range(stack.count()):
                stack.setCurrentIndex(i)
                QApplication.processEvents()
                walk(stack.widget(i), f"{where} › {stack.objectName()}[{i}]", depth + 1)
            stack.setCurrentIndex(was)

    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        walk(window.tabs.widget(i), window.tabs.tabText(i), 0)
    assert states > 20  # the pages were walked, not only the tabs
    assert not sorted(set(clashes)), sorted(set(clashes))
    # Pressed: the status filter of Báo cáo › Nhiệm vụ is reached by its letter.
    reports = window.reports_tab
    window.tabs.setCurrentWidget(reports)
    reports.pages.setCurrentWidget(reports.tasks_page)
    reports.tasks_page.table.view.setFocus()
    qtbot.waitUntil(reports.tasks_page.table.view.hasFocus)
    label = next(
        w for w in reports.tasks_page.findChildren(QLabel)
        if w.buddy() is reports.tasks_page.status_combo
    )
    letter = mnemonic_of(label.text())
    _press(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is reports.tasks_page.status_combo
    assert QApplication.activePopupWidget() is None  # no menu opened instead


def test_the_live_windows_alt_letters_do_not_clash(qtbot: Any, demo_db: Any) -> None:
    """Every Alt letter of the live window is its own (mnemonics and Alt+letter keys), and
    "Kết thúc cuộc họp…" has one, none of the main window's menus (t, c, x, g)."""
    from PySide6.QtGui import QKeySequence

    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
    from tests.test_meeting_docs import demo_ids

    live = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"])  # deleted when closed
    live.resize(1366, 768)
    live.show()
    qtbot.waitExposed(live)
    letters = [m for w in live.findChildren(QWidget) if w.isVisible() for m in mnemonics_of(w)]
    for action in live.actions():
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            if text.startswith("Alt+") and len(text) == 5:
                letters.append(text[-1].lower())
    assert len(letters) == len(set(letters)), sorted(letters)
    end = live.findChild(QAbstractButton, "liveEnd")
    letter = mnemonic_of(end.text())
    assert letter and letter.isascii() and letter not in {"t", "c", "x", "g"}
    # Pressed from the notes, where the secretary types: the end dialog opens.
    live.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)
    live.notes.setFocus()
    qtbot.waitUntil(live.notes.hasFocus)
    key = getattr(Qt.Key, f"Key_{letter.upper()}")
    qtbot.keyClick(live.notes, key, Qt.KeyboardModifier.AltModifier)
    # A button's Alt letter clicks it after its short press animation.
    qtbot.waitUntil(lambda: live.end_dialog is not None and live.end_dialog.isVisible())
    live.end_dialog.reject()
    live.close()


def test_every_menu_entry_has_a_letter_of_its_own(qtbot: Any, window: MainWindow) -> None:
    """Tệp held "&Chép dữ liệu sang máy phòng họp…" and "Tên &cán bộ trên máy này…": Alt+T
    then C only moved between the two (a letter shared in a menu opens neither). In every
    menu of the bar and its submenus (Tệp › Văn bản), each entry has a plain letter, none
    shared."""
    from PySide6.QtWidgets import QMenu

    def walk(menu: QMenu, where: str) -> None:
        menu.aboutToShow.emit()  # Chỉnh sửa fills itself from the toolbar in front
        entries = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        letters = [mnemonic_of(a.text()) for a in entries]
        for action, letter in zip(entries, letters, strict=True):
            assert letter.isascii() and letter.isalpha(), (where, action.text())
        shared = sorted({m for m in letters if letters.count(m) > 1})
        assert not shared, (where, [a.text() for a in entries if mnemonic_of(a.text()) in shared])
        for action in entries:
            if action.menu() is not None:
                walk(action.menu(), f"{where} › {action.text()}")

    for action in window.menuBar().actions():
        walk(action.menu(), action.text())
