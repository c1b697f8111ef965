"""Exporting the committee roster, and the template to fill in for an import (.xlsx, .csv)."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from sqlalchemy import select

from .db import Database
from .i18n import tr
from .labels import choices
from .members import list_committee
from .models import CommitteeRole, Person
from .roster_files import COLUMNS, EXAMPLE, HEADERS, file_format, write_table
from .text import short_date

_GENDER = {"ong": "Nam", "ba": "Nữ"}


def _decision_text(number: str, day: date | None) -> str:
    if number and day:
        return f"{number} ngày {short_date(day)}"
    return number or (short_date(day) if day else "")


def export_roster(
    db: Database,
    path: str | os.PathLike[str],
    *,
    include_former: bool = False,
    on: date | None = None,
) -> int:
    """Write the committee roster (by rank) to .xlsx or .csv; returns the number of members.
    ``on``: the roster of that day (:func:`.members.list_committee`), each term with the
    position and agency held then, as the list on screen shows it.

    The columns are the import columns (plus No. and dates), so an export can be edited and
    imported into another database.
    """
    file_format(path)
    rows = list_committee(db, include_former=include_former, sort="rank", on=on)
    headers = [
        "STT",
        HEADERS["full_name"],
        HEADERS["gender"],
        HEADERS["role"],
        HEADERS["position"],
        HEADERS["unit"],
        HEADERS["field"],
        HEADERS["area"],
        HEADERS["phone"],
        HEADERS["email"],
        HEADERS["decision"],
        HEADERS["start_date"],
    ]
    if include_former:
        headers += [HEADERS["end_date"], HEADERS["end_decision"]]
    # Last, out of the way of the columns the officer edits: who each row is, whatever the
    # name and unit become (:mod:`.roster_keys`).
    headers.append(HEADERS["person_key"])
    honorifics: dict[int, str] = {}
    uids: dict[int, str] = {}
    with db.session() as s:
        for pid, h, uid in s.execute(select(Person.id, Person.honorific, Person.uid)):
            if h is not None:
                honorifics[pid] = h.value
            uids[pid] = uid or ""
    table = []
    for i, r in enumerate(rows, start=1):
        cells: list[Any] = [
            i,
            r.full_name,
            _GENDER.get(honorifics.get(r.person_id) or "", ""),
            r.role_label,
            r.position,
            r.unit,
            r.field,
            r.area,
            r.phone,
            r.email,
            _decision_text(r.decision_number, r.decision_date),
            r.start_date,
        ]
        if include_former:
            cells += [r.end_date, _decision_text(r.end_decision_number, r.end_decision_date)]
        cells.append(uids.get(r.person_id, ""))
        table.append(cells)
    write_table(path, [tr(h) for h in headers], table, sheet_title=tr("Danh sách thành viên"))
    return len(rows)


def save_template(path: str | os.PathLike[str]) -> None:
    """A file to fill in: the import header row only (.xlsx or .csv). The .xlsx has drop-down
    lists for gender and role, and a sheet explaining the columns with a filled-in example.

    The example is on that sheet, not under the headers: a row left there was imported as a
    member of the committee (a row equal to it is refused all the same, see is_example)."""
    headers = [tr(h) for _k, h in COLUMNS]
    keys = [k for k, _h in COLUMNS]
    roles = [lab for _m, lab in choices(CommitteeRole)]
    notes = [
        tr('Mỗi dòng là một người. Chỉ cột "Họ và tên" là bắt buộc.'),
        tr("Vai trò (để trống nếu chỉ thêm vào danh bạ): ") + ", ".join(roles) + ".",
        tr("Giới tính: Nam hoặc Nữ (hoặc Ông/Bà)."),
        tr("Đơn vị chưa có trong danh sách sẽ được tạo mới khi nhập."),
        tr('Quyết định: số và ngày, ví dụ "123/QĐ-UBND ngày 05/02/2026", hoặc chỉ số.'),
        tr(
            "Từ ngày: ngày bắt đầu làm thành viên; để trống thì lấy ngày của quyết định. "
            "Dòng có vai trò mà không có ngày nào thì phải chọn ngày bắt đầu khi nhập."
        ),
        tr("Lĩnh vực, địa bàn, quyết định và từ ngày chỉ dùng khi có vai trò."),
        tr("Cột có tiêu đề khác các cột trên sẽ không được nhập; khi nhập sẽ có cảnh báo."),
        "",
        tr(
            "Ví dụ một dòng đã điền (người giả định, chỉ để tham khảo; dòng này chép vào "
            "danh sách sẽ bị từ chối khi nhập):"
        ),
        *(f"{header}: {EXAMPLE[key]}" for key, header in zip(keys, headers, strict=True)),
    ]
    write_table(
        path,
        headers,
        [],
        sheet_title=tr("Danh sách thành viên"),
        choices={keys.index("gender"): ["Nam", "Nữ"], keys.index("role"): roles},
        notes=notes,
        widths=[len(str(EXAMPLE[k])) for k in keys],
    )
