"""The files of issued documents in this PC's documents folder, held against the register.

The file under ``<data dir>/documents`` (each database's in a folder of its own since the
register stores it so, :func:`own_folder`; files issued before stay where they were, and the
register keeps each file's path) is the one an officer opens in Explorer or attaches to
an e-mail, so a file gone or replaced (by hand, by another program) is a wrong document handed
out under a number. The register keeps each document's bytes (``IssuedDocument.content``) and
their SHA-256: :func:`file_faults` finds every file that does not match (``bdcq check``),
:func:`put_back` writes the register's copy in its place, as reading the document in the
application does (:func:`.register.stored_copy`).

Only files inside the documents folder are ever read or written: the path comes from the
database, and a hand-edited or foreign one ("../../x.pdf", an absolute path) must not turn a
repair into a write anywhere on the PC. A file found altered is renamed aside, never written
over: it may be the signed scan an officer put in its place.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import LargeBinary, cast, select

from .db import Database
from .errors import BcdError
from .files import inside, os_error, os_reason, write_atomic
from .i18n import tr
from .models import IssuedDocument, Organisation
from .sqlite_file import issued_documents_dir, own_folder_name

# What is wrong with a file (``FileFault.kind``).
MISSING, UNREADABLE, ALTERED, OUTSIDE = "missing", "unreadable", "altered", "outside"
# Up to this many files missing from one folder, ``bdcq check`` names each; more (a database
# copied without its documents folder) are one line for the folder.
FEW_MISSING = 3


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
    kind: str = ALTERED


def local_file(file_path: str, folder: Path | None = None) -> Path:
    """Where the register's ``file_path`` points on this PC (named, not made: a check reads,
    it does not create folders); :func:`in_documents_folder` says whether it may be used.
    ``folder``: the documents folder, when the caller has it (a thousand files: found once)."""
    path = Path(file_path)
    if path.is_absolute():
        return path
    return (issued_documents_dir() if folder is None else folder) / path


def own_folder(s) -> str | None:  # type: ignore[no-untyped-def]
    """The folder of this database's issued documents inside the documents folder (the name
    :func:`.sqlite_file.own_folder_name` gives its identity), read in the caller's session or
    connection ``s``; None for a database without an identity yet: the shared folder."""
    uid = s.scalar(select(Organisation.database_uid).order_by(Organisation.id).limit(1))
    return own_folder_name(uid)


def _is_year(folder: Path) -> bool:
    # A year's folder, not a database's own (8 hex digits, all of them digits at times).
    return len(folder.name) == 4 and folder.name.isdigit() and folder.is_dir()


def in_documents_folder(path: Path, folder: Path | None = None) -> bool:
    """Whether ``path`` lies in the issued documents folder (``folder``, when the caller has
    it), however spelled (the check the output paths are protected by, :func:`.files.inside`)."""
    return inside(path, issued_documents_dir() if folder is None else folder)


def outside_error(symbol: str, file_path: str) -> BcdError:
    """The refusal to read or write a document's file outside the documents folder."""
    return BcdError(
        tr(
            "Văn bản {symbol}: đường dẫn tệp ghi trong sổ đăng ký ({path}) nằm ngoài thư mục "
            "văn bản đã ban hành {folder}; không đọc, không ghi tệp ở đó. Sổ đăng ký có thể đã "
            "bị sửa ngoài ứng dụng; hãy khôi phục dữ liệu từ một bản sao lưu."
        ).format(symbol=symbol, path=file_path, folder=issued_documents_dir())
    )


def set_aside(path: Path, sha256: str) -> Path | None:
    """Rename the file at ``path`` aside (``<name>.altered-<time>.pdf`` in its folder, never
    over another file) unless it is missing or is the issued document; the new path, or None.

    Linked under the new name first, so no file is ever replaced by the rename; where the
    volume has no links (FAT on a USB stick) renamed after checking the name is free."""
    try:
        if hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
            return None  # put back meanwhile (another process): nothing to keep
    except FileNotFoundError:
        return None
    except OSError:
        pass  # unreadable here, but it is still someone's file: kept all the same
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        tail = "" if n == 1 else f"-{n}"
        aside = path.with_name(f"{path.stem}.altered-{stamp}{tail}{path.suffix}")
        try:
            os.link(path, aside)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return None
        except OSError:
            if aside.exists():
                continue
            try:
                os.rename(path, aside)
            except OSError as exc:
                raise os_error(exc, path) from None
            return aside
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return aside
    raise BcdError(tr("Không đổi tên được tệp {path} để giữ lại.").format(path=path))


