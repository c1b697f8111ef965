"""A meeting's record brought back from the meeting room (biên ghi phòng họp).

The meeting-room laptop often has no network: it works on a copy of the office database (a
backup carried on a USB stick, :mod:`.backup`). What the room records there, the office cannot
get back by restoring the copy: that would throw away everything the office did meanwhile. So
the laptop writes one small file for one meeting (:func:`export_meeting_record`) and the office
merges it (:mod:`.room_merge`).

The file (JSON, UTF-8, NFC, extension :data:`SUFFIX`) holds what the room records: every
invitee's mark (status, reason, substitute, arrival), the walk-ins with what recreates them
(person or unit on record, or a guest's name, position and agency), each agenda item's live
notes, the actual start and end, the minutes' opening and closing if edited, and (since format
version 2) the chair's conclusions with their tasks, each with its ``uid``: one the room made
gets a new id at the office, and the uid is how a second import finds it. And what says
where it comes from: the database's identity (``organisation.database_uid``, kept by every
copy), the meeting's id and uid, and the tail of the copy's change log (ids and digests of its
last rows). The office finds the copy's fork in it: the rows it shares with the copy were
written before the copy was taken; its own rows after them are what it changed meanwhile, so
a mark or a text changed on both sides is told apart from one changed on one side only.

:func:`read_meeting_record` checks a file completely (size, JSON, every field's type, NFC,
dates) before anything reads the database, and refuses with a Vietnamese message naming what
is wrong. A version 1 file (written before the conclusions were carried) still reads: it says
nothing of the conclusions (:attr:`RoomRecord.conclusions` is ``None``), so none is touched.
Since version 3 it carries the laptop copy's identity and the export's number
(:mod:`.room_serial`): which of two files is the later is told without the laptop's clock.
Since version 4 each invitee carries its uid: a walk-in is a person, not a name.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import Database, output_path
from .files import on_disk, os_error, write_atomic
from .i18n import tr
from .meeting_rules import load_meeting
from .models import AgendaItem, ChangeLog, Conclusion, Minutes, Task
from .room_fields import bad as _bad
from .room_fields import choice as _choice
from .room_fields import day as _day
from .room_fields import int_ as _int
from .room_fields import list_ as _list
from .room_fields import obj as _obj
from .room_fields import text as _text
from .room_fields import when as _when
from .room_serial import database_uid, log_digest, next_export

FORMAT = "bdcq-room-record"
# 2: the conclusions and their tasks; 3: the laptop copy's identity and the export's number;
# 4: each invitee's uid (a walk-in is a person, not a name)
FORMAT_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
SUFFIX = ".bcdhop"
MAX_BYTES = 32 * 1024 * 1024  # notes of a long day fit many times over
# The copy's last change-log rows the file carries: the room's own changes come after the
# fork, so the fork is found among them unless the room made more changes than this.
LOG_TAIL = 2000

# What each kind of change is called where the preview is read (its "Loại"): the window's
# table and the command line's; JSON keeps the code.
CHANGE_KINDS = {
    "attendance": "Điểm danh",
    "walk_in": "Người dự thêm",
    "notes": "Ghi chép",
    "opened_at": "Giờ bắt đầu",
    "closed_at": "Giờ kết thúc",
    "opening_text": "Phần mở đầu",
    "closing_text": "Phần kết thúc",
    "walk_in_removed": "Xóa người dự thêm",
    "conclusion": "Kết luận",
    "task": "Nhiệm vụ",
    "task_order": "Thứ tự nhiệm vụ",
}


def change_kind_label(kind: str) -> str:
    return tr(CHANGE_KINDS.get(kind, kind))


MARKS = ("unknown", "present", "online", "absent", "substitute")
CATEGORIES = ("member", "working_group", "expert", "agency_head", "guest")


@dataclass(frozen=True)
class RoomInvitee:
    id: int
    person_id: int | None
    unit_id: int | None
    guest_name: str | None
    name: str
    position: str | None
    unit: str | None
    category: str
    walked_in_at: datetime | None
    attendance: str
    reason: str | None
    substitute_name: str | None
    substitute_position: str | None
    arrived_at: datetime | None
    uid: str | None = None  # a walk-in's (0021); None: an older file or row, or an invitation

    @property
    def mark(self) -> tuple[Any, ...]:
        return (
            self.attendance,
            self.reason,
            self.substitute_name,
            self.substitute_position,
            self.arrived_at,
        )


@dataclass(frozen=True)
class RoomItem:
    id: int
    title: str
    notes: str
    version: int
    updated_at: datetime | None  # UTC, as stored


@dataclass(frozen=True)
class RoomTask:
    id: int  # on the copy
    uid: str | None  # None: made before 0019, shared with the office by id
    content: str
    assignee_person_id: int | None
    assignee_unit_id: int | None
    focal_unit_id: int | None
    deadline: date | None

    @property
    def fields(self) -> tuple[Any, ...]:
        """What the room may change of it, as :func:`.conclusions.update_conclusion` takes it."""
        return (self.content, self.assignee_person_id, self.assignee_unit_id,
                self.focal_unit_id, self.deadline)  # fmt: skip


@dataclass(frozen=True)
class RoomConclusion:
    id: int  # on the copy
    uid: str | None
    text: str
    tasks: tuple[RoomTask, ...]


@dataclass(frozen=True)
class RoomRecord:
    database_uid: str
    log_tail: tuple[tuple[int, str], ...]
    exported_at: datetime
    meeting_id: int
    meeting_uid: str
    title: str
    starts_at: datetime
    meeting_version: int
    minutes_version: int  # 0: no minutes on the copy
    opened_at: datetime | None
    closed_at: datetime | None
    opening_text: str | None
    closing_text: str | None
    invitees: tuple[RoomInvitee, ...]
    items: tuple[RoomItem, ...]
    # In their order on the copy; None: a version 1 file, which does not carry them.
    conclusions: tuple[RoomConclusion, ...] | None = None
    # The laptop copy's identity and the export's number (:mod:`.room_serial`); None: a file
    # written before version 3.
    copy_uid: str | None = None
    serial: int | None = None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- writing ----------------------------------------------------------------------------------


def record_of(s: Session, meeting_id: int) -> dict[str, Any]:
    """The file's content for ``meeting_id`` as it stands in this database (the laptop's copy)."""
    m = load_meeting(s, meeting_id)
    mins = s.scalar(select(Minutes).where(Minutes.meeting_id == m.id))
    tail = s.scalars(select(ChangeLog).order_by(ChangeLog.id.desc()).limit(LOG_TAIL)).all()
    items = s.scalars(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == m.id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    copy_uid, serial = next_export(s)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(datetime.now().replace(microsecond=0)),
        "source": {
            "database_uid": database_uid(s),
            "log_tail": [[r.id, log_digest(r)] for r in reversed(tail)],
            "copy_uid": copy_uid,
            "serial": serial,
        },
        "meeting": {
            "id": m.id,
            "uid": m.uid,
            "title": m.title,
            "starts_at": _iso(m.starts_at),
            "version": m.version,
        },
        "minutes": {
            "version": mins.version if mins else 0,
            "opened_at": _iso(mins.opened_at) if mins else None,
            "closed_at": _iso(mins.closed_at) if mins else None,
            "opening_text": mins.opening_text if mins else None,
            "closing_text": mins.closing_text if mins else None,
        },
        "invitees": [
            {
                "id": i.id,
                "person_id": i.person_id,
                "unit_id": i.unit_id,
                "guest_name": i.guest_name,
                "name": i.name_snapshot or i.guest_name or "",
                "position": i.position_snapshot,
                "unit": i.unit_snapshot,
                "category": i.category.value,
                "walked_in_at": _iso(i.walked_in_at),
                "attendance": i.attendance.value,
                "reason": i.absence_reason,
                "substitute_name": i.substitute_name,
                "substitute_position": i.substitute_position,
                "arrived_at": _iso(i.arrived_at),
                "uid": i.uid,
            }
            for i in m.invitees
        ],
        "items": [
            {
                "id": a.id,
                "title": a.title,
                "notes": a.minutes_text or "",
                "version": a.version,
                "updated_at": _iso(a.updated_at),
            }
            for a in items
        ],
        "conclusions": _conclusions_of(s, m.id),
    }


def _conclusions_of(s: Session, meeting_id: int) -> list[dict[str, Any]]:
    found = s.scalars(
        select(Conclusion)
        .where(Conclusion.meeting_id == meeting_id)
        .order_by(Conclusion.position, Conclusion.id)
    ).all()
    out = []
    for c in found:
        tasks = sorted(c.tasks, key=lambda t: (t.position, t.id))
        rows = [_task_of(t) for t in tasks]
        out.append({"id": c.id, "uid": c.uid, "text": c.text, "tasks": rows})
    return out


def _task_of(t: Task) -> dict[str, Any]:
    return {
        "id": t.id,
        "uid": t.uid,
        "content": t.content,
        "assignee_person_id": t.assignee_person_id,
        "assignee_unit_id": t.assignee_unit_id,
        "focal_unit_id": t.focal_unit_id,
        "deadline": t.deadline.isoformat() if t.deadline else None,
    }


def export_meeting_record(db: Database, meeting_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the room's record of ``meeting_id`` to ``path`` (a temporary file renamed into
    place: a stick pulled out mid-write leaves no half file under the name); returns it."""
    with db.session() as s:
        content = record_of(s, meeting_id)
    text = json.dumps(content, ensure_ascii=False, indent=1)
    data = unicodedata.normalize("NFC", text).encode("utf-8")
    return write_atomic(output_path(path, db), data)


