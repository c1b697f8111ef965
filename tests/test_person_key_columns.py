"""The "Mã người" means one thing wherever an officer reads it: the person's uid, the key the
roster export writes and the change history shows. The number the commands take is the
"ID người" of the lists (``person_id`` / ``id`` in JSON, as scripts read it)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.cli_run import bdcq, demo, ok  # noqa: F401


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _uids(path: Path) -> dict[int, str]:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT id, uid FROM person"))
    finally:
        con.close()


def test_the_lists_mã_người_is_the_key_the_export_and_the_history_show(
    demo: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    uids = _uids(demo)
    members = _csv(ok(bdcq(demo, "members", "list", "--format", "csv")))
    assert members and all(uids[int(r["ID người"])] == r["Mã người"] for r in members)
    # Where scripts find the number the commands take, as before; the key beside it.
    rows = json.loads(ok(bdcq(demo, "members", "list", "--format", "json")))
    assert [(r["person_id"], r["person_uid"]) for r in rows] == [
        (int(r["ID người"]), r["Mã người"]) for r in members
    ]
    # The roster export's "Mã người" for the same people, row for row (both in rank order).
    export = tmp_path / "roster.xlsx"
    ok(bdcq(demo, "members", "export", str(export)))
    sheet = list(load_workbook(export).active.iter_rows(values_only=True))
    header = list(sheet[0])
    exported = [row[header.index("Mã người")] for row in sheet[1:]]
    assert exported == [r["Mã người"] for r in members]

    people = _csv(ok(bdcq(demo, "people", "list", "--format", "csv")))
    assert people and all(uids[int(r["ID người"])] == r["Mã người"] for r in people)
    assert [
        (r["id"], r["uid"])
        for r in json.loads(ok(bdcq(demo, "people", "list", "--format", "json")))
    ] == [(int(r["ID người"]), r["Mã người"]) for r in people]

    # The change history of a person names the same key "Mã người".
    add = ("people", "add", "--name", "Võ Thị Khách", "--kind", "guest", "--format", "json")
    added = json.loads(ok(bdcq(demo, *add)))
    history = ok(bdcq(demo, "log", "--table", "person", "--id", str(added["id"])))
    line = next(x for x in history.splitlines() if "Mã người" in x)
    assert added["uid"] == _uids(demo)[added["id"]] and added["uid"] in line


def test_no_table_heads_a_number_mã_người(demo: Path) -> None:  # noqa: F811
    """The tables an officer reads head the number "ID người": "Mã người" is never a number."""
    for args in (("members", "list"), ("people", "list"), ("sessions", "show", "6")):
        table = ok(bdcq(demo, *args))
        assert "ID người" in table and "Mã người" not in table, args


def test_a_name_nobody_has_asks_for_the_id_người(demo: Path) -> None:  # noqa: F811
    """Where a person is given by name and nobody has it, the refusal asks for the number,
    as the lists head it ("ID người"), not for the "Mã người" key the export writes."""
    chair = ("meetings", "add", "--kind", "regular", "--title", "Thử", "--start",
             "2027-01-10 08:00", "--end", "2027-01-10 10:00", "--chair", "Không Ai Cả")  # fmt: skip
    for args in (chair, ("settings", "set", "default_signer", "Không Ai Cả")):
        out = bdcq(demo, *args)
        assert out.returncode != 0 and "hãy ghi ID người" in out.stderr, out.stderr
