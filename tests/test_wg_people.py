"""The people of a working-group session in its documents: who signs a letter dated after a
kiện toàn replaced the Tổ trưởng, experts typed in keep their agency, guests are counted and
labelled as guests (not as experts), and a person already on record is found instead of typed
in again (audit of the sessions, items 3 to 6)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pdfplumber
import pytest
from sqlalchemy import select

from bdcq_desktop.core import errors, memberships, register
from bdcq_desktop.core import members as m
from bdcq_desktop.core import session_people as sp
from bdcq_desktop.core import working_group as wg
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import GroupMembership, Person
from bdcq_desktop.core.session_detail import candidates, get_session
from bdcq_desktop.core.session_summary import session_summary
from bdcq_desktop.core.settings import update_organisation
from bdcq_desktop.core.text import fold
from bdcq_desktop.core.units import create_unit
from bdcq_desktop.documents import service
from tests.pdf_tables import page_tables
from tests.pdf_text import page_texts


def _appoint(db: Any, name: str, role: str, start: str, **person: Any) -> int:
    appointment = {"role": role, "start_date": start}
    mid = m.appoint_new(
        db, body="group", person={"full_name": name, **person}, appointment=appointment
    )
    return next(r.person_id for r in m.list_group(db, include_former=True) if r.id == mid)


@pytest.fixture
def group(db: Any) -> dict[str, int]:
    update_organisation(
        db,
        parent_body="UBND tỉnh Nghệ An",
        committee_name="Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An",
        abbreviation="BCĐ",
        place_name="Nghệ An",
    )
    return {
        "leader": _appoint(db, "Hoàng Quang Tuấn", "leader", "01/01/2025", position="Phó Giám đốc"),
        "deputy": _appoint(db, "Trần Thu Thủy", "deputy_leader", "01/01/2025"),
        "member": _appoint(db, "Bùi Thị Ngân", "member", "01/01/2025"),
    }


def _session(db: Any, start: str, end: str, **people: Any) -> int:
    sid = wg.create_session(
        db, purpose="regulation", title="Xây dựng dự thảo Quy chế phối hợp", starts_on=start,
        ends_on=end,
    )  # fmt: skip
    if people:
        sp.add_participants(db, sid, expected_version=get_session(db, sid).version, **people)
    return sid


def _text(data: bytes) -> str:
    return " ".join(" ".join(t.split()) for t in page_texts(data))


def _rows(data: bytes) -> list[list[str]]:
    """The numbered rows of the document's tables, each cell on one line."""
    rows = [r for tables in page_tables(data) for t in tables for r in t]
    return [
        [" ".join((c or "").split()) for c in r] for r in rows if r and (r[0] or "").isdigit()
    ]


def _closing(data: bytes) -> list[str]:
    """The signature column (right half, from "Nơi nhận:" down)."""
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
            return [
                " ".join(w["text"] for w in sorted(lines[top], key=lambda w: w["x0"]))
                for top in sorted(lines)
            ]
    raise AssertionError("no closing found")


# -- 3. the Tổ trưởng replaced during the session -----------------------------------------------


def _handover(db: Any, group: dict[str, int], effective: date) -> None:
    """Kiện toàn: the Tổ trưởng steps down to member, the Tổ phó becomes Tổ trưởng."""
    with db.session() as s:
        ids = list(
            s.scalars(
                select(GroupMembership.id).where(
                    GroupMembership.person_id.in_([group["leader"], group["deputy"]]),
                    GroupMembership.end_date.is_(None),
                )
            )
        )
    plan = memberships.Reorganisation(
        "125/QĐ-BCĐ", date(2026, 4, 24), effective, end_ids=ids,
        new=[
            memberships.NewAppointment(group["deputy"], "leader"),
            memberships.NewAppointment(group["leader"], "member"),
        ],
    )  # fmt: skip
    memberships.reorganise(db, plan, body="group", confirm_duplicate_position=True)


