"""The ten years the benchmarks' data spans: a fixed calendar (the data must not move with the
day it is made), the scale, and the word lists beyond the demo's."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

END = date(2026, 6, 30)  # the last day of the ten years (fixed: the data must not move)
START = date(END.year - 10, END.month, END.day) + timedelta(days=1)
STAMP = datetime(END.year, END.month, END.day, 17, 0)
TERMS = 4  # the committee is reorganised (kiện toàn) every two and a half years

# Communes and wards of the province, to reach 80 units beyond the departments and districts.
COMMUNES = [
    "phường Hưng Dũng", "phường Hưng Bình", "xã Hưng Lộc", "xã Nghi Phú", "xã Nghi Kim",
    "xã Nghi Đức", "xã Hưng Hòa", "xã Nghi Ân", "xã Nghi Liên", "xã Diễn Kỷ",
    "xã Diễn Thành", "xã Quỳnh Lập", "xã Quỳnh Dị", "xã Nam Giang", "xã Nam Cát",
    "xã Kim Liên", "xã Xuân Lâm", "xã Tràng Sơn", "xã Bồi Sơn", "xã Nghĩa Thuận",
    "xã Châu Hạnh", "xã Tân Phú", "thị trấn Mường Xén", "xã Yên Hợp", "xã Thanh Ngọc",
    "xã Hạnh Lâm", "xã Đô Thành", "xã Lạc Sơn", "xã Phúc Thành", "xã Tây Hiếu",
]  # fmt: skip
STAFF_POSITIONS = [
    "Phó Giám đốc",
    "Chánh Văn phòng",
    "Trưởng phòng Kế hoạch - Tài chính",
    "Phó Trưởng phòng Tổng hợp",
    "Chuyên viên Phòng Công nghệ thông tin",
    "Chuyên viên chính Văn phòng",
    "Trưởng phòng Hành chính - Tổng hợp",
    "Phó Chủ tịch UBND",
]
# A monthly regime beside the demo's, as provinces ask of their units.
MONTHLY = [
    (
        "Báo cáo tình hình tiếp nhận, giải quyết hồ sơ trực tuyến hằng tháng",
        "monthly",
        "Số hồ sơ tiếp nhận, giải quyết trực tuyến trong tháng; hồ sơ quá hạn, nguyên nhân.",
        ("dvc", "loc"),
    )
]


@dataclass(frozen=True)
class Scale:
    units: int = 80
    people: int = 600
    meetings: int = 300
    agenda: int = 30
    invitees: int = 60
    sessions: int = 150
    submissions: int = 25_000
    tasks: int = 6_000

    @property
    def key(self) -> str:
        return "-".join(str(v) for v in asdict(self).values())


FULL = Scale()
QUICK = Scale(
    units=40, people=200, meetings=12, agenda=8, invitees=30, sessions=6, submissions=600, tasks=120
)


def weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