# --- reading ----------------------------------------------------------------------------------


def _invitee(raw: Any, n: int, version: int) -> RoomInvitee:
    where = tr("người dự thứ {n}").format(n=n)
    keys = (
        "id", "person_id", "unit_id", "guest_name", "name", "position", "unit", "category",
        "walked_in_at", "attendance", "reason", "substitute_name", "substitute_position",
        "arrived_at",
    ) + (("uid",) if version >= 4 else ())  # fmt: skip
    d = _obj(raw, where, keys)
    name = _text(d["name"], f"{where}, “name”", limit=200, nullable=False)
    if not (name or "").strip():
        raise _bad(f"{where}, “name”", tr("không được để trống"))
    return RoomInvitee(
        id=_int(d["id"], f"{where}, “id”", minimum=1) or 0,
        person_id=_int(d["person_id"], f"{where}, “person_id”", minimum=1, nullable=True),
        unit_id=_int(d["unit_id"], f"{where}, “unit_id”", minimum=1, nullable=True),
        guest_name=_text(d["guest_name"], f"{where}, “guest_name”", limit=200),
        name=name or "",
        position=_text(d["position"], f"{where}, “position”", limit=200),
        unit=_text(d["unit"], f"{where}, “unit”", limit=200),
        category=_choice(d["category"], f"{where}, “category”", CATEGORIES),
        walked_in_at=_when(d["walked_in_at"], f"{where}, “walked_in_at”"),
        attendance=_choice(d["attendance"], f"{where}, “attendance”", MARKS),
        reason=_text(d["reason"], f"{where}, “reason”", limit=300),
        substitute_name=_text(d["substitute_name"], f"{where}, “substitute_name”", limit=200),
        substitute_position=_text(
            d["substitute_position"], f"{where}, “substitute_position”", limit=200
        ),
        arrived_at=_when(d["arrived_at"], f"{where}, “arrived_at”"),
        uid=_text(d.get("uid"), f"{where}, “uid”", limit=36),
    )


