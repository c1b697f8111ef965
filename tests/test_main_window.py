"""The main window with the demo data, offscreen."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QTabWidget

from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.table_model import RowTableModel


def _window(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.read_every_tab()
    return window


def test_four_tabs_in_order(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    tabs = window.findChild(QTabWidget, "mainTabs")
    names = [tabs.widget(i).objectName() for i in range(tabs.count())]
    assert names == ["membersTab", "meetingsTab", "workingSessionsTab", "reportsTab"]
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Thành viên", "Cuộc họp", "Tổ công tác", "Báo cáo"]


def test_menus(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Tệp", "Chỉnh sửa", "Xem", "Trợ giúp"]
    assert window.about_action.text().replace("&", "") == "Giới thiệu"
    assert window.quit_action.text().replace("&", "") == "Thoát"
    assert window.statusBar() is not None
    assert str(demo_db.sqlite_path) in window.db_label.text()


def test_every_list_model_is_well_behaved(qtbot, qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    models = window.findChildren(RowTableModel)
    assert len(models) >= 4
    filled = 0
    for model in models:
        qtmodeltester.check(model)
        filled += model.rowCount() > 0
    assert filled >= 4


def test_meetings_tab_lists_demo_meetings_newest_first(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    model = window.meetings_tab.table.model
    rows = model.rows()
    assert len(rows) >= 10
    assert rows == sorted(rows, key=lambda r: r.starts_at, reverse=True)


def test_search_filters_meetings_without_diacritics(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_db)
    table = window.meetings_tab.table
    total = table.proxy.rowCount()
    table.search.setText("mo rong")  # "mở rộng" typed without marks
    assert 0 < table.proxy.rowCount() < total
    table.search.setText("")
    assert table.proxy.rowCount() == total


def test_self_test_command_passes_offscreen() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bdcq_desktop", "--self-test"],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("rendered") == 4
    assert "official document (sample invitation) drawn: valid PDF" in out.stdout
    assert "self-test: ok" in out.stdout


def test_the_self_tests_render_check_tells_a_drawn_tab_from_a_blank_one(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The self-test's check of each tab's image: the meetings tab drawn passes; an empty page
    of the same size drawn by Qt fails, as do areas filled without text (what a grab gave with
    the window's updates off) and an image too small."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QWidget

    from bdcq_desktop.ui.app import drawn

    window = _window(qtbot, demo_db)
    window.show()
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.meetings_tab.table.model.rowCount() > 0)
    image = window.grab().toImage()
    assert drawn(image)
    # As a grab may come on Windows (a widget not opaque): converted, its copy read.
    assert drawn(image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied))
    empty = QWidget()
    qtbot.addWidget(empty)
    empty.resize(window.size())
    assert not drawn(empty.grab().toImage())
    boxes = QImage(800, 600, QImage.Format.Format_RGB32)
    boxes.fill(QColor("#efefef"))
    painter = QPainter(boxes)
    painter.fillRect(10, 80, 300, 500, QColor("black"))
    painter.fillRect(400, 80, 300, 500, QColor("black"))
    painter.end()
    assert not drawn(boxes)
    assert not drawn(QImage(90, 600, QImage.Format.Format_RGB32))


def test_the_self_tests_image_is_the_tab_just_painted(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    """Offscreen, the self-test reads the window's backing store instead of painting it again:
    each tab's image is that tab as painted (all but a few pixels of a fresh paint, such as a
    caret), not the tab before it."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from bdcq_desktop.ui.app import _painted

    def pixels(image: QImage) -> bytes:
        rgb = image.convertToFormat(QImage.Format.Format_RGB32)
        return memoryview(rgb.constBits()).tobytes()[::4]

    def alike(a: bytes, b: bytes) -> float:
        return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)

    assert QApplication.platformName() == "offscreen"
    window = _window(qtbot, demo_db)
    window.show()
    before: bytes | None = None
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        QApplication.processEvents()
        if before is not None:  # this tab, not the one painted before it
            assert alike(pixels(_painted(window)), before) < 0.9, window.tabs.tabText(i)
        window.repaint()  # what the window now shows (a column fit may follow its first paint)
        image = pixels(_painted(window))
        assert alike(image, pixels(window.grab().toImage())) > 0.99, window.tabs.tabText(i)
        before = image


def test_qt_own_words_are_vietnamese_and_app_words_survive(qtbot, qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from bdcq_desktop.ui.app import install_translators
    from bdcq_desktop.ui.qt_vi import QtVietnamese

    install_translators(qapp)
    try:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        assert sorted(b.text() for b in box.buttons()) == ["&Có", "&Không"]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        assert sorted(b.text() for b in buttons.buttons()) == ["Hủy", "Lưu"]
        detailed = QMessageBox()
        detailed.setDetailedText("Traceback …")
        assert "Xem chi tiết…" in [b.text() for b in detailed.buttons()]
        window = _window(qtbot, demo_db)
        assert window.tabs.tabText(0) == "Thành viên"  # not blanked by the Qt translator
    finally:
        for translator in qapp.findChildren(QtVietnamese):
            qapp.removeTranslator(translator)


def test_title_follows_the_committee_name(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from bdcq_desktop.core.settings import update_organisation

    window = _window(qtbot, demo_db)
    assert "Chính quyền điện tử tỉnh Nghệ An" in window.windowTitle()
    update_organisation(demo_db, committee_name="Ban Chỉ đạo về khoa học, công nghệ, đổi mới "
                        "sáng tạo và chuyển đổi số tỉnh Nghệ An")
    window.reload_all()
    assert "đổi mới sáng tạo và chuyển đổi số" in window.windowTitle()


def test_start_loads_the_front_tab_after_painting_the_others_when_shown(  # type: ignore[no-untyped-def]
    qtbot, demo_db
) -> None:
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.views.setCurrentWidget(window.members_tab.committee)
    window.show()
    window.load_data()
    committee = window.members_tab.committee.table.model
    qtbot.waitUntil(lambda: committee.rowCount() > 0)
    # Not read yet: the other tabs, and the members' other sub-views.
    assert window.reports_tab.rounds.model.rowCount() == 0
    assert window.members_tab.group.table.model.rowCount() == 0
    window.tabs.setCurrentWidget(window.reports_tab)
    qtbot.waitUntil(lambda: window.reports_tab.rounds.model.rowCount() > 0)
    assert window.reports_tab.submissions.model.rowCount() > 0  # the first round's
    window.tabs.setCurrentWidget(window.members_tab)
    window.members_tab.views.setCurrentWidget(window.members_tab.group)
    assert window.members_tab.group.table.model.rowCount() > 0
