"""Opening a round of a reporting regime ("Mở đợt báo cáo theo chế độ"): the regime and the
period picked, the due date, the cut-off and how many units must report shown below as the
core will compute them (:func:`bdcq_desktop.core.rounds.preview_round`), read again as each is
typed. The save is one core call, :func:`bdcq_desktop.core.rounds.open_round`.

The preview only reads: a storage refusal met there (a locked file, the server gone) says the
data was not read, never "chưa lưu được gì", and a preview that cannot be shown says why (no
regime to pick, a period mistyped, the database not read) rather than staying empty.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ...core import regimes, rounds
from ...core.days_off import due_day_text
from ...core.db import Database
from ...core.enums import Frequency
from ...core.errors import BcdError, ValidationError
from ...core.read_scope import reading
from ...core.report_periods import periods_in_year
from ..forms import CHOICE, DATE, INTEGER, FieldSpec
from ..record_dialog import RecordDialog


def _tr(text: str) -> str:
    # The context these words had in round_dialogs, where they were first written.
    return QCoreApplication.translate("round_dialogs", text)


class OpenRoundDialog(RecordDialog):
    """A round of a regime: pick the regime and the period; the due date, cut-off and units
    shown below are what the core will compute."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        self.db = db
        self.today = today or date.today()
        periodic = [
            (r.id, f"{r.name} ({r.frequency_label})")
            for r in regimes.list_regimes(db)
            if r.frequency != Frequency.AD_HOC.value
        ]
        label = rounds.LABELS
        fields = [
            FieldSpec(
                "regime_id", _tr(label["regime_id"]), CHOICE, periodic, True, allow_empty=False
            ),
            FieldSpec("year", _tr(label["year"]), INTEGER, required=True, minimum=2000),
            FieldSpec(
                "number",
                _tr(label["number"]),
                INTEGER,
                required=True,
                minimum=1,
                help=_tr("Tháng 1–12, quý 1–4, 6 tháng: 1 (đầu năm) hoặc 2 (cuối năm); năm: 1"),
            ),
            FieldSpec("opened_on", _tr(label["opened_on"]), DATE),
        ]
        super().__init__(
            _tr("Mở đợt báo cáo theo chế độ"),
            fields,
            lambda values: rounds.open_round(db, today=self.today, **values),
            values={"opened_on": self.today, "year": self.today.year},
            save_text=_tr("Mở đợt"),
            key="openRound",
            parent=parent,
        )
        self.preview = QLabel(self)
        self.preview.setObjectName("roundPreview")
        self.preview.setWordWrap(True)
        self.add_section(self.preview)
        regime = self.form.editor("regime_id")
        assert isinstance(regime, QComboBox)
        self.regime_combo = regime
        regime.currentIndexChanged.connect(lambda _i: self._default_period())
        for key in ("year", "number"):
            self.form.editor(key).textChanged.connect(lambda _t: self.update_preview())  # type: ignore[attr-defined]
        # The units asked are those of the opening day: a past day asks that day's units.
        self.form.editor("opened_on").edit.textChanged.connect(lambda _t: self.update_preview())  # type: ignore[attr-defined]
        self._default_period()

    def _default_period(self) -> None:
        rid = self.regime_combo.currentData()
        if not rid:
            self.update_preview()
            return
        try:
            # The next period not yet opened: the current one is often open already.
            with reading():  # a pick, not a save: a refusal says the data was not read
                frequency, year, number = rounds.next_unopened_period(self.db, int(rid), self.today)
        except BcdError as exc:  # the period typed stays; the preview says why it is not shown
            self.preview.setText(self._not_shown(exc))
            return
        self.form.editor("number").setToolTip(  # type: ignore[attr-defined]
            _tr("Kỳ từ 1 đến {n}").format(n=periods_in_year(frequency))
        )
        self.form.set_values({"year": year, "number": number, "opened_on": self.today})
        self.update_preview()

    def update_preview(self) -> None:
        """The round as the core would open it, or why it cannot be shown."""
        self.preview.setText(self.preview_text())

    def preview_text(self) -> str:
        if not self.regime_combo.currentData():
            if self.regime_combo.count() == 0:
                return _tr(
                    "Chưa xem trước được: chưa có chế độ báo cáo định kỳ nào. Thêm chế độ ở "
                    "trang “Chế độ báo cáo” trước, rồi mở đợt."
                )
            return _tr("Chọn chế độ báo cáo để xem kỳ, hạn gửi và số đơn vị phải báo cáo.")
        try:
            values = self.form.values()
            with reading():  # typed into the form, nothing saved: a refusal is a read's
                p = rounds.preview_round(
                    self.db,
                    int(values["regime_id"]),
                    values["year"],
                    values["number"],
                    values.get("opened_on"),
                    today=self.today,
                )
                weekday = due_day_text(self.db, p.due_date)
        except BcdError as exc:
            return self._not_shown(exc)
        text = rounds.describe(
            {"period_label": p.period_label, "due_date": p.due_date, "cutoff_date": p.cutoff_date}
        )
        return _tr("{text}. Hạn gửi: {weekday}. {n} đơn vị phải báo cáo.").format(
            text=text, weekday=weekday, n=len(p.unit_ids)
        )

    def _not_shown(self, exc: BcdError) -> str:
        """Why there is no preview: a field's refusal as the core words it (it names the
        field), any other refusal (the database not read) after a word of what is missing."""
        if isinstance(exc, ValidationError):
            return exc.message
        return _tr("Chưa xem trước được đợt báo cáo: {reason}").format(reason=exc.message)
