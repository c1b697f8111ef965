"""A lookup (the unit picker of "Giao nhiệm vụ", every person picker) lists what was typed
best first: the text itself, then names holding the words as typed (diacritics too), then
without diacritics, then names with a word starting so, then any other text holding the letters.
A word met only in the administrative prefix ("UBND phường", "xã") counts less than one of the
name. The demo's real communes and members, typed from the keyboard, Down and Enter."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from bdcq_desktop.ui.dialogs import choices
from bdcq_desktop.ui.editors import LookupCombo


def _combo(qtbot: Any, items: list[tuple[Any, str]]) -> LookupCombo:
    combo = LookupCombo("unit_id", "Đơn vị chủ trì")
    qtbot.addWidget(combo)
    combo.set_items(items)
    combo.show()
    combo.lineEdit().setFocus()
    return combo


def _typed(qtbot: Any, combo: LookupCombo, text: str) -> list[str]:
    combo.lineEdit().clear()
    combo.filter.set_text("")
    # Key by key, each with its letter as the keyboard sends it (QTest's keyClicks aborts on
    # a letter outside Latin-1, such as "ư").
    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter)
            QApplication.sendEvent(combo.lineEdit(), event)
        QApplication.processEvents()
    assert combo.lineEdit().text() == text
    return [combo.filter.index(i, 0).data() for i in range(combo.filter.rowCount())]


def _pick_first(qtbot: Any, combo: LookupCombo) -> Any:
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    QApplication.processEvents()
    return combo.value()


@pytest.mark.parametrize("typed", ["Vinh Phú", "vinh phu", "Vinh Phu", "phú"])
def test_the_commune_typed_comes_first_and_down_enter_picks_it(
    qtbot: Any, demo_db: Any, typed: str
) -> None:
    units = choices.unit_choices(demo_db, keep=set())
    ids = {text: value for value, text, *_short_name in units}
    combo = _combo(qtbot, units)
    listed = _typed(qtbot, combo, typed)
    assert listed[0] == "UBND phường Vinh Phú", listed
    # "phu" inside "phường" alone (Thành Vinh, Vinh Hưng…) ranks after every name holding it.
    for other in ("UBND phường Thành Vinh", "UBND phường Vinh Hưng", "UBND phường Vinh Lộc"):
        if other in listed:
            assert listed.index(other) > listed.index("UBND phường Vinh Phú")
    assert _pick_first(qtbot, combo) == ids["UBND phường Vinh Phú"]
    assert combo.currentText() == "UBND phường Vinh Phú"


def test_whole_words_with_diacritics_then_without_then_prefixes_then_the_prefix_words(
    qtbot: Any, demo_db: Any
) -> None:
    combo = _combo(qtbot, choices.unit_choices(demo_db, keep=set()))
    # The name's own word as typed, then the same letters without the accent.
    assert _typed(qtbot, combo, "Thành") == ["UBND phường Thành Vinh", "Thanh tra tỉnh"]
    # "tỉnh" is a word of these agencies' names, but only the prefix of UBND tỉnh Nghệ An's.
    listed = _typed(qtbot, combo, "tỉnh")
    assert listed[-1] == "UBND tỉnh Nghệ An" and len(listed) > 5, listed
    # Two words: the name holding them in that order first.
    listed = _typed(qtbot, combo, "truong vinh")
    assert listed[:2] == ["UBND phường Trường Vinh", "Trường Đại học Vinh"], listed

    # The text itself first, ahead of a longer name holding every word of it as well.
    combo.set_items([(1, "UBND phường Vinh Phú Đông"), (2, "UBND phường Vinh Phú")])
    assert _typed(qtbot, combo, "UBND phường Vinh Phú") == [
        "UBND phường Vinh Phú",
        "UBND phường Vinh Phú Đông",
    ]


def test_members_names_rank_the_name_as_typed_first(qtbot: Any, demo_db: Any) -> None:
    people = choices.people(demo_db)
    combo = _combo(qtbot, people)
    listed = _typed(qtbot, combo, "Hòa")
    names = [t.split(" — ")[0] for t in listed]
    # Hòa as typed, then Hoa (same letters, no accent), then Hoàng/Hoàn (a word starting so).
    assert set(names[:2]) == {"Lê Quốc Hòa", "Phan Văn Hòa"}, names
    hoa = [n for n in names if n.split()[-1] == "Hoa"]
    assert len(hoa) == 3 and names.index(hoa[-1]) < min(
        i for i, n in enumerate(names) if any(w.startswith("Hoà") for w in n.split())
    ), names

    listed = _typed(qtbot, combo, "vinh")
    names = [t.split(" — ")[0] for t in listed]
    # The members named Vinh before anyone whose position or unit mentions a Vinh.
    assert set(names[:2]) == {"Trần Hữu Vinh", "Trần Văn Vinh"}, names
    wanted = next(v for v, t, *_also in people if t.startswith("Trần Hữu Vinh"))
    listed = _typed(qtbot, combo, "Hữu Vinh")
    assert listed[0].startswith("Trần Hữu Vinh")
    assert _pick_first(qtbot, combo) == wanted
