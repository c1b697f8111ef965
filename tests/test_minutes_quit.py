"""Minutes typed and not saved are never lost on quit or crash (real demo SQLite file).

Quitting the main window (Tệp › Thoát, its close button) with Biên bản parts typed and not
saved asks "Lưu / Không lưu / Hủy" (Enter: Lưu, Esc: Hủy): Lưu saves them as "Lưu bản sửa"
does (a refusal keeps the window and the text), Không lưu quits without them, Hủy stays.
Switching the database asks the same. A real application killed (SIGKILL) after typing and
waiting for the autosave offers the text back at the next start ("Khôi phục" / "Bỏ").
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from bdcq_desktop.core.meetings import get_meeting
from bdcq_desktop.core.minutes_text import minutes_draft, save_minutes
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.tabs import minutes_drafts
from bdcq_desktop.ui.tabs.meeting_minutes import MinutesSection
from tests.minutes_draft_child import TYPED
from tests.test_live_crash import _line
from tests.test_meeting_docs import demo_ids

CHILD = Path(__file__).with_name("minutes_draft_child.py")
ROOT = Path(__file__).resolve().parents[1]
EXTRA = "\nĐồng chí Trưởng ban nhấn mạnh ba nội dung trọng tâm (chưa lưu)."


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    minutes_drafts.flush()
    view_state.settings().clear()
    # Drafts are kept by the database's identity, which every copy of the demo shares: what
    # one test wrote is not another test's run.
    minutes_drafts._this_run.clear()


def _minutes(window: MainWindow, meeting_id: int) -> MinutesSection:
    assert window.open_meeting(meeting_id)
    pane = window.meetings_tab.view.pane
    sec = pane.section("minutes")
    pane.sections.setCurrentWidget(sec)
    return sec


@pytest.fixture
def typed(qtbot: Any, demo_db: Any) -> Iterator[tuple[MainWindow, MinutesSection, int]]:
    """The main window at 1366×768, "Mở đầu" of the held meeting's Biên bản typed into."""
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load_data()
    held = demo_ids(demo_db)["held"]
    sec = _minutes(window, held)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == held)
    sec.select_part("opening")
    sec.editor.moveCursor(sec.editor.textCursor().MoveOperation.End)
    sec.editor.insertPlainText(EXTRA)
    assert sec.parts.currentItem().text().endswith(" *")
    yield window, sec, held
    boxes = ("unsaved_box", "unsaved_refused")
    for box in [getattr(window, b, None) for b in boxes] + [sec.host.last_dialog]:
        if box is not None and shiboken6.isValid(box) and box.isVisible():
            box.close()
    sec.edits.clear()  # a window kept open by a test closes at its end without asking
    window.close()


def _active(qtbot: Any, box: QMessageBox) -> None:
    # The box in front, as a window manager makes it (else Qt hands Enter to the main window's
    # shortcuts, the active window offscreen).
    qtbot.waitExposed(box)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)


def _question(qtbot: Any, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: getattr(window, "unsaved_box", None) is not None)
    box = window.unsaved_box
    _active(qtbot, box)
    assert box.objectName() == "unsavedQuestion"
    assert "có phần chưa lưu" in box.text() and "Biên bản cuộc họp “" in box.text()
    names = {b.objectName(): b.text().replace("&", "") for b in box.buttons()}
    assert names == {"saveUnsaved": "Lưu", "discardUnsaved": "Không lưu", "cancelUnsaved": "Hủy"}
    return box


def test_quitting_asks_and_enter_saves_through_the_section_s_one_core_call(
    qtbot: Any, demo_db: Any, typed: Any
) -> None:
    window, _sec, held = typed
    before = minutes_draft(demo_db, held)
    window.quit_action.trigger()  # Tệp › Thoát
    box = _question(qtbot, window)
    assert window.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: Lưu
    qtbot.waitUntil(lambda: not window.isVisible())
    after = minutes_draft(demo_db, held)
    assert after.opening == before.opening + EXTRA
    assert after.version != before.version  # one revision appended, as "Lưu bản sửa" does
    assert not QSettings("BCD", "bdcq-desktop").value(minutes_drafts.draft_key(demo_db, held))


def test_esc_cancels_and_the_window_and_the_text_stay(qtbot: Any, typed: Any) -> None:
    window, sec, _held = typed
    assert not window.close()  # the close button
    box = _question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc: Hủy
    qtbot.waitUntil(lambda: window.unsaved_box is None)
    assert window.isVisible()
    assert sec.edits["opening"].endswith(EXTRA)


