"""The Biên bản of a meeting not held takes no typing, a quit's "Lưu" saves every part it can,
and a crash draft is offered only on the database it was typed under (real demo SQLite file).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import text

from bdcq_desktop.core.meetings import get_meeting, update_meeting
from bdcq_desktop.core.minutes_text import minutes_draft
from bdcq_desktop.ui.main_window import MainWindow
from bdcq_desktop.ui.tabs import minutes_drafts
from tests.test_meeting_docs import demo_ids
from tests.test_minutes_quit import (  # noqa: F401 (fixtures)
    EXTRA,
    _fresh_view_state,
    _minutes,
    _question,
    typed,
)


def _future(db: Any, which: str = "planned") -> int:
    """The demo's planned (or convened) meeting, moved to a day to come if the demo has aged
    past it."""
    planned = demo_ids(db)[which]
    m = get_meeting(db, planned)
    if m.starts_at <= datetime.now():
        day = (datetime.now() + timedelta(days=30)).replace(hour=8, minute=0, second=0)
        day = day.replace(microsecond=0)
        update_meeting(
            db,
            planned,
            expected_version=m.version,
            starts_at=day,
            ends_at=day + timedelta(hours=3),
            confirm_after_convocation=True,
        )
    assert get_meeting(db, planned).starts_at > datetime.now()  # not held yet
    return planned


def test_a_not_held_meeting_s_minutes_take_no_typing_and_say_why(
    qtbot: Any, demo_db: Any, typed: Any  # noqa: F811 (the fixture imported)
) -> None:
    window, sec, _held = typed
    future = _future(demo_db)
    sec = _minutes(window, future)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == future)
    sec.select_part("opening")
    sec.editor.setFocus()
    QTest.keyClicks(sec.editor, "abc")
    assert "opening" not in sec.edits and not sec.editor.toPlainText().endswith("abc")
    assert sec.editor.isReadOnly() and not sec.save_button.isEnabled()
    assert sec.part_note.isVisibleTo(sec) and "chưa diễn ra" in sec.part_note.text()


def test_saving_on_quit_saves_every_part_it_can_and_names_the_refused(
    qtbot: Any, demo_db: Any, typed: Any  # noqa: F811 (the fixture imported)
) -> None:
    window, sec, held = typed
    future = _future(demo_db)
    before_held, before_future = minutes_draft(demo_db, held), minutes_draft(demo_db, future)
    sec = _minutes(window, future)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == future)
    # Parts held for a meeting whose save is refused (typed before it was moved to a later
    # day): put in by the program, the editor taking no keys.
    sec.select_part("opening")
    sec.editor.insertPlainText("\nGÕ cho cuộc họp chưa diễn ra.")
    assert "opening" in sec.edits
    window.close()
    box = _question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Lưu
    qtbot.waitUntil(lambda: window.unsaved_box is None)
    assert window.isVisible()  # the refused part is still there to decide on
    assert minutes_draft(demo_db, held).opening == before_held.opening + EXTRA  # saved
    assert minutes_draft(demo_db, future).opening == before_future.opening
    said = window.statusBar().currentMessage()
    assert get_meeting(demo_db, future).title in said.split("Đã lưu")[0]
    assert get_meeting(demo_db, held).title in said.split("Đã lưu")[1]
    refusal = window.unsaved_refused
    assert "chưa diễn ra" in refusal.text()
    refusal.close()
    sec.edits.clear()


def test_a_draft_is_not_offered_on_another_database_at_the_same_path(
    qtbot: Any, demo_db: Any
) -> None:
    held = demo_ids(demo_db)["held"]
    before = minutes_draft(demo_db, held)
    draft = {"title": before.title, "edits": {"opening": "Văn bản của cơ sở dữ liệu A."}}
    settings = QSettings("BCD", "bdcq-desktop")
    settings.setValue(minutes_drafts.draft_key(demo_db, held), json.dumps(draft))
    settings.sync()
    # Another database restored over this path: another identity, its meeting `held` another.
    with demo_db.engine.begin() as con:
        con.execute(text("UPDATE organisation SET database_uid = :u"), {"u": str(uuid.uuid4())})

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.load_data()
    sec = _minutes(window, held)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == held)
    qtbot.wait(300)
    assert sec.draft_question is None and not sec.edits
    window.close()


def test_a_not_held_meeting_offers_no_issue_nor_times_and_says_why(
    qtbot: Any, demo_db: Any, typed: Any  # noqa: F811 (the fixture imported)
) -> None:
    """Its "Ban hành…", "Giờ bắt đầu…", "Giờ kết thúc…" are not offered before the meeting
    (the core would refuse them), each saying why; another meeting, or the start reached,
    offers them again."""
    window, sec, held = typed
    sec.edits.clear()
    sec.update_buttons()
    buttons = (sec.finalise_button, sec.start_button, sec.close_button)
    assert all(b.isEnabled() for b in buttons)
    future = _future(demo_db)
    sec = _minutes(window, future)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == future)
    starts = get_meeting(demo_db, future).starts_at
    for b in buttons:
        assert not b.isEnabled(), b.text()
        assert "chưa diễn ra" in b.toolTip() and f"{starts:%H:%M %d/%m/%Y}" in b.toolTip()
    sec = _minutes(window, held)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == held)
    assert all(b.isEnabled() and "chưa diễn ra" not in b.toolTip() for b in buttons)
    # The meeting starts a moment from now: at its start its minutes open, nothing pressed.
    m = get_meeting(demo_db, future)
    soon = (datetime.now() + timedelta(seconds=2)).replace(microsecond=0)
    update_meeting(
        demo_db,
        future,
        expected_version=m.version,
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
        confirm_after_convocation=True,
    )
    sec = _minutes(window, future)
    qtbot.waitUntil(lambda: sec.draft is not None and sec.draft.meeting_id == future)
    if datetime.now() < soon:
        assert not sec.finalise_button.isEnabled()
    # The pane looks again a second past the start (3 s from the save at most); the rest of
    # the bound is for a machine busy with other work, where it once took longer than 6 s.
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in buttons), timeout=15000)
    sec.select_part("opening")
    assert not sec.editor.isReadOnly() and not sec.part_note.text()


def test_every_refusal_of_a_quit_s_save_is_said_in_one_box_with_what_was_saved(
    qtbot: Any, demo_db: Any, typed: Any  # noqa: F811 (the fixture imported)
) -> None:
    """Two meetings refused (not held yet) and one saved: one box names both and why, and
    the one saved; no box for each refusal."""
    window, sec, held = typed
    futures = [_future(demo_db), _future(demo_db, "convened")]
    for future in futures:
        sec = _minutes(window, future)
        qtbot.waitUntil(lambda s=sec, f=future: s.draft is not None and s.draft.meeting_id == f)
        sec.select_part("opening")
        sec.editor.insertPlainText("\nGÕ cho cuộc họp chưa diễn ra.")  # the program, not keys
        assert "opening" in sec.edits
    window.close()
    box = _question(qtbot, window)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Lưu
    qtbot.waitUntil(lambda: window.unsaved_box is None)
    assert window.isVisible()
    assert minutes_draft(demo_db, held).opening.endswith(EXTRA)  # saved
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(shown) == 1 and shown == [window.unsaved_refused]
    said = window.unsaved_refused.text()
    refused, saved = said.split("Đã lưu:")
    for future in futures:
        assert f"“{get_meeting(demo_db, future).title}”: Cuộc họp chưa diễn ra" in refused
    assert get_meeting(demo_db, held).title in saved
    window.unsaved_refused.close()
    sec.edits.clear()
    sec._edits_of.clear()
