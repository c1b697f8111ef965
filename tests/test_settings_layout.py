"""Document settings checked against what the page can hold; a layout failure (settings stored
before the checks) becomes a message naming the setting, never a traceback."""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import ChangeLog
from bdcq_desktop.core.settings import get_organisation, get_setting, set_setting
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service, settings_keys
from bdcq_desktop.documents import settings as ds
from tests.cli_run import run_bdcq
from tests.conftest import DEMO_TODAY
from tests.pdf_text import page_texts
from tests.test_meeting_docs import demo_ids

HUGE_ID = "9" * 100_000
LONG_NAME = "Nguyễn " + "A" * 3000


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


def bdcq(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bdcq(args, db=db)


def one_line_error(out: subprocess.CompletedProcess[str]) -> str:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def test_cli_refuses_a_signer_id_of_a_hundred_thousand_digits(demo_db: Any) -> None:
    path = demo_db.sqlite_path
    demo_db.dispose()
    line = one_line_error(bdcq(path, "settings", "set", "signer.convocation", f"person:{HUGE_ID}"))
    assert line.startswith("bdcq: signer.convocation") and "không có ID người" in line
    assert len(line) < 300
    line = one_line_error(bdcq(path, "settings", "set", "signer.convocation", f"name:{LONG_NAME}"))
    assert "signer.convocation" in line and "tối đa 80 ký tự" in line
    assert get_setting(demo_db, "documents.signing", {}) in ({}, None)


def test_bare_digits_that_int_cannot_read_name_no_one(demo_db: Any) -> None:
    with pytest.raises(ValidationError, match="không có ID người"):
        settings_keys.set_key(demo_db, "signer.convocation", "²")


def test_recipients_the_page_cannot_hold_are_refused(demo_db: Any, tmp_path: Path) -> None:
    long_lines = ";".join(f"Ủy ban nhân dân huyện {'Quỳnh Lưu ' * 16}{i}" for i in range(20))
    with pytest.raises(ValidationError) as err:
        settings_keys.set_key(demo_db, "recipients.convocation", long_lines)
    assert err.value.field == "recipients.convocation"
    assert "một trang chỉ giữ được" in err.value.message
    # Twenty ordinary recipients fit, and the document is made with them.
    ordinary = ";".join(f"Ủy ban nhân dân huyện số {i}" for i in range(20))
    settings_keys.set_key(demo_db, "recipients.convocation", ordinary)
    meeting = demo_ids(demo_db)["planned"]
    out = tmp_path / "c.pdf"
    service.export(demo_db, "convocation", meeting, out)
    text = "\n".join(page_texts(out))
    assert "- Ủy ban nhân dân huyện số 19;" in text


def _store_unchecked_signer(db: Any) -> None:
    """A signer as an older version stored it, before names were checked against the page."""
    set_setting(
        db,
        "documents.signing",
        {
            "convocation": {
                "authority": ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"],
                "signer_name": LONG_NAME,
                "signed_by": "head",
                "enabled": True,
            }
        },
    )


def test_a_stored_signer_too_long_names_the_setting(demo_db: Any, tmp_path: Path) -> None:
    _store_unchecked_signer(demo_db)
    meeting = demo_ids(demo_db)["planned"]
    with pytest.raises(ValidationError) as err:
        service.draft(demo_db, "convocation", meeting)
    assert err.value.field == "signer.convocation"
    assert "Không dàn trang được văn bản Giấy triệu tập" in err.value.message
    assert "Người ký Giấy triệu tập" in err.value.message  # what the GUI shows
    # Issuing takes no number.
    with pytest.raises(ValidationError):
        service.issue(demo_db, "convocation", meeting)
    path = demo_db.sqlite_path
    demo_db.dispose()
    out = tmp_path / "c.pdf"
    result = bdcq(path, "export", "convocation", "--meeting", str(meeting), "-o", str(out))
    line = one_line_error(result)
    assert line.startswith("bdcq: signer.convocation:") and "Không dàn trang được" in line
    assert not out.exists()
    assert register.list_issued(demo_db) == []


def test_the_gui_shows_the_setting_in_its_message(demo_db: Any) -> None:
    from bdcq_desktop.ui.messages import error_text

    _store_unchecked_signer(demo_db)
    with pytest.raises(ValidationError) as err:
        service.draft(demo_db, "convocation", demo_ids(demo_db)["planned"])
    text = error_text(err.value)
    assert "Người ký Giấy triệu tập" in text and "\n" not in text


def test_a_long_place_name_keeps_the_date_line_whole(demo_db: Any, tmp_path: Path) -> None:
    """``settings set place_name "Thành phố Hồ Chí Minh"`` (the decree wants the full name) made
    the place-date wrap, "2026" alone on a line; a place the header cannot hold on one line
    beside the left block is refused, saying how many mm it needs and how many there are."""
    settings_keys.set_key(demo_db, "place_name", "Thành phố Hồ Chí Minh")
    # Set on the demo's day (a document prints the settings of its date, read back from the
    # change log): the log row stamped that morning, not at the clock's today.
    with demo_db.session() as s:
        row = s.scalars(
            select(ChangeLog).where(ChangeLog.table_name == "organisation")
            .order_by(ChangeLog.id.desc())
        ).first()
        assert row is not None and "place_name" in (row.changes or "")
        row.at = datetime.combine(DEMO_TODAY, time(8, 0))
    # On the demo's day, a wide date ("20 tháng 11"), before the planned meeting.
    meeting = demo_ids(demo_db)["planned"]
    record = service.issue(demo_db, "convocation", meeting, today=DEMO_TODAY)
    assert record.issued_on == DEMO_TODAY
    out = tmp_path / "c.pdf"
    out.write_bytes(register.stored_copy(record, demo_db))
    text = page_texts(out)[0]
    day = record.issued_on
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    wanted = f"Thành phố Hồ Chí Minh, ngày {day:%d} tháng {month} năm {day.year}"
    assert wanted in text, text
    too_long = "Thành phố Hồ Chí Minh và tỉnh Bà Rịa - Vũng Tàu"
    with pytest.raises(ValidationError) as err:
        settings_keys.set_key(demo_db, "place_name", too_long)
    assert err.value.field == "place_name"
    assert re.search(
        r"cần \d+,\d mm để nằm trên một dòng, phần đầu văn bản chỉ dành được cho dòng này "
        r"\d+,\d mm",
        err.value.message,
    ), err.value.message
    assert get_organisation(demo_db).place_name == "Thành phố Hồ Chí Minh"


def _place_date_whole(data: bytes, place: str) -> bool:
    lines = page_texts(data)[0].splitlines()
    return any(re.search(rf"{place}, ngày \d\d tháng \d+ năm \d{{4}}$", line) for line in lines)


def test_a_long_abbreviation_saved_after_a_long_place_is_refused(demo_db: Any) -> None:
    """The place was measured when it was saved, not when a kind's abbreviation that widens the
    number beside it was saved later: "Thành phố Hồ Chí Minh" and a 10-letter abbreviation left
    the agenda's year alone on a line. Now every save that moves the split is measured."""
    place = "Thành phố Hồ Chí Minh"
    settings_keys.set_key(demo_db, "place_name", place)
    with pytest.raises(ValidationError) as err:
        settings_keys.set_key(demo_db, "abbr.agenda", "WWWWWWWWWW")
    assert err.value.field == "abbr.agenda"
    assert '"Viết tắt tên loại của Chương trình" quá dài: dòng địa danh' in err.value.message
    assert 'bên cạnh "Số: 999/WWWWWWWWWW-BCĐ"' in err.value.message
    assert ds.load(demo_db).abbr("agenda") == "CTr"  # nothing stored
    # The body's abbreviation widens every number; the margins narrow the page.
    with pytest.raises(ValidationError) as err:
        settings_keys.set_key(demo_db, "abbreviation", "WWWWWWWWWW")
    assert err.value.field == "abbreviation" and '"Chữ viết tắt" quá dài' in err.value.message
    settings_keys.set_key(demo_db, "abbr.agenda", "CHUONGTRIN")  # ten letters that fit
    settings_keys.set_key(demo_db, "margins.left", "35")
    with pytest.raises(ValidationError) as err:
        settings_keys.set_key(demo_db, "margins.right", "20")
    assert err.value.field == "margin_right_mm" and '"Lề phải" quá rộng' in err.value.message
    assert ds.load(demo_db).page.margin_right_mm == 15
    # What was accepted keeps the line whole, on the widest day of the year, numbered.
    meeting = demo_ids(demo_db)["planned"]
    record = service.issue(demo_db, "agenda", meeting, today=date(2026, 12, 28))
    assert record.symbol.endswith("/CHUONGTRIN-BCĐ")
    assert _place_date_whole(register.stored_copy(record, demo_db), place)
