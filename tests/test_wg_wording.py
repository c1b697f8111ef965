"""One word for one thing in the working group's sessions: the people it mobilises are
"chuyên gia" (rule 8 of the regulation: "huy động các chuyên gia giỏi"), in the participants
dialog, the pane and both papers, on the demo file."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QTabWidget

from bdcq_desktop.core import session_detail, session_list
from tests.pdf_text import flat_text


def test_the_people_mobilised_are_chuyen_gia_everywhere(qtbot: Any, demo_db: Any) -> None:
    from bdcq_desktop.documents import service
    from bdcq_desktop.ui.dialogs.session_dialogs import ParticipantsDialog

    row = next(r for r in session_list.list_sessions(demo_db) if r.experts)
    d = session_detail.get_session(demo_db, row.id)
    assert {p.role_label for p in d.participants if p.kind == "expert"} == {"Chuyên gia"}
    dialog = ParticipantsDialog(demo_db, row.id)
    qtbot.addWidget(dialog)
    pages = dialog.findChild(QTabWidget, "participantPages")
    tabs = [pages.tabText(i) for i in range(pages.count())]
    assert "Chuyên gia" in tabs, tabs
    assert not any("nhà khoa học" in t.lower() for t in tabs), tabs
    # Each person offered: the role they would take, as the pane names it once added.
    offered = [
        box.list.item(i).text()
        for box in (dialog.experts, dialog.others)
        for i in range(box.list.count())
    ]
    assert offered and not any("Nhà khoa học" in x for x in offered), offered
    scientist = next(x for x in offered if x.startswith("Nguyễn Quang Hiếu"))
    assert scientist.startswith("Nguyễn Quang Hiếu (Chuyên gia) — PGS.TS"), scientist
    experts = sum(p.kind == "expert" for p in d.participants)
    for kind, day in (("wg-convocation", d.starts_on - timedelta(days=7)),
                      ("wg-report", d.ends_on + timedelta(days=1))):  # fmt: skip
        text = flat_text(service.draft(demo_db, kind, row.id, today=day))
        assert f"{experts} chuyên gia" in text, (kind, text)
        assert "nhà khoa học" not in text, (kind, text)
