"""One user action, one transaction: a save killed half-way leaves nothing or all of it.

The dialogs used to save a new member in two commits (the person, then the appointment) and an
edited member in two (the person, then the membership). Here a real child process runs the
core call that replaced them and is stopped, by a hook of its own, at the moment both writes
have reached the database but before the end of the call; the parent kills it with SIGKILL. A
save that still took two transactions would leave the first one behind, and the assertion that
the database holds exactly the state before or the state after would fail.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core import members
from bdcq_desktop.core.db import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ROOT = Path(__file__).resolve().parents[1]

# The child pauses once both a person and a membership have been written (flushed) in this
# process, whichever session wrote them: with one transaction nothing is committed yet; with
# two, the first is.
CHILD = r"""
import sys, time
from sqlalchemy import event
from sqlalchemy.orm import Session
from bdcq_desktop.core import members
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.models import CommitteeMembership, Person

path, action, pause = sys.argv[1], sys.argv[2], sys.argv[3] == "pause"
written = set()

@event.listens_for(Session, "after_flush")
def _maybe_pause(session, _context):
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, (Person, CommitteeMembership)):
            written.add(type(obj))
    if pause and len(written) == 2:
        print("paused", flush=True)
        time.sleep(600)

db = open_database(path)
if action == "appoint":
    members.appoint_new(
        db,
        person={"full_name": "Người Mới Thêm", "email": "moi@nghean.gov.vn"},
        appointment={"role": "member", "start_date": "01/03/2025", "area": "Vinh"},
    )
else:
    row = members.list_committee(db)[0]
    members.update_member(
        db,
        row.id,
        person_version=members.get_person(db, row.person_id).version,
        membership_version=row.version,
        person={"position": "Giám đốc mới"},
        membership={"area": "Cửa Lò"},
    )
print("done", flush=True)
"""


def _run(path: Path, action: str, pause: bool) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), action, "pause" if pause else "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if pause:
        assert line == "paused", proc.communicate()[1]
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert proc.returncode == -signal.SIGKILL
    else:
        _out, err = proc.communicate()
        assert (line, proc.returncode) == ("done", 0), err


def _state(path: Path) -> tuple[Any, ...]:
    db = open_database(path)
    try:
        people = sorted((p.full_name, p.position) for p in members.list_people(db))
        roster = sorted((r.full_name, r.area) for r in members.list_committee(db))
        return tuple(people), tuple(roster)
    finally:
        db.dispose()


def _seed(path: Path) -> None:
    db = open_database(path)
    pid = members.create_person(db, full_name="Trần Văn Cũ", position="Phó Giám đốc")
    members.appoint(db, pid, role="head", start_date=date(2025, 1, 1), area="Vinh")
    db.dispose()


@pytest.mark.parametrize("action", ["appoint", "update"])
def test_a_save_killed_between_its_writes_leaves_nothing(tmp_path: Path, action: str) -> None:
    whole = tmp_path / "whole.sqlite3"
    _seed(whole)
    before = _state(whole)
    _run(whole, action, pause=False)
    after = _state(whole)
    assert after != before  # the save does change something

    killed = tmp_path / "killed.sqlite3"
    _seed(killed)
    assert _state(killed) == before
    _run(killed, action, pause=True)
    # Either nothing or the whole result; paused before the end of the call, it is nothing.
    assert _state(killed) in (before, after)
    assert _state(killed) == before
