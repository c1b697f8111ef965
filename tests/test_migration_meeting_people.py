"""0012_meeting_people_snapshots on a database made at the previous revision: the meeting table
takes the chair's and the secretary's position and agency, filled as best known: their own row
on the meeting's list, else their record as it stood when the meeting started (the changes the
change log holds from after it undone), else their record of today; no meeting is lost, and
the minutes drafted after the upgrade name the secretary as on the meeting's day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import current_revision
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Invitee, Meeting, Organisation, Person, Unit
from tests.migration_support import (
    inserter,
    log_changes,
    old_database,
    sqlite_downgraded,
    upgraded_from,
)
from tests.pdf_text import flat_text

BEFORE = "0011_session_deputy"
MERGED = "Sở Thông tin và Truyền thông (đã hợp nhất)"


def _fill(db: Database) -> dict[str, int]:
    """Written as the previous revision has it (its columns only): Hoàng Xuân Bình, the
    secretary, moved from Sở Thông tin và Truyền thông to Sở Khoa học và Công nghệ and was
    promoted in March 2025, logged then; the old agency was renamed in June (kept as merged),
    logged too. The
    Head chaired the meeting of February 2025 as an invitee, the others on no list."""
    ids: dict[str, int] = {}
    with db.engine.begin() as conn:
        add = inserter(conn)
        add(Organisation.__table__, id=1, parent_body="UBND TỈNH NGHỆ AN",
            committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh")  # fmt: skip
        ids["tttt"] = add(Unit.__table__, name=MERGED, kind="department",
                          sort_order=0, active=True)  # fmt: skip
        ids["khcn"] = add(Unit.__table__, name="Sở Khoa học và Công nghệ", kind="department",
                          sort_order=0, active=True)  # fmt: skip
        ids["ubnd"] = add(Unit.__table__, name="UBND tỉnh Nghệ An", kind="locality",
                          sort_order=0, active=True)  # fmt: skip
        ids["secretary"] = add(Person.__table__, full_name="Hoàng Xuân Bình", kind="official",
                               position="Phó Trưởng phòng Chuyển đổi số", unit_id=ids["khcn"],
                               phone="0922 118 646")  # fmt: skip
        ids["head"] = add(Person.__table__, full_name="Vũ Duy Tiến", kind="official",
                          position="Bí thư Tỉnh ủy", unit_id=None)  # fmt: skip
        for key, day in (("jan", datetime(2025, 1, 8, 8)), ("feb", datetime(2025, 2, 7, 14)),
                         ("jul", datetime(2025, 7, 14, 8))):  # fmt: skip
            ids[key] = add(Meeting.__table__, uid=f"uid-{key}", kind="regular",
                           title=f"Họp Ban Chỉ đạo {key}", status="held", starts_at=day,
                           chair_id=ids["head"], secretary_id=ids["secretary"])  # fmt: skip
        add(Invitee.__table__, meeting_id=ids["feb"], position=1, person_id=ids["head"],
            category="member", attendance="present", name_snapshot="Vũ Duy Tiến",
            position_snapshot="Chủ tịch UBND tỉnh", unit_snapshot="UBND tỉnh Nghệ An")  # fmt: skip
        log_changes(conn, (
            (datetime(2025, 3, 2, 2), "person", ids["secretary"], {
                "unit_id": [ids["tttt"], ids["khcn"]],
                "position": ["Chuyên viên Phòng Công nghệ thông tin",
                             "Phó Trưởng phòng Chuyển đổi số"],
            }),
            (datetime(2025, 6, 1, 2), "unit", ids["tttt"], {
                "name": ["Sở Thông tin và Truyền thông", MERGED],
            }),
            (datetime(2024, 11, 1, 2), "person", ids["secretary"], {"phone": [None, "0922"]}),
        ))  # fmt: skip
    return ids


def _snapshots(db: Database) -> dict[int, tuple[Any, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, chair_position_snapshot, chair_unit_snapshot,"
                " secretary_position_snapshot, secretary_unit_snapshot, version FROM meeting"
            )
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _upgrade_and_check(db: Database) -> dict[str, int]:
    from bdcq_desktop.documents import fonts as docfonts
    from bdcq_desktop.documents import service

    ids = upgraded_from(db, BEFORE, _fill)

    assert current_revision(db) == HEAD
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Meeting.__table__)) == 3
    old_name = "Sở Thông tin và Truyền thông"  # its name until June 2025
    assert _snapshots(db) == {
        # Before the move: the record as it stood, the agency by its name of the day.
        ids["jan"]: (
            "Bí thư Tỉnh ủy", None,  # nothing logged of the Head: today's record
            "Chuyên viên Phòng Công nghệ thông tin", old_name, 2,
        ),
        # The Head on the list: as invited.
        ids["feb"]: (
            "Chủ tịch UBND tỉnh", "UBND tỉnh Nghệ An",
            "Chuyên viên Phòng Công nghệ thông tin", old_name, 2,
        ),
        # After the move.
        ids["jul"]: (
            "Bí thư Tỉnh ủy", None,
            "Phó Trưởng phòng Chuyển đổi số", "Sở Khoa học và Công nghệ", 2,
        ),
    }  # fmt: skip

    docfonts.register_fonts(prefer_system=False)
    minutes = flat_text(service.draft(db, "minutes", ids["jan"]))
    assert (
        "Thư ký (người ghi biên bản): Đồng chí Hoàng Xuân Bình, Chuyên viên Phòng Công nghệ "
        f"thông tin, {old_name}." in minutes
    )
    return ids


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    with old_database(sqlite_url(tmp_path / "old.sqlite3")) as db:
        _upgrade_and_check(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

        # And back: the columns go, the meetings stay.
        sqlite_downgraded(db, "0010_change_log_index")
        with db.engine.connect() as conn:
            columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(meeting)")}
            assert conn.scalar(select(func.count()).select_from(Meeting.__table__)) == 3
        assert not {c for c in columns if c.endswith("_snapshot")}


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    with old_database(recreate_database(pg_server, "bdcq_meeting_people_upgrade")) as db:
        yield db


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
