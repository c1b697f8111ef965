"""What the command groups share: exit codes, the one-line-error parser, opening the database,
output formats, argument types and the columns of the list commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..core.errors import BcdError, ValidationError
from ..core.i18n import tr
from ..core.text import clean, excerpt
from .date_args import CLEARABLE, READERS, date_label
from .date_args import date_arg as date_arg  # the types, where the commands found them
from .date_args import date_or_empty_arg as date_or_empty_arg
from .date_args import datetime_arg as datetime_arg
from .date_args import datetime_or_empty_arg as datetime_or_empty_arg
from .date_args import since_arg as since_arg
from .date_args import time_or_datetime_arg as time_or_datetime_arg

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]

# The record versions the lists give in CSV and JSON, what --expected-version takes.
VERSION_KEYS = ("version", "person_version", "round_version")
VERSION_HEADERS = {
    "version": "Phiên bản",
    "person_version": "Phiên bản (người)",
    "round_version": "Phiên bản đợt",
}

class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line and exits 2, and whose help says its own
    words in Vietnamese, then English, as the options' help does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số / positional arguments"
        self._optionals.title = "tùy chọn / options"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "in trợ giúp này rồi thoát / show this help message and exit"

    def error(self, message: str) -> None:  # type: ignore[override]
        from .usage_text import bilingual

        # argparse echoes the value it refused: cleaned and cut, the message stays one line.
        message = excerpt(clean(bilingual(message)), 400)
        self.exit(EXIT_USAGE, f"bdcq: lỗi cú pháp / usage error: {message}\n")

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """A date or time option is read here, not by its type alone: the refusal names its
        field ("--start-date: "Ngày bắt đầu / start" không phải là ngày hợp lệ"), which a type
        function, called with the text only, cannot know. An option that may be cleared keeps
        ``""``, which the core reads as no value."""
        read = READERS.get(action.type)  # type: ignore[arg-type]
        if read is None or (action.type in CLEARABLE and not arg_string.strip()):
            return super()._get_value(action, arg_string)
        try:
            return read(arg_string, date_label(action))
        except ValidationError as exc:
            raise argparse.ArgumentError(action, exc.message) from None


def add_command(
    parent: Any,
    name: str,
    help_text: str,
    func: Command,
    *,
    reads: bool | Callable[[argparse.Namespace], bool] = False,
) -> argparse.ArgumentParser:
    """A subcommand ``name`` of ``parent`` (a subparsers action) that runs ``func``.
    ``reads``: the command only reads the database (or does, given its arguments): a
    refusal met on the way says the data was not read, not "Chưa lưu được gì" (bdcq_desktop.cli
    runs it inside :func:`...core.read_scope.reading`). Set on every command, so an action
    under a reading one (``documents numbering set``) is never taken for a read."""
    p = parent.add_parser(name, help=help_text, description=help_text)
    p.set_defaults(func=func, only_reads=reads)
    return p


def add_group(sub: Any, name: str, help_text: str) -> Any:
    """A command group (``bdcq members …``) whose ACTION is required."""
    return sub.add_parser(name, help=help_text).add_subparsers(
        dest="sub", metavar="ACTION", parser_class=Parser, required=True
    )


def open_db(  # type: ignore[no-untyped-def]
    args: argparse.Namespace,
    *,
    migrate: bool = True,
    create: bool = False,
    empty_ok: bool = False,
):
    """The database of ``--db``; its warnings go to stderr, one line each. A ``--db`` file
    (a path or a ``sqlite:///`` URL) that does not exist is refused unless ``create``
    (``init``, ``demo``, ``restore``): a mistyped path must not become a new, empty database
    in which a list finds nothing, a check finds "no problems" and an import or a save lands
    unseen. An empty (0-byte) ``--db`` file is refused as a damaged one, naming the backup to
    restore, unless ``empty_ok`` (``init``, ``restore``). The default database (no ``--db``)
    is made on first use, as the window does."""
    from ..core.db import sqlite_file_of

    given = getattr(args, "db", None)
    file = sqlite_file_of(given) if given else None
    if not create and file is not None and not file.exists():
        raise BcdError(
            tr(
                "Không có tệp cơ sở dữ liệu {path}: hãy kiểm tra đường dẫn --db (cơ sở dữ liệu "
                "mới được tạo bằng lệnh init)."
            ).format(path=file if "://" in given else given)
        )
    db = _open_asking(args.db, migrate=migrate, refuse_empty=bool(given) and not empty_ok)
    # Closed when the command ends (bdcq_desktop.cli), so its write-ahead log is checkpointed
    # into the file then, not whenever the process happens to exit.
    args.__dict__.setdefault("_databases_opened", []).append(db)
    for warning in db.warnings:
        print(f"bdcq: cảnh báo / warning: {warning}", file=sys.stderr)
    return db


def _open_asking(db_arg: str | None, **options: Any):  # type: ignore[no-untyped-def]
    """The database of ``--db db_arg``. The server remembered by ``bdcq connect`` (no
    ``--db``, no ``BDCQ_DATABASE_URL``) signs in with the password kept in the credential
    store; one refused or missing is asked once in a terminal, never kept (``bdcq connect``
    keeps it), and a script is told how to give it."""
    from ..core.db import open_database
    from ..core.server_choice import remembered_for
    from ..core.storage_errors import ServerLoginRefused

    try:
        return open_database(db_arg, **options)
    except ServerLoginRefused as refused:
        server = remembered_for(db_arg)
        if server is None:
            raise
        if sys.stdin is None or not sys.stdin.isatty():
            from ..core.server_choice import credential_store

            if credential_store() is None:  # nowhere to keep it: libpq's own file is
                hint = tr(
                    "Máy chủ này do bdcq connect nhớ, và máy này không có kho mật khẩu để lưu "
                    "mật khẩu: hãy chạy lệnh trong cửa sổ dòng lệnh để nhập mật khẩu, hoặc "
                    "ghi nó vào tệp mật khẩu của PostgreSQL (.pgpass, PGPASSFILE)."
                )
            else:
                hint = tr(
                    "Máy chủ này do bdcq connect nhớ; mật khẩu lấy từ kho mật khẩu của hệ điều "
                    "hành. Hãy lưu lại mật khẩu (bdcq connect --host … --password-stdin), "
                    "hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập mật khẩu."
                )
            raise BcdError(f"{refused.message}\n{hint}") from None
        from getpass import getpass

        if "no password supplied" not in refused.message:  # one kept, refused: say so
            print(f"bdcq: {refused.message.splitlines()[0]}", file=sys.stderr)
        password = getpass(f"Mật khẩu của / password of {server.account}: ")
        return open_database(db_arg, password=password, **options)


def emit(
    rows: list[Any],
    columns: list[str],
    headers: dict[str, str],
    fmt: str,
    table_columns: list[str] | None = None,
    whole: Sequence[str] = (),
) -> None:
    """Print ``rows`` as a table, CSV or JSON; ``table_columns``, if given, are the table's
    (labels where CSV and JSON keep codes), ``whole`` the table's columns never cut. The
    table writes dates as a Vietnamese office reads them (18/11/2026, 08/01/2027 08:00), CSV
    and JSON in ISO 8601 for machines."""
    from ..core import tabular

    if fmt == "table":
        # The versions are for scripts (--expected-version): CSV and JSON, not the table.
        columns = [c for c in table_columns or columns if c not in VERSION_KEYS]
    data = tabular.to_dicts(rows, columns, human=fmt == "table")
    if fmt == "json":
        print(tabular.render_json(data))
    elif fmt == "csv":
        sys.stdout.write(tabular.render_csv(data, {**VERSION_HEADERS, **headers}))
    else:
        print(
            tabular.render_table(data, headers, whole) if data else "(không có dữ liệu / no rows)"
        )


def print_json(data: Any) -> None:
    """``data`` as indented JSON, non-ASCII letters kept (``show``, ``summary`` commands)."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def show_record(
    detail: Any,
    fmt: str,
    as_dict: Callable[[Any], Any],
    as_table: Callable[[Any], None],
    csv: tuple[list[str], dict[str, str]] | None = None,
) -> int:
    """A ``show`` command's output: ``as_dict(detail)`` as JSON, else ``as_table(detail)``;
    as CSV, one row of the JSON's ``csv`` columns (``minutes.version``: a key inside a key)
    under their headers, ISO dates as in the JSON, the lists inside left to the JSON."""
    if fmt == "json":
        print_json(as_dict(detail))
    elif fmt == "csv" and csv is not None:
        from ..core import tabular

        data, (columns, headers) = as_dict(detail), csv
        row = {}
        for column in columns:
            value = data
            for key in column.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            row[column] = value
        sys.stdout.write(tabular.render_csv([row], {**VERSION_HEADERS, **headers}))
    else:
        as_table(detail)
    return EXIT_OK


