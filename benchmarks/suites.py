"""The benchmarks, one function per area, each returning result rows (see :mod:`.harness`).

Whole-process figures run ``python -m ...`` exactly as a user's shortcut would (the same
interpreter for the application and its baseline); in-process figures call the real core,
document and GUI code on the ten-year database.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from .context import APP, CLI, Context, ms_after, total
from .documents_suite import documents
from .harness import PYTHON, ROOT, Row, interleaved, run_process

BARE = [PYTHON, "-m", "benchmarks.bare_window"]
IMPORT_SQLALCHEMY = [PYTHON, "-c", "import sqlalchemy"]
# What any self-test through the database layer and the widgets must do before its first check:
# import Qt's widgets, SQLAlchemy's ORM and the models, and configure the mappers. With the
# collector handled as the self-test handles it (off while importing, the imports frozen out
# of it after): left on, its passes during the imports and at exit cost this process about
# 130 ms the self-test does not spend, and the floor read 3.5x where it is 2.5x.
SELF_TEST_FLOOR = [
    PYTHON,
    "-c",
    "import gc; gc.disable(); "
    "import PySide6.QtWidgets, sqlalchemy.orm, bdcq_desktop.core.models; "
    "from sqlalchemy.orm import configure_mappers; configure_mappers(); gc.freeze()",
]
TAB_NAMES = {
    "committeeView": "Thành viên › Ban Chỉ đạo",
    "workingGroupView": "Thành viên › Tổ công tác",
    "expertsView": "Thành viên › Chuyên gia, khách mời, danh bạ",
    "unitsView": "Thành viên › Cơ quan, đơn vị",
    "matrixView": "Thành viên › Ma trận trách nhiệm",
    "meetingsTab": "Cuộc họp",
    "workingSessionsTab": "Tổ công tác (phiên làm việc)",
    "reportsTab": "Báo cáo (đợt và bản nộp của đợt đầu)",
    "regimesView": "Báo cáo › Chế độ báo cáo",
    "reportOverviewPage": "Báo cáo › Tổng hợp",
    "taskTrackingPage": "Báo cáo › Nhiệm vụ",
    "chaseListPage": "Báo cáo › Đôn đốc",
}


# ----------------------------------------------------------------------------- 1. start-up
def startup(ctx: Context) -> list[Row]:
    env = {**ctx.env, "BDCQ_EXIT_AFTER_SHOWN": "1"}
    demo = ctx.copy(ctx.demo, "startup-demo.sqlite3")
    ten = ctx.copy(ctx.ten_year, "startup-ten.sqlite3")
    bare = "bare QMainWindow + QTabWidget of 4 empty QTableViews, to painted"
    app_mapped, bare_mapped = ctx.processes(
        [[*APP, "--db", str(demo)], BARE], ms_after("mapped"), env
    )
    # The same starts also say when the database is open and the tab editable ("ready"):
    # the rows may come first, read from the file (core/first_screen.py).
    ready: list[float] = []

    def rows_then_ready(run):  # type: ignore[no-untyped-def]
        ready.append(ms_after("ready")(run))
        return ms_after("rows")(run)

    app_rows, bare_mapped2 = ctx.processes(
        [[*APP, "--db", str(ten)], BARE], [rows_then_ready, ms_after("mapped")], env
    )
    self_test, bare_total, floor = ctx.processes(
        [[*APP, "--self-test", "--db", str(demo)], BARE, SELF_TEST_FLOOR], total
    )
    return [
        Row(
            "startup.mapped",
            "Start-up to the main window painted (demo data), whole process",
            app_mapped,
            bare_mapped,
            bare,
            ratio_max=1.5,
        ),
        Row(
            "startup.rows",
            "Start-up to the first tab's rows painted (ten years), whole process",
            app_rows,
            bare_mapped2,
            bare,
            ratio_max=3,
        ),
        Row(
            "startup.ready",
            "Start-up to the database open and the first tab editable (ten years), whole process",
            statistics.median(ready),
            bare_mapped2,
            bare,
            note="no target: the rows above may be painted before this",
        ),
        Row(
            "startup.self_test",
            "`bdcq-desktop --self-test` on the demo data, whole process to exit",
            self_test,
            bare_total,
            "the bare window, whole process to exit",
            ratio_max=4,
        ),
        Row(
            "startup.self_test_floor",
            "The self-test's imports alone: Qt's widgets, SQLAlchemy's ORM and the models "
            "imported, the mappers configured (the collector off, as in the self-test), "
            "whole process",
            floor,
            bare_total,
            "the bare window, whole process to exit",
            note="no target: what any self-test through the database layer costs before "
            "its first check",
        ),
    ]


# ----------------------------------------------------------------------------- 2. GUI
def gui(ctx: Context) -> list[Row]:
    assert ctx.roster is not None, "the import benchmark runs first"
    data = _ten_year_probe(ctx, "gui_probe", "gui-ten.sqlite3")
    typing = _search_probe(ctx)
    screen = "one screen of the same cells in QTableView + QStandardItemModel, painted"
    rows = [
        Row(
            f"tab.{name}",
            f"Tab {TAB_NAMES.get(name, name)}: reload to first screen of rows painted",
            ms,
            data["screen"],
            screen,
            abs_max=100,
        )
        for name, ms in data["tabs"].items()
    ]
    # The first visit of each tab in a session, each run a process of its own (see
    # first_visit_probe.py), against the later visits timed above.
    first_db = ctx.copy(ctx.ten_year, "first-visit.sqlite3")
    probe = [PYTHON, "-m", "benchmarks.first_visit_probe", str(first_db)]
    if not ctx.quick:
        run_process(probe, ctx.env)  # warm-up: the disk cache, as for the other processes
    firsts: dict[str, list[float]] = {}
    for _ in range(ctx.runs):
        for name, ms in run_process(probe, ctx.env).values.items():
            firsts.setdefault(name, []).append(float(ms))
    rows += [
        Row(
            f"first.{name}",
            f"Tab {TAB_NAMES.get(name, name)}: first visit in a session to its first screen of "
            "rows painted (built, first queries)",
            statistics.median(ms),
            data["tabs"][name],
            "the same tab's later visits (tab. row)",
            abs_max=100,
        )
        for name, ms in firsts.items()
    ]
    labels = {
        "meetings": "meetings",
        "submissions": "all report submissions",
        "roster": "imported people in the committee roster",
    }
    for name, s in data["search"].items():
        rows.append(
            Row(
                f"search.{name}",
                f"Search keystroke to rows painted, {labels[name]} ({s['rows']:,} rows), median",
                s["median"],
                s["qt_median"],
                "Qt's C++ fixed-string QSortFilterProxyModel over the same cells",
                abs_max=30,
                note=f"worst {s['worst']:.0f} ms (Qt {s['qt_worst']:.0f} ms)",
            )
        )
    rows += _typing_rows(typing)
    sc = data["scroll"]
    rows.append(
        Row(
            "scroll.submissions",
            f"Scrolling {sc['rows']:,} report submissions page by page, worst frame",
            sc["worst"],
            sc["qt_worst"],
            "the same over a QStandardItemModel of the same cells",
            abs_max=50,
            note=f"{sc['frames']} pages; median frame {sc['median']:.1f} ms "
            f"(Qt {sc['qt_median']:.1f} ms); {sc['over_50']} over 50 ms (Qt {sc['qt_over_50']})",
        )
    )
    rows.append(
        Row(
            "save.quickEntry",
            "A unit's report recorded in the quick entry (ten years, every tab read before): "
            "save to the round's units painted, median",
            data["quick_entry"],
            data["screen"],
            screen,
            abs_max=100,
            note="no target of its own: held to a tab's 100 ms",
        )
    )
    for name, pick in data["pick"].items():
        rows.append(
            Row(
                f"pick.{name}",
                f"Tab {TAB_NAMES.get(name, name)}: the arrow key to the next row's record read "
                "and its pane painted (ten years), median over the first rows",
                pick["median"],
                data["screen"],
                screen,
                abs_max=100,
                note=f"no target of its own: held to a tab's 100 ms; worst {pick['worst']:.0f} ms",
            )
        )
    return rows


def _search_probe(ctx: Context) -> dict[str, Any]:
    """The first keystrokes and the typing of :mod:`.search_probe`, in a process of its own."""
    return _ten_year_probe(ctx, "search_probe", "search-ten.sqlite3")


def _ten_year_probe(ctx: Context, probe: str, copy_name: str) -> dict[str, Any]:
    """What ``benchmarks.<probe>`` measured on its own copy of the ten-year database and the
    imported roster, in a process of its own: the JSON of its last line."""
    assert ctx.roster is not None
    ten = ctx.copy(ctx.ten_year, copy_name)
    proc = subprocess.run(
        [PYTHON, "-m", f"benchmarks.{probe}", str(ten), str(ctx.roster), str(ctx.runs)],
        env=ctx.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        said = probe.replace("_", " ")
        raise RuntimeError(f"{said} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _typing_rows(data: dict[str, Any]) -> list[Row]:
    """The first keystroke of each list, cold, and every key of the typing where the lists and
    pickers are longest: held to the issue's 30 ms a keystroke, as search.* are."""
    qt_list = "the same in Qt's C++ fixed-string QSortFilterProxyModel over the same cells"
    qt_picker = (
        "Qt's own picker: QComboBox + QCompleter filtering a QStringListModel of the same "
        "labels, labels and keys without diacritics (C++, no folding)"
    )
    lists = {
        "meetings": "the meetings",
        "roster": "the committee roster of the imported people",
        "submissions": "all report submissions",
        "tasks": "Báo cáo › Nhiệm vụ (its tasks below the first screen not read yet)",
        "picker": "the \"Người đã có\" people picker of Thêm thành viên (just opened)",
    }
    rows = []
    for name, what in lists.items():
        f = data["first"][name]
        note = ""
        if "after_pause" in f:  # what the first screen left undone was done meanwhile
            note = f"typed 0.3 s after the first screen: {f['after_pause']:.1f} ms"
        if "longest_stall" in f:  # the rest of the tasks read in those 0.3 s
            note += f"; the window held at most {f['longest_stall']:.0f} ms at a time meanwhile"
        if f.get("done", 0) >= 1:  # the search went on a slice per idle moment after the key
            note += (
                f"; cold, every match found {f['done']:.0f} ms after the key, the window "
                f"held at most {f['held']:.0f} ms at a time meanwhile"
            )
        shown = "rows), to the rows painted"
        if name == "picker":
            shown = "people), to its popup painted"
        rows.append(
            Row(
                f"firstkey.{name}",
                f"First search keystroke, cold, right after the first screen is painted: "
                f"{what} ({f['rows']:,} {shown}, median",
                f["median"],
                f["qt_median"],
                qt_picker if name == "picker" else qt_list,
                abs_max=30,
                note=note,
            )
        )
    tasks, picker, roster = (data["keys"][k] for k in ("tasks", "picker", "picker_roster"))
    rows.append(
        Row(
            "search.tasks",
            f"Search keystroke to rows painted, Báo cáo › Nhiệm vụ ({tasks['rows']:,} tasks), "
            f"median of {tasks['keys']} keys of Vietnamese typing",
            tasks["median"],
            tasks["qt"]["median"],
            qt_list,
            abs_max=30,
            note=f"p95 {tasks['p95']:.0f} ms, worst {tasks['worst']:.0f} ms "
            f"(Qt {tasks['qt']['p95']:.0f}, {tasks['qt']['worst']:.0f})",
        )
    )
    rows.append(
        Row(
            "search.picker",
            f"A letter typed in the \"Người đã có\" picker ({picker['people']:,} people) to its "
            f"popup painted, median of {picker['keys']} keys of Vietnamese typing",
            picker["median"],
            picker["qt"]["median"],
            qt_picker,
            abs_max=30,
            note=f"p95 {picker['p95']:.0f} ms, worst {picker['worst']:.0f} ms; over the "
            f"{roster['people']:,} imported people: median {roster['median']:.0f}, p95 "
            f"{roster['p95']:.0f}, worst {roster['worst']:.0f} ms (Qt {roster['qt']['median']:.1f},"
            f" {roster['qt']['worst']:.0f})",
        )
    )
    if "gc" in data:  # a probe of an older checkout does not time it
        full = data["gc"]
        rows.append(
            Row(
                "search.gc",
                "A full garbage collection (Python starts one on its own, in whatever key is "
                "typed then) after every tab read and every list searched (ten years)",
                full["ms"],
                full["every_ms"],
                "the same collection over every object of the process (gc.unfreeze first: "
                "nothing set aside but the imports)",
                abs_max=30,
                note=f"walks {full['walked']:,} objects, of {full['every']:,}",
            )
        )
    return rows



