"""The documents' benchmarks: the largest meeting's documents in-process, the decade's tasks
report per page, and ``bdcq export`` against LibreOffice, whole processes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sqlalchemy import func, select, text

from .context import CLI, Context, total
from .harness import Row, interleaved, median_process


def _largest_meeting(db) -> int:  # type: ignore[no-untyped-def]
    from bdcq_desktop.core.models import AgendaItem, Conclusion, Invitee, Meeting, Task

    with db.session() as s:
        size = select(Meeting.id).add_columns(
            select(func.count(Invitee.id)).where(Invitee.meeting_id == Meeting.id).scalar_subquery()
            + select(func.count(AgendaItem.id))
            .where(AgendaItem.meeting_id == Meeting.id)
            .scalar_subquery()
            + select(func.count(Task.id))
            .join(Conclusion)
            .where(Conclusion.meeting_id == Meeting.id)
            .scalar_subquery()
        )
        return max(s.execute(size).all(), key=lambda r: (r[1], r[0]))[0]


def _trivial_document() -> bytes:
    from bdcq_desktop.documents import (
        Document,
        Header,
        Para,
        Recipients,
        SignatureBlock,
        Title,
        render,
    )

    return render(
        Document(
            header=Header(
                parent_body="UBND tỉnh Nghệ An",
                issuing_body="Ban Chỉ đạo xây dựng Chính quyền điện tử",
                type_abbr="GM",
                number=1,
                place="Nghệ An",
            ),
            title=Title("Giấy mời", "Họp Ban Chỉ đạo"),
            body=[Para("Ban Chỉ đạo trân trọng kính mời.", closing=True)],
            signatures=[SignatureBlock(["TM. Ban Chỉ đạo", "Trưởng ban"], "Nguyễn Văn A")],
            recipients=Recipients(["Như trên"]),
        )
    )


def documents(ctx: Context) -> list[Row]:
    from bdcq_desktop.core.db import open_database
    from bdcq_desktop.documents import register_fonts, service

    register_fonts(prefer_system=False)
    ten = ctx.copy(ctx.ten_year, "docs-ten.sqlite3")
    db = open_database(ten)
    meeting = _largest_meeting(db)
    kinds = ("convocation", "invitation", "agenda", "attendance", "minutes", "conclusions")
    runs = max(ctx.runs, 3) if not ctx.quick else 1

    def all_six() -> None:
        for kind in kinds:
            service.draft(db, kind, meeting)

    trivial, minutes = interleaved(
        [_trivial_document, lambda: service.draft(db, "minutes", meeting)], runs
    )
    trivial2, six = interleaved([_trivial_document, all_six], max(1, runs // 2))
    pdf = service.draft(db, "minutes", meeting)
    # The longest document a decade makes, every task, against the demo data's few, per page:
    # a ratio near 1 means its time grows with its length, not faster.
    demo = open_database(ctx.copy(ctx.demo, "docs-demo.sqlite3"))
    # The same decade, one task's result run to 3,000 characters: a row over two pages, which
    # the report once laid out by reportlab's own split of the whole table (some 20 s).
    long = open_database(ctx.copy(ctx.ten_year, "docs-ten-long.sqlite3"))
    with long.engine.begin() as conn:
        conn.execute(
            text("UPDATE task SET result_report = :v WHERE id = (SELECT min(id) FROM task)"),
            {"v": ("Đã triển khai kết nối hệ thống một cửa điện tử với Cổng dịch vụ công. " * 50)[
                :3000
            ]},
        )
    databases = (db, demo, long)
    tasks_pages = [_pages(service.draft(d, "tasks")) for d in databases]  # also the warm-up
    # What the chair is given: one quarter of the decade (its last full one), not everything.
    quarter = {"period": _last_quarter(db)}
    tasks_pages.append(_pages(service.draft(db, "tasks", options=quarter)))
    decade, small, decade_long, one_quarter = interleaved(
        [
            *(lambda d=d: service.draft(d, "tasks") for d in databases),  # type: ignore[misc]
            lambda: service.draft(db, "tasks", options=quarter),
        ],
        1 if ctx.quick else 3,
        warmup=0,
    )
    for d in databases:
        d.dispose()
    rows = [
        Row(
            "docs.minutes",
            f"Minutes (biên bản) of the largest meeting (#{meeting}), in-process",
            minutes,
            trivial,
            "a one-paragraph official document",
            abs_max=150,
        ),
        Row(
            "docs.meeting_all",
            "All six documents of that meeting, in-process",
            six,
            trivial2,
            "a one-paragraph official document",
            abs_max=1000,
        ),
    ]
    rows.append(
        Row(
            "docs.tasks_report",
            f"The tasks report (báo cáo nhiệm vụ) of ten years, {tasks_pages[0]} pages, "
            "per page, in-process",
            decade / tasks_pages[0],
            small / tasks_pages[1],
            f"the demo data's tasks report ({tasks_pages[1]} pages), per page",
            ratio_max=2,
        )
    )
    rows.append(
        Row(
            "docs.tasks_report_long_result",
            f"The same report with one task's result of 3,000 characters ({tasks_pages[2]} "
            "pages: a row over two pages), in-process",
            decade_long,
            decade,
            "the ten years' tasks report above",
            ratio_max=1.5,
        )
    )
    rows.append(
        Row(
            "docs.tasks_report_quarter",
            f"The tasks report of the decade's last full quarter ({tasks_pages[3]} pages: its "
            "tasks and those still open at its end), in-process",
            one_quarter,
            decade,
            "the ten years' whole tasks report above",
            ratio_max=0.5,
        )
    )
    rows.append(_export_vs_libreoffice(ctx, ten, meeting, pdf))
    return rows


def _last_quarter(db):  # type: ignore[no-untyped-def]
    """The last quarter ended before the decade's last task was given."""
    from datetime import date

    from bdcq_desktop.core.models import Task
    from bdcq_desktop.core.task_period import previous_quarter

    with db.session() as s:
        last = s.scalar(select(func.max(Task.assigned_on)))
    return previous_quarter(last or date.today())


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _export_vs_libreoffice(ctx: Context, db_path: Path, meeting: int, pdf: bytes) -> Row:
    what = "`bdcq export minutes` of that meeting, whole process"
    out = ctx.tmp / "export-minutes.pdf"
    ours_cmd = [*CLI, "--db", str(db_path), "export", "minutes", "--meeting", str(meeting),
                "-o", str(out)]  # fmt: skip
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        import docx  # noqa: F401
    except ImportError:
        docx_missing = True
    else:
        docx_missing = False
    if soffice is None or docx_missing:
        (ours,) = ctx.processes([ours_cmd], total)
        missing = "LibreOffice (soffice)" if soffice is None else "python-docx"
        return Row(
            "docs.export_cli", what, ours, None, "—", note=f"skipped: {missing} not installed"
        )
    source = _minutes_docx(pdf, ctx.tmp / "minutes.docx")
    profile = (ctx.tmp / "lo-profile").as_uri()
    lo_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
              "--outdir", str(ctx.tmp / "lo-out"), str(source)]  # fmt: skip
    # One warm-up round (LibreOffice's first start creates its profile), except in the quick
    # mode: its figures mean nothing, each command runs once to prove it works.
    ours, lo = median_process([ours_cmd, lo_cmd], ctx.env, ctx.runs, total, warmup=not ctx.quick)
    return Row(
        "docs.export_cli",
        what,
        ours,
        lo,
        "LibreOffice converting the same minutes from DOCX to PDF (`soffice --headless`)",
        ratio_max=1,
    )


def _minutes_docx(pdf: bytes, target: Path) -> Path:
    """A DOCX with the text of our minutes, paragraph by paragraph (comparable content)."""
    import io

    import docx
    import pdfplumber

    document = docx.Document()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for line in (page.extract_text() or "").splitlines():
                document.add_paragraph(line)
    document.save(str(target))
    return target
