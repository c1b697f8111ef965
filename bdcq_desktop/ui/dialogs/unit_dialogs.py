"""Dialogs for units (cơ quan, đơn vị): add, edit, retire, merge into another."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...core import units
from ...core.db import Database
from ...core.enums import UnitKind
from ...core.labels import choices as vocabulary
from ..forms import CHOICE, DATE, LOOKUP, FieldSpec
from ..record_dialog import RecordDialog
from . import choices


def _tr(text: str) -> str:
    return QCoreApplication.translate("unit_dialogs", text)


def _values(u: units.UnitRow) -> dict[str, Any]:
    return {
        "name": u.name,
        "short_name": u.short_name,
        "kind": u.kind,
        "head_id": u.head_id,
        "address": u.address,
        "phone": u.phone,
        "email": u.email,
    }


def unit_dialog(
    db: Database, parent: QWidget | None = None, *, unit: units.UnitRow | None = None
) -> RecordDialog:
    fields = [
        FieldSpec("name", _tr("Tên cơ quan, đơn vị"), required=True),
        FieldSpec("short_name", _tr("Tên viết tắt"), placeholder=_tr("VD: Sở KH&CN")),
        FieldSpec("kind", _tr("Loại"), CHOICE, vocabulary(UnitKind), True, allow_empty=False),
        FieldSpec("head_id", _tr("Người đứng đầu"), LOOKUP, lambda: choices.people(db)),
        FieldSpec("address", _tr("Địa chỉ")),
        FieldSpec("phone", _tr("Điện thoại")),
        FieldSpec("email", _tr("Thư điện tử")),
    ]
    version = {"v": unit.version if unit else None}

    def save(values: dict[str, Any]) -> int:
        if unit is None:
            return units.create_unit(db, **values)
        changed = dialog.form.changed_values()
        if changed:
            units.update_unit(db, unit.id, expected_version=version["v"], **changed)
        return unit.id

    def reload() -> dict[str, Any]:
        assert unit is not None
        fresh = units.get_unit(db, unit.id)
        version["v"] = fresh.version
        return _values(fresh)

    dialog = RecordDialog(
        _tr("Sửa cơ quan, đơn vị") if unit else _tr("Thêm cơ quan, đơn vị"),
        fields,
        save,
        values=_values(unit) if unit else {"kind": UnitKind.DEPARTMENT.value},
        reload=reload if unit else None,
        key="unit",
        parent=parent,
    )
    dialog.setObjectName("unitDialog")
    return dialog


def _read_again(db: Database, unit_id: int, version: dict[str, int]) -> dict[str, Any]:
    """A stale retire or merge: the unit's newest version; the fields are the action's own,
    kept as typed (none of the unit's)."""
    version["v"] = units.get_unit(db, unit_id).version
    return {}


def retire_unit_dialog(
    db: Database, unit: units.UnitRow, parent: QWidget | None = None, *, today: date | None = None
) -> RecordDialog:
    """Giải thể / ngừng hoạt động: the unit stays in the records with the date."""
    version = {"v": unit.version}  # as read; a stale save reads it again (the date is kept)

    def save(values: dict[str, Any]) -> int:
        units.retire_unit(db, unit.id, on=values["on"], expected_version=version["v"])
        return unit.id

    dialog = RecordDialog(
        _tr("Ngừng hoạt động"),
        [FieldSpec("on", _tr("Từ ngày"), DATE, required=True)],
        save,
        values={"on": today or date.today()},
        reload=lambda: _read_again(db, unit.id, version),
        intro=_tr(
            "{name} sẽ không còn trong danh sách chọn; người và văn bản cũ vẫn giữ tên đơn vị."
        ).format(name=unit.name),
        save_text=_tr("Ngừng hoạt động"),
        key="unitRetire",
        parent=parent,
    )
    dialog.setObjectName("retireUnitDialog")
    return dialog


def merge_unit_dialog(
    db: Database, unit: units.UnitRow, parent: QWidget | None = None, *, today: date | None = None
) -> RecordDialog:
    """Sáp nhập: ``unit`` is retired and points to the unit that takes it over."""

    def targets() -> list[tuple[int, str, str]]:
        return [item for item in choices.unit_choices(db) if item[0] != unit.id]

    version = {"v": unit.version}

    def save(values: dict[str, Any]) -> int:
        units.merge_units(
            db, unit.id, values["target_id"], on=values["on"], expected_version=version["v"]
        )
        return unit.id

    dialog = RecordDialog(
        _tr("Sáp nhập {name}").format(name=unit.name),
        [
            FieldSpec(
                "target_id", _tr("Sáp nhập vào"), LOOKUP, targets, required=True, allow_empty=False
            ),
            FieldSpec("on", _tr("Từ ngày"), DATE, required=True),
        ],
        save,
        values={"on": today or date.today()},
        reload=lambda: _read_again(db, unit.id, version),
        # What the merge means for the work in hand, said before it is done.
        intro=_tr(
            "Từ ngày sáp nhập, nhiệm vụ chưa hoàn thành và báo cáo chưa gửi của {name} do đơn vị "
            "tiếp nhận thực hiện và được đôn đốc qua đơn vị đó; người và văn bản cũ vẫn giữ tên "
            "đơn vị."
        ).format(name=unit.name),
        save_text=_tr("Sáp nhập"),
        key="unitMerge",
        parent=parent,
    )
    dialog.setObjectName("mergeUnitDialog")
    return dialog
