"""The last number of a series issued outside the application (số cuối đã cấp ngoài phần mềm).

A committee that starts using the application in November has numbered documents on paper since
January (01–07/GM-BCĐ). Numbers are unique within the year (Decree 30/2020, Art. 15), so its
register must go on from there, not from 01: the next number of a series is the larger of the
register's own last one and this floor, plus one (:func:`.register.next_number`, read under the
series' lock, so two officers issuing at once still never get the same number).

One floor per series, a series being a year and a type abbreviation in any case (``gm`` and
``GM`` are one series, as the register numbers them). Stored as settings
(``register.floor.<year>.<type, casefolded>`` → the number, ``null`` once taken off): saved in
one transaction under the settings' version and logged in the change log (who, when, old → new)
like every other setting. A floor lower than a number the register holds changes nothing (the
larger one wins), so it is not refused: lowering a mistyped floor must stay possible.

What a new floor does to numbers already issued is asked first (:class:`.errors.
NumberFloorWarning`, :func:`floor_effects`): set at or above numbers the register issued in the
series and year, those numbers exist twice (the paper's and the register's); lowered or taken
off under a floor the register has numbered past, the paper numbers in between are no longer
recorded and ``bdcq check`` reads them as missing. Confirmed, the duplicates stay named by
``bdcq check`` (:func:`floor_duplicates`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from . import validation as v
from .db import Database
from .errors import NumberFloorWarning, ValidationError
from .floor_settings import floor_key, floors_of
from .floor_settings import number_of as _number
from .i18n import tr
from .models import IssuedDocument, Setting
from .settings import save_settings

# A committee issues tens of documents of a type a year, not thousands: a larger number is a
# typing slip (a year, a date) that would push the series out of reach for the rest of the year.
MAX_FLOOR = 9999
TYPE_MAX_LEN = 10  # the register's column
_LETTERS = re.compile(r"[^\W\d_]+")  # GM, CTr, QĐ: letters only, as the abbreviation settings


def _label() -> str:
    return tr("Số cuối đã cấp ngoài phần mềm")


def floor_in(s: Session, year: int, type_abbr: str) -> int:
    """Inside the register's transaction: the floor of the series (0: none)."""
    row = s.get(Setting, floor_key(year, type_abbr))
    return _number(row.value if row is not None else None)


# How far ahead of today a date of issue may be: a document signed late in the evening is
# registered for the next morning, never for next week. Here, below the register that numbers
# after the floor, so that neither module imports the other.
FUTURE_DAYS = 1

def open_years(today: date | None = None) -> tuple[int, ...]:
    """The years a number may be taken in now, so the only ones a floor may be set for: this
    year (a past year's register closed on 31 December), and the next on 31 December, when a
    document may be dated the next morning (:data:`FUTURE_DAYS`)."""
    today = today or date.today()
    return tuple(sorted({today.year, (today + timedelta(days=FUTURE_DAYS)).year}))


def check_year(value: object, today: date | None = None) -> int:
    today = today or date.today()
    label = tr("Năm")
    year = v.positive_int(value, "year", label, minimum=1, maximum=9999, required=True)
    assert year is not None
    if year in open_years(today):
        return year
    if year < today.year:
        template = (
            '"{label}" {year}: sổ đăng ký văn bản năm {year} đã khóa ngày 31/12/{year}, không '
            "cấp thêm số vào năm đó; chỉ ghi được số đã cấp ngoài phần mềm của năm {now}."
        )
    else:
        template = (
            '"{label}" {year}: chưa đến năm {year}; số văn bản năm {year} bắt đầu từ 01 ngày '
            "01/01/{year}, chỉ ghi được số đã cấp ngoài phần mềm của năm {now}."
        )
    raise ValidationError(
        "year", tr(template).format(label=label, year=year, now=today.year), label=label
    )


def check_type(value: object) -> str:
    """A type abbreviation (``GM``, ``CTr``, ``QĐ``): letters only, at most ten."""
    label = tr("Loại văn bản (viết tắt)")
    text = v.text(value, "type_abbr", label, required=True, max_len=TYPE_MAX_LEN)
    assert text is not None
    if not _LETTERS.fullmatch(text):
        raise ValidationError(
            "type_abbr",
            tr('"{label}" chỉ gồm chữ cái, như GM, BB, TB: "{value}".').format(
                label=label, value=text
            ),
            label=label,
        )
    return text


