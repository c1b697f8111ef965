"""The document dialog's "Người ký" choice: who signs the document on screen.

The first item is the signer the settings give for the kind (its data None: the settings
decide, so a draft follows them), then the others whose role on the document's date lets them
sign (:func:`...documents.service.signer_choices`); a settings' signer who cannot sign that
day is listed with why but cannot be picked, and the first who may is chosen instead. A
document shown as issued shows the register's signer, and the choice is closed; a kind with
no signer to choose says why.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from ...documents.service import SignerChoices


class SignerCombo(QComboBox):
    """``chosen`` fires when the user picks another signer (not when the list is refilled)."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerCombo")
        self.setToolTip(
            self.tr(
                "Người ký văn bản này. Mặc định theo Thiết lập; có thể chọn Trưởng ban hoặc một "
                "Phó Trưởng ban (văn bản Tổ công tác: Tổ trưởng, Tổ phó) giữ chức vụ vào ngày "
                "của văn bản."
            )
        )
        self._open = False  # a list of signers to choose from is shown
        self.currentIndexChanged.connect(self._on_changed)

    def _on_changed(self, _index: int) -> None:
        if not self.signalsBlocked():
            self.chosen.emit()

    def signer_id(self) -> int | None:
        """The person chosen for this document; None: the settings' signer."""
        value = self.currentData() if self._open else None
        return value if isinstance(value, int) else None

    def has_choice(self) -> bool:
        return self._open and self.count() > 1

    def reset(self) -> None:
        """Back to the settings' signer (another kind: its own signers)."""
        self._fill([], False)

    def set_choices(self, choices: SignerChoices | None, selected: int | None) -> None:
        """Offer ``choices`` (None: the kind has none), ``selected`` kept when still offered."""
        if choices is None:
            self._fill([(None, self.tr("Theo văn bản (không chọn người ký khác)"))], False)
            return
        if choices.refused:
            who = choices.default.name or self.tr("Người ký")
            first = self.tr("{who} (theo Thiết lập, không ký được)").format(who=who)
        else:
            first = self.tr("{who} (theo Thiết lập)").format(who=choices.default.text)
        items = [(None, first)] + [(c.person_id, c.text) for c in choices.others]
        self._fill(items, True)
        if choices.refused:
            # Shown so the officer sees why someone else is picked, never picked itself: a
            # draft "by the settings" would only repeat the refusal.
            item = self._item(0)
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(choices.refused)
        index = self.findData(selected) if selected is not None else 0
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def _item(self, index: int) -> QStandardItem | None:
        model = self.model()
        return model.item(index) if isinstance(model, QStandardItemModel) else None

    def show_issued(self, signer: str | None) -> None:
        """The issued copy on screen: its signer, as the register records it."""
        text = self.tr("{who} (đã ban hành)").format(who=signer) if signer else ""
        self._fill([(None, text or self.tr("(đã ban hành)"))], False)

    def _fill(self, items: list[tuple[int | None, str]], open_: bool) -> None:
        self.blockSignals(True)
        self.clear()
        for value, text in items:
            self.addItem(text, value)
        self._open = open_
        self.blockSignals(False)