def test_a_report_dated_after_a_handover_is_signed_by_the_new_to_truong(
    db: Any, group: dict
) -> None:
    sid = _session(db, "20/04/2026", "01/05/2026", person_ids=list(group.values()))
    _handover(db, group, date(2026, 4, 27))
    # He convened and chaired it; the report of 05/05/2026 is not his to sign as Tổ trưởng.
    # (Nobody is marked: the report's question about it is answered, the signer is the point.)
    on = date(2026, 5, 5)
    with pytest.raises(ValidationError) as refused:
        service.issue(db, "wg-report", sid, issued_on=on, today=on, confirm_unmarked=True,
                      signer_id=group["leader"])  # fmt: skip
    assert refused.value.field == "signer"
    assert "Hoàng Quang Tuấn không phải Tổ trưởng hay Tổ phó" in refused.value.message
    rec = service.issue(db, "wg-report", sid, issued_on=on, today=on, confirm_unmarked=True)
    assert rec.signer == "Trần Thu Thủy"
    stored = register.stored_copy(rec)
    assert _closing(stored)[-2:] == ["TỔ TRƯỞNG", "Trần Thu Thủy"]
    # Who chaired stays who chaired, with his position as the convocation gives it.
    assert (
        "Chủ trì: Đồng chí Hoàng Quang Tuấn, Phó Giám đốc, Tổ trưởng Tổ công tác." in _text(stored)
    )
    # The choice of signer offers her first.
    choices = service.signer_choices(db, "wg-report", sid, today=date(2026, 5, 5))
    assert choices is not None and choices.default.text == "Trần Thu Thủy — Tổ trưởng"


# -- 5. guests are not experts ------------------------------------------------------------------


def test_guests_are_counted_and_labelled_apart_from_experts(db: Any, group: dict) -> None:
    expert = m.create_person(db, full_name="Nguyễn Trọng Khánh", kind="expert")
    official = m.create_person(db, full_name="Lê Văn Chánh", position="Chánh Văn phòng")
    guest = {"full_name": "Lê Văn Khách", "position": "Phó Giám đốc", "kind": "guest"}
    sid = _session(db, "02/03/2026", "06/03/2026",
                   person_ids=[group["member"], expert, official], new_experts=[guest])  # fmt: skip
    x = session_summary(db, sid)
    assert (x.members, x.experts, x.invited) == (1, 1, 2)  # the pane's figures
    conv = service.draft(db, "wg-convocation", sid, today=date(2026, 2, 20))
    text = _text(conv)
    assert (
        "1 thành viên Tổ công tác, 1 chuyên gia và 2 đại biểu mời "
        "(có danh sách kèm theo)." in text
    )
    roles = {r[1]: r[-1] for r in _rows(conv)}
    assert roles == {
        "Bùi Thị Ngân": "Thành viên",
        "Nguyễn Trọng Khánh": "Chuyên gia",
        "Lê Văn Chánh": "Đại biểu mời",
        "Lê Văn Khách": "Đại biểu mời",
    }
    report = service.draft(db, "wg-report", sid, today=date(2026, 3, 6))
    assert (
        "4 người được triệu tập, gồm 1 thành viên Tổ công tác, 1 chuyên gia và "
        "2 đại biểu mời;" in _text(report)
    )
    assert {r[1]: r[3] for r in _rows(report) if len(r) == 6}["Lê Văn Khách"] == "Đại biểu mời"


# -- 4. an expert typed in keeps the agency typed -----------------------------------------------