def _file_problem(path: Path, sha256: str) -> tuple[str | None, str]:
    """What is wrong with the file (None when it is the issued document), and its kind."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return tr("tệp bị thiếu"), MISSING
    except OSError as exc:
        return tr("không đọc được tệp ({reason})").format(reason=os_reason(exc)), UNREADABLE
    if hashlib.sha256(data).hexdigest() != sha256:
        return tr("tệp đã bị thay đổi, nội dung khác với bản đã ban hành"), ALTERED
    return None, ALTERED


def file_faults(db: Database) -> list[FileFault]:
    """Every issued document whose file on this PC is missing, unreadable or altered, in the
    register's order. On a server database a missing file of a document the register holds is
    not a fault: it was issued on another PC and is written here when first opened."""
    doc = IssuedDocument.__table__.c
    folder = issued_documents_dir()
    faults: list[FileFault] = []
    with db.engine.connect() as s:
        rows = s.execute(
            select(doc.id, doc.symbol, doc.year, doc.file_path, doc.sha256)
            .add_columns(doc.content.is_not(None))
            .order_by(doc.year, doc.type_abbr, doc.number)
        ).all()
        copies: dict[int, str] = {}  # the faulty with a copy in the register: its SHA-256
        for row_id, symbol, year, file_path, sha256, has_copy in rows:
            path = local_file(file_path, folder)
            if not in_documents_folder(path, folder):
                problem = tr(
                    "đường dẫn tệp ghi trong sổ đăng ký ({path}) nằm ngoài thư mục văn bản đã "
                    "ban hành"
                ).format(path=file_path)
                faults.append(FileFault(row_id, symbol, year, path, problem, False, OUTSIDE))
                continue
            problem, kind = _file_problem(path, sha256)
            if problem is None or (kind == MISSING and has_copy and not db.is_sqlite):
                continue
            faults.append(FileFault(row_id, symbol, year, path, problem, False, kind))
            if has_copy:
                copies[row_id] = sha256
        # Whether the register's own copy can write each file back: read a batch at a time (a
        # database copied without its documents folder misses every file: one query each
        # took a third of `bdcq check` at ten years).
        intact = _intact_copies(s, copies)
    return [replace(f, restorable=True) if f.id in intact else f for f in faults]


# Stored copies read per query by :func:`_intact_copies` (a few MB at a time).
COPIES_PER_QUERY = 50


def _intact_copies(s, expected: dict[int, str]) -> set[int]:  # type: ignore[no-untyped-def]
    """Of the documents ``expected`` (id: the issued bytes' SHA-256), those whose copy stored
    in the register is those bytes."""
    doc = IssuedDocument.__table__.c
    ids, intact = sorted(expected), set()
    for start in range(0, len(ids), COPIES_PER_QUERY):
        batch = ids[start : start + COPIES_PER_QUERY]
        for row_id, content in s.execute(select(doc.id, _copy()).where(doc.id.in_(batch))):
            if content is not None and hashlib.sha256(content).hexdigest() == expected[row_id]:
                intact.add(row_id)
    return intact


def _stored(s, row_id: int) -> bytes | None:  # type: ignore[no-untyped-def]
    return s.scalar(select(_copy()).where(IssuedDocument.__table__.c.id == row_id))


def _copy():  # type: ignore[no-untyped-def]
    """The register's copy of a document, as bytes whatever was stored (an edit in a database
    browser may make it text)."""
    return cast(IssuedDocument.__table__.c.content, LargeBinary)


def fault_message(fault: FileFault) -> str:
    """``bdcq check``'s line for ``fault``: the document, its file, what is wrong, the way out."""
    if fault.kind == OUTSIDE:
        return tr(
            "Văn bản {symbol} năm {y}: {problem} {folder}; không đọc, không ghi tệp ở đó. Sổ "
            "đăng ký có thể đã bị sửa ngoài ứng dụng; hãy khôi phục dữ liệu từ một bản sao lưu."
        ).format(
            symbol=fault.symbol, y=fault.year, problem=fault.problem, folder=issued_documents_dir()
        )
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


def missing_summary(faults: Iterable[FileFault]) -> list[tuple[str, list[FileFault]]]:
    """``faults`` as ``bdcq check`` says them: each alone, except that more than
    :data:`FEW_MISSING` files missing from one folder (a database copied without its documents
    folder) are one message for that folder, with the way out. Each message with its faults,
    in the order of the first."""
    faults = list(faults)
    groups: dict[tuple[Path, int], list[FileFault]] = {}
    for f in faults:
        if f.kind == MISSING:
            groups.setdefault((f.path.parent, f.year), []).append(f)
    out: list[tuple[str, list[FileFault]]] = []
    said: set[tuple[Path, int]] = set()
    for f in faults:
        key = (f.path.parent, f.year)
        group = groups.get(key, []) if f.kind == MISSING else []
        if len(group) <= FEW_MISSING:
            out.append((fault_message(f), [f]))
        elif key not in said:
            said.add(key)
            out.append((_folder_message(group), group))
    return out


