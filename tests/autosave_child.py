"""Child of the autosave kill test: types into the live notes through the autosave path.

Run as ``python tests/autosave_child.py DB MEETING_ID``: it imports everything once, then for
each line ``RUN START SEED`` read on stdin forks a typist (a real process of its own, with its
own database connection) and waits for it to die, printing ``CHILD pid`` and then
``DONE pid``. The typist sends keystrokes to two agenda items through
:class:`bdcq_desktop.core.live_notes.NotesAutosave` (the code the GUI uses); the text submitted
with sequence number N is ``KNOWN[:START + N]``. Each save the helper reports done prints
``SAVED item_id N latency_ms`` (flushed at once). A typist runs until it is killed.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time

KNOWN = "".join(
    f"Đại biểu số {i} phát biểu: đồng ý với báo cáo, đề nghị bổ sung số liệu. " for i in range(3000)
)


def typist(path: str, meeting_id: int, start: int, seed: str) -> None:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.live_notes import NotesAutosave, item_notes

    rng = random.Random(seed)
    db = open_database(path, migrate=False)
    versions = {n.item_id: n.version for n in item_notes(db, meeting_id)}
    submitted: dict[int, float] = {}
    lock = threading.Lock()

    def saved(item_id: object, seq: int, _result: object) -> None:
        with lock:
            latency = (time.monotonic() - submitted[seq]) * 1000
        sys.stdout.write(f"SAVED {item_id} {seq} {latency:.0f}\n")
        sys.stdout.flush()

    notes = NotesAutosave(db, meeting_id, versions, on_saved=saved, delay=0.02, max_delay=0.06)
    keys = sorted(versions)
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        key = rng.choice(keys)
        with lock:
            submitted[n] = time.monotonic()
        got = notes.submit(key, KNOWN[: start + n])
        assert got == n
        if n % 40 == 0:
            notes.flush()  # the focus moved to another item
        time.sleep(rng.uniform(0, 0.004))


def serve(path: str, meeting_id: int) -> None:
    # Imported before any fork, so each typist starts at once.
    import bdcq_desktop.core.db
    import bdcq_desktop.core.live_notes  # noqa: F401

    print("SERVING", flush=True)
    for line in sys.stdin:
        _, start, seed = line.split()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                typist(path, meeting_id, int(start), seed)
            finally:
                os._exit(1)
        print(f"CHILD {pid}", flush=True)
        os.waitpid(pid, 0)
        print(f"DONE {pid}", flush=True)  # after the typist's last line, in the same pipe


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
