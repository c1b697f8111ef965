"""Static lists behind the demo: the province's reorganisations, at their real dates.

From 1 December 2024 thị xã Cửa Lò was part of thành phố Vinh (Nghị quyết 1243/NQ-UBTVQH15
of 24/10/2024 on the district- and commune-level units of Nghệ An, 2023-2025); from 1 March 2025
the provincial departments were merged (Nghị quyết of the National Assembly on the government's
structure, and the province's resolutions following it); from 1 July 2025 the district level
was abolished and the communes and wards report to the province. The demo's units, committee,
working group, tasks and reporting follow these dates whenever they fall inside its two years
(:mod:`.reorg` holds the rules).
"""

from __future__ import annotations

from datetime import date

from ..models import UnitKind

# Thị xã Cửa Lò (with four communes of huyện Nghi Lộc) went into thành phố Vinh: from then on
# there is no UBND thị xã Cửa Lò; on 1/7/2025 its former wards became phường Cửa Lò.
CUA_LO_INTO_VINH = date(2024, 12, 1)
MERGER = date(2025, 3, 1)  # the departments merged
TWO_LEVEL = date(2025, 7, 1)  # the district level abolished
# The district level's end was decided by Nghị quyết 60-NQ/TW of 12/04/2025: from then on the
# committee plans with it (a district's deadline set after it falls before 1/7/2025).
TWO_LEVEL_DECIDED = date(2025, 4, 12)

# Units that came into being with the reorganisation: key, name, short name, kind, head's
# position, document symbol, e-mail domain, first day.
NEW_UNITS: list[tuple[str, str, str, UnitKind, str, str, str | None, date]] = [
    (
        "snnmt",
        "Sở Nông nghiệp và Môi trường",
        "Sở NN&MT",
        UnitKind.DEPARTMENT,
        "Giám đốc Sở Nông nghiệp và Môi trường",
        "SNNMT",
        None,
        MERGER,
    ),
    (
        "svhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở VHTT&DL",
        UnitKind.DEPARTMENT,
        "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        None,
        MERGER,
    ),
    (
        "sdttg",
        "Sở Dân tộc và Tôn giáo",
        "Sở DT&TG",
        UnitKind.DEPARTMENT,
        "Giám đốc Sở Dân tộc và Tôn giáo",
        "SDTTG",
        None,
        MERGER,
    ),
    (
        "thue",
        "Thuế tỉnh Nghệ An",
        "Thuế tỉnh",
        UnitKind.CENTRAL_AGENCY,
        "Trưởng Thuế tỉnh Nghệ An",
        "TNA",
        "gdt.gov.vn",
        TWO_LEVEL,
    ),
]
# The wards (phường) since 1 July 2025; the demo leaves out the 119 communes (xã).
WARDS = [
    "Trường Vinh",
    "Thành Vinh",
    "Vinh Hưng",
    "Vinh Phú",
    "Vinh Lộc",
    "Cửa Lò",
    "Hoàng Mai",
    "Tân Mai",
    "Quỳnh Mai",
    "Thái Hòa",
    "Tây Hiếu",
]

