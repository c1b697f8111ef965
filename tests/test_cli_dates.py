"""The command line writes dates as a Vietnamese office reads them (18/11/2026, 08/01/2027 08:00)
in its tables and in the text of ``show``; CSV and JSON keep ISO 8601, for scripts and
spreadsheet imports. Run through the real ``bdcq`` entry on a copy of the demo database."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.cli_run import every_parser, run_bdcq


def ok(db: Path, *args: str) -> str:
    out: subprocess.CompletedProcess[str] = run_bdcq(args, db=db)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    return out.stdout


def _line_of(table: str, record_id: int) -> str:
    return next(x for x in table.splitlines()[2:] if x.split()[0] == str(record_id))


def test_a_list_prints_vietnamese_dates_in_its_table_and_iso_in_json_and_csv(demo: Path) -> None:
    meetings = json.loads(ok(demo, "meetings", "list", "--format", "json"))
    m = next(x for x in meetings if x["ends_at"])
    assert m["starts_at"] == f"{datetime.fromisoformat(m['starts_at']):%Y-%m-%dT%H:%M}"  # ISO
    starts, ends = (datetime.fromisoformat(m[k]) for k in ("starts_at", "ends_at"))
    table = ok(demo, "meetings", "list")
    line = _line_of(table, m["id"])
    assert f"{starts:%d/%m/%Y %H:%M}" in line and f"{ends:%d/%m/%Y %H:%M}" in line, line
    assert m["starts_at"] not in table and "T08:00" not in table
    # The column still fits: the date stands under its header, whole, the next column after it.
    header = table.splitlines()[0]
    at = header.index("Bắt đầu")
    assert line[at : at + 16] == f"{starts:%d/%m/%Y %H:%M}" and line[at + 16 : at + 18] == "  "
    csv = ok(demo, "meetings", "list", "--format", "csv")
    assert m["starts_at"] in csv and f"{starts:%d/%m/%Y}" not in csv

    tasks = json.loads(ok(demo, "tasks", "list", "--format", "json"))
    t = next(x for x in tasks if x["deadline"])
    deadline = date.fromisoformat(t["deadline"])
    line = _line_of(ok(demo, "tasks", "list"), t["id"])
    assert f"{deadline:%d/%m/%Y}" in line and t["deadline"] not in line, line

    members = json.loads(ok(demo, "members", "list", "--format", "json"))
    start = date.fromisoformat(members[0]["start_date"])
    line = _line_of(ok(demo, "members", "list"), members[0]["id"])
    assert f"{start:%d/%m/%Y}" in line and members[0]["start_date"] not in line, line


def test_show_prints_vietnamese_dates_and_its_json_iso(demo: Path) -> None:
    meetings = json.loads(ok(demo, "meetings", "list", "--format", "json"))
    m = next(x for x in meetings if x["ends_at"])
    detail = json.loads(ok(demo, "meetings", "show", str(m["id"]), "--format", "json"))
    assert (detail["starts_at"], detail["ends_at"]) == (m["starts_at"], m["ends_at"])
    starts, ends = (datetime.fromisoformat(m[k]) for k in ("starts_at", "ends_at"))
    text = ok(demo, "meetings", "show", str(m["id"]))
    when = f"Thời gian / time: {starts:%d/%m/%Y %H:%M} – {ends:%d/%m/%Y %H:%M}"
    assert when in text.splitlines(), text
    assert m["starts_at"] not in text

    sessions = json.loads(ok(demo, "sessions", "list", "--format", "json"))
    s = sessions[0]
    shown = json.loads(ok(demo, "sessions", "show", str(s["id"]), "--format", "json"))
    assert shown["starts_on"] == s["starts_on"] and shown["ends_on"] == s["ends_on"]
    on, until = (date.fromisoformat(s[k]) for k in ("starts_on", "ends_on"))
    text = ok(demo, "sessions", "show", str(s["id"]))
    assert f"Thời gian / dates: {on:%d/%m/%Y} – {until:%d/%m/%Y}" in text.splitlines(), text


def test_the_change_log_table_gives_the_moment_to_the_second(demo: Path) -> None:
    unit = json.loads(ok(demo, "units", "list", "--format", "json"))[0]
    ok(demo, "units", "edit", str(unit["id"]), "--short-name", "Sở CT (sửa)")
    log = json.loads(
        ok(demo, "log", "--table", "unit", "--id", str(unit["id"]), "--format", "json")
    )
    at = datetime.fromisoformat(log[0]["at"])
    assert log[0]["at"] == at.isoformat(timespec="seconds")  # JSON: ISO
    table = ok(demo, "log", "--table", "unit", "--id", str(unit["id"]))
    assert f"{at:%d/%m/%Y %H:%M:%S}" in table and log[0]["at"][:10] not in table, table


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("export", "roster", "-o", "x.pdf", "--date", "32/13/2026"), '--date: "Ngày ban hành'),
        (("members", "import", "x.csv", "--start-date", "abc"), '--start-date: "Ngày bắt đầu'),
        (("tasks", "list", "--today", "2026-13-01"), '--today: "Tính tại ngày'),
        (("reports", "receive", "1", "1", "--date", "x"), '--date: "Ngày nhận'),
        (("reports", "receive", "1", "--document-date", "31/02/2027"), '"Ngày văn bản'),
    ],
)
def test_a_date_refused_names_its_option_and_field(
    demo: Path, args: tuple[str, ...], field: str
) -> None:
    out = run_bdcq(args, db=demo)
    assert out.returncode == 2, out
    [line] = out.stderr.splitlines()
    assert field in line and "không phải là ngày hợp lệ" in line, line
    assert '"ngày / date"' not in line


# An option named like a date or a time (--decision-date, --on, --at, --day, --today…), or
# whose metavar says one, is one; these few are not (a day of the month, 1–31).
_DATE_NAME = re.compile(
    r"(^|_)(date|day|on|at|today|start|end|deadline|due|opened|requested|cutoff|arrived)$"
)
_DATE_METAVARS = {"D", "DATE", "DATETIME", "TIME"}
NOT_DATES = {
    (command, option)
    for command in ("regimes add", "regimes edit")
    for option in ("--due-day", "--cutoff-day")
}
def _date_options() -> list[tuple[str, argparse.ArgumentParser, argparse.Action]]:
    found = []
    for said, parser in every_parser():
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            name = action.option_strings[0] if action.option_strings else action.dest
            if (said, name) in NOT_DATES:
                continue
            if _DATE_NAME.search(action.dest) or action.metavar in _DATE_METAVARS:
                found.append((said, parser, action))
    return found


DATE_OPTIONS = _date_options()


def _typed_with_a_bad(
    said: str, parser: argparse.ArgumentParser, option: argparse.Action, bad: str
) -> list[str]:
    """The command line of ``said`` with ``bad`` for ``option``, its other positional
    arguments given (an id, a name, a choice): the date is what the parser refuses first."""
    args = said.split()
    for action in parser._actions:
        if action.option_strings or isinstance(action, argparse._SubParsersAction):
            continue
        if action is option:
            args.append(bad)
        elif action.nargs is None:
            args.append(next(iter(action.choices)) if action.choices else "1")
    if option.option_strings:
        args += [option.option_strings[0], bad]
    return args


def test_the_walk_finds_the_date_options() -> None:
    found = {(said, a.option_strings[0] if a.option_strings else a.dest) for said, _, a in
             DATE_OPTIONS}  # fmt: skip
    assert len(found) >= 50
    assert {("meetings start", "--at"), ("members edit", "--end"), ("tasks edit", "--deadline"),
            ("settings days-off add", "day"), ("sessions attend", "--day")} <= found  # fmt: skip


@pytest.mark.parametrize(
    ("said", "parser", "option"),
    DATE_OPTIONS,
    ids=[f"{s} {a.option_strings[0] if a.option_strings else a.dest}" for s, _, a in DATE_OPTIONS],
)
def test_every_date_option_is_read_by_the_parser_naming_it(
    tmp_path: Path, said: str, parser: argparse.ArgumentParser, option: argparse.Action
) -> None:
    """Each date or time option goes through the commands' one date parser: a bad value is a
    usage error naming the option and its field, exit 2, one line, before any database is
    opened (the one named here is not there)."""
    args = _typed_with_a_bad(said, parser, option, "32/13/2026 08:00")
    out = run_bdcq(args, db=tmp_path / "absent.sqlite3")
    assert out.returncode == 2, (args, out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    [line] = out.stderr.splitlines()
    named = "/".join(option.option_strings) or option.metavar
    assert line.startswith(f"bdcq: lỗi cú pháp / usage error: tham số {named}: "), line
    assert "không phải là ngày" in line and '"32/13/2026 08:00"' in line, line
    assert '"ngày / date"' not in line  # the field is named, not "a date"