def check_floor(value: object, type_abbr: str = "") -> int | None:
    """A floor as typed: a whole number from 1 to :data:`MAX_FLOOR`; empty (None, "") takes
    the floor off."""
    label = _label() + (f" ({type_abbr})" if type_abbr else "")
    field = f"floor.{type_abbr}" if type_abbr else "floor"
    return v.positive_int(value, field, label, minimum=1, maximum=MAX_FLOOR)


def set_floors(
    db: Database,
    year: int,
    floors: Mapping[str, object],
    *,
    expected_version: int | None = None,
    today: date | None = None,
    confirm_floor: bool = False,
) -> None:
    """Save the floors of ``year`` (type abbreviation → last number issued outside the
    application; None or "" takes it off), every one checked first, all in one transaction.
    ``expected_version``: the settings' version read (the organisation's, as every setting);
    a stale one is refused and nothing is written. A floor meeting numbers the register
    issued (:func:`floor_effects`) raises :class:`.errors.NumberFloorWarning` unless
    ``confirm_floor``."""
    year = check_year(year, today)
    values: dict[str, int | None] = {}
    for typed, value in floors.items():
        type_abbr = check_type(typed)
        values[floor_key(year, type_abbr)] = check_floor(value, type_abbr)
    if not confirm_floor:
        with db.session() as s:
            before = floors_of(s, year)
            said = [
                line
                for (typed, value) in floors.items()
                if (line := floor_effects(s, year, check_type(typed), before, value))
            ]
        if said:
            raise NumberFloorWarning("\n".join([*said, tr("Vẫn lưu số đã cấp ngoài phần mềm?")]))
    save_settings(db, values=values, expected_version=expected_version)


def _issued(s: Session | Connection, year: int, type_abbr: str) -> dict[int, str]:
    """The numbers the register issued in the series (``type_abbr`` in any case: compared
    here, the database's lower() knowing no "Đ") → their symbols ("01/GM-BCĐ"), ascending."""
    rows = s.execute(
        select(IssuedDocument.type_abbr, IssuedDocument.number, IssuedDocument.symbol)
        .where(IssuedDocument.year == year)
        .order_by(IssuedDocument.number, IssuedDocument.id)
    )
    folded = type_abbr.casefold()
    out: dict[int, str] = {}
    for abbr, n, symbol in rows:
        if abbr.casefold() == folded:
            out.setdefault(n, symbol)
    return out


def floor_effects(
    s: Session | Connection, year: int, type_abbr: str, before: Mapping[str, int], value: object
) -> str:
    """What changing the floor of the series from the one of ``before`` (:func:`floors_of`) to
    ``value`` (checked: None takes it off) does to the numbers the register issued, said in a
    sentence ("" when nothing): the register's numbers it newly covers (issued twice, on paper
    and here), or the paper numbers it stops recording under a floor the register numbered
    past (a gap for ``bdcq check``)."""
    old, new = before.get(type_abbr.casefold(), 0), check_floor(value, type_abbr) or 0
    issued = _issued(s, year, type_abbr)
    if new > old:
        twice = [symbol for n, symbol in issued.items() if old < n <= new]
        if twice:
            return tr(
                "{abbr} năm {y}: phần mềm đã cấp số {numbers}; ghi số cuối đã cấp ngoài phần "
                "mềm là {new:02d} thì {which} trùng với số trên giấy (mỗi số chỉ được cấp một "
                "lần trong năm)."
            ).format(
                abbr=type_abbr, y=year, numbers=", ".join(twice), new=new,
                which=tr("số này") if len(twice) == 1 else tr("các số này"),
            )  # fmt: skip
        return ""
    top = max(issued, default=0)
    lost = [n for n in range(new + 1, min(old, top) + 1) if n not in issued]
    if new < old and top > new and lost:
        first, last = lost[0], lost[-1]
        numbers = f"số {first:02d}" if first == last else f"các số {first:02d}–{last:02d}"
        return tr(
            "{abbr} năm {y}: phần mềm đã cấp đến số {top:02d}; {action} thì {numbers} đã cấp "
            "trên giấy không còn được ghi nhận và bị coi là thiếu số."
        ).format(
            abbr=type_abbr, y=year, top=top, numbers=numbers,
            action=tr("bỏ số cuối đã cấp ngoài phần mềm") if not new
            else tr("hạ số cuối đã cấp ngoài phần mềm xuống {new:02d}").format(new=new),
        )  # fmt: skip
    return ""


