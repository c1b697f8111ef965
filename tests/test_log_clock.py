"""The change log's clock: the audit hook stamps the office's local time, and what reads the
log back (a document of a past day, :mod:`bdcq_desktop.core.records_on`) takes it as such.
Run under Vietnam's zone (UTC+7), where reading the stamp as UTC moved an 08:00 edit to 15:00."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import sys
import time
from datetime import datetime, timedelta
from bdcq_desktop.core.db import open_database
from bdcq_desktop.core import people
from bdcq_desktop.core.models import ChangeLog
from bdcq_desktop.core.records_on import posts_on
from sqlalchemy import select

db = open_database(sys.argv[1])
pid = people.create_person(db, full_name="Nguyễn Văn An", position="Chuyên viên")
before = datetime.now()
people.update_person(db, pid, position="Trưởng phòng")
with db.session() as s:
    stamp = s.scalar(select(ChangeLog.at).where(ChangeLog.action == "update"))
# The stamp is the local clock: within the minute of datetime.now(), not 7 hours off.
assert abs((stamp - before).total_seconds()) < 60, (stamp, before)
time.sleep(1.5)
with db.engine.connect() as conn:
    # Just before the edit: the position it held then; just after: the new one (read as UTC,
    # the stamp lay seven hours ahead and the edit was undone there too).
    earlier = posts_on(conn, [pid], before.date(), before - timedelta(seconds=1))
    assert earlier[pid][0] == "Chuyên viên", earlier
    later = posts_on(conn, [pid], stamp.date(), stamp + timedelta(seconds=1))
    assert later[pid][0] == "Trưởng phòng", later
print("ok")
"""


def test_the_log_is_stamped_and_read_in_local_time(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TZ": "Asia/Ho_Chi_Minh",
        "BDCQ_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "clock.sqlite3")],
        capture_output=True, text=True, timeout=120, env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
