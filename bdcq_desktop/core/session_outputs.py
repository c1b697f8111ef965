"""The drafts a session produces (sản phẩm) and their files (headless).

An output has a title, a kind (đề án, dự án, quy chế, văn bản QPPL, other), a version label,
a status and, once submitted, the committee meeting it went to. Its file is kept in the
database (:mod:`.stored_files`: safe display name, 50 MB limit, SHA-256 checked on every read);
a new file makes a new stored row, so a fingerprint once shown keeps its meaning.

Status moves only the way a draft does: drafting ⇄ consulting → submitted → approved; a
submitted draft may come back for drafting; anything not approved may be dropped, and a
dropped draft taken up again. A draft recorded after the fact may start as submitted, never as
approved: approval comes of a submission, so the record goes through it (and names the meeting)
whether the window or the command line adds it. "Submitted" says the draft was put before a
committee meeting: one still to come, or cancelled, is refused (the model has no "to be
submitted" state; the draft keeps its status until the meeting is held). Every call is one
transaction guarded by the session's version, which it bumps.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, joinedload

from . import validation as v
from .db import Database
from .errors import NotFoundError, ValidationError
from .i18n import tr
from .labels import label
from .locking import flush, touch
from .meeting_rules import HELD_STATUSES
from .models import (
    Meeting,
    MeetingStatus,
    OutputStatus,
    SessionOutput,
    SessionPurpose,
    WorkingSession,
)
from .stored_files import Upload, add_file, save_copy
from .working_group import load_for_change, what

D, C, S, A, W = (
    OutputStatus.DRAFTING,
    OutputStatus.CONSULTING,
    OutputStatus.SUBMITTED,
    OutputStatus.APPROVED,
    OutputStatus.WITHDRAWN,
)
NEXT_STATUSES: dict[OutputStatus, tuple[OutputStatus, ...]] = {
    D: (C, S, W),
    C: (D, S, W),
    S: (A, D, W),
    A: (),
    W: (D,),
}
# A draft may be recorded after the fact as drafted, consulted on or submitted; approved only
# through submitted (a new output recorded approved skipped the submission the record needs).
FIRST_STATUSES = (D, C, S)
WITH_MEETING = (S, A)

OUTPUT_LABELS = {
    "title": "Tên sản phẩm",
    "kind": "Loại sản phẩm",
    "version_label": "Phiên bản",
    "status": "Tình trạng",
    "submitted_meeting_id": "Trình tại cuộc họp",
    "file": "Tệp",
}


def label_of(field: str) -> str:
    return tr(OUTPUT_LABELS.get(field, field))


@dataclass(frozen=True)
class OutputRow:
    id: int
    session_id: int
    title: str
    kind: str
    kind_label: str
    version_label: str
    status: str
    status_label: str
    submitted_meeting_id: int | None
    submitted_meeting: str  # "Họp định kỳ 6 tháng đầu năm (08/07/2026)"
    submitted_on: date | None
    file_id: int | None
    file_name: str
    file_size: int | None
    sha256: str
    next_statuses: tuple[str, ...]


def meeting_text(m: Meeting | None) -> str:
    return f"{m.title} ({m.starts_at:%d/%m/%Y})" if m is not None else ""


def output_row(o: SessionOutput) -> OutputRow:
    f = o.file
    return OutputRow(
        id=o.id,
        session_id=o.session_id,
        title=o.title,
        kind=o.kind.value,
        kind_label=label(o.kind),
        version_label=o.version_label or "",
        status=o.status.value,
        status_label=label(o.status),
        submitted_meeting_id=o.submitted_meeting_id,
        submitted_meeting=meeting_text(o.submitted_meeting),
        submitted_on=o.submitted_meeting.starts_at.date() if o.submitted_meeting else None,
        file_id=o.file_id,
        file_name=f.name if f is not None else "",
        file_size=f.size if f is not None else None,
        sha256=f.sha256 if f is not None else "",
        next_statuses=tuple(x.value for x in NEXT_STATUSES[o.status]),
    )


def clean_output(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in data:
        if key not in OUTPUT_LABELS or key == "file":
            raise ValidationError(key, tr("Trường không hợp lệ."), label=key)
    if "title" in data:
        out["title"] = v.text(data["title"], "title", label_of("title"), required=True, max_len=300)
    if "kind" in data:
        out["kind"] = v.choice(data["kind"], SessionPurpose, "kind", label_of("kind"))
    if "version_label" in data:
        out["version_label"] = v.text(
            data["version_label"], "version_label", label_of("version_label"), max_len=40
        )
    if "status" in data:
        out["status"] = v.choice(data["status"], OutputStatus, "status", label_of("status"))
    if "submitted_meeting_id" in data:
        out["submitted_meeting_id"] = v.positive_int(
            data["submitted_meeting_id"],
            "submitted_meeting_id",
            label_of("submitted_meeting_id"),
            minimum=1,
        )
    return out


def _check_status(old: OutputStatus | None, new: OutputStatus) -> None:
    allowed = FIRST_STATUSES if old is None else (old, *NEXT_STATUSES[old])
    if new in allowed:
        return
    if old is None and new == A:
        message = tr(
            '"{label}": sản phẩm mới không thể ở tình trạng "{new}" ngay: ghi "{submitted}" '
            '(cuộc họp Ban Chỉ đạo đã trình) trước, rồi đổi tình trạng sang "{new}".'
        ).format(label=label_of("status"), new=label(new), submitted=label(S))
    elif old is None:
        message = tr('"{label}": sản phẩm mới không thể ở tình trạng "{new}".').format(
            label=label_of("status"), new=label(new)
        )
    else:
        message = tr(
            '"{label}": không chuyển được từ "{old}" sang "{new}"; được chuyển sang: {allowed}.'
        ).format(
            label=label_of("status"),
            old=label(old),
            new=label(new),
            allowed=", ".join(label(x) for x in NEXT_STATUSES[old]) or tr("không có"),
        )
    raise ValidationError("status", message, label=label_of("status"))


def _check_meeting(s: Session, o: SessionOutput, w: WorkingSession) -> None:
    if o.status not in WITH_MEETING:
        o.submitted_meeting_id = None  # back to drafting, dropped: no longer before a meeting
        return
    if o.submitted_meeting_id is None:
        return
    m = s.get(Meeting, o.submitted_meeting_id)
    if m is None:
        raise ValidationError(
            "submitted_meeting_id",
            tr("Không có cuộc họp số {id}.").format(id=o.submitted_meeting_id),
            label=label_of("submitted_meeting_id"),
        )
    _check_held(m, o.status)
    if m.starts_at.date() < w.starts_on:
        raise ValidationError(
            "submitted_meeting_id",
            tr(
                '"{label}": cuộc họp ngày {day} diễn ra trước khi phiên làm việc bắt đầu ({start}).'
            ).format(
                label=label_of("submitted_meeting_id"),
                day=f"{m.starts_at:%d/%m/%Y}",
                start=f"{w.starts_on:%d/%m/%Y}",
            ),
            label=label_of("submitted_meeting_id"),
        )


def held_or_begun(status: MeetingStatus | str, starts_at: datetime) -> bool:
    """A meeting a draft can have been submitted to: held, or begun and not cancelled (the
    window offers only these)."""
    status = MeetingStatus(status)
    if status in HELD_STATUSES:
        return True
    return status != MeetingStatus.CANCELLED and starts_at <= datetime.now()


def _check_held(m: Meeting, status: OutputStatus) -> None:
    """A draft "submitted" (or approved) at ``m`` was put before it: ``m`` has been held, or
    has at least begun (a meeting under way, its record not yet closed). One still to come or
    cancelled would make the record say what has not happened."""
    if held_or_begun(m.status, m.starts_at):
        return
    field = "submitted_meeting_id"
    if m.status == MeetingStatus.CANCELLED:
        message = tr(
            '"{label}": cuộc họp ngày {day} đã hủy, không có sản phẩm nào được trình tại đó; '
            "chọn cuộc họp đã trình sản phẩm."
        )
    else:
        message = tr(
            '"{label}": cuộc họp ngày {day} chưa diễn ra; sản phẩm chỉ ghi "{status}" sau khi '
            'đã trình tại cuộc họp. Đến lúc đó, để tình trạng "{drafting}" hoặc "{consulting}".'
        )
    raise ValidationError(
        field,
        message.format(
            label=label_of(field),
            day=f"{m.starts_at:%d/%m/%Y}",
            status=label(status),
            drafting=label(D),
            consulting=label(C),
        ),
        label=label_of(field),
    )


def add_output(
    db: Database,
    session_id: int,
    *,
    expected_version: int | None,
    upload: Upload | None = None,
    **data: Any,
) -> int:
    """A new draft of the session, with its file if given; returns the output's id."""
    data.setdefault("title", None)
    data.setdefault("kind", None)
    clean = clean_output(data)
    clean.setdefault("status", D)
    if clean["status"] is None:
        clean["status"] = D
    _check_status(None, clean["status"])
    with db.session() as s:
        w = load_for_change(s, session_id, expected_version)
        o = SessionOutput(**clean)
        w.outputs.append(o)
        with s.no_autoflush:
            _check_meeting(s, o, w)
        if upload is not None:
            o.file_id = add_file(s, upload).id
        touch(w)
        flush(s, what())
        return o.id


