"""A warning the core wants confirmed (a second holder of one position) asked in the dialogs:
the record dialog asks once for every dialog, saves again only on yes, and keeps the form on
no; the import preview shows warnings without disabling "Nhập"."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from bdcq_desktop.core import members, roster_io
from bdcq_desktop.core import units as u
from bdcq_desktop.core.errors import ConfirmationRequired
from bdcq_desktop.ui import view_state
from bdcq_desktop.ui.dialogs import member_dialogs
from bdcq_desktop.ui.dialogs.import_dialog import ImportPreviewDialog
from bdcq_desktop.ui.dialogs.reorganise_dialog import ReorganiseDialog
from bdcq_desktop.ui.forms import FieldSpec
from bdcq_desktop.ui.record_dialog import RecordDialog

D0 = date(2025, 1, 1)


@pytest.fixture(autouse=True)
def _fresh_view_state() -> Any:
    view_state.settings().clear()
    yield
    view_state.settings().clear()


@pytest.fixture
def health(db: Any) -> int:
    """The health department, whose director is already a member."""
    unit = u.create_unit(db, name="Sở Y tế")
    members.appoint_new(
        db,
        person={"full_name": "Trần Giám Đốc", "position": "Giám đốc", "unit_id": unit},
        appointment={"role": "member", "start_date": D0},
    )
    return unit


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every call the dialogs make to the core's saves (the real functions still run)."""
    seen: list[tuple[str, dict[str, Any]]] = []
    for name in ("appoint_new", "update_member", "reorganise"):
        real = getattr(members, name)

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen.append((_name, kwargs))
            return _real(*args, **kwargs)

        monkeypatch.setattr(members, name, spy)
    return seen


def _question(qtbot: Any, dialog: RecordDialog) -> QMessageBox:
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible())
    assert dialog.question is not None
    return dialog.question


def _answer(box: QMessageBox, button: str) -> None:
    box.findChild(QWidget, button).click()


def _names(db: Any) -> list[str]:
    return sorted(r.full_name for r in members.list_committee(db))


