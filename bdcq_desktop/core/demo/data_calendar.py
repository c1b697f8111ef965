"""The public holidays of the demo's years: the days a Vietnamese office is closed on a weekday.

The application itself counts Monday to Friday (``core.working_group.working_days``), which is
right on every day but these; the demo keeps its meetings, sessions, notices and due dates off
them, so that what the application counts and what an officer would count agree. Solar dates
are hard-coded (Tết and Giỗ Tổ follow the lunar calendar): the days off as announced for public
servants, substitute days (nghỉ bù) included. A demo reaching past 2027 has weekends only there.
"""

from __future__ import annotations

from datetime import date

HOLIDAYS: frozenset[date] = frozenset(
    [
        # 2024
        date(2024, 1, 1),  # Tết Dương lịch
        *(date(2024, 2, d) for d in range(8, 15)),  # Tết Giáp Thìn (mùng 1 = 10/02)
        date(2024, 4, 18),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        date(2024, 4, 29),  # nghỉ bù (đi làm thứ Bảy 04/5)
        date(2024, 4, 30),
        date(2024, 5, 1),
        date(2024, 9, 2),  # Quốc khánh
        date(2024, 9, 3),  # and the day after
        # 2025
        date(2025, 1, 1),
        *(date(2025, 1, d) for d in range(27, 32)),  # Tết Ất Tỵ (mùng 1 = 29/01)
        date(2025, 4, 7),  # Giỗ Tổ
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),  # nghỉ bù (đi làm thứ Bảy 26/4)
        date(2025, 9, 1),  # the day before
        date(2025, 9, 2),
        # 2026
        date(2026, 1, 1),
        *(date(2026, 2, d) for d in range(16, 21)),  # Tết Bính Ngọ (mùng 1 = 17/02)
        date(2026, 4, 27),  # Giỗ Tổ falls on Sunday 26/4: the Monday off
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),  # nghỉ bù
        date(2026, 9, 1),  # the day before
        date(2026, 9, 2),
        date(2026, 11, 24),  # Ngày Văn hóa Việt Nam, a day off from 2026
        # 2027
        date(2027, 1, 1),
        *(date(2027, 2, d) for d in range(4, 11)),  # Tết Đinh Mùi (mùng 1 = 06/02)
        date(2027, 4, 16),  # Giỗ Tổ
        date(2027, 4, 30),
        date(2027, 5, 3),  # 1/5 falls on Saturday: the Monday off
        date(2027, 9, 2),
        date(2027, 9, 3),  # the day after
        date(2027, 11, 24),
    ]
)
