"""The days-off calendar the secretariat keeps, and the one count of working days (headless).

A Vietnamese office works Monday to Friday except the days off the government announces each
year: Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4 and 1/5, Quốc khánh, Ngày Văn hóa
Việt Nam, and the swaps of that year (a weekday off in exchange for a Saturday worked). The
lunar dates and the swaps change every year and are announced, not computed, so they are data:
one row per date in ``day_off`` (:class:`.models.DayOff`), a day off (``off``) or a weekend
day worked (``work``). A new database and the upgrade to 0015 start with the days of 2024 to
2027 (:mod:`.days_off_known`); the officer adds later years from the announcement (Thiết lập ›
Ngày nghỉ, ``bdcq settings days-off``). Each add or remove is one transaction, logged.

:func:`working_days` is the only place a working day is decided: a session's days in its
convocation and report, the attendance grid's "present every working day", the figures per
session and per year. Calendar-day rules stay calendar days (a report's due date, a task's
deadline and "due soon": the texts that set them count calendar days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import DaysOffNotEnteredWarning, NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import flush, serialize
from .models import DayOff, DayOffKind, WorkingSession

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
LABELS = {"day": "Ngày", "name": "Tên ngày nghỉ", "kind": "Loại ngày"}


def label_of(field: str) -> str:
    return tr(LABELS.get(field, field))


@dataclass(frozen=True)
class WorkCalendar:
    """The days off and the weekend days worked over a span (:func:`work_calendar`)."""

    off: frozenset[date] = frozenset()
    work: frozenset[date] = frozenset()
    names: tuple[tuple[date, str], ...] = ()  # the days of the span on the calendar, named

    def is_working_day(self, day: date) -> bool:
        if day in self.work:
            return True
        return day.weekday() < 5 and day not in self.off

    def days(self, start: date, end: date) -> tuple[date, ...]:
        """The working days from ``start`` to ``end``, both included."""
        n = (end - start).days + 1
        every = (start + timedelta(days=i) for i in range(max(n, 0)))
        return tuple(d for d in every if self.is_working_day(d))


def work_calendar(s: Session | Connection, start: date, end: date) -> WorkCalendar:
    """The calendar rows from ``start`` to ``end`` (one query, whatever the span)."""
    t = DayOff.__table__.c
    rows = s.execute(
        select(t.day, t.name, t.kind).where(t.day >= start, t.day <= end).order_by(t.day)
    ).all()
    work = DayOffKind.WORK.value
    return WorkCalendar(
        off=frozenset(r.day for r in rows if r.kind != work),
        work=frozenset(r.day for r in rows if r.kind == work),
        names=tuple((r.day, r.name) for r in rows),
    )


def working_days(s: Session | Connection, start: date, end: date) -> tuple[date, ...]:
    """The working days from ``start`` to ``end``, both included: Monday to Friday but the
    days off on the calendar, plus the weekend days worked in exchange."""
    return work_calendar(s, start, end).days(start, end)


def day_off_name(s: Session | Connection, day: date) -> str | None:
    """Why ``day`` is not a working day: its name on the calendar ("Tết Dương lịch"), else its
    weekday ("Chủ nhật"); None for a working day (a Saturday worked in exchange is one)."""
    calendar = work_calendar(s, day, day)
    if calendar.is_working_day(day):
        return None
    return dict(calendar.names).get(day) or tr(WEEKDAY_NAMES[day.weekday()])


def day_off_name_in(db: Database, day: date) -> str | None:
    """:func:`day_off_name` in a transaction of its own."""
    with db.session() as s:
        return day_off_name(s, day)


def due_day_text(db: Database, day: date) -> str:
    """A due date's weekday, and why it is a day off if it is one, for the round dialogs:
    "Thứ Sáu", "Thứ Sáu — ngày nghỉ: Tết Dương lịch", "Chủ nhật — ngày nghỉ"; a weekday of a
    year whose days off are not entered says it cannot tell."""
    weekday = tr(WEEKDAY_NAMES[day.weekday()])
    with db.session() as s:
        off = day_off_name(s, day)
        unknown = bool(years_not_entered(s, day, day))
    if off is None and unknown:  # Tết 2028 would read as an ordinary Friday
        return tr(
            "{weekday} (chưa nhập lịch ngày nghỉ năm {year}: chưa biết có phải ngày nghỉ)"
        ).format(weekday=weekday, year=day.year)
    if off is None:
        return weekday
    if off == weekday:
        return tr("{weekday} — ngày nghỉ").format(weekday=weekday)
    return tr("{weekday} — ngày nghỉ: {name}").format(weekday=weekday, name=off)


def working_days_in(db: Database, start: date, end: date) -> tuple[date, ...]:
    """:func:`working_days` in a transaction of its own (a screen's one read)."""
    with db.session() as s:
        return working_days(s, start, end)


# -- a year nobody entered --------------------------------------------------------------------


def years_not_entered(s: Session | Connection, first: date, last: date) -> tuple[int, ...]:
    """The years from ``first`` to ``last`` without one row on the calendar: their days off
    were never entered (the shipped years end in 2027), so a count of working days in them
    takes Tết and the holidays for working days. Every announced year has rows (Tết Nguyên
    đán alone spans weekdays): an empty year is one not entered, never one without holidays."""
    if last < first:
        return ()
    t = DayOff.__table__.c
    have = {
        int(y)
        for y in s.scalars(
            select(extract("year", t.day))
            .where(t.day >= date(first.year, 1, 1), t.day <= date(last.year, 12, 31))
            .distinct()
        )
        if y is not None
    }
    return tuple(y for y in range(first.year, last.year + 1) if y not in have)


def years_not_entered_in(db: Database, first: date, last: date) -> tuple[int, ...]:
    """:func:`years_not_entered` in a transaction of its own."""
    with db.session() as s:
        return years_not_entered(s, first, last)


def years_not_entered_now(db: Database, today: date | None = None) -> tuple[int, ...]:
    """The years the office is working in whose days off are not entered: this year, and
    the years of the working-group sessions not over yet (one planned for January while
    December's calendar is the last entered)."""
    with db.session() as s:
        return years_not_entered_on(s, today or date.today())


def years_not_entered_on(s: Session, day: date) -> tuple[int, ...]:
    """:func:`years_not_entered_now` inside the caller's transaction (the window's start reads
    it with the title: :func:`.settings.setup_state`)."""
    w = WorkingSession.__table__.c
    last = s.scalar(select(func.max(w.ends_on)).where(w.ends_on >= day))
    return years_not_entered(s, day, max(day, last) if last is not None else day)


def not_entered_note(years: tuple[int, ...] | list[int], *, command: bool = False) -> str:
    """What a count over ``years`` must say (empty when there are none): "Chưa nhập lịch
    ngày nghỉ năm 2028: …"; ``command``: naming the command line's way too."""
    if not years:
        return ""
    text = tr(
        "Chưa nhập lịch ngày nghỉ năm {years}: ngày lễ, Tết của năm đó đang được tính là ngày "
        "làm việc. Hãy nhập tại Thiết lập › Ngày nghỉ"
    ).format(years=", ".join(str(y) for y in years))
    return text + (" (bdcq settings days-off add)." if command else ".")


def not_entered_question(
    db: Database, first: date, last: date, what: str
) -> DaysOffNotEnteredWarning | None:
    """What to ask before issuing ``what`` (a document's label), which prints a count of the
    working days from ``first`` to ``last``, when a year of them has no days off entered: the
    count takes Tết for working days, and an issued document is never corrected. None: the
    calendar covers them."""
    years = years_not_entered_in(db, first, last)
    if not years:
        return None
    return DaysOffNotEnteredWarning(
        tr(
            "Chưa nhập lịch ngày nghỉ năm {years}: ngày lễ, Tết của năm đó đang được tính là "
            "ngày làm việc, nên số ngày làm việc in trong “{what}” có thể sai. Hãy nhập tại "
            "Thiết lập › Ngày nghỉ trước khi ban hành."
        ).format(years=", ".join(str(y) for y in years), what=what),
        years,
    )


# -- the list the secretariat keeps -----------------------------------------------------------


@dataclass(frozen=True)
class DayOffRow:
    id: int
    day: date
    weekday: str  # "Thứ Hai"
    name: str
    kind: str  # "off" or "work"
    kind_label: str


def _row(d: DayOff) -> DayOffRow:
    return DayOffRow(
        d.id, d.day, tr(WEEKDAY_NAMES[d.day.weekday()]), d.name, d.kind.value, label(d.kind)
    )


def list_days_off(db: Database, year: int | None = None) -> list[DayOffRow]:
    """The calendar by date (one year, or all)."""
    with db.session() as s:
        stmt = select(DayOff).order_by(DayOff.day)
        if year is not None:
            stmt = stmt.where(DayOff.day >= date(year, 1, 1), DayOff.day <= date(year, 12, 31))
        return [_row(d) for d in s.scalars(stmt)]


def _shown(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def clean_day_off(day: object, name: object, kind: object) -> tuple[date, str, DayOffKind]:
    """The values of a new row, checked: a date, a name, and a kind that changes something
    (a day off on a weekend is no day off; a day worked on a weekday is any weekday)."""
    when = v.date_value(day, "day", label_of("day"), required=True)
    assert when is not None
    text = v.text(name, "name", label_of("name"), required=True, max_len=200)
    assert text is not None
    given = kind if kind not in (None, "") else DayOffKind.OFF
    what = v.choice(given, DayOffKind, "kind", label_of("kind"))
    assert what is not None
    weekend = when.weekday() >= 5
    weekday = tr(WEEKDAY_NAMES[when.weekday()])
    weekday = weekday if weekday.startswith("Chủ") else "t" + weekday[1:]  # "thứ Năm"
    if what == DayOffKind.WORK and not weekend:
        raise ValidationError(
            "kind",
            tr(
                "Ngày {day} là {weekday}, vốn là ngày làm việc: “Ngày làm bù” chỉ dùng cho "
                "thứ Bảy hoặc Chủ nhật đi làm bù."
            ).format(day=_shown(when), weekday=weekday),
            label=label_of("kind"),
        )
    return when, text, what


def add_day_off(
    db: Database, day: object, name: object, kind: object = DayOffKind.OFF
) -> DayOffRow:
    """Put one day on the calendar; a date already on it is refused, naming what it is."""
    when, text, what = clean_day_off(day, name, kind)
    with db.session() as s:
        serialize(s, "day_off")  # two officers adding the same date: the second is told
        have = s.scalar(select(DayOff).where(DayOff.day == when))
        if have is not None:
            raise ValidationError(
                "day",
                tr(
                    "Ngày {day} đã có trong lịch: {name} ({kind}). Muốn sửa thì xóa ngày đó "
                    "rồi thêm lại."
                ).format(day=_shown(when), name=have.name, kind=label(have.kind).lower()),
                label=label_of("day"),
            )
        row = DayOff(day=when, name=text, kind=what)
        s.add(row)
        flush(s, tr("ngày nghỉ"))
        return _row(row)


def remove_day_off(db: Database, day: object) -> DayOffRow:
    """Take one date off the calendar; returns what it was."""
    when = v.date_value(day, "day", label_of("day"), required=True)
    with db.session() as s:
        row = s.scalar(select(DayOff).where(DayOff.day == when))
        if row is None:
            assert when is not None
            raise NotFoundError(
                tr("Ngày {day} không có trong lịch ngày nghỉ.").format(day=_shown(when))
            )
        gone = _row(row)
        s.delete(row)
        flush(s, tr("ngày nghỉ"))
        return gone


# -- the days known when the application was written ----------------------------------------