def _item(raw: Any, n: int) -> RoomItem:
    where = tr("mục chương trình thứ {n}").format(n=n)
    d = _obj(raw, where, ("id", "title", "notes", "version", "updated_at"))
    return RoomItem(
        id=_int(d["id"], f"{where}, “id”", minimum=1) or 0,
        title=_text(d["title"], f"{where}, “title”", limit=500, nullable=False) or "",
        notes=_text(d["notes"], f"{where}, “notes”", limit=200_000, nullable=False) or "",
        version=_int(d["version"], f"{where}, “version”", minimum=1) or 1,
        updated_at=_when(d["updated_at"], f"{where}, “updated_at”"),
    )


def _task(raw: Any, where: str) -> RoomTask:
    keys = ("id", "uid", "content", "assignee_person_id", "assignee_unit_id", "focal_unit_id",
            "deadline")  # fmt: skip
    d = _obj(raw, where, keys)
    return RoomTask(
        id=_int(d["id"], f"{where}, “id”", minimum=1) or 0,
        uid=_text(d["uid"], f"{where}, “uid”", limit=36),
        content=_text(d["content"], f"{where}, “content”", limit=10_000, nullable=False) or "",
        assignee_person_id=_int(d["assignee_person_id"], f"{where}, “assignee_person_id”",
                                minimum=1, nullable=True),
        assignee_unit_id=_int(d["assignee_unit_id"], f"{where}, “assignee_unit_id”", minimum=1,
                              nullable=True),
        focal_unit_id=_int(d["focal_unit_id"], f"{where}, “focal_unit_id”", minimum=1,
                           nullable=True),
        deadline=_day(d["deadline"], f"{where}, “deadline”"),
    )  # fmt: skip