# Unit key → (the unit it was merged into, the day). Every other district is retired on
# TWO_LEVEL.
MERGED_INTO: dict[str, tuple[str, date]] = {
    "l:Cửa Lò": ("l:Vinh", CUA_LO_INTO_VINH),
    "stttt": ("skhcn", MERGER),
    "skhdt": ("stc", MERGER),
    "sldtbxh": ("snv", MERGER),
    "sgtvt": ("sxd", MERGER),
    "stnmt": ("snnmt", MERGER),
    "snn": ("snnmt", MERGER),
    "svhtt": ("svhttdl", MERGER),
    "sdl": ("svhttdl", MERGER),
    "bdt": ("sdttg", MERGER),
    "ct": ("thue", TWO_LEVEL),
}
# Where the demo's own wording and meetings about a district go once the districts are gone
# (not a merge: a district's communes went to several new communes and wards). Cửa Lò's, in
# Vinh since 1/12/2024, went to phường Cửa Lò.
DISTRICT_HEIRS = {
    "l:Vinh": "p:Trường Vinh",
    "l:Cửa Lò": "p:Cửa Lò",
    "l:Thái Hòa": "p:Thái Hòa",
    "l:Hoàng Mai": "p:Hoàng Mai",
}
# What became of the head of a merged unit: (new position, heads the receiving unit). The
# receiving units not listed here keep their head.
HEAD_MOVES: dict[str, tuple[str, bool]] = {
    "stttt": ("Giám đốc Sở Khoa học và Công nghệ", True),
    "skhcn": ("Phó Giám đốc Sở Khoa học và Công nghệ", False),
    "skhdt": ("Phó Giám đốc Sở Tài chính", False),
    "sldtbxh": ("Phó Giám đốc Sở Nội vụ", False),
    "sgtvt": ("Phó Giám đốc Sở Xây dựng", False),
    "snn": ("Giám đốc Sở Nông nghiệp và Môi trường", True),
    "stnmt": ("Phó Giám đốc Sở Nông nghiệp và Môi trường", False),
    "svhtt": ("Giám đốc Sở Văn hóa, Thể thao và Du lịch", True),
    "sdl": ("Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch", False),
    "bdt": ("Giám đốc Sở Dân tộc và Tôn giáo", True),
    "ct": ("Trưởng Thuế tỉnh Nghệ An", True),
}
# The receiving unit whose head stepped aside for the merged unit's (the heads of both were
# in the committee): skhcn's director stays on as deputy, the TT&TT director heads it.
HEAD_REPLACED = {"skhcn": "stttt"}

# Committee seats of the wards, from the kiện toàn that followed the two-level government:
# unit key, field, area.
WARD_MEMBERS: list[tuple[str, str, str]] = [
    (
        "p:Trường Vinh",
        "Đô thị thông minh; chính quyền số cấp xã",
        "Các phường Trường Vinh, Thành Vinh, Vinh Hưng, Vinh Phú, Vinh Lộc",
    ),
    ("p:Hoàng Mai", "Dịch vụ công trực tuyến cấp xã", "Các phường Hoàng Mai, Tân Mai, Quỳnh Mai"),
]
# The working-group member from a district who leaves with it, and who joins for the wards:
# unit key, position, field.
WARD_GROUP_MEMBER = (
    "p:Thành Vinh",
    "Phó Chủ tịch UBND phường Thành Vinh",
    "Chính quyền số cấp xã",
)

