"""Tab in the main window goes as the eye reads (keyboard audit, part 2, item 2): top to
bottom and left to right, the toolbar's controls, the search line with its filters, the list,
then the record pane; in every tab and every page of Thành viên and Báo cáo."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QTabWidget, QWidget

from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def window(qtbot: Any, demo_db: Any) -> MainWindow:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 705)
    window.read_every_tab()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _walk(qtbot: Any, window: MainWindow) -> list[QWidget]:
    """The widgets Tab goes through from the row of main tabs until it comes back to it."""
    start = window.tabs.tabBar()
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    chain: list[QWidget] = []
    for _ in range(80):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is start or focus in chain:
            return chain
        chain.append(focus)
    raise AssertionError("Tab never came back to the row of tabs")


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _name(widget: QWidget) -> str:
    if isinstance(widget, QTabBar):
        return f"{widget.parentWidget().objectName()}.tabs"
    return widget.objectName() or type(widget).__name__


def _reads_in_order(chain: list[QWidget], window: QWidget) -> None:
    """No Tab goes back up: of two widgets one above the other (their columns overlap), the
    one Tab reaches next is not higher on the screen."""
    for a, b in pairwise(chain):
        ra, rb = _rect(a, window), _rect(b, window)
        same_column = ra.left() < rb.right() and rb.left() < ra.right()
        assert not (same_column and rb.bottom() < ra.top()), (
            f"Tab goes up from {_name(a)} to {_name(b)}",
            [_name(w) for w in chain],
        )


def _pages(window: MainWindow) -> list[tuple[QWidget, QTabWidget | None, int]]:
    out: list[tuple[QWidget, QTabWidget | None, int]] = []
    for i in range(window.tabs.count()):
        tab = window.tabs.widget(i)
        pages = {
            window.members_tab: window.members_tab.views,
            window.reports_tab: window.reports_tab.pages,
        }.get(tab)
        if pages is None:
            out.append((tab, None, 0))
        else:
            out += [(tab, pages, j) for j in range(pages.count())]
    return out


def test_tab_reads_every_tab_and_page_top_to_bottom(qtbot: Any, window: MainWindow) -> None:
    for tab, pages, index in _pages(window):
        window.tabs.setCurrentWidget(tab)
        if pages is not None:
            pages.setCurrentIndex(index)
        qtbot.wait(20)
        chain = _walk(qtbot, window)
        assert len(chain) >= 2, [_name(w) for w in chain]
        if pages is not None:  # the row of the tab's own pages first: it is above them
            assert chain[0] is pages.tabBar(), [_name(w) for w in chain]
        _reads_in_order(chain, window)


@pytest.mark.parametrize(
    ("tab", "filters"),
    [
        ("meetings_tab", ["yearFilter", "kindFilter", "statusFilter"]),
        ("sessions_tab", ["yearFilter", "purposeFilter", "statusFilter"]),
    ],
)
def test_the_filters_come_before_the_list_and_the_pane_after_it(
    qtbot: Any, window: MainWindow, tab: str, filters: list[str]
) -> None:
    window.tabs.setCurrentWidget(getattr(window, tab))
    view = getattr(window, tab).view
    qtbot.wait(20)
    chain = _walk(qtbot, window)
    names = [_name(w) for w in chain]
    at = chain.index(view.table.search)
    assert names[at + 1 : at + 1 + len(filters)] == filters, names
    assert chain[at + 1 + len(filters)] is view.table.view, names
    pane = [i for i, w in enumerate(chain) if view.pane.isAncestorOf(w)]
    assert pane and min(pane) > chain.index(view.table.view), names  # the pane after the list
