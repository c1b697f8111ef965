"""0013_presenter_convener on a database made at the previous revision: agenda items take their
presenter's position and agency, working sessions their convener's, filled as best known: what
the record already holds of the person (an invitee row, the meeting's own copy of its chair or
secretary, a participant row), else their record as it stood on the day (the changes the change
log holds from after it undone, as 0012 reads it); nothing is lost, and the agenda and the
convocation drafted after the upgrade name them as on the day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bdcq_desktop.core.engine import Database, sqlite_url
from bdcq_desktop.core.migrate import alembic_config, current_revision
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import (
    AgendaItem,
    Invitee,
    Meeting,
    Organisation,
    Person,
    SessionParticipant,
    Unit,
    WorkingSession,
)
from tests.migration_support import inserter, log_changes, old_database, upgraded_from
from tests.pdf_tables import table_cells
from tests.pdf_text import flat_text

BEFORE = "0012_meeting_people_snapshots"
OLD_UNIT, NEW_UNIT = "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"


def _fill(db: Database) -> dict[str, int]:
    """Written as the previous revision has it (its columns only). Lê Văn Trình presented at
    the meeting of January 2025 on no list, then moved from Sở Thông tin và Truyền thông to Sở
    Khoa học và Công nghệ with a promotion in March, logged then; Hoàng Quang Tuấn convened the
    session of February 2025 without taking part and was promoted in April, logged too."""
    ids: dict[str, int] = {}
    with db.engine.begin() as conn:
        add = inserter(conn)

        def person(key: str, name: str, position: str, unit: str | None) -> None:
            ids[key] = add(Person.__table__, full_name=name, kind="official",
                           position=position, unit_id=ids[unit] if unit else None)  # fmt: skip

        add(Organisation.__table__, id=1, parent_body="UBND TỈNH NGHỆ AN", place_name="Nghệ An",
            committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh")  # fmt: skip
        for key, name in (("tttt", OLD_UNIT), ("khcn", NEW_UNIT)):
            ids[key] = add(Unit.__table__, name=name, kind="department", sort_order=0,
                           active=True)  # fmt: skip
        person("presenter", "Lê Văn Trình", "Giám đốc Trung tâm Dữ liệu", "khcn")
        person("invited", "Trần Thị Mời", "Giám đốc Sở Tư pháp", None)
        person("secretary", "Hoàng Xuân Bình", "Phó Trưởng phòng Chuyển đổi số", "khcn")
        person("leader", "Hoàng Quang Tuấn", "Giám đốc Sở Khoa học và Công nghệ", "khcn")
        person("member", "Bùi Thị Ngân", "Chuyên viên", "khcn")
        ids["meeting"] = add(Meeting.__table__, uid="uid-jan", kind="regular",
                             title="Họp Ban Chỉ đạo tháng 1", status="held",
                             starts_at=datetime(2025, 1, 8, 8), secretary_id=ids["secretary"],
                             secretary_position_snapshot="Chuyên viên Phòng Công nghệ thông tin",
                             secretary_unit_snapshot=OLD_UNIT)  # fmt: skip
        add(Invitee.__table__, meeting_id=ids["meeting"], position=1, person_id=ids["invited"],
            category="member", attendance="present", name_snapshot="Trần Thị Mời",
            position_snapshot="Phó Giám đốc Sở Tư pháp", unit_snapshot="Sở Tư pháp")  # fmt: skip
        for n, key in enumerate(("presenter", "invited", "secretary"), start=1):
            ids[f"item_{key}"] = add(AgendaItem.__table__, meeting_id=ids["meeting"], position=n,
                                     title=f"Nội dung {n}", planned_minutes=20,
                                     presenter_person_id=ids[key])  # fmt: skip
        ids["item_unit"] = add(AgendaItem.__table__, meeting_id=ids["meeting"], position=4,
                               title="Nội dung 4", presenter_unit_id=ids["khcn"])  # fmt: skip
        for key, convener, day in (("apart", "leader", date(2025, 2, 10)),
                                   ("within", "member", date(2025, 5, 5))):  # fmt: skip
            ids[key] = add(WorkingSession.__table__, purpose="proposal", title=f"Phiên {key}",
                           convened_by_id=ids[convener], starts_on=day, ends_on=day)  # fmt: skip
        add(SessionParticipant.__table__, session_id=ids["apart"], person_id=ids["member"],
            role="member", attendance="unknown", name_snapshot="Bùi Thị Ngân",
            position_snapshot="Chuyên viên", unit_snapshot=NEW_UNIT)  # fmt: skip
        add(SessionParticipant.__table__, session_id=ids["within"], person_id=ids["member"],
            role="leader", attendance="unknown", name_snapshot="Bùi Thị Ngân",
            position_snapshot="Phó Trưởng phòng", unit_snapshot=NEW_UNIT)  # fmt: skip
        log_changes(conn, (
            (datetime(2025, 3, 2, 2), "person", ids["presenter"], {
                "unit_id": [ids["tttt"], ids["khcn"]],
                "position": ["Phó Giám đốc Trung tâm Dữ liệu", "Giám đốc Trung tâm Dữ liệu"],
            }),
            (datetime(2025, 4, 1, 2), "person", ids["leader"], {
                "position": ["Phó Giám đốc Sở Khoa học và Công nghệ",
                             "Giám đốc Sở Khoa học và Công nghệ"],
            }),
            (datetime(2025, 1, 2, 2), "person", ids["leader"], {"phone": [None, "0912"]}),
        ))  # fmt: skip
    return ids


def _rows(db: Database, table: str, prefix: str) -> dict[int, tuple[Any, ...]]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT id, {prefix}_position_snapshot, {prefix}_unit_snapshot, version"
                f" FROM {table}"
            )
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _upgrade_and_check(db: Database) -> None:
    from bdcq_desktop.documents import fonts as docfonts
    from bdcq_desktop.documents import service

    ids = upgraded_from(db, BEFORE, _fill)

    assert current_revision(db) == HEAD
    assert _rows(db, "agenda_item", "presenter") == {
        # On no list: the record as it stood on the day, before the move.
        ids["item_presenter"]: ("Phó Giám đốc Trung tâm Dữ liệu", OLD_UNIT, 2),
        ids["item_invited"]: ("Phó Giám đốc Sở Tư pháp", "Sở Tư pháp", 2),  # as invited
        # The meeting's secretary: the meeting's own copy (0012).
        ids["item_secretary"]: ("Chuyên viên Phòng Công nghệ thông tin", OLD_UNIT, 2),
        ids["item_unit"]: (None, None, 1),  # a unit presents: nobody to copy
    }
    assert _rows(db, "working_session", "convener") == {
        ids["apart"]: ("Phó Giám đốc Sở Khoa học và Công nghệ", NEW_UNIT, 2),  # before April
        ids["within"]: ("Phó Trưởng phòng", NEW_UNIT, 2),  # as taking part
    }

    docfonts.register_fonts(prefer_system=False)
    agenda = table_cells(service.draft(db, "agenda", ids["meeting"]))
    assert f"Đồng chí Lê Văn Trình, Phó Giám đốc Trung tâm Dữ liệu, {OLD_UNIT}" in agenda
    convocation = flat_text(service.draft(db, "wg-convocation", ids["apart"]))
    assert "Đồng chí Hoàng Quang Tuấn, Phó Giám đốc Sở Khoa học và Công nghệ," in convocation


def _downgrade(db: Database) -> None:
    from alembic import command

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, BEFORE)
    assert current_revision(db) == BEFORE


def test_a_sqlite_file_of_the_previous_revision_is_upgraded(tmp_path: Path) -> None:
    with old_database(sqlite_url(tmp_path / "old.sqlite3")) as db:
        _upgrade_and_check(db)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

        _downgrade(db)  # and back: the columns go, the rows stay
        with db.engine.connect() as conn:
            for table in ("agenda_item", "working_session"):
                columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
                assert not {c for c in columns if c.endswith("_snapshot")}
            assert conn.scalar(select(func.count()).select_from(AgendaItem.__table__)) == 4
            assert conn.scalar(select(func.count()).select_from(WorkingSession.__table__)) == 2


@pytest.fixture
def pg_old(pg_server: str) -> Iterator[Database]:
    from tests.pg import recreate_database

    with old_database(recreate_database(pg_server, "bdcq_presenter_convener_upgrade")) as db:
        yield db


@pytest.mark.postgres
def test_a_postgresql_database_of_the_previous_revision_is_upgraded(pg_old: Database) -> None:
    _upgrade_and_check(pg_old)
    _downgrade(pg_old)
