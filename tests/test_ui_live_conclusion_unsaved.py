"""A conclusion typed in the live window and not recorded (no Ctrl+Enter) is only a draft in
the laptop's settings, which the room's record leaves out. Leaving the window with one asks
(Lưu / Không lưu / Hủy, as quitting with minutes typed does); exporting the room's record of
that meeting from the window while the draft is there asks too, naming it, and "Ghi rồi xuất"
records it so the file carries it. Real demo SQLite file, the record read back."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from bdcq_desktop.core.conclusions import list_conclusions
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.live_conclusions import _store_draft, draft_key
from bdcq_desktop.ui.live_meeting import LiveMeetingWindow
from bdcq_desktop.ui.main_window import MainWindow
from tests.test_meeting_docs import demo_ids

TYPED = "Giao Sở Thông tin và Truyền thông rà soát hạ tầng số cấp xã"


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def live(qtbot: Any, demo_db: Any) -> Any:
    window = LiveMeetingWindow(demo_db, demo_ids(demo_db)["held"])
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    yield window
    with contextlib.suppress(RuntimeError):  # deleted once it closed (WA_DeleteOnClose)
        window.close()


def _texts(db: Any, meeting: int) -> list[str]:
    return [c.text for c in list_conclusions(db, meeting)]


def _question(qtbot: Any, name: str) -> QMessageBox:
    found: list[QMessageBox] = []

    def open_() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]
        return bool(found)  # fmt: skip

    qtbot.waitUntil(open_)
    return found[0]


def _leave_with_draft(qtbot: Any, live: LiveMeetingWindow) -> QMessageBox:
    live.conclusions.input.setFocus()
    live.conclusions.input.insertPlainText(TYPED)  # as typed (keyClicks takes ASCII only)
    QTest.keyClick(live, Qt.Key.Key_Escape)
    box = _question(qtbot, "unsavedQuestion")
    assert live.isVisible()  # not gone before the answer
    assert TYPED in box.text()
    return box


def test_leaving_with_a_conclusion_not_recorded_asks_and_lu_records_it(
    qtbot: Any, demo_db: Any, live: LiveMeetingWindow
) -> None:
    meeting = live.meeting_id
    box = _leave_with_draft(qtbot, live)
    QTest.keyClick(live, Qt.Key.Key_F11)  # leaving again meanwhile: the same question
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()] == [box]  # fmt: skip
    QTest.keyClick(box, Qt.Key.Key_Escape)  # Hủy: the window stays, the text in its box
    qtbot.waitUntil(lambda: not box.isVisible())
    assert live.isVisible() and live.conclusions.input.toPlainText() == TYPED
    assert live.conclusions.input.hasFocus()
    assert TYPED not in _texts(demo_db, meeting)

    QTest.keyClick(live, Qt.Key.Key_Escape)
    box = _question(qtbot, "unsavedQuestion")
    with qtbot.waitSignal(live.closed):
        box.findChild(QPushButton, "saveUnsaved").click()  # Lưu
    assert _texts(demo_db, meeting)[-1] == TYPED


def test_khong_luu_leaves_without_it(qtbot: Any, demo_db: Any, live: LiveMeetingWindow) -> None:
    meeting = live.meeting_id
    before = _texts(demo_db, meeting)
    box = _leave_with_draft(qtbot, live)
    with qtbot.waitSignal(live.closed):
        box.findChild(QPushButton, "discardUnsaved").click()
    assert _texts(demo_db, meeting) == before
    assert not view_state.value(draft_key(demo_db, meeting), "")  # the draft dropped too


def test_exporting_the_record_with_a_draft_asks_and_records_it_first(
    qtbot: Any, demo_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from bdcq_desktop.ui.room_export import export_room_record

    meeting = demo_ids(demo_db)["held"]
    _store_draft(draft_key(demo_db, meeting), TYPED)  # typed in the live window, left by a crash
    target = tmp_path / "hop.bcdhop"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "(*.bcdhop)"))  # fmt: skip
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.read_every_tab()
    assert window.meetings_tab.view.table.select_where(lambda r: r.id == meeting)

    box = export_room_record(window)
    assert box is not None and box.objectName() == "roomExportDraftQuestion"
    assert TYPED in box.text()
    assert not target.exists()  # nothing written before the answer
    box.findChild(QPushButton, "saveDraftThenExport").click()
    qtbot.waitUntil(lambda: bool(said))
    assert _texts(demo_db, meeting)[-1] == TYPED
    content = json.loads(target.read_text(encoding="utf-8"))
    assert TYPED in [c["text"] for c in content["conclusions"]]
    assert not view_state.value(draft_key(demo_db, meeting), "")
