"""The reporting overview: a matrix of units × rounds with each unit's status in each round.

Statuses are computed from the dates and the waiver by :func:`.models.submission_on` (the
due date itself counts as on time), never stored; as of a past day a report received after it
is not yet received there (its date and number not shown) and a round opened after it is left
out, as the summary report dated that day says. The matrix is read in three queries of plain
columns: the cells (ten years hold 25,000 submissions: no ORM object, no query per unit or per
round), then the rounds and the units they name, looked up; the filter choices in one query
each.

The on-time rate of a round is the share of its reports due (on time, late, or overdue) that
arrived by the due date, and a round has it only once it is settled: no unit is still "chưa đến
hạn" (its due date has passed, or every unit has reported). While a round is open its early
arrivals are all on time by definition, and "2 of 2 due were on time" would read as 100 %,
"everyone reported on time", with 21 units yet to report: an open round has no rate (``None``),
only what was received so far of what is owed (:attr:`StatusCounts.received`, ``owed``), and
:func:`rate_label` words both the one way the chart, its table, the tooltips and the export say
them. A waived report (miễn nộp) is counted apart, outside that share: nothing is owed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, String, func, select, type_coerce

from . import validation as v
from .db import Database
from .i18n import tr
from .labels import label
from .models import (
    ReportingRegime,
    ReportingRound,
    Submission,
    SubmissionStatus,
    Unit,
    UnitKind,
    submission_on,
)
from .models.reporting import round_opened_by
from .text import fold, rate_text, vi_key

# ``regime_id`` of the filter that keeps only the ad hoc rounds (those of no regime).
AD_HOC = 0


@dataclass(frozen=True)
class StatusCounts:
    not_due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    waived: int = 0

    @classmethod
    def of(cls, statuses: Counter[SubmissionStatus]) -> StatusCounts:
        return cls(
            not_due=statuses[SubmissionStatus.NOT_DUE],
            on_time=statuses[SubmissionStatus.ON_TIME],
            late=statuses[SubmissionStatus.LATE],
            overdue=statuses[SubmissionStatus.OVERDUE],
            waived=statuses[SubmissionStatus.WAIVED],
        )

    def get(self, status: SubmissionStatus | str) -> int:
        return int(getattr(self, SubmissionStatus(status).value))

    @property
    def total(self) -> int:
        return self.not_due + self.on_time + self.late + self.overdue + self.waived

    @property
    def due(self) -> int:
        """Reports whose due date has passed or that arrived (the base of the on-time rate);
        not the waived ones."""
        return self.on_time + self.late + self.overdue

    @property
    def settled(self) -> bool:
        """No report is still "chưa đến hạn": the rate can no longer change (an overdue one
        arriving is late)."""
        return self.not_due == 0

    @property
    def received(self) -> int:
        """Reports received so far (on time or late)."""
        return self.on_time + self.late

    @property
    def owed(self) -> int:
        """Reports the units must send: all but the waived ones."""
        return self.total - self.waived

    @property
    def on_time_rate(self) -> float | None:
        """Share in 0..1 of the reports due that arrived on time, once the round is
        :attr:`settled`; None while it is open or when none is due."""
        return self.on_time / self.due if self.due and self.settled else None

    @property
    def received_so_far(self) -> float | None:
        """Share in 0..1 of the reports owed received so far; None when none is owed."""
        return self.received / self.owed if self.owed else None


@dataclass(frozen=True)
class OverviewUnit:
    id: int
    name: str
    kind: str
    kind_label: str


@dataclass(frozen=True)
class OverviewRound:
    id: int
    title: str
    period_label: str
    due_date: date
    regime_id: int | None
    regime: str
    counts: StatusCounts

    @property
    def on_time_rate(self) -> float | None:
        return self.counts.on_time_rate

    @property
    def settled(self) -> bool:
        return self.counts.settled


def rate_label(counts: StatusCounts) -> str:
    """A round's rate as every view of the overview writes it: ``85,7%`` once settled, ``—``
    with nothing due, ``đang mở: 2/23 đã nộp`` while open (never a rate of the early ones)."""
    if counts.settled:
        return rate_text(counts.on_time_rate)
    return tr("đang mở: {got}/{owed} đã nộp").format(got=counts.received, owed=counts.owed)


class Cell(NamedTuple):
    """One unit's submission in one round. A named tuple: a year's matrix makes a thousand of
    them per read, and a frozen dataclass sets each field through ``object.__setattr__``."""

    submission_id: int
    status: str  # a SubmissionStatus code
    status_label: str
    received_on: date | None
    document_number: str
    days_late: int  # late: days after the due date it arrived; overdue: days past it so far
    waived_reason: str = ""  # why the unit was excused, when waived


@dataclass(frozen=True)
class Overview:
    """Rows (units), columns (rounds, by due date), cells keyed ``(unit_id, round_id)``; a
    unit not asked in a round has no cell there."""

    today: date
    units: tuple[OverviewUnit, ...]
    rounds: tuple[OverviewRound, ...]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    counts: StatusCounts = StatusCounts()

    def cell(self, unit_id: int, round_id: int) -> Cell | None:
        return self.cells.get((unit_id, round_id))


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer: years with rounds, regimes, unit kinds with submissions."""

    years: tuple[int, ...]
    regimes: tuple[tuple[int, str], ...]  # (id, name); AD_HOC stands for "no regime"
    unit_kinds: tuple[tuple[str, str], ...]  # (code, label)
    has_ad_hoc: bool
    # The year the page opens on: that of the round last due by today (in January, 2026's
    # Q4 and second half are what is chased, not 2027's first rounds just opened), else the
    # newest year; None without rounds.
    current_year: int | None = None


