"""Static lists behind the demo data (``demo.py``): real Nghệ An units, invented-name parts and the
Vietnamese wording of meetings, conclusions, sessions and reports.

Units are real (as of the 2019 regulation: 20 departments, 8 central agencies and enterprises,
21 district-level localities); every person the demo creates is invented from the name parts below.
"""

from __future__ import annotations

from .models import SessionPurpose, UnitKind

PROVINCE = "Nghệ An"
PARENT_BODY = "UBND TỈNH NGHỆ AN"
COMMITTEE_NAME = "Ban Chỉ đạo xây dựng Chính quyền điện tử tỉnh Nghệ An"
STANDING_ADDRESS = "Số 75 đường Nguyễn Thị Minh Khai, TP Vinh, Nghệ An"
PROVINCE_DOMAIN = "nghean.gov.vn"
PROVINCIAL_UNIT_NAME = "UBND tỉnh Nghệ An"  # for the chair and vice-chair, who belong to no unit

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

# Invented people: name parts with rough frequencies (Nghệ An has many Hồ, Thái, Võ).
FAMILY_NAMES: list[tuple[str, int]] = [
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 10),
    ("Phạm", 6),
    ("Hoàng", 6),
    ("Phan", 5),
    ("Vũ", 3),
    ("Võ", 5),
    ("Đặng", 4),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 6),
    ("Ngô", 3),
    ("Dương", 2),
    ("Lý", 1),
    ("Đinh", 2),
    ("Thái", 3),
    ("Cao", 2),
    ("Chu", 1),
    ("Đậu", 2),
    ("Lương", 1),
]
MIDDLE_MALE = [
    "Văn",
    "Văn",
    "Văn",
    "Hữu",
    "Đình",
    "Minh",
    "Quốc",
    "Thanh",
    "Xuân",
    "Đức",
    "Công",
    "Trọng",
    "Ngọc",
    "Quang",
    "Anh",
    "Bá",
    "Sỹ",
    "Duy",
    "Trung",
    "Hồng",
    "Khắc",
    "Viết",
]
MIDDLE_FEMALE = [
    "Thị",
    "Thị",
    "Thị",
    "Thị",
    "Thị Thu",
    "Thị Minh",
    "Thị Thanh",
    "Thị Hồng",
    "Thu",
    "Ngọc",
    "Hồng",
    "Thanh",
    "Minh",
    "Phương",
    "Hải",
]
GIVEN_MALE = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Thắng",
    "Hải",
    "Sơn",
    "Long",
    "Quang",
    "Bình",
    "Cường",
    "Hưng",
    "Nam",
    "Phong",
    "Trung",
    "Lâm",
    "Toàn",
    "Thành",
    "Lợi",
    "Hòa",
    "Tú",
    "Vinh",
    "Đạt",
    "Khánh",
    "Kiên",
    "Lực",
    "Nghĩa",
    "Phúc",
    "Quý",
    "Tài",
    "Thịnh",
    "Tiến",
    "Việt",
    "Hiếu",
    "Đông",
    "Chiến",
    "Hoàn",
    "Luận",
    "Mạnh",
    "Ngọc",
    "Sáng",
    "Thái",
    "Vượng",
    "Bảo",
    "Huy",
    "Công",
]
GIVEN_FEMALE = [
    "Hà",
    "Hương",
    "Lan",
    "Mai",
    "Nga",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Thủy",
    "Trang",
    "Vân",
    "Yến",
    "Hằng",
    "Hạnh",
    "Hoa",
    "Linh",
    "Loan",
    "Huyền",
    "Dung",
    "Giang",
    "Hiền",
    "Liên",
    "Quyên",
    "Tâm",
    "Thương",
    "Lý",
    "Ngân",
]

