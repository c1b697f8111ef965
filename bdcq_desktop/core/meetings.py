"""Meetings: listing, creation and the committee's meeting rules (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from . import validation as v
from .db import Database
from .errors import NotFoundError
from .i18n import tr
from .labels import label
from .models import AttendanceStatus, Invitee, InviteeCategory, Meeting, MeetingKind, MeetingStatus
from .text import fold

REGULAR_INTERVAL_MONTHS = 6


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    kind: str
    kind_label: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    status: str
    status_label: str
    chair: str
    invited: int
    present: int
    version: int


def list_meetings(
    db: Database,
    *,
    search: str | None = None,
    kind: MeetingKind | None = None,
    status: MeetingStatus | None = None,
) -> list[MeetingRow]:
    """Meetings, newest first, with invitation and presence counts (one query)."""
    with db.session() as s:
        invited = (
            select(Invitee.meeting_id, func.count().label("n"))
            .group_by(Invitee.meeting_id)
            .subquery()
        )
        present = (
            select(Invitee.meeting_id, func.count().label("n"))
            .where(Invitee.attendance.in_([AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE]))
            .group_by(Invitee.meeting_id)
            .subquery()
        )
        stmt = (
            select(Meeting, func.coalesce(invited.c.n, 0), func.coalesce(present.c.n, 0))
            .options(joinedload(Meeting.chair))
            .outerjoin(invited, invited.c.meeting_id == Meeting.id)
            .outerjoin(present, present.c.meeting_id == Meeting.id)
            .order_by(Meeting.starts_at.desc())
        )
        if kind is not None:
            stmt = stmt.where(Meeting.kind == kind)
        if status is not None:
            stmt = stmt.where(Meeting.status == status)
        rows = [
            MeetingRow(
                id=m.id,
                title=m.title,
                kind=m.kind.value,
                kind_label=label(m.kind),
                starts_at=m.starts_at,
                ends_at=m.ends_at,
                place=m.place or "",
                status=m.status.value,
                status_label=label(m.status),
                chair=m.chair.full_name if m.chair else "",
                invited=n_inv,
                present=n_pres,
                version=m.version,
            )
            for m, n_inv, n_pres in s.execute(stmt).unique()
        ]
    if search:
        q = fold(search).split()
        rows = [r for r in rows if all(w in fold(f"{r.title} {r.place} {r.chair}") for w in q)]
    return rows


MEETING_LABELS = {
    "kind": "Loại cuộc họp",
    "title": "Tên cuộc họp",
    "starts_at": "Thời gian bắt đầu",
    "ends_at": "Thời gian kết thúc",
    "place": "Địa điểm",
    "chair_id": "Chủ trì",
    "secretary_id": "Thư ký",
    "called_by_id": "Người triệu tập",
    "proposed_by_id": "Người đề nghị",
    "status": "Trạng thái",
    "notes": "Ghi chú",
}


def clean_meeting(data: dict[str, Any]) -> dict[str, Any]:
    L = {k: tr(x) for k, x in MEETING_LABELS.items()}
    out: dict[str, Any] = {}
    out["kind"] = v.choice(data.get("kind"), MeetingKind, "kind", L["kind"])
    out["title"] = v.text(data.get("title"), "title", L["title"], required=True, max_len=300)
    out["starts_at"] = v.datetime_value(
        data.get("starts_at"), "starts_at", L["starts_at"], required=True
    )
    out["ends_at"] = v.datetime_value(data.get("ends_at"), "ends_at", L["ends_at"])
    if out["ends_at"] is not None:
        v.date_order(out["starts_at"], out["ends_at"], "ends_at", L["ends_at"])
    out["place"] = v.text(data.get("place"), "place", L["place"], max_len=300)
    out["notes"] = v.text(data.get("notes"), "notes", L["notes"], max_len=4000, multiline=True)
    for key in ("chair_id", "secretary_id", "called_by_id", "proposed_by_id"):
        out[key] = data.get(key) or None
    if "status" in data:
        out["status"] = v.choice(data["status"], MeetingStatus, "status", L["status"])
    return out


def create_meeting(db: Database, **data: Any) -> int:
    clean = clean_meeting(data)
    with db.session() as s:
        m = Meeting(**clean)
        s.add(m)
        s.flush()
        return m.id


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    """A detached meeting with its agenda, invitees, minutes and conclusions loaded."""
    with db.session() as s:
        m = s.get(
            Meeting,
            meeting_id,
            options=[
                joinedload(Meeting.agenda),
                joinedload(Meeting.invitees),
                joinedload(Meeting.minutes),
                joinedload(Meeting.conclusions),
                joinedload(Meeting.chair),
                joinedload(Meeting.secretary),
            ],
        )
        if m is None:
            raise NotFoundError(tr("Không tìm thấy cuộc họp có mã {id}.").format(id=meeting_id))
        return m


def next_regular_due(db: Database) -> date | None:
    """Six months after the last regular meeting held (Rule 3), or None if none was held."""
    with db.session() as s:
        last = s.scalar(
            select(func.max(Meeting.starts_at)).where(
                Meeting.kind == MeetingKind.REGULAR,
                Meeting.status.in_([MeetingStatus.HELD, MeetingStatus.MINUTES_FINAL]),
            )
        )
    if last is None:
        return None
    month = last.month - 1 + REGULAR_INTERVAL_MONTHS
    year, month = last.year + month // 12, month % 12 + 1
    day = min(last.day, 28)
    return date(year, month, day)


def regular_meeting_warning(db: Database, today: date | None = None) -> str | None:
    """A warning when the next regular meeting is due within 30 days or overdue and none is
    planned."""
    today = today or date.today()
    due = next_regular_due(db)
    if due is None:
        return None
    with db.session() as s:
        planned = s.scalar(
            select(func.count()).where(
                Meeting.kind == MeetingKind.REGULAR,
                Meeting.starts_at >= datetime.combine(today, datetime.min.time()),
                Meeting.status.in_([MeetingStatus.PLANNED, MeetingStatus.CONVENED]),
            )
        )
    if planned:
        return None
    days = (due - today).days
    if days < 0:
        return tr("Đã quá hạn họp định kỳ 6 tháng {n} ngày (hạn {due}).").format(
            n=-days, due=due.strftime("%d/%m/%Y")
        )
    if days <= 30:
        return tr("Sắp đến hạn họp định kỳ 6 tháng: {due}.").format(due=due.strftime("%d/%m/%Y"))
    return None


def category_counts(db: Database, meeting_id: int) -> dict[str, int]:
    """Invitees by category: expanded meetings count members apart from agency heads, experts."""
    with db.session() as s:
        rows = s.execute(
            select(Invitee.category, func.count())
            .where(Invitee.meeting_id == meeting_id)
            .group_by(Invitee.category)
        ).all()
    counts = {c.value: 0 for c in InviteeCategory}
    counts.update({c.value: n for c, n in rows})
    return counts