def _round_year():  # type: ignore[no-untyped-def]
    """The year a round belongs to: its period's end (Q4 2025 is a 2025 report even when it is
    due in January), else its due date (an ad hoc request)."""
    return func.coalesce(ReportingRound.period_end, ReportingRound.due_date)


def _clean_filters(
    unit_kind: object, year: object, regime_id: object
) -> tuple[UnitKind | None, int | None, int | None]:
    kind = v.choice(unit_kind, UnitKind, "unit_kind", tr("Loại đơn vị"), required=False)
    y = v.positive_int(year, "year", tr("Năm"), minimum=1900, maximum=9999)
    regime = v.positive_int(regime_id, "regime_id", tr("Chế độ báo cáo"), minimum=0)
    return kind, y, regime


def load_overview(
    db: Database,
    *,
    unit_kind: UnitKind | str | None = None,
    year: int | str | None = None,
    regime_id: int | None = None,
    today: date | None = None,
) -> Overview:
    """The matrix, filtered by unit kind, year (see :func:`_round_year`) and regime
    (:data:`AD_HOC` for the rounds of no regime); counts per status over the cells shown."""
    kind, y, regime = _clean_filters(unit_kind, year, regime_id)
    day = today or date.today()
    of_rounds: list[ColumnElement[bool]] = []  # the rounds the filters keep
    if y is not None:
        of_rounds.append(_round_year().between(date(y, 1, 1), date(y, 12, 31)))
    if regime == AD_HOC:
        of_rounds.append(ReportingRound.regime_id.is_(None))
    elif regime is not None:
        of_rounds.append(ReportingRound.regime_id == regime)
    of_units = [Unit.kind == kind] if kind is not None else []
    query = select(
        Submission.id,
        Submission.unit_id,
        Submission.round_id,
        Submission.received_on,
        Submission.document_number,
        Submission.waived_on,
        Submission.waived_reason,
    )
    # The rounds' filters as a list of rounds, so that the database reads only their
    # submissions (by the index on the round) rather than all ten years' to keep one year's.
    if of_rounds:
        query = query.where(Submission.round_id.in_(select(ReportingRound.id).where(*of_rounds)))
    if of_units:
        query = query.where(Submission.unit_id.in_(select(Unit.id).where(*of_units)))
    # The rounds and units (a few dozen rows) are read apart and looked up, rather than joined
    # into each of the thousand cells of a year: their texts are then made once, not per cell.
    rounds_query = (
        select(
            ReportingRound.id,
            ReportingRound.title,
            ReportingRound.period_label,
            ReportingRound.due_date,
            ReportingRound.regime_id,
            ReportingRegime.name,
        )
        .outerjoin(ReportingRegime, ReportingRound.regime_id == ReportingRegime.id)
        # A round opened after the day is left out here only: its cells, read, are then
        # dropped below as those of a round gone, without a subquery on the cells' read.
        .where(*of_rounds, round_opened_by(day))
    )
    # The kind as its text: converted once per unit shown, not once per cell.
    units_query = select(Unit.id, Unit.name, type_coerce(Unit.kind, String), Unit.sort_order)
    units_query = units_query.where(*of_units)
    with db.session() as s:
        conn = s.connection()  # plain Core rows
        # The cells first: a round or unit they name that the look-ups below then lack was
        # deleted (or, for the filters, changed) in between, on a server several officers
        # share, and its cells are left out, as the join read after it would have.
        records = conn.execute(query).all()
        round_of = {r[0]: r[1:] for r in conn.execute(rounds_query)}
        unit_of = {u[0]: u[1:] for u in conn.execute(units_query)}

    # Per status, what each of its cells holds and the slot it counts in: ten years' matrix
    # (all its years at once) is 25,000 cells, each otherwise asking the enum for its value and
    # label and a Counter for its slot.
    facts = {st: (st.value, label(st), i) for i, st in enumerate(SubmissionStatus)}
    units: dict[int, tuple[tuple[int, object], OverviewUnit]] = {}
    rounds: dict[int, tuple[str, str, date, int | None, str]] = {}
    per_round: dict[int, list[int]] = {}
    cells: dict[tuple[int, int], Cell] = {}
    for sid, unit_id, round_id, received, number, waived_on, why in records:
        rnd = rounds.get(round_id)
        if rnd is None:
            if round_id not in round_of or unit_id not in unit_of:
                continue  # opened after the day, or deleted (or changed) since the read
            title, period, due, reg_id, reg_name = round_of[round_id]
            rnd = rounds[round_id] = (title, period, due, reg_id, reg_name or "")
            per_round[round_id] = [0] * len(facts)
        if unit_id not in units:
            if unit_id not in unit_of:
                continue
            unit_name, unit_kind_value, sort_order = unit_of[unit_id]
            uk = UnitKind(unit_kind_value)
            units[unit_id] = (
                (sort_order or 0, vi_key(unit_name)),
                OverviewUnit(unit_id, unit_name, uk.value, label(uk)),
            )
        st, got, late_by = submission_on(received, rnd[2], day, waived_on)
        value, text, slot = facts[st]
        cells[(unit_id, round_id)] = Cell(
            sid, value, text, got, (number or "") if got else "", late_by,
            (why or "") if st == SubmissionStatus.WAIVED else "",
        )  # fmt: skip
        per_round[round_id][slot] += 1
    statuses = list(facts)
    total: Counter[SubmissionStatus] = Counter()
    round_counts: dict[int, Counter[SubmissionStatus]] = {}
    for rid, slots in per_round.items():
        counts = round_counts[rid] = Counter(dict(zip(statuses, slots, strict=True)))
        total.update(counts)
    round_rows = [
        OverviewRound(rid, t, p, d, r, rn, StatusCounts.of(round_counts[rid]))
        for rid, (t, p, d, r, rn) in rounds.items()
    ]
    round_rows.sort(key=lambda r: (r.due_date, r.id))
    unit_rows = [u for _key, u in sorted(units.values(), key=lambda item: item[0])]
    return Overview(day, tuple(unit_rows), tuple(round_rows), cells, StatusCounts.of(total))