# Committee members: unit key (locality keys are "l:<name>"), field, area.
MEMBERS: list[tuple[str, str, str]] = [
    (
        "vp",
        "Dịch vụ công trực tuyến; Hệ thống thông tin giải quyết thủ tục hành chính",
        "Huyện Nghi Lộc",
    ),
    ("snv", "Cải cách hành chính; chữ ký số, văn bản điện tử", "Huyện Nam Đàn"),
    ("stp", "Văn bản quy phạm pháp luật; dữ liệu hộ tịch", "Huyện Hưng Nguyên"),
    ("skhdt", "Đầu tư công cho chuyển đổi số; đăng ký doanh nghiệp qua mạng", "Huyện Đô Lương"),
    ("stc", "Kinh phí ứng dụng công nghệ thông tin; thanh toán trực tuyến", "Huyện Yên Thành"),
    ("sct", "Thương mại điện tử; kinh tế số", "Huyện Anh Sơn"),
    ("snn", "Nông nghiệp số; truy xuất nguồn gốc nông sản", "Huyện Quế Phong"),
    ("stnmt", "Dữ liệu số; cơ sở dữ liệu đất đai", "Huyện Quỳ Hợp"),
    ("sldtbxh", "An sinh xã hội số; chi trả không dùng tiền mặt", "Huyện Quỳ Châu"),
    ("skhcn", "Ứng dụng khoa học và công nghệ; đổi mới sáng tạo", "Huyện Tân Kỳ"),
    ("sgddt", "Chuyển đổi số giáo dục", "Huyện Nghĩa Đàn"),
    ("syt", "Chuyển đổi số y tế", "Thị xã Thái Hòa"),
    ("ca", "An toàn thông tin; Đề án 06, dữ liệu dân cư", "Huyện Kỳ Sơn"),
    ("ct", "Thuế điện tử; hóa đơn điện tử", "Thị xã Hoàng Mai"),
    ("kbnn", "Thanh toán điện tử ngân sách nhà nước", "Huyện Thanh Chương"),
    ("bhxh", "Bảo hiểm xã hội điện tử; dữ liệu an sinh", "Huyện Tương Dương"),
    ("l:Vinh", "Đô thị thông minh; chính quyền số cấp huyện", "Thành phố Vinh"),
    ("l:Diễn Châu", "Chuyển đổi số cấp xã", "Huyện Diễn Châu"),
    ("l:Con Cuông", "Hạ tầng số vùng miền núi", "Huyện Con Cuông"),
    ("l:Quỳnh Lưu", "Dịch vụ công trực tuyến cấp xã", "Huyện Quỳnh Lưu"),
]
# Replaced at the reorganisation a year ago: unit key → what became of the old head.
REPLACED = {
    "syt": ("Nguyên Giám đốc Sở Y tế", None, "Nghỉ hưu theo chế độ."),
    "ct": ("Nguyên Cục trưởng Cục Thuế tỉnh", None, "Điều động nhận nhiệm vụ khác."),
    "l:Diễn Châu": ("Phó Giám đốc Sở Nội vụ", "snv", "Điều động về Sở Nội vụ."),
}
HEAD_FIELD = "Lãnh đạo, chỉ đạo toàn diện hoạt động của Ban Chỉ đạo"
DEPUTY_FIELD = "Chỉ đạo công tác cải cách hành chính, xây dựng Chính quyền điện tử"
STANDING_DEPUTY_FIELD = "Thường trực Ban Chỉ đạo; hạ tầng số, nền tảng số"
STANDING_FIELD = "Kiến trúc Chính quyền điện tử; dữ liệu số; Tổ trưởng Tổ công tác"
SECRETARY_FIELD = "Thư ký Ban Chỉ đạo; tổng hợp, theo dõi nhiệm vụ"

# Working group: (unit key, position, field); the first is the deputy leader.
GROUP: list[tuple[str, str, str]] = [
    (
        "stttt",
        "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông",
        "Nền tảng số dùng chung; Trung tâm dữ liệu của tỉnh",
    ),
    ("stttt", "Trưởng phòng Công nghệ thông tin", "Kiến trúc, an toàn thông tin"),
    ("vp", "Trưởng phòng Kiểm soát thủ tục hành chính", "Dịch vụ công trực tuyến"),
    ("snv", "Trưởng phòng Cải cách hành chính", "Cải cách hành chính, văn bản điện tử"),
    ("syt", "Phó Chánh Văn phòng, phụ trách công nghệ thông tin", "Chuyển đổi số y tế"),
    ("sgddt", "Phó Chánh Văn phòng, phụ trách công nghệ thông tin", "Chuyển đổi số giáo dục"),
    (
        "stnmt",
        "Giám đốc Trung tâm Công nghệ thông tin tài nguyên và môi trường",
        "Cơ sở dữ liệu đất đai",
    ),
    (
        "ca",
        "Phó Trưởng phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "An ninh mạng; dữ liệu dân cư",
    ),
    ("skhdt", "Chuyên viên Phòng Đăng ký kinh doanh", "Dữ liệu doanh nghiệp"),
    ("l:Vinh", "Trưởng phòng Văn hóa và Thông tin", "Chính quyền số cấp huyện, cấp xã"),
]
GROUP_REPLACED = 4  # index in GROUP of the member replaced at the reorganisation

# Experts and scientists (kind, unit key, position); titles live in the position, never the name.
EXPERTS: list[tuple[str, str, str]] = [
    ("scientist", "dhv", "PGS.TS, Giảng viên cao cấp, Trường Đại học Vinh"),
    ("scientist", "dhv", "TS, Giảng viên Viện Kỹ thuật và Công nghệ, Trường Đại học Vinh"),
    ("scientist", "dhv", "ThS, Giảng viên an toàn thông tin, Trường Đại học Vinh"),
    ("expert", "viettel", "Kỹ sư giải pháp chuyển đổi số, Viettel Nghệ An"),
    ("expert", "vnpt", "Kỹ sư an toàn thông tin, Viễn thông Nghệ An"),
    ("expert", "vnpt", "Kỹ sư hạ tầng mạng, Viễn thông Nghệ An"),
]

