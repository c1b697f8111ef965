"""Opening a reporting round: one period of a regime, or an ad hoc request.

A round of a regime takes its period (:mod:`.report_periods`), its due date and data cut-off
date from the regime's rules, and its units from the regime. An ad hoc request ("report the
results of the tasks in conclusion notice 14/TB-BCĐ") has its own title, due date and units,
the reference of the request, and optionally the conclusion it follows up.

Opening writes the round and one expected submission per unit asked in **one** transaction:
a failure anywhere leaves no round and no submission. Everything is validated before the
session opens, except what needs the database (the regime, the units, a round of the same
period already open), checked inside it before the first write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .days_off import WEEKDAY_NAMES, day_off_name
from .db import Database
from .errors import DueOnDayOffWarning, NotFoundError, ValidationError
from .i18n import tr
from .locking import flush, serialize
from .models import (
    Conclusion,
    Frequency,
    ReportingRegime,
    ReportingRound,
    Submission,
    Task,
    Unit,
)
from .regimes import _ids
from .report_periods import (
    Schedule,
    current_period,
    period,
    periods_in_year,
    received_from,
    schedule,
)
from .round_time import RoundTime
from .text import excerpt, short_date

LABELS = {
    "regime_id": "Chế độ báo cáo",
    "year": "Năm",
    "number": "Kỳ",
    "title": "Tên đợt báo cáo",
    "due_date": "Hạn nộp",
    "unit_ids": "Đơn vị báo cáo",
    "request_reference": "Văn bản yêu cầu",
    "requested_on": "Ngày yêu cầu",
    "conclusion_id": "Kết luận",
    "opened_on": "Ngày mở đợt",
}
KIND = "Đợt báo cáo"


def _l(key: str) -> str:
    return tr(LABELS[key])


def _required(key: str) -> ValidationError:
    return ValidationError(
        key, tr('"{label}" không được để trống.').format(label=_l(key)), label=_l(key)
    )


@dataclass(frozen=True)
class RoundPreview:
    """What opening a round of a regime would create (shown before the user confirms)."""

    regime_id: int
    title: str
    period_label: str
    period_start: date
    period_end: date
    due_date: date
    cutoff_date: date | None
    unit_ids: tuple[int, ...]
    unit_names: tuple[str, ...]


@dataclass(frozen=True)
class RoundUnit:
    """A unit asked to report in a round: ``recorded`` once anything of its report is
    recorded (then it stays in the round, see :func:`.round_edit.update_round`)."""

    id: int
    name: str
    active: bool
    recorded: bool


def submission_recorded(sub: Submission) -> bool:
    """Anything recorded of a unit's report, beyond "not yet received" (what
    :func:`.submissions.clear_submission` takes off again)."""
    return any(
        value is not None and value != ""
        for value in (
            sub.received_on,
            sub.document_number,
            sub.document_date,
            sub.summary,
            sub.evaluation,
            sub.file_id,
        )
    )


@dataclass(frozen=True)
class RoundDetail:
    id: int
    title: str
    regime_id: int | None
    regime: str
    period_label: str
    period_start: date | None
    period_end: date | None
    cutoff_date: date | None
    due_date: date
    opened_on: date | None
    requested_on: date | None
    request_reference: str
    conclusion_id: int | None
    version: int
    units: tuple[RoundUnit, ...] = ()  # in the order the overview lists them

    @property
    def unit_ids(self) -> tuple[int, ...]:
        return tuple(u.id for u in self.units)


def round_received_from(r: ReportingRound) -> tuple[date, str] | None:
    """The earliest received date of ``r``'s reports (:func:`.report_periods.received_from`)."""
    return received_from(r.period_start, r.requested_on, r.opened_on)


def _regime(s: Session, regime_id: int) -> ReportingRegime:
    regime = s.get(ReportingRegime, regime_id, options=[selectinload(ReportingRegime.units)])
    if regime is None:
        raise ValidationError(
            "regime_id",
            tr("Không tìm thấy chế độ báo cáo có mã {id}.").format(id=regime_id),
            label=_l("regime_id"),
        )
    return regime


def _schedule(regime: ReportingRegime, year: int, number: int) -> Schedule:
    p = period(regime.frequency, year, number)
    return schedule(
        p, regime.due_day, regime.due_month_offset, regime.cutoff_day, regime.cutoff_month_offset
    )


