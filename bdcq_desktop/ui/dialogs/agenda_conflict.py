"""An agenda saved by another officer while this one was typing: the two put together item by
item, and the conflict question's rows (:class:`..conflict_dialog.ConflictDialog`), so that
nothing typed is lost to a stale save.

Items are the agenda editor's dicts (``id``, ``title``, ``presenter``, ``minutes``); ``opened``
is the agenda as the dialog read it, ``theirs`` as it is saved now, ``typed`` what the
dialog holds. "Keep mine" (:func:`merge_agenda`) is the saved agenda with what the officer
changed put back on it, as a form's fields are: in an item both kept, each of its cells
changed here is the typed one, the others are theirs; an item added here stays, and so does
one the other added; one removed here stays removed; one the other removed stays removed
unless it was changed here (then it is kept as a new item: the typing is not lost). The order
is the one typed here if the officer moved items, else the saved one, each added item before
the item it came before (at the end, if it was added at the end).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..conflict_dialog import ConflictRow

Item = dict[str, Any]
CONTENT = ("title", "presenter", "minutes")  # what an item holds, beside its id


def _tr(text: str) -> str:
    return QCoreApplication.translate("agenda_dialog", text)


def _keys(items: Sequence[Item]) -> list[Hashable]:
    """Each item's key: its id, or ("new", n) for the n-th row, added here and not yet saved."""
    return [i["id"] if i["id"] is not None else ("new", n) for n, i in enumerate(items)]


def _by_key(items: Sequence[Item]) -> dict[Hashable, Item]:
    return dict(zip(_keys(items), items, strict=True))


def _content(item: Item | None) -> tuple[Any, ...] | None:
    return None if item is None else tuple(item[k] for k in CONTENT)


def _moved(order: Sequence[Hashable], opened: Sequence[Hashable]) -> bool:
    """Whether the items of ``opened`` kept in ``order`` are no longer in the opened order."""
    kept = set(order)
    return [k for k in order if k in set(opened)] != [k for k in opened if k in kept]


def _interleave(
    primary: Sequence[Hashable], secondary: Sequence[Hashable], wanted: set[Hashable]
) -> list[Hashable]:
    """The ``wanted`` keys of ``primary`` in its order, then each other wanted key of
    ``secondary`` right before the key it comes before there (last, if none of those is in:
    an item added at the end stays at the end)."""
    out = [k for k in primary if k in wanted]
    placed = set(out)
    for n in range(len(secondary) - 1, -1, -1):
        key = secondary[n]
        if key in wanted and key not in placed:
            after = next((k for k in secondary[n + 1 :] if k in placed), None)
            out.insert(out.index(after) if after is not None else len(out), key)
            placed.add(key)
    return out


def same_agenda(one: Sequence[Item], other: Sequence[Item]) -> bool:
    """The same items, holding the same, in the same order: an item saved meanwhile without a
    change to the agenda (its live notes, :mod:`bdcq_desktop.core.live_notes`, bump its
    version too)."""
    return [(i["id"], _content(i)) for i in one] == [(i["id"], _content(i)) for i in other]


def merge_agenda(
    opened: Sequence[Item], theirs: Sequence[Item], typed: Sequence[Item]
) -> list[Item]:
    """The agenda "keep mine" leaves in the dialog (see the module doc)."""
    o, t, y = _by_key(opened), _by_key(theirs), _by_key(typed)
    result: dict[Hashable, Item] = {}
    for key, item in t.items():
        if key in o and key not in y:
            continue  # removed here
        if key in y:  # kept by both: the cells changed here as typed
            changed = {f: y[key][f] for f in CONTENT if y[key][f] != o.get(key, {}).get(f)}
            result[key] = {**item, **changed}
        else:
            result[key] = dict(item)  # added by the other
    for key, item in y.items():
        if key in t or (key in o and _content(item) == _content(o[key])):
            continue  # saved above, or removed by the other and not changed here
        result[key] = {**item, "id": None}  # added here, or changed here after its removal
    mine_moved = _moved(list(y), list(o))
    first, then = (list(y), list(t)) if mine_moved else (list(t), list(y))
    return [result[k] for k in _interleave(first, then, set(result))]


def conflict_rows(
    opened: Sequence[Item],
    theirs: Sequence[Item],
    typed: Sequence[Item],
    merged: Sequence[Item],
    presenter: Callable[[Any], str],
) -> list[ConflictRow]:
    """One row per item someone changed, added or removed (as opened, as the other officer
    saved it, as typed here, as "keep mine" leaves it), and one for the order when someone
    moved items. ``presenter``: how a presenter value reads."""
    o, t, y = _by_key(opened), _by_key(theirs), _by_key(typed)
    # The result's new items are typed ones: found by what they hold, not by a key.
    result_ids = {i["id"] for i in merged if i["id"] is not None}
    result_new = [_content(i) for i in merged if i["id"] is None]

    def shown(item: Item | None, key: Hashable) -> str:
        if item is None:
            return _tr("(đã xóa)") if key in o else "—"
        minutes = _tr("{n} phút").format(n=item["minutes"]) if item["minutes"] else ""
        parts = (item["title"], presenter(item["presenter"]), minutes)
        return " · ".join(p for p in parts if p) or "—"

    def in_result(key: Hashable) -> Item | None:
        if key in t and key in result_ids:
            return next(i for i in merged if i["id"] == key)
        mine = y.get(key)
        return mine if mine is not None and _content(mine) in result_new else None

    rows = []
    number = {k: n for n, k in enumerate(o, start=1)}
    for key in [*o, *[k for k in t if k not in o], *[k for k in y if k not in o]]:
        was, other, mine = _content(o.get(key)), _content(t.get(key)), _content(y.get(key))
        if other == was and mine == was:
            continue
        label = _tr("Mục {n}").format(n=number[key]) if key in number else _tr("Mục mới")
        rows.append(
            ConflictRow(
                str(key),
                label,
                shown(o.get(key), key) if key in o else "—",
                shown(t.get(key), key),
                shown(y.get(key), key),
                shown(in_result(key), key),
                both=other != was and mine != was and other != mine,
            )
        )
    their_moved, mine_moved = _moved(list(t), list(o)), _moved(list(y), list(o))
    if their_moved or mine_moved:

        def order(keys: Sequence[Hashable]) -> str:
            return ", ".join(str(number[k]) if k in number else _tr("mới") for k in keys)

        rows.append(
            ConflictRow(
                "order",
                _tr("Thứ tự (số mục khi bạn mở)"),
                order(list(o)),
                order(list(t)),
                order(list(y)),
                order([i["id"] for i in merged]),
                both=their_moved and mine_moved and list(t) != list(y),
            )
        )
    return rows