def json_list_file(path: str, field: str, label: str, items: str) -> list[Any]:
    """The list of JSON objects in file ``path`` (``--agenda``, ``--tasks``); a file that
    cannot be read, or is not such a list, is refused naming ``label`` and what the objects
    are (``items``)."""
    from ..core.files import os_reason

    shown = clean(path)  # a name with control or direction characters is not echoed raw

    def refused(why: str) -> ValidationError:
        return ValidationError(field, f"không đọc được tệp {shown}: {why}.", label=label)

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise refused(os_reason(exc)) from None
    except ValueError:  # a NUL character in the name
        raise refused("đường dẫn không hợp lệ") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refused(
            f"tệp không phải văn bản UTF-8 (byte lạ ở vị trí {exc.start}); hãy lưu tệp JSON "
            "với bảng mã UTF-8"
        ) from None
    if not text.strip():
        raise refused(f"tệp rỗng; cần một danh sách JSON các {items}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise refused(
            f"không phải tệp JSON hợp lệ (lỗi ở dòng {exc.lineno}, cột {exc.colno})"
        ) from None
    except RecursionError:  # thousands of nested brackets
        raise refused("không phải tệp JSON hợp lệ (lồng nhau quá sâu)") from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ValidationError(field, f"tệp phải là một danh sách JSON các {items}.", label=label)
    return data


