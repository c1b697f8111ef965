"""The file dialog of an attachment opens in the folder the last one came from (the officer's
"Tải về" or a synced folder named in Vietnamese), not the program's working folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from bdcq_desktop.ui.stored_file_actions import choose_upload


def test_the_second_attachment_is_looked_for_where_the_first_came_from(
    qtbot: Any, db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    folder = tmp_path / "OneDrive - UBND tỉnh" / "Báo cáo Quý IV #2 & 50% O'Neil"
    folder.mkdir(parents=True)
    sent = folder / "Báo cáo Sở Y tế.pdf"
    sent.write_bytes(b"%PDF-1.4 bao cao")
    started: list[str] = []

    def pick(_parent: Any, _title: str, start: str = "", *_a: Any, **_k: Any) -> tuple[str, str]:
        started.append(start)
        return str(sent), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    first = choose_upload(None, db=db)
    assert first is not None and first.name == sent.name
    choose_upload(None, db=db)
    assert Path(started[1]) == folder
