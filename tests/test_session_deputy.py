"""The working group's Tổ phó in its sessions: she takes part as "Tổ phó" (not "Thành viên")
wherever the session's people are filled from the group, shown, counted, exported or checked;
and when she convenes (no Tổ trưởng on the first day, rule 8) the session's letters say so and
she signs "KT. TỔ TRƯỞNG / TỔ PHÓ" over her own name (Decree 30), never "TỔ TRƯỞNG"."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import update

from bdcq_desktop.core import members as m
from bdcq_desktop.core import register
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.check import run_checks
from bdcq_desktop.core.models import SessionParticipant
from bdcq_desktop.core.session_detail import get_session
from bdcq_desktop.core.session_summary import session_summary
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.documents import service
from bdcq_desktop.documents import settings as ds
from tests.calendar_support import enter_days_off_now
from tests.cli_run import run_bdcq
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts
from tests.test_settings_kept_on_date import settings_made_on


def _appoint(db: Any, name: str, role: str, start: str) -> int:
    appointment = {"role": role, "start_date": start}
    mid = m.appoint_new(db, body="group", person={"full_name": name}, appointment=appointment)
    return next(r.person_id for r in m.list_group(db, include_former=True) if r.id == mid)


@pytest.fixture
def group(db: Any) -> dict[str, int]:
    """The Tổ phó since June 2024, a member since then; the Tổ trưởng only from 2025 (so the
    Tổ phó convened the group in 2024); a member from 2025; an expert."""
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    return {
        "deputy": _appoint(db, "Trần Thu Thủy", "deputy_leader", "01/06/2024"),
        "early": _appoint(db, "Phan Văn Sớm", "member", "01/06/2024"),
        "leader": _appoint(db, "Hoàng Quang Tuấn", "leader", "01/01/2025"),
        "member": _appoint(db, "Bùi Thị Ngân", "member", "01/01/2025"),
        "expert": m.create_person(db, full_name="Nguyễn Trọng Khánh", kind="expert"),
    }


def _session(db: Any, group: dict[str, int], start: str, end: str, *who: str, **extra: Any) -> int:
    sid = wg.create_session(
        db,
        purpose="proposal",
        title="Xây dựng dự thảo Đề án dữ liệu số",
        starts_on=start,
        ends_on=end,
        **extra,
    )
    if who:
        sp.add_participants(
            db,
            sid,
            person_ids=[group[w] for w in who],
            expected_version=get_session(db, sid).version,
        )
    return sid


def _led_by_the_deputy(db: Any, group: dict[str, int]) -> int:
    """December 2024: the group has no Tổ trưởng yet; its Tổ phó convenes."""
    return _session(
        db, group, "02/12/2024", "04/12/2024", "early", "deputy", "expert",
        convened_by_id=group["deputy"],
    )  # fmt: skip


# -- the people of a session ---------------------------------------------------------------------


def test_the_deputy_takes_part_as_to_pho_listed_and_counted(db: Any, group: dict) -> None:
    sid = _session(db, group, "02/03/2026", "06/03/2026", "expert", "member", "deputy", "leader")
    d = get_session(db, sid)
    # Filled from the group of the first day, each with that day's role, listed by rank.
    assert [(p.name, p.role, p.role_label, p.kind) for p in d.participants] == [
        ("Hoàng Quang Tuấn", "leader", "Tổ trưởng", "member"),
        ("Trần Thu Thủy", "deputy_leader", "Tổ phó", "member"),
        ("Bùi Thị Ngân", "member", "Thành viên", "member"),
        ("Nguyễn Trọng Khánh", "expert", "Chuyên gia", "expert"),
    ]
    # The figures count her among the group's members, not as an expert or a guest.
    x = session_summary(db, sid)
    assert (x.participants, x.members, x.experts, x.invited) == (4, 3, 1, 0)
    # The same person in 2024, when the group had no Tổ trưởng: Tổ phó too.
    first = get_session(db, _led_by_the_deputy(db, group))
    assert [(p.name, p.role_label) for p in first.participants] == [
        ("Trần Thu Thủy", "Tổ phó"),
        ("Phan Văn Sớm", "Thành viên"),
        ("Nguyễn Trọng Khánh", "Chuyên gia"),
    ]
    enter_days_off_now(db)  # a year past the shipped calendar would be named too
    assert run_checks(db) == []


def test_the_command_line_shows_and_exports_the_role(db: Any, db_path: Path, group: dict) -> None:
    sid = _session(db, group, "02/03/2026", "06/03/2026", "member", "deputy", "leader")
    out = run_bdcq(["sessions", "show", str(sid), "--format", "json"], db=db_path)
    assert out.returncode == 0, out.stderr
    people = {
        p["name"]: (p["role"], p["role_label"]) for p in json.loads(out.stdout)["participants"]
    }
    assert people["Trần Thu Thủy"] == ("deputy_leader", "Tổ phó")
    assert people["Bùi Thị Ngân"] == ("member", "Thành viên")
    table = run_bdcq(["sessions", "show", str(sid)], db=db_path)
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if "Trần Thu Thủy" in line)
    assert re.search(r"\bTổ phó\b", row), row


def test_check_names_a_to_pho_recorded_as_a_member(db: Any, db_path: Path, group: dict) -> None:
    """``bdcq check``: a participant whose recorded role is not the one held on the first day
    (here the Tổ phó as "Thành viên", as sessions were recorded before the role existed)."""
    sid = _session(db, group, "02/03/2026", "06/03/2026", "member", "deputy", "leader")
    enter_days_off_now(db)  # a year past the shipped calendar would be named too
    assert run_checks(db) == []
    with db.session() as s:
        s.execute(
            update(SessionParticipant)
            .where(SessionParticipant.person_id == group["deputy"])
            .values(role="member")
        )
    [problem] = run_checks(db)
    assert (problem.code, problem.record) == ("session_roles", f"session#{sid}")
    assert "(02/03/2026)" in problem.message
    assert "Trần Thu Thủy ghi là Thành viên, ngày đó là Tổ phó Tổ công tác" in problem.message
    out = run_bdcq(["check"], db=db_path)
    assert out.returncode == 1 and f"session_roles\tsession#{sid}\t" in out.stdout


# -- the session's documents ---------------------------------------------------------------------


def _text(data: bytes) -> str:
    return " ".join(" ".join(t.split()) for t in page_texts(data))


def _signature(data: bytes) -> list[str]:
    """The signature column (right half, from "Nơi nhận:" down): authority lines, then name."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            start = next((w for w in words if w["text"] == "Nơi"), None)
            if start is None:
                continue
            lines: dict[int, list[Any]] = {}
            for w in words:
                if w["x0"] > page.width / 2 and w["top"] >= start["top"] - 2:
                    lines.setdefault(round(w["top"]), []).append(w)
            out = [
                " ".join(w["text"] for w in sorted(lines[top], key=lambda w: w["x0"]))
                for top in sorted(lines)
            ]
            return [line for line in out if not line.strip().isdigit()]
    raise AssertionError("no closing found")