def _conclusion(raw: Any, n: int) -> RoomConclusion:
    where = tr("kết luận thứ {n}").format(n=n)
    d = _obj(raw, where, ("id", "uid", "text", "tasks"))
    tasks = tuple(
        _task(t, tr("{where}, nhiệm vụ {k}").format(where=where, k=k))
        for k, t in enumerate(_list(d["tasks"], f"{where}, “tasks”", 200), start=1)
    )
    return RoomConclusion(
        id=_int(d["id"], f"{where}, “id”", minimum=1) or 0,
        uid=_text(d["uid"], f"{where}, “uid”", limit=36),
        text=_text(d["text"], f"{where}, “text”", limit=10_000, nullable=False) or "",
        tasks=tasks,
    )


def _conclusions(top: dict[str, Any]) -> tuple[RoomConclusion, ...] | None:
    if top["format_version"] < 2:
        return None
    raw = _list(top["conclusions"], "“conclusions”", 500)
    found = tuple(_conclusion(r, n) for n, r in enumerate(raw, start=1))
    tasks = [t for c in found for t in c.tasks]
    for ids in ([c.id for c in found], [c.uid for c in found if c.uid],
                [t.id for t in tasks], [t.uid for t in tasks if t.uid]):  # fmt: skip
        if len(set(ids)) != len(ids):
            raise _bad("“conclusions”", tr("một mã xuất hiện hai lần"))
    return found