# The areas (địa bàn) of the members renamed by the kiện toàn of a day other than 1/7/2025: the
# standing member's thị xã Cửa Lò, part of thành phố Vinh since 1/12/2024 (the city's chair
# keeps the rest of the city).
AREAS_RENAMED: dict[date, dict[str, str]] = {
    CUA_LO_INTO_VINH: {"Thị xã Cửa Lò": "Thành phố Vinh (khu vực Cửa Lò)"},
}
# The areas (địa bàn) of the members once the districts are gone.
AREAS_AFTER: dict[str, str] = {
    "Thành phố Vinh": "Các phường Trường Vinh, Thành Vinh, Vinh Hưng, Vinh Phú, Vinh Lộc",
    "Thành phố Vinh (khu vực Cửa Lò)": "Phường Cửa Lò",
    "Thị xã Thái Hòa": "Các phường Thái Hòa, Tây Hiếu và xã Đông Hiếu",
    "Thị xã Hoàng Mai": "Các phường Hoàng Mai, Tân Mai, Quỳnh Mai",
}
# A district's area, once it is gone: the communes formed from it on 1/7/2025 (Nghị quyết
# 1678/NQ-UBTVQH15 of 16/06/2025; the few of its old communes that went to a ward stay with
# that ward's member). The demo has no unit for a commune, but a member's area names them as
# the kiện toàn decision did.
DISTRICT_COMMUNES: dict[str, tuple[str, ...]] = {
    "Anh Sơn": ("Anh Sơn", "Yên Xuân", "Nhân Hòa", "Anh Sơn Đông", "Vĩnh Tường", "Thành Bình Thọ"),
    "Con Cuông": ("Con Cuông", "Môn Sơn", "Mậu Thạch", "Cam Phục", "Châu Khê", "Bình Chuẩn"),
    "Diễn Châu": (
        "Diễn Châu", "Đức Châu", "Quảng Châu", "Hải Châu", "Tân Châu", "An Châu", "Minh Châu",
        "Hùng Châu",
    ),
    "Đô Lương": ("Đô Lương", "Bạch Ngọc", "Văn Hiến", "Bạch Hà", "Thuần Trung", "Lương Sơn"),
    "Hưng Nguyên": ("Hưng Nguyên", "Yên Trung", "Hưng Nguyên Nam", "Lam Thành"),
    "Kỳ Sơn": (
        "Mường Xén", "Hữu Kiệm", "Nậm Cắn", "Chiêu Lưu", "Na Loi", "Mường Típ", "Na Ngoi",
        "Mỹ Lý", "Bắc Lý", "Keng Đu", "Huồi Tụ", "Mường Lống",
    ),
    "Nam Đàn": ("Nam Đàn", "Vạn An", "Thiên Nhẫn", "Kim Liên", "Đại Huệ"),
    "Nghi Lộc": (
        "Nghi Lộc", "Phúc Lộc", "Đông Lộc", "Trung Lộc", "Thần Lĩnh", "Hải Lộc", "Văn Kiều",
    ),
    "Nghĩa Đàn": (
        "Nghĩa Đàn", "Nghĩa Thọ", "Nghĩa Lâm", "Nghĩa Mai", "Nghĩa Hưng", "Nghĩa Khánh",
        "Nghĩa Lộc",
    ),
    "Quế Phong": ("Quế Phong", "Tiền Phong", "Tri Lễ", "Mường Quàng", "Thông Thụ"),
    "Quỳ Châu": ("Quỳ Châu", "Châu Tiến", "Hùng Chân", "Châu Bình"),
    "Quỳ Hợp": (
        "Quỳ Hợp", "Tam Hợp", "Châu Lộc", "Châu Hồng", "Mường Ham", "Mường Chọng", "Minh Hợp",
    ),
    "Quỳnh Lưu": (
        "Quỳnh Lưu", "Quỳnh Văn", "Quỳnh Anh", "Quỳnh Tam", "Quỳnh Phú", "Quỳnh Sơn",
        "Quỳnh Thắng",
    ),
    "Tân Kỳ": ("Tân Kỳ", "Tân Phú", "Tân An", "Nghĩa Đồng", "Giai Xuân", "Nghĩa Hành", "Tiên Đồng"),
    "Thanh Chương": (
        "Cát Ngạn", "Tam Đồng", "Hạnh Lâm", "Sơn Lâm", "Hoa Quân", "Kim Bảng", "Bích Hào",
        "Đại Đồng", "Xuân Lâm",
    ),
    "Tương Dương": (
        "Tam Quang", "Tam Thái", "Tương Dương", "Lượng Minh", "Yên Na", "Yên Hòa", "Nga My",
        "Hữu Khuông", "Nhôn Mai",
    ),
    "Yên Thành": (
        "Yên Thành", "Quan Thành", "Hợp Minh", "Vân Tụ", "Vân Du", "Quang Đồng", "Giai Lạc",
        "Bình Minh", "Đông Thành",
    ),
}  # fmt: skip

# The demo's wording of a date on or after each day: (old, new), applied in order.
WORDING: list[tuple[date, list[tuple[str, str]]]] = [
    (
        MERGER,
        [
            ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
            ("Bộ Thông tin và Truyền thông", "Bộ Khoa học và Công nghệ"),
        ],
    ),
    (
        TWO_LEVEL,
        [
            ("UBND thành phố Vinh", "UBND phường Trường Vinh"),
            ("thí điểm tại thành phố Vinh", "thí điểm tại các phường Trường Vinh, Thành Vinh"),
            ("UBND cấp huyện", "UBND cấp xã"),
            ("cấp huyện, cấp xã", "cấp xã"),
            ("cấp sở, cấp huyện", "cấp sở, cấp xã"),
            ("tại các huyện còn lại", "tại các xã còn lại"),
            ("các huyện miền núi", "các xã miền núi"),
            # The standing agency's address: phường Lê Mao, which went (with Quang Trung) to
            # phường Thành Vinh on 1/7/2025.
            ("Minh Khai, TP Vinh, Nghệ An", "Minh Khai, phường Thành Vinh, tỉnh Nghệ An"),
            ("TP Vinh, Nghệ An", "tỉnh Nghệ An"),
        ],
    ),
]
