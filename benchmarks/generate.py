"""Ten years of a steering committee's data, for the benchmarks.

Deterministic (``random.Random(seed)`` and a fixed calendar ending on :data:`END`, so the same
scale gives the same database whatever the day), written through the real ORM models in one
transaction with bulk inserts, and accepted by ``bdcq check``. Names, units, agendas and wording
come from the demo's lists (:mod:`bdcq_desktop.core.demo`).

The database is cached under ``benchmarks/.cache`` keyed on the schema revision, the generator's
version and the scale, so only the first run of a new schema pays for it.
"""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

from sqlalchemy import insert, text

from bdcq_desktop.core.db import open_database
from bdcq_desktop.core.demo.data_units import (
    COMMITTEE_NAME,
    PARENT_BODY,
    PROVINCE,
    PROVINCE_DOMAIN,
    STANDING_ADDRESS,
)
from bdcq_desktop.core.migrations import HEAD
from bdcq_desktop.core.models import (
    ChangeAction,
    ChangeLog,
    Organisation,
)

from .decade import Tables
from .decade_basis import FULL, QUICK, STAMP, Scale

__all__ = ["CACHE", "FULL", "QUICK", "Scale", "cached_database", "generate"]

GENERATOR_VERSION = 6  # bump when the data changes, so cached databases are rebuilt
CACHE = Path(__file__).resolve().parent / ".cache"

def cached_database(scale: Scale, *, seed: int = 2016) -> tuple[Path, float | None]:
    """The path of the cached database for ``scale``, built if missing; and the seconds the
    build took (``None`` when it came from the cache)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"tenyear-{HEAD}-g{GENERATOR_VERSION}-s{seed}-{scale.key}.sqlite3"
    if path.exists():
        return path, None
    for stale in CACHE.glob(f"tenyear-*-{scale.key}.sqlite3*"):
        stale.unlink()
    tmp = path.with_suffix(".tmp")
    for leftover in CACHE.glob(tmp.name + "*"):
        leftover.unlink()
    start = time.perf_counter()
    generate(tmp, scale, seed=seed)
    elapsed = time.perf_counter() - start
    shutil.move(tmp, path)
    return path, elapsed


def generate(path: Path, scale: Scale = FULL, *, seed: int = 2016) -> dict[str, int]:
    """Create ``path`` (a new SQLite file) holding ten years of data; returns the row counts."""
    db = open_database(path)
    try:
        tables = Tables(scale, random.Random(seed)).build()
        with db.session() as s:
            s.info["audit_disabled"] = True
            # Units and their heads point at each other: checked once, at commit.
            s.execute(text("PRAGMA defer_foreign_keys=ON"))
            for model, rows in tables.items():
                if rows:
                    s.execute(insert(model), rows)
            org = s.get(Organisation, 1) or Organisation(id=1)
            org.parent_body, org.committee_name = PARENT_BODY, COMMITTEE_NAME
            org.abbreviation, org.place_name = "BCĐ", PROVINCE
            org.standing_agency_id = 2  # Sở Thông tin và Truyền thông (Roster.units)
            org.address, org.email = STANDING_ADDRESS, f"bcdcqdt@{PROVINCE_DOMAIN}"
            org.default_signer_id = 1
            org.created_at = org.updated_at = STAMP
            s.add(org)
            counts = {m.__tablename__: len(r) for m, r in tables.items()}
            s.add(
                ChangeLog(
                    at=STAMP,
                    user="benchmarks",
                    table_name="benchmarks",
                    action=ChangeAction.INSERT,
                    changes=json.dumps(counts),
                )
            )
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return counts