def version_or_current(given: int | None, current: Callable[[], int]) -> int:
    """The ``--expected-version`` given, else the record's version now (``current()``, read
    only then)."""
    return given if given is not None else current()


def list_options(p: argparse.ArgumentParser) -> None:
    """``--search`` and ``--format`` of the list commands."""
    p.add_argument(
        "--search", metavar="TEXT", help="tìm không phân biệt dấu / diacritic-insensitive search"
    )
    format_option(p)


def format_option(
    p: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "csv", "json")
) -> None:
    """``--format``, table by default."""
    p.add_argument(
        "--format",
        choices=list(choices),
        default="table",
        help="định dạng đầu ra / output format (mặc định / default: table)",
    )


def meeting_id_option(p: argparse.ArgumentParser) -> None:
    """The positional meeting ``id`` of the ``meetings`` commands."""
    p.add_argument("id", type=id_arg, metavar="ID", help="mã cuộc họp / meeting id")


def expected_version_option(p: argparse.ArgumentParser) -> None:
    """``--expected-version``: the version the caller read (optimistic locking)."""
    p.add_argument(
        "--expected-version",
        type=int,
        metavar="N",
        help="phiên bản đã đọc (khóa lạc quan) / the version read (optimistic locking)",
    )


def meeting_version(db: Any, meeting_id: int, given: int | None) -> int:
    """The ``--expected-version`` given, else the meeting's current version."""
    from ..core.meetings import get_meeting

    return version_or_current(given, lambda: get_meeting(db, meeting_id).version)

MAX_ID = 2**63 - 1  # the largest key a database integer column holds


def id_arg(text: str) -> int:
    """argparse type for record ids: a positive whole number a database can hold."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) <= MAX_ID:
        raise argparse.ArgumentTypeError(
            f'mã phải là số nguyên dương (tối đa {MAX_ID}): "{value[:80]}" / an id is a '
            "positive whole number"
        )
    return int(value)


def year_arg(text: str) -> int:
    """argparse type for a year (1900–9999)."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 1900 <= int(value) <= 9999:
        raise argparse.ArgumentTypeError(
            f'năm không hợp lệ: "{value[:80]}" (ví dụ 2026) / not a year (e.g. 2026)'
        )
    return int(value)


def edited_units(
    current: Sequence[int], adding: list[int], removing: list[int], holder: tuple[str, str]
) -> list[int]:
    """The units of a round or a regime (``holder``: its name in Vietnamese and English) after
    ``--add-unit`` and ``--remove-unit``; a unit added twice over, or removed though not
    there, is refused (a mistyped id would else do nothing)."""
    label = "Đơn vị báo cáo"
    vi, en = holder
    both = sorted(set(adding) & set(removing))
    there = sorted(set(adding) & set(current))
    absent = sorted(set(removing) - set(current))
    for ids, text in (
        (both, "vừa thêm vừa bỏ đơn vị mã {ids} / both added and removed"),
        (there, f"đơn vị mã {{ids}} đã có trong {vi} / already in {en}"),
        (absent, f"đơn vị mã {{ids}} không có trong {vi} / not in {en}"),
    ):
        if ids:
            message = f'"{label}": ' + text.format(ids=", ".join(map(str, ids)))
            raise ValidationError("unit_ids", message, label=label)
    kept = [uid for uid in current if uid not in removing]
    return kept + [uid for uid in adding if uid not in kept]


def unless_confirmed(call: Callable[[], Any]) -> Any:
    """Run a core save that may stop on a warning the window asks about (a
    :class:`~bdcq_desktop.core.errors.ConfirmationRequired`: nothing written): the warning
    becomes a refusal naming ``--yes``, the flag that passes the core's ``confirm_…`` keyword.
    Never asked interactively: a script has no one to answer."""
    import re

    from ..core.errors import ConfirmationRequired

    try:
        return call()
    except ConfirmationRequired as exc:
        # The window's question ("… Vẫn lưu?", "Vẫn lưu điểm danh?") is the flag's to answer.
        said = re.sub(r"\s*Vẫn [^.?!]*\?\s*$", "", exc.message)
        raise BcdError(f"{said} Thêm --yes để vẫn lưu / add --yes to save anyway.") from None


def yes_option(p: argparse.ArgumentParser, what: str) -> None:
    """``--yes``: go on despite the warning ``what`` (nothing is asked interactively)."""
    p.add_argument("--yes", action="store_true", help=f"vẫn lưu khi {what}")


def usage(vi: str, en: str) -> int:
    """A refused combination of options: one line on stderr, exit 2."""
    print(f"bdcq: lỗi cú pháp / usage error: {vi} / {en}", file=sys.stderr)
    return EXIT_USAGE
