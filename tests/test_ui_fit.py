"""The windows on a small laptop screen, and the documents offered where the user is
(issue 14: items 8, 9, 14)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from bdcq_desktop.core.models import Meeting, MeetingStatus
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.column_fit import fit_widths
from bdcq_desktop.ui.dialogs.document_dialog import DocumentDialog
from bdcq_desktop.ui.main_window import MainWindow

TIMEOUT = 60_000
# A 1366×768 and a 1280×720 screen less a 40-pixel task bar: what Windows leaves a window.
SCREENS = [QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680)]


@pytest.fixture(autouse=True)
def _fresh_view_state(monkeypatch: pytest.MonkeyPatch) -> Any:
    view_state.settings().clear()
    # A dialog that cannot build its preview says so in a box: never block a test on it.
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    yield
    view_state.settings().clear()


def _wait(qtbot: Any, dialog: DocumentDialog) -> None:
    qtbot.waitUntil(lambda: not dialog._busy, timeout=TIMEOUT)


def _planned_meeting(db: Any) -> int:
    with db.session() as s:
        return s.scalars(select(Meeting.id).where(Meeting.status == MeetingStatus.PLANNED)).first()


# -- the document dialog on a small screen (item 8) ----------------------------------------------
@pytest.mark.parametrize("screen", SCREENS, ids=["1366x768", "1280x720"])
def test_document_dialog_buttons_stay_on_a_small_screen(
    qtbot: Any, demo_db: Any, screen: QRect
) -> None:
    dialog = DocumentDialog(demo_db, None, kind="roster")
    qtbot.addWidget(dialog)
    dialog.fit_to_screen(screen)
    dialog.show()
    _wait(qtbot, dialog)
    assert screen.contains(dialog.geometry())
    assert dialog.minimumSizeHint().height() < screen.height()
    for button in (
        dialog.issue_button,
        dialog.open_button,
        dialog.save_button,
        dialog.findChild(type(dialog.save_button), "closeButton"),
    ):
        assert button.isVisible()
        corner = button.mapTo(dialog, QPoint(button.width() - 1, button.height() - 1))
        assert dialog.rect().contains(corner), button.objectName()
        assert not dialog.preview.isAncestorOf(button)  # the buttons do not scroll away
    # The page is taller than the room left for it: the preview scrolls, not the dialog.
    assert dialog.page_count() >= 1
    qtbot.waitUntil(lambda: dialog.preview.verticalScrollBar().maximum() > 0, timeout=TIMEOUT)


def test_document_dialog_remembers_its_size_within_the_screen(qtbot: Any, demo_db: Any) -> None:
    dialog = DocumentDialog(demo_db, None, kind="roster")
    qtbot.addWidget(dialog)
    dialog.show()
    _wait(qtbot, dialog)
    dialog.resize(700, 560)
    dialog.close()
    again = DocumentDialog(demo_db, None, kind="roster")
    qtbot.addWidget(again)
    again.fit_to_screen(SCREENS[0])
    assert again.size() == QSize(700, 560)
    _wait(qtbot, again)
    view_state.save_value("documentDialog/size", QSize(1300, 1000))  # from a bigger screen
    again.fit_to_screen(SCREENS[1])
    assert SCREENS[1].contains(again.geometry())


# -- documents offered where the user is (item 9) ------------------------------------------------
def test_documents_that_cannot_be_made_are_disabled_with_the_reason(
    qtbot: Any, demo_db: Any
) -> None:
    meeting = _planned_meeting(demo_db)
    dialog = DocumentDialog(demo_db, "meeting", meeting, "")
    qtbot.addWidget(dialog)
    _wait(qtbot, dialog)
    assert not dialog.is_kind_enabled("minutes")
    assert "chưa diễn ra" in (dialog.unavailable_reason("minutes") or "")
    index = dialog.kind_combo.findData("minutes")
    assert "chưa diễn ra" in dialog.kind_combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    assert not dialog.is_kind_enabled("conclusions")
    assert dialog.is_kind_enabled("convocation") and dialog.is_kind_enabled("roster")
    # A planned meeting opens on its convocation.
    assert dialog.current_kind().name == "convocation"
    assert dialog.page_count() >= 1


def test_ctrl_p_opens_the_document_that_fits_the_tab(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.read_every_tab()
    assert window.document_actions.open_action.shortcut().toString() == "Ctrl+P"

    window.tabs.setCurrentWidget(window.members_tab)
    dialog = window.document_actions.open_for_current()
    _wait(qtbot, dialog)
    assert dialog.current_kind().name == "roster"
    dialog.close()

    window.tabs.setCurrentWidget(window.meetings_tab)
    table = window.meetings_tab.table
    assert table.select_where(lambda r: r.id == _planned_meeting(demo_db))
    dialog = window.document_actions.open_for_current()
    _wait(qtbot, dialog)
    assert dialog.record_type == "meeting"
    assert dialog.current_kind().name == "convocation"
    dialog.close()


# -- the main window on a small screen (item 14) -------------------------------------------------
def test_columns_fit_the_view_widest_first() -> None:
    assert fit_widths([50, 100, 300], [40, 60, 60], 1000) == [50, 100, 300]
    widths = fit_widths([50, 100, 300, 400], [40, 60, 60, 60], 500)
    assert sum(widths) <= 500 and widths[:2] == [50, 100] and widths[2] == widths[3]
    assert fit_widths([500, 500], [200, 200], 100) == [200, 200]  # never below the header


@pytest.mark.parametrize("width", [1366, 1024])
def test_the_meeting_list_shows_its_dates_whole(qtbot: Any, demo_db: Any, width: int) -> None:
    """The meetings list beside its pane showed "08/01/202…" on a 1366-pixel screen: a
    meeting is found by its date. Dates and figures are never elided; the texts give way."""
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, 705)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    table = window.meetings_tab.view.table
    view, model = table.view, table.model
    keys = [c.key for c in model.columns()]
    qtbot.waitUntil(lambda: view.columnWidth(keys.index("starts_at")) > 60, timeout=TIMEOUT)
    qtbot.wait(50)  # the fit that follows the view's final width
    metrics = view.fontMetrics()
    for key in ("starts_at", "invited", "present"):
        column = model.columns()[keys.index(key)]
        widest = max(metrics.horizontalAdvance(column.text(r)) for r in model.rows())
        assert view.columnWidth(keys.index(key)) >= widest + 8, (key, width)
    if width == 1366:  # the whole row in the list's default width: no sideways scrolling
        assert view.horizontalScrollBar().maximum() == 0


def test_first_start_is_maximised_later_starts_restore(qtbot: Any, demo_db: Any) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()  # a first start is shown maximised
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(760, 560)  # within the offscreen test screen (restoring clamps to it)
    window.show()
    # The size the window took: no narrower than its layout allows (the tabs' toolbars).
    size = window.size()
    assert size.height() == 560 and size.width() < window.screen().availableGeometry().width()
    window.close()
    again = MainWindow(demo_db)
    qtbot.addWidget(again)
    again.show()
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert again.size() == size


def committee_at_1366(qtbot: Any, db: Any) -> Any:
    """The main window on ``db`` at 1366 wide (a 768-high screen less its task bar), every tab
    read, the members tab's committee view shown once its columns fit: that view's members tab."""
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 705)
    window.show()
    window.read_every_tab()
    members = window.members_tab
    members.views.setCurrentWidget(members.committee)
    view = members.committee.table.view
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT)
    return members


def test_member_columns_fit_a_1366_screen_and_empty_optional_ones_hide(
    qtbot: Any, demo_db: Any
) -> None:
    members = committee_at_1366(qtbot, demo_db)
    view = members.committee.table.view
    titles = [c.title for c in members.committee.table.model.columns()]
    for title in ("Thư điện tử", "Quyết định"):
        column = titles.index(title)
        assert not view.isColumnHidden(column)
        right = view.columnViewportPosition(column) + view.columnWidth(column)
        assert right <= view.viewport().width(), title
    # Columns with more room than their content keep their content's width.
    phone = titles.index("Điện thoại")
    longest = max(view.fontMetrics().horizontalAdvance(r.phone or "") for r in
                  members.committee.table.model.rows())  # fmt: skip
    assert view.columnWidth(phone) >= longest

    # The working group's rows have no area: that column is hidden there, not in the committee.
    members.views.setCurrentWidget(members.group)
    group = members.group.table
    area = [c.key for c in group.model.columns()].index("area")
    rows = group.model.rows()
    assert rows and not any((r.area or "").strip() for r in rows)
    assert group.view.isColumnHidden(area)
    assert not view.isColumnHidden(area)
    qtbot.waitUntil(lambda: group.view.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT)


# -- column widths over sessions ------------------------------------------------------------------
def _roster_table(qtbot: Any, names: list[str]) -> Any:
    """A list as a tab makes one, its key the same in every "session" (window state kept)."""
    from types import SimpleNamespace

    from bdcq_desktop.ui.list_tab import RecordTable
    from bdcq_desktop.ui.table_model import Column

    rows = [SimpleNamespace(id=i, name=n, unit="Sở Y tế") for i, n in enumerate(names)]
    columns = [Column("name", "Họ và tên", 100), Column("unit", "Cơ quan", 100)]
    table = RecordTable("sessionsTest", columns, lambda: rows)
    qtbot.addWidget(table)
    table.resize(900, 300)
    table.show()
    table.reload()
    return table


def test_fitted_widths_are_fitted_again_next_session_widths_set_by_hand_are_kept(
    qtbot: Any,
) -> None:
    first = _roster_table(qtbot, ["Lê Văn An", "Hồ Thị Bé"])
    fitted = first.view.columnWidth(0)
    first.close()
    first.deleteLater()
    # The next session's rows hold a longer name: the last fit is not taken for the user's.
    longer = "Nguyễn Thị Phương Thảo Nguyên (Phó Giám đốc phụ trách chuyển đổi số)"
    second = _roster_table(qtbot, ["Lê Văn An", longer])
    assert second.view.columnWidth(0) > fitted
    second.view.horizontalHeader().resizeSection(0, 333)  # the user drags the header's edge
    second.close()
    second.deleteLater()
    # Set by hand, the width is the user's: kept whatever the rows hold.
    third = _roster_table(qtbot, ["Lê Văn An"])
    assert third.view.columnWidth(0) == 333


def test_a_retired_units_status_is_read_whole_on_a_1366_screen(qtbot: Any, demo_db: Any) -> None:
    """Thành viên › Cơ quan, đơn vị showed "Sáp nhập vào UBND thành p…": the unit a retired
    one went into (by its short name) and the day are read whole, the sentence in full in the
    tooltip; the fit stays automatic when the retired units are shown or hidden."""
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 705)
    window.show()
    window.read_every_tab()
    members = window.members_tab
    members.views.setCurrentWidget(members.units)
    units = members.units
    table = units.table
    view, model = table.view, table.model
    status = [c.key for c in model.columns()].index("status")
    qtbot.waitUntil(lambda: view.isColumnHidden(status), timeout=TIMEOUT)  # all in office
    units.show_retired.setChecked(True)
    qtbot.waitUntil(lambda: not view.isColumnHidden(status), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0, timeout=TIMEOUT)
    qtbot.wait(50)  # the fit that follows the view's final width
    assert not table.column_fit.user_sized  # showing the column is no width set by hand
    metrics = view.fontMetrics()
    texts = {}
    for r in range(model.rowCount()):
        index = model.index(r, status)
        if index.data():
            texts[index.data()] = index.data(Qt.ItemDataRole.ToolTipRole)
    merged = {t: tip for t, tip in texts.items() if t.startswith("Sáp nhập vào")}
    assert "Sáp nhập vào Sở KH&CN từ 01/03/2025" in merged, sorted(texts)
    assert merged["Sáp nhập vào Sở KH&CN từ 01/03/2025"] == (
        "Sáp nhập vào Sở Khoa học và Công nghệ từ ngày 01/03/2025"
    )
    widest = max(metrics.horizontalAdvance(t) for t in texts)
    assert view.columnWidth(status) >= widest + 8
    right = view.columnViewportPosition(status) + view.columnWidth(status)
    assert right <= view.viewport().width()


def test_the_main_window_fits_a_1366_screen_at_150_percent(qtbot: Any, demo_db: Any) -> None:
    """At Windows' 150 % a 1366×768 screen leaves the window 911×485 device-independent
    pixels. Once a meeting's Biên bản and the Tổng hợp chart had been shown, the window's
    minimum was 834×517: its bottom and status bar went below the screen. Every tab and
    section shown, the window can still be as small as the screen (the page scrolls)."""
    from PySide6.QtWidgets import QTabWidget

    small = QSize(911, 485)
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.read_every_tab()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        for sections in window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(sections.count()):
                sections.setCurrentIndex(j)
                qtbot.wait(1)
                needed = window.minimumSizeHint().expandedTo(window.minimumSize())
                where = (window.tabs.tabText(i), sections.tabText(j), needed)
                assert needed.boundedTo(small) == needed, where


def test_a_control_below_the_scrolled_part_is_scrolled_to(qtbot: Any, demo_db: Any) -> None:
    """On a screen shorter than a page (150 %), Báo cáo › Đôn đốc's buttons are under the
    window's scrolled part: reached by Alt+letter or Tab, the page scrolls to show them."""
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    window.resize(760, 420)
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.reports_tab)
    pages = window.reports_tab.pages
    chase = next(
        pages.widget(i) for i in range(pages.count()) if hasattr(pages.widget(i), "all_button")
    )
    pages.setCurrentWidget(chase)
    qtbot.wait(20)
    scroll = window.scroll
    assert scroll.verticalScrollBar().maximum() > 0  # the page is taller than the window
    button = chase.all_button
    viewport = scroll.viewport()

    def shown() -> bool:
        corner = button.mapTo(viewport, QPoint(button.width() - 1, button.height() - 1))
        return viewport.rect().contains(corner)

    assert not shown()
    button.setFocus(Qt.FocusReason.ShortcutFocusReason)
    qtbot.waitUntil(shown, timeout=TIMEOUT)