def test_an_expert_typed_in_keeps_the_agency_in_later_sessions(db: Any, group: dict) -> None:
    vinh = create_unit(db, name="Trường Đại học Vinh", kind="university")
    first = _session(db, "02/03/2026", "06/03/2026", person_ids=[group["member"]], new_experts=[
        {"full_name": "Nguyễn Đình Hải", "position": "TS, Giảng viên chính",
         "agency": "trường đại học vinh"},  # an existing unit, typed loosely
        {"full_name": "Trần Thị Thu Hà", "position": "Trưởng phòng Giải pháp",
         "agency": "Viettel Nghệ An"},  # no such unit yet
    ])  # fmt: skip
    typed = {p.name: p for p in get_session(db, first).participants if p.kind == "expert"}
    assert typed["Nguyễn Đình Hải"].agency == "Trường Đại học Vinh"
    with db.session() as s:
        people = {p.full_name: p for p in s.scalars(select(Person))}
        assert people["Nguyễn Đình Hải"].unit_id == vinh
        viettel = people["Trần Thị Thu Hà"].unit
        assert viettel is not None and (viettel.name, viettel.kind.value) == (
            "Viettel Nghệ An",
            "enterprise",
        )
    # Picked from the experts list for the next session: the agency comes along.
    offered = {c.name: c for c in candidates(db, date(2026, 4, 6)) if c.kind == "expert"}
    assert offered["Trần Thị Thu Hà"].detail == "Trưởng phòng Giải pháp, Viettel Nghệ An"
    ids = [c.person_id for c in offered.values()]
    later = _session(db, "06/04/2026", "10/04/2026", person_ids=ids)
    agencies = {p.name: p.agency for p in get_session(db, later).participants}
    assert agencies["Trần Thị Thu Hà"] == "Viettel Nghệ An"
    rows = {r[1]: r[2] for r in _rows(service.draft(db, "wg-convocation", later,
                                                     today=date(2026, 4, 1)))}  # fmt: skip
    assert rows["Trần Thị Thu Hà"] == "Trưởng phòng Giải pháp, Viettel Nghệ An"
    assert rows["Nguyễn Đình Hải"] == "TS, Giảng viên chính, Trường Đại học Vinh"


def test_the_picker_names_the_agency_once(db: Any) -> None:
    vinh = create_unit(db, name="Trường Đại học Vinh", kind="university")
    m.create_person(db, full_name="Lê Văn Minh", kind="scientist",
                    position="Giảng viên cao cấp, Trường Đại học Vinh", unit_id=vinh)  # fmt: skip
    [c] = [c for c in candidates(db, date(2026, 3, 2)) if c.name == "Lê Văn Minh"]
    assert c.detail == "Giảng viên cao cấp, Trường Đại học Vinh"


# -- 6. a person on record is not typed in again --------------------------------------------------


def test_a_committee_member_is_offered_and_a_namesake_typed_in_is_questioned(
    db: Any, group: dict
) -> None:
    justice = create_unit(db, name="Sở Tư pháp", kind="department")
    thinh = m.create_person(db, full_name="Nguyễn Bá Thịnh", position="Giám đốc",
                            unit_id=justice)  # fmt: skip
    sid = _session(db, "02/03/2026", "06/03/2026", person_ids=[group["member"]])
    # Offered to the picker among the people on record, apart from the group and the experts.
    others = {c.name: c for c in candidates(db, date(2026, 3, 2)) if c.kind == "other"}
    assert others["Nguyễn Bá Thịnh"].person_id == thinh
    assert "Hoàng Quang Tuấn" not in others  # the group's own, on its page
    # Typed in again (without diacritics, in capitals): questioned, nothing written.
    typed = {"full_name": "NGUYEN BA THINH", "position": "Giám đốc Sở Tư pháp"}
    version = get_session(db, sid).version
    with pytest.raises(errors.NamesakeWarning) as asked:
        sp.add_participants(db, sid, new_experts=[typed], expected_version=version)
    assert [(n.line, n.person_id) for n in asked.value.people] == [(1, thinh)]
    assert "Nguyễn Bá Thịnh (Giám đốc, Sở Tư pháp)" in asked.value.message
    with db.session() as s:
        assert [fold(n) for n in s.scalars(select(Person.full_name))].count("nguyen ba thinh") == 1
    # Taken from the list instead: counted as an invited official, not as a mobilised expert.
    sp.add_participants(db, sid, person_ids=[thinh], expected_version=version)
    x = session_summary(db, sid)
    assert (x.members, x.experts, x.invited) == (1, 0, 1)
    # A namesake who really is someone else: added once confirmed.
    sp.add_participants(db, sid, new_experts=[typed], confirm_namesake=True,
                        expected_version=get_session(db, sid).version)  # fmt: skip
    assert len(get_session(db, sid).participants) == 3