def _folder_message(group: list[FileFault]) -> str:
    """One year's files missing from one folder, and the way out."""
    said = tr("Thư mục {folder}: thiếu tệp của {n} văn bản ban hành năm {y}.").format(
        folder=group[0].path.parent, n=len(group), y=group[0].year
    )
    lost = sum(not f.restorable for f in group)
    if lost == len(group):
        return said + " " + tr(
            "Sổ đăng ký không giữ bản đúng của các văn bản này; hãy chép lại thư mục văn bản "
            "{docs} từ máy đã ban hành, hoặc khôi phục từ một bản sao lưu."
        ).format(docs=issued_documents_dir())
    said += " " + tr(
        "Nếu cơ sở dữ liệu này được chép từ máy khác, hãy chép kèm thư mục văn bản {docs} của "
        "máy đó; hoặc ghi lại các tệp từ sổ đăng ký bằng lệnh bdcq documents repair-files."
    ).format(docs=issued_documents_dir())
    if lost:
        said += " " + tr(
            "Sổ đăng ký không giữ bản đúng của {n} văn bản trong số đó; các tệp đó phải chép lại "
            "từ nơi lưu khác."
        ).format(n=lost)
    return said


# The name the register gives an issued document's file (:func:`.register._file_name`):
# ``<year>/<number, 3 digits>-<type>-<kind>-<8 hex>.pdf``.
_ISSUED_NAME = re.compile(r"^(\d{3,})-([A-Za-z0-9]+)-([a-z0-9_-]+)-[0-9a-f]{8}\.pdf$")


@dataclass(frozen=True)
class Orphan:
    """A file of the documents folder named as the register names an issued document's, that
    no entry of the register points to: a document issued, then left out of the register
    (a restore of an older backup before restores kept such entries), whose number the
    register may give again."""

    path: Path
    year: int
    number: int
    type_abbr: str  # as the file name spells it (Đ written D)
    reissued: bool = False  # the register gives its number to another document


def orphan_files(db: Database) -> list[Orphan]:
    """The issued documents' files of this database's folder the register does not know, by
    year and number. The folder shared by every database on the PC (where documents were
    issued before each database had its own) is looked in only when this register has files
    there: another database's files are not this one's orphans. A file set aside as altered
    (``….altered-….pdf``) is not one: the register's own file was put back beside it."""
    doc = IssuedDocument.__table__.c
    with db.engine.connect() as s:
        rows = s.execute(
            select(doc.file_path, doc.year, doc.type_abbr, doc.number, doc.sha256)
        ).all()
        own = own_folder(s)
    shared = issued_documents_dir()
    known = {os.path.normcase(str(local_file(row[0], shared))) for row in rows}
    shared_key = os.path.normcase(str(shared))
    folders = [shared / own] if own else []
    if own is None or any(os.path.dirname(os.path.dirname(k)) == shared_key for k in known):
        folders.append(shared)
    years: list[Path] = []
    for folder in folders:
        try:
            years += sorted(d for d in folder.iterdir() if _is_year(d))
        except OSError:
            continue  # no folder (nothing issued here), or unreadable: nothing to compare
    numbers = {(y, _safe(abbr), n) for _path, y, abbr, n, _digest in rows}
    digests = {row[4] for row in rows}
    found: list[Orphan] = []
    for year in years:
        try:
            names = sorted(f.name for f in year.iterdir())
        except OSError:
            continue
        for name in names:
            match = _ISSUED_NAME.match(name)
            path = year / name
            if match is None or os.path.normcase(str(path)) in known:
                continue
            if _digest(path) in digests:
                continue  # a document the register holds under another path (said as such)
            y, n, abbr = int(year.name), int(match[1]), match[2]
            found.append(Orphan(path, y, n, abbr, (y, abbr.casefold(), n) in numbers))
    return found


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _safe(type_abbr: str) -> str:
    """A type abbreviation as a file name spells it (the register's rule), casefolded."""
    ascii_only = type_abbr.replace("Đ", "D").replace("đ", "d")
    return re.sub(r"[^A-Za-z0-9]+", "", ascii_only).casefold()


