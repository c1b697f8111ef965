"""The examples a form shows (placeholders, tooltips) fit any province after the 2025
reorganisation: no Nghệ An place, domain or town of the demo (Vinh, Cửa Lò: towns abolished
with the districts), no agency merged away (Sở TT&TT, into Sở KH&CN on 1/3/2025). The demo's
own data may name them; what the forms teach every office may not."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget

from bdcq_desktop.core.errors import ValidationError
from bdcq_desktop.core.text import exact_text
from bdcq_desktop.core.validation import email
from tests.form_dialogs import FORMS, PARENT

# Compared in lower case with the diacritics kept: "Vinh" the city, not "vĩnh viễn".
PROVINCE_SPECIFIC = re.compile(r"nghệ an|nghean|\bvinh\b|cửa lò|tt&tt")


def _examples(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every placeholder and tooltip of ``root``: the examples it gives."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__}#{w.objectName()}"
        if w.toolTip():
            out.append((where + ".toolTip", w.toolTip()))
        if isinstance(w, QLineEdit) and w.placeholderText():
            out.append((where + ".placeholder", w.placeholderText()))
    return out


# The forms whose examples are fixed text (others show the office's own data, e.g. a
# session's place: the standing agency's address, which on the demo is in Nghệ An).
SETUP_FORMS = ("settings", "unit-new", "unit-edit", "person", "member-new", "member-edit")


@pytest.mark.parametrize("name", SETUP_FORMS)
def test_a_form_s_examples_name_no_province(
    qtbot: Any, demo_db: Any, tmp_path: Any, name: str
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    PARENT[:] = [host]
    dialog = FORMS[name](demo_db, tmp_path)
    qtbot.addWidget(dialog)
    found = [
        (where, text)
        for where, text in _examples(dialog)
        if PROVINCE_SPECIFIC.search(exact_text(text))
    ]
    assert found == [], name


def test_the_examples_of_the_forms_a_new_province_fills_first(qtbot: Any, db: Any) -> None:
    # A new file (Hà Tĩnh's): the settings, a unit and a member, as onboarding meets them.
    from bdcq_desktop.ui.dialogs import member_dialogs, settings_dialog, unit_dialogs

    texts = {}
    for dialog in (
        settings_dialog.SettingsDialog(db),
        unit_dialogs.unit_dialog(db),
        member_dialogs.new_member_dialog(db, "committee"),
    ):
        qtbot.addWidget(dialog)
        texts.update({text: where for where, text in _examples(dialog)})
    assert "Dòng đầu góc trái của mọi văn bản, viết hoa, ví dụ: UBND TỈNH + tên tỉnh." in texts
    assert "Tên tỉnh, thành phố" in texts  # Địa danh
    assert "VD: Sở KH&CN" in texts  # a unit's short name
    assert "Nhiều địa bàn ngăn cách bằng dấu phẩy, ví dụ: phường A, xã B." in texts
    assert "VD: ten@coquan.gov.vn" in texts


def test_a_wrong_e_mail_is_refused_with_a_neutral_example() -> None:
    with pytest.raises(ValidationError) as info:
        email("vanthu.nghean.gov.vn", "email", "Thư điện tử")
    assert info.value.message.endswith("(ví dụ: vanthu@coquan.gov.vn).")
