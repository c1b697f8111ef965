"""Trợ giúp › Hướng dẫn sử dụng (F1): the guide opens at the section of the tab or window in
front, its "Phím tắt" is read from the window's real actions, its "Dòng lệnh" from the parser,
every link inside it resolves, and it is used from the keyboard alone. Real SQLite files
(the demo), the real window, keys sent as the officer presses them."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parents[1] / "bdcq_desktop"
# The section F1 opens for each main tab, in the tabs' order (the brief's mapping, spelled out
# here rather than read from the code under test).
TAB_SECTIONS = {0: "thanh-vien", 1: "cuoc-hop", 2: "to-cong-tac", 3: "bao-cao"}


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _anchors(document: QTextDocument) -> dict[str, float]:
    """Every anchor name the document knows, with the top of its block (the guide's anchors
    begin their heading: the line QTextBrowser.scrollToAnchor puts at the top)."""
    layout = document.documentLayout()
    found: dict[str, float] = {}
    block = document.begin()
    while block.isValid():
        for it in block:
            fragment = it.fragment()
            for name in fragment.charFormat().anchorNames():
                found[name] = layout.blockBoundingRect(block).top()
        block = block.next()
    return found


def _guide_of(qtbot: Any, owner: QWidget) -> Any:
    """The guide window ``owner`` opened, once it is the active window (as a window manager
    makes a window just shown; the offscreen platform does it a moment later)."""
    from bdcq_desktop.ui.guide_window import GuideWindow

    guides = [w for w in owner.findChildren(GuideWindow) if w.isVisible()]
    assert len(guides) == 1, guides
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guides[0])
    return guides[0]


def _press_f1(qtbot: Any, target: QWidget) -> None:
    target.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is target.window())
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)


def _assert_shown_at(qtbot: Any, guide: Any, anchor: str) -> None:
    anchors = _anchors(guide.browser.document())
    assert anchor in anchors
    bar = guide.browser.verticalScrollBar()
    # Laid out and scrolled once shown: the anchor's line at the top (or the end reached).
    qtbot.waitUntil(lambda: abs(bar.value() - min(anchors[anchor], bar.maximum())) <= 2)
    assert bar.value() > 0  # none of these sections is the first line of the guide


def test_f1_on_each_tab_opens_the_guide_at_that_tabs_section(
    qtbot: Any, window: MainWindow
) -> None:
    for index, anchor in TAB_SECTIONS.items():
        window.activateWindow()
        window.tabs.setCurrentIndex(index)
        tab = window.tab_at(index)
        _press_f1(qtbot, tab)
        guide = _guide_of(qtbot, window)
        _assert_shown_at(qtbot, guide, anchor)
        # Its chapter chosen in the table of contents.
        item = guide.contents.currentItem()
        assert item.data(Qt.ItemDataRole.UserRole) == anchor
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc closes it
        qtbot.waitUntil(lambda guide=guide: not guide.isVisible())
    # The Help menu has it, by its key.
    assert window.guide_action.shortcut().toString() == "F1"


def test_f1_in_the_live_window_and_the_document_dialog(
    qtbot: Any, window: MainWindow, demo_db: Any
) -> None:
    from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
    from tests.test_meeting_docs import demo_ids

    live = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"], window)
    live.resize(1366, 768)
    live.show()
    live.activateWindow()
    qtbot.waitExposed(live)
    _press_f1(qtbot, live.notes)
    _assert_shown_at(qtbot, _guide_of(qtbot, live), "hop-truc-tiep")  # attendance and notes live
    _guide_of(qtbot, live).close()
    live.close()

    dialog = DocumentDialog(demo_db, None, kind="roster", parent=window)
    dialog.open()  # window-modal, as the application opens it
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    dialog.activateWindow()
    _press_f1(qtbot, dialog.kind_combo)
    guide = _guide_of(qtbot, dialog)
    _assert_shown_at(qtbot, guide, "van-ban")  # issuing and numbering
    # Not blocked by the dialog's modality: it takes keys.
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is guide.search
    dialog.reject()


def _rows_of(guide: Any) -> list[tuple[str, str, str]]:
    """(keys, command, where) of each row of the guide's shortcut table, as displayed."""
    from PySide6.QtGui import QTextCursor

    document = guide.browser.document()
    found = document.find("Ở đâu")  # the head of the table's last column
    table = QTextCursor(found).currentTable()
    assert table is not None
    rows = []
    for r in range(1, table.rows()):
        cells = []
        for c in range(3):
            cell = table.cellAt(r, c)
            cursor = cell.firstCursorPosition()
            end = cell.lastCursorPosition().position()
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cells.append(cursor.selectedText())
        rows.append(tuple(cells))
    return rows