def parse_record(content: Any) -> RoomRecord:
    """The record of a decoded file, every field checked (see :func:`read_meeting_record`)."""
    keys = ("format", "format_version", "exported_at", "source", "meeting", "minutes",
            "invitees", "items")  # fmt: skip
    if not isinstance(content, dict):
        raise _bad(tr("tệp"), tr("phải là một đối tượng"))
    if content.get("format") != FORMAT:
        raise _bad(tr("“format”"), tr("không phải biên ghi phòng họp của phần mềm này"))
    version = content.get("format_version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise _bad(
            tr("“format_version”"),
            tr("phiên bản {v} chưa được hỗ trợ (cần {n}); hãy cập nhật phần mềm").format(
                v=str(version)[:20], n=FORMAT_VERSION
            ),
        )
    top = _obj(content, tr("tệp"), keys + (("conclusions",) if version >= 2 else ()))
    numbered = ("copy_uid", "serial") if version >= 3 else ()
    src = _obj(top["source"], "“source”", ("database_uid", "log_tail", *numbered))
    uid = _text(src["database_uid"], "“source.database_uid”", limit=36, nullable=False) or ""
    tail = []
    for n, pair in enumerate(_list(src["log_tail"], "“source.log_tail”", LOG_TAIL), start=1):
        where = tr("“source.log_tail” dòng {n}").format(n=n)
        if not isinstance(pair, list) or len(pair) != 2:
            raise _bad(where, tr("phải là [mã, dấu]"))
        tail.append(
            (_int(pair[0], where, minimum=1) or 0, _text(pair[1], where, limit=64, nullable=False))
        )
    if [t[0] for t in tail] != sorted({t[0] for t in tail}):
        raise _bad("“source.log_tail”", tr("mã không tăng dần"))
    meet = _obj(top["meeting"], "“meeting”", ("id", "uid", "title", "starts_at", "version"))
    mins = _obj(
        top["minutes"],
        "“minutes”",
        ("version", "opened_at", "closed_at", "opening_text", "closing_text"),
    )
    rows = _list(top["invitees"], "“invitees”", 5000)
    invitees = tuple(_invitee(r, n, version) for n, r in enumerate(rows, 1))
    items = tuple(_item(r, n) for n, r in enumerate(_list(top["items"], "“items”", 500), 1))
    for ids in ([i.id for i in invitees], [i.uid for i in invitees if i.uid],
                [i.id for i in items]):  # fmt: skip
        if len(set(ids)) != len(ids):
            raise _bad(tr("danh sách"), tr("một mã xuất hiện hai lần"))
    starts = _when(meet["starts_at"], "“meeting.starts_at”", nullable=False)
    exported = _when(top["exported_at"], "“exported_at”", nullable=False)
    assert starts is not None and exported is not None
    return RoomRecord(
        database_uid=uid,
        log_tail=tuple((i, h or "") for i, h in tail),
        exported_at=exported,
        meeting_id=_int(meet["id"], "“meeting.id”", minimum=1) or 0,
        meeting_uid=_text(meet["uid"], "“meeting.uid”", limit=36, nullable=False) or "",
        title=_text(meet["title"], "“meeting.title”", limit=300, nullable=False) or "",
        starts_at=starts,
        meeting_version=_int(meet["version"], "“meeting.version”", minimum=1) or 1,
        minutes_version=_int(mins["version"], "“minutes.version”") or 0,
        opened_at=_when(mins["opened_at"], "“minutes.opened_at”"),
        closed_at=_when(mins["closed_at"], "“minutes.closed_at”"),
        opening_text=_text(mins["opening_text"], "“minutes.opening_text”", limit=20_000),
        closing_text=_text(mins["closing_text"], "“minutes.closing_text”", limit=20_000),
        invitees=invitees,
        items=items,
        conclusions=_conclusions(top),
        copy_uid=_text(src["copy_uid"], "“source.copy_uid”", limit=36) if numbered else None,
        serial=_int(src["serial"], "“source.serial”", minimum=1) if numbered else None,
    )


def read_meeting_record(path: str | os.PathLike[str]) -> RoomRecord:
    """Read and check a room record file; a :class:`.errors.BcdError` says what is wrong."""
    target = on_disk(path)
    try:
        size = target.stat().st_size
        if size > MAX_BYTES:
            raise _bad(
                str(target.name),
                tr("tệp lớn {mb} MB, quá giới hạn {limit} MB").format(
                    mb=size // (1024 * 1024), limit=MAX_BYTES // (1024 * 1024)
                ),
            )
        with target.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise os_error(exc, target) from None
    if not data:
        raise _bad(target.name, tr("tệp rỗng (có thể bị cắt cụt khi chép)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(target.name, tr("không phải chữ UTF-8")) from None
    try:
        content = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise _bad(target.name, tr("lồng nhau quá sâu")) from None
    except ValueError as exc:
        raise _bad(
            target.name,
            tr("không đọc được JSON (có thể bị cắt cụt hoặc hỏng) ở dòng {line}").format(
                line=getattr(exc, "lineno", "?")
            ),
        ) from None
    return parse_record(content)


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: not JSON, and no field of the file takes them
