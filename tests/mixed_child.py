"""Child of the mixed kill test: a secretary's day of saves, through the core calls the GUI
makes, until killed.

Run as ``python tests/mixed_child.py DB MEETING_ID HELD_ID BACKUP``: it imports everything
once, then for each line ``RUN SEED`` read on stdin forks a worker (its own process and
database connection) and waits for it to die, printing ``CHILD pid`` and then ``DONE pid``.
The worker loops over random saves: a person's details (``update_person``), the meeting's
place (``update_meeting``), an agenda item's live notes (``save_item_notes``), a new member
(``appoint_new``), issuing a document number (``register.issue``), the minutes' opening text
of the held meeting (``save_minutes``), an attendance mark there (``check_in``), a roster
import (``preview_import`` then ``apply_import``, as the import dialog does) and, now and
then, a restore of ``BACKUP`` (``restore_from``). Before each it prints
``BEGIN kind key value`` and after it returns ``OK kind key value`` (flushed at once), so the
test knows which saves were acknowledged and which one may have been cut short.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

NOW = datetime.now().replace(microsecond=0)  # the planned meeting lies ahead: no check complains
# The held meeting's start, two hours ago: it is recorded as if under way, and a meeting held
# may not start later than now (``bdcq check`` says so). Not a day ago: a meeting still planned
# a day after its start is one the check reports too (a kill before its first mark).
HELD_AT = NOW - timedelta(hours=2)
DURING = HELD_AT + timedelta(hours=1)
KINDS = ("person", "meeting", "notes", "member", "issue", "minutes", "attendance", "import")
ROSTER_HEADER = "Họ và tên,Giới tính,Chức vụ,Đơn vị,Vai trò,Quyết định\n"


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def worker(path: str, meeting_id: int, held_id: int, backup: str, seed: str) -> None:
    from bdcq_desktop.core import members, register, roster_io
    from bdcq_desktop.core.attendance import attendance_rows, check_in
    from bdcq_desktop.core.backup import restore_from
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.live_notes import item_notes, save_item_notes
    from bdcq_desktop.core.meetings import update_meeting
    from bdcq_desktop.core.minutes_text import minutes_draft, save_minutes

    rng = random.Random(seed)
    db = open_database(path, migrate=False)
    folder = Path(path).parent

    def reload() -> tuple[list[int], dict[int, int], int]:
        """What the screens hold after (re)loading: the ids and versions saves refer to."""
        people = [p.id for p in members.list_people(db)][:10]
        versions = {n.item_id: n.version for n in item_notes(db, meeting_id)}
        return people, versions, minutes_draft(db, held_id).version

    people, versions, minutes_version = reload()
    invitees = [r.invitee_id for r in attendance_rows(db, held_id)]
    say("READY")
    n = 0
    while True:
        n += 1
        value = f"{seed}-{n}"
        # A restore throws away every save before it: rare, as in an officer's day.
        op = "restore" if rng.random() < 0.04 else rng.choice(KINDS)
        if op == "restore":
            key = 0
            say("BEGIN restore 0", value)
            restore_from(db, backup, confirm_issued=True)
            people, versions, minutes_version = reload()
        elif op == "minutes":
            key = held_id
            say("BEGIN minutes", key, value)
            minutes_version = save_minutes(
                db,
                held_id,
                expected_version=minutes_version,
                opening=f"Mở đầu {value}",
                now=DURING,
            )
        elif op == "attendance":
            key = rng.choice(invitees)
            say("BEGIN attendance", key, value)
            check_in(
                db,
                held_id,
                key,
                expected_version=None,
                status="absent",
                reason=f"Lý do {value}",
                now=DURING,
            )
        elif op == "import":
            key = 0
            say("BEGIN import 0", value)
            csv = folder / f"roster-{value}.csv"
            csv.write_text(
                ROSTER_HEADER
                + f"Nhập {value},Nam,Chuyên viên,Sở Nhập,Thành viên,12/QĐ-UBND ngày 05/02/2026\n",
                encoding="utf-8",
            )
            preview = roster_io.preview_import(db, csv)
            roster_io.apply_import(db, preview, default_start=date(2026, 2, 10))
        elif op == "person":
            key = rng.choice(people)
            say("BEGIN person", key, value)
            members.update_person(db, key, position=f"Chức vụ {value}")
        elif op == "meeting":
            key = meeting_id
            say("BEGIN meeting", key, value)
            update_meeting(db, key, expected_version=None, place=f"Phòng {value}", now=NOW)
        elif op == "notes":
            key = rng.choice(sorted(versions))
            say("BEGIN notes", key, value)
            saved = save_item_notes(
                db, meeting_id, key, f"Ghi chép {value}", base_version=versions[key]
            )
            versions[key] = saved.version
        elif op == "member":
            say("BEGIN member 0", value)
            key = members.appoint_new(
                db,
                person={"full_name": f"Thành viên {value}"},
                appointment={"role": "member", "start_date": date(2026, 1, 5)},
            )
        else:
            say("BEGIN issue 0", value)
            pdf = f"%PDF-1.4 mixed kill test {value}\n%%EOF\n".encode()
            record = register.issue(
                db,
                kind="roster",
                type_abbr="DS",
                body_abbr="BCĐ",
                record_type="mixed",
                record_id=1,
                summary=f"Danh sách {value}",
                signer="Vũ Duy Tiến",
                render=lambda _number, _day, pdf=pdf: pdf,
            )
            key = record.number
        say("OK", op, key, value)


def serve(path: str, meeting_id: int, held_id: int, backup: str) -> None:
    # Imported before any fork, so each worker starts at once.
    import bdcq_desktop.core.attendance
    import bdcq_desktop.core.backup
    import bdcq_desktop.core.db
    import bdcq_desktop.core.live_notes
    import bdcq_desktop.core.meetings
    import bdcq_desktop.core.members
    import bdcq_desktop.core.minutes_text
    import bdcq_desktop.core.register
    import bdcq_desktop.core.roster_io  # noqa: F401

    print("SERVING", flush=True)
    for line in sys.stdin:
        _, seed = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                worker(path, meeting_id, held_id, backup, seed)
            finally:
                os._exit(1)
        print(f"CHILD {pid}", flush=True)
        os.waitpid(pid, 0)
        print(f"DONE {pid}", flush=True)  # after the worker's last line, in the same pipe


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
