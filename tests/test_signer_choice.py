"""Another signer for one document (the Head away, a Deputy signs this convocation): chosen in
the core's draft, issue and export, checked against the signer's role on the document's date,
printed under that role's lines and recorded in the register. Every check reads the real PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bdcq_desktop.core import register
from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.models import Person
from bdcq_desktop.documents import service, settings_keys
from tests.conftest import DEMO_TODAY
from tests.pdf_text import flat_text
from tests.test_settings_kept_on_date import settings_made_on
from tests.test_signer_roles import DEPUTY, HEAD, _new_head, _signature

# The demo's meeting 14 was called by the Head, meeting 13 by a Deputy Head (Vũ Thị Hoa).
HEAD_CALLED, DEPUTY_CALLED = 14, 13


def person_id(db: Any, name: str) -> int:
    with db.session() as s:
        found = s.scalar(select(Person.id).where(Person.full_name == name))
    assert found is not None, name
    return found


def test_a_deputy_signs_a_letter_the_head_would_sign(demo_db: Any) -> None:
    hoa = person_id(demo_db, "Vũ Thị Hoa")
    assert _signature(service.draft(demo_db, "convocation", HEAD_CALLED)) == [*HEAD, "Vũ Duy Tiến"]
    data = service.draft(demo_db, "convocation", HEAD_CALLED, signer_id=hoa)
    lines = _signature(data)
    # Her own title, for the Head (KT.), never "TRƯỞNG BAN" above her name.
    assert lines[-3:] == [*DEPUTY, "Vũ Thị Hoa"]
    # The recipients report to the Head, not to her, nor to the other Deputy, who is convened
    # (among "Như trên").
    text = flat_text(data)
    assert "Cao Bá Công" in text.split("Nơi nhận:", 1)[1]  # in the annex's list
    assert "- Trưởng ban (để b/c);" in text and "Cao Bá Công (để b/c)" not in text


def test_the_head_signs_a_letter_of_a_meeting_a_deputy_called(demo_db: Any) -> None:
    head = person_id(demo_db, "Vũ Duy Tiến")
    assert _signature(service.draft(demo_db, "agenda", DEPUTY_CALLED))[-3:] == [
        *DEPUTY,
        "Vũ Thị Hoa",
    ]
    data = service.draft(demo_db, "agenda", DEPUTY_CALLED, signer_id=head)
    assert _signature(data)[-3:] == [*HEAD, "Vũ Duy Tiến"]


def test_the_issued_copy_and_the_register_name_the_chosen_signer(demo_db: Any) -> None:
    cong = person_id(demo_db, "Cao Bá Công")
    day = DEMO_TODAY
    rec = service.issue(
        demo_db, "convocation", DEPUTY_CALLED, issued_on=day, today=day, signer_id=cong
    )
    assert rec.signer == "Cao Bá Công"
    assert _signature(register.stored_copy(rec, demo_db))[-3:] == [*DEPUTY, "Cao Bá Công"]
    listed = [r for r in register.list_issued(demo_db) if r.symbol == rec.symbol]
    assert [r.signer for r in listed] == ["Cao Bá Công"]


def test_a_plain_member_is_refused_and_no_number_is_taken(demo_db: Any) -> None:
    member = person_id(demo_db, "Hoàng Quang Tuấn")  # the working group's Tổ trưởng
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "convocation", HEAD_CALLED, signer_id=member)
    assert info.value.field == "signer" and info.value.label == "Người ký"
    message = info.value.message
    assert message.startswith('"Người ký": Hoàng Quang Tuấn không phải Trưởng ban')
    assert "Giấy triệu tập" in message
    before = len(register.list_issued(demo_db))
    with pytest.raises(ValidationError):
        service.issue(
            demo_db,
            "convocation",
            HEAD_CALLED,
            issued_on=DEMO_TODAY,
            today=DEMO_TODAY,
            signer_id=member,
        )
    assert len(register.list_issued(demo_db)) == before


def test_a_former_head_is_refused_after_a_reorganisation(demo_db: Any) -> None:
    old = person_id(demo_db, "Vũ Duy Tiến")
    new = _new_head(demo_db, date(2026, 6, 1))
    # Before the change he was the Head: he may sign a roster of that day.
    before = service.draft(demo_db, "roster", today=date(2026, 5, 4), signer_id=old)
    assert _signature(before)[-3:] == [*HEAD, "Vũ Duy Tiến"]
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "roster", today=date(2026, 11, 30), signer_id=old)
    assert info.value.field == "signer"
    assert "Vũ Duy Tiến không phải Trưởng ban hay Phó Trưởng ban vào ngày 30/11/2026" in (
        info.value.message
    )
    choices = service.signer_choices(demo_db, "roster", today=date(2026, 11, 30))
    assert choices is not None
    assert choices.default.text == f"{new} — Trưởng ban"
    assert old not in [c.person_id for c in choices.others]


def test_the_choices_are_who_may_sign_on_the_document_s_date(demo_db: Any) -> None:
    choices = service.signer_choices(demo_db, "convocation", HEAD_CALLED)
    assert choices is not None
    assert choices.default.text == "Vũ Duy Tiến — Trưởng ban"
    # The Phó Trưởng ban Thường trực first among the deputies, named with his whole title.
    assert [c.text for c in choices.others] == [
        "Cao Bá Công — Phó Trưởng ban Thường trực",
        "Vũ Thị Hoa — Phó Trưởng ban",
    ]
    # The working group's letters: its Tổ trưởng, then its Tổ phó.
    group = service.signer_choices(demo_db, "wg-convocation", 1)
    assert group is not None
    assert [group.default.text, *(c.text for c in group.others)] == [
        "Hoàng Quang Tuấn — Tổ trưởng",
        "Trần Thu Thủy — Tổ phó",
    ]
    # The minutes are signed by the meeting's chair and secretary: no choice.
    assert service.signer_choices(demo_db, "minutes", HEAD_CALLED) is None


def test_a_former_head_left_in_the_settings_still_leaves_a_choice(demo_db: Any) -> None:
    # A reshuffle; Thiết lập still names the former Head for the roster. The draft by the
    # settings is refused, but the choice offers who may sign that day, and its first signs.
    old = person_id(demo_db, "Vũ Duy Tiến")
    new = _new_head(demo_db, date(2026, 6, 1))
    settings_keys.set_key(demo_db, "signer.roster", f"person:{old}")
    day = date(2026, 11, 30)
    settings_made_on(demo_db, day)  # set before the paper of that day, whatever today is
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "roster", today=day)
    choices = service.signer_choices(demo_db, "roster", today=day)
    assert choices is not None and choices.on == day
    assert choices.refused == info.value.message
    assert "Vũ Duy Tiến không phải Trưởng ban vào ngày 30/11/2026" in choices.refused
    assert (choices.default.person_id, choices.default.name) == (None, "Vũ Duy Tiến")
    assert [c.text for c in choices.others] == [
        f"{new} — Trưởng ban",
        "Cao Bá Công — Phó Trưởng ban Thường trực",
    ]
    first = choices.others[0].person_id
    assert choices.signer_for(None) == first and not choices.allows(None)
    assert choices.signer_for(old) == old  # a choice made is checked by the build, not here
    data = service.draft(demo_db, "roster", today=day, signer_id=first)
    assert _signature(data)[-3:] == [*HEAD, new]


def test_a_plain_member_in_the_settings_of_a_meeting_letter_leaves_a_choice(demo_db: Any) -> None:
    member = person_id(demo_db, "Phạm Hồng Hưng")
    settings_keys.set_key(demo_db, "signer.convocation", f"person:{member}")
    choices = service.signer_choices(demo_db, "convocation", HEAD_CALLED)
    assert choices is not None and "Phạm Hồng Hưng không phải" in choices.refused
    assert [c.text for c in choices.others] == [
        "Vũ Duy Tiến — Trưởng ban",
        "Cao Bá Công — Phó Trưởng ban Thường trực",
        "Vũ Thị Hoa — Phó Trưởng ban",
    ]
    # A settings' signer who may sign: nothing refused, the draft follows the settings.
    settings_keys.set_key(demo_db, "signer.convocation", "caller")
    fine = service.signer_choices(demo_db, "convocation", DEPUTY_CALLED)
    assert fine is not None and fine.refused == "" and fine.signer_for(None) is None


def test_the_working_group_s_deputy_signs_for_its_leader(demo_db: Any) -> None:
    thuy = person_id(demo_db, "Trần Thu Thủy")
    data = service.draft(demo_db, "wg-convocation", 1, signer_id=thuy)
    assert _signature(data)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    # A Deputy Head of the Committee holds no role on the group.
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "wg-convocation", 1, signer_id=person_id(demo_db, "Vũ Thị Hoa"))
    assert "không phải Tổ trưởng hay Tổ phó" in info.value.message


def test_no_signer_to_choose_for_the_minutes(demo_db: Any) -> None:
    with pytest.raises(ValidationError) as info:
        service.draft(
            demo_db, "minutes", HEAD_CALLED, signer_id=person_id(demo_db, "Vũ Thị Hoa")
        )
    assert info.value.message.startswith('"Người ký": Biên bản')


def test_an_issued_document_keeps_its_signer(demo_db: Any, tmp_path: Path) -> None:
    hoa, head = person_id(demo_db, "Vũ Thị Hoa"), person_id(demo_db, "Vũ Duy Tiến")
    service.issue(
        demo_db, "convocation", HEAD_CALLED, issued_on=DEMO_TODAY, today=DEMO_TODAY, signer_id=hoa
    )
    out = service.export(demo_db, "convocation", HEAD_CALLED, tmp_path / "a.pdf", signer_id=hoa)
    assert out.from_store and _signature(out.path.read_bytes())[-1] == "Vũ Thị Hoa"
    with pytest.raises(ValidationError) as info:
        service.export(demo_db, "convocation", HEAD_CALLED, tmp_path / "b.pdf", signer_id=head)
    assert "đã ban hành do Vũ Thị Hoa ký" in info.value.message
    assert not (tmp_path / "b.pdf").exists()


DTI = 6  # the demo's last working-group session (Tổ trưởng Hoàng Quang Tuấn)


def test_a_plain_member_in_the_settings_of_a_group_letter_is_refused(demo_db: Any) -> None:
    # Bùi Thị Ngân is a plain member of the group: "TỔ TRƯỞNG" above her name would give her
    # a title she does not hold. Refused as the Committee's signer is, no number taken; the
    # choice offers the Tổ trưởng (drafted first) and the Tổ phó.
    ngan = person_id(demo_db, "Bùi Thị Ngân")
    tuan = person_id(demo_db, "Hoàng Quang Tuấn")
    settings_keys.set_key(demo_db, "signer.wg-report", f"person:{ngan}")
    settings_made_on(demo_db, DEMO_TODAY)  # set before the paper of the demo's day
    day = date.today()  # a draft without a date: dated today, as issuing it now would be
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "wg-report", DTI)
    assert info.value.field == "signer.wg-report"
    assert info.value.label == "Người ký Báo cáo kết quả phiên làm việc"
    assert info.value.message == (
        '"Người ký Báo cáo kết quả phiên làm việc": Bùi Thị Ngân không phải Tổ trưởng hay Tổ '
        f"phó Tổ công tác vào ngày {day:%d/%m/%Y}; hãy chọn người ký khác (Thiết lập, thẻ Văn "
        "bản)."
    )
    before = len(register.list_issued(demo_db))
    with pytest.raises(ValidationError) as issued:
        service.issue(demo_db, "wg-report", DTI, issued_on=DEMO_TODAY, today=DEMO_TODAY)
    assert issued.value.field == "signer.wg-report"
    assert len(register.list_issued(demo_db)) == before

    choices = service.signer_choices(demo_db, "wg-report", DTI)
    assert choices is not None and choices.refused == info.value.message
    assert (choices.default.person_id, choices.default.name) == (None, "Bùi Thị Ngân")
    assert [c.text for c in choices.others] == [
        "Hoàng Quang Tuấn — Tổ trưởng",
        "Trần Thu Thủy — Tổ phó",
    ]
    assert choices.signer_for(None) == tuan
    data = service.draft(demo_db, "wg-report", DTI, signer_id=tuan)
    assert _signature(data)[-2:] == ["TỔ TRƯỞNG", "Hoàng Quang Tuấn"]
    # Another plain member chosen for this one document: refused in the choice's own words.
    with pytest.raises(ValidationError) as chosen:
        service.draft(demo_db, "wg-convocation", DTI, signer_id=ngan)
    assert chosen.value.field == "signer"
    assert chosen.value.message.startswith(
        '"Người ký": Bùi Thị Ngân không phải Tổ trưởng hay Tổ phó Tổ công tác'
    )


def test_a_group_signer_typed_in_the_settings_signs_under_her_own_title(demo_db: Any) -> None:
    # The Tổ phó's name typed (name:), not chosen from the list: still recognised on the group
    # that day, so she signs for the Tổ trưởng (KT.), never under "TỔ TRƯỞNG" alone.
    settings_keys.set_key(demo_db, "signer.wg-report", "name:Trần Thu Thủy")
    data = service.draft(demo_db, "wg-report", DTI)
    assert _signature(data)[-3:] == ["KT. TỔ TRƯỞNG", "TỔ PHÓ", "Trần Thu Thủy"]
    settings_keys.set_key(demo_db, "signer.wg-convocation", "name:Bùi Thị Ngân")
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "wg-convocation", DTI)
    assert info.value.field == "signer.wg-convocation"
    assert "Bùi Thị Ngân không phải Tổ trưởng hay Tổ phó" in info.value.message
    # A name of no one on record: nothing to contradict, printed as set.
    settings_keys.set_key(demo_db, "signer.wg-report", "name:Nguyễn Văn Khách")
    assert _signature(service.draft(demo_db, "wg-report", DTI))[-2:] == [
        "TỔ TRƯỞNG",
        "Nguyễn Văn Khách",
    ]


def test_a_choice_refused_while_the_settings_signer_is_too_says_why_the_choice(
    demo_db: Any,
) -> None:
    # Thiết lập names a plain member for the roster and another plain member is chosen for this
    # one: the refusal is about the one chosen (the field "Người ký" of this document), not
    # about the settings, which the officer is already working around.
    settings_keys.set_key(
        demo_db, "signer.roster", f"person:{person_id(demo_db, 'Phạm Hồng Hưng')}"
    )
    member = person_id(demo_db, "Hoàng Quang Tuấn")
    with pytest.raises(ValidationError) as info:
        service.draft(demo_db, "roster", signer_id=member)
    assert info.value.field == "signer"
    assert info.value.message.startswith(
        '"Người ký": Hoàng Quang Tuấn không phải Trưởng ban hay Phó Trưởng ban'
    )