PLACE_MAIN = "Phòng họp tầng 3, UBND tỉnh Nghệ An"
PLACE_HALL = "Hội trường tầng 2, UBND tỉnh Nghệ An"
PLACE_STANDING = f"Phòng họp tầng 2, Sở Thông tin và Truyền thông ({STANDING_ADDRESS})"

ABSENCE_REASONS = [
    "Đi công tác",
    "Họp HĐND tỉnh",
    "Dự hội nghị tại Hà Nội",
    "Tiếp đoàn công tác của Trung ương",
    "Bận công tác đột xuất",
    "Nghỉ phép",
    "Đi công tác nước ngoài",
    "Ốm",
]

# Presenters: "chair", "standing", "unit:<key>", "expert:<n>" or None (discussion).
REGULAR_AGENDA: list[tuple[str, str | None, int]] = [
    ("Khai mạc; tuyên bố lý do, giới thiệu thành phần dự họp", "standing", 10),
    (
        "Báo cáo kết quả xây dựng Chính quyền điện tử {period}; nhiệm vụ trọng tâm {next}",
        "unit:stttt",
        25,
    ),
    (
        "Báo cáo tình hình cung cấp dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải quyết thủ "
        "tục hành chính",
        "unit:vp",
        15,
    ),
    (
        "Báo cáo tiến độ triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư, định danh và "
        "xác thực điện tử",
        "unit:ca",
        15,
    ),
    ("Thảo luận, ý kiến của các thành viên Ban Chỉ đạo", None, 60),
    ("Kết luận của Trưởng ban", "chair", 20),
]

