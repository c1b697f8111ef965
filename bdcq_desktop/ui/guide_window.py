"""Trợ giúp › Hướng dẫn sử dụng (F1): the user guide, offline, in a window of its own.

The guide's body is a Vietnamese document shipped as package data
(``assets/guide/huong-dan.html``, read through :func:`..resources.resource_path`, so a wheel
and the bundle carry it). Two of its sections are written here at each opening, from the
program itself, so they never go stale: "Phím tắt", from the QActions of the window that asked
(its menus and its tabs), and "Dòng lệnh bdcq", from the command line's parser.

Imported only when the guide is asked (:mod:`.help_key`); its chrome goes through tr().
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.text import fold
from ..resources import resource_path

GUIDE_FILE = ("guide", "huong-dan.html")
# Where the generated sections go in the guide's file.
SHORTCUTS_MARK = "<!-- phim-tat -->"
# A section of the table of contents: every h2 of the guide, by its anchor.
_SECTION = re.compile(r'<h2><a name="([^"]+)">(.*?)</a></h2>', re.S)
_ANCHOR = re.compile(r'<a name="([^"]+)">')


def _tr(text: str) -> str:
    return QCoreApplication.translate("guide", text)


@dataclass(frozen=True)
class ShortcutRow:
    where: str  # "Menu Tệp", "Thẻ Cuộc họp"…
    command: str  # the action's text as the menu shows it, without its mnemonic
    keys: str  # "Ctrl+F", "F5, Ctrl+R"


def plain(text: str) -> str:
    """A menu text without its mnemonic marks ("&Tìm kiếm" → "Tìm kiếm", "&&" → "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _keys(action: QAction) -> str:
    """The action's keys as the menus print them; the browser and media keys some standard
    bindings add (Back, Forward) left out: an office keyboard has none."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(
        k.toString(native)
        for k in action.shortcuts()
        if not k.isEmpty() and k[0].key().value < Qt.Key.Key_Back.value
    )


def _place(action: QAction, page: QWidget) -> list[str]:
    """The pages of ``page`` the action is on, outermost first: the titles of the tab widgets
    between them ("Cơ quan, đơn vị" of Thành viên; "Đôn đốc" of Báo cáo)."""
    names: list[str] = []
    widget = action.parent()
    while isinstance(widget, QWidget) and widget is not page:
        parent = widget.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(parent.parentWidget(), QTabWidget):
            tabs = parent.parentWidget()
            index = tabs.indexOf(widget)
            if index >= 0:
                names.insert(0, plain(tabs.tabText(index)))
        widget = parent
    return names


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every action of ``window`` that has a shortcut, as it is now: its menus (entry by
    entry, submenus included) and, for the main window, each of its tabs (built now if the
    database is open: a tab not opened yet has its actions too)."""
    rows: list[ShortcutRow] = []
    seen: set[ShortcutRow] = set()

    def add(where: str, action: QAction) -> None:
        if action.isSeparator() or action.menu() is not None:
            return
        # The Chỉnh sửa menu's copies of the toolbar in front: listed under their tab.
        if action.objectName().startswith("menu_"):
            return
        keys = _keys(action)
        text = plain(action.text()) or plain(action.iconText())
        if not keys or not text:
            return
        row = ShortcutRow(where, text, keys)
        if row not in seen:
            seen.add(row)
            rows.append(row)

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if sub is not None:
                walk(sub, f"{where} › {plain(action.text())}")
            else:
                add(where, action)

    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu(), _tr("Menu {name}").format(name=plain(top.text())))
    tabs = getattr(window, "tabs", None)
    if tabs is not None and hasattr(window, "tab_at"):
        for index in range(tabs.count()):
            page = window.tab_at(index) if window.db is not None else tabs.widget(index)
            where = _tr("Thẻ {name}").format(name=plain(tabs.tabText(index)))
            for action in page.findChildren(QAction):
                add(" › ".join([where, *_place(action, page)]), action)
    for action in window.actions():  # on the window itself: work wherever the focus is
        add(_tr("Cửa sổ chính"), action)
    return rows


