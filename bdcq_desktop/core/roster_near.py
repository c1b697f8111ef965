"""People a roster row may mean though its name is not theirs: a typo corrected in the file.

A row without a "Mã người" is matched by name and unit (:mod:`.roster_keys`). A name corrected
in the file ("Nguyễn Văn Hung" → "Nguyễn Văn Hùng", "Ngyễn" → "Nguyễn", a middle name added)
then either finds nobody, and the import makes a second person, or finds the person under the
same letters, and the correction is not made. Neither is guessed: the preview warns, naming the
person recorded, and the officer writes their "Mã người" in the file (which renames them) or
imports the row as someone new.

Near means, on the names folded (:func:`.text.fold`, so without diacritics and case): one
letter more, less or different, two letters swapped, or one middle word more or less. Each
unit's people are indexed once, the first time a row of a new person names the unit, by their
names' one-letter deletions: a row's look-up is a few dictionary reads, not a comparison with
everyone at the unit.
"""

from __future__ import annotations

from .i18n import tr
from .models import Unit
from .search_words import fold_words
from .text import exact_text


def _keys(folded: str) -> set[str]:
    """The keys two near names share (see the module docstring): the name and its one-letter
    deletions; the name's words, and those without each middle word."""
    keys = {folded, *(folded[:i] + folded[i + 1 :] for i in range(len(folded)))}
    words = folded.split()
    keys.add("\0" + " ".join(words))
    if len(words) >= 3:
        keys.update("\0" + " ".join(words[:i] + words[i + 1 :]) for i in range(1, len(words) - 1))
    return keys


class NearNames:
    """Who at a unit (the unit merged along its chain: :func:`.roster_keys.successors`) has a
    name near a row's. ``names``: person id → name; ``unit_of``: person id → their unit now."""

    def __init__(
        self, names: dict[int, str], unit_of: dict[int, int | None], successor: dict[int, int]
    ) -> None:
        self._names = names
        self._successor = successor
        self._people: dict[int, list[int]] = {}
        for pid, unit_id in unit_of.items():
            if unit_id is not None:
                self._people.setdefault(successor.get(unit_id, unit_id), []).append(pid)
        self._index: dict[int, dict[str, list[int]]] = {}

    def _unit_index(self, lineage: int) -> dict[str, list[int]]:
        index = self._index.get(lineage)
        if index is None:
            index = self._index[lineage] = {}
            for pid in self._people.get(lineage, ()):
                for key in _keys(fold_words(self._names[pid])):
                    index.setdefault(key, []).append(pid)
        return index

    def near(self, folded: str, unit: Unit) -> list[int]:
        """The people at ``unit`` whose name is near ``folded`` (a row's name, folded) without
        being it: those of the same folded name are the row's namesakes, matched already."""
        index = self._unit_index(self._successor.get(unit.id, unit.id))
        found = {pid for key in _keys(folded) for pid in index.get(key, ())}
        return sorted(p for p in found if fold_words(self._names[p]) != folded)


def near_warning(name: str, people: list[tuple[int, str]], unit_name: str) -> str:
    """The warning of a row that makes a new person while ``people`` (id, name) at its unit
    have a name near its own."""
    named = ", ".join(tr('"{name}" (ID người {id})').format(name=n, id=pid) for pid, n in people)
    return tr(
        'Cảnh báo: "{row}" sẽ là người mới, nhưng gần giống {named} cùng đơn vị "{unit}". '
        "Nếu là cùng người (sửa lỗi gõ họ tên), hãy ghi Mã người của người đó (lấy từ tệp "
        'xuất danh sách thành viên) vào cột "Mã người" rồi nhập lại; nếu là người khác, cứ '
        "nhập."
    ).format(row=name, named=named, unit=unit_name)


def spelling_warning(person_id: int, recorded: str, name: str) -> str:
    """The warning of a row matched by name and unit to a person recorded under the same letters
    with other diacritics ("Hung" for "Hùng"): the import does not rename anyone by a name."""
    return tr(
        'Cảnh báo: họ tên "{name}" khác dấu với "{recorded}" (ID người {id}) đã có ở cùng đơn '
        "vị: dòng này được nhập cho người đó và KHÔNG đổi họ tên. Nếu là sửa họ tên, hãy ghi "
        'Mã người của người đó (lấy từ tệp xuất danh sách thành viên) vào cột "Mã người" rồi '
        "nhập lại."
    ).format(name=name, recorded=recorded, id=person_id)


def spelled_otherwise(recorded: str, name: str) -> bool:
    """The two names differ but in case (a file in capitals renames nobody)."""
    return exact_text(recorded) != exact_text(name)