def _period_numbers(year: object, number: object) -> tuple[int, int]:
    y = v.positive_int(year, "year", _l("year"), minimum=2000, maximum=2100, required=True)
    n = v.positive_int(number, "number", _l("number"), minimum=1, maximum=12, required=True)
    assert y is not None and n is not None
    return y, n


def preview_round(
    db: Database,
    regime_id: int,
    year: object,
    number: object,
    opened_on: object = None,
    *,
    today: date | None = None,
) -> RoundPreview:
    """What :func:`open_round` would open with the regime's units, on ``opened_on`` (today
    when empty)."""
    y, n = _period_numbers(year, number)
    opened = _opened(opened_on, today or date.today())
    with db.session() as s:
        regime = _regime(s, regime_id)
        sch = _schedule(regime, y, n)
        units = _regime_units(s, regime, opened, sch.period.end)
        return RoundPreview(
            regime_id=regime.id,
            title=f"{regime.name} {sch.period.label}",
            period_label=sch.period.label,
            period_start=sch.period.start,
            period_end=sch.period.end,
            due_date=sch.due_date,
            cutoff_date=sch.cutoff_date,
            unit_ids=tuple(u.id for u in units),
            unit_names=tuple(u.name for u in units),
        )


def _opened(value: object, today: date) -> date:
    day = v.date_value(value, "opened_on", _l("opened_on")) or today
    return v.date_window(day, "opened_on", _l("opened_on"), latest=today)


def _regime_units(s: Session, regime: ReportingRegime, day: date, ended: date) -> list[Unit]:
    """The regime's units that were there in the round's time (:class:`.round_time.RoundTime`):
    a round of 2024 opened today asks the units of 2024, not today's."""
    there = RoundTime(s, day, ended, [u.id for u in regime.units])
    return [u for u in regime.units if there.there(u.id)]


def _round_units(s: Session, ids: Sequence[int], day: date, ended: date) -> list[Unit]:
    """The chosen units, each there in the round's time (opened on ``day``, its period or
    deadline over on ``ended``): refused by name otherwise (as Sửa đợt refuses them)."""
    if not ids:
        raise ValidationError(
            "unit_ids", tr("Chưa chọn đơn vị nào phải báo cáo."), label=_l("unit_ids")
        )
    found = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(ids)))}
    for n, uid in enumerate(ids, start=1):
        unit = found.get(uid)
        if unit is None:
            raise ValidationError(
                "unit_ids",
                tr("Dòng {line}: không có cơ quan, đơn vị mã {id}.").format(line=n, id=uid),
                label=_l("unit_ids"),
            )
    units = [found[uid] for uid in ids]
    there = RoundTime(s, day, ended, ids)
    there.refuse(units, "unit_ids", _l("unit_ids"), tr("Không giao báo cáo được"))
    return units


def _add_round(s: Session, rnd: ReportingRound, units: Sequence[Unit]) -> int:
    """The round and its expected submissions, flushed together (the caller's transaction)."""
    s.add(rnd)
    for unit in units:
        rnd.submissions.append(Submission(unit=unit))
    flush(s, tr(KIND))
    return rnd.id