def _annex_roles(data: bytes) -> list[tuple[str, str]]:
    rows = [r for tables in page_tables(data) for t in tables for r in t]
    return [(r[1], r[-1]) for r in rows if r and (r[0] or "").isdigit() and len(r) == 4]


def test_a_to_pho_who_convenes_signs_for_the_to_truong(db: Any, group: dict) -> None:
    sid = _led_by_the_deputy(db, group)
    data = service.draft(db, "wg-convocation", sid, today=date(2024, 11, 25))
    assert _signature(data)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    text = _text(data)
    assert "Tổ phó Tổ công tác giúp việc Ban Chỉ đạo triệu tập:" in text
    assert "Chủ trì: Đồng chí Trần Thu Thủy, Tổ phó Tổ công tác." in text
    assert "Tổ trưởng" not in text  # no title she does not hold, anywhere in the letter
    assert _annex_roles(data) == [
        ("Trần Thu Thủy", "Tổ phó"),
        ("Phan Văn Sớm", "Thành viên"),
        ("Nguyễn Trọng Khánh", "Chuyên gia"),
    ]
    # Issued: the register names her as the signer.
    rec = service.issue(db, "wg-convocation", sid, issued_on=date(2024, 11, 25),
                        today=date(2024, 11, 25))  # fmt: skip
    assert rec.signer == "Trần Thu Thủy"
    stored = register.stored_copy(rec)
    assert _signature(stored)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    # The results report, dated after a Tổ trưởng was appointed: she chaired, and still signs
    # as the Tổ phó she is on that date.
    report = service.draft(db, "wg-report", sid, today=date(2025, 1, 10))
    assert _signature(report)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    assert "Chủ trì: Đồng chí Trần Thu Thủy, Tổ phó Tổ công tác." in _text(report)


