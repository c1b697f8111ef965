"""Keep the Qt binding from holding the source of every module imported after it.

PySide6 hooks ``import`` to find out whether each newly imported module uses its per-module
``__feature__`` switches: it reads the module's source with :func:`inspect.getsource` and looks
for the word "PySide6". That goes through :mod:`linecache`, which keeps every line of every
file it read for the life of the process: SQLAlchemy, reportlab and the application itself,
about 200,000 lines and 20 MiB, more than all the rows of ten years of data on screen.

:func:`scan_without_cache` makes the same test on the file's bytes, which are dropped at
once, and empties the line cache of what was read before it ran. The application never
selects a ``__feature__``, and the answer for every module is the same as the binding's.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"  # where the binding keeps the test
_TEST_NAME = "_mod_uses_pyside"


def mentions_pyside(module: ModuleType) -> bool:
    """True when ``module``'s source file names PySide6 (the binding's test), read without
    keeping it; False for a module with no source file, as the binding answers."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def scan_without_cache() -> bool:
    """Replace the binding's test by :func:`mentions_pyside` and forget the lines it cached;
    False (and nothing changed) when this binding has no such test."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, _TEST_NAME, None)):
        return False
    setattr(feature, _TEST_NAME, mentions_pyside)
    linecache.clearcache()
    return True
