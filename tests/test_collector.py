"""The cyclic collector around imports (core/collector.py): what an import made is set aside
(frozen) without the collector first walking it all once more."""

from __future__ import annotations

import subprocess
import sys

# In a process of its own: freezing is for good, and this process's collector stays as it is.
PROGRAM = """
import gc
from bdcq_desktop.core.collector import imports_without_gc

gc.enable()
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
with imports_without_gc():
    made = [[i] for i in range(100_000)]  # an import's many objects, none of them garbage
    assert not gc.isenabled()
    passes.clear()
after_the_block = list(passes)
[[i] for i in range(10_000)]  # the work after it: the collector runs again, on new objects only
print(after_the_block, gc.isenabled(), gc.get_freeze_count() >= 100_000, passes[:1])
"""


def test_imports_are_frozen_before_the_collector_is_on_again() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    ).stdout.split()
    # No pass at the end of the block (one there walked all of it: 65-77 ms after the
    # self-test's imports), the collector on again, everything made set aside, and later
    # allocations collected as usual (young passes only).
    assert out == ["[]", "True", "True", "[0]"]


# A long list's rows, once read, are set aside as the imports are (issue 12): a full collection
# (which Python starts on its own, in whatever key is typed then) no longer walks them.
LONG_LIST = """
import gc, weakref
from dataclasses import dataclass
from PySide6.QtWidgets import QApplication
from bdcq_desktop.ui.table_model import Column, RowTableModel

@dataclass(frozen=True, slots=True)
class Row:
    id: int
    name: str

class Cycle:
    pass

app = QApplication([])
model = RowTableModel([Column("id", "Số"), Column("name", "Tên")])
long = [Row(i, f"người {i}") for i in range(RowTableModel.FOLD_AHEAD)]
short = [Row(i, f"người {i}") for i in range(10)]
garbage = Cycle()
garbage.me = garbage  # a cycle nothing refers to: it must be collected, not frozen for good
dead = weakref.ref(garbage)
del garbage
model.set_rows(short)
walked = {id(o) for o in gc.get_objects()}
short_walked = all(id(r) in walked for r in short)
model.set_rows(long)
walked = {id(o) for o in gc.get_objects()}
model.set_query("người 99")
model.finish_search()  # every match, not only those of its first slices
found = sorted(model.row_at(r).id for r in range(model.rowCount()))
print(short_walked, any(id(r) in walked for r in long), dead() is None,
      found == [r.id for r in long if "99" in r.name], len(found))  # every word found
"""


def test_a_long_lists_rows_are_out_of_the_full_collections_walk() -> None:
    out = subprocess.run(
        [sys.executable, "-c", LONG_LIST], capture_output=True, text=True, check=True
    ).stdout
    # A short list's rows stay with the collector; a long list's are frozen (no collection walks
    # them), the garbage cycle made before was collected, not frozen, and the search finds
    # what it found before.
    assert out.split() == ["True", "False", "True", "True", "19"]