# Words a regime's name opens with that tell two regimes nothing: "Báo cáo công tác bảo đảm
# an toàn thông tin mạng" is told from the others by "Bảo đảm an toàn thông tin mạng".
_OPENERS = ("bao cao", "cong tac", "tinh hinh", "ket qua")
SHORT_LABEL = 32  # characters: a column's header or a bar's label, not a title


def short_label(name: str) -> str:
    """A regime's (or an ad hoc request's) name made short enough to tell it apart in a
    column header or under a bar: its opening words ("Báo cáo công tác", "Báo cáo tình hình",
    "Báo cáo kết quả") left out, cut at a word with "…" past :data:`SHORT_LABEL` characters
    ("Triển khai Chính quyền điện tử", "Cung cấp dịch vụ công trực tuyến")."""
    words = name.split()
    # "Báo cáo" goes with the opener after it: "Báo cáo nhanh …" keeps its word.
    if len(words) > 4 and fold(" ".join(words[2:4])) in _OPENERS[1:]:
        words = words[4:] if fold(" ".join(words[:2])) == _OPENERS[0] else words
    text = " ".join(words)
    if len(text) > SHORT_LABEL:
        cut = text[: SHORT_LABEL + 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
        text = (cut or text[:SHORT_LABEL]) + "…"
    return text[:1].upper() + text[1:]


def round_tags(rounds: Sequence[OverviewRound]) -> list[str]:
    """For each round, what tells it from another round shown with the same period ("6 tháng
    đầu năm 2026" of two regimes): the :func:`short_label` of its regime (of its title when
    it has none), "" when its period is its own."""
    periods = Counter(fold(r.period_label) for r in rounds)
    return [
        short_label(r.regime or r.title) if periods[fold(r.period_label)] > 1 else ""
        for r in rounds
    ]


def filter_choices(db: Database, today: date | None = None) -> FilterChoices:
    """The values the overview's filters offer (five small queries)."""
    day = today or date.today()
    with db.session() as s:
        ends = s.scalars(select(_round_year()).distinct()).all()
        last_due = s.scalar(
            select(_round_year())
            .where(ReportingRound.due_date <= day)
            .order_by(ReportingRound.due_date.desc(), ReportingRound.id.desc())
            .limit(1)
        )
        regimes = s.execute(
            select(ReportingRegime.id, ReportingRegime.name).order_by(ReportingRegime.name)
        ).all()
        ad_hoc = s.scalar(
            select(func.count(ReportingRound.id)).where(ReportingRound.regime_id.is_(None))
        )
        # Per unit, whether it has a submission (one look-up in the index each), not a
        # join over every submission of ten years.
        kinds = s.scalars(
            select(Unit.kind)
            .where(select(Submission.id).where(Submission.unit_id == Unit.id).exists())
            .distinct()
        ).all()
    years = sorted({_as_date(d).year for d in ends if d is not None}, reverse=True)
    present = {UnitKind(k) for k in kinds}
    return FilterChoices(
        years=tuple(years),
        regimes=tuple(sorted(((i, n) for i, n in regimes), key=lambda r: vi_key(r[1]))),
        unit_kinds=tuple((k.value, label(k)) for k in UnitKind if k in present),
        has_ad_hoc=bool(ad_hoc),
        current_year=(
            _as_date(last_due).year if last_due is not None else (years[0] if years else None)
        ),
    )


def _as_date(value: object) -> date:
    # SQLite hands COALESCE of two DATE columns back as text; PostgreSQL as a date.
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