def test_the_shortcuts_section_is_read_from_the_window_actions(
    qtbot: Any, window: MainWindow
) -> None:
    window.open_guide()
    rows = _rows_of(_guide_of(qtbot, window))
    by_command = {(command, where): keys.split(", ") for keys, command, where in rows}
    assert "Ctrl+F" in by_command[("Tìm kiếm", "Menu Chỉnh sửa")]
    assert "F5" in by_command[("Làm mới", "Menu Xem")]
    assert "Ctrl+Tab" in by_command[("Thẻ sau", "Menu Xem")]
    assert "F1" in by_command[("Hướng dẫn sử dụng", "Menu Trợ giúp")]
    # The tabs' own actions too, the tabs not opened yet included (built to be read).
    places = {where.split(" › ")[0] for _k, _c, where in rows}
    assert places >= {"Thẻ Thành viên", "Thẻ Cuộc họp", "Thẻ Tổ công tác", "Thẻ Báo cáo"}
    # …each where it works: a page of a tab by its name, a record's section by its own.
    assert ("Ctrl+N", "Thêm đơn vị…", "Thẻ Thành viên › Cơ quan, đơn vị") in rows
    assert ("Ctrl+M", "Miễn nộp…", "Thẻ Báo cáo › Đợt báo cáo") in rows
    assert ("Alt+5", "Mục Điểm danh", "Thẻ Cuộc họp") in rows
    # Read at each opening: a shortcut changed is what the guide then says.
    window.refresh_action.setShortcuts([])
    window.refresh_action.setShortcut("Ctrl+Shift+F9")
    _guide_of(qtbot, window).close()
    window.open_guide()
    rows = _rows_of(_guide_of(qtbot, window))
    assert ("Ctrl+Shift+F9", "Làm mới", "Menu Xem") in rows
    assert not [r for r in rows if r[1] == "Làm mới" and "F5" in r[0].split(", ")]


def test_every_link_resolves_and_every_command_is_listed(qtbot: Any, window: MainWindow) -> None:
    from bdcq_desktop.cli import build_parser
    from bdcq_desktop.ui.guide_window import guide_html

    window.open_guide()
    guide = _guide_of(qtbot, window)
    anchors = _anchors(guide.browser.document())
    text = guide_html(window)
    links = re.findall(r'href="([^"]*)"', text)
    assert len(links) >= 10
    # Offline: nothing outside the guide; and every "#x" is an anchor Qt knows.
    assert [link for link in links if not link.startswith("#")] == []
    assert sorted({link[1:] for link in links} - set(anchors)) == []
    # The table of contents: every chapter, each an anchor.
    chapters = [guide.contents.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(guide.contents.count())]  # fmt: skip
    assert len(chapters) >= 11 and set(chapters) <= set(anchors)
    # Every section a window's F1 names (help_key's calls in the sources) is one.
    named = set(TAB_SECTIONS.values())
    for path in (PACKAGE / "ui").rglob("*.py"):
        named |= set(re.findall(r'add_help_key\(self, "([^"]+)"\)', path.read_text("utf-8")))
    assert {"hop-truc-tiep", "van-ban"} <= named
    assert sorted(named - set(anchors)) == []
    # The command line, written in the guide: every command of the parser, as its help says
    # it in Vietnamese, and no other (a command added, renamed or reworded fails here).
    (sub,) = [a for a in build_parser()._actions if hasattr(a, "_choices_actions")]
    parser_rows = [(c.dest, (c.help or "").split(" / ")[0]) for c in sub._choices_actions]
    written = re.findall(r"<tr><td><code>bdcq ([^<]+)</code></td><td>([^<]*)</td></tr>", text)
    assert [(n, html.unescape(w)) for n, w in written] == parser_rows
    plain = guide.browser.toPlainText()
    assert [name for name in sub.choices if f"bdcq {name}" not in plain] == []