def orphan_messages(orphans: list[Orphan]) -> list[tuple[str, str]]:
    """``bdcq check``'s lines for ``orphans`` (message, reference): each alone, up to
    :data:`FEW_MISSING` in a year; more (a database opened beside another's documents folder)
    are one line for the year."""
    by_year: dict[int, list[Orphan]] = {}
    for o in orphans:
        by_year.setdefault(o.year, []).append(o)
    out: list[tuple[str, str]] = []
    for year, group in by_year.items():
        if len(group) > FEW_MISSING:
            out.append((tr(
                "Thư mục {folder} có {n} tệp văn bản ban hành năm {y} mà sổ đăng ký văn bản không "
                "ghi (số {numbers}): có thể cơ sở dữ liệu này không phải của thư mục văn bản này, "
                "hoặc đã khôi phục một bản sao lưu cũ hơn. Số của các văn bản đó có thể bị cấp "
                "lại; hãy đối chiếu với sổ."
            ).format(
                folder=group[0].path.parent, n=len(group), y=year,
                numbers=", ".join(f"{o.number:02d}/{o.type_abbr}" for o in group[:10])
                + (", …" if len(group) > 10 else ""),
            ), f"file:{year}"))  # fmt: skip
            continue
        for o in group:
            risk = (
                tr("số này đã được cấp lại cho một văn bản khác trong sổ")
                if o.reissued
                else tr("số này có thể bị cấp lại cho văn bản khác")
            )
            out.append((tr(
                "Tệp {path} là văn bản số {number:02d}/{abbr} năm {y} đã ban hành nhưng không có "
                "trong sổ đăng ký văn bản (thường do khôi phục một bản sao lưu cũ hơn): {risk}. "
                "Hãy đối chiếu tệp với sổ."
            ).format(path=o.path, number=o.number, abbr=o.type_abbr, y=o.year, risk=risk),
                f"file:{o.path.name}"))  # fmt: skip
    return out


@dataclass(frozen=True)
class Written:
    """A file put back by :func:`put_back`; ``kept``: where the altered file found in its
    place was renamed to (None when there was none)."""

    fault: FileFault
    kept: Path | None


@dataclass(frozen=True)
class Restored:
    """An issued document's file this PC's folder held wrong, written back from the register
    by the call that read the document (:func:`.register.read_stored`): ``problem`` is
    :data:`MISSING`, :data:`UNREADABLE` or :data:`ALTERED`; ``kept``: where the file found in
    its place was renamed to (None when there was none), for the officer to look at."""

    id: int
    symbol: str
    kind: str
    summary: str
    path: Path
    problem: str
    kept: Path | None


def restored_message(restored: Restored) -> str:
    """What the officer is told: which document and file, what was wrong with it, that it was
    written back from the register, and where the file found in its place was kept."""
    what = {
        MISSING: tr("bị thiếu"),
        UNREADABLE: tr("không đọc được"),
        ALTERED: tr("đã bị thay đổi, nội dung khác với bản đã ban hành"),
    }[restored.problem]
    # The paths on lines of their own: long, and what the officer copies into Explorer.
    said = tr(
        "Tệp của văn bản {symbol} ({summary}) trong thư mục văn bản đã ban hành {what}. Đã "
        "ghi lại tệp từ bản lưu trong sổ đăng ký (đã kiểm tra SHA-256):\n{path}"
    ).format(symbol=restored.symbol, summary=restored.summary, what=what, path=restored.path)
    if restored.kept is None:
        return said
    # It may be the signed scan someone put in its place: the officer decides what it is.
    return said + "\n\n" + tr(
        "Tệp tìm thấy ở đó không bị xóa, được giữ lại với tên mới:\n{kept}"
    ).format(kept=restored.kept)


def put_back(db: Database) -> tuple[list[Written], list[FileFault]]:
    """Write the register's copy in place of every file that is not its issued document; an
    altered file found there is renamed aside first (:func:`set_aside`). Returns the files
    written and the faults left (no right copy in the register, or a path outside the
    documents folder, which is never written). A file is written only once the copy's SHA-256
    is checked again, through a temporary file renamed into place; a file that cannot be
    written stops it with a :class:`.errors.BcdError` naming the file."""
    written: list[Written] = []
    left: list[FileFault] = []
    faults = file_faults(db)
    if not faults:
        return written, left
    with db.engine.connect() as s:
        for fault in faults:
            sha256 = s.scalar(select(IssuedDocument.sha256).where(IssuedDocument.id == fault.id))
            content = _stored(s, fault.id) if fault.restorable else None
            if (
                content is None
                or hashlib.sha256(content).hexdigest() != sha256
                or not in_documents_folder(fault.path)
            ):
                left.append(fault)
                continue
            # A folder that cannot be written, a full disk: said, naming the file; the files
            # written before it stay written (each is whole).
            kept = set_aside(fault.path, sha256)
            write_atomic(fault.path, content)
            written.append(Written(fault, kept))
    return written, left


__all__ = [
    "FileFault",
    "Orphan",
    "Restored",
    "Written",
    "fault_message",
    "file_faults",
    "in_documents_folder",
    "local_file",
    "missing_summary",
    "orphan_files",
    "orphan_messages",
    "outside_error",
    "own_folder",
    "put_back",
    "restored_message",
    "set_aside",
]