def shortcuts_html(rows: list[ShortcutRow]) -> str:
    if not rows:
        return "<p>" + html.escape(_tr("Cửa sổ này chưa có phím tắt nào.")) + "</p>"
    head = "".join(f"<th>{html.escape(t)}</th>" for t in (_tr("Phím"), _tr("Lệnh"), _tr("Ở đâu")))
    body = "".join(
        f"<tr><td><b>{html.escape(r.keys)}</b></td><td>{html.escape(r.command)}</td>"
        f"<td>{html.escape(r.where)}</td></tr>"
        for r in rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<tr>{head}</tr>{body}</table>"
    )


def guide_html(window: QWidget) -> str:
    """The guide as shown for ``window``: the file, its "Phím tắt" read from the window. (Its
    "Dòng lệnh" is written in the file, not read from ``bdcq``'s parser: the window does not
    import the command line, a front end beside it; tests/test_ui_guide.py holds the two
    together.)"""
    text = resource_path(*GUIDE_FILE).read_text(encoding="utf-8")
    return text.replace(SHORTCUTS_MARK, shortcuts_html(shortcut_rows(window)))


def sections(text: str) -> list[tuple[str, str]]:
    """``(anchor, title)`` of each h2 of the guide, in order: the table of contents."""
    return [(name, html.unescape(re.sub(r"<[^>]+>", "", title))) for name, title in
            _SECTION.findall(text)]  # fmt: skip


def _folded(text: str) -> str:
    """``text`` folded for search character by character, so that a position in it is the
    same position in the document ("Đặng" → "dang", never longer nor shorter)."""
    return "".join((fold(c) or c)[:1] for c in text)


