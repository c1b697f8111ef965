"""Python's cyclic garbage collector around work that makes many objects and no garbage.

:func:`collector_paused` keeps it off while rows are built (they hold no cycles; its passes
over them would only cost time); :func:`imports_without_gc` also sets what was made aside for
good (``gc.freeze``): imported modules live until the process ends, so no later pass, nor the
one at exit, walks them again. Both leave the collector as they found it (off if the caller
had paused it). :func:`set_aside_long_lived` does the same for a long list's rows once read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def imports_without_gc() -> Iterator[None]:
    """Import the heavy modules (SQLAlchemy, the models, reportlab, the tabs) without the
    collector, then freeze their objects out of it (about 8 % of an export, a third of a
    second at the self-test's exit); it keeps collecting what comes after."""
    with collector_paused():
        try:
            yield
        finally:
            # Frozen before the collector is on again: the first allocation after turning it
            # on would otherwise start a full pass over everything just imported (65-77 ms
            # after the self-test's imports) only to set it all aside a moment later.
            gc.freeze()


def set_aside_long_lived() -> None:
    """Freeze what is alive now (``gc.freeze``), the young garbage cycles collected first:
    called once a long list's rows are read, as they live as long as the list.

    Why: a full collection walks every object not frozen. Ten years of rows (25,000
    submissions, 6,000 tasks, their search texts) made it 120-240 ms, and one fell whenever
    the rows read had grown the old generation by a quarter: in the key that read the tasks
    page's rest, or the keys after. Frozen, those rows are never walked again, so a full
    collection only walks what was made since the last list was read (a few milliseconds).

    Why it is safe: a frozen object is still freed by its reference count the moment nothing
    refers to it (rows replaced by a reload, a closed dialog's objects), which is how rows
    and nearly everything else here go; only a cycle that becomes garbage among frozen
    objects is never collected. The young cycles are collected first (a pass over at most a
    few thousand objects, unlike a full one); the few older cycles that may be garbage at
    that moment are kept for good, a bounded cost per long list read, which
    ``memory.day`` (it counts the frozen objects too) would show as growth. A threshold
    policy (full collections made rare) would only move the long pause, not shorten it."""
    gc.collect(1)
    gc.freeze()
