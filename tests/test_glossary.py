"""No English word from Qt's widgets and no off-glossary spelling reaches a Vietnamese
screen (issue 14, item 12): every window and dialog a test can open is walked, widget by
widget, and each text a user can see is checked against the glossary."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from bdcq_desktop.core.glossary import AVOID, TERMS, foreign_words
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.app import install_translators
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _vietnamese(qapp: QApplication) -> Any:
    """The application's start-up: Vietnamese locale, Qt's words translated."""
    view_state.settings().clear()
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    install_translators(qapp)
    yield
    view_state.settings().clear()


def _texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text ``root`` and its children show or pop up."""
    out: list[tuple[str, str]] = [("title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.toolTip():
            out.append((where + ".toolTip", w.toolTip()))
        if isinstance(w, QLabel | QAbstractButton):
            out.append((where, w.text()))
        if isinstance(w, QLineEdit):
            out.append((where + ".placeholder", w.placeholderText()))
        if isinstance(w, QGroupBox):
            out.append((where, w.title()))
        if isinstance(w, QComboBox):
            out += [(where + ".item", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [(where + ".tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(w.rootIndex())
            except TypeError:  # a list model keeps its one column's count private
                columns = 1
            out += [
                (where + ".header", str(model.headerData(i, Qt.Orientation.Horizontal) or ""))
                for i in range(columns)
            ]
            if isinstance(w.parentWidget(), QFileDialog) or w.objectName() == "sidebar":
                out += [(where + ".row", str(model.index(i, 0, w.rootIndex()).data() or ""))
                        for i in range(model.rowCount(w.rootIndex()))]  # fmt: skip
        for action in w.actions():
            out.append((where + ".action", action.text()))
            out.append((where + ".actionTip", action.toolTip()))
            menu = action.menu()
            if isinstance(menu, QMenu):
                out += [(where + ".menu", a.text()) for a in menu.actions()]
    return out


def _shown(text: str) -> str:
    """What a reader sees of ``text``: rich text rendered to its words, not its markup (a
    label's ``font-size`` is not an English word on screen)."""
    if not QtGui.Qt.mightBeRichText(text):  # Qt's own test (QLabel's AutoText uses it)
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def _foreign(root: QWidget) -> list[tuple[str, str, list[str]]]:
    return [
        (where, text, bad)
        for where, text in _texts(root)
        if (bad := foreign_words(_shown(text)))
    ]


def test_the_glossary_checker_finds_what_it_should() -> None:
    assert foreign_words("Files of &type:") == ["Files", "type"]
    assert "Look" in foreign_words("&Look in:")
    assert foreign_words("In danh sách") == []  # "in" is Vietnamese
    assert foreign_words("Email") and not foreign_words(TERMS["email"])
    assert foreign_words("dd/mm/yyyy") and AVOID["dd/mm/yyyy"] == "ngày/tháng/năm"
    assert foreign_words("Tệp PDF (*.pdf) · tien.vu@nghean.gov.vn") == []


def test_main_window_tabs_and_views_speak_vietnamese(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.read_every_tab()
    window.show()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        window.edit_menu.aboutToShow.emit()
        for sub in window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(sub.count()):
                sub.setCurrentIndex(j)
        QApplication.processEvents()
    found = _foreign(window)
    for menu in window.menuBar().findChildren(QMenu):
        found += [
            ("menu", a.text(), bad) for a in menu.actions() if (bad := foreign_words(a.text()))
        ]
    assert found == []


def test_dialogs_speak_vietnamese(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.read_every_tab()
    found = []
    dialog = DocumentDialog(demo_db, None, kind="roster", parent=window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog._busy, timeout=60_000)
    found += _foreign(dialog)
    window.open_settings()
    found += _foreign(window.settings_dialog)
    committee = window.members_tab.committee
    committee.new_member()  # name, agency, the appointment's dates
    assert committee.last_dialog is not None
    # Labels carry their Alt letter ("Thư điện &tử"): read as the officer reads them.
    texts = [t.replace("&", "") for _w, t in _texts(committee.last_dialog)]
    assert TERMS["date_placeholder"] in texts and TERMS["email"] in texts
    found += _foreign(committee.last_dialog)
    committee.last_dialog.close()
    assert found == []


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_the_file_dialog_speaks_vietnamese(qtbot: Any, tmp_path: Any, mode: Any) -> None:
    # As io_actions asks for a path: Qt's own dialog (no native one here), a title, a
    # starting file and the application's filters.
    dialog = QFileDialog(None, "Lưu văn bản", str(tmp_path / "van-ban.pdf"), "Tệp PDF (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setAcceptMode(mode)
    dialog.show()
    QApplication.processEvents()
    texts = " ".join(t for _w, t in _texts(dialog))
    assert "Máy tính" in texts and "Tìm trong" in texts
    assert _foreign(dialog) == []
