"""Kiện toàn: one decision that ends some memberships and starts others, in one core call."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import members
from ...core.db import Database
from ...core.enums import CommitteeRole, GroupRole
from ...core.errors import ValidationError
from ...core.labels import label
from ..forms import CHOICE, DATE, LOOKUP, FieldSpec
from ..record_dialog import RecordDialog
from . import choices
from .member_dialogs import body_name, create_person_action


def _tr(text: str) -> str:
    return QCoreApplication.translate("reorganise_dialog", text)


def appointment_dialog(db: Database, body: str, parent: QWidget | None = None) -> RecordDialog:
    """One new appointment of the decision: a person (picked, or created on the spot), a role,
    a field and an area. Saving only adds the line; the decision is saved as a whole."""
    fields = [
        FieldSpec(
            "person_id",
            _tr("Người được bổ nhiệm"),
            LOOKUP,
            lambda: choices.people(db),
            required=True,
            allow_empty=False,
            create=create_person_action(db),
        ),
        FieldSpec("role", _tr("Vai trò"), CHOICE, choices.roles(body), True, allow_empty=False),
        FieldSpec("field", _tr("Lĩnh vực phụ trách")),
        FieldSpec("area", _tr("Địa bàn phụ trách")),
    ]

    def save(values: dict[str, Any]) -> tuple[members.NewAppointment, str]:
        person = members.get_person(db, values["person_id"])
        return members.NewAppointment(
            values["person_id"], values["role"], values["field"] or None, values["area"] or None
        ), person.full_name

    dialog = RecordDialog(
        _tr("Bổ nhiệm mới"),
        fields,
        save,
        values={"role": "member"},
        save_text=_tr("Thêm vào quyết định"),
        key=f"{body}Appointment",
        parent=parent,
    )
    dialog.setObjectName("appointmentDialog")
    return dialog


class ReorganiseDialog(RecordDialog):
    """The decision's number and dates, a checklist of current memberships to end, and a list
    of new appointments; Save calls ``members.reorganise`` once (all or nothing)."""

    def __init__(
        self,
        db: Database,
        body: str = "committee",
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        fields = [
            FieldSpec("decision_number", _tr("Số quyết định"), required=True),
            FieldSpec("decision_date", _tr("Ngày quyết định"), DATE, required=True),
            FieldSpec("effective_date", _tr("Ngày hiệu lực"), DATE, required=True),
        ]
        super().__init__(
            _tr("Kiện toàn {body}").format(body=body_name(body)),
            fields,
            self._save,
            values={
                "decision_date": today or date.today(),
                "effective_date": today or date.today(),
            },
            intro=_tr(
                "Người thôi làm thành viên kết thúc nhiệm kỳ vào ngày trước ngày hiệu lực; người "
                "mới bắt đầu từ ngày hiệu lực. Cả quyết định được lưu một lần, hoặc không lưu gì."
            ),
            save_text=_tr("Lưu quyết định kiện toàn"),
            key=f"{body}Reorganise",
            parent=parent,
        )
        self.setObjectName("reorganiseDialog")
        if not self.geometry_restored:  # a preference: on a small screen it shrinks to fit
            self.resize(760, 640)
        self.db, self.body = db, body
        self.appointments: list[tuple[members.NewAppointment, str]] = []

        self.end_list = QListWidget(self)
        self.end_list.setObjectName("endList")
        self.end_list.setAlternatingRowColors(True)
        current = (members.list_committee if body == "committee" else members.list_group)(db)
        for row in current:
            text = f"{row.full_name} — {row.role_label}"
            if row.position or row.unit:
                text += f" ({', '.join(x for x in (row.position, row.unit) if x)})"
            item = QListWidgetItem(text, self.end_list)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        ending = QGroupBox(_tr("Thôi làm thành viên (đánh dấu người thôi)"), self)
        QVBoxLayout(ending).addWidget(self.end_list)
        self.add_section(ending, "end_ids", stretch=1)

        self.new_table = QTableWidget(0, 4, self)
        self.new_table.setObjectName("newTable")
        self.new_table.setHorizontalHeaderLabels(
            [_tr("Họ và tên"), _tr("Vai trò"), _tr("Lĩnh vực phụ trách"), _tr("Địa bàn phụ trách")]
        )
        self.new_table.verticalHeader().setVisible(False)
        self.new_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.new_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(_tr("Thêm người được bổ nhiệm…"), self)
        self.add_button.setObjectName("addAppointmentButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.open_appointment_dialog)
        self.remove_button = QPushButton(_tr("Bỏ dòng đã chọn"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        starting = QGroupBox(_tr("Bổ nhiệm mới"), self)
        box = QVBoxLayout(starting)
        box.addWidget(self.new_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.add_section(starting, "new", stretch=1)
        self.summary = QLabel(self)
        self.summary.setObjectName("reorganiseSummary")
        self.add_section(self.summary)
        self.end_list.itemChanged.connect(self._update_summary)
        self._update_summary()

    # -- the lists -----------------------------------------------------------------------------
    def check_membership(self, membership_id: int, checked: bool = True) -> None:
        for i in range(self.end_list.count()):
            item = self.end_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == membership_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def end_ids(self) -> list[int]:
        return [
            self.end_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.end_list.count())
            if self.end_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def add_appointment(self, appointment: members.NewAppointment, name: str) -> None:
        self.appointments.append((appointment, name))
        row = self.new_table.rowCount()
        self.new_table.insertRow(row)
        role_enum = CommitteeRole if self.body == "committee" else GroupRole
        role = appointment.role
        role_text = label(role_enum(role)) if role in {r.value for r in role_enum} else str(role)
        for col, text in enumerate((name, role_text, appointment.field, appointment.area)):
            self.new_table.setItem(row, col, QTableWidgetItem(text or ""))
        self._update_summary()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.new_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.new_table.removeRow(row)
            del self.appointments[row]
        self._update_summary()

    def open_appointment_dialog(self) -> RecordDialog:
        dialog = appointment_dialog(self.db, self.body, self)
        dialog.saved.connect(lambda result: self.add_appointment(*result))
        dialog.open()
        return dialog

    def _update_summary(self, *_: Any) -> None:
        self.summary.setText(
            _tr("{ended} người thôi, {started} người được bổ nhiệm.").format(
                ended=len(self.end_ids()), started=len(self.appointments)
            )
        )

    # -- saving --------------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        values = self.form.values()
        for key in ("decision_date", "effective_date"):
            if values[key] is None:
                field = self.form.fields[key].spec
                raise ValidationError(
                    key, _tr('"{label}" không được để trống.').format(label=field.label)
                )
        return {
            **values,
            "end_ids": self.end_ids(),
            "new": [a for a, _name in self.appointments],
        }

    def _save(self, values: dict[str, Any], **confirmed: bool) -> members.ReorganisationResult:
        plan = members.Reorganisation(
            decision_number=values["decision_number"],
            decision_date=values["decision_date"],
            effective_date=values["effective_date"],
            end_ids=values["end_ids"],
            new=values["new"],
        )
        return members.reorganise(self.db, plan, body=self.body, **confirmed)

    def show_validation_error(self, exc: ValidationError) -> None:
        # Errors about one appointment (a person already serving, a second Head) belong to the
        # list of new appointments.
        if exc.field in ("person_id", "role"):
            exc = ValidationError("new", exc.message, label=exc.label)
        super().show_validation_error(exc)
