"""The same storage on a real PostgreSQL server: several officers sharing one database."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlalchemy.orm.exc import StaleDataError

from bdcq_desktop.core.migrate import current_revision
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import Base, Unit, UnitKind

pytestmark = pytest.mark.postgres


def test_migrations_run_on_postgres(pg_db) -> None:  # type: ignore[no-untyped-def]
    assert pg_db.engine.dialect.name == "postgresql"
    assert current_revision(pg_db) == HEAD
    with pg_db.engine.connect() as conn:
        assert set(Base.metadata.tables) <= set(inspect(conn).get_table_names())


def test_two_officers_editing_the_same_unit(pg_db) -> None:  # type: ignore[no-untyped-def]
    with pg_db.session() as s:
        u = Unit(name="Sở Nội vụ", kind=UnitKind.DEPARTMENT)
        s.add(u)
    officer_a, officer_b = pg_db._factory(), pg_db._factory()
    a = officer_a.get(Unit, u.id)
    b = officer_b.get(Unit, u.id)
    a.short_name = "SNV"
    officer_a.commit()
    b.short_name = "Sở NV"
    with pytest.raises(StaleDataError):
        officer_b.commit()
    officer_a.close()
    officer_b.close()
    with pg_db.session() as s:
        assert s.get(Unit, u.id).short_name == "SNV"


def test_tasks_streamed_and_narrowed_on_postgres(pg_db) -> None:  # type: ignore[no-untyped-def]
    """The task list is read in batches (a server-side cursor there) inside its session, and
    a status's SQL narrowing gives the rows the status rule gives."""
    from datetime import date

    from bdcq_desktop.core import chase, task_tracking
    from tests import report_fixtures as rf

    day = date(2026, 3, 20)
    data = rf.build(pg_db, day)
    every = task_tracking.track_tasks(pg_db, today=day)
    assert len(every) == len(data.tasks)
    for status in ("overdue", "cancelled", "due_soon"):
        got = task_tracking.track_tasks(pg_db, status=status, today=day)
        assert got == [t for t in every if t.status == status]
    units = chase.chase_list(pg_db, today=day)
    assert [u.unit for u in units] == [rf.UNIT_A, rf.UNIT_B, rf.UNIT_C]


def test_overview_filters_on_postgres(pg_db, db) -> None:  # type: ignore[no-untyped-def]
    """The overview's filters (rounds picked by a subquery, unit kinds by EXISTS) give on
    PostgreSQL the matrix they give on SQLite, for every year and regime offered."""
    from datetime import date

    from bdcq_desktop.core import report_overview as ro
    from tests import report_fixtures as rf

    day = date(2026, 3, 20)

    def shown(database, **filters):  # type: ignore[no-untyped-def]
        o = ro.load_overview(database, today=day, **filters)
        units = {u.id: u.name for u in o.units}
        rounds = {r.id: (r.title, r.counts) for r in o.rounds}
        cells = {(units[u], rounds[r][0]): c.status_label for (u, r), c in o.cells.items()}
        return list(units.values()), list(rounds.values()), cells, o.counts

    rf.build(pg_db, day)
    rf.build(db, day)
    choices = ro.filter_choices(pg_db)
    assert choices == ro.filter_choices(db)
    assert choices.years and choices.regimes and choices.unit_kinds
    for year in (None, *choices.years):
        for regime in (None, ro.AD_HOC, *(r for r, _ in choices.regimes)):
            mine = shown(pg_db, year=year, regime_id=regime)
            assert mine == shown(db, year=year, regime_id=regime)
    assert shown(pg_db, year=choices.years[0])[2]
