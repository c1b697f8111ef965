"""The conclusion being typed in the live window is kept aside for its database's meeting:
another database restored over the same file (its meeting of the same number another
meeting) does not get it, and the database it was typed in gets it back."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from bdcq_desktop.core.db import open_database
from bdcq_desktop.ui.live_conclusions import ConclusionsPanel

MEETING = 12
TYPED = "Giao Sở Khoa học và Công nghệ chủ trì rà soát hạ tầng số"


def _panel(qtbot: Any, db: Any) -> ConclusionsPanel:
    host = QWidget()
    qtbot.addWidget(host)
    panel = ConclusionsPanel(db, MEETING, lambda: 1, host)
    panel.host_kept = host  # type: ignore[attr-defined]  # the parent lives as the panel does
    return panel


def test_a_conclusion_draft_is_offered_only_to_its_own_database(
    qtbot: Any, demo_template: Path, tmp_path: Path
) -> None:
    path = shutil.copyfile(demo_template, tmp_path / "office.sqlite3")
    office = open_database(path)
    typing = _panel(qtbot, office)
    typing.input.setPlainText(TYPED)
    assert typing.drafts.flush() and typing.drafts.close()
    office.dispose()
    kept = shutil.copyfile(path, tmp_path / "office-kept.sqlite3")

    # Another database (another identity) now at the same path: a restore of its backup.
    other = shutil.copyfile(demo_template, tmp_path / "other.sqlite3")
    db = open_database(other)
    with db.engine.begin() as con:
        con.execute(text("UPDATE organisation SET database_uid = :u"), {"u": str(uuid.uuid4())})
    db.dispose()
    shutil.copyfile(other, path)
    restored = open_database(path)
    elsewhere = _panel(qtbot, restored)
    assert elsewhere.input.toPlainText() == ""
    assert elsewhere.drafts.close()
    restored.dispose()

    # The office's own file back: its draft with it.
    back = open_database(kept)
    again = _panel(qtbot, back)
    assert again.input.toPlainText() == TYPED
    assert again.drafts.close()
    back.dispose()
