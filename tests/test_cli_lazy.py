"""``bdcq`` builds only the parser of the command that runs, and the export path does no work it
does not need: the listing and every command's help stay the ones the command modules define."""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bdcq_desktop import cli, commands
from bdcq_desktop.commands.common import Parser, date_arg, date_or_empty_arg
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import every_parser, run_bdcq
from tests.pdf_text import page_texts

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "bdcq_desktop.commands"
# What any command may load: the one-line-error parser and the helpers, the lists' columns,
# the date options, the usage texts, a person given by id or name.
SHARED = {"columns", "common", "date_args", "invitee_args", "person_args", "usage_text"}
# The modules a group's module imports to build its commands, and nothing else imports: they
# load with the group, whichever of its commands runs.
COMPANIONS = {
    "documents": {"document_export"},
    "members": {"member_edits"},
    "meetings": {
        "meeting_edits",
        "meeting_held",
        "meeting_minutes",
        "meeting_record",
        "meeting_show",
        "room_records",
    },
    "reports": {"regime_edits", "report_edits", "report_waivers", "round_edits"},
    "sessions": {"output_edits", "session_edits"},
    "settings": {"days_off"},
    "tasks": {"task_acts", "task_lists"},
}
COMMAND_MODULES = {
    f"{PACKAGE}.{m.name}" for m in pkgutil.iter_modules(commands.__path__)
} - {f"{PACKAGE}.{name}" for name in SHARED}


def group_module(command: str) -> str:
    """The module of .commands that defines ``command`` (``units``: members)."""
    return cli.command_adder(cli.COMMANDS[command][0]).__module__


def loaded_with(command: str) -> set[str]:
    """The command modules running ``command`` loads: its group's and the group's companions."""
    module = group_module(command)
    short = module.removeprefix(f"{PACKAGE}.")
    return {module} | {f"{PACKAGE}.{name}" for name in COMPANIONS.get(short, ())}


def _group_parsers(group: str) -> Parser:
    """The parsers a command module builds (the subparsers action holding them)."""
    holder = Parser(prog="bdcq").add_subparsers(parser_class=Parser)
    cli.command_adder(group)(holder)
    return holder


def test_the_listing_is_the_command_modules_own() -> None:
    """The help line of each command in ``bdcq --help`` is the one its module gives it, and
    the commands come in the order the modules add them."""
    eager: dict[str, str] = {}
    for group in dict.fromkeys(group for group, _ in cli.COMMANDS.values()):
        holder = _group_parsers(group)
        eager.update({a.dest: a.help for a in holder._choices_actions})
    assert list(eager.items()) == [(name, text) for name, (_, text) in cli.COMMANDS.items()]
    listing = run_bdcq(["--help"])
    assert listing.returncode == 0
    assert all(name in listing.stdout for name in cli.COMMANDS)


def test_each_command_shows_the_help_its_module_builds() -> None:
    for name, (group, _) in cli.COMMANDS.items():
        out = run_bdcq([name, "--help"])
        assert out.returncode == 0, (name, out.stderr)
        assert out.stdout == _group_parsers(group).choices[name].format_help(), name
        assert out.stdout.startswith(f"usage: bdcq {name} ")


def test_errors_of_a_lazily_built_command_stay_one_line() -> None:
    for args, expected in (
        (["bogus"], "invalid choice: 'bogus'"),
        (["meetings"], "the following arguments are required: ACTION"),
        (["meetings", "list", "--bogus"], "unrecognized arguments: --bogus"),
        (["export", "minutes"], "the following arguments are required: -o/--output"),
        (["export", "nothing", "-o", "x.pdf"], "argument KIND: invalid choice: 'nothing'"),
    ):
        out = run_bdcq(args)
        assert out.returncode == 2, args
        assert out.stderr.startswith("bdcq: lỗi cú pháp / usage error: "), args
        assert expected in out.stderr and out.stderr.count("\n") == 1, (args, out.stderr)


def _modules_of(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], set]:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bdcq_desktop.cli", *args],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    names = {
        line.rsplit("|", 1)[1].strip()
        for line in out.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    return out, names


