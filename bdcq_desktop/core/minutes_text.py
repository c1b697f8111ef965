"""The minutes (biên bản) as a draft the secretary edits, its revisions, and reopening.

The draft is built from the meeting: the opening (time, place, chair, secretary: stored in
``Minutes.opening_text`` once edited), the attendance summary (from the attendance, not
editable here), the notes under each agenda item (the live notes), the conclusions with their
tasks, and the closing. :func:`save_minutes` saves the edited parts in one transaction and
appends a revision: a JSON snapshot of the whole draft, with who (:func:`.audit.current_user`)
and when. Revisions are never changed or deleted; reading them back, and the minutes' state
and issues, is :mod:`.minutes_history`.

Issuing the minutes (the documents engine, :mod:`.minutes`) locks them and appends an "issued"
revision. :func:`reopen_minutes` unlocks issued minutes for a correction: a reason is required,
it is stored on the minutes (so the change log records it, with who and when), the meeting goes
back to held, and a "reopened" revision starts the new round. The issued document is *not*
deleted: it stays in the register with its number and its PDF (retrievable, fingerprint
checked), marked superseded. Issuing the corrected minutes takes a new number of the register
(numbers are never reused or re-dated); the earlier number stays on record as superseded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from . import validation as v
from .attendance import rows_of
from .attendance_groups import WALK_IN_LABEL, group_counts, late_text, walk_in_text
from .audit import current_user
from .conclusions import ConclusionRow, conclusion_rows
from .db import Database
from .errors import BcdError, ValidationError
from .i18n import tr
from .item_notes import clean_notes
from .locking import check_version, conflict, flush, touch
from .meeting_rules import OPEN_STATUSES, load_meeting, not_held_yet
from .meeting_secretary import serving_secretary_of
from .models import (
    IssuedDocument,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesRevision,
    utcnow,
)
from .tasks import TaskRow
from .text import date_text, decree_date, time_text
from .wording import mid_sentence

MINUTES_KIND = "minutes"


def _what() -> str:
    return tr("Biên bản")


@dataclass(frozen=True)
class DraftItem:
    item_id: int
    order: int
    title: str
    notes: str


@dataclass(frozen=True)
class MinutesDraft:
    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair: str
    secretary: str
    opening: str
    attendance: tuple[str, ...]
    items: tuple[DraftItem, ...]
    conclusions: tuple[ConclusionRow, ...]
    closing: str
    version: int  # the minutes' version (0: none written yet): what save_minutes expects
    is_final: bool
    closed_at: datetime | None = None  # the actual end (meeting_close), None: not recorded
    opened_at: datetime | None = None  # the actual start (meeting_close), None: not recorded

    @property
    def text(self) -> str:
        """The whole draft as plain text (what the .docx and the revisions show)."""
        return render_text(self.snapshot())

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "opening": self.opening,
            "attendance": list(self.attendance),
            "items": [{"id": i.item_id, "title": i.title, "notes": i.notes} for i in self.items],
            "conclusions": [
                {"text": c.text, "tasks": [task_line(t) for t in c.tasks]} for c in self.conclusions
            ],
            "closing": self.closing,
        }


def task_line(t: TaskRow) -> str:
    parts = []
    if t.assignee:
        parts.append(tr("giao: {who}").format(who=t.assignee))
    if t.focal_unit and t.focal_unit != t.assignee_unit:
        parts.append(tr("đầu mối: {unit}").format(unit=t.focal_unit))
    if t.deadline_as_given:  # what the meeting decided: an extension since is not its word
        parts.append(tr("thời hạn: {day}").format(day=decree_date(t.deadline_as_given)))
    text = t.content.rstrip(" .;")
    return f"{text} ({'; '.join(parts)})" if parts else text


def render_text(snap: Mapping[str, Any]) -> str:
    """Plain text of a draft or revision snapshot."""
    out = [tr("BIÊN BẢN"), snap.get("title", ""), ""]
    if snap.get("opening"):
        out += [snap["opening"], ""]
    if snap.get("attendance"):
        out.append(tr("Thành phần tham dự:"))
        out += [f"- {line}" for line in snap["attendance"]]
        out.append("")
    out.append(tr("Nội dung:"))
    for n, item in enumerate(snap.get("items", []), start=1):
        out.append(f"{n}. {item['title']}")
        if item.get("notes"):
            out.append(item["notes"])
    if snap.get("conclusions"):
        out += ["", tr("Kết luận:")]
        for n, c in enumerate(snap["conclusions"], start=1):
            out.append(f"{n}. {c['text']}")
            out += [f"   - {t}" for t in c.get("tasks", [])]
    if snap.get("closing"):
        out += ["", snap["closing"]]
    return "\n".join(out).strip() + "\n"


def default_opening(m: Meeting, opened_at: datetime | None = None) -> str:
    """The opening lines: the actual start once recorded, else the planned one."""
    start = opened_at or m.starts_at
    lines = [
        tr("Thời gian bắt đầu: {time}, {day}.").format(
            time=time_text(start.time()), day=date_text(start.date())
        )
    ]
    if m.place:
        lines.append(tr("Địa điểm: {place}.").format(place=m.place.rstrip(".")))
    if m.chair:
        lines.append(tr("Chủ trì: đồng chí {name}.").format(name=m.chair.full_name))
    if m.secretary:
        lines.append(tr("Thư ký: đồng chí {name}.").format(name=m.secretary.full_name))
    return "\n".join(lines)


def default_closing(m: Meeting, closed_at: datetime | None = None) -> str:
    """The end sentence: the actual end once recorded, else the planned one."""
    end = closed_at or m.ends_at
    if end is None:
        return ""
    if end.date() == m.starts_at.date():
        return tr("Cuộc họp kết thúc vào {time} cùng ngày.").format(time=time_text(end.time()))
    return tr("Cuộc họp kết thúc vào {time}, {day}.").format(
        time=time_text(end.time()), day=date_text(end.date())
    )


def _attendance_lines(s: Session, m: Meeting) -> tuple[str, ...]:
    rows = rows_of(m, serving_secretary_of(s, m))
    # The minutes name the secretary serving them as THƯ KÝ, not among those present.
    counted = [r for r in rows if not r.takes_the_minutes]
    day = m.starts_at.date()
    # One line per group, as the issued minutes count them (the same core function).
    lines = [g.line + "." for g in group_counts((r.category, r.status, r.walk_in) for r in counted)]
    for r in counted:
        if r.walk_in:  # came uninvited: named on their own line, with position and agency
            who = ", ".join(x for x in (r.name, r.position, r.unit) if x)
            lines.append(f"{tr(WALK_IN_LABEL)}: " + walk_in_text(who, r.status, r.late_at, day))
        elif r.status == "absent":
            why = tr(" (lý do: {reason})").format(reason=mid_sentence(r.reason)) if r.reason else ""
            lines.append(tr("Vắng: {name}").format(name=r.name) + why)
        elif r.status == "substitute":
            who = r.substitute_name + (
                f", {r.substitute_position}" if r.substitute_position else ""
            )
            lines.append(tr("{who} dự thay {name}").format(who=who, name=r.name))
        elif r.status == "online":
            lines.append(tr("{name} dự trực tuyến").format(name=r.name))
        elif r.status == "late" and r.arrived_at is not None:
            # As the issued minutes write it: "đến muộn lúc 08 giờ 20 phút".
            lines.append(f"{r.name} {late_text(r.arrived_at, day)}")
    return tuple(lines)


def _load(s: Session, meeting_id: int) -> Meeting:
    return load_meeting(
        s,
        meeting_id,
        joinedload(Meeting.chair),
        joinedload(Meeting.secretary),
        selectinload(Meeting.minutes),
    )


def _minutes(s: Session, meeting_id: int) -> Minutes | None:
    return s.scalar(select(Minutes).where(Minutes.meeting_id == meeting_id))


def draft_of(s: Session, m: Meeting, today: date | None = None) -> MinutesDraft:
    mins = _minutes(s, m.id)
    items = sorted(m.agenda, key=lambda a: (a.position, a.id))
    return MinutesDraft(
        meeting_id=m.id,
        title=m.title,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place or "",
        chair=m.chair.full_name if m.chair else "",
        secretary=m.secretary.full_name if m.secretary else "",
        opening=(
            mins.opening_text
            if mins and mins.opening_text
            else default_opening(m, mins.opened_at if mins else None)
        ),
        attendance=_attendance_lines(s, m),
        items=tuple(
            DraftItem(a.id, n, a.title, a.minutes_text or "") for n, a in enumerate(items, 1)
        ),
        conclusions=conclusion_rows(s, m.id, today or date.today()),
        closing=(
            mins.closing_text
            if mins and mins.closing_text
            else default_closing(m, mins.closed_at if mins else None)
        ),
        closed_at=mins.closed_at if mins else None,
        opened_at=mins.opened_at if mins else None,
        version=mins.version if mins else 0,
        is_final=bool(mins and mins.is_final),
    )


def minutes_draft(db: Database, meeting_id: int) -> MinutesDraft:
    with db.session() as s:
        return draft_of(s, _load(s, meeting_id))


def add_revision(s: Session, m: Meeting, mins: Minutes, event: str, **extra: Any) -> None:
    """Append a revision: the draft as it stands in this session, with who and when."""
    flush(s, _what())
    snap = draft_of(s, m).snapshot()
    snap.update(event=event, **extra)
    s.add(
        MinutesRevision(
            minutes_id=mins.id,
            saved_at=utcnow(),
            # Signed as the change log signs the same transaction: an import from the meeting
            # room names the room's record there ("user (biên ghi phòng họp …)").
            author=s.info.get("audit_user") or current_user(),
            content=json.dumps(snap, ensure_ascii=False),
        )
    )


def _version_of(mins: Minutes | None, expected: int | None) -> None:
    if expected is None:
        return
    current = mins.version if mins else 0
    if current != expected:
        raise conflict(_what(), current)


def save_minutes(
    db: Database,
    meeting_id: int,
    *,
    expected_version: int | None,
    opening: str | None = None,
    closing: str | None = None,
    items: Mapping[int, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Save the parts given (``None``: unchanged; ``items``: notes by agenda item id) and
    append a revision; returns the minutes' new version. Nothing changed: no revision."""
    label_open, label_close = tr("Phần mở đầu"), tr("Phần kết thúc")
    open_text = v.text(opening, "opening", label_open, max_len=20_000, multiline=True)
    close_text = v.text(closing, "closing", label_close, max_len=20_000, multiline=True)
    notes = {
        v.record_id(k, "items", tr("Mã mục chương trình")): clean_notes(t)
        for k, t in (items or {}).items()
    }
    at = now or datetime.now().replace(microsecond=0)
    with db.session() as s:
        m = _load(s, meeting_id)
        mins = _minutes(s, m.id)
        _version_of(mins, expected_version)
        if m.status == MeetingStatus.CANCELLED or (mins and mins.is_final):
            raise BcdError(
                tr("Biên bản đã ban hành hoặc cuộc họp đã hủy: không sửa được (mở lại biên bản).")
            )
        if m.status in OPEN_STATUSES:
            if not_held_yet(m.status, m.starts_at, at):
                raise BcdError(tr("Cuộc họp chưa diễn ra: chưa lập biên bản được."))
            m.status = MeetingStatus.HELD
        by_id = {a.id: a for a in m.agenda}
        missing = sorted(set(notes) - set(by_id))
        if missing:
            raise ValidationError(
                "items",
                tr("Không có mục chương trình mã {ids} trong cuộc họp này.").format(
                    ids=", ".join(map(str, missing))
                ),
                label=tr("Nội dung"),
            )
        if mins is None:
            mins = Minutes(meeting_id=m.id)
            s.add(mins)
        before = draft_of(s, m).snapshot() if mins.id else None
        was = mins.version if mins.id else None
        if opening is not None:
            mins.opening_text = open_text
        if closing is not None:
            mins.closing_text = close_text
        for item_id, text in notes.items():
            if (by_id[item_id].minutes_text or "") != text:
                by_id[item_id].minutes_text = text
        flush(s, _what())
        if before is not None and draft_of(s, m).snapshot() == before:
            return mins.version  # nothing changed: no new revision
        if mins.version == was:  # only the notes changed: the flush left the row as it was
            touch(mins)  # one bump per save, never a second one on top of the flush's
        add_revision(s, m, mins, "saved")
        flush(s, _what())
        return mins.version


