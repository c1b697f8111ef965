"""Static lists behind the demo: the pool of meeting conclusions and the tasks they assign."""

from __future__ import annotations

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
        # Version 3.0: the national framework's since 29/12/2023 (QĐ 2568/QĐ-BTTTT).
        "Hoàn thiện Kiến trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 3.0 theo Khung Kiến "
        "trúc Chính phủ điện tử Việt Nam phiên bản 3.0.",
        [
            (
                "Trình UBND tỉnh ban hành Kiến trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 3.0",
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