def test_the_first_starts_restored_size_is_within_the_screen(qtbot: Any, demo_db: Any) -> None:
    """A first start's window was 1280×760 before it was maximised: larger than a 1366×768
    screen at 125 % (1093×582), what "Restore Down" (or a system that does not maximise)
    showed ran past the screen's edges."""
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert available.width() < 1280 or available.height() < 760  # a small screen
    assert available.contains(window.frameGeometry())
    assert window.width() <= available.width() and window.height() <= available.height()


# -- 150 % on a 1366×768 screen: 911×485 device-independent pixels -------------------------------
AT_150 = QSize(911, 485)


def _whole(button: Any, window: Any) -> bool:
    """Inside the window and at least as wide as its label needs (not cut nor elided)."""
    corner = button.mapTo(window, QPoint(0, 0))
    inside = QRect(corner, button.size())
    return window.rect().contains(inside) and button.width() >= button.minimumSizeHint().width()


def test_the_live_window_fits_a_1366_screen_at_150_percent(qtbot: Any, demo_db: Any) -> None:
    """Họp trực tiếp was 932 wide at least, over the 911 of the screen: "Thêm người dự (không
    có trong danh sách)…" was cut at both ends. Its long title (the expanded meeting's) on a
    line of its own, the window fits and every button is whole."""
    from PySide6.QtWidgets import QAbstractButton

    from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
    from tests.test_meeting_docs import demo_ids

    live = LiveMeetingWindow(demo_db, demo_ids(demo_db)["expanded"])
    qtbot.addWidget(live)
    assert live.minimumSizeHint().width() <= AT_150.width()
    live.resize(AT_150)
    live.show()
    qtbot.waitExposed(live)
    qtbot.wait(20)
    assert live.width() <= AT_150.width()
    buttons = [b for b in live.findChildren(QAbstractButton) if b.isVisible()]
    assert live.attendance.walk_in_button in buttons
    for button in buttons:
        assert _whole(button, live), button.text()
    # The short label's rest is in its tooltip.
    assert "không có trong danh sách" in live.attendance.walk_in_button.toolTip()


