"""Static lists behind the demo: the follow-ups of the pool of conclusions (data_conclusions)."""

from __future__ import annotations

from .data_conclusions import Tasks

# What each conclusion of the pool becomes when a later meeting draws it again: the next step,
# not the same words (a task reported done would be given again). Same order as the pool, and
# the same number of tasks with the same units, so that the draws after it are unchanged.
FOLLOW_UPS: list[tuple[str, Tasks]] = [
    (
        "Duy trì, nâng cao chất lượng dịch vụ công trực tuyến toàn trình; công khai tỷ lệ hồ sơ "
        "trực tuyến của từng cơ quan, địa phương hằng tháng.",
        [
            (
                "Cập nhật, bổ sung danh mục thủ tục hành chính cung cấp dịch vụ công trực tuyến "
                "toàn trình năm {next_year}",
                "vp",
                "stttt",
            ),
            (
                "Báo cáo nguyên nhân, giải pháp đối với các thủ tục hành chính có tỷ lệ hồ sơ "
                "trực tuyến thấp",
                "*loc",
                None,
            ),
        ],
    ),
    (
        "Khai thác, tái sử dụng dữ liệu đã số hóa; không yêu cầu người dân nộp lại giấy tờ đã "
        "có trong kho dữ liệu.",
        [
            (
                "Kiểm tra việc tái sử dụng kết quả số hóa hồ sơ, kết quả giải quyết thủ tục hành "
                "chính tại các sở, ngành",
                "vp",
                None,
            ),
            (
                "Báo cáo kết quả khai thác dữ liệu số hóa hồ sơ hộ tịch, đất đai trên địa bàn",
                "*loc",
                None,
            ),
        ],
    ),
    (
        "Duy trì giám sát an toàn thông tin 24/7 cho các hệ thống thông tin của tỉnh; khắc phục "
        "ngay các lỗ hổng được cảnh báo.",
        [
            (
                "Kiểm tra việc thực hiện phương án bảo đảm an toàn thông tin theo cấp độ đã được "
                "phê duyệt",
                "stttt",
                None,
            ),
            ("Tổ chức diễn tập thực chiến an toàn thông tin mạng năm {next_year}", "stttt", "ca"),
        ],
    ),
    (
        "Tiếp tục triển khai Đề án 06; khai thác dữ liệu dân cư trong giải quyết thủ tục hành "
        "chính, không yêu cầu xuất trình giấy tờ đã được số hóa.",
        [
            (
                "Xử lý dứt điểm dữ liệu hộ tịch sai lệch với Cơ sở dữ liệu quốc gia về dân cư",
                "stp",
                "ca",
            ),
            (
                "Hướng dẫn sử dụng tài khoản định danh điện tử khi thực hiện dịch vụ công trực "
                "tuyến",
                "ca",
                None,
            ),
        ],
    ),
    (
        "Triển khai Kiến trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 3.0; các dự án công "
        "nghệ thông tin mới phải phù hợp với Kiến trúc.",
        [
            (
                "Rà soát sự phù hợp của các dự án công nghệ thông tin năm {next_year} với Kiến "
                "trúc Chính quyền điện tử tỉnh Nghệ An phiên bản 3.0",
                "stttt",
                None,
            )
        ],
    ),
    (
        "Bảo đảm kinh phí cho các nhiệm vụ chuyển đổi số năm {next_year}; đẩy nhanh giải ngân "
        "vốn các dự án chuyển đổi số.",
        [
            (
                "Rà soát, bổ sung kinh phí còn thiếu cho các nhiệm vụ ứng dụng công nghệ thông "
                "tin năm {next_year}",
                "stc",
                "stttt",
            ),
            (
                "Đề xuất bố trí vốn đầu tư công cho các dự án chuyển đổi số chuyển tiếp",
                "skhdt",
                "stttt",
            ),
        ],
    ),
    (
        "Hoàn thành bệnh án điện tử tại các bệnh viện tuyến tỉnh theo lộ trình; mở rộng thanh "
        "toán không dùng tiền mặt đến y tế cơ sở.",
        [
            (
                "Báo cáo kết quả triển khai bệnh án điện tử theo lộ trình, nêu rõ bệnh viện chưa "
                "hoàn thành",
                "syt",
                None,
            ),
            (
                "Mở rộng thanh toán không dùng tiền mặt chi phí khám, chữa bệnh bảo hiểm y tế đến "
                "các trạm y tế",
                "bhxh",
                "syt",
            ),
        ],
    ),
    (
        "Nâng cao chất lượng văn bản điện tử; xử lý hồ sơ công việc trên môi trường mạng.",
        [
            (
                "Đánh giá tỷ lệ hồ sơ công việc xử lý trên môi trường mạng tại các cơ quan, đơn "
                "vị; công khai kết quả",
                "snv",
                "stttt",
            ),
            (
                "Rà soát, thu hồi chứng thư số của cán bộ đã nghỉ việc, chuyển công tác",
                "*loc",
                "stttt",
            ),
        ],
    ),
    (
        "Mở rộng học bạ số; đẩy mạnh thanh toán không dùng tiền mặt trong trường học.",
        [("Mở rộng học bạ số cấp trung học cơ sở, trung học phổ thông", "sgddt", None)],
    ),
    (
        "Cập nhật, vận hành cơ sở dữ liệu đất đai; kết nối, chia sẻ với Hệ thống thông tin quốc "
        "gia về đất đai.",
        [
            (
                "Kết nối cơ sở dữ liệu đất đai của tỉnh với Hệ thống thông tin quốc gia về đất đai",
                "stnmt",
                None,
            ),
            ("Cập nhật biến động đất đai vào cơ sở dữ liệu đất đai trên địa bàn", "*loc", "stnmt"),
        ],
    ),
    (
        "Nâng cao chất lượng hạ tầng số; phát triển mạng 5G tại khu đô thị, khu công nghiệp.",
        [
            (
                "Kiểm tra chất lượng dịch vụ di động, băng rộng tại các thôn, bản đã được phủ sóng",
                "stttt",
                None,
            ),
            ("Phát triển trạm phát sóng 5G tại khu đô thị, khu công nghiệp", "viettel", "stttt"),
            (
                "Nâng cấp đường truyền cáp quang cho trường học, trạm y tế vùng sâu, vùng xa",
                "vnpt",
                "stttt",
            ),
        ],
    ),
    (
        "Nâng tỷ lệ chi trả an sinh xã hội qua tài khoản; tiếp tục mở rộng thanh toán trực tuyến.",
        [
            (
                "Rà soát đối tượng hưởng trợ cấp chưa có tài khoản, hỗ trợ mở tài khoản nhận trợ "
                "cấp",
                "sldtbxh",
                None,
            ),
            (
                "Báo cáo kết quả thanh toán trực tuyến nghĩa vụ tài chính về đất đai, thuế; đề "
                "xuất giải pháp",
                "ct",
                "kbnn",
            ),
        ],
    ),
    (
        "Đẩy mạnh thương mại điện tử; đào tạo kỹ năng bán hàng trực tuyến cho chủ thể OCOP.",
        [
            (
                "Tập huấn kỹ năng bán hàng trên sàn thương mại điện tử cho chủ thể OCOP",
                "sct",
                "snn",
            )
        ],
    ),
    (
        "Cải thiện thứ hạng Chỉ số chuyển đổi số (DTI) năm {next_year}; người đứng đầu chịu "
        "trách nhiệm về chỉ số của cơ quan, địa phương mình.",
        [
            ("Hướng dẫn, tổ chức tự đánh giá Chỉ số DTI cấp sở, cấp huyện", "stttt", None),
            (
                "Báo cáo kết quả thực hiện kế hoạch nâng cao Chỉ số DTI của địa phương",
                "*loc",
                "stttt",
            ),
        ],
    ),
    (
        "Sửa đổi, bổ sung các văn bản quy phạm pháp luật của tỉnh về chuyển đổi số không còn "
        "phù hợp với quy định mới.",
        [
            (
                "Rà soát, đề xuất sửa đổi, bổ sung văn bản quy phạm pháp luật của tỉnh về chuyển "
                "đổi số",
                "stp",
                "stttt",
            )
        ],
    ),
    (
        "Mở rộng liên thông thủ tục hành chính trên cơ sở dữ liệu thuế, bảo hiểm xã hội đã kết "
        "nối.",
        [
            (
                "Đánh giá kết quả giải quyết thủ tục liên thông sử dụng dữ liệu bảo hiểm xã hội; "
                "đề xuất mở rộng",
                "bhxh",
                "stttt",
            )
        ],
    ),
    (
        "Đánh giá kết quả vận hành Trung tâm giám sát, điều hành thông minh (IOC) thí điểm tại "
        "thành phố Vinh; đề xuất mở rộng.",
        [
            (
                "Báo cáo kết quả vận hành IOC đô thị thông minh, đề xuất bổ sung dịch vụ",
                "l:Vinh",
                "stttt",
            )
        ],
    ),
    (
        "Mở rộng truy xuất nguồn gốc điện tử cho nông sản chủ lực; kết nối với Cổng truy xuất "
        "nguồn gốc sản phẩm, hàng hóa quốc gia.",
        [
            (
                "Kết nối hệ thống truy xuất nguồn gốc nông sản của tỉnh với Cổng truy xuất nguồn "
                "gốc sản phẩm, hàng hóa quốc gia",
                "snn",
                None,
            )
        ],
    ),
    (
        "Rút ngắn thời gian giải quyết thủ tục đăng ký doanh nghiệp, đầu tư trên môi trường "
        "điện tử.",
        [
            (
                "Rút ngắn thời gian giải quyết thủ tục đăng ký doanh nghiệp qua mạng; báo cáo kết "
                "quả hằng quý",
                "skhdt",
                None,
            )
        ],
    ),
    (
        "Tiếp tục phổ cập kỹ năng số cho người dân, ưu tiên người cao tuổi và người dân vùng "
        "sâu, vùng xa.",
        [
            (
                "Hỗ trợ người dân sử dụng dịch vụ công trực tuyến thông qua Tổ công nghệ số cộng "
                "đồng",
                "*loc",
                "stttt",
            ),
            (
                "Đánh giá hiệu quả hoạt động của Tổ công nghệ số cộng đồng, đề xuất giải pháp",
                "stttt",
                None,
            ),
        ],
    ),
    (
        "Bồi dưỡng kỹ năng số chuyên sâu cho cán bộ làm công tác chuyển đổi số, an toàn thông "
        "tin.",
        [
            (
                "Tổ chức bồi dưỡng kỹ năng số chuyên sâu cho cán bộ chuyên trách công nghệ thông "
                "tin năm {next_year}",
                "snv",
                "stttt",
            )
        ],
    ),
    (
        "Cập nhật thường xuyên dữ liệu quy hoạch, cấp phép xây dựng trên nền tảng số.",
        [
            (
                "Cập nhật dữ liệu quy hoạch, cấp phép xây dựng lên Cổng thông tin điện tử của tỉnh",
                "sxd",
                "stttt",
            )
        ],
    ),
]
