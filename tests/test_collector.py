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
