"""The closing of every kind (signature block and "Nơi nhận") is measured on the page being
saved: a kind saved with new margins on the new margins, not the stored ones; and a change of
the margins alone against the closing of every kind as stored, so that no later document of a
kind fails to render."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.settings import get_setting, set_setting
from bdcq_desktop.documents import fonts as docfonts
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.cli_run import run_bdcq
from tests.pdf_text import page_texts
from tests.test_meeting_docs import demo_ids

# Thirteen long recipients: the invitation's closing fits with the top margin of the demo
# (20 mm) and of 22,5 mm, not with 25 mm (the landscape page, 210 mm tall, is the tighter).
NEAR = tuple(f"Ủy ban nhân dân huyện {'Quỳnh Lưu ' * 6}{i}" for i in range(13))


@pytest.fixture(autouse=True, scope="module")
def bundled_font() -> None:
    docfonts.register_fonts(prefer_system=False)


def near_invitation(db: Any) -> ds.KindSettings:
    """The invitation as set in ``db``, with the :data:`NEAR` recipients."""
    return replace(ds.kind_settings(ds.load(db), "invitation"), recipients=NEAR)


def test_a_kind_saved_with_the_margins_is_measured_on_them(demo_db: Any) -> None:
    ks = near_invitation(demo_db)
    ds.check_kind_settings(demo_db, ks)  # on the page as stored: it fits
    tall = ds.check_page(ds.load(demo_db).page, margin_top_mm=25)
    with pytest.raises(ValidationError) as err:
        ds.check_kind_settings(demo_db, ks, page=tall)
    assert err.value.field == "recipients.invitation"
    assert '"Nơi nhận của Giấy mời" quá dài' in err.value.message
    ds.check_kind_settings(demo_db, ks, page=replace(tall, margin_top_mm=22.5))


def test_a_margin_the_stored_closing_no_longer_fits_is_refused(demo_db: Any) -> None:
    ds.save_kind(demo_db, near_invitation(demo_db))
    stored = ds.load(demo_db).page
    with pytest.raises(ValidationError) as err:
        ds.check_page_fits(demo_db, replace(stored, margin_top_mm=25))
    exc = err.value
    assert exc.field == "margin_top_mm" and exc.label == "Lề trên"
    assert exc.message.startswith('"Lề trên" 25 mm: phần chữ ký và nơi nhận của Giấy mời')
    assert "văn bản Giấy mời sẽ không dàn trang được" in exc.message
    assert 'Hãy giữ "Lề trên" 20 mm, hoặc rút gọn "Nơi nhận của Giấy mời".' in exc.message
    # Of several changes, the one that tips it is named.
    both = replace(stored, margin_right_mm=16, margin_top_mm=25)
    with pytest.raises(ValidationError, match="Lề trên") as err:
        ds.check_page_fits(demo_db, both)
    assert err.value.field == "margin_top_mm"
    # What still fits passes: a smaller change, the body's size, the kind saved with the page
    # (check_kind_settings measures it on the page), the page as stored.
    ds.check_page_fits(demo_db, replace(stored, margin_top_mm=22.5))
    ds.check_page_fits(demo_db, replace(stored, body_size=13))
    ds.check_page_fits(demo_db, replace(stored, margin_top_mm=25), saved={"invitation"})
    ds.check_page_fits(demo_db, stored)


def test_a_closing_stored_too_tall_before_the_checks_does_not_hold_the_margins(
    demo_db: Any,
) -> None:
    """It fits no page: its documents name it when made; a margin change is not its cause."""
    many = [f"Ủy ban nhân dân huyện {'Quỳnh Lưu ' * 16}{i}" for i in range(20)]
    set_setting(demo_db, "documents.recipients", {"invitation": many})
    ds.check_page_fits(demo_db, replace(ds.load(demo_db).page, margin_top_mm=25))


def _stored_page(db: Any) -> dict[str, Any]:
    return dict(get_setting(db, "documents.page", {}) or {})


def test_cli_margin_and_recipients_in_one_command(demo_db: Any, tmp_path: Path) -> None:
    path = demo_db.sqlite_path
    recipients = ";".join(NEAR)
    args = ["settings", "set", "margins.top", "25", "recipients.invitation", recipients]
    out = run_bdcq(args, db=path)
    assert out.returncode == 2, out.stdout
    assert out.stderr.startswith("bdcq: recipients.invitation (Nơi nhận của Giấy mời)")
    assert "quá dài" in out.stderr and "Không thiết lập nào được lưu" in out.stderr
    assert _stored_page(demo_db) == {} and ds.load(demo_db).recipients_for("invitation") != NEAR
    # The edge that fits is saved, both together, and an invitation is made with them.
    args[3] = "22.5"
    out = run_bdcq(args, db=path)
    assert out.returncode == 0, out.stderr
    settings = ds.load(demo_db)
    assert settings.page.margin_top_mm == 22.5 and settings.recipients_for("invitation") == NEAR
    pdf_path = tmp_path / "giay-moi.pdf"
    service.export(demo_db, "invitation", demo_ids(demo_db)["convened"], pdf_path)
    text = "\n".join(page_texts(pdf_path))
    assert "Quỳnh Lưu 12;\n- Lưu: VT, BCĐ." in text  # the last recipient, then the archive


def test_cli_margin_alone_names_the_margin_and_the_kind(demo_db: Any) -> None:
    ds.save_kind(demo_db, near_invitation(demo_db))
    out = run_bdcq(["settings", "set", "margins.top", "25"], db=demo_db.sqlite_path)
    assert out.returncode == 2, out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith('bdcq: margins.top (Lề trên): "Lề trên" 25 mm: phần chữ ký')
    assert "Giấy mời" in lines[0] and 'rút gọn "Nơi nhận của Giấy mời"' in lines[0]
    assert _stored_page(demo_db) == {}
    # Shortened in the same command, the kind is measured on the new margin and both are saved.
    short = ";".join(NEAR[:10])
    args = ["settings", "set", "margins.top", "25", "recipients.invitation", short]
    out = run_bdcq(args, db=demo_db.sqlite_path)
    assert out.returncode == 0, out.stderr
    assert ds.load(demo_db).page.margin_top_mm == 25