# ----------------------------------------------------------------------------- 3. memory
def memory(ctx: Context) -> list[Row]:
    ten = ctx.copy(ctx.ten_year, "memory-ten.sqlite3")
    ours, bare = ctx.processes(
        [[PYTHON, "-m", "benchmarks.memory_probe", str(ten)], BARE],
        lambda run: int(run.values["maxrss"]) / 1024,
    )
    day = ctx.copy(ctx.ten_year, "memory-day.sqlite3")
    # The quick mode proves the probe runs: one round before the figures, not three (some
    # 4 s of CPU a round).
    rounds, warm = (1, 1) if ctx.quick else (20, 3)
    run = run_process(
        [PYTHON, "-m", "benchmarks.session_probe", str(day), str(rounds), str(warm)], ctx.env
    )
    got = {k: int(v) for k, v in run.values.items()}
    last = rounds - rounds // 2  # the rounds between the middle figures and the last

    def per_round(name: str) -> float:
        """Growth a round over the last half of the rounds: a leak's, not a cache's (filled)."""
        return (got[f"after_{name}"] - got[f"mid_{name}"]) / last

    heap = got["after_heap"] >= 0  # glibc says what malloc holds; elsewhere nothing to judge
    return [
        Row(
            "memory.tabs",
            "Peak memory after visiting every tab and sub-view (ten years), whole process",
            ours,
            bare,
            "the bare window's whole process",
            unit="MiB",
            ratio_max=2.5,
        ),
        Row(
            "memory.day",
            f"Python objects alive after {got['actions']:,} more actions of a working day "
            f"({rounds} round{'s' if rounds > 1 else ''} of rows picked, forms, boxes and "
            "document dialogs opened and "
            "closed, every tab and list shown and searched, the roster saved as a PDF, Làm mới; "
            "ten years), whole process",
            got["after_objects"],
            got["warm_objects"],
            f"the same process after its first {warm} round{'s' if warm > 1 else ''}",
            unit="objects",
            ratio_max=1.005,
            note=f"{per_round('objects'):+.0f} objects a round over the last {last}; widgets "
            f"{got['warm_widgets']:,} → {got['after_widgets']:,}",
        ),
        Row(
            "memory.day_heap",
            "Memory malloc holds in use after the same rounds (Qt, SQLite, Python's larger "
            "blocks; Qt's pixmap cache emptied first), whole process",
            got["after_heap"] if heap else None,
            got["warm_heap"] if heap else None,
            f"the same process after its first {warm} round{'s' if warm > 1 else ''}",
            unit="KiB",
            ratio_max=1.02,
            note=(
                f"{per_round('heap'):+.0f} KiB a round over the last {last}; Qt's pixmap cache "
                f"{got['after_pixmaps'] / 1024:.0f} MiB (a cache of what was drawn, at most "
                f"10 MiB); resident {got['warm_kib'] / 1024:.0f} → "
                f"{got['after_kib'] / 1024:.0f} MiB (the allocator keeps what was freed)"
                if heap
                else "skipped: malloc does not say what it holds (not glibc)"
            ),
        ),
    ]


