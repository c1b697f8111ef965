"""Chuyển nhiệm vụ with nothing filled: every required field is named at once (the core's one
refusal carries them all), not "Đơn vị tiếp nhận" now and "Lý do chuyển giao" on the next try."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bdcq_desktop.core import task_transfer
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.task_tracking import track_tasks
from bdcq_desktop.ui.dialogs.task_transfer_dialog import TaskTransferDialog
from tests import report_fixtures as rf


def test_the_core_names_every_field_refused(db: Any) -> None:
    today = date.today()
    ids = rf.build(db, today)
    task = ids.tasks["c_person"]
    with pytest.raises(ValidationError) as exc:
        task_transfer.transfer_task(
            db, task, to_unit_id=None, reason="  ", expected_version=None, today=today
        )
    assert [e.field for e in exc.value.every] == ["to_unit_id", "reason"]
    assert "Đơn vị tiếp nhận" in exc.value.message
    assert "Lý do chuyển giao" in exc.value.also[0].message
    with pytest.raises(ValidationError) as exc:  # one wrong: one named, as before
        task_transfer.transfer_task(
            db, task, to_unit_id=ids.units["A"], reason="", expected_version=None, today=today
        )
    assert [e.field for e in exc.value.every] == ["reason"]


def test_enter_with_nothing_filled_shows_both_errors(qtbot: Any, db: Any) -> None:
    today = date.today()
    ids = rf.build(db, today)
    row = next(r for r in track_tasks(db, today=today) if r.id == ids.tasks["c_person"])
    dialog = TaskTransferDialog(db, [row], today=today)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    unit = dialog.form.editor("to_unit_id")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is unit)
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Đơn vị tiếp nhận" in dialog.form.error_label("to_unit_id").text()
    assert "Lý do chuyển giao" in dialog.form.error_label("reason").text()
    assert dialog.form.error_label("reason").isVisibleTo(dialog)
    assert QApplication.focusWidget() is unit  # the cursor at the first of them
