"""Static lists behind the demo: working-group sessions and reporting regimes."""

from __future__ import annotations

from ..models import SessionPurpose

# Working-group sessions: purpose, title, days before today, outputs (kind, title, version, status).
SESSIONS: list[tuple[SessionPurpose, str, int, list[tuple[SessionPurpose, str, str, str]]]] = [
    (
        SessionPurpose.PROPOSAL,
        "Nghiên cứu, xây dựng dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai đoạn {plan}–2030",
        700,
        [
            (
                SessionPurpose.PROPOSAL,
                # Submitted, not approved: the expanded meeting comments on the draft later.
                "Dự thảo Đề án chuyển đổi số tỉnh Nghệ An giai đoạn {plan}–2030",
                "Dự thảo 2",
                "submitted",
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
# What an officer notes on each session above, in the same order. The demo's register holds
# no working-group paper, so no note may cite one by number.
SESSION_NOTES = [
    "Tài liệu làm việc gửi trước qua hệ thống quản lý văn bản; thành viên góp ý bằng văn bản.",
    "Các thành viên mang theo số liệu về hệ thống thông tin của đơn vị mình.",
    "Đối chiếu mức thu phí, lệ phí của các tỉnh lân cận trước khi thống nhất dự thảo.",
    "Tài liệu về an toàn thông tin: không mang ra khỏi phòng làm việc.",
    "Dự thảo tiếp thu ý kiến góp ý của các sở, ngành trước khi trình.",
    "Các đơn vị gửi số liệu tự đánh giá DTI trước buổi làm việc đầu tiên.",
]

# Why someone missed a day or two of a session (a partial absence, printed in the report's
# "Ghi chú" as "Vắng 1 ngày: …"), by who they are: an official of a department or a locality,
# a university's scientist, an engineer of a telecom company. A day or two away from a week's
# work, not the whole session's reasons (ABSENCE_REASONS).
PARTIAL_ABSENCE_REASONS: dict[str, tuple[str, ...]] = {
    # Short, as an officer writes them: the report's "Ghi chú" column is narrow.
    "official": (
        "Họp giao ban cơ quan",
        "Tham gia đoàn kiểm tra",
        "Dự hội nghị trực tuyến",
        "Tiếp đoàn Trung ương",
        "Dự họp tại UBND tỉnh",
        "Đi công tác cơ sở",
        "Ốm",
        "Việc gia đình",
    ),
    "scientist": ("Lịch giảng dạy", "Chấm luận văn thạc sĩ", "Dự hội thảo khoa học"),
    "expert": ("Xử lý sự cố mạng", "Làm việc với khách hàng", "Tập huấn của Tập đoàn"),
}

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
