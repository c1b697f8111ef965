"""The register's half of ``bdcq check`` (:mod:`.check`): its number series (gaps, an
abbreviation spelled in two cases, numbers given again after the paper register's floor),
its dates (out of the sane window, out of order within a series), the stored copies against
their fingerprints, and the issued files in the documents folder."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import Connection, LargeBinary, cast, func, select

from .check_storage import Problem
from .db import Database
from .i18n import tr
from .issued_files import FileFault, file_faults, missing_summary
from .models import IssuedDocument
from .number_floor import AFTER_FLOOR_GAP, FUTURE_DAYS, floor_duplicates, floors_of, issued_after
from .text import short_date
from .validation import EARLIEST_DATE


def _series_key(year: int, abbr: str) -> tuple[int, str]:
    """A series of the register: older versions stored an abbreviation as typed, and ``gm``
    beside ``GM`` is one series (the register numbers them together, see register._spellings)."""
    return year, abbr.casefold()


def register_series(s: Connection) -> list[Problem]:
    """Gaps in a series, and a series spelled in two cases (``01/gm-BCĐ`` beside
    ``01/GM-BCĐ``: an abbreviation once stored in lower case)."""
    issued = IssuedDocument.__table__.c
    p: list[Problem] = []
    rows = s.execute(
        select(issued.year, issued.type_abbr, func.count(), func.max(issued.number))
        .group_by(issued.year, issued.type_abbr)
        .order_by(issued.year, issued.type_abbr)
    ).all()
    series: dict[tuple[int, str], tuple[list[str], int, int]] = {}
    for year, abbr, n, top in rows:
        spellings, count, highest = series.get(_series_key(year, abbr), ([], 0, 0))
        series[_series_key(year, abbr)] = ([*spellings, abbr], count + n, max(highest, top))
    floors: dict[int, dict[str, int]] = {}
    for (year, folded), (spellings, n, top) in series.items():
        abbr = spellings[0]
        if year not in floors:
            floors[year] = floors_of(s, year)
        floor = floors[year].get(folded, 0)
        if len(spellings) > 1:
            p.append(
                Problem(
                    "register_case",
                    tr(
                        "Sổ văn bản năm {y} có một loại viết tắt theo {k} cách viết hoa khác "
                        "nhau: {names} (một dãy số; hãy để chữ viết tắt đúng cách viết của Nghị "
                        "định 30/2020 trong thiết lập)."
                    ).format(y=year, k=len(spellings), names=", ".join(spellings)),
                )
            )
        if floor:
            # Numbers the paper register issued too, a floor confirmed over them.
            if twice := floor_duplicates(s, year, spellings, floor):
                p.append(Problem("register_duplicate", twice))
            # The numbers up to the floor were issued on paper: only those after it are ours.
            n = issued_after(s, year, spellings, floor)
            if n < top - floor:
                p.append(Problem("register_gap", tr(AFTER_FLOOR_GAP).format(
                    abbr=abbr, y=year, floor=floor, n=n, top=top)))  # fmt: skip
        # More documents than numbers happens only across two spellings (said just above).
        elif n < top:
            p.append(
                Problem(
                    "register_gap",
                    tr(
                        "Sổ văn bản {abbr} năm {y} bị thiếu số (có {n} văn bản, số lớn "
                        "nhất {top})."
                    ).format(abbr=abbr, y=year, n=n, top=top),
                )
            )
    return p


def register_fingerprints(s: Connection) -> list[Problem]:
    """Issued documents whose copy in the register no longer has the SHA-256 taken when they
    were issued: altered since. One query, its rows read a few at a time (a decade's PDFs do
    not fit in memory)."""
    doc = IssuedDocument.__table__.c
    p: list[Problem] = []
    rows = s.execute(
        # As bytes whatever was stored (an edit in a database browser may make it text).
        select(doc.id, doc.symbol, doc.year, doc.sha256, cast(doc.content, LargeBinary))
        .where(doc.content.is_not(None))
        .order_by(doc.year, doc.type_abbr, doc.number)
        .execution_options(yield_per=16)
    )
    for row_id, symbol, year, digest, content in rows:
        if hashlib.sha256(content).hexdigest() != digest:
            p.append(
                Problem(
                    "register_fingerprint",
                    tr(
                        "Văn bản {symbol} năm {y}: bản lưu trong sổ đã bị thay đổi, nội dung khác "
                        "với bản đã ban hành."
                    ).format(symbol=symbol, y=year),
                    f"issued_document#{row_id}",
                )
            )
    return p


def register_dates(s: Connection, today: date) -> list[Problem]:
    """Dates the register refuses now but may hold from before: outside the window (before the
    floor of every date, after tomorrow), or earlier than a lower number of the same series."""
    p: list[Problem] = []
    latest = today + timedelta(days=FUTURE_DAYS)
    doc = IssuedDocument.__table__.c
    rows = s.execute(
        select(doc.id, doc.year, doc.type_abbr, doc.symbol, doc.issued_on, doc.number).order_by(
            doc.year, doc.type_abbr, doc.number
        )
    ).all()
    # By series, then number: two spellings of one series interleave (see _series_key).
    rows.sort(key=lambda row: (*_series_key(row[1], row[2]), row[5]))
    before: dict[tuple[int, str], tuple[str, date]] = {}  # latest date so far in each series
    for row_id, year, abbr, symbol, day, _number in rows:
        record = f"issued_document#{row_id}"
        if day < EARLIEST_DATE or day > latest:
            p.append(
                Problem(
                    "register_date_window",
                    tr("Văn bản {symbol} năm {y} mang ngày ban hành không hợp lệ: {day}.").format(
                        symbol=symbol, y=year, day=short_date(day)
                    ),
                    record,
                )
            )
        prior = before.get(_series_key(year, abbr))
        if prior is not None and day < prior[1]:
            p.append(
                Problem(
                    "register_date_order",
                    tr(
                        "Văn bản {symbol} năm {y} mang ngày {day}, sớm hơn ngày của số trước "
                        "{prior} ({prior_day})."
                    ).format(
                        symbol=symbol,
                        y=year,
                        day=short_date(day),
                        prior=prior[0],
                        prior_day=short_date(prior[1]),
                    ),
                    record,
                )
            )
        if prior is None or day > prior[1]:
            before[_series_key(year, abbr)] = (symbol, day)
    return p


def issued_file_problems(db: Database) -> list[Problem]:
    """The issued documents' files on this PC that are not the documents issued: one line for
    a folder many are missing from (a database copied without its documents folder), not a
    thousand."""
    return [
        Problem(
            "issued_file",
            message,
            f"issued_document#{faults[0].id}" if len(faults) == 1 else _folder_ref(faults),
        )
        for message, faults in missing_summary(file_faults(db))
    ]


def _folder_ref(faults: list[FileFault]) -> str:
    # The year the files are of: a hundred ids would be no reference.
    return f"issued_document:{faults[0].year}"