def open_round(
    db: Database,
    *,
    regime_id: object,
    year: object,
    number: object,
    opened_on: object = None,
    unit_ids: object = None,
    today: date | None = None,
) -> int:
    """Open period ``number`` of ``year`` of a regime (quarter 1–4, month 1–12, half 1–2, 1 for
    a year); the units are the regime's unless ``unit_ids`` is given. Returns the round's id."""
    day = today or date.today()
    rid = v.positive_int(regime_id, "regime_id", _l("regime_id"), minimum=1, required=True)
    y, n = _period_numbers(year, number)
    opened = _opened(opened_on, day)
    wanted = None if unit_ids is None else _ids(unit_ids, "unit_ids")
    assert rid is not None
    with db.session() as s:
        regime = _regime(s, rid)
        if not regime.active:
            raise ValidationError(
                "regime_id",
                tr("Chế độ báo cáo “{name}” đã thôi áp dụng.").format(name=regime.name),
                label=_l("regime_id"),
            )
        sch = _schedule(regime, y, n)
        serialize(s, f"rule:round/{regime.id}")  # two officers opening it at once: one round
        same = s.scalar(
            select(ReportingRound.id).where(
                ReportingRound.regime_id == regime.id,
                ReportingRound.period_start == sch.period.start,
            )
        )
        if same is not None:
            raise ValidationError(
                "number",
                tr("Đợt {period} của chế độ này đã được mở (đợt mã {id}).").format(
                    period=sch.period.label, id=same
                ),
                label=_l("number"),
            )
        if wanted is None:
            units = _regime_units(s, regime, opened, sch.period.end)
            if not units:
                raise ValidationError(
                    "unit_ids",
                    tr(
                        "Chế độ báo cáo “{name}” không có đơn vị báo cáo nào đang hoạt động "
                        "ngày mở đợt ({day})."
                    ).format(name=regime.name, day=short_date(opened)),
                    label=_l("unit_ids"),
                )
        else:
            units = _round_units(s, wanted, opened, sch.period.end)
        rnd = ReportingRound(
            regime=regime,
            title=f"{regime.name} {sch.period.label}",
            period_label=sch.period.label,
            period_start=sch.period.start,
            period_end=sch.period.end,
            cutoff_date=sch.cutoff_date,
            due_date=sch.due_date,
            opened_on=opened,
        )
        return _add_round(s, rnd, units)


def open_ad_hoc_round(
    db: Database,
    *,
    title: object,
    due_date: object,
    unit_ids: object,
    request_reference: object = None,
    requested_on: object = None,
    conclusion_id: object = None,
    regime_id: object = None,
    opened_on: object = None,
    today: date | None = None,
    ask_day_off: bool = False,
    confirm_day_off: bool = False,
) -> int:
    """Open an ad hoc request with its own due date and units; returns the round's id.
    ``ask_day_off`` (a caller that can answer, the window): a due date on a weekend or a day
    off of the calendar raises DueOnDayOffWarning unless ``confirm_day_off``; the date is kept
    as typed either way (never moved to the next working day)."""
    day = today or date.today()
    name = v.text(title, "title", _l("title"), required=True, max_len=300)
    due = v.date_value(due_date, "due_date", _l("due_date"), required=True)
    reference = v.text(request_reference, "request_reference", _l("request_reference"), max_len=200)
    asked = v.date_value(requested_on, "requested_on", _l("requested_on"))
    opened = _opened(opened_on, day)
    ids = _ids(unit_ids, "unit_ids")
    cid = v.positive_int(conclusion_id, "conclusion_id", _l("conclusion_id"), minimum=1)
    rid = v.positive_int(regime_id, "regime_id", _l("regime_id"), minimum=1)
    assert due is not None and name is not None
    if asked is not None:
        v.date_window(asked, "requested_on", _l("requested_on"), latest=day)
    v.date_order(asked, opened, "opened_on", _l("opened_on"), start_label=_l("requested_on"))
    v.date_order(opened, due, "due_date", _l("due_date"), start_label=_l("opened_on"))
    if not ids:
        raise ValidationError(
            "unit_ids", tr("Chưa chọn đơn vị nào phải báo cáo."), label=_l("unit_ids")
        )
    with db.session() as s:
        off = day_off_name(s, due) if ask_day_off and not confirm_day_off else None
        if off is not None:
            raise DueOnDayOffWarning(
                tr(
                    "Hạn gửi {due} là ngày nghỉ ({why}): các đơn vị phải gửi báo cáo vào ngày "
                    "cơ quan không làm việc. Giữ hạn này?"
                ).format(due=short_date(due), why=due_day_text_of(due, off))
            )
        regime = _regime(s, rid) if rid is not None else None
        if cid is not None and s.get(Conclusion, cid) is None:
            raise ValidationError(
                "conclusion_id",
                tr("Không tìm thấy kết luận có mã {id}.").format(id=cid),
                label=_l("conclusion_id"),
            )
        units = _round_units(s, ids, opened, due)
        label = tr("Theo {reference}").format(reference=reference) if reference else tr("Đột xuất")
        rnd = ReportingRound(
            regime=regime,
            title=name,
            period_label=label[:100],
            due_date=due,
            requested_on=asked,
            request_reference=reference,
            conclusion_id=cid,
            opened_on=opened,
        )
        return _add_round(s, rnd, units)


