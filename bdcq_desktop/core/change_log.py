"""One record's history, read from the change log that :mod:`.audit` writes (headless).

:func:`record_changes` answers "who changed this record, when, and what": every logged
insert, update and delete of the record (and of the related records a screen shows with it,
e.g. a member's person and membership, or a parent's children, those removed included: see
:mod:`.change_children`), newest first, as frozen rows. Field names are given with their
Vietnamese labels where the application has one; a reference (``unit_id: 6``) with the name
of the record (:mod:`.change_names`), and each row with the name of its record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .change_children import child_lines, life_values, lines_of
from .change_names import REFERENCES, Names, deleted_name
from .days_off import LABELS as DAY_OFF_LABELS
from .db import Database
from .errors import ValidationError
from .i18n import tr
from .meeting_rules import MEETING_LABELS
from .memberships import MEMBERSHIP_LABELS
from .models import Base, ChangeAction
from .people import PERSON_LABELS
from .regimes import LABELS as REGIME_LABELS
from .round_edit import EDIT_LABELS as ROUND_LABELS
from .session_outputs import OUTPUT_LABELS
from .settings import ORG_LABELS
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
    "task_event": "Diễn biến nhiệm vụ",  # an extension, a progress note, a stop, a resumption
    "issued_document": "Văn bản đã ban hành",
    "working_session": "Phiên làm việc của Tổ công tác",
    "session_participant": "Thành phần phiên làm việc",
    "session_output": "Sản phẩm của phiên làm việc",
    "reporting_regime": "Chế độ báo cáo",
    "reporting_round": "Đợt báo cáo",
    "submission": "Báo cáo của đơn vị",
    "day_off": "Ngày nghỉ, ngày làm bù",
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
    "retired_on": "Ngày ngừng hoạt động",
    "merged_into_id": "Sáp nhập vào",
    "conclusion_id": "Kết luận",
    "task_id": "Nhiệm vụ",
    "file_path": "Tệp",
    "file_sha256": "Dấu vân tay tệp",
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
# The tables whose edits have no form of their own in the core (a meeting's lists, its
# minutes, the register): what the meeting's panes and the documents call each column.
_MEETING_PART_LABELS = {
    "agenda_item": {
        "position": "Thứ tự",
        "presenter_person_id": "Người trình bày",
        "presenter_unit_id": "Đơn vị trình bày",
        "presenter_name": "Người trình bày (ghi tên)",
        "presenter_position_snapshot": "Chức vụ người trình bày",
        "presenter_unit_snapshot": "Cơ quan người trình bày",
        "planned_minutes": "Thời lượng (phút)",
    },
    "invitee": {
        "position": "Thứ tự",
        "guest_name": "Khách mời (ghi tên)",
        "category": "Thành phần",
        "role": "Nhiệm vụ tại cuộc họp",
        "name_snapshot": "Họ và tên",
        "position_snapshot": "Chức vụ",
        "unit_snapshot": "Cơ quan, đơn vị",
        "attendance": "Tình hình có mặt",
        "absence_reason": "Lý do vắng",
        "substitute_name": "Người dự thay",
        "substitute_position": "Chức vụ người dự thay",
        "arrived_at": "Giờ đến",
        "walked_in_at": "Dự không theo giấy mời, thêm lúc",
        "uid": "Mã người dự (giữa văn phòng và máy phòng họp)",
    },
    "minutes": {
        "opened_at": "Giờ bắt đầu",
        "closed_at": "Giờ kết thúc",
        "opening_text": "Phần mở đầu",
        "closing_text": "Phần kết thúc",
        "is_final": "Đã ban hành",
        "finalised_at": "Thời điểm ban hành",
        "pdf_sha256": "Dấu vân tay tệp PDF",
        "reopen_reason": "Lý do mở lại",
        "reopened_at": "Thời điểm mở lại",
    },
    "conclusion": {
        "position": "Thứ tự",
        "text": "Nội dung kết luận",
        # Each table's uid says what it is for: a conclusion's and a task's find the record
        # again when the meeting room's record is imported (room_merge), not a calendar.
        "uid": "Mã nhận diện kết luận (dùng khi nhập biên ghi phòng họp)",
    },
    "task": {
        "content": "Nội dung nhiệm vụ",
        "source": "Nguồn giao",
        "conclusion_id": "Kết luận",
        "position": "Thứ tự",
        "assigned_by_id": "Người giao",
        "assigned_on": "Ngày giao",
        "assignee_person_id": "Người được giao",
        "assignee_unit_id": "Đơn vị chủ trì",
        "focal_unit_id": "Đơn vị đầu mối",
        "deadline": "Thời hạn",
        "completed_on": "Ngày hoàn thành",
        "result_report": "Kết quả thực hiện",
        "transfer_on": "Ngày chuyển giao",  # beside the units a transfer rewrote
        "transfer_reason": "Lý do chuyển giao",
        "transfer_note": "Thôi phụ trách",  # the person in charge a transfer stopped naming
        "extended_to": "Thời hạn sau gia hạn",
        # Beside the column an act changed (core.task_actions.LOG_KEYS).
        "extension_on": "Ngày gia hạn",
        "extension_by": "Người, văn bản cho gia hạn",
        "extension_reason": "Lý do gia hạn",
        "progress_on": "Ngày báo cáo tiến độ",
        "progress_text": "Tiến độ thực hiện",
        "stop_on": "Ngày dừng thực hiện",
        "stop_by": "Người, văn bản quyết định dừng",
        "stop_reason": "Lý do dừng thực hiện",
        "resume_on": "Ngày thực hiện tiếp",
        "resume_reason": "Lý do thực hiện tiếp",
        "uid": "Mã nhận diện nhiệm vụ (dùng khi nhập biên ghi phòng họp)",
    },
    "task_event": {
        "task_id": "Nhiệm vụ",
        "kind": "Loại",
        "day": "Ngày",
        "text": "Nội dung, lý do",
        "old_deadline": "Thời hạn trước",
        "new_deadline": "Thời hạn mới",
        "decided_by_id": "Người cho phép, quyết định",
        "decided_by_text": "Văn bản cho phép, quyết định",
        "file_id": "Tệp đính kèm",
    },
    "issued_document": {
        "type_abbr": "Loại văn bản (viết tắt)",
        "kind": "Loại văn bản",
        "year": "Năm",
        "number": "Số",
        "symbol": "Số, ký hiệu",
        "issued_on": "Ngày ban hành",
        "summary": "Trích yếu",
        "record_type": "Loại hồ sơ",
        "record_id": "Mã hồ sơ",
        "signer": "Người ký",
        "file_path": "Tệp",
        "sha256": "Dấu vân tay tệp",
        "issued_by": "Người ban hành",
        "content": "Nội dung",
        "superseded_at": "Thời điểm bị thay thế",
    },
}
_FIELD_LABELS: dict[str, dict[str, str]] = {
    **_MEETING_PART_LABELS,
    "person": {**PERSON_LABELS, "uid": "Mã người (cột cuối của tệp danh sách thành viên xuất ra)"},
    "unit": UNIT_LABELS,
    "organisation": {
        **ORG_LABELS,
        "database_uid": "Mã nhận diện cơ sở dữ liệu (đối chiếu bản sao lưu)",
    },
    "committee_membership": MEMBERSHIP_LABELS,
    "group_membership": MEMBERSHIP_LABELS,
    "meeting": {**MEETING_LABELS, "uid": "Mã lịch (iCalendar)"},
    "reporting_round": ROUND_LABELS,
    "reporting_regime": REGIME_LABELS,
    "submission": SUBMISSION_LABELS,
    "working_session": SESSION_LABELS,
    "session_participant": PARTICIPANT_LABELS,
    "session_output": OUTPUT_LABELS,
    "day_off": DAY_OFF_LABELS,
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str  # Vietnamese where known, else the field's name
    before: Any  # as the log stores it: text, number, ISO date, enum code or None
    after: Any
    # A reference (``unit_id: 6``): the record's name as shown today, "(đã xóa)" if gone.
    before_name: str | None = None
    after_name: str | None = None

    def before_text(self, limit: int = 0) -> str:
        return _shown(self.before, self.before_name, limit)

    def after_text(self, limit: int = 0) -> str:
        return _shown(self.after, self.after_name, limit)


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
    # The record the change is of, named as the app names it ("Sở Y tế" for a unit's report,
    # "Nguyễn Văn An (đã xóa)" for an invitee since removed); empty if it cannot be named.
    record_name: str = ""

    @property
    def record_label(self) -> str:
        """``Thành phần mời: Nguyễn Văn An``, or ``Thành phần mời #12`` when unnamed."""
        if self.record_name:
            return f"{self.table_label}: {self.record_name}"
        return f"{self.table_label} #{self.record_id}"


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