def test_a_command_imports_only_its_own_command_module(demo_template: Path, tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, demo)
    db = open_database(demo)
    meeting = next(r.id for r in list_meetings(db) if r.status == "minutes_final")
    db.dispose()
    env = {**os.environ, "BDCQ_DATA_DIR": str(tmp_path / "data")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    target = tmp_path / "minutes.pdf"
    out, names = _modules_of(
        "--db", str(demo), "export", "minutes", "--meeting", str(meeting), "-o", str(target),
        env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert "BIÊN BẢN" in page_texts(target)[0]
    assert names & COMMAND_MODULES == loaded_with("export") == {
        f"{PACKAGE}.documents", f"{PACKAGE}.document_export"
    }
    out, names = _modules_of("--db", str(demo), "members", "list", env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert names & COMMAND_MODULES == loaded_with("members")
    assert f"{PACKAGE}.member_edits" in loaded_with("members")


def test_every_command_module_is_a_group_or_one_groups_companion() -> None:
    """A module added to .commands is either a group's (named by cli.command_adder) or listed
    as the companion of exactly one group: the sets the import checks compare with are
    complete."""
    groups = {group_module(name).removeprefix(f"{PACKAGE}.") for name in cli.COMMANDS}
    assert set(COMPANIONS) <= groups
    companions = [name for names in COMPANIONS.values() for name in names]
    assert len(companions) == len(set(companions)) and not groups & set(companions)
    assert {f"{PACKAGE}.{name}" for name in groups | set(companions)} == COMMAND_MODULES


def test_each_group_loads_its_companions_and_no_other_command_module(tmp_path: Path) -> None:
    env = {**os.environ, "BDCQ_DATA_DIR": str(tmp_path / "data")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    one_per_module = {group_module(name): name for name in cli.COMMANDS}
    for command in one_per_module.values():
        out, names = _modules_of(command, "--help", env=env)
        assert out.returncode == 0, (command, out.stderr[-2000:])
        assert names & COMMAND_MODULES == loaded_with(command), command


def test_the_glyph_check_never_searches_for_an_unregistered_font() -> None:
    """Before the document fonts are registered (the settings are read first), the glyph check
    leaves text as it is without asking reportlab, which would scan every Type 1 metrics file
    on the machine for the name, a few hundred milliseconds per call, only to fail."""
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "def searched(name):\n"
        "    raise SystemExit('searched the disk for ' + name)\n"
        "pdfmetrics.bruteForceSearchForAFM = searched\n"
        "from bdcq_desktop.documents.fonts import register_fonts\n"
        "from bdcq_desktop.documents.text import drawable\n"
        "print(drawable('Nghệ An \\U0001F600'))\n"
        "register_fonts(prefer_system=False)\n"
        "print(drawable('Nghệ An \\U0001F600'))\n"
    )
    env = {**os.environ}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False,
        encoding="utf-8",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["Nghệ An \U0001f600", "Nghệ An \u25a1"]


def test_the_options_every_command_shares_read_the_same() -> None:
    """A date option reads ``D`` (05/02/2026 or 2026-02-05 alike, as README's table writes
    it), ``--expected-version`` is the one common.expected_version_option gives, and a
    ``--format`` offers table and json, lists csv too."""
    versions = set()
    for said, parser in every_parser():
        for action in parser._actions:
            if not action.option_strings:
                continue
            if action.type in (date_arg, date_or_empty_arg):
                assert action.metavar == "D", (said, action.option_strings)
            if "--expected-version" in action.option_strings:
                versions.add((action.type, action.metavar, action.help))
            if "--format" in action.option_strings:
                assert action.default == "table" and action.choices is not None, said
                assert {"table", "json"} <= set(action.choices) <= {"table", "csv", "json"}
                if said.endswith(" list"):
                    assert list(action.choices) == ["table", "csv", "json"], said
    assert len(versions) == 1


def test_argparse_looks_its_words_up_once_not_for_every_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """argparse asks gettext for each of its own words whenever it makes a parser (a command
    makes some 50), and gettext looks for catalogues on disk each time: once a command line
    has been read, reading another looks nothing up again, and says the same."""
    import gettext

    looked_up = 0
    translation = gettext.translation

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal looked_up
        looked_up += 1
        return translation(*args, **kwargs)  # type: ignore[arg-type]

    argv = ["--db", "x.sqlite3", "meetings", "list", "--status", "held"]
    first = vars(cli.build_parser().parse_args(argv))
    monkeypatch.setattr(gettext, "translation", counted)
    again = vars(cli.build_parser().parse_args(argv))
    assert looked_up == 0
    assert again == first
    help_text = run_bdcq(["meetings", "add", "--help"]).stdout  # words of its own ("usage: ")
    looked_up = 0
    assert run_bdcq(["meetings", "add", "--help"]).stdout == help_text
    assert looked_up == 0 and "tùy chọn / options" in help_text
