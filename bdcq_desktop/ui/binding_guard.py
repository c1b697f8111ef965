"""A guard against a defect of the Qt binding: PySide6 6.12.0 on Python 3.11 gives back ``None``
without taking a reference to it from every method returning ``void`` (``setText``,
``setData``, ``setObjectName``…; 6.11 does not). Each such call takes one reference from
``None``; a few tens of thousands of them (one reload of the Đôn đốc page on ten years of data)
bring its count to zero and CPython aborts the process ("Fatal Python error: none_dealloc"),
in the middle of the officer's work or at exit.

Python 3.12+ makes ``None`` immortal (PEP 683), so the defect is harmless there.
This guard detects the defect with a few calls and, only then, gives ``None`` the huge
reference count an immortal object has on 3.12, so the dropped references can never bring it
to zero. (Keeping 6.12.0 out of installs instead would move every install, and the tested
suite, to another Qt release.)
"""

from __future__ import annotations

import sys

_PROBE_CALLS = 16


def void_calls_drop_none() -> bool:
    """True when calling a ``void`` Qt method takes a reference from ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    name = "bindingProbe"
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName(name)
    # Exactly one reference lost per call when defective; nothing else here touches None.
    return before - sys.getrefcount(None) >= _PROBE_CALLS


def guard_none() -> bool:
    """Make ``None`` immortal if the binding drops references to it; True if it had to."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not void_calls_drop_none():
        return False
    import ctypes

    # ob_refcnt is the first field of every object in a (non-debug) CPython 3.11 build.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += sys.maxsize // 4
    return True
