"""Static lists behind the demo: the province and its real units.

Units are real (as of the 2019 regulation: 20 departments, 8 central agencies and enterprises,
21 district-level localities), plus the Provincial People's Committee itself.
"""

from __future__ import annotations

from ..models import UnitKind

PROVINCE = "Nghệ An"
PARENT_BODY = "UBND TỈNH NGHỆ AN"
COMMITTEE_NAME = "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An"
STANDING_ADDRESS = "Số 75 đường Nguyễn Thị Minh Khai, TP Vinh, Nghệ An"
PROVINCE_DOMAIN = "nghean.gov.vn"
# The Provincial People's Committee: the unit of the committee's head and deputy head (its chair
# and a vice-chair). Name, short name, symbol.
PROVINCIAL_UNIT_NAME = "UBND tỉnh Nghệ An"
PROVINCIAL_UNIT_SHORT = "UBND tỉnh"
PROVINCIAL_UNIT_SYMBOL = "UBND"
PROVINCIAL_UNIT_PHONE = "0238 3840 525"  # fixed: a drawn one would shift every later draw

# key, name, short name, kind, head's position, document symbol, e-mail domain (None: province)
_DEP = UnitKind.DEPARTMENT
_CEN = UnitKind.CENTRAL_AGENCY
_ENT = UnitKind.ENTERPRISE
UNITS: list[tuple[str, str, str, UnitKind, str, str, str | None]] = [
    ("vp", "Văn phòng UBND tỉnh", "VP UBND tỉnh", _DEP, "Chánh Văn phòng UBND tỉnh", "VP", None),
    ("snv", "Sở Nội vụ", "Sở Nội vụ", _DEP, "Giám đốc Sở Nội vụ", "SNV", None),
    ("stp", "Sở Tư pháp", "Sở Tư pháp", _DEP, "Giám đốc Sở Tư pháp", "STP", None),
    (
        "skhdt",
        "Sở Kế hoạch và Đầu tư",
        "Sở KH&ĐT",
        _DEP,
        "Giám đốc Sở Kế hoạch và Đầu tư",
        "SKHĐT",
        None,
    ),
    ("stc", "Sở Tài chính", "Sở Tài chính", _DEP, "Giám đốc Sở Tài chính", "STC", None),
    ("sct", "Sở Công Thương", "Sở Công Thương", _DEP, "Giám đốc Sở Công Thương", "SCT", None),
    (
        "snn",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở NN&PTNT",
        _DEP,
        "Giám đốc Sở Nông nghiệp và Phát triển nông thôn",
        "SNN",
        None,
    ),
    (
        "sgtvt",
        "Sở Giao thông vận tải",
        "Sở GTVT",
        _DEP,
        "Giám đốc Sở Giao thông vận tải",
        "SGTVT",
        None,
    ),
    ("sxd", "Sở Xây dựng", "Sở Xây dựng", _DEP, "Giám đốc Sở Xây dựng", "SXD", None),
    (
        "stnmt",
        "Sở Tài nguyên và Môi trường",
        "Sở TN&MT",
        _DEP,
        "Giám đốc Sở Tài nguyên và Môi trường",
        "STNMT",
        None,
    ),
    (
        "stttt",
        "Sở Thông tin và Truyền thông",
        "Sở TT&TT",
        _DEP,
        "Giám đốc Sở Thông tin và Truyền thông",
        "STTTT",
        None,
    ),
    (
        "sldtbxh",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ-TB&XH",
        _DEP,
        "Giám đốc Sở Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        None,
    ),
    (
        "svhtt",
        "Sở Văn hóa và Thể thao",
        "Sở VH&TT",
        _DEP,
        "Giám đốc Sở Văn hóa và Thể thao",
        "SVHTT",
        None,
    ),
    ("sdl", "Sở Du lịch", "Sở Du lịch", _DEP, "Giám đốc Sở Du lịch", "SDL", None),
    (
        "skhcn",
        "Sở Khoa học và Công nghệ",
        "Sở KH&CN",
        _DEP,
        "Giám đốc Sở Khoa học và Công nghệ",
        "SKHCN",
        None,
    ),
    (
        "sgddt",
        "Sở Giáo dục và Đào tạo",
        "Sở GD&ĐT",
        _DEP,
        "Giám đốc Sở Giáo dục và Đào tạo",
        "SGDĐT",
        None,
    ),
    ("syt", "Sở Y tế", "Sở Y tế", _DEP, "Giám đốc Sở Y tế", "SYT", None),
    ("sngv", "Sở Ngoại vụ", "Sở Ngoại vụ", _DEP, "Giám đốc Sở Ngoại vụ", "SNgV", None),
    ("tt", "Thanh tra tỉnh", "Thanh tra tỉnh", _DEP, "Chánh Thanh tra tỉnh", "TTr", None),
    ("bdt", "Ban Dân tộc", "Ban Dân tộc", _DEP, "Trưởng Ban Dân tộc tỉnh", "BDT", None),
    ("ca", "Công an tỉnh", "Công an tỉnh", _CEN, "Giám đốc Công an tỉnh", "CAT", None),
    (
        "bchqs",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Bộ CHQS tỉnh",
        _CEN,
        "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
        "BCH",
        None,
    ),
    ("ct", "Cục Thuế tỉnh", "Cục Thuế", _CEN, "Cục trưởng Cục Thuế tỉnh", "CT", "gdt.gov.vn"),
    (
        "kbnn",
        "Kho bạc Nhà nước tỉnh",
        "KBNN tỉnh",
        _CEN,
        "Giám đốc Kho bạc Nhà nước tỉnh",
        "KBNA",
        "vst.gov.vn",
    ),
    (
        "bhxh",
        "Bảo hiểm xã hội tỉnh",
        "BHXH tỉnh",
        _CEN,
        "Giám đốc Bảo hiểm xã hội tỉnh",
        "BHXH",
        "vss.gov.vn",
    ),
    ("bd", "Bưu điện tỉnh", "Bưu điện tỉnh", _CEN, "Giám đốc Bưu điện tỉnh", "BĐT", "vnpost.vn"),
    (
        "vnpt",
        "Viễn thông Nghệ An",
        "VNPT Nghệ An",
        _ENT,
        "Giám đốc Viễn thông Nghệ An",
        "VNPT",
        "vnpt.vn",
    ),
    (
        "viettel",
        "Viettel Nghệ An",
        "Viettel Nghệ An",
        _ENT,
        "Giám đốc Viettel Nghệ An",
        "VTNA",
        "viettel.com.vn",
    ),
    (
        "dhv",
        "Trường Đại học Vinh",
        "ĐH Vinh",
        UnitKind.UNIVERSITY,
        "Hiệu trưởng Trường Đại học Vinh",
        "ĐHV",
        "vinhuni.edu.vn",
    ),
]

# The 21 district-level localities (until mid-2025): (level, name).
LOCALITIES: list[tuple[str, str]] = [
    ("thành phố", "Vinh"),
    ("thị xã", "Cửa Lò"),
    ("thị xã", "Thái Hòa"),
    ("thị xã", "Hoàng Mai"),
    *(
        ("huyện", n)
        for n in (
            "Anh Sơn",
            "Con Cuông",
            "Diễn Châu",
            "Đô Lương",
            "Hưng Nguyên",
            "Kỳ Sơn",
            "Nam Đàn",
            "Nghi Lộc",
            "Nghĩa Đàn",
            "Quế Phong",
            "Quỳ Châu",
            "Quỳ Hợp",
            "Quỳnh Lưu",
            "Tân Kỳ",
            "Thanh Chương",
            "Tương Dương",
            "Yên Thành",
        )
    ),
]
LEVEL_SHORT = {"thành phố": "TP", "thị xã": "TX", "huyện": "H."}