def _parsed(changes: str | None) -> dict[str, Any] | str:
    """A line's ``{field: [before, after]}``; the text itself if it is not that."""
    if not changes:
        return {}
    try:
        data = json.loads(changes)
    except ValueError:
        return changes
    return data if isinstance(data, dict) else changes


def _pair(value: Any) -> tuple[Any, Any]:
    return (value[0], value[1]) if isinstance(value, list) and len(value) == 2 else (None, value)


def _want_references(names: Names, table: str, data: dict[str, Any] | str) -> None:
    for key, pair in data.items() if isinstance(data, dict) else ():
        target = REFERENCES.get((table, key))
        if target is not None:
            for value in _pair(pair):
                names.want(target, value)


def _field_changes(
    table: str, data: dict[str, Any] | str, names: Names, record_id: int | None
) -> tuple[FieldChange, ...]:
    if isinstance(data, str):  # a row written by hand or damaged: show it rather than fail
        return (FieldChange("?", "?", data, None),)
    labels = {**_COMMON_LABELS, **_FIELD_LABELS.get(table, {})}
    out = []
    for key, pair in data.items():
        before, after = _pair(pair)
        if key == "id" and before == record_id and after is None:
            continue  # a delete line's own number: the row names its record already
        out.append(
            FieldChange(
                key,
                tr(labels[key]) if key in labels else key,
                before,
                after,
                names.reference(table, key, before),
                names.reference(table, key, after),
            )
        )
    return tuple(out)


