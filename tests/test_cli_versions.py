"""The versions ``--expected-version`` takes, given by the lists a script reads (``--format
json`` and CSV; the tables leave them out), and the conflict a stale one meets saying the
current version; through the real entry point on a copy of the demo database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_run import bdcq


def listed(db: Path, *args: str) -> list[dict]:
    out = bdcq(db, *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def stored_version(db: Path, table: str, record_id: int) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"select version from {table} where id = ?", (record_id,)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("command", "table"),
    [
        (("units", "list"), "unit"),
        (("people", "list"), "person"),
        (("members", "list"), "committee_membership"),
        (("tasks", "list"), "task"),
        (("rounds", "list"), "reporting_round"),
        (("regimes", "list"), "reporting_regime"),
        (("reports", "list"), "submission"),
        (("meetings", "list"), "meeting"),  # what meetings edit/cancel/delete expect
        (("sessions", "list"), "working_session"),  # what sessions edit/delete expect
    ],
)
def test_every_list_gives_the_version_of_its_rows(
    demo: Path, command: tuple[str, ...], table: str
) -> None:
    rows = listed(demo, *command)
    assert rows and all(isinstance(r.get("version"), int) for r in rows), rows[:1]
    assert rows[0]["version"] == stored_version(demo, table, rows[0]["id"])
    csv_header = bdcq(demo, *command, "--format", "csv").stdout.splitlines()[0]
    assert "Phiên bản" in csv_header
    assert "Phiên bản" not in bdcq(demo, *command).stdout.splitlines()[0]


def test_members_give_the_persons_version_too(demo: Path) -> None:
    row = listed(demo, "members", "list")[0]
    assert row["person_version"] == stored_version(demo, "person", row["person_id"])


def test_a_stale_version_is_refused_saying_the_current_one(demo: Path) -> None:
    unit = listed(demo, "units", "list")[0]
    out = bdcq(demo, "units", "edit", str(unit["id"]), "--phone", "0238 3844 555",
               "--expected-version", str(unit["version"] + 7))  # fmt: skip
    assert out.returncode == 2, out
    assert f"(phiên bản hiện tại: {unit['version']})" in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    out = bdcq(demo, "meetings", "minutes", "12", "--closing", "Kết thúc.",
               "--expected-version", "99")  # fmt: skip
    detail = json.loads(bdcq(demo, "meetings", "show", "12", "--format", "json").stdout)
    assert f"(phiên bản hiện tại: {detail['minutes']['version']})" in out.stderr, out.stderr