class GuideWindow(QWidget):
    """Search box, table of contents, the guide. Esc closes, Ctrl+F finds, F3 finds again."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Window)
        self.owner = owner
        self.setObjectName("guideWindow")
        self.setWindowTitle(_tr("Hướng dẫn sử dụng — BCĐ Desktop"))
        self.anchors: list[str] = []  # every anchor of the guide, in order
        self._haystack = ""

        self.search = QLineEdit(self)
        self.search.setObjectName("guideSearch")
        self.search.setPlaceholderText(_tr("Tìm trong hướng dẫn, không cần gõ dấu (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_tr("&Tìm:"), self)
        search_label.setBuddy(self.search)
        self.next_button = QPushButton(_tr("Tìm &tiếp (F3)"), self)
        self.previous_button = QPushButton(_tr("Tìm &lùi (Shift+F3)"), self)
        self.found_label = QLabel(self)
        self.found_label.setObjectName("guideFound")
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.next_button)
        top.addWidget(self.previous_button)
        top.addWidget(self.found_label)

        self.contents = QListWidget(self)
        self.contents.setObjectName("guideContents")
        self.contents.setWordWrap(True)  # a long chapter title on two lines, not cut
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        contents_label = QLabel(_tr("&Mục lục"), self)
        contents_label.setBuddy(self.contents)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(contents_label)
        left_layout.addWidget(self.contents, 1)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(False)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 790])

        close_button = QPushButton(_tr("Đó&ng (Esc)"), self)
        close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.search, self.contents)
        self.setTabOrder(self.contents, self.browser)

        def key(keys: list[QKeySequence], slot, name: str) -> None:  # type: ignore[no-untyped-def]
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        bindings = QKeySequence.keyBindings
        key(bindings(QKeySequence.StandardKey.Find), self.focus_search, "guideFindAction")
        key([QKeySequence("Esc")], self.close, "guideCloseAction")
        key(bindings(QKeySequence.StandardKey.FindNext), lambda: self.find(True), "guideNext")
        key(bindings(QKeySequence.StandardKey.FindPrevious), lambda: self.find(False),
            "guidePrevious")  # fmt: skip
        self.next_button.clicked.connect(lambda: self.find(True))
        self.previous_button.clicked.connect(lambda: self.find(False))
        self.search.textEdited.connect(lambda _t: self.find(True, from_start=True))
        self.search.returnPressed.connect(lambda: self.find(True))
        self.contents.currentRowChanged.connect(self._content_chosen)
        self.contents.itemActivated.connect(lambda _i: self.browser.setFocus())
        self._fit_screen()

    def _fit_screen(self) -> None:
        # At most what a 1366×768 laptop has beside its taskbar and the title bar.
        available = self.owner.screen().availableGeometry()
        self.resize(min(1100, available.width() - 40), min(680, available.height() - 60))

    def load(self) -> None:
        """The guide read again, its shortcuts from the owner's actions as they are now."""
        text = guide_html(self.owner)
        self.anchors = _ANCHOR.findall(text)
        self.browser.setHtml(text)
        self._haystack = _folded(self.browser.document().toRawText())
        blocked = self.contents.blockSignals(True)
        self.contents.clear()
        for anchor, title in sections(text):
            item = QListWidgetItem(title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
        self.contents.blockSignals(blocked)

    def show_section(self, anchor: str | None) -> None:
        """Scroll to ``anchor`` (the guide's top when None) and select its chapter."""
        if anchor and anchor in self.anchors:
            self.browser.scrollToAnchor(anchor)
            chapters = [self.contents.item(i).data(Qt.ItemDataRole.UserRole)
                        for i in range(self.contents.count())]  # fmt: skip
            # An h3's anchor (hop-truc-tiep): the chapter it is in, the last one before it.
            index = self.anchors.index(anchor)
            before = [a for a in self.anchors[: index + 1] if a in chapters]
            if before:
                blocked = self.contents.blockSignals(True)
                self.contents.setCurrentRow(chapters.index(before[-1]))
                self.contents.blockSignals(blocked)
        else:
            self.browser.verticalScrollBar().setValue(0)
        self.browser.setFocus()

    def _content_chosen(self, row: int) -> None:
        item = self.contents.item(row)
        if item is not None:
            self.browser.scrollToAnchor(item.data(Qt.ItemDataRole.UserRole))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def find(self, forward: bool, *, from_start: bool = False) -> bool:
        """The next (or previous) place of the search's words, diacritics ignored, selected
        and scrolled to; wraps around the guide."""
        needle = fold(self.search.text().strip())
        if not needle:
            self.found_label.clear()
            return False
        cursor = self.browser.textCursor()
        hay = self._haystack
        if from_start:
            at = hay.find(needle)
        elif forward:
            at = hay.find(needle, cursor.selectionEnd())
            if at < 0:
                at = hay.find(needle)
        else:
            at = hay.rfind(needle, 0, max(cursor.selectionStart(), 0))
            if at < 0:
                at = hay.rfind(needle)
        if at < 0:
            self.found_label.setText(_tr("Không thấy “{text}”.").format(text=self.search.text()))
            return False
        found = QTextCursor(self.browser.document())
        found.setPosition(at)
        found.setPosition(at + len(needle), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(found)
        self.browser.ensureCursorVisible()
        count = hay.count(needle)
        self.found_label.setText(_tr("{n} chỗ").format(n=count))
        return True


def show_guide(parent: QWidget, section: str | None = None) -> GuideWindow:
    """The guide of ``parent``'s window (one each: a dialog's guide is not blocked by the
    dialog's modality), read again and shown at ``section``."""
    owner = parent.window()
    window = owner.findChild(GuideWindow, "guideWindow", Qt.FindChildOption.FindDirectChildrenOnly)
    if window is None:
        # Kept once closed (hidden), and shown again at the next F1: one window per owner.
        window = GuideWindow(owner)
    window.load()
    window.show()
    window.raise_()
    window.activateWindow()
    window.show_section(section)
    return window
