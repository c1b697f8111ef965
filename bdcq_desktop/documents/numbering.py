"""A year's number series as the officer sees them: each type of document the settings number,
by its name, with the register's last number, the last one issued outside the application
(:mod:`..core.number_floor`) and the number the next document takes. What Văn bản › "Số đã cấp
ngoài phần mềm…" and ``bdcq documents numbering`` show.

A series is a type abbreviation, not a kind: the convocations of the committee and of its
working group share GTT, the three reports share BC, so one floor serves them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..core import number_floor
from ..core.db import Database
from ..core.i18n import tr
from ..core.register import symbol
from ..core.settings import get_organisation
from . import settings as ds
from .settings_checks import abbreviation_spelling, kind_label

# The decree's names of the types (Appendix III of Decree 30/2020) the settings may use, and
# the local GTT and DS of the defaults: a series is named as its documents are headed.
TYPE_NAMES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án",
    "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện",
    "GN": "Bản ghi nhớ", "TTh": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển",
    "PB": "Phiếu báo", "GTT": "Giấy triệu tập", "DS": "Danh sách",
}  # fmt: skip


@dataclass(frozen=True)
class SeriesRow:
    type_abbr: str
    type_name: str  # "Giấy mời"; the kinds' names for an abbreviation the decree lacks
    kinds: str  # the kinds numbered in it ("Giấy triệu tập, Giấy triệu tập Tổ công tác")
    last_issued: int  # the register's last number this year (0: none)
    floor: int  # the last number issued outside the application (0: none)
    next_number: int
    next_symbol: str  # "08/GM-BCĐ"


@dataclass(frozen=True)
class Numbering:
    year: int
    rows: tuple[SeriesRow, ...]
    # The settings' version read with the rows: what a save of the floors is guarded by.
    version: int
    body_abbr: str = "BCĐ"  # what the symbols end with (-BCĐ)


def _kinds_by_series(settings: ds.DocumentSettings) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kind in ds.KIND_NAMES:
        abbr = settings.abbr(kind)
        if abbr:
            out.setdefault(abbr, []).append(kind)
    return out


def numbering(db: Database, year: int | None = None) -> Numbering:
    """The series of ``year`` (default: this year): those the settings number, in the order
    of the kinds, then any other the register or a floor holds for the year."""
    year = year or date.today().year
    version = get_organisation(db).version
    settings = ds.load(db)
    kinds = _kinds_by_series(settings)
    rows = []
    for series in number_floor.series_numbers(db, year, kinds):
        names = [kind_label(k) for k in kinds.get(series.type_abbr, ())]
        spelled = abbreviation_spelling(series.type_abbr)
        rows.append(
            SeriesRow(
                type_abbr=series.type_abbr,
                type_name=tr(TYPE_NAMES.get(spelled, "")) or ", ".join(names) or spelled,
                kinds=", ".join(names),
                last_issued=series.last_issued,
                floor=series.floor,
                next_number=series.next_number,
                next_symbol=symbol(series.next_number, series.type_abbr, settings.body_abbr),
            )
        )
    return Numbering(year, tuple(rows), version, settings.body_abbr)


def series_of(db: Database, text: str) -> str:
    """The series ``text`` names: a kind (``invitation``) by its abbreviation in the settings,
    else an abbreviation (``gm``) in the decree's spelling (checked by the core when saved)."""
    cleaned = str(text).strip()
    if cleaned in ds.KIND_NAMES:
        return ds.load(db).abbr(cleaned)
    return abbreviation_spelling(cleaned) if cleaned else cleaned


def save_floors(
    db: Database,
    year: int,
    floors: Mapping[str, object],
    *,
    expected_version: int | None = None,
    today: date | None = None,
    confirm_floor: bool = False,
) -> None:
    """Save floors by series (a kind or an abbreviation, see :func:`series_of`): one call of
    :func:`..core.number_floor.set_floors`, so one transaction; a floor meeting numbers already
    issued is asked first (:class:`..core.errors.NumberFloorWarning`, ``confirm_floor``)."""
    number_floor.set_floors(
        db,
        year,
        {series_of(db, key): value for key, value in floors.items()},
        expected_version=expected_version,
        today=today,
        confirm_floor=confirm_floor,
    )
