"""Whether what runs now only reads (a tab shown, Xem › Làm mới): a refusal met there says the
data was not read, not "Chưa lưu được gì." as a save's does.

A module of its own, importing nothing of SQLAlchemy: the window enters :func:`reading` on its
own thread while the start may still be importing SQLAlchemy in the background, and importing
a module that imports SQLAlchemy then met a half-initialised ``sqlalchemy.engine``
(ImportError "partially initialized module", the start failing).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# True while what runs in this thread only reads (:func:`reading`).
_READING: ContextVar[bool] = ContextVar("bdcq_reading", default=False)


@contextmanager
def reading() -> Iterator[None]:
    """What runs inside only reads: a refusal met there says the data was not read (nothing
    was being saved). Read by :meth:`.engine.Database.session` (:func:`is_reading`)."""
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


@contextmanager
def saving() -> Iterator[None]:
    """What runs inside saves, though called within :func:`reading` (an action that opens a
    dialog, a read, or saves at once, as "Mời thành viên BCĐ" does): its refusal keeps the
    save's "Chưa lưu được gì."."""
    token = _READING.set(False)
    try:
        yield
    finally:
        _READING.reset(token)


def is_reading() -> bool:
    """Whether the caller is inside :func:`reading`."""
    return _READING.get()
