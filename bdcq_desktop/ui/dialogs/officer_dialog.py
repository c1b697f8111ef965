"""Tệp → Tên cán bộ trên máy này…: the name the change log records for this computer's saves
(:mod:`.core.officer`; empty: the OS user). One field, one core call."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...core.officer import OFFICER_KEY, officer_label, officer_name, set_officer_name
from ..forms import FieldSpec
from ..record_dialog import RecordDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("officer_dialog", text)


def officer_dialog(parent: QWidget | None = None) -> RecordDialog:
    return RecordDialog(
        _tr("Tên cán bộ trên máy này"),
        [
            FieldSpec(
                OFFICER_KEY,
                officer_label(),
                placeholder=_tr("Nguyễn Thị Thư"),
                help=_tr("Để trống: ghi tên người dùng của hệ điều hành."),
            )
        ],
        save=lambda values: set_officer_name(values.get(OFFICER_KEY)),
        values={OFFICER_KEY: officer_name()},
        intro=_tr(
            "Tên này được ghi vào lịch sử thay đổi của mọi bản ghi bạn sửa trên máy tính này."
        ),
        key="officer",
        parent=parent,
    )