def test_the_guide_is_searched_and_closed_from_the_keyboard(qtbot: Any, window: MainWindow) -> None:
    _press_f1(qtbot, window.current_tab())
    guide = _guide_of(qtbot, window)
    qtbot.keyClick(guide.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is guide.search
    qtbot.keyClicks(guide.search, "so da cap")  # without diacritics
    assert guide.browser.textCursor().selectedText().lower() == "số đã cấp"
    first = guide.browser.textCursor().selectionStart()
    qtbot.keyClick(guide.search, Qt.Key.Key_Return)  # the next place
    assert guide.browser.textCursor().selectionStart() > first
    assert guide.browser.textCursor().selectedText().lower() == "số đã cấp"
    qtbot.keyClick(guide.search, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert guide.browser.textCursor().selectionStart() == first
    qtbot.keyClicks(guide.search, "zzqx")
    assert "Không thấy" in guide.found_label.text()
    # The table of contents: arrows move through the chapters, each scrolled to.
    guide.contents.setFocus()
    guide.contents.setCurrentRow(0)
    qtbot.keyClick(guide.contents, Qt.Key.Key_Down)
    qtbot.keyClick(guide.contents, Qt.Key.Key_Down)
    bar = guide.browser.verticalScrollBar()
    anchor = guide.contents.currentItem().data(Qt.ItemDataRole.UserRole)
    assert anchor == "cuoc-hop"
    qtbot.waitUntil(lambda: abs(bar.value() - _anchors(guide.browser.document())[anchor]) <= 2)
    # Fits a 1366×768 laptop.
    assert guide.width() <= 1366 - 40 and guide.height() <= 768 - 60
    hint = guide.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    qtbot.keyClick(guide.contents, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guide.isVisible())


def _marked(text: str, kind: str) -> list[str]:
    """What the guide writes as <span class="kind">…</span>: its menu paths ("menu") and keys
    ("key"), as the officer reads them."""
    found = re.findall(rf'<span class="{kind}">(.*?)</span>', text, re.S)
    return [" ".join(html.unescape(f).split()) for f in found]


def _menu_paths(window: MainWindow) -> set[str]:
    """Every entry of the window's menu bar, as "Tệp › Văn bản › Số đã cấp ngoài phần mềm…"."""
    from bdcq_desktop.ui.guide_window import plain

    paths: set[str] = set()

    def walk(menu: Any, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            here = [*path, plain(action.text())]
            if action.menu() is not None:
                walk(action.menu(), here)
            else:
                paths.add(" › ".join(here))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), [plain(top.text())])
    return paths


def _keys_of(*windows: QWidget) -> set[str]:
    """Every key the windows answer to: their actions' shortcuts (the tabs' included) and the
    underlined letters of their buttons and of the labels that lead to a field."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel

    portable = QKeySequence.SequenceFormat.PortableText
    keys: set[str] = set()
    for window in windows:
        for action in window.findChildren(QAction):
            keys |= {k.toString(portable) for k in action.shortcuts()}
        for button in window.findChildren(QAbstractButton):
            keys.add(button.shortcut().toString(portable))
        for label in window.findChildren(QLabel):
            if label.buddy() is not None:
                keys.add(QKeySequence.mnemonic(label.text()).toString(portable))
    return keys - {""}


def _as_portable(key: str) -> str:
    from PySide6.QtGui import QKeySequence

    # The guide writes what the keyboard says (Enter, arrows); Qt names them Return, Left…
    spelled = key.replace("Enter", "Return").replace("←", "Left").replace("→", "Right")
    return QKeySequence(spelled).toString(QKeySequence.SequenceFormat.PortableText)


def test_every_menu_path_and_key_the_guide_names_is_real(
    qtbot: Any, window: MainWindow, demo_db: Any
) -> None:
    """A guide naming a menu entry or a key the program does not have sends the officer
    looking for nothing: each one it marks is looked up in the real window (its menus, its
    tabs' actions and buttons) and the meeting room's live window."""
    from bdcq_desktop.ui.guide_window import guide_html
    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
    from tests.test_meeting_docs import demo_ids

    text = guide_html(window)
    menus = _menu_paths(window)
    named = _marked(text, "menu")
    assert len(set(named)) >= 12  # the guide's menu paths are marked, not only some
    assert sorted(set(named) - menus) == []
    # …and none is written unmarked (so unchecked): the file's text outside the marks.
    written = (PACKAGE / "assets" / "guide" / "huong-dan.html").read_text("utf-8")
    unmarked = re.sub(r'<!--.*?-->|<span class="menu">.*?</span>', "", written, flags=re.S)
    assert re.findall(r"(?:Tệp|Chỉnh sửa|Xem|Trợ giúp) ›[^<]*", unmarked) == []
    # A wrong path is caught: an entry that is not there, or one under another menu.
    for wrong in ("Tệp › Sao lưu ngay…", "Tệp › Số đã cấp ngoài phần mềm…"):
        assert wrong not in menus

    for index in range(window.tabs.count()):
        window.tab_at(index)  # the tabs' own actions, built as at their first opening
    live = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"], window)
    qtbot.addWidget(live)
    keys = _keys_of(window, live)
    marked = _marked(text, "key")
    assert len(set(marked)) >= 20
    assert sorted({k for k in marked if _as_portable(k) not in keys}) == []
    assert _as_portable("Ctrl+Shift+J") not in keys  # …and a key nothing answers to is caught
    live.close()
