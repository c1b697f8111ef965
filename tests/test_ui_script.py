"""Kịch bản điều hành… in the meetings tab, from the keyboard alone: Ctrl+Shift+K on the list,
and the button of the record's Văn bản section reached by Tab beside the agenda paper's; the
file written is the chair's running script; the database's own file is refused, said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bdcq_desktop.ui.tabs.meetings_tab import MeetingsView
from tests.pdf_text import flat_text
from tests.test_ui_meetings import _fresh_view_state, tab, view  # noqa: F401 - as it opens the tab

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _select(qtbot: Any, view: MeetingsView, status: str) -> Any:  # noqa: F811
    row = next(r for r in view.table.visible_rows() if r.status == status)
    assert view.table.select_where(lambda r: r.id == row.id)
    view.activateWindow()
    view.table.view.setFocus()
    qtbot.waitUntil(view.table.view.hasFocus)
    return view.table.current_row()


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path, asked: list[str]) -> None:
    def answer(_parent: Any, title: str, start: str, *_a: Any) -> tuple[str, str]:
        asked.append(f"{title}|{Path(start).name}")
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_the_script_from_the_keyboard(
    qtbot: Any,
    view: MeetingsView,  # noqa: F811
    demo_db: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    row = _select(qtbot, view, "convened")
    asked: list[str] = []
    # Ctrl+Shift+K on the list: where to save, under a name of its own; then written and said.
    target = tmp_path / "kich-ban"
    _save_as(monkeypatch, target, asked)
    QTest.keyClick(view.table.view, Qt.Key.Key_K, CTRL_SHIFT)
    assert asked == [
        f"Xuất kịch bản điều hành|kich-ban-dieu-hanh-{row.starts_at:%Y-%m-%d}-{row.id}.pdf"
    ]
    written = target.with_suffix(".pdf")
    text = flat_text(written)
    assert text.startswith("UBND TỈNH NGHỆ AN") and "KỊCH BẢN ĐIỀU HÀNH" in text
    assert "Mời đồng chí" in text and "Chủ trì:" in text
    assert f"Đã xuất kịch bản điều hành ra {written}." == view.notice.text()
    # The same from the record: Văn bản, Tab from the agenda paper's buttons to the script's,
    # Space presses it.
    assert "scriptAction" in [a.objectName() for a in view.table.view.actions()]
    view.pane.show_section(3)
    section = view.pane.section("documents")
    button = section.findChild(type(section.button(view.script_action)), "scriptActionButton")
    assert button is not None and button.isEnabled()
    section.quick["attendance"].setFocus()
    qtbot.waitUntil(section.quick["attendance"].hasFocus)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is button
    again = tmp_path / "tu-ban-ghi.pdf"
    _save_as(monkeypatch, again, asked)
    QTest.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(again.exists)
    assert flat_text(again) == text
    # The database's own file: refused, in words, nothing written over it.
    before = demo_db.sqlite_path.read_bytes()[:100]
    _save_as(monkeypatch, demo_db.sqlite_path, asked)
    view.table.view.setFocus()
    qtbot.waitUntil(view.table.view.hasFocus)
    QTest.keyClick(view.table.view, Qt.Key.Key_K, CTRL_SHIFT)
    box = view.last_dialog
    assert isinstance(box, QMessageBox) and "tệp dữ liệu đang dùng" in box.text()
    box.close()
    assert demo_db.sqlite_path.read_bytes()[:100] == before


def test_a_cancelled_meeting_has_no_script(qtbot: Any, view: MeetingsView) -> None:  # noqa: F811
    _select(qtbot, view, "cancelled")
    assert not view.script_action.isEnabled()
    _select(qtbot, view, "held")
    assert view.script_action.isEnabled()