def test_the_minutes_editor_and_buttons_have_room_at_150_percent(
    qtbot: Any, demo_db: Any
) -> None:
    """A meeting's Biên bản beside the list at 150 %: the draft editor was one line high (the
    pane's wrapped lines took its height) and its buttons were elided ("Bản …hành"). The
    editor keeps lines enough to write in, the buttons wrap whole; the page scrolls."""
    from PySide6.QtWidgets import QAbstractButton

    from tests.test_meeting_docs import demo_ids

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(AT_150)
    window.show()
    window.read_every_tab()
    window.tabs.setCurrentWidget(window.meetings_tab)
    view = window.meetings_tab.view
    held = demo_ids(demo_db)["held"]
    assert view.table.select_where(lambda r: r.id == held)
    section = view.pane.section("minutes")
    view.pane.sections.setCurrentWidget(section)
    qtbot.waitUntil(lambda: section.draft is not None, timeout=TIMEOUT)
    editor = section.editor

    def seen() -> QRect:
        """The editor's height seen: clipped by every parent up to the section."""
        rect = QRect(editor.mapTo(section, QPoint(0, 0)), editor.size())
        parent = editor.parentWidget()
        while parent is not section:
            rect = rect.intersected(QRect(parent.mapTo(section, QPoint(0, 0)), parent.size()))
            parent = parent.parentWidget()
        return rect

    lines = editor.fontMetrics().lineSpacing()
    # Settled once the wrapped lines' heights have gone up the layouts (a few event rounds).
    qtbot.waitUntil(lambda: seen().height() >= lines * 6, timeout=5000)
    assert seen().bottom() < section.history.mapTo(section, QPoint(0, 0)).y()
    assert window.scroll.verticalScrollBar().maximum() > 0  # the page scrolls instead
    for button in section.findChildren(QAbstractButton):
        if button.isVisible() and section.isAncestorOf(button) and button.text():
            assert button.width() >= button.sizeHint().width(), button.text()
            corner = button.mapTo(section, QPoint(button.width() - 1, button.height() - 1))
            assert section.rect().contains(corner), button.text()
