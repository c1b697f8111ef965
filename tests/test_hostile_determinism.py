"""The hostile tests draw the same cases whatever ran before them in the process.

They are derandomized so that a test needing both outcomes (``Tally``: something stored and
something refused) passes or fails on every run alike. Hypothesis also draws, now and then, a
literal taken from the project's modules imported so far (its "local constants", one pool for
the whole process): without ``hostile``'s pin the cases of a test changed with the tests that
ran before it in the same process, e.g. ``test_membership_ended`` drew no case it could store
once ``tests/test_hostile_cli.py`` had imported the CLI, its commands and the documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a child process: the pool only ever grows, so the import below would otherwise change
# it for every later test of this process.
_SCRIPT = """
from hypothesis import strategies as st
from tests.hostile_strategies import cli_number, date_text, hostile, hostile_call_text

def draws():
    seen = []

    @hostile(150, st.tuples(hostile_call_text, date_text, cli_number, st.integers()))
    def case(values):
        seen.append(repr(values))

    case()
    return seen

before = draws()
import bdcq_desktop.cli, bdcq_desktop.commands.meetings, bdcq_desktop.documents.wording  # noqa
after = draws()
print(sum(a != b for a, b in zip(before, after)), len(before), len(after))
"""


def test_cases_do_not_depend_on_the_modules_imported_before() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    changed, before, after = map(int, out.stdout.split())
    assert before == after == 150
    assert changed == 0, f"{changed} of {before} cases changed after the CLI was imported"
