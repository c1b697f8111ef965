"""The key/value settings as they stood on a day (:func:`bdcq_desktop.core.settings_on.
stored_on`), read back from the change log, which names the setting each change touched.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select

from bdcq_desktop.core.models import ChangeLog
from bdcq_desktop.core.settings import get_setting, set_setting


def settings_made_on(db: Any, day: date) -> None:
    """Every change of the key/value settings logged after ``day`` as made at 08:00 on it: the
    officer is taken to have set them then, before the documents of that day (the stamp is the
    only thing a test writes by hand)."""
    moment = datetime.combine(day, time(8, 0))
    with db.session() as s:
        for row in s.scalars(select(ChangeLog).where(ChangeLog.table_name == "setting")):
            if row.at > moment:
                row.at = moment


def _stamp(db: Any, key: str, day: date) -> None:
    """The last logged change of the setting ``key`` as made at 08:00 on ``day``."""
    with db.session() as s:
        rows = s.scalars(
            select(ChangeLog).where(ChangeLog.table_name == "setting").order_by(ChangeLog.id.desc())
        ).all()
        row = next(r for r in rows if key in json.loads(r.changes or "{}").get("key", []))
        row.at = datetime.combine(day, time(8, 0))


def test_the_stored_settings_of_a_day_undo_the_logged_changes_after_it(db: Any) -> None:
    from bdcq_desktop.core.settings_on import stored_on

    set_setting(db, "documents.page", {"body_size": 13})
    _stamp(db, "documents.page", date(2025, 1, 6))
    set_setting(db, "documents.page", {"body_size": 14})
    _stamp(db, "documents.page", date(2026, 3, 2))
    set_setting(db, "documents.archive", {"minutes": "VT, Hồ sơ"})
    _stamp(db, "documents.archive", date(2026, 3, 2))
    with db.session() as s:
        # An update names its setting: the log says which key it changed.
        assert s.scalars(
            select(ChangeLog.changes)
            .where(ChangeLog.table_name == "setting")
            .order_by(ChangeLog.id)
        ).all()[1] == json.dumps(
            {"key": ["documents.page", "documents.page"],
             "value": ['{"body_size": 13}', '{"body_size": 14}']}
        )  # fmt: skip
        first = stored_on(s, date(2024, 12, 31), "documents.")
        on_13 = stored_on(s, date(2026, 3, 1), "documents.")
        on_14 = stored_on(s, date(2026, 3, 2), "documents.")
    assert first.values == {} and first.changed == {"documents.page", "documents.archive"}
    assert on_13.values == {"documents.page": '{"body_size": 13}'}
    assert on_14.values == {
        "documents.page": '{"body_size": 14}',
        "documents.archive": '{"minutes": "VT, Hồ sơ"}',
    }
    assert on_14.changed == frozenset()
    assert get_setting(db, "documents.page") == {"body_size": 14}


def test_an_update_logged_before_keys_were_named_is_read_by_its_value(db: Any) -> None:
    from bdcq_desktop.core.settings_on import stored_on

    set_setting(db, "documents.page", {"body_size": 13})
    set_setting(db, "documents.archive", {})
    with db.session() as s:  # a file of the earlier version: history is older than this day
        for row in s.scalars(select(ChangeLog).where(ChangeLog.table_name == "setting")):
            row.at = datetime(2024, 1, 2, 8, 0)
    set_setting(db, "documents.page", {"body_size": 14})
    _stamp(db, "documents.page", date(2026, 3, 2))
    set_setting(db, "documents.archive", {"minutes": "VT, Hồ sơ"})
    _stamp(db, "documents.archive", date(2026, 3, 2))
    with db.session() as s:  # the earlier version logged the value only
        for row in s.scalars(select(ChangeLog).where(ChangeLog.action == "update")):
            changes = json.loads(row.changes)
            del changes["key"]
            row.changes = json.dumps(changes)
    with db.session() as s:
        then = stored_on(s, date(2026, 3, 1))
    assert then.values == {"documents.page": '{"body_size": 13}', "documents.archive": "{}"}
