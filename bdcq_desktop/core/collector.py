"""Python's cyclic garbage collector around work that makes many objects and no garbage.

:func:`collector_paused` keeps it off while rows are built (they hold no cycles; its passes
over them would only cost time); :func:`imports_without_gc` also sets what was made aside for
good (``gc.freeze``): imported modules live until the process ends, so no later pass, nor the
one at exit, walks them again. Both leave the collector as they found it (off if the caller
had paused it).
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
