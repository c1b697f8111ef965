"""Rules checked by reading other records, with two officers saving at the same moment: one
Head at a time, one round per period, one unit of a name, and no reference blanked by a
member deleted meanwhile. Each trial starts two real connections behind a barrier (on a real
PostgreSQL server, and on SQLite for the round); the second save reads the first's and is
refused with the rule's own message. Also what a client of a server waits for: a row locked
by a frozen client, and a server that does not answer."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, text

from bdcq_desktop.core import engine, units
from bdcq_desktop.core.adhoc_tasks import create_task
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.errors import BcdError, ValidationError
from bdcq_desktop.core.member_removal import delete_mistaken_member
from bdcq_desktop.core.memberships import appoint
from bdcq_desktop.core.models import (
    CommitteeMembership,
    CommitteeRole,
    Frequency,
    Person,
    ReportingRound,
    Task,
    Unit,
    UnitKind,
)
from bdcq_desktop.core.people import create_person
from bdcq_desktop.core.regimes import create_regime
from bdcq_desktop.core.rounds import open_round
from bdcq_desktop.core.storage_errors import IntegrityConflict, StorageError

TRIALS = 8


def _at_once(*saves: Callable[[], Any]) -> list[Any]:
    """Each save in a thread of its own, released together; what each returned or raised."""
    start = threading.Barrier(len(saves))
    results: list[Any] = [None] * len(saves)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = saves[i]()
        except BaseException as exc:  # kept for the test to judge, not lost in the thread
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(saves))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _one_saved_one_refused(results: list[Any], message: str) -> None:
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], ValidationError) and message in refused[0].message, refused


@pytest.fixture(params=["postgresql", "sqlite"])
def any_db(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue("pg_db" if request.param == "postgresql" else "db")


def test_one_round_per_period_when_two_officers_open_it_at_once(any_db: Any) -> None:
    """Audit: 10 of 10 tries on PostgreSQL gave two rounds of one quarter, 2 of 10 on SQLite."""
    unit_ids = [units.create_unit(any_db, name=f"Sở Thử {i}") for i in range(3)]
    regime = create_regime(
        any_db, name="Báo cáo quý", frequency=Frequency.QUARTERLY, unit_ids=unit_ids
    )
    today = date(2027, 4, 2)
    for year in range(2027 - TRIALS + 1, 2028):
        results = _at_once(
            *[lambda y=year: open_round(any_db, regime_id=regime, year=y, number=1, today=today)]
            * 2
        )
        _one_saved_one_refused(results, "đã được mở")
    with any_db.session() as s:
        assert s.scalar(select(func.count()).select_from(ReportingRound)) == TRIALS


def test_one_head_when_two_officers_appoint_two_at_once(pg_db: Any) -> None:
    """Audit: 15 of 20 tries ended with two Heads."""
    for trial in range(TRIALS):
        first = create_person(pg_db, full_name=f"Nguyễn Văn Một {trial}")
        second = create_person(pg_db, full_name=f"Trần Thị Hai {trial}")
        start = date(2020 + trial, 1, 1)
        results = _at_once(
            *[
                lambda p=p, start=start: appoint(pg_db, p, role="head", start_date=start)
                for p in (first, second)
            ]
        )
        _one_saved_one_refused(results, "Đã có Trưởng ban đương nhiệm")
        with pg_db.session() as s:
            heads = s.scalar(
                select(func.count())
                .select_from(CommitteeMembership)
                .where(CommitteeMembership.role == CommitteeRole.HEAD)
            )
        assert heads == trial + 1
        # Ended before the next trial's start, so each trial meets only its own pair.
        with pg_db.session() as s:
            current = CommitteeMembership.end_date.is_(None)
            for m in s.scalars(select(CommitteeMembership).where(current)):
                m.end_date = date(2020 + trial, 12, 31)


def test_one_unit_of_a_name_when_two_officers_add_it_at_once(pg_db: Any) -> None:
    """The same unit typed two ways (the app's check ignores case and marks; the table's
    unique name would refuse only the same spelling, with the driver's English)."""
    for trial in range(TRIALS):
        results = _at_once(
            lambda t=trial: units.create_unit(pg_db, name=f"Sở Văn hóa và Thể thao {t}"),
            lambda t=trial: units.create_unit(pg_db, name=f"SỞ VĂN HOÁ VÀ THỂ THAO {t}"),
        )
        _one_saved_one_refused(results, "Đã có cơ quan, đơn vị mang tên này")
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == TRIALS


def test_a_member_deleted_while_another_officer_assigns_them_a_task(pg_db: Any) -> None:
    """Audit: the delete went through and the database blanked the new task's assignee,
    silently. Now either the delete is refused (the task came first) or the task is (the
    person is gone), each in Vietnamese; never a task whose assignee vanished."""
    head = create_person(pg_db, full_name="Vũ Duy Tiến")
    appoint(pg_db, head, role="head", start_date=date(2024, 1, 1))
    unit = units.create_unit(pg_db, name="Sở Nội vụ")
    outcomes: set[str] = set()
    for trial in range(TRIALS):
        person = create_person(pg_db, full_name=f"Người Nhập Nhầm {trial}")
        membership = appoint(pg_db, person, role="member", start_date=date(2024, 2, 1))
        results = _at_once(
            lambda m=membership: delete_mistaken_member(pg_db, m),
            lambda p=person, trial=trial: create_task(
                pg_db,
                content=f"Rà soát danh mục dịch vụ công {trial}",
                assignee_person_id=p,
                assignee_unit_id=unit,
                assigned_by_id=head,
                deadline=date(2027, 12, 31),
                today=date(2026, 11, 30),
            ),
        )
        deleted, task = results
        with pg_db.session() as s:
            alive = s.get(Person, person) is not None
            blanked = s.scalar(
                select(func.count())
                .select_from(Task)
                .where(Task.content == f"Rà soát danh mục dịch vụ công {trial}")
                .where(Task.assignee_person_id.is_(None))
            )
        assert blanked == 0, results
        if alive:  # the task first: the delete refused for it
            assert isinstance(task, int), results
            assert isinstance(deleted, BcdError) and "nhiệm vụ" in deleted.message, results
            outcomes.add("delete refused")
        else:  # the delete first: the task refused, plainly
            assert deleted == person, results
            assert isinstance(task, BcdError), results
            assert not isinstance(task, IntegrityConflict) or "vừa bị xóa" in task.message
            outcomes.add("task refused")
    assert outcomes  # at least one of the two ways, each trial judged above


def test_a_row_locked_by_a_frozen_client_refuses_the_save_after_the_busy_wait(
    pg_server: str, pg_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Audit: the second save waited as long as the frozen client held the row (about two
    hours, the server's own limit), the window frozen. Now it waits SQLite's busy time
    (here shortened to 1 s) and says the database is locked; nothing of it is saved."""
    uid = units.create_unit(pg_db, name="Sở Tài chính", short_name="STC")
    frozen = pg_db.engine.connect()  # another officer's PC, asleep in the middle of a save
    frozen.execute(text("UPDATE unit SET address = 'Số 1' WHERE id = :id"), {"id": uid})
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 1.0)
    officer = open_database(pg_server)  # connects with the shortened wait
    outcome: list[BaseException | None] = []

    def save() -> None:
        try:
            units.update_unit(officer, uid, expected_version=1, short_name="STC-NA")
        except BaseException as exc:  # judged below
            outcome.append(exc)
        else:
            outcome.append(None)

    saver = threading.Thread(target=save)
    started = time.monotonic()
    saver.start()
    try:
        saver.join(timeout=15)  # without the limit it would wait for the frozen client
        waited = time.monotonic() - started
        assert not saver.is_alive(), "the save still waits for the frozen client after 15 s"
    finally:
        frozen.rollback()
        frozen.close()
        saver.join()
        officer.dispose()
    assert isinstance(outcome[0], StorageError) and "khóa" in outcome[0].message, outcome
    assert 0.9 < waited < 10
    assert units.get_unit(pg_db, uid).short_name == "STC"


def test_a_server_that_does_not_answer_is_said_in_vietnamese_without_the_password() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(BcdError) as refused:
        open_database(f"postgresql://bdcq:mat-khau-bi-mat@127.0.0.1:{port}/bcd")
    message = refused.value.message
    assert message.startswith(
        f"Không kết nối được tới máy chủ cơ sở dữ liệu 127.0.0.1:{port}: máy chủ không trả lời"
    )
    assert "Chi tiết kỹ thuật:" in message and "mat-khau-bi-mat" not in message


def test_a_unix_socket_server_that_is_down_is_out_of_reach_named_by_its_folder_and_port(
    tmp_path: Any,
) -> None:
    """A real socket folder with no server in it. Before, psycopg's "connection is bad … No
    such file or directory" was no known refusal (so no retry was offered) and the server was
    named "localhost:5432", neither the folder nor the port of the URL's query."""
    from bdcq_desktop.core.storage_errors import ServerUnreachable

    folder = tmp_path / "pg-socket"
    folder.mkdir()
    with pytest.raises(ServerUnreachable) as refused:
        open_database(f"postgresql+psycopg://bdcq:mat-khau@/bcd?host={folder}&port=55439")
    message = refused.value.message
    assert message.startswith(
        f"Không kết nối được tới máy chủ cơ sở dữ liệu {folder}:55439: máy chủ không trả lời"
    ), message
    assert "localhost" not in message and "mat-khau" not in message


def test_a_reference_deleted_before_the_write_is_a_conflict_not_a_raw_error(db: Any) -> None:
    """What the core's checks cannot see (another officer's delete between the check and the
    write) reaches the database, whose refusal is said as a conflict."""
    with pytest.raises(IntegrityConflict, match="vừa bị xóa"), db.session() as s:
        s.add(CommitteeMembership(person_id=987654, role=CommitteeRole.MEMBER,
                                  start_date=date(2026, 1, 1)))  # fmt: skip
    with pytest.raises(IntegrityConflict, match="trùng với một bản ghi đã có"), db.session() as s:
        s.add_all([Unit(name="Sở Xây dựng", kind=UnitKind.DEPARTMENT) for _ in range(2)])


def test_a_roster_import_waits_for_an_appointment_being_saved(
    pg_db: Any, tmp_path: Any
) -> None:
    """An import checks the same rules as an appointment by hand: while an officer's
    appointment holds them (its transaction open), the import waits, then reads it."""
    from bdcq_desktop.core.locking import serialize
    from bdcq_desktop.core.roster_check import preview_import
    from bdcq_desktop.core.roster_io import apply_import
    from tests.test_roster_io import ROWS, write_csv

    path = tmp_path / "roster.csv"
    path.write_text(write_csv(path, ROWS), encoding="utf-8")
    preview = preview_import(pg_db, path)
    assert preview.ok, [r.problems for r in preview.rows]
    done: list[Any] = []
    importer = threading.Thread(
        target=lambda: done.append(apply_import(pg_db, preview, default_start=date(2026, 2, 10)))
    )
    with pg_db.session() as s:  # another officer's appointment, in the middle of its save
        serialize(s, f"rule:{CommitteeMembership.__tablename__}")
        importer.start()
        importer.join(timeout=1.0)
        assert importer.is_alive() and not done  # waiting for it
    importer.join(timeout=30)
    assert done == [len(ROWS)]


def test_the_server_limits_keep_the_urls_own_options(pg_server: str, pg_db: Any) -> None:
    """A site choosing its schema in the URL (``?options=-csearch_path=…``) keeps it: the
    limits are added to its options, not put in their place."""
    url = f"{pg_server}?options=-csearch_path%3Dbcd_site,public&connect_timeout=7"
    site = engine.Database(url)
    try:
        with site.engine.connect() as conn:
            assert conn.scalar(text("SHOW search_path")).replace(" ", "") == "bcd_site,public"
            assert conn.scalar(text("SHOW lock_timeout")) == "10s"
            dsn = conn.connection.dbapi_connection.info.dsn
        assert "connect_timeout=7" in dsn
    finally:
        site.dispose()
