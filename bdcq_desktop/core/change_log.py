"""One record's history, read from the change log that :mod:`.audit` writes (headless).

:func:`record_changes` answers "who changed this record, when, and what": every logged
insert, update and delete of the record (and of the related records a screen shows with it,
e.g. a member's person and membership), newest first, as frozen rows. Field names are given
with their Vietnamese labels where the application has one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, or_, select

from .db import Database
from .errors import ValidationError
from .i18n import tr
from .meeting_rules import MEETING_LABELS
from .memberships import MEMBERSHIP_LABELS
from .models import Base, ChangeAction, ChangeLog
from .people import PERSON_LABELS
from .regimes import LABELS as REGIME_LABELS
from .round_edit import EDIT_LABELS as ROUND_LABELS
from .session_outputs import OUTPUT_LABELS
from .submissions import LABELS as SUBMISSION_LABELS
from .text import clean, short_date
from .units import UNIT_LABELS
from .working_group import SESSION_LABELS

TABLE_LABELS = {
    "person": "Người",
    "unit": "Cơ quan, đơn vị",
    "committee_membership": "Thành viên Ban Chỉ đạo",
    "group_membership": "Thành viên Tổ công tác",
    "meeting": "Cuộc họp",
    "agenda_item": "Nội dung chương trình họp",
    "invitee": "Thành phần mời",
    "minutes": "Biên bản",
    "conclusion": "Kết luận",
    "task": "Nhiệm vụ",
    "issued_document": "Văn bản đã ban hành",
    "working_session": "Phiên làm việc của Tổ công tác",
    "session_participant": "Thành phần phiên làm việc",
    "session_output": "Sản phẩm của phiên làm việc",
    "reporting_regime": "Chế độ báo cáo",
    "reporting_round": "Đợt báo cáo",
    "submission": "Báo cáo của đơn vị",
}
ACTION_LABELS = {
    ChangeAction.INSERT: "Tạo mới",
    ChangeAction.UPDATE: "Sửa",
    ChangeAction.DELETE: "Xóa",
}
# Columns several tables share, for those without a label of their own.
_COMMON_LABELS = {
    "unit_id": "Cơ quan, đơn vị",
    "person_id": "Người",
    "meeting_id": "Cuộc họp",
    "position_at_start": "Chức vụ khi được phân công",
    "sort_order": "Thứ tự",
    "active": "Đang hoạt động",
    "title": "Tiêu đề",
    "minutes_text": "Ghi chép",
    "status": "Trạng thái",
    "file_id": "Tệp",
    "round_id": "Đợt báo cáo",
    "session_id": "Phiên làm việc",
    "period_label": "Kỳ báo cáo",
    "period_start": "Kỳ báo cáo: từ ngày",
    "period_end": "Kỳ báo cáo: đến ngày",
}
# A session's participant: what its rows and the attendance form call each column.
PARTICIPANT_LABELS = {
    "role": "Vai trò",
    "name_snapshot": "Họ và tên",
    "position_snapshot": "Chức vụ",
    "unit_snapshot": "Cơ quan, đơn vị",
    "attendance": "Tình hình có mặt",
    "absence_reason": "Lý do vắng",
    "days_present": "Số ngày có mặt",
}
_FIELD_LABELS: dict[str, dict[str, str]] = {
    "person": PERSON_LABELS,
    "unit": UNIT_LABELS,
    "committee_membership": MEMBERSHIP_LABELS,
    "group_membership": MEMBERSHIP_LABELS,
    "meeting": MEETING_LABELS,
    "reporting_round": ROUND_LABELS,
    "reporting_regime": REGIME_LABELS,
    "submission": SUBMISSION_LABELS,
    "working_session": SESSION_LABELS,
    "session_participant": PARTICIPANT_LABELS,
    "session_output": OUTPUT_LABELS,
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str  # Vietnamese where known, else the field's name
    before: Any  # as the log stores it: text, number, ISO date, enum code or None
    after: Any


@dataclass(frozen=True)
class ChangeRow:
    id: int
    at: datetime
    user: str
    table: str
    table_label: str
    record_id: int
    action: str
    action_label: str
    changes: tuple[FieldChange, ...]


def logged_tables() -> list[str]:
    """Every table whose records the change log follows."""
    return sorted(t for t in Base.metadata.tables if t not in ("change_log", "minutes_revision"))


def check_table(table: object) -> str:
    """``table`` if the change log follows it; else a ValidationError naming the field."""
    name = clean(table if isinstance(table, str) else str(table or ""))
    tables = logged_tables()
    if name not in tables:
        raise ValidationError(
            "table",
            tr('Không có bảng "{table}" trong nhật ký thay đổi. Các bảng: {tables}.').format(
                table=name[:60], tables=", ".join(tables)
            ),
            label=tr("Bảng"),
        )
    return name


def _record_id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            "record_id", tr("Mã bản ghi phải là số nguyên dương."), label=tr("Mã bản ghi")
        )
    return value


def _field_changes(table: str, changes: str | None) -> tuple[FieldChange, ...]:
    if not changes:
        return ()
    try:
        data = json.loads(changes)
    except ValueError:  # a row written by hand or damaged: show it rather than fail
        return (FieldChange("?", "?", changes, None),)
    labels = {**_COMMON_LABELS, **_FIELD_LABELS.get(table, {})}
    out = []
    for key, pair in data.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        out.append(FieldChange(key, tr(labels[key]) if key in labels else key, before, after))
    return tuple(out)


def record_changes(
    db: Database,
    table: str,
    record_id: int,
    *,
    related: Sequence[tuple[str, int]] = (),
) -> list[ChangeRow]:
    """The logged changes of record ``record_id`` of ``table`` and of the ``related``
    ``(table, id)`` records, newest first. An unknown table is a ValidationError; a record
    never logged (or loaded in bulk with the demo data) has an empty history."""
    wanted = [(check_table(table), _record_id(record_id))]
    wanted += [(check_table(t), _record_id(i)) for t, i in related]
    condition = or_(*(and_(ChangeLog.table_name == t, ChangeLog.record_id == i) for t, i in wanted))
    with db.session() as s:
        logged = s.execute(
            select(ChangeLog).where(condition).order_by(ChangeLog.at.desc(), ChangeLog.id.desc())
        ).scalars()
        return [
            ChangeRow(
                id=c.id,
                at=c.at,
                user=c.user or "",
                table=c.table_name,
                table_label=tr(TABLE_LABELS.get(c.table_name, c.table_name)),
                record_id=c.record_id or 0,
                action=c.action.value,
                action_label=tr(ACTION_LABELS[c.action]),
                changes=_field_changes(c.table_name, c.changes),
            )
            for c in logged
        ]


# Dates and times are logged in ISO form (audit._plain); shown as the rest of the app shows them.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def _as_shown(text: str) -> str:
    """``2026-12-27`` → ``27/12/2026``; ``2026-12-27T08:00:00`` → ``08:00 27/12/2026``."""
    try:
        if _ISO_DATE.fullmatch(text):
            return short_date(date.fromisoformat(text))
        if _ISO_TIME.fullmatch(text):
            at = datetime.fromisoformat(text)
            return f"{at:%H:%M} {short_date(at.date())}"
    except ValueError:  # the shape of a date, not a real one: shown as logged
        pass
    return text


def value_text(value: Any, limit: int = 0) -> str:
    """A logged value for display: empty for none, a date or time as the app writes them
    (dd/mm/yyyy), cut to ``limit`` characters if given."""
    if value is None:
        return ""
    text = _as_shown(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