def test_new_member_asks_and_saves_only_on_yes(
    qtbot: Any, db: Any, health: int, calls: list[Any]
) -> None:
    dialog = member_dialogs.new_member_dialog(db, "committee")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.editor("full_name").setText("Lê Cũng Giám Đốc")  # type: ignore[attr-defined]
    dialog.form.editor("position").setText("Giám đốc")  # type: ignore[attr-defined]
    dialog.form.editor("unit_id").set_value(health)  # type: ignore[attr-defined]
    dialog.form.editor("field").setText("Y tế số")  # type: ignore[attr-defined]
    typed = dialog.form.values()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = _question(qtbot, dialog)
    assert "Trần Giám Đốc" in box.text() and "Lê Cũng Giám Đốc" in box.text()
    assert box.defaultButton() is box.findChild(QWidget, "noButton")  # Enter does not push on
    _answer(box, "noButton")
    assert dialog.isVisible() and dialog.question is None
    assert dialog.form.values() == typed  # the form keeps what was typed
    assert _names(db) == ["Trần Giám Đốc"]  # nothing written
    assert [kw.get("confirm_duplicate_position") for _n, kw in calls] == [None]

    saved: list[Any] = []
    dialog.saved.connect(saved.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _answer(_question(qtbot, dialog), "yesButton")
    assert not dialog.isVisible()
    assert _names(db) == ["Lê Cũng Giám Đốc", "Trần Giám Đốc"]
    assert saved and saved[0] in [r.id for r in members.list_committee(db)]
    # One core call per attempt: the refused one, then the one confirming.
    assert [kw.get("confirm_duplicate_position") for _n, kw in calls] == [None, None, True]
    assert {n for n, _kw in calls} == {"appoint_new"}


def test_edit_member_asks_before_taking_a_held_position(
    qtbot: Any, db: Any, health: int, calls: list[Any]
) -> None:
    mid = members.appoint_new(
        db,
        person={"full_name": "Lê Phó Giám Đốc", "position": "Phó Giám đốc", "unit_id": health},
        appointment={"role": "member", "start_date": D0},
    )
    row = next(r for r in members.list_committee(db) if r.id == mid)
    calls.clear()  # the set-up's own call
    dialog = member_dialogs.edit_member_dialog(db, row, "committee")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.editor("position").setText("Giám đốc")  # type: ignore[attr-defined]
    assert not dialog.try_save()
    _answer(_question(qtbot, dialog), "yesButton")
    assert not dialog.isVisible()
    assert members.get_person(db, row.person_id).position == "Giám đốc"
    assert [(n, kw.get("confirm_duplicate_position")) for n, kw in calls] == [
        ("update_member", None),
        ("update_member", True),
    ]


def test_reorganisation_asks_and_saves_on_yes(
    qtbot: Any, db: Any, health: int, calls: list[Any]
) -> None:
    new = members.create_person(
        db, full_name="Võ Giám Đốc Mới", position="Giám đốc", unit_id=health
    )
    dialog = ReorganiseDialog(db, "committee")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.add_appointment(members.NewAppointment(new, "member"), "Võ Giám Đốc Mới")
    dialog.form.editor("decision_number").setText("12/QĐ-UBND")  # type: ignore[attr-defined]

    assert not dialog.try_save()
    _answer(_question(qtbot, dialog), "noButton")
    assert dialog.isVisible() and dialog.new_table.rowCount() == 1
    assert _names(db) == ["Trần Giám Đốc"]

    assert not dialog.try_save()
    _answer(_question(qtbot, dialog), "yesButton")
    assert not dialog.isVisible()
    assert isinstance(dialog.result_value, members.ReorganisationResult)
    assert dialog.result_value.started == 1
    assert "Võ Giám Đốc Mới" in [r.full_name for r in members.list_committee(db, on=date.today())]
    assert [kw.get("confirm_duplicate_position") for _n, kw in calls] == [None, None, True]


def test_import_preview_shows_warnings_and_keeps_apply_enabled(
    qtbot: Any, db: Any, health: int, tmp_path: Path
) -> None:
    path = tmp_path / "danh-sach.csv"
    path.write_text(
        "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò\n"
        "Lê Văn Hai,Nam,Giám đốc,Sở Y tế,Thành viên\n"
        "Võ Văn Ba,Nam,Phó Giám đốc,Sở Tư pháp,Thành viên\n",
        encoding="utf-8",
    )
    preview = roster_io.preview_import(db, path)
    assert preview.ok and [line for line, _w in preview.warnings] == [2]
    dialog = ImportPreviewDialog(db, preview, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_date.set_value(D0)  # the rows give no date
    assert dialog.apply_button.isEnabled()  # a warning is not an error
    summary = dialog.summary.text()
    assert "1 cảnh báo" in summary and "Dòng 2" in summary and "Trần Giám Đốc" in summary
    assert "dòng có lỗi" not in summary
    warned, plain = dialog.model.index(0, 2), dialog.model.index(1, 2)
    assert "Trần Giám Đốc" in warned.data() and plain.data() == ""
    assert warned.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert plain.data(Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        dialog.apply_button.click()
    assert "Lê Văn Hai" in _names(db)


class _Overlap(ConfirmationRequired):
    parameter = "confirm_overlap"


def test_any_record_dialog_asks_for_any_confirmation(qtbot: Any) -> None:
    """The base does it, whatever the dialog and the keyword (the meetings' dialogs too)."""
    attempts: list[dict[str, Any]] = []

    def save(values: dict[str, Any], **confirmed: bool) -> str:
        attempts.append(confirmed)
        if not confirmed.get("confirm_overlap"):
            raise _Overlap("Trùng giờ với cuộc họp khác. Vẫn lưu?")
        return values["title"]

    dialog = RecordDialog("Cuộc họp", [FieldSpec("title", "Tên", required=True)], save)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.form.editor("title").setText("Họp quý IV")  # type: ignore[attr-defined]
    assert not dialog.try_save()
    box = _question(qtbot, dialog)
    assert box.text() == "Trùng giờ với cuộc họp khác. Vẫn lưu?"
    _answer(box, "yesButton")
    assert dialog.result_value == "Họp quý IV" and not dialog.isVisible()
    assert attempts == [{}, {"confirm_overlap": True}]

    # A save that cannot pass the answer on shows the warning instead of failing on yes.
    def plain(values: dict[str, Any]) -> None:
        raise _Overlap("Trùng giờ với cuộc họp khác. Vẫn lưu?")

    other = RecordDialog("Cuộc họp", [FieldSpec("title", "Tên")], plain)
    qtbot.addWidget(other)
    other.open()
    assert not other.try_save()
    assert other.question is None and other.banner.isVisible()
    assert "Trùng giờ" in other.banner_label.text()