# What ``bdcq check`` says of numbers issued both on paper (up to the floor) and here.
FLOOR_DUPLICATES = (
    "Sổ văn bản {abbr} năm {y} có số trùng: {numbers} đã được phần mềm cấp, trong khi số cuối đã "
    "cấp ngoài phần mềm là {floor:02d} (các số này có hai văn bản)."
)


def floor_duplicates(s: Session | Connection, year: int, spellings: list[str], floor: int) -> str:
    """``bdcq check``'s line for the register's numbers of the series at or under its floor
    ("" when none): each is a number the paper register issued too."""
    symbols = s.scalars(
        select(IssuedDocument.symbol)
        .where(
            IssuedDocument.year == year,
            IssuedDocument.type_abbr.in_(spellings),
            IssuedDocument.number <= floor,
        )
        .order_by(IssuedDocument.number, IssuedDocument.id)
    ).all()
    if not symbols:
        return ""
    return tr(FLOOR_DUPLICATES).format(
        abbr=spellings[0], y=year, numbers=", ".join(dict.fromkeys(symbols)), floor=floor
    )


def nothing_numbered(db: Database, year: int) -> bool:
    """No document in the register and no floor for ``year``: a new file, whose officer may
    have numbers issued on paper to record before the first document is issued."""
    with db.session() as s:
        if s.scalar(select(IssuedDocument.id).limit(1)) is not None:
            return False
        return not floors_of(s, year)


@dataclass(frozen=True)
class SeriesNumbers:
    """One series of a year: its last number in the register (0: none), the floor (0: none),
    and the number the next document takes."""

    type_abbr: str
    last_issued: int
    floor: int
    next_number: int


def series_numbers(db: Database, year: int, type_abbrs: Iterable[str] = ()) -> list[SeriesNumbers]:
    """The series of ``year``: ``type_abbrs`` first, in their order (the kinds' abbreviations,
    whether anything was issued or not), then every other series the register or a floor holds
    for the year. A series spelled in several cases is one row, under the first spelling met."""
    with db.session() as s:
        tops = s.execute(
            select(IssuedDocument.type_abbr, func.max(IssuedDocument.number))
            .where(IssuedDocument.year == year)
            .group_by(IssuedDocument.type_abbr)
            .order_by(IssuedDocument.type_abbr)
        ).all()
        floors = floors_of(s, year)
    names: dict[str, str] = {}
    for abbr in [*type_abbrs, *(a for a, _ in tops)]:
        names.setdefault(abbr.casefold(), abbr)
    last: dict[str, int] = {}
    for abbr, top in tops:
        last[abbr.casefold()] = max(last.get(abbr.casefold(), 0), top or 0)
    for folded in floors:
        names.setdefault(folded, folded.upper())
    rows = []
    for folded, abbr in names.items():
        top, floor = last.get(folded, 0), floors.get(folded, 0)
        rows.append(SeriesNumbers(abbr, top, floor, max(top, floor) + 1))
    return rows


# What ``bdcq check`` says of a gap in a series that goes on from a floor.
AFTER_FLOOR_GAP = (
    "Sổ văn bản {abbr} năm {y} bị thiếu số (sau số {floor} đã cấp ngoài phần mềm có {n} văn "
    "bản, số lớn nhất {top})."
)


def issued_after(s: Session | Connection, year: int, spellings: list[str], floor: int) -> int:
    """How many documents of the series (``year``, any of ``spellings``) the register numbered
    after ``floor``: with no gap, as many as its last number minus the floor."""
    return s.scalar(
        select(func.count()).where(
            IssuedDocument.year == year,
            IssuedDocument.type_abbr.in_(spellings),
            IssuedDocument.number > floor,
        )
    ) or 0
