"""Files kept in the database: a working group's drafts, the reports units send in.

Kept like issued documents: the content in the database (officers sharing a PostgreSQL server
all see it, a backup carries it), its SHA-256 checked every time it is read, a size limit, and a
cached copy under this PC's data folder for the system viewer. The copy's name is made by the
app (number and fingerprint); the name the user's file had is only ever *shown*, after being
made safe, so a hostile name (``../../x``, ``CON``, 255 characters) never reaches the disk.

A front end reads the user's file with :func:`read_upload` (validated completely before any
transaction), then passes the :class:`Upload` to the area's one core call, which stores it with
:func:`add_file` inside its own session: attaching a file is one transaction with the record
it belongs to.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit import current_user
from .db import Database, data_dir, database_paths, output_path
from .errors import BcdError, NotFoundError, ValidationError
from .files import on_disk, os_error, same_file, write_atomic
from .i18n import tr
from .models import StoredFile

MAX_BYTES = 50 * 1024 * 1024
MAX_NAME = 120
# Names Windows reserves for devices, whatever the extension (CON.txt is the console too),
# the superscript ports (COM¹, LPT³) and the console's two halves among them.
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$"}
_RESERVED |= {f"{port}{n}" for port in ("com", "lpt") for n in "123456789¹²³"}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")
DEFAULT_NAME = "tep-dinh-kem"


@dataclass(frozen=True)
class StoredFileInfo:
    id: int
    name: str
    size: int
    sha256: str
    created_at: datetime
    created_by: str | None


@dataclass(frozen=True)
class Upload:
    """A user's file read into memory and checked: its safe display name, bytes, SHA-256."""

    name: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def _label() -> str:
    return tr("Tệp")


def size_text(size: int) -> str:
    """``1,5 MB`` / ``320 KB``: sizes as the user reads them (Vietnamese decimal comma)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB" if size else "0 KB"


def safe_name(name: str) -> str:
    """The name to show for a file called ``name``: no folders, no characters Windows refuses,
    no control or direction-changing characters, no device names, at most 120 characters
    (the extension kept), NFC."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    # Line and paragraph separators (Zl, Zp) too: a name is shown on one line.
    dropped = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
    base = "".join(c for c in base if unicodedata.category(c) not in dropped)
    # Again: a mark left by a dropped character composes with the letter now before it.
    base = unicodedata.normalize("NFC", base)
    base = _FORBIDDEN.sub("_", base).strip(" .")
    if not base:
        return DEFAULT_NAME
    if base.split(".")[0].strip().lower() in _RESERVED:
        base = "_" + base
    if len(base) > MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            base = stem[: MAX_NAME - len(suffix) - 1].rstrip(" .") + "." + suffix
        else:
            base = base[:MAX_NAME].rstrip(" .")
    return base or DEFAULT_NAME


def _too_big(size: int) -> ValidationError:
    return ValidationError(
        "file",
        tr("tệp nặng {size}, vượt giới hạn {limit} MB.").format(
            size=size_text(size), limit=MAX_BYTES // (1024 * 1024)
        ),
        label=_label(),
    )


def check_upload(name: str, data: bytes) -> Upload:
    """An :class:`Upload` of ``data`` (bytes from anywhere, e.g. a test or an import), checked
    like a file from disk."""
    if not data:
        raise ValidationError("file", tr("tệp rỗng (0 byte)."), label=_label())
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    return Upload(name=safe_name(name), data=bytes(data), sha256=hashlib.sha256(data).hexdigest())


