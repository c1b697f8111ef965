"""``bdcq`` builds only the parser of the command that runs, and the export path does no work it
does not need: the listing and every command's help stay the ones the command modules define."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber

from bdcq_desktop import cli
from bdcq_desktop.commands.common import Parser
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.meetings import list_meetings
from tests.cli_run import run_bdcq

ROOT = Path(__file__).resolve().parents[1]
COMMAND_MODULES = {
    "bdcq_desktop.commands.backups", "bdcq_desktop.commands.data",
    "bdcq_desktop.commands.documents", "bdcq_desktop.commands.log",
    "bdcq_desktop.commands.meeting_edits", "bdcq_desktop.commands.meeting_held",
    "bdcq_desktop.commands.meeting_record", "bdcq_desktop.commands.meetings",
    "bdcq_desktop.commands.members", "bdcq_desktop.commands.output_edits",
    "bdcq_desktop.commands.people",
    "bdcq_desktop.commands.reports",
    "bdcq_desktop.commands.sessions", "bdcq_desktop.commands.settings",
    "bdcq_desktop.commands.tasks",
}  # fmt: skip


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
    with pdfplumber.open(target) as pdf:
        assert "BIÊN BẢN" in pdf.pages[0].extract_text()
    assert names & COMMAND_MODULES == {"bdcq_desktop.commands.documents"}
    out, names = _modules_of("--db", str(demo), "members", "list", env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert names & COMMAND_MODULES == {"bdcq_desktop.commands.members"}


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
