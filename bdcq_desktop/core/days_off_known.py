"""The days off of 2024 to 2027 for public servants, as the government announced them: what a
new database starts with and what the upgrade to 0015 adds (:func:`seed_rows`).

Solar dates, written out: Tết and Giỗ Tổ follow the lunar calendar, and each year's swaps
(nghỉ bù, and the Saturday worked for them) are decided in that year's announcement, so no
rule computes them. A later year is the secretariat's to add (Thiết lập › Ngày nghỉ, or
``bdcq settings days-off add``); a year added here for new files also needs a migration that
adds it to existing ones (the seed adds only the dates a database does not have).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from .enums import DayOffKind
from .models import DayOff

OFF, WORK = DayOffKind.OFF, DayOffKind.WORK


def _tet(year: int, month: int, first: int, last: int, name: str) -> list[tuple[date, str]]:
    return [(date(year, month, d), f"Tết Nguyên đán {name}") for d in range(first, last + 1)]


KNOWN_DAYS_OFF: tuple[tuple[date, str, DayOffKind], ...] = tuple(
    (day, name, kind)
    for day, name, kind in [
        # 2024
        (date(2024, 1, 1), "Tết Dương lịch", OFF),
        *((d, n, OFF) for d, n in _tet(2024, 2, 8, 14, "Giáp Thìn")),  # mùng 1 = 10/02
        (date(2024, 4, 18), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF),
        (date(2024, 4, 29), "Nghỉ bù (làm bù thứ Bảy 04/5/2024)", OFF),
        (date(2024, 4, 30), "Ngày Chiến thắng", OFF),
        (date(2024, 5, 1), "Ngày Quốc tế Lao động", OFF),
        (date(2024, 5, 4), "Làm bù cho ngày nghỉ 29/4/2024", WORK),
        (date(2024, 9, 2), "Quốc khánh", OFF),
        (date(2024, 9, 3), "Quốc khánh (ngày liền kề)", OFF),
        # 2025
        (date(2025, 1, 1), "Tết Dương lịch", OFF),
        *((d, n, OFF) for d, n in _tet(2025, 1, 27, 31, "Ất Tỵ")),  # mùng 1 = 29/01
        (date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF),
        (date(2025, 4, 26), "Làm bù cho ngày nghỉ 02/5/2025", WORK),
        (date(2025, 4, 30), "Ngày Chiến thắng", OFF),
        (date(2025, 5, 1), "Ngày Quốc tế Lao động", OFF),
        (date(2025, 5, 2), "Nghỉ bù (làm bù thứ Bảy 26/4/2025)", OFF),
        (date(2025, 9, 1), "Quốc khánh (ngày liền kề)", OFF),
        (date(2025, 9, 2), "Quốc khánh", OFF),
        # 2026
        (date(2026, 1, 1), "Tết Dương lịch", OFF),
        *((d, n, OFF) for d, n in _tet(2026, 2, 16, 20, "Bính Ngọ")),  # mùng 1 = 17/02
        # Giỗ Tổ falls on Sunday 26/4: the Monday after is the day off.
        (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)", OFF),
        (date(2026, 4, 30), "Ngày Chiến thắng", OFF),
        (date(2026, 5, 1), "Ngày Quốc tế Lao động", OFF),
        (date(2026, 8, 31), "Nghỉ bù Quốc khánh", OFF),
        (date(2026, 9, 1), "Quốc khánh (ngày liền kề)", OFF),
        (date(2026, 9, 2), "Quốc khánh", OFF),
        (date(2026, 11, 24), "Ngày Văn hóa Việt Nam", OFF),  # a day off from 2026
        # 2027
        (date(2027, 1, 1), "Tết Dương lịch", OFF),
        *((d, n, OFF) for d, n in _tet(2027, 2, 4, 10, "Đinh Mùi")),  # mùng 1 = 06/02
        (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", OFF),
        (date(2027, 4, 30), "Ngày Chiến thắng", OFF),
        # 1/5 falls on Saturday: the Monday after is the day off.
        (date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)", OFF),
        (date(2027, 9, 2), "Quốc khánh", OFF),
        (date(2027, 9, 3), "Quốc khánh (ngày liền kề)", OFF),
        (date(2027, 11, 24), "Ngày Văn hóa Việt Nam", OFF),
    ]
)


def seed_rows(
    conn: Connection, known: Iterable[tuple[date, str, DayOffKind]] = KNOWN_DAYS_OFF
) -> int:
    """Add the known days a database does not have yet (a new file, the upgrade to 0015);
    returns how many. A date already there is the secretariat's and stays as it is."""
    t = DayOff.__table__
    have = set(conn.execute(select(t.c.day)).scalars())
    rows = [
        {"day": day, "name": name, "kind": kind.value}
        for day, name, kind in known
        if day not in have
    ]
    if rows:
        conn.execute(t.insert(), rows)
    return len(rows)
