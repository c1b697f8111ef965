"""The files of issued documents in this PC's documents folder, held against the register.

The file under ``<data dir>/documents`` is the one an officer opens in Explorer or attaches to
an e-mail, so a file gone or replaced (by hand, by another program) is a wrong document handed
out under a number. The register keeps each document's bytes (``IssuedDocument.content``) and
their SHA-256: :func:`file_faults` finds every file that does not match (``bdcq check``),
:func:`put_back` writes the register's copy over it, as reading the document in the application
does (:func:`.register.stored_copy`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import LargeBinary, cast, select

from .db import Database
from .files import os_reason, write_atomic
from .i18n import tr
from .models import IssuedDocument
from .sqlite_file import issued_documents_dir


@dataclass(frozen=True)
class FileFault:
    """One issued document whose file is not its issued bytes. ``problem`` says what is wrong
    (in Vietnamese); ``restorable``: the register holds the right bytes to write back."""

    id: int
    symbol: str
    year: int
    path: Path
    problem: str
    restorable: bool


def _local(file_path: str) -> Path:
    path = Path(file_path)
    # Named, not made: a check reads, it does not create folders.
    return path if path.is_absolute() else issued_documents_dir() / path


def _file_problem(path: Path, sha256: str) -> tuple[str | None, bool]:
    """What is wrong with the file (None when it is the issued document), and whether it is
    missing."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return tr("tệp bị thiếu"), True
    except OSError as exc:
        return tr("không đọc được tệp ({reason})").format(reason=os_reason(exc)), False
    if hashlib.sha256(data).hexdigest() != sha256:
        return tr("tệp đã bị thay đổi, nội dung khác với bản đã ban hành"), False
    return None, False


def file_faults(db: Database) -> list[FileFault]:
    """Every issued document whose file on this PC is missing, unreadable or altered, in the
    register's order. On a server database a missing file of a document the register holds is
    not a fault: it was issued on another PC and is written here when first opened."""
    doc = IssuedDocument.__table__.c
    faults: list[FileFault] = []
    with db.engine.connect() as s:
        rows = s.execute(
            select(doc.id, doc.symbol, doc.year, doc.file_path, doc.sha256)
            .add_columns(doc.content.is_not(None))
            .order_by(doc.year, doc.type_abbr, doc.number)
        ).all()
        for row_id, symbol, year, file_path, sha256, has_copy in rows:
            path = _local(file_path)
            problem, missing = _file_problem(path, sha256)
            if problem is None or (missing and has_copy and not db.is_sqlite):
                continue
            restorable = bool(has_copy) and _stored_intact(s, row_id, sha256)
            faults.append(FileFault(row_id, symbol, year, path, problem, restorable))
    return faults


def _stored_intact(s, row_id: int, sha256: str) -> bool:  # type: ignore[no-untyped-def]
    content = _stored(s, row_id)
    return content is not None and hashlib.sha256(content).hexdigest() == sha256


def _stored(s, row_id: int) -> bytes | None:  # type: ignore[no-untyped-def]
    doc = IssuedDocument.__table__.c
    # As bytes whatever was stored (an edit in a database browser may make it text).
    return s.scalar(select(cast(doc.content, LargeBinary)).where(doc.id == row_id))


def fault_message(fault: FileFault) -> str:
    """``bdcq check``'s line for ``fault``: the document, its file, what is wrong, the way out."""
    said = tr("Văn bản {symbol} năm {y}: {problem}: {path}.").format(
        symbol=fault.symbol, y=fault.year, problem=fault.problem, path=fault.path
    )
    if fault.restorable:
        return said + " " + tr(
            "Sổ đăng ký còn giữ bản đúng của văn bản này; ghi lại tệp bằng lệnh bdcq documents "
            "repair-files, hoặc mở văn bản trong ứng dụng."
        )
    return said + " " + tr(
        "Sổ đăng ký không giữ bản đúng để ghi lại; hãy chép lại tệp gốc từ nơi lưu khác, hoặc "
        "khôi phục từ một bản sao lưu."
    )


def put_back(db: Database) -> tuple[list[FileFault], list[FileFault]]:
    """Write the register's copy over every file that is not its issued document. Returns the
    files written and the faults left (no right copy in the register). A file is written only
    once the copy's SHA-256 is checked again, through a temporary file renamed into place; a
    file that cannot be written stops it with a :class:`.errors.BcdError` naming the file."""
    written: list[FileFault] = []
    left: list[FileFault] = []
    faults = file_faults(db)
    if not faults:
        return written, left
    with db.engine.connect() as s:
        for fault in faults:
            sha256 = s.scalar(select(IssuedDocument.sha256).where(IssuedDocument.id == fault.id))
            content = _stored(s, fault.id) if fault.restorable else None
            if content is None or hashlib.sha256(content).hexdigest() != sha256:
                left.append(fault)
                continue
            # A folder that cannot be written, a full disk: said, naming the file; the files
            # written before it stay written (each is whole).
            write_atomic(fault.path, content)
            written.append(fault)
    return written, left


__all__ = ["FileFault", "fault_message", "file_faults", "put_back"]