def test_not_saving_quits_without_the_text(qtbot: Any, demo_db: Any, typed: Any) -> None:
    window, _sec, held = typed
    before = minutes_draft(demo_db, held)
    window.close()
    box = _question(qtbot, window)
    box.findChild(QAbstractButton, "discardUnsaved").click()
    qtbot.waitUntil(lambda: not window.isVisible())
    after = minutes_draft(demo_db, held)
    assert (after.opening, after.version) == (before.opening, before.version)
    minutes_drafts.flush()
    assert not QSettings("BCD", "bdcq-desktop").value(minutes_drafts.draft_key(demo_db, held))


def test_a_refused_save_keeps_the_window_open_and_the_text(
    qtbot: Any, demo_db: Any, typed: Any
) -> None:
    window, sec, held = typed
    # Another officer saves meanwhile: the section's save is refused (a conflict).
    theirs = minutes_draft(demo_db, held)
    save_minutes(demo_db, held, expected_version=theirs.version, closing="Bế mạc lúc 16 giờ.")
    window.close()
    box = _question(qtbot, window)
    box.findChild(QAbstractButton, "saveUnsaved").click()
    qtbot.waitUntil(lambda: window.unsaved_box is None)
    assert window.isVisible()
    assert sec.edits["opening"].endswith(EXTRA)
    qtbot.waitUntil(lambda: getattr(window, "unsaved_refused", None) is not None)
    refusal = window.unsaved_refused  # the quit's one box, saying why
    assert refusal.objectName() == "unsavedRefused"
    assert get_meeting(demo_db, held).title in refusal.text() and "người khác" in refusal.text()
    refusal.close()


def test_switching_the_database_asks_the_same_question(qtbot: Any, typed: Any) -> None:
    window, sec, _held = typed
    from bdcq_desktop.ui.connect_actions import open_connect_dialog

    dialog = open_connect_dialog(window)
    answered: list[str] = []

    def answer() -> None:  # the question waits (the switch's own call decides on it)
        box = window.unsaved_box
        answered.append(box.objectName())
        box.findChild(QAbstractButton, "cancelUnsaved").click()

    QTimer.singleShot(200, answer)
    refusal = dialog.can_switch()
    assert answered == ["unsavedQuestion"], refusal
    assert refusal and "chưa lưu" in refusal
    assert sec.edits["opening"].endswith(EXTRA)
    dialog.reject()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_minutes_typed_before_a_kill_are_offered_back_at_the_next_start(
    qtbot: Any, demo_db: Any
) -> None:
    held = demo_ids(demo_db)["held"]
    before = minutes_draft(demo_db, held)
    # The child must use the settings file this process reads (Qt fixes its folder once).
    config = Path(view_state.settings().fileName()).parent.parent
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(config)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(demo_db.sqlite_path), str(held)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert _line(proc) == "DRAFTED"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)
    # Kept aside, not written into the minutes.
    assert minutes_draft(demo_db, held).opening == before.opening

    window = MainWindow(demo_db)  # the next start
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load_data()
    sec = window.meetings_tab.view.pane.section("minutes")
    qtbot.waitUntil(lambda: sec.draft_question is not None)
    box = sec.draft_question
    assert box.objectName() == "minutesDraftQuestion"
    assert box.defaultButton().objectName() == "restoreDraft"
    names = {b.objectName(): b.text().replace("&", "") for b in box.buttons()}
    assert names == {"restoreDraft": "Khôi phục", "dropDraft": "Bỏ"}
    _active(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Khôi phục
    qtbot.waitUntil(lambda: "opening" in sec.edits)
    assert sec.edits["opening"] == before.opening + TYPED
    assert sec.parts.currentItem().text().endswith(" *")
    assert sec.save()  # then saved as any edit
    assert minutes_draft(demo_db, held).opening == before.opening + TYPED


def test_minutes_typed_under_a_meeting_no_longer_selected_are_asked_about_and_saved(
    qtbot: Any, demo_db: Any, typed: Any
) -> None:
    window, sec, held = typed
    before = minutes_draft(demo_db, held)
    other = demo_ids(demo_db)["planned"]
    assert window.open_meeting(other)  # the text typed under `held` stays on its side
    qtbot.waitUntil(lambda: sec.detail is not None and sec.detail.id == other)
    assert not sec.edits
    window.close()
    box = _question(qtbot, window)
    assert f"“{get_meeting(demo_db, held).title}” có phần chưa lưu" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Lưu
    qtbot.waitUntil(lambda: not window.isVisible())
    assert minutes_draft(demo_db, held).opening == before.opening + EXTRA
