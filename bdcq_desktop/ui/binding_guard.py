"""A guard against defects of the Qt binding: PySide6 6.12.0 on Python 3.11 gives back a shared
object without taking a reference to it (6.11 does not):

- ``None``, from every method returning ``void`` (``setText``, ``setData``,
  ``setObjectName``…);
- ``True``, from every ``signal.emit(…)`` and every ``signal.disconnect(…)`` that succeeds;
  ``False``, from a ``disconnect`` that finds nothing to disconnect.

Each such call takes one reference from the object. A few tens of thousands of them (one reload
of the Đôn đốc page on ten years of data for ``None``; a working day of rows picked and records
saved for ``True``, every one emits) bring its count to zero and CPython aborts the process
("Fatal Python error: none_dealloc" / "bool_dealloc"), in the middle of the officer's work or at
exit.

Python 3.12+ makes these objects immortal (PEP 683), so the defects are harmless there.
This guard detects each defect with a few calls and, only then, gives the objects the huge
reference count an immortal object has on 3.12, so the dropped references can never bring it
to zero. (Keeping 6.12.0 out of installs instead would move every install, and the tested
suite, to another Qt release.)
"""

from __future__ import annotations

import sys
from typing import Any

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


def _signal_probe() -> Any:
    """A QObject with a signal of its own, connected to nothing."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    return Probe()


def emits_drop_true() -> bool:
    """True when emitting a signal takes a reference from ``True`` (what ``emit`` gives back)."""
    probe = _signal_probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_CALLS):
        probe.ping.emit()
    # Nothing is connected: the only True here is the one emit returns.
    return before - sys.getrefcount(True) >= _PROBE_CALLS


def failed_disconnects_drop_false() -> bool:
    """True when a ``disconnect`` that finds nothing takes a reference from ``False``."""
    import warnings

    def never_connected() -> None:
        pass

    probe = _signal_probe()
    before = sys.getrefcount(False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Failed to disconnect", each time
        for _ in range(_PROBE_CALLS):
            probe.ping.disconnect(never_connected)
    return before - sys.getrefcount(False) >= _PROBE_CALLS


_IMMORTAL = sys.maxsize // 4  # what 3.12 gives an immortal object, about


def _never_freed(obj: object) -> None:
    import ctypes

    # ob_refcnt is the first field of every object in a (non-debug) CPython 3.11 build.
    refcount = ctypes.c_ssize_t.from_address(id(obj))
    if refcount.value < _IMMORTAL // 2:  # not twice: the count would overflow in a few calls
        refcount.value += _IMMORTAL


def guard_singletons() -> list[str]:
    """Make ``None``, ``True`` and ``False`` immortal where the binding drops references to
    them; the names of those it had to guard."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return []
    guarded: list[object] = []
    if void_calls_drop_none():
        guarded.append(None)
    if emits_drop_true():
        guarded.append(True)
    if failed_disconnects_drop_false():
        guarded.append(False)
    for obj in guarded:
        _never_freed(obj)
    return [repr(obj) for obj in guarded]