def test_the_to_truong_signs_as_such_and_lists_the_to_pho(db: Any, group: dict) -> None:
    sid = _session(db, group, "02/03/2026", "06/03/2026", "member", "deputy", "leader")
    data = service.draft(db, "wg-convocation", sid, today=date(2026, 2, 20))
    assert _signature(data)[-2:] == ["TỔ TRƯỞNG", "Hoàng Quang Tuấn"]
    assert "Tổ trưởng Tổ công tác giúp việc Ban Chỉ đạo triệu tập:" in _text(data)
    assert _annex_roles(data) == [
        ("Hoàng Quang Tuấn", "Tổ trưởng"),
        ("Trần Thu Thủy", "Tổ phó"),
        ("Bùi Thị Ngân", "Thành viên"),
    ]
    # No one recorded yet: the letter goes to the group of the first day, by the same roles.
    bare = _session(db, group, "09/03/2026", "13/03/2026")
    roles = dict(_annex_roles(service.draft(db, "wg-convocation", bare, today=date(2026, 3, 2))))
    assert roles["Trần Thu Thủy"] == "Tổ phó" and roles["Hoàng Quang Tuấn"] == "Tổ trưởng"


def test_lines_set_in_the_settings_stand_only_where_they_fit_the_signer(
    db: Any, group: dict
) -> None:
    lines = ("TM. TỔ CÔNG TÁC", "TỔ TRƯỞNG")
    ds.save_kind(db, replace(ds.default_kind("wg-convocation"), authority=lines))
    settings_made_on(db, date(2024, 1, 2))  # set before both convocations' days
    led = _session(db, group, "02/03/2026", "06/03/2026", "deputy", "leader")
    data = service.draft(db, "wg-convocation", led, today=date(2026, 2, 20))
    assert _signature(data)[-3:] == [*lines, "Hoàng Quang Tuấn"]
    data = service.draft(db, "wg-convocation", _led_by_the_deputy(db, group),
                         today=date(2024, 11, 25))  # fmt: skip
    assert _signature(data)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]


def test_group_lines_follow_the_decree() -> None:
    from bdcq_desktop.documents.signers import group_lines_for

    assert group_lines_for("leader", ("TỔ TRƯỞNG",)) == ("TỔ TRƯỞNG",)
    assert group_lines_for("deputy_leader", ("TỔ TRƯỞNG",)) == ("KT. TỔ TRƯỞNG", "TỔ PHÓ")
    own = ("KT. TỔ TRƯỞNG", "PHÓ TỔ TRƯỞNG")  # a local wording of the deputy's title
    assert group_lines_for("deputy_leader", own) == own
    assert group_lines_for("leader", own) == ("TỔ TRƯỞNG",)
    assert group_lines_for("leader", ("KT. TỔ TRƯỞNG", "TỔ TRƯỞNG")) == ("TỔ TRƯỞNG",)
    # Someone the roster gives no group title: the lines as set.
    assert group_lines_for(None, ("TL. TRƯỞNG BAN", "CHÁNH VĂN PHÒNG")) == (
        "TL. TRƯỞNG BAN",
        "CHÁNH VĂN PHÒNG",
    )
