"""``python -m benchmarks``: run every benchmark, print the table, write ``results.md``.

``--quick`` runs everything once on tiny data, only to prove the suite works (CI); its table
goes to ``benchmarks/results-quick.md`` and the figures mean nothing. A full run writes
``benchmarks/results.md`` and quotes it in the README between the ``benchmarks`` markers.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

from .context import Context
from .generate import CACHE, FULL, QUICK, cached_database
from .harness import ROOT, Row, child_env, machine, table
from .suites import ROW_KEYS, SUITES

HERE = Path(__file__).resolve().parent
PREFIXES = {
    "data": ("import.", "cli."),
    "startup": ("startup.",),
    "gui": ("tab.", "search.", "firstkey.", "scroll."),
    "memory": ("memory.",),
    "documents": ("docs.",),
}
README_START, README_END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny data, one repetition (CI)")
    parser.add_argument("--runs", type=int, help="repetitions of each timed thing (default 5)")
    parser.add_argument("--output", type=Path, help="where to write the results (Markdown)")
    parser.add_argument(
        "--only", help=f"comma-separated suites to run: {', '.join(n for n, _ in SUITES)}"
    )
    return parser.parse_args(argv)


def demo_database() -> tuple[Path, float | None]:
    """The demo data (as ``bdcq demo`` makes it today), cached for the day and schema."""
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.core.migrations import HEAD
    from bdcq_desktop.documents.demo import load_demo_with_documents

    CACHE.mkdir(exist_ok=True)
    # With its register: the data alone is an interrupted load, which the GUI finishes (20 PDFs
    # issued) before its window shows, so start-up would time that instead of a start.
    path = CACHE / f"demo-register-{HEAD}-{date.today().isoformat()}.sqlite3"
    if path.exists():
        return path, None
    for stale in CACHE.glob("demo-*"):
        stale.unlink()
    tmp = path.with_suffix(".tmp")
    start = time.perf_counter()
    db = open_database(tmp)
    load_demo_with_documents(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    tmp.rename(path)
    return path, time.perf_counter() - start


def place_issued_files(database: Path, data_dir: Path) -> int:
    """Write the register's copy of every issued document of ``database`` to its file under
    ``data_dir``'s documents folder, as the office that issued them has them: ``bdcq check``
    reads and fingerprints each one (the generator stores the copies, not the files)."""
    import sqlite3

    folder = data_dir / "documents"
    conn = sqlite3.connect(database)
    try:
        rows = conn.execute("SELECT file_path, content FROM issued_document").fetchall()
    finally:
        conn.close()
    for file_path, content in rows:
        target = Path(file_path) if Path(file_path).is_absolute() else folder / file_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(rows)


def _counts(path: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = ["unit", "person", "meeting", "agenda_item", "invitee", "working_session",
                 "submission", "task", "issued_document"]  # fmt: skip
        counts = ", ".join(
            f"{n.replace('_', ' ')}s {conn.execute(f'SELECT count(*) FROM {n}').fetchone()[0]:,}"
            for n in names
        )
        stored = conn.execute("SELECT coalesce(sum(length(content)), 0) FROM issued_document")
        logged = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
        return (
            f"{counts} (their PDFs {stored.fetchone()[0] / 2**20:,.0f} MiB), "
            f"change log entries {logged:,}"
        )
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    quick = args.quick
    runs = args.runs or (1 if quick else 5)
    output = args.output or HERE / ("results-quick.md" if quick else "results.md")
    wanted = set(args.only.split(",")) if args.only else {n for n, _ in SUITES}
    info = machine()
    print(f"benchmarks ({'quick' if quick else 'full'}), {runs} run(s) each", flush=True)
    ten_year, built = cached_database(QUICK if quick else FULL)
    generated = f"generated in {built:.1f} s" if built is not None else "from the cache"
    print(f"ten-year database: {_counts(ten_year)} ({generated})", flush=True)
    demo, demo_built = demo_database()
    rows: list[Row] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="bdcq-bench-") as tmp:
        ctx = Context(
            tmp=Path(tmp),
            env=child_env(Path(tmp)),
            runs=runs,
            ten_year=ten_year,
            demo=demo,
            quick=quick,
            import_people=100 if quick else 5000,
        )
        place_issued_files(ten_year, Path(tmp) / "data")
        for name, suite in SUITES:
            if name not in wanted:
                continue
            start = time.perf_counter()
            print(f"- {name}…", flush=True)
            try:
                rows += suite(ctx)
            except Exception as exc:
                failed = True
                traceback.print_exc()
                rows += [
                    Row(key, key, None, None, "—", note=f"error: {exc}"[:200])
                    for key in ROW_KEYS
                    if key.startswith(PREFIXES[name])
                ]
            print(f"  {time.perf_counter() - start:.0f} s", flush=True)
    text = table(rows)
    print(text)
    report = _report(info, text, quick, runs, ten_year, generated)
    output.write_text(report, encoding="utf-8")
    print(f"written to {output}")
    if not quick and args.output is None and not args.only:
        _quote_in_readme(info, text)
    if demo_built is not None:
        print(f"(demo data built in {demo_built:.1f} s)")
    return 1 if failed else 0


def _machine_line(info: dict[str, str]) -> str:
    return (
        f"{info['date']}; {info['cpus']} CPUs ({info['cpu']}), {info['ram']} RAM, load "
        f"{info['load']} at start; {info['os']}; Python {info['python']}, {info['qt']}, "
        f"SQLAlchemy {info['sqlalchemy']}"
    )


def _report(
    info: dict[str, str], text: str, quick: bool, runs: int, ten_year: Path, generated: str
) -> str:
    return f"""# Benchmark results

`python -m benchmarks{" --quick" if quick else ""}` — {
        "QUICK MODE: tiny data, figures meaningless" if quick else "full run"
    }, median of {runs} run(s) each.

- **Machine:** {_machine_line(info)}
- **Data:** {_counts(ten_year)} ({generated}).

Each figure is paired with a baseline measured in the same run, interleaved with it; the ratio
is what to compare across machines and runs. "ours" and "baseline" are milliseconds (MiB for
memory). Whole-process figures start `python -m …` with Qt offscreen and settings of their own.

{text}
"""


def _quote_in_readme(info: dict[str, str], text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    if README_START not in content:
        return
    block = f"{README_START}\nLatest full run: {_machine_line(info)}.\n\n{text}\n{README_END}"
    pattern = re.escape(README_START) + ".*?" + re.escape(README_END)
    readme.write_text(re.sub(pattern, lambda _: block, content, flags=re.S), encoding="utf-8")
    print("quoted in README.md")
