"""Command line ``bdcq``: a thin front end over the headless core.

Exit codes: 0 ok, 1 problems found (``check``), 2 bad usage or refused input (one line on
stderr, never a traceback); 141 when the reader of the output went away (``bdcq … | head``),
silently, as a program stopped by SIGPIPE. Never imports Qt.

The subcommands live in :mod:`.commands`, one module per group; this module assembles them and
maps the core's errors to exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .commands import (
    backups,
    data,
    documents,
    log,
    meetings,
    members,
    reports,
    sessions,
    settings,
    tasks,
)
from .commands.common import EXIT_USAGE, Parser
from .core.errors import BcdError, ValidationError

EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, what a shell reports for a program killed by it


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="bdcq",
        description=(
            "BCĐ Desktop — dòng lệnh cho văn phòng Ban Chỉ đạo xây dựng Chính quyền điện tử.\n"
            "Command line of BCĐ Desktop, the steering committee secretariat's tool."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="tệp SQLite hoặc URL SQLAlchemy / SQLite file or SQLAlchemy URL "
        "(mặc định / default: BDCQ_DATABASE_URL or the user data folder)",
    )
    parser.add_argument(
        "--backup-dir",
        metavar="DIR",
        help="thư mục sao lưu tự động / automatic backup folder (BDCQ_BACKUP_DIR)",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    # The order of the help listing.
    data.add_database_commands(sub)
    backups.add_backups_commands(sub)
    members.add_members_commands(sub)
    meetings.add_meetings_commands(sub)
    tasks.add_tasks_commands(sub)
    reports.add_reports_commands(sub)
    members.add_units_commands(sub)
    sessions.add_sessions_commands(sub)
    documents.add_document_commands(sub)
    settings.add_settings_commands(sub)
    log.add_log_command(sub)
    return parser


def _version() -> str:
    from . import __version__

    return f"bdcq {__version__}"


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; the core's refusals and I/O errors become one line and exit 2."""
    from .core.backup_folder import ENV_BACKUP_DIR
    from .core.officer import apply_officer_name

    if getattr(args, "backup_dir", None):
        os.environ[ENV_BACKUP_DIR] = args.backup_dir
    apply_officer_name()  # the change log names the officer set on this computer
    try:
        try:
            return int(args.func(args))
        finally:
            for db in getattr(args, "_databases_opened", ()):
                db.dispose()
    except BrokenPipeError:
        raise  # not an error to report: see main()
    except ValidationError as exc:
        print(f"bdcq: {exc.label}: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except BcdError as exc:
        print(f"bdcq: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        from .core.files import os_error

        print(f"bdcq: {os_error(exc).message}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a database or library error: one line, still no traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc).splitlines()[0]
            print(f"bdcq: lỗi cơ sở dữ liệu / database error: {detail}", file=sys.stderr)
            return EXIT_USAGE
        raise


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer to the null device, so that the interpreter's last
    flush at exit does not fail on the closed pipe a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (tests): nothing to protect
        pass


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _run(build_parser().parse_args(argv))
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a closed pipe shows here, not at exit
    except BrokenPipeError:  # bdcq … | head: the reader has all it wanted
        _discard_stdout()
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