def read_upload(
    path: str | os.PathLike[str], database: Database | str | os.PathLike[str] | None = None
) -> Upload:
    """Read the user's file at ``path``, refusing a folder, a device, an empty file, one over
    50 MB (checked before reading, so a huge file is never loaded), and the database itself
    (``database``: the open one, or the ``--db`` value; None the default one), which would be
    copied into itself, a copy of everything stored inside a record, growing at each one."""
    text = os.fspath(path)
    if not text.strip():
        raise ValidationError("file", tr("chưa chọn tệp."), label=_label())
    text = os.fspath(on_disk(text))
    if any(same_file(Path(text), own) for own in database_paths(database) if own.exists()):
        raise ValidationError(
            "file",
            tr(
                "{path} là tệp cơ sở dữ liệu đang dùng (hoặc tệp đi kèm của nó), không đính kèm "
                "được. Muốn gửi dữ liệu, hãy sao lưu ra một tệp rồi đính kèm tệp sao lưu."
            ).format(path=text),
            label=_label(),
        )
    try:
        st = os.stat(text)
    except OSError as exc:
        raise os_error(exc, text) from None
    if stat.S_ISDIR(st.st_mode):
        raise ValidationError(
            "file", tr("{path} là một thư mục.").format(path=text), label=_label()
        )
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(
            "file", tr("{path} không phải một tệp thông thường.").format(path=text), label=_label()
        )
    if st.st_size > MAX_BYTES:
        raise _too_big(st.st_size)
    try:
        with open(text, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file growing while read is still refused
    except OSError as exc:
        raise os_error(exc, text) from None
    return check_upload(Path(text).name, data)


def add_file(s: Session, upload: Upload) -> StoredFile:
    """Store ``upload`` in the caller's session (its transaction decides whether it stays)."""
    row = StoredFile(
        name=upload.name,
        size=upload.size,
        sha256=upload.sha256,
        content=upload.data,
        created_by=current_user(),
    )
    s.add(row)
    s.flush()
    return row


def _info(row: StoredFile) -> StoredFileInfo:
    return StoredFileInfo(
        id=row.id,
        name=row.name,
        size=row.size,
        sha256=row.sha256,
        created_at=row.created_at,
        created_by=row.created_by,
    )


def file_bytes(db: Database, file_id: int) -> tuple[StoredFileInfo, bytes]:
    """The file's details and content, refused when the content no longer matches its
    fingerprint (altered in the database)."""
    with db.session() as s:
        row = s.get(StoredFile, file_id)
        if row is None:
            raise NotFoundError(tr("Không tìm thấy tệp số {id}.").format(id=file_id))
        info = _info(row)
        content = s.scalar(select(StoredFile.content).where(StoredFile.id == file_id))
    if content is None or hashlib.sha256(content).hexdigest() != info.sha256:
        raise BcdError(
            tr("Tệp “{name}” đã bị thay đổi (nội dung khác với bản đã lưu); không mở.").format(
                name=info.name
            )
        )
    return info, content


def cache_name(info: StoredFileInfo) -> str:
    """The cached copy's folder: made by the app (number and fingerprint), one per file and
    content, so two files of the same name never meet and a file changed gets a new one."""
    return f"{info.id:06d}-{info.sha256[:16]}"


# Bytes a file name may take on disk (ext4 allows 255; 120 Vietnamese letters can take 360).
_NAME_BYTES = 200
# Characters a whole path may have for Windows programs that know no longer ones (MAX_PATH,
# 260 with the final NUL): the viewer, Word or Excel, opening the cached copy.
WINDOWS_PATH = 259
_MIN_STEM = 8  # fewer than this and the name says nothing: the path stays long instead


def copy_name(info: StoredFileInfo, chars: int = MAX_NAME) -> str:
    """The cached copy's own name: the name the user's file had, made safe again (a name
    stored by an older version, or altered in the database, is never trusted) and short
    enough for any file system (and at most ``chars`` characters), its extension kept. The
    officer who saves or forwards the opened file from the viewer keeps "Báo cáo Quý IV - Sở
    Y tế.pdf", not "000001-….pdf"."""
    name = safe_name(info.name)
    stem, dot, suffix = name.rpartition(".")
    if not dot or not _SAFE_SUFFIX.match("." + suffix.lower()):
        stem, suffix = name, ""
    ending = f".{suffix}" if suffix else ""
    stem = stem[: max(chars - len(ending), _MIN_STEM)]
    while stem and len((stem + ending).encode("utf-8")) > _NAME_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return (stem + ending) if stem else DEFAULT_NAME + ending


def files_dir() -> Path:
    return data_dir() / "files"


def cached_copy(db: Database, file_id: int) -> Path:
    """A checked copy of the file under this PC's data folder, for the system viewer, in a
    folder of its own under the name the user's file had (:func:`copy_name`); rewritten when
    missing or altered on disk."""
    info, content = file_bytes(db, file_id)
    folder = files_dir() / cache_name(info)
    # A data folder deep in OneDrive (C:\Users\Nguyễn Thị Hồng\OneDrive - UBND tỉnh\…):
    # the name is shortened so the whole path stays one the viewer can open.
    target = folder / copy_name(info, WINDOWS_PATH - len(str(folder)) - 1)
    try:
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == info.sha256:
            return target
    except OSError:
        pass
    return write_atomic(target, content)


def save_copy(db: Database, file_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the checked file to ``path`` (never over the database or the backups)."""
    target = output_path(path, db)
    content = file_bytes(db, file_id)[1]
    return write_atomic(target, content)
