"""``bdcq meetings show``: one meeting in full, as text, as JSON (codes, ISO dates, the ids
behind the names, the versions) or as one CSV row of the meeting's own fields, under the
headers of ``meetings list``'s CSV; its agenda, invitees and documents are the JSON's.
``meetings edit`` and the other corrections print the meeting the same way."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from .common import open_db, show_record
from .meeting_record import held_lines, record_dict

# The CSV row: the meeting list's columns first, then the rest of the record and its minutes'
# state (minutes.version is what start, close and minutes --expected-version take).
CSV_COLUMNS = [
    "id",
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "status",
    "chair",
    "chair_delegated_by",
    "secretary",
    "called_by",
    "proposed_by",
    "notes",
    "cancel_reason",
    "uid",
    "version",
    "minutes.status",
    "minutes.version",
    "minutes.opened_at",
    "minutes.closed_at",
    "minutes.issued_number",
]
CSV_HEADERS = {
    "id": "Mã",
    "title": "Tên cuộc họp",
    "kind": "Loại",
    "starts_at": "Bắt đầu",
    "ends_at": "Kết thúc",
    "place": "Địa điểm",
    "status": "Trạng thái",
    "chair": "Chủ trì",
    "chair_delegated_by": "Người ủy quyền chủ trì",
    "secretary": "Thư ký",
    "called_by": "Người triệu tập",
    "proposed_by": "Người đề nghị",
    "notes": "Ghi chú",
    "cancel_reason": "Lý do hủy",
    "uid": "Mã lịch (UID)",
    "minutes.status": "Biên bản",
    "minutes.version": "Phiên bản biên bản",
    "minutes.opened_at": "Bắt đầu thực tế",
    "minutes.closed_at": "Kết thúc thực tế",
    "minutes.issued_number": "Số biên bản",
}


def _name(ref: Any) -> str | None:
    return ref.name if ref is not None else None


def detail_dict(d: Any) -> dict[str, Any]:
    """The meeting as ``show --format json`` prints it (codes, ISO dates)."""
    from ..core.tabular import plain

    return {
        "id": d.id,
        "uid": d.uid,
        "title": d.title,
        "kind": d.kind,
        "status": d.status,
        "starts_at": plain(d.starts_at),
        "ends_at": plain(d.ends_at),
        "place": d.place,
        "chair": _name(d.chair),
        "chair_delegated_by": _name(d.chair_delegated_by),
        "secretary": _name(d.secretary),
        "called_by": _name(d.called_by),
        "proposed_by": _name(d.proposed_by),
        "notes": d.notes,
        "cancel_reason": d.cancel_reason,
        "version": d.version,
        "agenda": [
            {
                # What meetings agenda (a kept item) and meetings minutes --item-notes name.
                "id": a.id,
                "order": a.order,
                "title": a.title,
                "presenter": a.presenter,
                "presenter_person_id": a.presenter_person_id,
                "presenter_unit_id": a.presenter_unit_id,
                "planned_minutes": a.planned_minutes,
                "starts_at": plain(a.starts_at),
            }
            for a in d.agenda
        ],
        "invitees": [
            {
                # The id that `meetings attend --invitee` takes.
                "id": i.id,
                "order": i.order,
                "name": i.name,
                "position": i.position,
                "unit": i.unit,
                "person_id": i.person_id,
                "unit_id": i.unit_id,
                "category": i.category,
                "role": i.role,
                "presents": i.presents,
                "attendance": i.attendance,
                # The meeting's secretary serving it: listed as recorded, counted nowhere.
                "takes_the_minutes": i.takes_the_minutes,
                # Attended without being invited: not among the invited counts.
                "walk_in": i.walk_in,
            }
            for i in d.invitees
        ],
        "counts": dict(d.counts),
        "documents": [
            {
                "number": doc.symbol,
                "kind": doc.kind,
                "date": plain(doc.issued_on),
                # Stopped being in force (a corrected paper, minutes reopened): when, and the
                # issue that replaced it (None: none yet).
                "superseded_on": plain(doc.superseded_on),
                "replaced_by": doc.replaced_by or None,
            }
            for doc in d.documents
        ],
        "agenda_warning": d.agenda_warning,
        **record_dict(d),
    }


def print_detail(d: Any) -> None:
    from ..core.tabular import render_table, shown

    def when(t: datetime | None) -> str:
        return shown(t) if t else ""

    lines = [
        f"Cuộc họp / meeting {d.id}: {d.title}",
        f"Loại / kind: {d.kind_label}",
        f"Trạng thái / status: {d.status_label}"
        + (f" ({d.cancel_reason})" if d.cancel_reason else ""),
        f"Thời gian / time: {when(d.starts_at)}" + (f" – {when(d.ends_at)}" if d.ends_at else ""),
        f"Địa điểm / place: {d.place}",
        *held_lines(d.minutes),
    ]
    for title, ref in (
        ("Chủ trì / chair", d.chair),
        ("Người ủy quyền chủ trì / delegated by", d.chair_delegated_by),
        ("Người triệu tập / called by", d.called_by),
        ("Người đề nghị / proposed by", d.proposed_by),
        ("Thư ký / secretary", d.secretary),
    ):
        if ref is not None:
            lines.append(f"{title}: {ref.name}" + (f", {ref.role_label}" if ref.role_label else ""))
    print("\n".join(lines))
    agenda = [
        {
            "STT": a.order,
            "Mã": a.id,
            "Giờ": f"{a.starts_at:%H:%M}" if a.starts_at else "",
            "Nội dung": a.title,
            "Trình bày": a.presenter,
            "Phút": a.planned_minutes,
        }
        for a in d.agenda
    ]
    if agenda:
        print("\nChương trình / agenda:\n" + render_table(agenda))
    if d.agenda_warning:
        print(f"Cảnh báo / warning: {d.agenda_warning}")
    invitees = [
        {
            "STT": i.order,
            "Mã": i.id,
            "Họ và tên": i.name,
            "Chức vụ": i.position,
            "Cơ quan": i.unit,
            "Thành phần": i.category_label,
            "Vai trò": i.role,
        }
        for i in d.invitees
    ]
    if invitees:
        print("\nThành phần mời / invitees:\n" + render_table(invitees))
    if d.attendance_summary and any(a.status != "unknown" for a in d.attendance):
        print(f"\nĐiểm danh / attendance: {d.attendance_summary.text}")
    # A paper replaced (corrected, minutes reopened) stays listed, marked as documents list does.
    from ..core.labels import document_label

    marked = any(x.superseded_on is not None for x in d.documents)
    docs = [
        {"Số, ký hiệu": x.symbol, "Loại": document_label(x.kind), "Ngày": shown(x.issued_on)}
        | ({"Hiệu lực": x.standing} if marked else {})
        for x in d.documents
    ]
    if docs:
        print("\nVăn bản / documents:\n" + render_table(docs))


def cmd_show(args: argparse.Namespace) -> int:
    from ..core.meetings import get_meeting

    detail = get_meeting(open_db(args), args.id)
    return show_record(detail, args.format, detail_dict, print_detail, (CSV_COLUMNS, CSV_HEADERS))
