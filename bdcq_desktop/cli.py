"""Command line ``bdcq``: a thin front end over the headless core.

Exit codes: 0 ok, 1 problems found (``check``), 2 bad usage or refused input (one line on
stderr, never a traceback); 70 an error of the program itself (a defect, a damaged install):
two lines on stderr, its traceback in ``errors.log`` of the data folder; 130 stopped by
Ctrl+C; 141 when the reader of the output went away (``bdcq … | head``), silently, as a
program stopped by SIGPIPE. Never imports Qt. (A module missing that this one imports before
:func:`main` runs still ends in Python's own traceback: nothing of the program is there to
say it.)

The subcommands live in :mod:`.commands`, one module per group; this module assembles them (a
group's module is imported, and its parsers built, only for the command that runs) and maps the
core's errors to exit codes.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .commands.common import EXIT_USAGE, Parser
from .core.collector import imports_without_gc
from .core.errors import BcdError, ConflictError, ValidationError

EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, what a shell reports for a program killed by it
EXIT_DEFECT = 70  # sysexits' EX_SOFTWARE: not the officer's input, an error of the program
EXIT_INTERRUPTED = 128 + 2  # 128 + SIGINT, as a shell reports a program stopped by Ctrl+C

# Every command in the order of the help listing: the group of .commands that defines it and
# its line in ``bdcq --help`` (the same as the group module's own, which a test checks). The
# listing is all ``bdcq --help`` needs: a command's module is imported, and its options and
# actions built, only when the command runs or shows its own help (see _LazyCommand).
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("data", "tạo hoặc nâng cấp cơ sở dữ liệu / create or upgrade the database"),
    "demo": (
        "data",
        "nạp dữ liệu mẫu vào cơ sở dữ liệu trống / load demo data into an empty database",
    ),
    "check": (
        "data",
        "kiểm tra toàn vẹn và logic; mã thoát 1 nếu có vấn đề / integrity and logic checks; "
        "exit 1 on problems",
    ),
    "backup": (
        "data",
        "sao lưu trực tuyến ra tệp SQLite (PostgreSQL: bản chép toàn bộ dữ liệu, không khôi "
        "phục lên máy chủ được) / online backup to a SQLite file",
    ),
    "copy-for-room": (
        "data",
        "chép dữ liệu sang máy phòng họp (tệp SQLite, cả từ PostgreSQL) / copy for the "
        "meeting-room laptop",
    ),
    "restore": (
        "data",
        "khôi phục từ bản sao lưu, chỉ cơ sở dữ liệu SQLite (sao lưu trạng thái hiện tại "
        "trước) / restore a SQLite database (the current state is backed up first)",
    ),
    "connect": (
        "connect",
        "kết nối máy này với cơ sở dữ liệu dùng chung (máy chủ PostgreSQL) / connect this "
        "computer to the office's shared PostgreSQL database",
    ),
    "backups": (
        "backups",
        "các bản sao lưu tự động / automatic backups (restore: bdcq restore FILE)",
    ),
    "members": ("members", "thành viên / members"),
    "meetings": ("meetings", "cuộc họp / meetings"),
    "tasks": ("tasks", "nhiệm vụ / tasks (from conclusions or ad hoc)"),
    "reports": ("reports", "báo cáo của các đơn vị / the units' reports"),
    "rounds": ("reports", "đợt báo cáo / reporting rounds"),
    "regimes": ("reports", "chế độ báo cáo / reporting regimes"),
    "people": ("people", "chuyên gia, nhà khoa học, khách mời / experts and guests"),
    "units": ("units", "cơ quan, đơn vị / units"),
    "sessions": ("sessions", "phiên làm việc Tổ công tác / working-group sessions"),
    "export": (
        "documents",
        "xuất văn bản ra PDF (dự thảo, hoặc ban hành với --issue) / export a document to PDF "
        "(a draft, or issued with --issue)",
    ),
    "documents": ("documents", "sổ văn bản / document register"),
    "settings": ("settings", "thiết lập / settings"),
    "log": (
        "log",
        "lịch sử thay đổi của một bản ghi (ai, khi nào, sửa gì) / one record's change log",
    ),
}


@functools.cache
def _argparse_words_looked_up_once() -> None:
    """argparse looks each of its own words ("usage: ", "options", its help action's) up in
    gettext's catalogues, on disk, every time it makes a parser, and a command makes some 50
    (every action of its group): half of the time to read a command line (14 -> 7 ms). They
    cannot change while the program runs: each is looked up once."""
    argparse._ = functools.lru_cache(maxsize=512)(argparse._)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    _argparse_words_looked_up_once()
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
        help="tệp SQLite hoặc URL SQLAlchemy / SQLite file or SQLAlchemy URL (mặc định / "
        "default: BDCQ_DATABASE_URL, rồi máy chủ nhớ bằng bdcq connect / then the server "
        "remembered by bdcq connect, rồi / then bcd.sqlite3 in the user data folder)",
    )
    parser.add_argument(
        "--backup-dir",
        metavar="DIR",
        help="thư mục sao lưu tự động / automatic backup folder (BDCQ_BACKUP_DIR)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=_version(),
        help="in phiên bản rồi thoát / show the version and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_LazyCommand)
    sub.required = True
    for name, (group, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text, command=(group, name))
    return parser


def command_adder(group: str) -> Callable[[Any], None]:
    """The function of .commands that adds the commands of ``group`` to a subparsers action
    (spelled out: no module is imported by name)."""
    match group:
        case "data":
            from .commands import data

            return data.add_database_commands
        case "connect":
            from .commands import connect

            return connect.add_connect_command
        case "backups":
            from .commands import backups

            return backups.add_backups_commands
        case "members":
            from .commands import members

            return members.add_members_commands
        case "people":
            from .commands import people

            return people.add_people_commands
        case "units":
            from .commands import members

            return members.add_units_commands
        case "meetings":
            from .commands import meetings

            return meetings.add_meetings_commands
        case "tasks":
            from .commands import tasks

            return tasks.add_tasks_commands
        case "reports":
            from .commands import reports

            return reports.add_reports_commands
        case "sessions":
            from .commands import sessions

            return sessions.add_sessions_commands
        case "documents":
            from .commands import documents

            return documents.add_document_commands
        case "settings":
            from .commands import settings

            return settings.add_settings_commands
        case "log":
            from .commands import log

            return log.add_log_command
    raise KeyError(group)


class _LazyCommand(Parser):
    """A command as the top-level parser knows it: a name and a line of help. When argparse
    hands it the rest of the command line, it has the command's module build the real parser
    (options, actions, help) and lets that one parse: only the command that runs is built."""

    def __init__(self, *, command: tuple[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._command = command

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        group, name = self._command
        # The parsers of the group, built under the same program name the listing gives them.
        holder = Parser(prog=self.prog, add_help=False).add_subparsers(
            prog=self.prog.removesuffix(f" {name}"), parser_class=Parser
        )
        command_adder(group)(holder)
        return holder.choices[name].parse_known_args(args, namespace)


def _version() -> str:
    from . import __version__

    return f"bdcq {__version__}"


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; the core's refusals and I/O errors become one line and exit 2."""
    with imports_without_gc():  # the engine, SQLAlchemy and the models: every command's
        from .core.backup_folder import ENV_BACKUP_DIR
        from .core.officer import apply_officer_name
        from .core.read_scope import reading

    if getattr(args, "backup_dir", None):
        os.environ[ENV_BACKUP_DIR] = args.backup_dir
    apply_officer_name()  # the change log names the officer set on this computer
    reads = getattr(args, "only_reads", False)  # commands.common.add_command(reads=…)
    try:
        try:
            if reads(args) if callable(reads) else reads:
                # Only reads: a refusal on the way (the server gone, the file locked) says the
                # data was not read, not "Chưa lưu được gì" as a save's does.
                with reading():
                    return int(args.func(args))
            return int(args.func(args))
        finally:
            for db in getattr(args, "_databases_opened", ()):
                db.dispose()
    except BrokenPipeError:
        raise  # not an error to report: see main()
    except ValidationError as exc:
        # Most refusals quote their field already ('"Người triệu tập" phải là…'): name it once.
        # Each field refused, not only the first, on the one line a refusal is (scripts read
        # the last line of stderr).
        said = [one.message if one.label in one.message else f"{one.label}: {one.message}"
                for one in exc.every]  # fmt: skip
        _refusal(" ".join(said))
        return EXIT_USAGE
    except ConflictError as exc:
        # The window reloads; a script is told the version to pass to --expected-version.
        now = exc.current_version
        said = exc.message.rstrip(".")
        _refusal(f"{said} (phiên bản hiện tại: {now})." if now is not None else exc.message)
        return EXIT_USAGE
    except BcdError as exc:
        _refusal(exc.message)
        return EXIT_USAGE
    except OSError as exc:
        from .core.files import os_error

        _refusal(os_error(exc).message)
        return EXIT_USAGE
    except Exception as exc:  # a database or library error: one line, still no traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            detail = str(exc.orig) if getattr(exc, "orig", None) else str(exc).splitlines()[0]
            _refusal(f"lỗi cơ sở dữ liệu / database error: {detail}")
            return EXIT_USAGE
        raise


def _refusal(message: str) -> None:
    """A refusal on stderr. It may quote what was typed or a file's name: cleaned of control
    characters (an ESC sequence would drive the terminal) and direction marks (an RLO would
    print the rest of the line backwards), its own line breaks kept."""
    from .core.text import clean

    print(f"bdcq: {clean(message, multiline=True)}", file=sys.stderr)


def _defect(exc: Exception) -> int:
    """An error of the program itself: two lines for the officer, in Vietnamese (what went
    wrong, where the details are), and the traceback written to errors.log for whoever looks
    after the install (the window's log too), not printed: the officer can do nothing with it."""
    try:
        from .core.error_log import ErrorLog, describe
        from .core.i18n import tr

        log = ErrorLog()
        where = log.write_exception(exc)
        log.close()
        said = (describe(exc).strip().splitlines() or [type(exc).__name__])[0]
        lines = [tr("lỗi không mong đợi: {error}").format(error=said)]
        if where is None:
            lines.append(tr("lệnh có thể chưa làm xong."))
        else:
            lines.append(
                tr(
                    "lệnh có thể chưa làm xong. Chi tiết đã được ghi vào tệp {path} (gửi tệp "
                    "này cho người hỗ trợ kỹ thuật)."
                ).format(path=where)
            )
    except Exception:  # the error log's own modules missing: still no traceback
        lines = [f"lỗi không mong đợi: {type(exc).__name__}", "lệnh có thể chưa làm xong."]
    for line in lines:
        print(f"bdcq: {line}", file=sys.stderr)
    return EXIT_DEFECT


def _stopped() -> str:
    from .core.i18n import tr

    return tr("đã dừng (Ctrl+C).")


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
    """Run the command in ``argv``, by default this process's own command line (the console
    script, ``python -m``): the command then owns the process, whose modules' objects stay
    frozen out of the cycle collector until it exits (see imports_without_gc)."""
    if argv is None:  # the process's own streams (a test's capture is left alone)
        from .cli_streams import prepare_streams

        prepare_streams()
    try:
        try:
            try:
                args = build_parser().parse_args(argv)
                if argv is None:
                    from .cli_streams import csv_to_new_file

                    csv_to_new_file(getattr(args, "format", None))
                return _run(args)
            finally:
                if sys.stdout is not None:
                    sys.stdout.flush()  # a closed pipe shows here, not at exit
        except BrokenPipeError:  # bdcq … | head: the reader has all it wanted
            _discard_stdout()
            return EXIT_BROKEN_PIPE
        except Exception as exc:  # nothing caught it: a defect, or a module the install lacks
            return _defect(exc)
        except KeyboardInterrupt:  # Ctrl+C: the session's transaction was rolled back
            print("bdcq: " + _stopped(), file=sys.stderr)
            return EXIT_INTERRUPTED
    finally:
        if argv is not None:
            # Run inside another program (the tests): its objects frozen with the command's
            # go back to the collector, or its garbage of that moment would never be freed.
            gc.unfreeze()


if __name__ == "__main__":
    sys.exit(main())
