"""Two officers saving the settings (Thiết lập, ``bdcq settings set``) of one database, each
with a connection of its own (a real PostgreSQL server, and SQLite): a save from a window
opened before the other's save is refused, not allowed to write over it; two saves of
different kinds at the same moment both keep their change (the maps of every kind were read in
one session and written whole in another: an audit lost one change in 2 of 15 tries)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bdcq_desktop.core.db import Database
from bdcq_desktop.core.errors import ConflictError
from bdcq_desktop.core.locking import serialize
from bdcq_desktop.core.settings import get_organisation, update_organisation
from bdcq_desktop.documents import settings as ds
from bdcq_desktop.documents.page import PageSettings
from tests.cli_run import run_bdcq

STALE = "vừa được người khác sửa. Hãy tải lại rồi sửa lại."


@pytest.fixture(params=["postgresql", "sqlite"])
def two(request: pytest.FixtureRequest) -> Any:
    """Officer A's and officer B's Database of one database (each its own engine)."""
    first = request.getfixturevalue("pg_db" if request.param == "postgresql" else "db")
    second = Database(first.url)
    yield first, second
    second.dispose()


def _recipients(db: Database, kind: str) -> tuple[str, ...]:
    return ds.kind_settings(ds.load(db), kind).recipients


def test_a_stale_settings_window_is_refused(two: Any) -> None:
    a, b = two
    update_organisation(
        a, parent_body="UBND tỉnh Nghệ An", committee_name="Ban Chỉ đạo", place_name="Nghệ An"
    )
    version = get_organisation(a).version  # both windows opened at it
    conv = ds.kind_settings(ds.load(a), "convocation")
    mine = ("Như trên", "A: Văn phòng UBND tỉnh")
    ds.save_together(
        a, organisation={}, kinds=[replace(conv, recipients=mine)], expected_version=version
    )
    assert get_organisation(b).version > version  # a save of kinds only bumps it too
    with pytest.raises(ConflictError, match=STALE):
        ds.save_together(
            b,
            organisation={},
            kinds=[replace(conv, recipients=("Như trên", "B: Lưu VT"))],
            expected_version=version,
        )
    with pytest.raises(ConflictError, match=STALE):  # the page alone, the same
        ds.save_together(b, page=PageSettings(margin_top_mm=25), expected_version=version)
    assert _recipients(b, "convocation") == mine
    assert ds.load(b).page == PageSettings()
    # B reloads and saves: accepted, on top of A's.
    ds.save_together(
        b, page=PageSettings(margin_top_mm=25), expected_version=get_organisation(b).version
    )
    assert _recipients(a, "convocation") == mine and ds.load(a).page.margin_top_mm == 25


def test_settings_set_with_a_stale_expected_version(db: Database, db_path: Path) -> None:
    shown = run_bdcq(["settings", "show", "--format", "json"], db=db_path)
    assert shown.returncode == 0, shown.stderr
    version = str(__import__("json").loads(shown.stdout)["version"])
    first = run_bdcq(
        ["settings", "set", "recipients.convocation", "Như trên; A", "--expected-version", version],
        db=db_path,
    )
    assert first.returncode == 0, first.stderr
    second = run_bdcq(
        ["settings", "set", "recipients.convocation", "Như trên; B", "--expected-version", version],
        db=db_path,
    )
    # The command line adds the current version: "… sửa lại (phiên bản hiện tại: N)."
    assert second.returncode == 2 and STALE.rstrip(".") in second.stderr, second
    assert "(phiên bản hiện tại: " in second.stderr
    assert _recipients(db, "convocation") == ("Như trên", "A")


def _blocked(db: Database, count: int) -> None:
    """Wait until ``count`` other sessions of the server wait for a lock (PostgreSQL); SQLite
    says nothing of who waits: a moment, far more than a save's reads take."""
    if db.is_sqlite:
        time.sleep(1.5)
        return
    from tests.pg import wait_for_lock_waiters

    wait_for_lock_waiters(db, count, seconds=10, what="the saves")


def test_two_kinds_saved_at_once_both_kept(two: Any) -> None:
    """A changes the convocation's recipients while B changes the invitation's, neither with a
    version (as ``bdcq settings set`` without ``--expected-version``). Made certain to
    overlap: a third connection holds the settings' row (PostgreSQL) or the file's write lock
    (SQLite) while both saves start, so both have read before either writes, then lets go."""
    a, b = two
    st = ds.load(a)
    conv, inv = ds.kind_settings(st, "convocation"), ds.kind_settings(st, "invitation")
    ds.save_together(a, kinds=[replace(conv, recipients=("Như trên", "conv 0"))])
    ra, rb = ("Như trên", "conv 1"), ("Như trên", "inv 1")
    holder = Database(a.url)
    errors: list[BaseException] = []

    def save(db: Database, ks: ds.KindSettings) -> None:
        try:
            ds.save_together(db, kinds=[ks])
        except BaseException as exc:  # judged below
            errors.append(exc)

    try:
        with holder.session() as s:
            if holder.is_sqlite:
                serialize(s, "settings")  # the file's one write lock
            else:
                row = "SELECT * FROM setting WHERE key = 'documents.recipients' FOR UPDATE"
                s.execute(text(row))
            threads = [
                threading.Thread(target=save, args=(a, replace(conv, recipients=ra))),
                threading.Thread(target=save, args=(b, replace(inv, recipients=rb))),
            ]
            for t in threads:
                t.start()
            _blocked(holder, 2)
        for t in threads:
            t.join(30)
    finally:
        holder.dispose()
    assert not errors, errors
    assert (_recipients(a, "convocation"), _recipients(a, "invitation")) == (ra, rb)
