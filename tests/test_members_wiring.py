"""The merged members area wired end to end: the duplicate-position warning in the dialogs'
one-call saves, what the change log keeps of a deleted member, the ``members list`` header,
and the members modules split by responsibility without cycles."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import undefer

from bdcq_desktop.core import members as m
from bdcq_desktop.core import units as u
from bdcq_desktop.core.errors import DuplicatePositionWarning
from bdcq_desktop.core.models import ChangeAction, ChangeLog, CommitteeMembership, Person
from tests.cli_run import run_bdcq

ROOT = Path(__file__).resolve().parents[1]
D0 = date(2025, 1, 1)
TP = "Sở Tư pháp"


def _unit(db: Any, name: str = "Sở Y tế") -> int:
    found = [r.id for r in u.list_units(db, include_retired=True) if r.name == name]
    return found[0] if found else u.create_unit(db, name=name)


def _director(db: Any, name: str = "Trần Giám Đốc", position: str = "Giám đốc") -> int:
    """A current member who is the director of the health department."""
    return m.appoint_new(
        db,
        person={"full_name": name, "position": position, "unit_id": _unit(db)},
        appointment={"role": "member", "start_date": D0},
    )


def _people(db: Any) -> list[tuple[str, str]]:
    return sorted((p.full_name, p.position) for p in m.list_people(db))


def _roster(db: Any) -> list[tuple[str, str]]:
    return sorted((r.full_name, r.field) for r in m.list_committee(db, include_former=True))


# -- the new-member dialog's save --------------------------------------------------------------
def test_appoint_new_asks_before_a_second_director_and_writes_nothing(db: Any) -> None:
    _director(db)
    before = (_people(db), _roster(db))
    new = {"full_name": "Lê Cũng Giám Đốc", "position": "giám đốc", "unit_id": _unit(db)}
    appointment = {"role": "member", "start_date": D0, "field": "Y tế số"}
    with pytest.raises(DuplicatePositionWarning) as exc:
        m.appoint_new(db, person=new, appointment=appointment)
    assert exc.value.parameter == "confirm_duplicate_position"
    assert "Trần Giám Đốc" in exc.value.message and "Lê Cũng Giám Đốc" in exc.value.message
    assert (_people(db), _roster(db)) == before  # no stray person, no membership

    mid = m.appoint_new(db, person=new, appointment=appointment, confirm_duplicate_position=True)
    assert ("Lê Cũng Giám Đốc", "Y tế số") in _roster(db)
    assert mid in [r.id for r in m.list_committee(db)]


def test_appoint_new_of_a_known_person_rolls_back_their_new_details(db: Any) -> None:
    _director(db)
    pid = m.create_person(db, full_name="Hồ Chuyên Viên", position="Chuyên viên", unit_id=_unit(db))
    version = m.get_person(db, pid).version
    with pytest.raises(DuplicatePositionWarning):
        m.appoint_new(
            db,
            person={"position": "Giám đốc"},  # promoted in the same save
            appointment={"role": "member", "start_date": D0},
            person_id=pid,
            person_version=version,
        )
    assert m.get_person(db, pid).position == "Chuyên viên"
    assert m.get_person(db, pid).version == version
    assert pid not in [r.person_id for r in m.list_committee(db)]


def test_appoint_new_without_a_duplicate_does_not_ask(db: Any) -> None:
    _director(db)
    m.appoint_new(
        db,
        person={"full_name": "Võ Phó Giám Đốc", "position": "Phó Giám đốc", "unit_id": _unit(db)},
        appointment={"role": "member", "start_date": D0},
    )
    m.appoint_new(  # same position, another unit
        db,
        person={
            "full_name": "Đặng Giám Đốc",
            "position": "Giám đốc",
            "unit_id": _unit(db, "Sở Tư pháp"),
        },
        appointment={"role": "member", "start_date": D0},
    )
    assert len(m.list_committee(db)) == 3


# -- the edit dialog's save --------------------------------------------------------------------
def test_update_member_asks_when_the_new_position_is_taken(db: Any) -> None:
    _director(db)
    mid = m.appoint_new(
        db,
        person={"full_name": "Lê Phó Giám Đốc", "position": "Phó Giám đốc", "unit_id": _unit(db)},
        appointment={"role": "member", "start_date": D0},
    )
    row = next(r for r in m.list_committee(db) if r.id == mid)
    person_version = m.get_person(db, row.person_id).version
    edit = {
        "person_version": person_version,
        "membership_version": row.version,
        "person": {"position": "Giám đốc"},
        "membership": {"field": "Chuyển đổi số"},
    }
    with pytest.raises(DuplicatePositionWarning) as exc:
        m.update_member(db, mid, **edit)
    assert "Trần Giám Đốc" in exc.value.message
    after = next(r for r in m.list_committee(db) if r.id == mid)
    assert (after.position, after.field, after.version) == ("Phó Giám đốc", "", row.version)

    m.update_member(db, mid, **edit, confirm_duplicate_position=True)
    after = next(r for r in m.list_committee(db) if r.id == mid)
    assert (after.position, after.field) == ("Giám đốc", "Chuyển đổi số")

    # Once confirmed, correcting something else of that member does not ask again.
    fresh = m.get_person(db, after.person_id)
    m.update_member(
        db,
        mid,
        person_version=fresh.version,
        membership_version=after.version,
        person={"phone": "0912 345 678"},
        membership={"area": "Vinh"},
    )
    assert next(r for r in m.list_committee(db) if r.id == mid).area == "Vinh"


def test_update_member_asks_when_the_new_unit_has_that_position(db: Any) -> None:
    _director(db)
    mid = m.appoint_new(
        db,
        person={
            "full_name": "Phan Giám Đốc",
            "position": "Giám đốc",
            "unit_id": _unit(db, "Sở Tư pháp"),
        },
        appointment={"role": "member", "start_date": D0},
    )
    row = next(r for r in m.list_committee(db) if r.id == mid)
    with pytest.raises(DuplicatePositionWarning):
        m.update_member(
            db,
            mid,
            person_version=m.get_person(db, row.person_id).version,
            membership_version=row.version,
            person={"unit_id": _unit(db)},
        )
    assert m.get_person(db, row.person_id).unit == "Sở Tư pháp"


# -- the change log of a member removed as a mistake ---------------------------------------------
def test_change_log_says_who_was_removed(db: Any) -> None:
    mid = m.appoint_new(
        db,
        person={"full_name": "Nguyễn Nhầm Lẫn", "position": "Chuyên viên", "unit_id": _unit(db)},
        appointment={"role": "standing_member", "start_date": D0, "decision_number": "9/QĐ"},
    )
    row = next(r for r in m.list_committee(db) if r.id == mid)
    m.delete_mistaken_member(db, mid, expected_version=row.version)
    with db.session() as s:
        deleted = {
            c.table_name: json.loads(c.changes)
            for c in s.scalars(select(ChangeLog).where(ChangeLog.action == ChangeAction.DELETE))
        }
        assert s.get(Person, row.person_id) is None and s.get(CommitteeMembership, mid) is None
    assert deleted["person"]["full_name"] == ["Nguyễn Nhầm Lẫn", None]
    assert deleted["person"]["position"] == ["Chuyên viên", None]
    membership = deleted["committee_membership"]
    assert membership["role"] == ["standing_member", None]
    assert membership["start_date"] == [D0.isoformat(), None]
    assert membership["person_id"] == [row.person_id, None]
    assert membership["decision_number"] == ["9/QĐ", None]
    assert "version" not in membership and "end_date" not in membership  # unset: left out


# -- `bdcq members list` -----------------------------------------------------------------------
def test_members_list_header_says_the_end_date_is_the_last_day(db_path: Path) -> None:
    from bdcq_desktop.core.db import open_database

    db = open_database(db_path)
    try:
        _director(db)
    finally:
        db.dispose()

    def run(*args: str) -> str:
        out = run_bdcq(["members", "list", *args], db=db_path)
        assert out.returncode == 0, out.stderr
        return out.stdout

    assert "Đến hết ngày" in run().splitlines()[0]
    assert "Đến hết ngày" in run("--format", "csv").splitlines()[0]
    assert m.END_DATE_LABEL.startswith("Là thành viên đến hết ngày")
    (record,) = json.loads(run("--format", "json"))
    assert "end_date" in record and "Đến hết ngày" not in record


# -- the modules behind `members` ---------------------------------------------------------------
PARTS = ("people", "person_history", "experts", "memberships", "membership_rules", "member_removal")


def _core_imports(name: str) -> set[str]:
    tree = ast.parse((ROOT / "bdcq_desktop" / "core" / f"{name}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_members_parts_form_no_cycle_and_members_reexports_them() -> None:
    graph = {name: _core_imports(name) & set(PARTS) for name in PARTS}
    for name in PARTS:
        assert "members" not in _core_imports(name), name  # only front ends import members

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(
            nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt}))
            for nxt in graph[start]
        )

    assert [name for name in PARTS if reaches(name, name, set())] == []
    for name in m.__all__:
        assert getattr(m, name) is not None, name
    assert len(Path(m.__file__).read_text(encoding="utf-8").splitlines()) <= 500


def test_change_log_of_a_deleted_document_keeps_its_size_not_its_pdf(db: Any) -> None:
    from bdcq_desktop.core.models import IssuedDocument

    pdf = b"%PDF-1.7 " + bytes(5000)
    with db.session() as s:
        doc = IssuedDocument(
            type_abbr="GM",
            kind="convocation",
            year=2026,
            number=1,
            symbol="01/GM-BCĐ",
            issued_on=D0,
            summary="Giấy mời họp",
            record_type="meeting",
            record_id=1,
            file_path="01-GM.pdf",
            sha256="0" * 64,
            content=pdf,
        )
        s.add(doc)
    with db.session() as s:
        s.delete(s.get(IssuedDocument, doc.id, options=[undefer(IssuedDocument.content)]))
    with db.session() as s:
        (logged,) = s.scalars(select(ChangeLog).where(ChangeLog.action == ChangeAction.DELETE))
    values = json.loads(logged.changes)
    assert values["symbol"] == ["01/GM-BCĐ", None]
    assert values["content"] == [f"<{len(pdf)} bytes>", None]
