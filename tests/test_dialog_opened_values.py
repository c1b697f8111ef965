"""Every form dialog that compares a stale save with what another officer saved (a ``reload``)
compares with what it showed when opened: a dialog that set its values after its form was
built (the meeting's, the session's) compared with an empty form, and "giữ phần tôi đã nhập"
put back fields the other officer had changed (tests/test_conflict_keeps_theirs_pg.py shows it
on a real server). Every dialog of tests/form_dialogs.py, opened on the demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from tests.form_dialogs import FORMS, PARENT


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_stale_save_compares_with_what_the_dialog_opened_with(
    name: str, qtbot: Any, demo_db: Any, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    PARENT[:] = [parent]
    dialog = FORMS[name](demo_db, tmp_path)
    qtbot.addWidget(dialog)
    if getattr(dialog, "reload_fn", None) is None or not hasattr(dialog, "_loaded"):
        pytest.skip("no comparison with another officer's save")
    dialog.show()
    shown = dialog._field_values()
    differ = {k: (dialog._loaded.get(k), v) for k, v in shown.items() if dialog._loaded.get(k) != v}
    assert not differ, differ
