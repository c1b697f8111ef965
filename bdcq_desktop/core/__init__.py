"""Headless core: models, storage, services. Never imports Qt, ``documents`` or ``ui``.

The rules every service follows (the front ends rely on them):

* One user action is one core call is one transaction. A dialog's save calls exactly one
  function here (``members.appoint_new``, ``members.update_member``); that function validates
  everything first (a ``ValidationError`` naming the field, nothing opened), then opens one
  session and writes all of it, or nothing. Front ends keep no compensating logic.
* Optimistic locking (:mod:`.locking`): a save passes the versions it read; a stale one is a
  ``ConflictError`` and nothing is written. A parent's version guards its children: saving a
  meeting's agenda checks and bumps the meeting's version (:func:`.locking.touch`).
* Lists return frozen dataclass rows, never ORM objects, carrying what the screen needs (flags
  such as ``has_history`` come from the same query, not from one query per selected row).
"""