# ----------------------------------------------------------------------------- 5. data and CLI
def _roster_file(path: Path, people: int) -> Path:
    """A realistic .xlsx roster of ``people`` rows (unique names, the demo's units)."""
    from openpyxl import Workbook

    from bdcq_desktop.core.demo.data_people import (
        FAMILY_NAMES,
        GIVEN_FEMALE,
        GIVEN_MALE,
        MEMBERS,
        MIDDLE_FEMALE,
        MIDDLE_MALE,
    )
    from bdcq_desktop.core.demo.data_units import LOCALITIES, UNITS
    from bdcq_desktop.core.roster_files import COLUMNS
    from bdcq_desktop.core.text import fold

    rng = random.Random(5000)
    units = [u[1] for u in UNITS] + [f"UBND {level} {name}" for level, name in LOCALITIES]
    book = Workbook()
    sheet = book.active
    sheet.append([title for _, title in COLUMNS])
    seen: set[str] = set()
    while len(seen) < people:
        female = rng.random() < 0.3
        family = rng.choices([f for f, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])[0]
        middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        name = unicodedata.normalize("NFC", f"{family} {middle} {given}")
        if fold(name) in seen:  # the import matches names without diacritics
            name = f"{name} ({len(seen)})"  # rosters this size do repeat names
        seen.add(fold(name))
        _, field, area = rng.choice(MEMBERS)
        r = rng.randint
        sheet.append(
            [
                name,
                "Nữ" if female else "Nam",
                rng.choice(["Phó Giám đốc", "Trưởng phòng", "Chuyên viên", "Phó Chủ tịch"]),
                rng.choice(units),
                "Thành viên",
                field,
                area,
                f"09{r(10, 99)} {r(100, 999)} {r(100, 999)}",
                "",
                f"{r(100, 999)}/QĐ-UBND ngày 05/02/2026",
            ]
        )
    book.save(path)
    return path