def reopen_minutes(
    db: Database, meeting_id: int, reason: object, *, expected_version: int | None
) -> int:
    """Unlock issued minutes for a correction (see the module doc); returns their version."""
    text = v.text(reason, "reason", tr("Lý do mở lại"), required=True, max_len=500)
    with db.session() as s:
        m = _load(s, meeting_id)
        mins = _minutes(s, m.id)
        if mins is None or not mins.is_final:
            raise BcdError(tr("Biên bản chưa ban hành: không cần mở lại."))
        check_version(mins, expected_version, _what())
        now = datetime.now().replace(microsecond=0)
        issued = s.scalars(
            select(IssuedDocument).where(
                IssuedDocument.kind == MINUTES_KIND,
                IssuedDocument.record_type == "meeting",
                IssuedDocument.record_id == m.id,
                IssuedDocument.superseded_at.is_(None),
            )
        ).all()
        for doc in issued:
            doc.superseded_at = now
        mins.is_final = False
        mins.pdf_sha256 = None
        mins.finalised_at = None
        mins.reopen_reason = text
        mins.reopened_at = now
        m.status = MeetingStatus.HELD
        add_revision(s, m, mins, "reopened", reason=text, superseded=[d.symbol for d in issued])
        flush(s, _what())
        return mins.version
