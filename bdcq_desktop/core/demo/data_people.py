"""Static lists behind the demo: name parts for invented people, the committee's members and
fields, the working group and the experts.

Every person the demo creates is invented from the name parts below.
"""

from __future__ import annotations

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
# Replaced at the kiện toàn a year ago: unit key (the unit standing for it then, see
# reorg.key_on) → the old head's new position (None: "Nguyên" and the old one), unit, note.
REPLACED: dict[str, tuple[str | None, str | None, str]] = {
    "syt": (None, None, "Nghỉ hưu theo chế độ."),
    "ct": (None, None, "Điều động nhận nhiệm vụ khác."),
    "kbnn": (None, None, "Nghỉ hưu theo chế độ."),
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