# One task: (content, assignee unit key or "*loc" for a locality, focal unit key or None).
Tasks = list[tuple[str, str, str | None]]
CONCLUSION_POOL: list[tuple[str, Tasks]] = [
    (
        "Các sở, ban, ngành và UBND cấp huyện tiếp tục rà soát, tái cấu trúc quy trình, nâng cao "
        "tỷ "
        "lệ hồ sơ trực tuyến toàn trình, phấn đấu đạt chỉ tiêu Chính phủ giao.",
        [
            (
                "Rà soát, đề xuất danh mục thủ tục hành chính đủ điều kiện cung cấp dịch vụ công "
                "trực "
                "tuyến toàn trình, trình UBND tỉnh phê duyệt",
                "vp",
                "stttt",
            ),
            (
                "Đánh giá tỷ lệ hồ sơ trực tuyến toàn trình tại Bộ phận Một cửa cấp huyện, cấp xã",
                "*loc",
                None,
            ),
        ],
    ),
    (
        "Đẩy nhanh tiến độ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; bảo đảm 100% hồ "
        "sơ tiếp nhận mới được số hóa.",
        [
            (
                "Hướng dẫn, kiểm tra việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại "
                "các "
                "sở, ngành",
                "vp",
                None,
            ),
            ("Báo cáo kết quả số hóa hồ sơ hộ tịch, đất đai trên địa bàn", "*loc", None),
        ],
    ),
    (
        "Bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của tỉnh; hoàn thành phê duyệt "
        "hồ sơ đề xuất cấp độ.",
        [
            (
                "Thẩm định, phê duyệt hồ sơ đề xuất cấp độ an toàn thông tin cho các hệ thống "
                "thông tin "
                "dùng chung",
                "stttt",
                None,
            ),
            ("Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng cấp tỉnh", "stttt", "ca"),
        ],
    ),
    (
        "Đẩy mạnh triển khai Đề án 06; làm sạch, đồng bộ dữ liệu dân cư với các cơ sở dữ liệu "
        "chuyên ngành.",
        [
            (
                "Rà soát, làm sạch dữ liệu hộ tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư",
                "stp",
                "ca",
            ),
            (
                "Hướng dẫn kích hoạt tài khoản định danh điện tử mức độ 2 cho cán bộ, công chức, "
                "viên "
                "chức",
                "ca",
                None,
            ),
        ],
    ),
    (
        "Hoàn thiện Kiến trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 2.0 theo Khung kiến trúc "
        "Chính phủ điện tử Việt Nam.",
        [
            (
                "Trình UBND tỉnh ban hành Kiến trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 2.0",
                "stttt",
                None,
            )
        ],
    ),
    (
        "Bố trí kinh phí thực hiện các nhiệm vụ chuyển đổi số năm {next_year}, ưu tiên các nền "
        "tảng "
        "dùng chung của tỉnh.",
        [
            (
                "Tham mưu bố trí kinh phí chi thường xuyên cho các nhiệm vụ ứng dụng công nghệ "
                "thông "
                "tin năm {next_year}",
                "stc",
                "stttt",
            ),
            (
                "Tổng hợp, đề xuất danh mục dự án đầu tư công về chuyển đổi số giai đoạn trung hạn",
                "skhdt",
                "stttt",
            ),
        ],
    ),
    (
        "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh; đẩy mạnh thanh toán không dùng "
        "tiền mặt trong khám, chữa bệnh.",
        [
            (
                "Xây dựng lộ trình triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh",
                "syt",
                None,
            ),
            (
                "Triển khai thanh toán không dùng tiền mặt trong khám, chữa bệnh bảo hiểm y tế",
                "bhxh",
                "syt",
            ),
        ],
    ),
    (
        "Đẩy mạnh sử dụng chữ ký số, văn bản điện tử; bảo đảm 100% văn bản trao đổi giữa các cơ "
        "quan nhà nước dưới dạng điện tử (trừ văn bản mật).",
        [
            (
                "Kiểm tra việc sử dụng chữ ký số, gửi nhận văn bản điện tử tại các cơ quan, đơn "
                "vị; "
                "công khai kết quả",
                "snv",
                "stttt",
            ),
            ("Cấp bổ sung chứng thư số cho cán bộ lãnh đạo cấp xã", "*loc", "stttt"),
        ],
    ),
    (
        "Đẩy mạnh chuyển đổi số trong giáo dục: học bạ số, thanh toán học phí không dùng tiền mặt.",
        [("Triển khai học bạ số cấp tiểu học trên toàn tỉnh", "sgddt", None)],
    ),
    (
        "Hoàn thành cơ sở dữ liệu đất đai, kết nối với Hệ thống thông tin giải quyết thủ tục hành "
        "chính của tỉnh.",
        [
            (
                "Đẩy nhanh tiến độ xây dựng cơ sở dữ liệu đất đai tại các huyện còn lại",
                "stnmt",
                None,
            ),
            ("Chỉnh lý, số hóa hồ sơ địa chính trên địa bàn", "*loc", "stnmt"),
        ],
    ),
    (
        "Phát triển hạ tầng số: xóa vùng lõm sóng di động, phủ cáp quang đến thôn, bản.",
        [
            (
                "Rà soát danh sách thôn, bản chưa có sóng di động; đề xuất phương án phủ sóng",
                "stttt",
                None,
            ),
            (
                "Đầu tư trạm phát sóng tại các thôn, bản vùng lõm sóng các huyện miền núi",
                "viettel",
                "stttt",
            ),
            ("Kéo cáp quang đến trung tâm các xã miền núi", "vnpt", "stttt"),
        ],
    ),
    (
        "Đẩy mạnh thanh toán trực tuyến phí, lệ phí thủ tục hành chính và chi trả an sinh xã hội "
        "không dùng tiền mặt.",
        [
            ("Hướng dẫn chi trả trợ cấp an sinh xã hội qua tài khoản", "sldtbxh", None),
            ("Mở rộng thanh toán trực tuyến nghĩa vụ tài chính về đất đai, thuế", "ct", "kbnn"),
        ],
    ),
    (
        "Phát triển thương mại điện tử, hỗ trợ đưa sản phẩm OCOP lên sàn thương mại điện tử.",
        [("Hỗ trợ các chủ thể OCOP đưa sản phẩm lên sàn thương mại điện tử", "sct", "snn")],
    ),
    (
        "Nâng cao Chỉ số chuyển đổi số (DTI) của tỉnh; đơn vị có chỉ số thấp phải có giải pháp "
        "khắc "
        "phục cụ thể.",
        [
            ("Xây dựng kế hoạch nâng cao Chỉ số DTI cấp sở, cấp huyện", "stttt", None),
            ("Báo cáo giải pháp khắc phục các chỉ tiêu thành phần DTI đạt thấp", "*loc", "stttt"),
        ],
    ),
    (
        "Rà soát, hoàn thiện các văn bản quy phạm pháp luật về chuyển đổi số thuộc thẩm quyền của "
        "tỉnh.",
        [
            (
                "Thẩm định dự thảo văn bản quy phạm pháp luật về chuyển đổi số đúng tiến độ",
                "stp",
                "stttt",
            )
        ],
    ),
    (
        "Kết nối dữ liệu thuế, bảo hiểm xã hội với Hệ thống thông tin giải quyết thủ tục hành "
        "chính "
        "để giải quyết thủ tục liên thông.",
        [
            (
                "Kết nối, chia sẻ dữ liệu đóng bảo hiểm xã hội phục vụ thủ tục hành chính liên "
                "thông",
                "bhxh",
                "stttt",
            )
        ],
    ),
    (
        "Triển khai Trung tâm giám sát, điều hành thông minh (IOC) cấp tỉnh; thí điểm tại thành "
        "phố "
        "Vinh.",
        [("Xây dựng phương án thí điểm IOC đô thị thông minh", "l:Vinh", "stttt")],
    ),
    (
        "Phát triển nông nghiệp số; ứng dụng mã QR truy xuất nguồn gốc nông sản chủ lực của tỉnh.",
        [("Triển khai hệ thống truy xuất nguồn gốc nông sản, ưu tiên sản phẩm OCOP", "snn", None)],
    ),
    (
        "Đẩy mạnh đăng ký doanh nghiệp qua mạng và liên thông thủ tục đầu tư trên môi trường điện "
        "tử.",
        [
            (
                "Nâng tỷ lệ hồ sơ đăng ký doanh nghiệp qua mạng; báo cáo kết quả hằng quý",
                "skhdt",
                None,
            )
        ],
    ),
    (
        "Phổ cập kỹ năng số cho người dân; phát huy vai trò Tổ công nghệ số cộng đồng.",
        [
            (
                "Tổ chức tập huấn kỹ năng số cho thành viên Tổ công nghệ số cộng đồng",
                "*loc",
                "stttt",
            ),
            ("Hướng dẫn nội dung, tài liệu tập huấn kỹ năng số cơ bản", "stttt", None),
        ],
    ),
    (
        "Đào tạo, bồi dưỡng kiến thức chuyển đổi số cho cán bộ, công chức, viên chức các cấp.",
        [
            (
                "Đưa nội dung chuyển đổi số vào kế hoạch đào tạo, bồi dưỡng cán bộ năm {next_year}",
                "snv",
                "stttt",
            )
        ],
    ),
    (
        "Ứng dụng nền tảng số trong quản lý đô thị, trật tự xây dựng và quy hoạch.",
        [
            (
                "Số hóa, công khai quy hoạch xây dựng trên Cổng thông tin điện tử của tỉnh",
                "sxd",
                "stttt",
            )
        ],
    ),
]

