"""The Phó Trưởng ban Thường trực (standing Deputy Head) is a role of its own: written so in
the command line, a roster file or the member dialog, it is kept as such (it was stored as a
plain "Phó Trưởng ban", "Thường trực" lost), listed after the Head and before the other
deputies, and holds every right of a Deputy Head (chairs, signs "KT. TRƯỞNG BAN")."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bdcq_desktop.core import members as m
from bdcq_desktop.core.meeting_rules import eligible_people
from bdcq_desktop.core.roster_io import apply_import, export_roster, preview_import
from bdcq_desktop.documents import settings as ds
from bdcq_desktop.documents.closing import Fellow, Recipients
from bdcq_desktop.documents.signer_choice import eligible
from bdcq_desktop.documents.signers import deputy_on, recipients_of, signature
from tests.cli_run import run_bdcq

D0 = date(2025, 1, 2)
DAY = date(2025, 3, 3)
STANDING = "Phó Trưởng ban Thường trực"


def _roster(db) -> dict[str, int]:
    ids = {}
    for name, role in (
        ("Hồ Văn An", "deputy_head"),
        ("Lê Thị Bình", STANDING),
        ("Trần Văn Cường", "head"),
        ("Vũ Thị Dung", "standing_member"),
    ):
        ids[role] = pid = m.create_person(db, full_name=name)
        m.appoint(db, pid, role=role, start_date=D0)
    return ids


@pytest.mark.parametrize(
    "text",
    [STANDING, "phó trưởng ban thường trực", "PHO TRUONG BAN THUONG TRUC", "Phó Trưởng ban TT"],
)
def test_the_role_is_kept_however_it_is_written(db, text: str) -> None:
    pid = m.create_person(db, full_name="Lê Thị Bình")
    m.appoint(db, pid, role=text, start_date=D0)
    row = m.list_committee(db)[0]
    assert (row.role, row.role_label) == ("standing_deputy_head", STANDING)


def test_listed_after_the_head_before_the_other_deputies(db) -> None:
    _roster(db)
    assert [r.role_label for r in m.list_committee(db, sort="rank")] == [
        "Trưởng ban",
        STANDING,
        "Phó Trưởng ban",
        "Thành viên Thường trực",
    ]


def test_the_command_line_keeps_it(db, db_path: Path) -> None:
    add = run_bdcq(
        ["members", "add", "--name", "Lê Thị Bình", "--role", "Phó Trưởng ban thường trực",
         "--start", "02/01/2025", "--format", "json"],
        db=db_path,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr
    listed = run_bdcq(["members", "list", "--format", "json"], db=db_path)
    assert [r["role"] for r in json.loads(listed.stdout)] == ["standing_deputy_head"]
    assert STANDING in run_bdcq(["members", "list"], db=db_path).stdout


def test_a_roster_file_keeps_it_and_exports_it_in_full(db, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["Họ và tên", "Chức vụ", "Vai trò", "Từ ngày"])
    wb.active.append(
        ["Lê Thị Bình", "Giám đốc Sở KH&CN", "Phó Trưởng ban Thường trực", "02/01/2025"]
    )
    wb.save(tmp_path / "in.xlsx")
    preview = preview_import(db, tmp_path / "in.xlsx")
    assert preview.ok and preview.rows[0].role_label == STANDING
    apply_import(db, preview)
    assert m.list_committee(db)[0].role == "standing_deputy_head"
    export_roster(db, tmp_path / "out.xlsx")
    cells = [c for row in load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True)
             for c in row]  # fmt: skip
    assert STANDING in cells


def test_the_member_dialog_offers_it(qtbot) -> None:
    from bdcq_desktop.ui.dialogs.choices import roles

    assert [text for _code, text in roles("committee")][:3] == [
        "Trưởng ban",
        STANDING,
        "Phó Trưởng ban",
    ]


def test_a_standing_deputy_chairs_and_signs_as_a_deputy(db) -> None:
    ids = _roster(db)
    standing = ids[STANDING]
    chairs = eligible_people(db, DAY).chairs
    assert [c.person_id for c in chairs] == [ids["head"], standing, ids["deputy_head"]]
    assert chairs[1].role_label == STANDING
    settings = ds.load(db)
    # The first deputy of the day, and signs for the Head.
    assert deputy_on(db, settings, DAY).person_id == standing
    block = signature(db, settings, "convocation", DAY, chosen=standing)
    assert list(block.authority) == ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert block.fellow_deputies == (Fellow("Hồ Văn An"),)
    titles = {c.person_id: c.title for c in eligible(db, DAY, group=False)}
    assert titles[standing] == STANDING


def test_the_other_deputys_letters_report_to_the_standing_deputy_by_his_title(db) -> None:
    """A letter the (plain) Phó Trưởng ban signs reports to the other Deputy Head by name and
    title: "Phó Trưởng ban Thường trực Lê Thị Bình", not "Phó Trưởng ban Lê Thị Bình"; and
    the other way round, plainly."""
    ids = _roster(db)
    settings = ds.load(db)
    defaults = Recipients(items=("Như trên", "Trưởng ban, các Phó Trưởng ban (để b/c)"))
    block = signature(db, settings, "convocation", DAY, chosen=ids["deputy_head"])
    assert block.fellow_deputies == (Fellow("Lê Thị Bình", standing=True),)
    assert recipients_of(defaults, block, head="Trần Văn Cường").lines()[:2] == [
        "- Như trên;",
        f"- Trưởng ban, {STANDING} Lê Thị Bình (để b/c);",
    ]
    block = signature(db, settings, "convocation", DAY, chosen=ids[STANDING])
    assert recipients_of(defaults, block, head="Trần Văn Cường").lines()[1] == (
        "- Trưởng ban, Phó Trưởng ban Hồ Văn An (để b/c);"
    )


def test_an_unknown_role_is_refused_naming_the_new_one(db) -> None:
    from bdcq_desktop.core.errors import ValidationError

    pid = m.create_person(db, full_name="Lê Thị Bình")
    with pytest.raises(ValidationError) as exc:
        m.appoint(db, pid, role="Phó ban", start_date=D0)
    assert exc.value.field == "role" and STANDING in exc.value.message
