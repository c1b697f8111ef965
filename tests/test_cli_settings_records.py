"""``bdcq settings set standing_agency|default_signer|default_deputy_signer``: the three fields
of the organisation that name a record, listed by ``settings show``, set as the Thiết lập
window's lookups save them (one core call, ``documents.settings.save_together``), by id or by
name; the core checks the record exists; a refusal names the field, exits 2, writes nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli_run import bdcq, state


def stored(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "select standing_agency_id, default_signer_id, default_deputy_signer_id "
            "from organisation"
        ).fetchone()
    finally:
        con.close()


def test_the_record_settings_are_set_by_id_or_name(demo: Path) -> None:
    con = sqlite3.connect(demo)
    unit_id, unit_name = con.execute(
        "select id, name from unit where name = 'Sở Nội vụ'"
    ).fetchone()
    person_id, person_name = con.execute(
        "select id, full_name from person where full_name = 'Cao Bá Công'"
    ).fetchone()
    con.close()
    out = bdcq(demo, "settings", "set", "standing_agency", "so noi vu",
               "default_signer", str(person_id), "default_deputy_signer", person_name)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"standing_agency = {unit_name} (mã {unit_id})" in out.stdout
    assert stored(demo) == (unit_id, person_id, person_id)
    shown = json.loads(bdcq(demo, "settings", "show", "--format", "json").stdout)
    assert shown["standing_agency"] == unit_name and shown["default_signer"] == person_name
    assert bdcq(demo, "settings", "set", "default_deputy_signer", "").returncode == 0
    assert stored(demo) == (unit_id, person_id, None)


def test_a_record_setting_naming_nothing_is_refused(demo: Path) -> None:
    tables = ("organisation", "setting", "change_log")
    before = state(demo, tables)
    for key, value, word in (
        ("standing_agency", "999999", "Cơ quan thường trực"),
        ("standing_agency", "Sở Không Có", "Cơ quan thường trực"),
        ("default_signer", "Không Có Ai", "Người ký mặc định"),
        ("default_deputy_signer", "999999", "Người ký thay mặc định"),
    ):
        out = bdcq(demo, "settings", "set", key, value)
        assert out.returncode == 2, out
        assert len(out.stderr.strip().splitlines()) == 1 and word in out.stderr, out.stderr
        assert state(demo, tables) == before
