"""Files the application writes for the user: never half a file, never over the record.

A file is written next to its target under a temporary name and renamed into place, so a crash
or a full disk leaves the old file or the new one, never a torn one. A target that is not a
plain file (a folder, a device such as ``/dev/full``) or that holds the record itself (the
open database and its journal files, the automatic backups, any other SQLite database: the
laptop's copy with work not exported yet, another office's data) is refused before anything
is written. Operating-system errors become one Vietnamese sentence naming the path and the problem.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import AccessError, BcdError
from .file_kinds import refuse_other_kind
from .i18n import tr

PART_SUFFIX = ".part"
# Side files SQLite keeps beside a database: writing over one of them damages the database.
SQLITE_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")
# What a SQLite database file starts with, and a write-ahead log (either byte order).
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


class DatabaseTargetError(BcdError):
    """An output path that is an existing SQLite database (``database``), or one of its side
    files (``path`` then differs): refused, whatever the file's name."""

    def __init__(self, message: str, *, path: Path, database: Path) -> None:
        super().__init__(message)
        self.path = path
        self.database = database


def _reason(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    code = exc.errno
    if code == errno.ENOENT and _missing_folder(path or exc.filename) is not None:
        # The folder, not the file: a file to be written never exists beforehand.
        return tr("thư mục {folder} không tồn tại").format(
            folder=_missing_folder(path or exc.filename)
        )
    if code in (errno.EACCES, errno.EPERM):
        return tr("không có quyền ghi hoặc đọc")
    if code == errno.EROFS:
        return tr("ổ đĩa chỉ cho đọc")
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return tr("ổ đĩa đã đầy")
    if code == errno.ENOENT:
        return tr("không tồn tại")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return tr("một phần của đường dẫn là tệp chứ không phải thư mục")
    if code == errno.EISDIR:
        return tr("đây là một thư mục")
    if code == errno.ELOOP:
        return tr("đường dẫn là một liên kết vòng (trỏ về chính nó)")
    if code == errno.ENAMETOOLONG:
        return tr("tên quá dài")
    if code in (errno.EIO, getattr(errno, "ENXIO", -1)):
        return tr("lỗi đọc/ghi thiết bị")
    if code == errno.EBUSY or getattr(exc, "winerror", None) == 32:
        return tr("tệp đang được chương trình khác sử dụng")
    return tr("lỗi hệ thống ({detail})").format(detail=exc.strerror or exc)


def _missing_folder(path: object) -> Path | None:
    """The folder of ``path`` when it does not exist (None: it does, or no path is known)."""
    if not isinstance(path, str | os.PathLike):
        return None
    folder = Path(path).parent
    try:
        return None if folder.exists() else folder
    except (OSError, ValueError):
        return None


def os_reason(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """Why ``exc`` happened, in Vietnamese ("ổ đĩa đã đầy"), for a message of the caller's
    (``path``: the file meant, when ``exc`` names another, e.g. a temporary one beside it)."""
    return _reason(exc, path)


def os_error(exc: OSError, path: str | os.PathLike[str] | None = None, what: str = "") -> BcdError:
    """A Vietnamese one-liner for ``exc``: what failed, on which path, and why."""
    target = path if path is not None else (exc.filename or "")
    label = what or tr("tệp")
    reason = _reason(exc, target or None)
    return AccessError(
        tr("Không truy cập được {what} {path}: {reason}.").format(
            what=label, path=target, reason=reason
        ),
        reason=reason,
        path=str(target),
        what=label,
    )


def on_disk(path: str | os.PathLike[str]) -> Path:
    """``path`` as it is spelled on disk when it is only spelled otherwise in Unicode: a folder
    unpacked from a Mac-made zip ("Văn bản" in decomposed letters, NFD) and a path typed on a
    keyboard (composed, NFC) look the same but are different names to Windows and Linux, so
    the officer was told of no such file while seeing it. Each missing part is matched to the
    one entry of its folder that reads the same; from the first part none (or several) match,
    the rest is kept as typed. So a file still to be written (a backup, an export, a new
    database) goes into the folder there is, not into a second one made beside it that looks
    the same, and an output is checked against the file it would really replace."""
    given = Path(path)
    if os.path.lexists(given):
        return given
    here, changed = Path(given.anchor), False
    parts = given.parts[1:] if given.anchor else given.parts
    for i, part in enumerate(parts):
        if not os.path.lexists(here / part):
            key = unicodedata.normalize("NFC", part)
            try:
                same = [n for n in os.listdir(here) if unicodedata.normalize("NFC", n) == key]
            except OSError:
                same = []
            if len(same) != 1:  # nothing there to be: the rest as typed
                return here.joinpath(part, *parts[i + 1 :]) if changed else given
            part, changed = same[0], True
        here = here / part
    return here if changed else given


def names_folder(output: str) -> bool:
    """``output`` (an ``-o`` the officer typed) is a folder there is, in whatever Unicode
    spelling (:func:`on_disk`), or is written as one (``out/``): the file goes inside it."""
    if not output.strip():  # no name at all, refused as such: not the working folder (".")
        return False
    return os.path.isdir(on_disk(output)) or output.endswith(("/", os.sep))


def resolved(path: str | os.PathLike[str], what: str = "") -> Path:
    """``path`` typed by a user, made absolute with its links followed. A path that cannot be
    (a link that leads back to itself, a NUL character) is refused, naming it, instead of
    ending the command with Python's error."""
    try:
        return on_disk(Path(path).expanduser()).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop is RuntimeError before 3.13
        raise BcdError(
            tr(
                "Không dùng được đường dẫn {what} {path}: đường dẫn không hợp lệ hoặc là một "
                "liên kết vòng (trỏ về chính nó)."
            ).format(what=what or tr("tệp"), path=os.fspath(path).replace("\x00", "?"))
        ) from None


# A file name's limit (255: bytes on Linux, UTF-16 units on Windows, which UTF-8 bytes never
# undercount), less what SQLite adds for a temporary database's journal ("-journal").
_PART_NAME_MAX = 255 - len("-journal")


def part_path(target: Path, suffix: str = PART_SUFFIX) -> Path:
    """A fresh temporary name beside ``target``: a hidden name with the process id, so the
    leftovers of a killed process can be told from a file another process is writing. The
    target's name in it is shortened to keep it a name the disk takes: a long title the officer
    chose ("Báo cáo kết quả … năm 2026.pdf", 235 bytes) was refused as "tên quá dài" for
    the temporary name alone, 24 bytes longer."""
    tail = f".{os.getpid()}.{uuid.uuid4().hex[:8]}{suffix}"
    name = target.name
    while name and len(f".~{name}{tail}".encode()) > _PART_NAME_MAX:
        name = name[:-1]
    return target.with_name(f".~{name}{tail}")


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _real(path: Path) -> Path:
    """``path`` with its links followed as far as they exist (itself if that cannot be)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def hard_linked_into(target: Path, folder: Path, below: bool = True) -> bool:
    """Whether ``target`` is an existing file that is also a file of ``folder`` under another
    name (a hard link): one file with two names, so the protected one is what gets replaced or
    written in place. The folder is searched only for a file that has a second name."""
    try:
        st = os.stat(target)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_nlink < 2:
        return False  # the common case: no second name anywhere, nothing to look for
    try:
        files = folder.rglob("*") if below else folder.iterdir()
        for f in files:
            with contextlib.suppress(OSError):
                other = f.stat()
                if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                    return True
    except OSError:
        return False
    return False


def inside(target: Path, folder: Path, *, below: bool = True) -> bool:
    """Whether the file ``target`` lies in ``folder`` (at any depth when ``below``, else
    directly), however either is spelled: relative, through a symbolic link (of the file or of
    a folder on the way), in another case on a volume that ignores case (Windows, macOS). The
    folders on the way are compared as files, not as text, wherever they exist; as text (case
    folded where the system folds it) where they do not. A hard link elsewhere to one of its
    files is :func:`hard_linked_into`."""
    target = Path(os.path.abspath(target))
    for spelling in dict.fromkeys((target, _real(target))):
        ancestors = spelling.parents if below else (spelling.parent,)
        if any(same_file(a, folder) for a in ancestors):
            return True
    return False


def _starts_with(path: Path, prefixes: tuple[bytes, ...]) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(max(map(len, prefixes)))
    except OSError:
        return False
    return any(head.startswith(p) for p in prefixes)


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is an existing file that begins as a SQLite database does, whatever
    its name (a copy on a USB stick may be called anything)."""
    return _starts_with(path, (SQLITE_HEADER,))


def database_at(target: Path) -> Path | None:
    """The SQLite database ``target`` would write over: ``target`` itself when it is one (by
    its first 16 bytes) or when a database's side files lie beside it (a database whose main
    file is damaged keeps its last changes there, and a new database written under that name
    would take them in); the database whose ``-wal``, ``-shm`` or ``-journal`` it is; else
    None. A write-ahead log is known by its own header too."""
    if is_sqlite_file(target):
        return target
    for suffix in SQLITE_SIDE_SUFFIXES[1:]:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            main = target.with_name(target.name[: -len(suffix)])
            if is_sqlite_file(main):
                return main
    if any(target.with_name(target.name + s).is_file() for s in SQLITE_SIDE_SUFFIXES[1:]):
        return target
    if _starts_with(target, WAL_MAGICS):
        return target
    return None


def _refuse_database(target: Path, replacing: Path | None) -> None:
    found = database_at(target)
    if found is None:
        return
    if replacing is not None and same_file(found, replacing) and same_file(target, replacing):
        return  # the caller asked, and was told what is lost (copy-for-room's --replace)
    if same_file(found, target):
        message = tr(
            "Không ghi vào {path}: {path} là một tệp cơ sở dữ liệu; không ghi đè. Hãy chọn tên "
            "tệp khác."
        ).format(path=target)
    else:
        message = tr(
            "Không ghi vào {path}: đây là tệp đi kèm của tệp cơ sở dữ liệu {database}; không "
            "ghi đè. Hãy chọn tên tệp khác."
        ).format(path=target, database=found)
    raise DatabaseTargetError(message, path=target, database=found)


def refuse_output(
    path: str | os.PathLike[str] | None,
    *,
    protected: Iterable[Path] = (),
    protected_dirs: Iterable[Path] = (),
    document_dirs: Iterable[Path] = (),
    replacing: Path | None = None,
) -> Path:
    """The absolute target for an output file, or a :class:`BcdError` saying why not.

    ``protected`` are files never written (the database and its side files), in any spelling;
    ``protected_dirs`` folders no file is written directly into (the automatic backups: the
    officer may have chosen a folder with subfolders of their own); ``document_dirs`` folders
    no file is written anywhere under (the issued documents, kept by year). An existing SQLite
    database, or a side file of one, is never written over (:class:`DatabaseTargetError`),
    except ``replacing``, a database the user confirmed is to be replaced by the target."""
    text = "" if path is None else os.fspath(path)
    if not text.strip():
        raise BcdError(tr("Chưa có tên tệp đầu ra (đường dẫn trống)."))
    # Spelled as on disk (files.on_disk), like every input: typed with composed letters, the
    # database in a folder a Mac zip made is still refused as the database, and a new file
    # goes into that folder rather than a look-alike twin made beside it.
    target = on_disk(os.path.abspath(Path(text).expanduser()))
    for p in protected:
        if same_file(target, p):
            raise BcdError(
                tr(
                    "Không ghi vào {path}: đây là tệp dữ liệu đang dùng (hoặc tệp đi kèm của "
                    "nó). Hãy chọn tên tệp khác."
                ).format(path=target)
            )
    for folder in protected_dirs:
        if folder.exists() and (
            inside(target, folder, below=False) or hard_linked_into(target, folder, below=False)
        ):
            raise BcdError(
                tr(
                    "Không ghi vào {path}: thư mục này chứa các bản sao lưu tự động. Hãy chọn "
                    "thư mục khác."
                ).format(path=target)
            )
    for folder in document_dirs:
        if inside(target, folder):
            raise BcdError(
                tr(
                    "Không ghi vào {path}: thư mục {folder} chứa bản lưu của các văn bản đã ban "
                    "hành (sổ đăng ký văn bản); ghi vào đó có thể đè lên một văn bản đã ban "
                    "hành. Hãy chọn thư mục khác."
                ).format(path=target, folder=folder)
            )
        if folder.exists() and hard_linked_into(target, folder):
            raise BcdError(
                tr(
                    "Không ghi vào {path}: tệp này là một tên khác (liên kết cứng) của bản lưu "
                    "một văn bản đã ban hành trong thư mục {folder}. Hãy chọn tên tệp khác."
                ).format(path=target, folder=folder)
            )
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise os_error(exc, target) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise BcdError(tr("Không ghi vào {path}: đây là một thư mục.").format(path=target))
        if not stat.S_ISREG(st.st_mode):
            raise BcdError(
                tr("Không ghi vào {path}: đây không phải một tệp thông thường.").format(
                    path=target
                )
            )
    _refuse_database(target, replacing)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise BcdError(
            tr("Không ghi vào {path}: {parent} là tệp chứ không phải thư mục.").format(
                path=target, parent=parent
            )
        )
    return target


def _make_folder(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, target.parent, tr("thư mục")) from None


def claim_part(target: Path, what: str = "") -> Path:
    """A fresh, empty temporary file beside ``target`` (its folder made), where ``target`` is
    then written: made first, so a folder that cannot be written is said as such, in
    Vietnamese, naming ``what`` (a backup, say) before any work is done."""
    target = Path(target)
    _make_folder(target)
    tmp = part_path(target)
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise os_error(exc, target, what) from None
    return tmp


def check_writable(target: Path) -> None:
    """Refuse, before anything that cannot be undone (a number taken), a ``target`` that
    :func:`write_atomic` could not write: a folder without the right to write, a full disk,
    a read-only share, a file open in a program that locks it (Windows) or marked read-only.
    Nothing is left behind: a folder still to be made is tried in the nearest one there is."""
    target = Path(target)
    folder = target.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        _unlink_made(part_path(folder / target.name))
        if target.exists():
            with open(target, "ab"):  # replacing it needs it writable, not held open
                pass
    except OSError as exc:
        raise os_error(exc, target) from None


def _unlink_made(probe: Path) -> None:
    os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    probe.unlink()


def write_atomic(target: Path, write: bytes | Callable[[Path], None]) -> Path:
    """Write ``target`` through a temporary file in its folder, then rename it into place.

    ``write`` is the bytes, or a function writing the temporary path it is given. The file
    gets the usual permissions of a new file (not the 0600 of a private temporary file). An
    existing file of another kind is not replaced (:func:`refuse_other_kind`): the new one is
    known only once written, so this is checked here, whatever export wrote it.
    """
    target = Path(target)
    _make_folder(target)
    tmp = part_path(target)
    try:
        if isinstance(write, bytes | bytearray):
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o666)  # os.open's default, 0o777, makes it executable
            with os.fdopen(fd, "wb") as out:
                out.write(write)
                out.flush()
                os.fsync(out.fileno())
        else:
            write(tmp)
        if os.path.lexists(target):
            refuse_other_kind(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        raise os_error(exc, target) from None
    except BaseException:
        _unlink(tmp)
        raise
    return target


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool | None:
    """True/False when it can be told, None when not (then the file's age decides)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


STALE_AFTER_SECONDS = 24 * 3600


def clean_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files a killed process left in ``folder``; the ones removed.

    A file whose writer is still running is kept: its process id is part of its name.
    """
    removed: list[Path] = []
    try:
        # SQLite may have left a -wal or -journal beside a temporary database, too.
        candidates = [p for p in folder.iterdir() if PART_SUFFIX in p.name]
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        pieces = path.name[: path.name.rindex(PART_SUFFIX)].split(".")
        pid = int(pieces[-2]) if len(pieces) >= 3 and pieces[-2].isdigit() else None
        alive = _process_alive(pid) if pid is not None else None
        if alive is None:
            try:
                alive = now - path.stat().st_mtime < STALE_AFTER_SECONDS
            except OSError:
                continue
        if not alive:
            _unlink(path)
            if not path.exists():
                removed.append(path)
    return removed
