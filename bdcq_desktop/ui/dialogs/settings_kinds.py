"""The "Văn bản" tab of the settings dialog: one row per kind of document, edited in a side form.

Edits are drafts (:class:`KindSettings` holding the lines as typed) until the dialog saves; the
table shows them at once, in bold where a kind differs from the decree's defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ValidationError
from ...documents import settings as ds
from ...documents.settings_checks import FIXED_SIGNING
from ..forms import LOOKUP, MULTILINE, FieldSpec, FormWidget, LookupCombo

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
FIELDS = ("abbr", "signing", "signer", "recipients")  # side-form keys = ValidationError prefixes
# Forms of signing (Decree 30/2020, Art. 13), offered as starting points; all are editable.
AUTHORITY_TEMPLATES = (
    ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"),
    ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    ("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"),
    ("Q. TRƯỞNG BAN",),
    ("TUQ. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("settings_kinds", text)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text.strip() else ()


class KindsModel(QAbstractTableModel):
    """Kinds of documents and their (draft) settings; read-only, one row per kind."""

    HEADERS = ("Loại văn bản", "Viết tắt", "Thẩm quyền ký", "Người ký", "Nơi nhận")

    def __init__(self, signer_text: Callable[[str, str], str], parent: Any = None) -> None:
        super().__init__(parent)
        self.kinds: list[str] = list(ds.KIND_NAMES)
        self.labels = {k: ds.kind_label(k) for k in self.kinds}
        self.drafts: dict[str, ds.KindSettings] = {}
        self.signer_text = signer_text  # (kind, spec) -> str

    def set_drafts(self, drafts: dict[str, ds.KindSettings]) -> None:
        self.beginResetModel()
        self.drafts = dict(drafts)
        self.endResetModel()

    def set_draft(self, draft: ds.KindSettings) -> None:
        self.drafts[draft.kind] = draft
        row = self.kinds.index(draft.kind)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.kinds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return _tr(self.HEADERS[section])
        return None

    def _text(self, kind: str, column: int) -> str:
        d = self.drafts.get(kind)
        if column == 0:
            return self.labels[kind]
        if d is None:
            return ""
        if column == 1:
            return d.abbreviation
        if column == 2:
            if kind in FIXED_SIGNING:
                return _tr("THƯ KÝ / CHỦ TỌA")
            lines = " / ".join(line.strip() for line in d.authority if line.strip())
            return lines if d.enabled else _tr("(không in chữ ký)")
        if column == 3:
            return self.signer_text(kind, d.signer)
        return "; ".join(line.strip() for line in d.recipients if line.strip())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.kinds):
            return None
        kind = self.kinds[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(kind, index.column())
        if role == KIND_ROLE:
            return kind
        if role == Qt.ItemDataRole.FontRole and self.customised(kind):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def customised(self, kind: str) -> bool:
        d = self.drafts.get(kind)
        if d is None:
            return False
        default = ds.default_kind(kind)
        clean = (
            d.abbreviation.strip(),
            tuple(x.strip() for x in d.authority if x.strip()),
            d.signer,
            d.enabled,
            tuple(x.strip() for x in d.recipients if x.strip()),
        )
        return clean != (
            default.abbreviation,
            default.authority,
            default.signer,
            default.enabled,
            default.recipients,
        )


class KindsPanel(QWidget):
    """The table of kinds and the side form of the selected one."""

    changed = Signal()

    def __init__(
        self,
        signer_choices: Callable[[str], list[Any]],
        signer_text: Callable[[str, str], str],
        body_abbr: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        """``signer_choices(kind)`` → ``[(spec, label[, also])]``; ``signer_text(kind, spec)`` → the
        table's text; ``body_abbr()`` → the body's abbreviation as typed (for the example)."""
        super().__init__(parent)
        self.signer_choices = signer_choices
        self.body_abbr = body_abbr
        self.current_kind = ""
        self._loading = False
        self.model = KindsModel(signer_text, self)
        self.view = QTableView(self)
        self.view.setObjectName("kindsTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((270, 64, 250, 230)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)

        self.box = QGroupBox(self)
        self.box.setObjectName("kindBox")
        signing_help = _tr(
            "Mỗi dòng một dòng in: TM., KT., TL., Q., TUQ. rồi chức vụ. Khi người ký là Trưởng "
            "ban hay Phó Trưởng ban vào ngày văn bản, văn bản in đúng chức vụ đó: TM. BAN CHỈ "
            "ĐẠO / TRƯỞNG BAN, hoặc KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN."
        )
        self.left_form = FormWidget(
            [
                FieldSpec(
                    "abbr",
                    _tr("Viết tắt tên loại"),
                    required=True,
                    help=_tr("Chữ cái, không dấu cách (Phụ lục III Nghị định 30/2020): GM, TB…"),
                ),
                FieldSpec("signing", _tr("Thẩm quyền ký"), MULTILINE, help=signing_help),
                FieldSpec("signer", _tr("Người ký"), LOOKUP, allow_empty=False),
            ],
            self.box,
        )
        self.right_form = FormWidget(
            [
                FieldSpec(
                    "recipients",
                    _tr("Nơi nhận"),
                    MULTILINE,
                    placeholder=_tr("Mỗi dòng một nơi nhận"),
                    help=_tr("Mỗi dòng một nơi nhận; dòng “Lưu: VT, …” được thêm tự động."),
                )
            ],
            self.box,
        )
        self.abbr_edit = self.left_form.editor("abbr")
        self.authority_edit = self.left_form.editor("signing")
        self.signer_combo = self.left_form.editor("signer")
        self.recipients_edit = self.right_form.editor("recipients")
        assert isinstance(self.abbr_edit, QLineEdit)
        assert isinstance(self.authority_edit, QPlainTextEdit)
        assert isinstance(self.recipients_edit, QPlainTextEdit)
        assert isinstance(self.signer_combo, LookupCombo)
        self.abbr_edit.setMaximumWidth(120)
        self.authority_edit.setPlaceholderText("TM. BAN CHỈ ĐẠO\nTRƯỞNG BAN")
        self.authority_edit.setFixedHeight(4 * self.fontMetrics().lineSpacing() + 10)
        self.signer_combo.setMinimumContentsLength(24)
        self.example = QLabel(self.box)
        self.example.setObjectName("symbolExample")
        self.example.setStyleSheet("color: #555;")
        self.enabled_check = QCheckBox(_tr("In khối chữ ký"), self.box)
        self.enabled_check.setObjectName("signatureEnabled")
        self.fixed_note = QLabel(
            _tr(
                "Biên bản do thư ký (bên trái, THƯ KÝ) và người chủ trì (bên phải, CHỦ TỌA) "
                "ký, theo mẫu 1.9."
            ),
            self.box,
        )
        self.fixed_note.setWordWrap(True)
        self.fixed_note.setStyleSheet("color: #555;")
        self.templates = QPushButton(_tr("Mẫu thẩm quyền ký"), self.box)
        self.templates.setObjectName("authorityTemplates")
        self.templates.setAutoDefault(False)
        menu = QMenu(self.templates)
        for lines in AUTHORITY_TEMPLATES:
            action = menu.addAction(" / ".join(lines))
            action.triggered.connect(lambda _=False, t=lines: self._use_template(t))
        self.templates.setMenu(menu)
        self.reset_button = QPushButton(_tr("Khôi phục mặc định"), self.box)
        self.reset_button.setObjectName("resetKindButton")
        self.reset_button.setAutoDefault(False)
        self.reset_button.setToolTip(
            _tr("Trả loại văn bản này về mặc định của Nghị định 30/2020 (lưu khi bấm Lưu).")
        )
        self.reset_button.clicked.connect(self.reset_current)

        checks = QHBoxLayout()
        checks.addWidget(self.enabled_check)
        checks.addStretch(1)
        checks.addWidget(self.templates)
        left = QVBoxLayout()
        left.addWidget(self.left_form)
        left.addLayout(checks)
        left.addWidget(self.fixed_note)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.right_form, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.example)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        right.addLayout(buttons)
        columns = QHBoxLayout(self.box)
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.box)

        self.abbr_edit.textEdited.connect(self._commit)
        self.authority_edit.textChanged.connect(self._commit)
        self.recipients_edit.textChanged.connect(self._commit)
        self.signer_combo.activated.connect(self._commit)
        self.enabled_check.toggled.connect(self._commit)

    # -- data ----------------------------------------------------------------------------------
    def set_drafts(self, drafts: dict[str, ds.KindSettings]) -> None:
        kind = self.current_kind or self.model.kinds[0]
        self.current_kind = ""
        self.model.set_drafts(drafts)
        self.select(kind)

    def drafts(self) -> dict[str, ds.KindSettings]:
        """Every kind's draft, the side form's edits included (a signer that names nobody
        raises ValidationError for ``signer.<kind>``)."""
        self.commit(strict=True)
        return dict(self.model.drafts)

    def select(self, kind: str) -> None:
        row = self.model.kinds.index(kind)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if self.current_kind != kind:  # the row was current already: no signal came
            self._load(kind)

    def _on_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.commit()
            self._load(self.model.kinds[current.row()])

    def _load(self, kind: str) -> None:
        self._loading = True
        try:
            self.current_kind = kind
            d = self.model.drafts[kind]
            fixed = kind in FIXED_SIGNING
            self.box.setTitle(self.model.labels[kind])
            self.clear_errors()
            self.signer_combo.set_items(self.signer_choices(kind))
            authority = ("THƯ KÝ", "CHỦ TỌA") if fixed else d.authority
            self.left_form.set_values(
                {"abbr": d.abbreviation, "signing": "\n".join(authority), "signer": d.signer}
            )
            self.right_form.set_values({"recipients": "\n".join(d.recipients)})
            self.enabled_check.setChecked(d.enabled)
            for widget in (self.authority_edit, self.signer_combo, self.enabled_check):
                widget.setEnabled(not fixed)
            self.templates.setEnabled(not fixed)
            self.fixed_note.setVisible(fixed)
            self.update_example()
        finally:
            self._loading = False

    def _commit(self, *_args: Any) -> None:
        if not self._loading:
            self.commit()

    def commit(self, *, strict: bool = False) -> None:
        """Put the side form's values into the current kind's draft."""
        kind = self.current_kind
        if not kind:
            return
        d = self.model.drafts[kind]
        draft = replace(
            d,
            abbreviation=self.abbr_edit.text(),
            recipients=_lines(self.recipients_edit.toPlainText()),
        )
        if kind not in FIXED_SIGNING:  # the minutes' fields only show who signs
            signer = d.signer
            try:
                signer = self.signer_combo.value() or signer
            except ValidationError as exc:  # typed text that names no one: kept until saved
                if strict:
                    raise ValidationError(f"signer.{kind}", exc.message, label=exc.label) from None
            draft = replace(
                draft,
                authority=_lines(self.authority_edit.toPlainText()),
                signer=signer,
                enabled=self.enabled_check.isChecked(),
            )
        if draft != d:
            self.model.set_draft(draft)
            self.changed.emit()
        self.update_example()

    def update_example(self) -> None:
        abbr = self.abbr_edit.text().strip() or "…"
        body = self.body_abbr().strip() or "…"
        self.example.setText(_tr("Ví dụ: Số: 05/{abbr}-{body}").format(abbr=abbr, body=body))

    def _use_template(self, lines: tuple[str, ...]) -> None:
        self.authority_edit.setPlainText("\n".join(lines))
        self.enabled_check.setChecked(True)

    def reset_current(self) -> None:
        """The selected kind back to the decree defaults (stored when the dialog saves)."""
        kind = self.current_kind
        if kind:
            self.model.set_draft(ds.default_kind(kind))
            self._load(kind)
            self.changed.emit()

    # -- errors --------------------------------------------------------------------------------
    def show_error(self, field: str, message: str) -> bool:
        """Show an error for ``abbr.<kind>`` (etc.) at the side form, selecting the kind."""
        key, _, kind = field.partition(".")
        if key not in FIELDS or kind not in self.model.kinds:
            return False
        self.select(kind)
        form = self.right_form if key == "recipients" else self.left_form
        return form.show_error(key, message)

    def clear_errors(self) -> None:
        self.left_form.clear_errors()
        self.right_form.clear_errors()
