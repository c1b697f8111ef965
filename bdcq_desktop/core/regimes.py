"""The register of reporting regimes (chế độ báo cáo), with the fields of Decree 09/2019:
name, content or outline, the units that report, the receiving body, the frequency, the
deadline rule and the data cut-off rule (:mod:`.report_periods`).

Add, edit and retire; a regime is never deleted (its rounds point at it). Each save is one core
call in one transaction, checked against the version the user read; the units a regime asks
are its child rows and are saved with it (its version guards them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import check_version, flush, serialize, touch
from .models import Frequency, ReportingRegime, ReportingRound, Unit
from .report_periods import MAX_OFFSET, rule_text
from .text import SearchQuery, fold, vi_key

LABELS = {
    "name": "Tên chế độ báo cáo",
    "content": "Nội dung, đề cương",
    "frequency": "Tần suất",
    "due_day": "Hạn gửi: ngày",
    "due_month_offset": "Hạn gửi: số tháng sau kỳ",
    "cutoff_day": "Chốt số liệu: ngày",
    "cutoff_month_offset": "Chốt số liệu: số tháng sau kỳ",
    "receiving_body": "Cơ quan nhận báo cáo",
    "unit_ids": "Đơn vị báo cáo",
    "active": "Đang áp dụng",
}
KIND = "Chế độ báo cáo"


@dataclass(frozen=True)
class RegimeRow:
    id: int
    name: str
    content: str
    frequency: str
    frequency_label: str
    due_day: int
    due_month_offset: int
    cutoff_day: int | None
    cutoff_month_offset: int
    deadline_rule: str  # "ngày 20 tháng cuối kỳ"
    cutoff_rule: str
    receiving_body: str
    unit_ids: tuple[int, ...]
    units: int
    unit_names: str
    rounds: int
    active: bool
    version: int


def _l(key: str) -> str:
    return tr(LABELS[key])


def _row(r: ReportingRegime, rounds: int) -> RegimeRow:
    periodic = r.frequency != Frequency.AD_HOC
    return RegimeRow(
        id=r.id,
        name=r.name,
        content=r.content or "",
        frequency=r.frequency.value,
        frequency_label=label(r.frequency),
        due_day=r.due_day,
        due_month_offset=r.due_month_offset,
        cutoff_day=r.cutoff_day,
        cutoff_month_offset=r.cutoff_month_offset,
        deadline_rule=rule_text(r.due_day, r.due_month_offset) if periodic else "",
        cutoff_rule=(
            rule_text(r.cutoff_day, r.cutoff_month_offset)
            if periodic and r.cutoff_day is not None
            else ""
        ),
        receiving_body=r.receiving_body or "",
        unit_ids=tuple(u.id for u in r.units),
        units=len(r.units),
        unit_names="; ".join(u.name for u in r.units),
        rounds=rounds,
        active=r.active,
        version=r.version,
    )


def _rows(s: Session, where: Any = None) -> list[RegimeRow]:
    counts = dict(
        s.execute(
            select(ReportingRound.regime_id, func.count()).group_by(ReportingRound.regime_id)
        ).all()
    )
    stmt = select(ReportingRegime).options(selectinload(ReportingRegime.units))
    if where is not None:
        stmt = stmt.where(where)
    return [_row(r, counts.get(r.id, 0)) for r in s.scalars(stmt)]


def list_regimes(
    db: Database, *, search: str | None = None, include_retired: bool = False
) -> list[RegimeRow]:
    """Regimes in force by name (``include_retired`` adds the retired ones, after them)."""
    with db.session() as s:
        rows = _rows(s, None if include_retired else ReportingRegime.active.is_(True))
    if search:
        query = SearchQuery(search)
        rows = [r for r in rows if query.finds(r.name, r.content, r.receiving_body)]
    return sorted(rows, key=lambda r: (not r.active, vi_key(r.name)))


def get_regime(db: Database, regime_id: int) -> RegimeRow:
    with db.session() as s:
        rows = _rows(s, ReportingRegime.id == regime_id)
    if not rows:
        raise NotFoundError(tr("Không tìm thấy chế độ báo cáo có mã {id}.").format(id=regime_id))
    return rows[0]


def _ids(value: object, field: str) -> list[int]:
    """Unit ids from a list (ints or digit strings), without repeats, order kept."""
    if value is None or value == "":
        return []
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, Iterable):
        raise ValidationError(field, tr("Danh sách đơn vị không hợp lệ."), label=_l(field))
    out: list[int] = []
    for item in value:
        number = v.positive_int(item, field, _l(field), minimum=1, required=True)
        assert number is not None
        if number not in out:
            out.append(number)
    return out


def clean_regime(data: dict[str, Any]) -> dict[str, Any]:
    """Validate the fields present (NFC text, ranges); raises on the first bad one."""
    out: dict[str, Any] = {}
    for key in data:
        if key not in LABELS:
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    for key, value in data.items():
        if key == "name":
            out[key] = v.text(value, key, _l(key), required=True, max_len=300)
        elif key == "content":
            out[key] = v.text(value, key, _l(key), max_len=10000, multiline=True)
        elif key == "receiving_body":
            out[key] = v.text(value, key, _l(key), max_len=300)
        elif key == "frequency":
            out[key] = v.choice(value, Frequency, key, _l(key))
        elif key in ("due_day", "cutoff_day"):
            out[key] = v.positive_int(
                value, key, _l(key), minimum=1, maximum=31, required=key == "due_day"
            )
        elif key in ("due_month_offset", "cutoff_month_offset"):
            number = v.positive_int(value, key, _l(key), minimum=-MAX_OFFSET, maximum=MAX_OFFSET)
            out[key] = number or 0
        elif key == "unit_ids":
            out[key] = _ids(value, key)
        elif key == "active":
            out[key] = bool(value)
    return out


def _units(s: Session, ids: Sequence[int], current: Sequence[int] = ()) -> list[Unit]:
    """The units of ``ids``; a retired one only if the regime already had it."""
    if not ids:
        return []
    found = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(ids)))}
    for n, uid in enumerate(ids, start=1):
        unit = found.get(uid)
        if unit is None:
            raise ValidationError(
                "unit_ids",
                tr("Dòng {line}: không có cơ quan, đơn vị mã {id}.").format(line=n, id=uid),
                label=_l("unit_ids"),
            )
        if not unit.active and uid not in current:
            raise ValidationError(
                "unit_ids",
                tr("“{name}” đã ngừng hoạt động, không giao báo cáo được.").format(name=unit.name),
                label=_l("unit_ids"),
            )
    return [found[uid] for uid in ids]


def _name_taken(s: Session, name: str, regime_id: int | None) -> None:
    serialize(s, "rule:regime-name")  # two officers adding it at once: one regime
    folded = fold(name)
    for rid, other in s.execute(select(ReportingRegime.id, ReportingRegime.name)):
        if rid != regime_id and fold(other) == folded:
            raise ValidationError(
                "name",
                tr("Đã có chế độ báo cáo “{name}” (mã {id}).").format(name=other, id=rid),
                label=_l("name"),
            )


def create_regime(db: Database, **fields: Any) -> int:
    """Add a regime; returns its id. ``frequency`` and ``name`` are required."""
    data = clean_regime(fields)
    for key in ("name", "frequency"):
        if data.get(key) is None:
            raise ValidationError(
                key, tr('"{label}" không được để trống.').format(label=_l(key)), label=_l(key)
            )
    data.setdefault("due_day", 20)
    if data["due_day"] is None:
        data["due_day"] = 20
    unit_ids = data.pop("unit_ids", [])
    data.pop("active", None)
    with db.session() as s:
        _name_taken(s, data["name"], None)
        regime = ReportingRegime(**data, active=True)
        regime.units = _units(s, unit_ids)
        s.add(regime)
        flush(s, tr(KIND))
        return regime.id


def update_regime(
    db: Database, regime_id: int, *, expected_version: int | None, **fields: Any
) -> int:
    """Change the fields given (``unit_ids`` replaces the list of units); returns the id.
    Rounds already opened keep their own units and dates."""
    data = clean_regime(fields)
    if "name" in data and data["name"] is None:
        raise ValidationError(
            "name", tr('"{label}" không được để trống.').format(label=_l("name")), label=_l("name")
        )
    if "due_day" in data and data["due_day"] is None:
        raise ValidationError(
            "due_day",
            tr('"{label}" không được để trống.').format(label=_l("due_day")),
            label=_l("due_day"),
        )
    with db.session() as s:
        regime = s.get(ReportingRegime, regime_id)
        if regime is None:
            raise NotFoundError(
                tr("Không tìm thấy chế độ báo cáo có mã {id}.").format(id=regime_id)
            )
        check_version(regime, expected_version, tr(KIND))
        if "name" in data:
            _name_taken(s, data["name"], regime_id)
        if "unit_ids" in data:
            current = [u.id for u in regime.units]
            regime.units = _units(s, data.pop("unit_ids"), current)
            touch(regime)
        for key, value in data.items():
            setattr(regime, key, value)
        flush(s, tr(KIND))
        return regime.id


def retire_regime(db: Database, regime_id: int, *, expected_version: int | None) -> int:
    """No more rounds of this regime (those opened stay, with their submissions)."""
    return update_regime(db, regime_id, expected_version=expected_version, active=False)
