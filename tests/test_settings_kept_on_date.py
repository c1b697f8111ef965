"""A document prints the key/value settings of its own date (:func:`bdcq_desktop.core.settings_on.
stored_on`, through :mod:`bdcq_desktop.documents.dated`): the signer rule, the signing lines
and the recipients of its kind, the typed issuing body, as they stood at the end of its date,
not as changed since. The settings are changed today through ``bdcq settings set``'s core
(:func:`.settings_keys.set_keys`); the documents dated before the change, drafted or issued,
print the old ones, those dated on or after it the new ones.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.models import ChangeLog, Meeting
from bdcq_desktop.core.settings import get_setting, set_setting
from bdcq_desktop.documents import service, settings_keys
from tests.test_other_docs import flat, full_text

SIGNER = "Trần Văn Kiểm"
NEW_RECIPIENT = "Sở Tài chính (để phối hợp)"
OLD_RECIPIENT = "Phó Trưởng ban (để b/c)"  # the head signing, "Trưởng ban" is dropped


def _yesterday() -> date:
    day = date.today() - timedelta(days=1)
    if day.year != date.today().year:  # 1 January: last year's register is closed
        pytest.skip("no earlier day of this year to issue on")
    return day


def _next_meeting(db: Any) -> int:
    """The last meeting of the demo, still to come: its convocation is not issued yet."""
    with db.session() as s:
        m = s.scalars(select(Meeting).order_by(Meeting.starts_at.desc())).first()
        assert m is not None and m.starts_at.date() > date.today()
        return m.id


def _closing(pdf: bytes) -> str:
    """The recipients and the signature block (page 1 of the convocation, before its annex)."""
    text = flat(full_text(pdf))
    start = text.index("Nơi nhận:")
    return text[start : text.index("DANH SÁCH", start)]


def _lines(pdf: bytes) -> list[str]:
    """The convocation's lines (before its annex) with what the clerk fills in at issue made
    alike: the number (``Số: 01/GTT-BCĐ`` / ``Số: /GTT-BCĐ``) and the day of the place-date."""
    text = full_text(pdf)
    out = []
    for line in text[: text.index("DANH SÁCH")].splitlines():
        line = re.sub(r"Số:\s*\d*\s*/", "Số: /", line)
        line = re.sub(r"ngày\s+\d*\s*tháng\s+\d*\s*năm", "ngày tháng năm", line)
        out.append(re.sub(r"\s+", " ", line).strip())
    return out


def test_a_convocation_dated_before_a_change_prints_the_old_signer_and_recipients(
    demo_db: Any,
) -> None:
    meeting, before = _next_meeting(demo_db), _yesterday()
    old = _closing(service.draft(demo_db, "convocation", meeting, today=before))
    assert OLD_RECIPIENT in old and "TM. BAN CHỈ ĐẠO" in old and SIGNER not in old

    settings_keys.set_keys(
        demo_db,
        [
            ("signing.convocation", "TL. TRƯỞNG BAN|CHÁNH VĂN PHÒNG"),
            ("signer.convocation", f"name:{SIGNER}"),
            ("recipients.convocation", f"Như trên;{NEW_RECIPIENT}"),
        ],
    )

    # Dated after the change (today): the new rule.
    new = _closing(service.draft(demo_db, "convocation", meeting))
    assert "TL. TRƯỞNG BAN" in new and "CHÁNH VĂN PHÒNG" in new and SIGNER in new
    assert NEW_RECIPIENT in new and OLD_RECIPIENT not in new

    # Dated before it: the draft (the window's preview) and the paper issued from it print the
    # rule of that day, alike.
    draft = service.draft(demo_db, "convocation", meeting, today=before)
    assert _closing(draft) == old
    issued = service.issue(demo_db, "convocation", meeting, issued_on=before)
    stored = register.read_stored(issued, demo_db).content
    assert _closing(stored) == old
    assert _lines(stored) == _lines(draft)
    assert issued.signer is not None and issued.signer != SIGNER


def test_a_typed_issuing_body_heads_the_documents_dated_from_its_day(demo_db: Any) -> None:
    meeting, before = _next_meeting(demo_db), _yesterday()
    settings_keys.set_key(demo_db, "issuing_body", "Văn phòng Ban Chỉ đạo")
    today = full_text(service.draft(demo_db, "convocation", meeting))
    assert "VĂN PHÒNG BAN CHỈ ĐẠO" in today
    then = full_text(service.draft(demo_db, "convocation", meeting, today=before))
    assert "VĂN PHÒNG BAN CHỈ ĐẠO" not in then and "BAN CHỈ ĐẠO XÂY DỰNG" in then


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