def data(ctx: Context) -> list[Row]:
    from openpyxl import load_workbook

    from bdcq_desktop.core import roster_io
    from bdcq_desktop.core.db import open_database

    source = _roster_file(ctx.tmp / "roster.xlsx", ctx.import_people)
    empty = ctx.tmp / "empty.sqlite3"
    open_database(empty).dispose()
    runs = max(1, ctx.runs // 2)
    target = ctx.tmp / "roster.sqlite3"

    def ours() -> None:
        for old in ctx.tmp.glob("roster.sqlite3*"):
            old.unlink()
        shutil.copyfile(empty, target)
        db = open_database(target)
        preview = roster_io.preview_import(db, source)
        assert preview.ok, [r.problems for r in preview.rows if r.problems][:3]
        roster_io.apply_import(db, preview, default_start="01/03/2026")
        db.dispose()

    def read_only() -> None:
        book = load_workbook(source, read_only=True)
        assert sum(1 for _ in book.active.iter_rows(values_only=True)) == ctx.import_people + 1
        book.close()

    read, imported = interleaved([read_only, ours], runs, warmup=0)
    ctx.roster = target
    rows = [
        Row(
            "import.xlsx",
            f"Import {ctx.import_people:,} people from .xlsx (check + write), in-process",
            imported,
            read,
            "openpyxl reading the same file (read-only mode)",
            # The target is for 5,000 people (the quick mode imports a few).
            abs_max=3000 if ctx.import_people >= 5000 else None,
        )
    ]

    ten = ctx.copy(ctx.ten_year, "cli-ten.sqlite3")
    demo = ctx.copy(ctx.demo, "cli-demo.sqlite3")
    check, help_, listing, baseline = ctx.processes(
        [
            [*CLI, "--db", str(ten), "check"],
            [*CLI, "--help"],
            [*CLI, "--db", str(demo), "members", "list"],
            IMPORT_SQLALCHEMY,
        ],
        total,
    )
    bare = '`python -c "import sqlalchemy"`'
    rows += [
        Row(
            "cli.check",
            "`bdcq check` on the ten-year database, whole process",
            check,
            baseline,
            bare,
            abs_max=2000,
        ),
        Row("cli.start", "`bdcq --help`, whole process", help_, baseline, bare, ratio_max=2),
        Row(
            "cli.list",
            "`bdcq members list` on the demo data, whole process",
            listing,
            baseline,
            bare,
        ),
    ]
    return rows


SUITES = [("data", data), ("startup", startup), ("gui", gui), ("memory", memory),
          ("documents", documents)]  # fmt: skip
# Every row the suite writes, in order (the quick-mode test checks them all).
ROW_KEYS = [
    "import.xlsx", "cli.check", "cli.start", "cli.list",
    "startup.mapped", "startup.rows", "startup.ready", "startup.self_test",
    "startup.self_test_floor",
    *(f"tab.{name}" for name in TAB_NAMES),
    "first.meetingsTab", "first.workingSessionsTab", "first.reportsTab",
    "search.meetings", "search.roster", "search.submissions",
    "firstkey.meetings", "firstkey.roster", "firstkey.submissions", "firstkey.tasks",
    "firstkey.picker", "search.tasks", "search.picker", "search.gc", "scroll.submissions",
    "save.quickEntry", "pick.meetingsTab", "pick.workingSessionsTab",
    "memory.tabs", "memory.day", "memory.day_heap",
    "docs.minutes", "docs.meeting_all", "docs.tasks_report", "docs.tasks_report_long_result",
    "docs.tasks_report_quarter", "docs.export_cli",
]  # fmt: skip
