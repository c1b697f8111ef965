"""The per-record change log: inserts carry their record id, the core lists one record's
changes, ``bdcq log`` shows them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import units
from bdcq_desktop.core.models import ChangeAction, ChangeLog


def test_an_inserted_row_is_logged_with_its_record_id(db: Any) -> None:
    unit_id = units.create_unit(db, name="Sở Nội vụ")
    with db.session() as s:
        rows = s.scalars(
            select(ChangeLog).where(
                ChangeLog.table_name == "unit", ChangeLog.action == ChangeAction.INSERT
            )
        ).all()
    assert [r.record_id for r in rows] == [unit_id]