def record_changes(
    db: Database,
    table: str,
    record_id: int,
    *,
    related: Sequence[tuple[str, int]] = (),
    children: bool = False,
) -> list[ChangeRow]:
    """The logged changes of record ``record_id`` of ``table`` and of the ``related``
    ``(table, id)`` records, newest first; with ``children``, also of the records
    :data:`CHILDREN` lists under it, those since removed included. References are named (see
    :mod:`.change_names`), and so is each row's record. An unknown table is a ValidationError;
    a record never logged (or loaded in bulk with the demo data) has an empty history."""
    wanted = [(check_table(table), _record_id(record_id))]
    wanted += [(check_table(t), _record_id(i)) for t, i in related]
    names = Names()
    with db.session() as s:
        lines = lines_of(s, wanted)
        named: dict[int, str] = {}  # log line id → the name of a removed child
        own = [c for c in lines if (c.table_name, c.record_id) == wanted[0]]
        found, gone = child_lines(s, *wanted[0], own) if children else ([], [])
        for life in found:
            names.want(life[0].table_name, life[0].record_id)
        for life in gone:
            names.want_values(life[0].table_name, life_values(life))
        lines += [line for life in (*found, *gone) for line in life]
        for t, i in wanted:
            names.want(t, i)
        parsed = {line.id: _parsed(line.changes) for line in lines}
        for line in lines:
            _want_references(names, line.table_name, parsed[line.id])
        names.load(s)
        for life in gone:
            first = life[0]
            name = names.from_values(first.table_name, life_values(life))
            named |= {line.id: deleted_name(name, first.record_id or 0) for line in life}
        unique = {line.id: line for line in lines}
        ordered = sorted(unique.values(), key=lambda c: (c.at, c.id), reverse=True)
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
                changes=_field_changes(c.table_name, parsed[c.id], names, c.record_id),
                record_name=named.get(c.id) or names.of(c.table_name, c.record_id),
            )
            for c in ordered
        ]


# Dates and times are logged in ISO form (audit._plain); shown as the rest of the app shows them.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def _as_shown(text: str) -> str:
    """``2026-12-27`` → ``27/12/2026``; ``2026-12-27T08:00:00`` → ``27/12/2026 08:00`` (the
    order of the log's own times and of every table)."""
    try:
        if _ISO_DATE.fullmatch(text):
            return short_date(date.fromisoformat(text))
        if _ISO_TIME.fullmatch(text):
            at = datetime.fromisoformat(text)
            return f"{short_date(at.date())} {at:%H:%M}"
    except ValueError:  # the shape of a date, not a real one: shown as logged
        pass
    return text


def _shown(value: Any, name: str | None, limit: int) -> str:
    if name is None:
        return value_text(value, limit)
    return name if not limit or len(name) <= limit else name[: limit - 1] + "…"


def value_text(value: Any, limit: int = 0) -> str:
    """A logged value for display: empty for none, a date or time as the app writes them
    (dd/mm/yyyy), cut to ``limit`` characters if given."""
    if value is None:
        return ""
    text = _as_shown(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text
