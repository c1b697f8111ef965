"""What the audit of a new office's first weeks found cut at 1366×768: the attendance
buttons (cut in the middle), the tasks' "Nội dung" in Kết luận (some 40 px), the signer combo
of Thiết lập › Văn bản (showing the end of its text), the import preview (the row in error off
screen). Each reads whole, or cut at its end, at that size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import roster_io
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
from bdcq_desktop.ui.dialogs.settings_dialog import SettingsDialog
from bdcq_desktop.ui.tabs.meeting_attendance import AttendanceSection
from bdcq_desktop.ui.tabs.meeting_conclusions import CONTENT_SHARE, ConclusionsSection
from tests.meeting_pane import open_section
from tests.test_meeting_docs import demo_ids


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


def _section(qtbot: Any, demo_db: Any, key: str, width: int = 1366) -> Any:
    tab, section = open_section(qtbot, demo_db, demo_ids(demo_db)["regular"], key, width)
    section.keep_tab = tab  # the tab has no parent: it lives as long as the test holds it
    return section


def test_attendance_buttons_are_never_cut(qtbot: Any, demo_db: Any) -> None:
    sec = _section(qtbot, demo_db, "attendance")
    assert isinstance(sec, AttendanceSection)
    assert sec.width() < 700  # the pane beside the list at 1366
    for b in sec.buttons:
        assert b.width() >= b.sizeHint().width(), b.text()  # not squeezed: not elided
        assert "Ctrl+" not in b.text() and "Ctrl+" in b.toolTip()  # the key in its tip
    assert [b.text() for b in sec.buttons][3] == "Đến muộn…"
    # Room for them: the keys show on the buttons as before.
    sec.window().resize(3000, 700)
    qtbot.waitUntil(lambda: "Ctrl+4" in sec.buttons[3].text())
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in sec.buttons))


def test_task_content_keeps_a_readable_share(qtbot: Any, demo_db: Any) -> None:
    sec = _section(qtbot, demo_db, "conclusions")
    assert isinstance(sec, ConclusionsSection)
    tree = sec.tree
    width = tree.viewport().width()
    assert tree.columnWidth(0) >= int(width * CONTENT_SHARE) - 2
    assert tree.columnWidth(3) >= tree.fontMetrics().horizontalAdvance("30/06/2027")


def test_the_signer_combo_reads_from_its_start(qtbot: Any, demo_db: Any) -> None:
    dialog = SettingsDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.kinds)
    dialog.kinds.select("convocation")
    combo = dialog.kinds.signer_combo
    text = combo.currentText()
    assert text.startswith("Người triệu tập cuộc họp")
    assert combo.fontMetrics().horizontalAdvance(text) > combo.lineEdit().width()  # cut
    assert combo.lineEdit().cursorPosition() == 0  # so its start shows
    dialog.kinds.select("conclusions")
    assert combo.lineEdit().cursorPosition() == 0


def test_the_import_preview_opens_on_the_row_in_error(
    qtbot: Any, db: Any, tmp_path: Path
) -> None:
    path = tmp_path / "danh-sach.csv"
    lines = ["Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò"]
    people = [f"Người Thứ {i:02d},Nam,Giám đốc,Sở Số {i},Thành viên" for i in range(1, 41)]
    people[24] = people[2]  # the 25th (line 26 of the file) repeats the 3rd: an error
    lines += people
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preview = roster_io.preview_import(db, path)
    assert preview.errors == 1
    dialog = ImportPreviewDialog(db, preview, str(path))
    qtbot.addWidget(dialog)
    dialog.resize(1100, 560)
    dialog.show()
    view = dialog.view
    index = dialog.first_problem()
    assert index is not None and index.data() == "26"  # its line in the file
    assert view.currentIndex().row() == index.row()
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.visualRect(index)))