def due_day_text_of(day: date, off: str) -> str:
    """"Chủ nhật", or "Thứ Sáu, Tết Dương lịch": the weekday, and the calendar's name."""
    weekday = tr(WEEKDAY_NAMES[day.weekday()])
    return weekday if off == weekday else f"{weekday}, {off}"


def get_round(db: Database, round_id: int) -> RoundDetail:
    with db.session() as s:
        r = s.get(
            ReportingRound,
            round_id,
            options=[
                selectinload(ReportingRound.regime),
                selectinload(ReportingRound.submissions).selectinload(Submission.unit),
            ],
        )
        if r is None:
            raise NotFoundError(tr("Không tìm thấy đợt báo cáo có mã {id}.").format(id=round_id))
        return RoundDetail(
            id=r.id,
            title=r.title,
            regime_id=r.regime_id,
            regime=r.regime.name if r.regime else "",
            period_label=r.period_label,
            period_start=r.period_start,
            period_end=r.period_end,
            cutoff_date=r.cutoff_date,
            due_date=r.due_date,
            opened_on=r.opened_on,  # as stored (None: not recorded), what Sửa đợt starts from
            requested_on=r.requested_on,
            request_reference=r.request_reference or "",
            conclusion_id=r.conclusion_id,
            version=r.version,
            units=tuple(
                RoundUnit(sub.unit.id, sub.unit.name, sub.unit.active, submission_recorded(sub))
                for sub in sorted(r.submissions, key=lambda x: (x.unit.sort_order or 0, x.unit_id))
            ),
        )


def conclusion_choices(db: Database) -> list[tuple[int, str]]:
    """Conclusions to link an ad hoc request to, newest meeting first: ``(id, text)``."""
    with db.session() as s:
        found = s.scalars(select(Conclusion).options(selectinload(Conclusion.meeting))).all()
        found = sorted(found, key=lambda c: (c.meeting.starts_at, -c.position), reverse=True)
        return [
            (c.id, f"{short_date(c.meeting.starts_at.date())} — {excerpt(c.text, 90)}")
            for c in found
        ]


def conclusion_units(db: Database, conclusion_id: int) -> list[int]:
    """The units given tasks by the conclusions of the meeting that ``conclusion_id`` belongs to
    (the notice covers the whole meeting): the usual units of a follow-up request."""
    with db.session() as s:
        c = s.get(Conclusion, conclusion_id)
        if c is None:
            return []
        tasks = s.scalars(
            select(Task)
            .join(Conclusion, Task.conclusion_id == Conclusion.id)
            .where(Conclusion.meeting_id == c.meeting_id)
            .order_by(Conclusion.position, Task.position, Task.id)
        ).all()
        out: list[int] = []
        for t in tasks:
            for uid in (t.assignee_unit_id, t.focal_unit_id):
                if uid is not None and uid not in out:
                    out.append(uid)
        return out


def regime_frequency(db: Database, regime_id: int) -> Frequency:
    with db.session() as s:
        return _regime(s, regime_id).frequency


def next_unopened_period(
    db: Database, regime_id: int, today: date | None = None
) -> tuple[Frequency, int, int]:
    """The regime's frequency and the (year, number) to offer when opening its round: the
    period ``today`` falls in or, when that one is open already, the first later one not yet
    opened (offering an open period only had Enter refused)."""
    day = today or date.today()
    with db.session() as s:
        regime = _regime(s, regime_id)
        frequency = regime.frequency
        year, number = current_period(frequency, day)
        opened = set(
            s.scalars(
                select(ReportingRound.period_start).where(
                    ReportingRound.regime_id == regime.id,
                    ReportingRound.period_start >= period(frequency, year, number).start,
                )
            )
        )
    count = periods_in_year(frequency)
    for _ in range(2 * count):  # two years ahead at most: then the current one is offered
        if period(frequency, year, number).start not in opened:
            return frequency, year, number
        year, number = (year, number + 1) if number < count else (year + 1, 1)
    return (frequency, *current_period(frequency, day))


def describe(values: dict[str, Any]) -> str:
    """One line for a preview: ``Quý I/2027 — hạn 20/03/2027, chốt số liệu 15/03/2027``."""
    text = f"{values['period_label']} — " + tr("hạn {due}").format(
        due=short_date(values["due_date"])
    )
    if values.get("cutoff_date"):
        text += ", " + tr("chốt số liệu {day}").format(day=short_date(values["cutoff_date"]))
    return text