# Meetings other than the regular ones: key, kind, title, days before today (negative: future),
# hour, duration (minutes), place, chair ("head", "deputy", "sdeputy"), agenda, own conclusions,
# units whose members are invited (briefings), agency heads invited (expanded).
OTHER_MEETINGS: list[dict] = [
    dict(
        key="B1",
        kind="briefing",
        days=660,
        hour=14,
        minutes=150,
        place=PLACE_STANDING,
        chair="deputy",
        title="Phó Trưởng ban làm việc với Tổ công tác nghe báo cáo tiến độ xây dựng Kho dữ "
        "liệu dùng chung của tỉnh",
        agenda=[
            ("Báo cáo tiến độ xây dựng Kho dữ liệu dùng chung", "standing", 30),
            ("Ý kiến của các thành viên Tổ công tác", None, 60),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[
            (
                "Hoàn thành Kho dữ liệu dùng chung của tỉnh, kết nối với Nền tảng tích "
                "hợp, chia sẻ dữ liệu.",
                [("Hoàn thành, đưa vào vận hành Kho dữ liệu dùng chung của tỉnh", "stttt", None)],
            )
        ],
        units=["stttt", "vp", "stnmt"],
    ),
    dict(
        key="E1",
        kind="extraordinary",
        days=590,
        hour=14,
        minutes=180,
        place=PLACE_MAIN,
        chair="deputy",
        proposed=True,
        title="Họp bất thường Ban Chỉ đạo về tháo gỡ vướng mắc trong kết nối, chia sẻ dữ liệu "
        "với Cơ sở dữ liệu quốc gia về dân cư",
        agenda=[
            ("Báo cáo tình hình, nguyên nhân chậm kết nối, chia sẻ dữ liệu", "standing", 20),
            ("Ý kiến của Công an tỉnh về xác thực, đồng bộ dữ liệu công dân", "unit:ca", 15),
            ("Thảo luận, thống nhất giải pháp", None, 60),
            ("Kết luận của chủ trì", "chair", 15),
        ],
        conclusions=[
            (
                "Công an tỉnh chủ trì, phối hợp Sở Thông tin và Truyền thông hoàn thành "
                "kết nối Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh với Cơ "
                "sở dữ liệu quốc gia về dân cư.",
                [
                    (
                        "Hoàn thành kết nối, xác thực thông tin công dân trên Hệ thống thông "
                        "tin giải quyết thủ tục hành chính của tỉnh",
                        "ca",
                        "stttt",
                    )
                ],
            )
        ],
    ),
    dict(
        key="X1",
        kind="expanded",
        days=450,
        hour=8,
        minutes=210,
        place=PLACE_HALL,
        chair="head",
        title="Họp Ban Chỉ đạo mở rộng góp ý dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai "
        "đoạn {y1}–2030",
        agenda=[
            ("Trình bày dự thảo Đề án chuyển đổi số", "unit:stttt", 30),
            ("Ý kiến của chuyên gia Trường Đại học Vinh", "expert:0", 20),
            ("Ý kiến của các doanh nghiệp viễn thông về phát triển hạ tầng số", "unit:viettel", 20),
            ("Thảo luận", None, 60),
            ("Kết luận của Trưởng ban", "chair", 20),
        ],
        conclusions=[
            (
                "Sở Thông tin và Truyền thông tiếp thu ý kiến chuyên gia, hoàn thiện dự "
                "thảo Đề án chuyển đổi số, trình UBND tỉnh.",
                [
                    (
                        "Hoàn thiện dự thảo Đề án chuyển đổi số, trình UBND tỉnh phê duyệt",
                        "stttt",
                        None,
                    )
                ],
            )
        ],
        agencies=["viettel", "vnpt", "bd", "dhv", "sxd", "svhtt", "sdl"],
    ),
    dict(
        key="B2",
        kind="briefing",
        days=300,
        hour=8,
        minutes=150,
        place="Phòng họp Sở Y tế",
        chair="deputy",
        title="Phó Trưởng ban làm việc với Sở Y tế về triển khai bệnh án điện tử và thanh toán "
        "không dùng tiền mặt trong khám, chữa bệnh",
        agenda=[
            ("Sở Y tế báo cáo kết quả chuyển đổi số y tế", "unit:syt", 30),
            ("Ý kiến của Bảo hiểm xã hội tỉnh", "unit:bhxh", 15),
            ("Thảo luận", None, 45),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["syt", "bhxh", "stttt"],
    ),
    dict(
        key="E2",
        kind="extraordinary",
        days=230,
        hour=14,
        minutes=180,
        place=PLACE_MAIN,
        chair="sdeputy",
        title="Họp bất thường Ban Chỉ đạo về sự cố mất an toàn thông tin trên hệ thống thư điện "
        "tử công vụ của tỉnh",
        agenda=[
            ("Báo cáo diễn biến sự cố và kết quả ứng cứu", "unit:stttt", 20),
            ("Công an tỉnh báo cáo kết quả xác minh", "unit:ca", 15),
            ("Đề xuất giải pháp bảo đảm an toàn thông tin lâu dài", "standing", 20),
            ("Thảo luận", None, 45),
            ("Kết luận của chủ trì", "chair", 15),
        ],
        conclusions=[
            (
                "Khẩn trương khắc phục sự cố, rà soát toàn bộ tài khoản thư điện tử công "
                "vụ, bắt buộc xác thực hai lớp.",
                [
                    (
                        "Rà soát, đặt lại mật khẩu, kích hoạt xác thực hai lớp cho toàn bộ "
                        "tài khoản thư điện tử công vụ",
                        "stttt",
                        None,
                    ),
                    ("Xác minh nguồn gốc tấn công, xử lý theo quy định", "ca", None),
                ],
            )
        ],
    ),
    dict(
        key="B3",
        kind="briefing",
        days=170,
        hour=14,
        minutes=150,
        place="Phòng họp UBND thành phố Vinh",
        chair="head",
        cancelled=True,
        title="Trưởng ban làm việc với UBND thành phố Vinh về xây dựng đô thị thông minh",
        agenda=[
            ("UBND thành phố Vinh báo cáo kết quả xây dựng đô thị thông minh", "unit:l:Vinh", 30),
            ("Thảo luận", None, 45),
            ("Kết luận của Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["l:Vinh", "stttt", "sxd"],
    ),
    dict(
        key="X2",
        kind="expanded",
        days=120,
        hour=8,
        minutes=210,
        place=PLACE_HALL,
        chair="head",
        title="Họp Ban Chỉ đạo mở rộng về phát triển hạ tầng số và bảo đảm an toàn thông tin mạng",
        agenda=[
            ("Báo cáo hiện trạng hạ tầng số của tỉnh", "unit:stttt", 20),
            ("Phương án phủ sóng di động vùng lõm", "unit:vnpt", 15),
            ("Giải pháp Trung tâm giám sát an toàn thông tin (SOC)", "unit:viettel", 15),
            ("Ý kiến chuyên gia về an toàn thông tin", "expert:2", 15),
            ("Thảo luận", None, 60),
            ("Kết luận của Trưởng ban", "chair", 20),
        ],
        conclusions=[
            (
                "Giao Tổ công tác hoàn thiện dự án Trung tâm giám sát, điều hành an toàn, "
                "an ninh mạng (SOC) của tỉnh.",
                [("Hoàn thiện hồ sơ dự án SOC, trình thẩm định", "stttt", "skhdt")],
            )
        ],
        agencies=["viettel", "vnpt", "bd", "dhv", "bchqs"],
        guest=True,
    ),
    dict(
        key="B4",
        kind="briefing",
        days=12,
        hour=14,
        minutes=150,
        place=PLACE_STANDING,
        chair="sdeputy",
        title="Phó Trưởng ban thường trực làm việc với Tổ công tác về Chỉ số chuyển đổi số (DTI)",
        agenda=[
            ("Tổ công tác báo cáo kết quả tự đánh giá Chỉ số DTI", "standing", 30),
            ("Thảo luận", None, 60),
            ("Kết luận của Phó Trưởng ban thường trực", "chair", 15),
        ],
        conclusions=[],
        units=["stttt", "vp", "snv"],
    ),
    dict(
        key="C1",
        kind="briefing",
        days=-6,
        hour=8,
        minutes=150,
        place="Phòng họp Sở Giáo dục và Đào tạo",
        chair="deputy",
        convened=True,
        title="Phó Trưởng ban làm việc với Sở Giáo dục và Đào tạo về chuyển đổi số trong giáo dục",
        agenda=[
            ("Sở Giáo dục và Đào tạo báo cáo kết quả chuyển đổi số", "unit:sgddt", 30),
            ("Thảo luận", None, 45),
            ("Kết luận của Phó Trưởng ban", "chair", 15),
        ],
        conclusions=[],
        units=["sgddt", "stttt", "stc"],
    ),
]

DISCUSSION_POINTS = [
    "tăng cường kiểm tra tỷ lệ hồ sơ trực tuyến toàn trình",
    "bố trí đủ kinh phí cho các nền tảng dùng chung",
    "sớm hoàn thiện hướng dẫn kết nối, chia sẻ dữ liệu",
    "quan tâm đào tạo kỹ năng số cho cán bộ cấp xã",
    "bảo đảm an toàn thông tin khi mở rộng dịch vụ công trực tuyến",
    "đẩy mạnh tuyên truyền để người dân sử dụng dịch vụ công trực tuyến",
]
FACTS = [
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt {p1}%; tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục "
    "hành chính đạt {p2}%.",
    "Tỷ lệ văn bản điện tử được ký số đạt {p3}%; 100% cơ quan sử dụng phần mềm quản lý văn bản "
    "và điều hành.",
    "Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh đã kết nối {n1} cơ sở dữ liệu, hệ thống thông "
    "tin.",
    "Trong kỳ đã phát hiện, ngăn chặn {n2} lượt tấn công, dò quét vào các hệ thống thông tin của "
    "tỉnh.",
]

# Working-group sessions: purpose, title, days before today, outputs (kind, title, version, status).
SESSIONS: list[tuple[SessionPurpose, str, int, list[tuple[SessionPurpose, str, str, str]]]] = [
    (
        SessionPurpose.PROPOSAL,
        "Nghiên cứu, xây dựng dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai đoạn {y1}–2030",
        700,
        [
            (
                SessionPurpose.PROPOSAL,
                "Dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai đoạn {y1}–2030",
                "Dự thảo 2",
                "approved",
            )
        ],
    ),
    (
        SessionPurpose.REGULATION,
        "Xây dựng dự thảo Quy chế quản lý, vận hành, khai thác Nền tảng "
        "tích hợp, chia sẻ dữ liệu tỉnh Nghệ An",
        560,
        [
            (
                SessionPurpose.REGULATION,
                "Dự thảo Quy chế quản lý, vận hành, khai thác Nền tảng tích hợp, chia sẻ dữ liệu",
                "v1.0",
                "approved",
            )
        ],
    ),
    (
        SessionPurpose.LEGAL_DOCUMENT,
        "Xây dựng dự thảo Nghị quyết của HĐND tỉnh quy định mức thu "
        "phí, lệ phí khi thực hiện dịch vụ công trực tuyến",
        420,
        [
            (
                SessionPurpose.LEGAL_DOCUMENT,
                "Dự thảo Nghị quyết quy định mức thu phí, lệ phí khi thực "
                "hiện dịch vụ công trực tuyến",
                "Dự thảo 3",
                "submitted",
            ),
            (
                SessionPurpose.OTHER,
                "Báo cáo đánh giá tác động chính sách",
                "Dự thảo 2",
                "submitted",
            ),
        ],
    ),
    (
        SessionPurpose.PROJECT,
        "Xây dựng dự án Trung tâm giám sát, điều hành an toàn, an ninh mạng (SOC) tỉnh Nghệ An",
        300,
        [
            (
                SessionPurpose.PROJECT,
                "Báo cáo nghiên cứu khả thi dự án SOC",
                "Dự thảo 2",
                "consulting",
            ),
            (
                SessionPurpose.OTHER,
                "Phương án thuê dịch vụ giám sát an toàn thông tin",
                "v1.0",
                "withdrawn",
            ),
        ],
    ),
    (
        SessionPurpose.REGULATION,
        "Xây dựng dự thảo Quy chế bảo đảm an toàn thông tin mạng trong "
        "hoạt động của cơ quan nhà nước tỉnh Nghệ An",
        150,
        [
            (
                SessionPurpose.REGULATION,
                "Dự thảo Quy chế bảo đảm an toàn thông tin mạng",
                "Dự thảo 2",
                "consulting",
            )
        ],
    ),
    (
        SessionPurpose.OTHER,
        "Rà soát, đánh giá Chỉ số chuyển đổi số (DTI) và đề xuất giải pháp nâng hạng",
        45,
        [(SessionPurpose.OTHER, "Báo cáo đánh giá Chỉ số DTI năm {y0}", "Dự thảo 1", "drafting")],
    ),
]

# Reporting regimes: name, frequency, content, units asked ("dep", "dvc", "loc" groups).
RECEIVING_BODY = "Ban Chỉ đạo (qua Sở Thông tin và Truyền thông)"
REGIMES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "Báo cáo tình hình triển khai Chính quyền điện tử",
        "six_monthly",
        "Kết quả ứng dụng công nghệ thông tin, xây dựng Chính quyền điện tử; khó khăn, vướng mắc; "
        "đề xuất, kiến nghị (theo đề cương kèm theo).",
        ("dep", "loc"),
    ),
    (
        "Báo cáo kết quả cung cấp dịch vụ công trực tuyến",
        "quarterly",
        "Số thủ tục hành chính cung cấp trực tuyến; số hồ sơ tiếp nhận, giải quyết trực tuyến; tỷ "
        "lệ thanh toán trực tuyến.",
        ("dvc", "loc"),
    ),
    (
        "Báo cáo công tác bảo đảm an toàn thông tin mạng",
        "six_monthly",
        "Tình hình phê duyệt cấp độ, giám sát, ứng cứu sự cố an toàn thông tin; diễn tập; đào tạo.",
        ("dep", "loc"),
    ),
    (
        "Báo cáo kết quả thực hiện nhiệm vụ được giao tại Thông báo kết luận của Ban Chỉ đạo",
        "ad_hoc",
        "Kết quả thực hiện từng nhiệm vụ được giao; nhiệm vụ chưa hoàn thành, nguyên nhân.",
        (),
    ),
]
AD_HOC_ROUND_TITLE = (
    "Báo cáo kết quả thực hiện nhiệm vụ được giao tại Thông báo kết luận số {notice}"
)
NO_DVC = {"vp", "stttt", "tt", "bdt"}  # units with few procedures of their own
SUMMARIES = [
    "Tỷ lệ hồ sơ trực tuyến toàn trình đạt {p}%; đã số hóa {q}% hồ sơ, kết quả giải quyết thủ tục "
    "hành chính.",
    "Tiếp nhận {n} hồ sơ trực tuyến, giải quyết đúng hạn {p}%; tỷ lệ thanh toán trực tuyến đạt "
    "{q}%.",
    "Không xảy ra sự cố mất an toàn thông tin; {q}% hệ thống thông tin đã được phê duyệt cấp độ.",
    "Đã hoàn thành {n} nhiệm vụ; các nhiệm vụ còn lại đang triển khai đúng tiến độ.",
]

# Ad hoc tasks (not from a conclusion): days before today, assigner, content, assignee, focal.
AD_HOC_TASKS: list[tuple[int, str, str, str, str | None]] = [
    (
        500,
        "deputy",
        "Chuẩn bị nội dung làm việc với Đoàn kiểm tra của Bộ Thông tin và Truyền thông "
        "về chuyển đổi số",
        "stttt",
        None,
    ),
    (
        260,
        "head",
        "Báo cáo nguyên nhân gián đoạn Cổng Dịch vụ công của tỉnh và giải pháp khắc phục",
        "vp",
        "stttt",
    ),
    (
        90,
        "sdeputy",
        "Rà soát, tổng hợp nhu cầu chứng thư số chuyên dùng của cấp xã",
        "snv",
        "stttt",
    ),
    (
        20,
        "deputy",
        "Tham mưu văn bản chỉ đạo tăng cường bảo đảm an toàn thông tin dịp cuối năm",
        "ca",
        "stttt",
    ),
]
