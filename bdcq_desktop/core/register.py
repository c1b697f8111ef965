"""The document register (sổ đăng ký văn bản): numbers, stored copies, fingerprints.

Numbers run per (year, type) from 01 on 1 January (Decree 30/2020, Art. 15). Two officers issuing
at once never get the same number: on PostgreSQL a transaction-scoped advisory lock serialises
issuers of one (year, type); on SQLite the write lock does; and the unique constraint on
(year, type, number) is the backstop, with a retry, should anything slip through.

Everything decided about a number is decided under that lock: whether the document was issued
already (once per record; once a day for a document about no record, such as the roster), and
whether its date may follow the numbers before it (a later number never carries an earlier date,
and no number is dated in the future).
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from .audit import current_user
from .db import Database
from .errors import BcdError
from .files import write_atomic
from .i18n import tr
from .issue_date_rules import check_late, check_order, check_window
from .issued_files import (
    ALTERED,
    MISSING,
    UNREADABLE,
    Restored,
    in_documents_folder,
    local_file,
    outside_error,
    own_folder,
    set_aside,
)
from .locking import serialize
from .models import IssuedDocument
from .number_floor import floor_in
from .sqlite_file import issued_documents_dir
from .storage_errors import IntegrityConflict

RETRIES = 8
# ``record_type`` of a document about no record (the roster, the tasks report).
NO_RECORD = "database"


class Once(enum.Enum):
    """How often one document may be issued (checked under the register's lock)."""

    ANY = "any"  # every call takes a number
    PER_RECORD = "record"  # once for its record (a meeting's minutes)
    PER_DAY = "day"  # once for its record and date of issue (the roster of a day)


class DuplicateIssueError(BcdError):
    """The document of this record was issued already (``record``); no number was taken."""

    def __init__(self, record: IssuedRecord) -> None:
        super().__init__(tr("Văn bản đã được ban hành: số {symbol}.").format(symbol=record.symbol))
        self.record = record


@dataclass(frozen=True)
class IssuedRecord:
    id: int
    kind: str
    type_abbr: str
    year: int
    number: int
    symbol: str
    issued_on: date
    summary: str
    record_type: str
    record_id: int
    file_path: str
    sha256: str
    signer: str
    # The day it stopped being in force (the minutes it records were reopened; a later issue
    # then replaces it): it stays in the register.
    superseded_on: date | None = None


def documents_dir() -> Path:
    path = issued_documents_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def format_number(number: int | None) -> str:
    """``05`` below 10; a draft leaves the number blank (spaces for the clerk's pen)."""
    if number is None:
        return "      "
    return f"{number:02d}"


def symbol(number: int | None, type_abbr: str, body_abbr: str) -> str:
    return f"{format_number(number)}/{type_abbr}-{body_abbr}"


def _row(d: IssuedDocument) -> IssuedRecord:
    return IssuedRecord(
        id=d.id,
        kind=d.kind,
        type_abbr=d.type_abbr,
        year=d.year,
        number=d.number,
        symbol=d.symbol,
        issued_on=d.issued_on,
        summary=d.summary,
        record_type=d.record_type,
        record_id=d.record_id,
        file_path=d.file_path,
        sha256=d.sha256,
        signer=d.signer or "",
        superseded_on=d.superseded_at.date() if d.superseded_at else None,
    )


def _lock(s: Session, year: int, type_abbr: str) -> None:
    # One lock per series whatever the case it is spelled in (see _spellings).
    serialize(s, f"{year}/{type_abbr.casefold()}")  # the number read next cannot go stale


def _spellings(s: Session, year: int, type_abbr: str) -> list[str]:
    """Every spelling of ``type_abbr`` the register holds for ``year``, compared ignoring case:
    older versions stored an abbreviation as typed, so ``gm`` may stand beside ``GM``, and
    they are one series. Compared here, not in SQL: SQLite's ``upper`` knows only ASCII (``đ``).
    """
    folded = type_abbr.casefold()
    held = s.scalars(
        select(IssuedDocument.type_abbr).where(IssuedDocument.year == year).distinct()
    )
    return sorted({type_abbr, *(a for a in held if a.casefold() == folded)})


def next_number(s: Session, year: int, type_abbr: str) -> int:
    """The register's last number of the series or the last one issued outside the
    application (:mod:`.number_floor`), whichever is larger, plus one. Read under the series'
    lock (:func:`issue`), the floor with the rest: one read decides the number."""
    top = s.scalar(
        select(func.max(IssuedDocument.number)).where(
            IssuedDocument.year == year,
            IssuedDocument.type_abbr.in_(_spellings(s, year, type_abbr)),
        )
    )
    return max(top or 0, floor_in(s, year, type_abbr)) + 1


def latest_in_series(
    db: Database, year: int, type_abbr: str, *, kind: str | None = None
) -> IssuedRecord | None:
    """The highest number issued in the series (``year``, ``type_abbr`` in any case), of
    ``kind`` only if given; superseded documents count (their numbers stay taken)."""
    with db.session() as s:
        stmt = select(IssuedDocument).where(
            IssuedDocument.year == year,
            IssuedDocument.type_abbr.in_(_spellings(s, year, type_abbr)),
        )
        if kind is not None:
            stmt = stmt.where(IssuedDocument.kind == kind)
        row = s.scalars(stmt.order_by(IssuedDocument.number.desc()).limit(1)).first()
        return _row(row) if row else None


def _issued_query(kind: str, record_type: str, record_id: int, issued_on: date | None,  # type: ignore[no-untyped-def]
                  summary: str | None = None):  # fmt: skip
    stmt = select(IssuedDocument).where(
        IssuedDocument.kind == kind,
        IssuedDocument.record_type == record_type,
        IssuedDocument.record_id == record_id,
        # A superseded issue (minutes reopened) stays in the register but no longer counts:
        # the record may be issued again, and exporting it gives a fresh draft until then.
        IssuedDocument.superseded_at.is_(None),
    )
    if issued_on is not None:
        stmt = stmt.where(IssuedDocument.issued_on == issued_on)
    if summary is not None:  # a report of one period or list: another's is another document
        stmt = stmt.where(IssuedDocument.summary == summary[:500])
    return stmt.order_by(IssuedDocument.id.desc())


def latest_issued(
    s: Session, kind: str, record_type: str, record_id: int, issued_on: date | None = None,
    summary: str | None = None,
) -> IssuedDocument | None:
    """Inside a session: the latest issued document of this kind for this record that is still
    in force (issued on ``issued_on`` if given), if any."""
    return s.scalars(_issued_query(kind, record_type, record_id, issued_on, summary)).first()


def find_issued(
    db: Database, kind: str, record_type: str, record_id: int, *, issued_on: date | None = None,
    summary: str | None = None,
) -> IssuedRecord | None:
    """The latest issued document of this kind for this record (issued on ``issued_on`` if
    given), if any."""
    with db.session() as s:
        d = latest_issued(s, kind, record_type, record_id, issued_on, summary)
        return _row(d) if d else None


def list_issued(db: Database, *, year: int | None = None) -> list[IssuedRecord]:
    with db.session() as s:
        stmt = select(IssuedDocument).order_by(
            IssuedDocument.year.desc(), IssuedDocument.type_abbr, IssuedDocument.number.desc()
        )
        if year is not None:
            stmt = stmt.where(IssuedDocument.year == year)
        return [_row(d) for d in s.scalars(stmt)]


def _read_local(record: IssuedRecord) -> bytes | None:
    path = local_path(record)
    try:
        return path.read_bytes()
    except OSError:
        return None


def local_path(record: IssuedRecord) -> Path:
    """The document's file on this PC; refused (naming the document) when the register's path
    leads outside the documents folder: it is read and written, never anywhere else."""
    path = local_file(record.file_path)
    if not in_documents_folder(path):
        raise outside_error(record.symbol, record.file_path)
    return path


def _refuse_tampered(record: IssuedRecord) -> BcdError:
    return BcdError(
        tr(
            "Bản lưu của văn bản {symbol} đã bị thay đổi: nội dung khác với bản đã ban hành."
        ).format(symbol=record.symbol)
    )


@dataclass(frozen=True)
class StoredCopy:
    """An issued document's checked bytes, and the file of this PC's folder that reading them
    put back (None when it was right): what the officer is told (:func:`restored_message`)."""

    content: bytes
    restored: Restored | None = None


def stored_copy(record: IssuedRecord, db: Database | None = None) -> bytes:
    """The bytes of an issued document, checked against its fingerprint (see
    :func:`read_stored`, which also says what file it put back)."""
    return read_stored(record, db).content


def read_stored(record: IssuedRecord, db: Database | None = None) -> StoredCopy:
    """The bytes of an issued document, checked against its fingerprint.

    With ``db``, the copy kept in the register is the authority: it is what another officer's
    PC reads, and it puts back this PC's file when that is missing or altered (said in
    ``restored``: the file is the one handed out from the folder, and whoever changed it must
    hear of it). Without it (or for a register row from before copies were kept there) the
    local file is read.
    """
    if db is not None:
        with db.session() as s:
            content = s.scalar(select(IssuedDocument.content).where(IssuedDocument.id == record.id))
        if content is not None:
            if hashlib.sha256(content).hexdigest() != record.sha256:
                raise _refuse_tampered(record)
            local = _read_local(record)
            restored = None
            if local != content:
                path = local_path(record)
                existed = path.exists()
                # An altered file may be a signed scan put in its place: renamed aside, kept.
                kept = set_aside(path, record.sha256)
                # A temporary name of its own: other processes may be putting it back too.
                write_atomic(path, content)
                restored = _restored(record, path, local, existed, kept)
            return StoredCopy(content, restored)
    data = _read_local(record)
    if data is None:
        raise BcdError(
            tr("Không đọc được bản lưu của văn bản {symbol}: {path}").format(
                symbol=record.symbol, path=local_path(record)
            )
        )
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise _refuse_tampered(record)
    return StoredCopy(data)


def _restored(
    record: IssuedRecord, path: Path, local: bytes | None, existed: bool, kept: Path | None
) -> Restored | None:
    """What :func:`read_stored` put back; None when another process put the right file back
    between the read and the rename (that one says it)."""
    if kept is not None:
        problem = ALTERED if local is not None else UNREADABLE
    elif not existed:
        problem = MISSING
    else:
        return None
    return Restored(
        record.id, record.symbol, record.kind, record.summary, path, problem, kept
    )


def _latest(s: Session, year: int, type_abbr: str) -> tuple[date, str] | None:
    """The latest date of issue in the series (year, type) and the symbol that carries it."""
    row = s.execute(
        select(IssuedDocument.issued_on, IssuedDocument.symbol)
        .where(
            IssuedDocument.year == year,
            IssuedDocument.type_abbr.in_(_spellings(s, year, type_abbr)),
        )
        .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.number.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def check_issue_date(
    db: Database,
    type_abbr: str,
    issued_on: date,
    *,
    today: date | None = None,
    allow_past_year: bool = False,
    confirm_late: bool = False,
) -> None:
    """Refuse, before anything is built, a date of issue :func:`issue` would refuse (it checks
    again under the lock: another officer may issue in between)."""
    today = today or date.today()
    check_window(issued_on, today, allow_past_year=allow_past_year)
    check_late(issued_on, today, confirm_late=confirm_late)
    with db.session() as s:
        check_order(issued_on, _latest(s, issued_on.year, type_abbr))


def _file_name(folder: str | None, year: int, number: int, type_abbr: str, kind: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9]+", "", type_abbr.replace("Đ", "D").replace("đ", "d"))
    # A random tail: a clashing attempt must never overwrite (then delete) the winner's file.
    name = f"{year}/{number:03d}-{safe}-{kind}-{uuid.uuid4().hex[:8]}.pdf"
    # In the database's own folder (another one on this PC never takes it for its orphan);
    # files issued before stay in the shared one: the register keeps each file's path.
    return f"{folder}/{name}" if folder else name


def issue(
    db: Database,
    *,
    kind: str,
    type_abbr: str,
    body_abbr: str,
    record_type: str,
    record_id: int,
    summary: str,
    signer: str | None,
    render: Callable[[int, date], bytes],
    issued_on: date | None = None,
    once: Once = Once.ANY,
    once_per_record: bool = False,
    after: Callable[[Session, IssuedDocument], None] | None = None,
    today: date | None = None,
    allow_past_year: bool = False,
    confirm_late: bool = False,
    same_summary: bool = False,  # once per summary too: a report of one period, of another
) -> IssuedRecord:
    """Take the next number, render the PDF with it, store it with its SHA-256, register it.

    ``render(number, issued_on)`` builds the final PDF. The number, the file and the register
    row are committed together; on a clash the file is removed and the next number tried.
    ``once`` (``once_per_record=True`` is ``Once.PER_RECORD``): if this kind was already issued
    for this record (and, ``Once.PER_DAY``, on this date), raise :class:`DuplicateIssueError`
    instead (checked under the lock, so two officers issuing the same document at once get one
    number between them). The date is checked there too (:func:`check_issue_date`).
    ``after(session, row)`` runs in the same transaction (e.g. marking the minutes final), so it
    happens exactly when the number is taken. ``allow_past_year`` lets a date in a closed year
    through: only for builders of data (the demo's register of past meetings), never offered to
    a user. ``confirm_late``: a date more than a week back was confirmed
    (:func:`.issue_date_rules.check_late`).
    """
    today = today or date.today()
    issued_on = issued_on or today
    year = issued_on.year
    if once_per_record:
        once = Once.PER_RECORD
    check_window(issued_on, today, allow_past_year=allow_past_year)
    check_late(issued_on, today, confirm_late=confirm_late)
    last_error: Exception | None = None
    scoped = summary if same_summary else None
    for _ in range(RETRIES):
        try:
            with db.session() as s:
                _lock(s, year, type_abbr)
                if once is not Once.ANY:
                    day = issued_on if once is Once.PER_DAY else None
                    prior = latest_issued(s, kind, record_type, record_id, day, scoped)
                    if prior is not None:
                        raise DuplicateIssueError(_row(prior))
                check_order(issued_on, _latest(s, year, type_abbr))
                number = next_number(s, year, type_abbr)
                pdf = render(number, issued_on)
                digest = hashlib.sha256(pdf).hexdigest()
                rel = _file_name(own_folder(s), year, number, type_abbr, kind)
                doc = IssuedDocument(
                    type_abbr=type_abbr,
                    kind=kind,
                    year=year,
                    number=number,
                    symbol=symbol(number, type_abbr, body_abbr),
                    issued_on=issued_on,
                    summary=summary[:500],
                    record_type=record_type,
                    record_id=record_id,
                    signer=signer,
                    file_path=rel,
                    sha256=digest,
                    issued_by=current_user(),
                    content=pdf,
                )
                s.add(doc)
                s.flush()
                if after is not None:
                    after(s, doc)
                    s.flush()
                record = _row(doc)
        except (IntegrityError, IntegrityConflict, OperationalError) as exc:
            last_error = exc
            continue
        # The local copy is written only once the number is committed: a failed or killed
        # attempt leaves no file behind, and the register's own copy (``content``) is the
        # authority that :func:`stored_copy` puts back should this write fail.
        with contextlib.suppress(OSError, BcdError):
            write_atomic(local_path(record), pdf)
        return record
    raise BcdError(
        tr("Không lấy được số văn bản sau nhiều lần thử; hãy thử lại. ({e})").format(e=last_error)
    )