def _load_output(s: Session, output_id: int) -> SessionOutput:
    key = v.record_id(output_id, "output_id", tr("Mã sản phẩm"))
    o = s.get(SessionOutput, key, options=[joinedload(SessionOutput.session)])
    if o is None:
        raise NotFoundError(tr("Không tìm thấy sản phẩm số {id}.").format(id=output_id))
    return o


def update_output(
    db: Database,
    output_id: int,
    *,
    expected_version: int | None,
    upload: Upload | None = None,
    **fields: Any,
) -> int:
    """Change an output (the fields given; ``upload`` a new file for it); returns the session's
    new version (``expected_version`` is the session's)."""
    clean = clean_output(fields)
    with db.session() as s:
        o = _load_output(s, output_id)
        w = load_for_change(s, o.session_id, expected_version)
        if clean.get("status") is not None:
            _check_status(o.status, clean["status"])
        for key, value in clean.items():
            if key == "status" and value is None:
                continue
            setattr(o, key, value)
        with s.no_autoflush:
            _check_meeting(s, o, w)
        if upload is not None:
            o.file_id = add_file(s, upload).id
        touch(w)
        flush(s, what())
        return w.version


def set_output_status(
    db: Database,
    output_id: int,
    status: OutputStatus | str,
    *,
    expected_version: int | None,
    submitted_meeting_id: int | None = None,
) -> int:
    """Move an output to ``status`` (and the meeting it was submitted to)."""
    fields: dict[str, Any] = {"status": status}
    if submitted_meeting_id is not None:
        fields["submitted_meeting_id"] = submitted_meeting_id
    return update_output(db, output_id, expected_version=expected_version, **fields)


def attach_file(
    db: Database, output_id: int, upload: Upload, *, expected_version: int | None
) -> int:
    """Give an output a (new) file; returns the session's new version."""
    return update_output(db, output_id, expected_version=expected_version, upload=upload)


def get_output(db: Database, output_id: int) -> OutputRow:
    with db.session() as s:
        o = _load_output(s, output_id)
        return output_row(o)


def save_output_file(db: Database, output_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the output's file, checked against its SHA-256, to ``path`` (never the database)."""
    row = get_output(db, output_id)
    if row.file_id is None:
        raise ValidationError(
            "file",
            tr("Sản phẩm “{title}” chưa có tệp.").format(title=row.title),
            label=label_of("file"),
        )
    return save_copy(db, row.file_id, path)
