"""A sample invitation and minutes, for eyeballing the layout.

``python -m bdcq_desktop.documents.sample [/tmp/sample.pdf] [--minutes]`` writes the PDF; the
tests use the same builders.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from bdcq_desktop.core.text import time_text
from bdcq_desktop.documents.blocks import (
    Bullets,
    Heading,
    Labelled,
    LegalBasis,
    NewPage,
    Para,
    Title,
)
from bdcq_desktop.documents.data_tables import Column, DataTable
from bdcq_desktop.documents.fonts import register_fonts
from bdcq_desktop.documents.layout import Document, Header, Recipients, SignatureBlock, render

PARENT = "UBND tỉnh Nghệ An"
COMMITTEE = "Ban Chỉ đạo xây dựng Chính quyền điện tử"


def _span(h1: int, m1: int, h2: int, m2: int) -> str:
    """A time span as the agenda writes it (``14 giờ 00 phút -`` / ``14 giờ 15 phút``)."""
    return f"{time_text(dt.time(h1, m1))} -\n{time_text(dt.time(h2, m2))}"


def sample_invitation(*, number: int | None = 5, annex: bool = True) -> Document:
    """Giấy mời (template 1.7) with an agenda table and a landscape attendance annex."""
    members = [
        ("Nguyễn Văn An", "Giám đốc", "Sở Thông tin và Truyền thông"),
        ("Trần Thị Bình", "Phó Giám đốc", "Sở Nội vụ"),
        ("Lê Hoàng Cường", "Chánh Văn phòng", "Văn phòng UBND tỉnh"),
        ("Phạm Thị Dung", "Trưởng phòng", "Sở Kế hoạch và Đầu tư"),
    ]
    body = [
        LegalBasis(
            [
                "Căn cứ Quyết định số 1234/QĐ-UBND ngày 12/3/2025 của UBND tỉnh về việc kiện toàn "
                "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh",
                "Căn cứ Kế hoạch số 56/KH-BCĐ ngày 05/01/2026 của Ban Chỉ đạo",
            ]
        ),
        Para("Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh trân trọng kính mời:"),
        Para(
            "Các thành viên Ban Chỉ đạo (theo danh sách kèm theo).",
            bold=True,
            align="center",
            indent=False,
        ),
        Para(
            "Tới dự cuộc họp Ban Chỉ đạo đánh giá kết quả xây dựng Chính quyền điện tử 6 tháng "
            "đầu năm 2026, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm."
        ),
        Labelled("Chủ trì", "Đồng chí Nguyễn Đức Trung, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo."),
        Labelled("Thời gian", "14 giờ 00 phút, thứ Năm, ngày 12 tháng 02 năm 2026."),
        Labelled(
            "Địa điểm", "Phòng họp số 1, trụ sở UBND tỉnh, số 03 đường Trường Thi, thành phố Vinh."
        ),
        Heading("Nội dung cuộc họp", level=2, label="1"),
        DataTable(
            [Column("Thời gian", 0.2, "center"), Column("Nội dung", 0.5), Column("Thực hiện", 0.3)],
            [
                (_span(14, 0, 14, 15), "Khai mạc, giới thiệu đại biểu", "Văn phòng UBND tỉnh"),
                (
                    _span(14, 15, 15, 0),
                    "Báo cáo kết quả xây dựng Chính quyền điện tử 6 tháng đầu năm "
                    "2026 & phương hướng nhiệm vụ <6 tháng cuối năm>",
                    "Sở Thông tin và Truyền thông",
                ),
                (_span(15, 0, 16, 30), "Thảo luận", "Thành viên Ban Chỉ đạo"),
                (_span(16, 30, 17, 0), "Kết luận cuộc họp", "Trưởng Ban Chỉ đạo"),
            ],
        ),
        Heading("Tài liệu và chuẩn bị", level=2, label="2"),
        Bullets(
            [
                "Tài liệu cuộc họp được đăng tải trên Hệ thống quản lý văn bản và điều hành;",
                "Sở Thông tin và Truyền thông chuẩn bị báo cáo và trình chiếu;",
                "Văn phòng UBND tỉnh chuẩn bị phòng họp, âm thanh, ánh sáng.",
            ]
        ),
        Para(
            "Đầu mối liên hệ: đồng chí Hoàng Văn Minh, chuyên viên Sở Thông tin và Truyền thông, "
            "số điện thoại 0238.3 123 456. Đề nghị các đồng chí bố trí thời gian tham dự đúng "
            "giờ. Trân trọng kính mời.",
            closing=True,
        ),
    ]
    annex_blocks = []
    if annex:
        annex_blocks = [
            NewPage(landscape=True),
            Title(
                "Danh sách thành viên Ban Chỉ đạo",
                note="(Kèm theo Giấy mời số 05/GM-BCĐ ngày 05 tháng 02 năm 2026)",
                space_before_pt=0,
            ),
            DataTable(
                [
                    Column("STT", 0.06, "center"),
                    Column("Họ và tên", 0.22),
                    Column("Chức vụ", 0.18),
                    Column("Cơ quan, đơn vị", 0.34),
                    Column("Ký tên", 0.2),
                ],
                [(str(i), n, p, a, None) for i, (n, p, a) in enumerate(members, 1)],
                min_row_height_mm=12,
            ),
        ]
    return Document(
        header=Header(
            parent_body=PARENT,
            issuing_body=COMMITTEE,
            number=number,
            type_abbr="GM",
            place="Nghệ An",
            date=dt.date(2026, 2, 5),
        ),
        title=Title(
            "Giấy mời",
            "Họp Ban Chỉ đạo xây dựng Chính quyền điện tử đánh giá kết quả 6 tháng đầu năm 2026",
        ),
        body=body,
        annex=annex_blocks,
        signatures=[SignatureBlock(["TM. Ban Chỉ đạo", "Trưởng ban"], "Nguyễn Đức Trung")],
        recipients=Recipients(
            [
                "Như trên",
                "Thường trực Tỉnh ủy (để b/c)",
                "Chủ tịch, các PCT UBND tỉnh",
                "Lãnh đạo Văn phòng UBND tỉnh",
            ],
        ),
    )


def sample_minutes() -> Document:
    """Biên bản (template 1.9): no place-date, two signatures, recipients below."""
    return Document(
        header=Header(
            parent_body=PARENT,
            issuing_body=COMMITTEE,
            number=3,
            type_abbr="BB",
            show_place_date=False,
        ),
        title=Title(
            "Biên bản", "Họp Ban Chỉ đạo xây dựng Chính quyền điện tử 6 tháng đầu năm 2026"
        ),
        body=[
            Labelled("Thời gian bắt đầu", "14 giờ 00 phút, ngày 12 tháng 02 năm 2026."),
            Labelled("Địa điểm", "Phòng họp số 1, trụ sở UBND tỉnh."),
            Labelled("Thành phần tham dự", "15/17 thành viên Ban Chỉ đạo; vắng 02 (có lý do)."),
            Labelled("Chủ trì (chủ tọa)", "Đồng chí Nguyễn Đức Trung, Trưởng Ban Chỉ đạo."),
            Labelled("Thư ký (người ghi biên bản)", "Đồng chí Hoàng Văn Minh."),
            Heading("Nội dung (theo diễn biến cuộc họp)", level=1, label="I"),
            Para("Sở Thông tin và Truyền thông báo cáo kết quả 6 tháng đầu năm 2026."),
            Para("Cuộc họp kết thúc vào 17 giờ 00 phút, ngày 12 tháng 02 năm 2026.", closing=True),
        ],
        signatures=[
            SignatureBlock(["THƯ KÝ"], "Hoàng Văn Minh"),
            SignatureBlock(["CHỦ TỌA"], "Nguyễn Đức Trung"),
        ],
        recipients=Recipients(["Thành viên Ban Chỉ đạo"], archive="VT, Hồ sơ"),
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    out = Path(paths[0] if paths else "/tmp/sample.pdf")
    register_fonts(prefer_system="--bundled-font" not in args)
    doc = sample_minutes() if "--minutes" in args else sample_invitation()
    out.write_bytes(render(doc))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
