"""Dialogs of the reporting regimes and rounds: a regime (add, edit), opening an ad hoc
request, correcting a round ("Sửa đợt": its dates, title and units) and deleting one opened by
mistake. Opening a round of a regime, with its preview, is :mod:`.round_open`.

Each save is one core call (:mod:`bdcq_desktop.core.regimes`, :mod:`~bdcq_desktop.core.rounds`,
:mod:`~bdcq_desktop.core.round_edit`);
the units are a search line over check boxes, sent with the save as ``unit_ids``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ...core import regimes, round_edit, rounds
from ...core.db import Database
from ...core.enums import Frequency, UnitKind
from ...core.errors import BcdError, ValidationError
from ...core.labels import choices as vocabulary
from ...core.read_scope import reading
from ...core.regimes import RegimeRow
from ...core.text import short_date, unit_search_text
from ...core.units import list_units
from ..forms import CHOICE, DATE, INTEGER, LOOKUP, MULTILINE, FieldSpec
from ..record_dialog import RecordDialog
from .choices import unit_choices
from .invitees_dialog import VALUE_ROLE, CheckList
from .round_due import show_weekday


def _tr(text: str) -> str:
    return QCoreApplication.translate("round_dialogs", text)


def _units_list(
    db: Database,
    parent: QWidget,
    checked: tuple[int, ...] = (),
    only: Collection[int] | None = None,
) -> CheckList:
    """The units to tick: today's active ones, or ``only`` those (a round's units of its
    day, :func:`bdcq_desktop.core.round_edit.in_round_time`)."""
    units = CheckList("units", _tr("Tìm đơn vị (không cần dấu)…"), parent)
    # As unit_choices, with their kinds; found by their short names too ("BHXH", "Sở KHCN").
    rows = [u for u in list_units(db) if (u.active if only is None else u.id in only)]
    ids = {u.id for u in rows}
    for u in rows:
        units.add(u.id, u.name, also=unit_search_text("", u.short_name))
    for uid in checked:
        if uid not in ids:  # a retired unit the regime still names: shown, so it can be unticked
            units.add(uid, _tr("(đã ngừng hoạt động) mã {id}").format(id=uid))
        units.check(uid)
    # Ticking 25 units one by one: all of them, none, or those of a kind (sở, ban, ngành…).
    kinds: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for u in rows:
        kinds.setdefault(u.kind, []).append(u.id)
        labels[u.kind] = u.kind_label
    # In the vocabulary's order: sở, ban, ngành first.
    units.add_select_buttons([(labels[k], kinds[k]) for k in UnitKind if k in kinds])
    # Five lines at least; more as the dialog grows (its stretch). At 200 the regime's form
    # (eight fields above the list) did not fit a 1366×768 laptop at 150 % (910×480 free).
    units.setMinimumHeight(120)
    return units


class RegimeDialog(RecordDialog):
    """A reporting regime with its units (``regime`` None: a new one)."""

    def __init__(
        self, db: Database, regime: RegimeRow | None = None, parent: QWidget | None = None
    ) -> None:
        label = regimes.LABELS
        fields = [
            FieldSpec("name", _tr(label["name"]), required=True),
            FieldSpec(
                "frequency",
                _tr(label["frequency"]),
                CHOICE,
                vocabulary(Frequency),
                True,
                allow_empty=False,
            ),
            FieldSpec("content", _tr(label["content"]), MULTILINE),
            FieldSpec("receiving_body", _tr(label["receiving_body"])),
            FieldSpec(
                "due_day",
                _tr(label["due_day"]),
                INTEGER,
                required=True,
                minimum=1,
                help=_tr("Ngày trong tháng (1–31); tháng ngắn hơn thì lấy ngày cuối tháng"),
            ),
            FieldSpec(
                "due_month_offset",
                _tr(label["due_month_offset"]),
                INTEGER,
                minimum=-12,
                help=_tr("0: tháng cuối kỳ; 1: tháng đầu tiên sau kỳ"),
            ),
            FieldSpec("cutoff_day", _tr(label["cutoff_day"]), INTEGER, minimum=1),
            FieldSpec(
                "cutoff_month_offset", _tr(label["cutoff_month_offset"]), INTEGER, minimum=-12
            ),
        ]
        version = regime.version if regime else None

        def save(values: dict[str, Any]) -> int:
            if regime is None:
                return regimes.create_regime(db, **values)
            return regimes.update_regime(db, regime.id, expected_version=version, **values)

        def reload() -> dict[str, Any]:
            fresh = regimes.get_regime(db, regime.id)  # type: ignore[union-attr]
            nonlocal version
            version = fresh.version
            # The units ticked or unticked here, applied to the units saved meanwhile (as
            # EditRoundDialog does): the ticks are typing too.
            had, ticked = set(self.regime_units), set(self.units.checked())
            self.regime_units = fresh.unit_ids
            self._fill_units((set(fresh.unit_ids) - (had - ticked)) | (ticked - had))
            return _values(fresh)

        super().__init__(
            _tr("Sửa chế độ báo cáo") if regime else _tr("Thêm chế độ báo cáo"),
            fields,
            save,
            values=_values(regime)
            if regime
            else {"frequency": Frequency.QUARTERLY.value, "due_day": 20, "due_month_offset": 0},
            reload=reload if regime else None,
            key="regime",
            parent=parent,
        )
        self.db = db
        self.regime_units = tuple(regime.unit_ids) if regime else ()  # at ``version``
        self.units = _units_list(db, self, self.regime_units)
        heading = QLabel(_tr("Đơn vị thực hiện báo cáo:"), self)
        heading.setBuddy(self.units)
        self.add_section(heading)
        self.add_section(self.units, "unit_ids", stretch=1)

    def _fill_units(self, ticked: set[int]) -> None:
        self.units.list.clear()
        for uid, name, also in unit_choices(self.db):
            self.units.add(uid, name, also=also)
        for uid in ticked:
            self.units.check(uid)

    def _take_theirs(self, fresh: dict[str, Any], theirs: dict[str, Any]) -> None:
        super()._take_theirs(fresh, theirs)
        self._fill_units(set(self.regime_units))  # what was ticked here is dropped too

    def collect(self) -> dict[str, Any]:
        values = super().collect()
        values["unit_ids"] = self.units.checked()
        return values


def _values(r: RegimeRow) -> dict[str, Any]:
    return {
        "name": r.name,
        "frequency": r.frequency,
        "content": r.content,
        "receiving_body": r.receiving_body,
        "due_day": r.due_day,
        "due_month_offset": r.due_month_offset,
        "cutoff_day": r.cutoff_day,
        "cutoff_month_offset": r.cutoff_month_offset,
    }


class AdHocRoundDialog(RecordDialog):
    """An ad hoc request: its own title, due date, units, the request's reference, and
    optionally the conclusion it follows up (whose tasks' units can be ticked in one go)."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        self.db = db
        self.today = today or date.today()
        label = rounds.LABELS
        ad_hoc_first = sorted(
            regimes.list_regimes(db), key=lambda r: r.frequency != Frequency.AD_HOC.value
        )
        fields = [
            FieldSpec("title", _tr(label["title"]), required=True),
            FieldSpec(
                "request_reference",
                _tr(label["request_reference"]),
                placeholder=_tr("ví dụ Thông báo số 14/TB-BCĐ"),
            ),
            FieldSpec("requested_on", _tr(label["requested_on"]), DATE),
            FieldSpec("due_date", _tr(label["due_date"]), DATE, required=True),
            FieldSpec(
                "conclusion_id",
                _tr(label["conclusion_id"]),
                LOOKUP,
                lambda: rounds.conclusion_choices(db),
            ),
            FieldSpec(
                "regime_id",
                _tr(label["regime_id"]),
                CHOICE,
                [(r.id, r.name) for r in ad_hoc_first],
            ),
            FieldSpec("opened_on", _tr(label["opened_on"]), DATE),
        ]
        super().__init__(
            _tr("Mở đợt báo cáo đột xuất"),
            fields,
            # A due date on a day off is asked about (Enter keeps it), never moved.
            lambda values, **confirm: rounds.open_ad_hoc_round(
                db, today=self.today, ask_day_off=True, **values, **confirm
            ),
            values={"opened_on": self.today, "requested_on": self.today},
            save_text=_tr("Mở đợt"),
            key="adHocRound",
            parent=parent,
        )
        self.due_weekday = show_weekday(db, self.form.editor("due_date"))
        self.units = _units_list(db, self)
        self.from_tasks = QPushButton(_tr("Chọn các đơn vị được giao nhiệm vụ theo kết luận"))
        self.from_tasks.setObjectName("unitsFromConclusion")
        self.from_tasks.setAutoDefault(False)
        self.from_tasks.clicked.connect(self.tick_conclusion_units)
        heading = QLabel(_tr("Đơn vị thực hiện báo cáo:"), self)
        heading.setBuddy(self.units)
        self.add_section(heading)
        self.add_section(self.from_tasks)
        self.add_section(self.units, "unit_ids", stretch=1)

    def tick_conclusion_units(self) -> int:
        """Tick the units given tasks by the chosen conclusion's meeting; returns how many."""
        try:
            cid = self.form.values().get("conclusion_id")
        except ValidationError as exc:
            self.show_validation_error(exc)
            return 0
        if not cid:
            self.show_banner(_tr("Hãy chọn kết luận trước."))
            return 0
        try:
            with reading():  # ticks boxes, saves nothing: a refusal says the data was not read
                ids = rounds.conclusion_units(self.db, int(cid))
        except BcdError as exc:  # said where the dialog's refusals are; nothing ticked
            self.show_banner(exc.message)
            return 0
        for uid in ids:
            self.units.check(uid)
        return len(ids)

    def collect(self) -> dict[str, Any]:
        values = super().collect()
        values["unit_ids"] = self.units.checked()
        return values


class EditRoundDialog(RecordDialog):
    """Sửa đợt: what a round has (title, opening date, deadline, units; a regime's round its
    data cut-off date; an ad hoc request its reference, day and conclusion). The period stays:
    a round of the wrong period is deleted (while nothing is recorded) and opened again.
    One core call, :func:`bdcq_desktop.core.round_edit.update_round`, guarded by the version
    read; an earlier deadline that makes recorded reports late asks first. A unit whose report
    is recorded is shown ticked and cannot be unticked (the core refuses it too)."""

    def __init__(
        self, db: Database, detail: rounds.RoundDetail, parent: QWidget | None = None
    ) -> None:
        label = round_edit.EDIT_LABELS
        periodic = detail.period_start is not None
        fields = [FieldSpec("title", _tr(label["title"]), required=True)]
        if not periodic:
            fields += [
                FieldSpec(
                    "request_reference",
                    _tr(label["request_reference"]),
                    placeholder=_tr("ví dụ Thông báo số 14/TB-BCĐ"),
                ),
                FieldSpec("requested_on", _tr(label["requested_on"]), DATE),
            ]
        # A round kept from before the opening date was recorded shows it empty (not a day
        # guessed from the request or the period) and keeps it so unless the officer types one.
        fields += [
            FieldSpec(
                "opened_on", _tr(label["opened_on"]), DATE, required=detail.opened_on is not None
            ),
            FieldSpec("due_date", _tr(label["due_date"]), DATE, required=True),
        ]
        if periodic:
            fields.append(FieldSpec("cutoff_date", _tr(label["cutoff_date"]), DATE))
        else:
            fields.append(
                FieldSpec(
                    "conclusion_id",
                    _tr(label["conclusion_id"]),
                    LOOKUP,
                    lambda: rounds.conclusion_choices(db),
                )
            )
        keys = [f.key for f in fields]
        version = detail.version
        self.db = db
        # The round's units at ``version``: what the ticks are compared with.
        self.round_units = detail.units

        def save(values: dict[str, Any], **confirm: bool) -> int:
            # Only what the officer changed: a field sent as it was must not rewrite anything.
            changed = self.form.changed_values()
            ticked = self.units.checked()
            if set(ticked) != {u.id for u in self.round_units}:
                changed["unit_ids"] = ticked
            if not changed:
                return detail.id
            return round_edit.update_round(
                db, detail.id, expected_version=version, **changed, **confirm
            )

        def reload() -> dict[str, Any]:
            nonlocal version
            fresh = rounds.get_round(db, detail.id)
            version = fresh.version
            # The units ticked or unticked here, applied to the units saved meanwhile.
            had = {u.id for u in self.round_units}
            ticked = set(self.units.checked())
            theirs = {u.id for u in fresh.units}
            self._fill_units(fresh.units, (theirs - (had - ticked)) | (ticked - had))
            self.round_units = fresh.units
            return _round_values(fresh, keys)

        super().__init__(
            _tr("Sửa đợt báo cáo"),
            fields,
            save,
            values=_round_values(detail, keys),
            reload=reload,
            intro=_round_intro(detail),
            key="editRound",
            parent=parent,
        )
        self.due_weekday = show_weekday(db, self.form.editor("due_date"))
        # The units of the round's day, not today's: a 2024 round lists the districts and the
        # Sở TT&TT of 2024, not the wards of 2025 (the core refuses those too).
        self.units = _units_list(db, self, only=set(round_edit.in_round_time(db, detail.id)))
        self._names: dict[int, str] = {}  # a unit's own name, where a note was added to it
        self._fill_units(detail.units, {u.id for u in detail.units})
        # Its Alt letter (given when shown) puts the cursor in the search line.
        self.units_heading = QLabel(_tr("Đơn vị thực hiện báo cáo:"), self)
        self.units_heading.setBuddy(self.units)
        self.add_section(self.units_heading)
        self.add_section(self.units, "unit_ids", stretch=1)

    def _fill_units(self, asked: tuple[rounds.RoundUnit, ...], ticked: set[int]) -> None:
        """Tick ``ticked``; list the round's retired units by name, and lock the units whose
        report is recorded (ticked: they stay in the round)."""
        items = {}
        for i in range(self.units.list.count()):
            item = self.units.list.item(i)
            items[item.data(VALUE_ROLE)] = item
        for uid, name in self._names.items():  # as read before: the notes are redone below
            items[uid].setText(name)
            items[uid].setToolTip("")
        recorded = {u.id for u in asked if u.recorded}
        for u in asked:
            if u.id not in items:  # retired since the round opened: it stays asked, or goes
                items[u.id] = self.units.add(u.id, u.name)
            note = _tr("đã ghi nhận báo cáo") if u.recorded else ""
            if not u.active:
                note = ", ".join(filter(None, [_tr("đã ngừng hoạt động"), note]))
            if note:
                self._names[u.id] = u.name
                items[u.id].setText(f"{u.name} ({note})")
            if u.recorded:
                items[u.id].setToolTip(
                    _tr("Báo cáo của đơn vị đã được ghi nhận: không bỏ khỏi đợt được.")
                )
        for uid, item in items.items():
            locked = uid in recorded
            enabled = Qt.ItemFlag.ItemIsEnabled
            item.setFlags(item.flags() & ~enabled if locked else item.flags() | enabled)
            on = uid in ticked or locked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _take_theirs(self, fresh: dict[str, Any], theirs: dict[str, Any]) -> None:
        super()._take_theirs(fresh, theirs)
        # The other officer's units too: what was ticked here is dropped with the rest.
        self._fill_units(self.round_units, {u.id for u in self.round_units})


def _round_values(detail: rounds.RoundDetail, keys: list[str]) -> dict[str, Any]:
    return {key: getattr(detail, key) for key in keys}


def _round_intro(detail: rounds.RoundDetail) -> str:
    if detail.period_start is None or detail.period_end is None:
        return _tr(
            "Đợt đột xuất. Báo cáo của đơn vị được nhận từ ngày yêu cầu (chưa ghi ngày yêu cầu "
            "thì từ ngày mở đợt)."
        )
    return _tr(
        "{regime} — kỳ {period} ({start} – {end}). Báo cáo của đơn vị được nhận từ {start} "
        "(ngày bắt đầu kỳ). Kỳ không sửa ở đây: đợt mở nhầm kỳ thì xóa rồi mở lại."
    ).format(
        regime=detail.regime,
        period=detail.period_label,
        start=short_date(detail.period_start),
        end=short_date(detail.period_end),
    )
