"""Vietnamese texts of the law as it stands in 2026: the Government's published calendar (days off and
make-up working days) and the Decision 766/QĐ-TTg groups and indicators."""

MESSAGES: dict[str, str] = {
    # --- the published calendar (counter-app calendar official) ---------------------------------------------
    "law2026.calendar.official_help": "liệt kê lịch nghỉ, làm bù do Chính phủ công bố mà ứng dụng đã có sẵn, kèm căn cứ",
    "law2026.calendar.official_version": "Lịch công bố, phiên bản dữ liệu {version}",
}
MESSAGES.update(
    {
        # --- Decision 766/QĐ-TTg: groups and indicators (services/indicators/decision766.py) ----------------
        "law766.group.transparency": "Công khai, minh bạch",
        "law766.group.progress": "Tiến độ, kết quả giải quyết",
        "law766.group.online": "Cung cấp dịch vụ trực tuyến",
        "law766.group.payment": "Thanh toán trực tuyến",
        "law766.group.satisfaction": "Mức độ hài lòng",
        "law766.group.digitisation": "Số hóa hồ sơ",
        "law766.indicator.published_on_time": "TTHC công bố đúng hạn",
        "law766.indicator.updated_on_time": "TTHC được cập nhật, công khai đúng hạn",
        "law766.indicator.published_in_full": "TTHC công khai đầy đủ nội dung",
        "law766.indicator.synced_to_portal": "Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
        "law766.indicator.on_time": "Hồ sơ xử lý trước hạn, đúng hạn",
        "law766.indicator.full_online": "Hồ sơ dịch vụ công trực tuyến toàn trình",
        "law766.indicator.fees_on_portal": "TTHC có nghĩa vụ tài chính được thanh toán trực tuyến trên Cổng",
        "law766.indicator.paid_procedures": "TTHC có giao dịch thanh toán trực tuyến",
        "law766.indicator.paid_online": "Hồ sơ thanh toán trực tuyến",
        "law766.indicator.feedback_on_time": "Phản ánh, kiến nghị xử lý đúng hạn",
        "law766.indicator.feedback_satisfaction": "Hài lòng trong xử lý phản ánh, kiến nghị",
        "law766.indicator.dossier_satisfaction": "Hài lòng trong tiếp nhận, giải quyết TTHC",
        "law766.indicator.e_results": "Hồ sơ có kết quả giải quyết điện tử",
        "law766.indicator.digitised": "Hồ sơ thực hiện số hóa",
        "law766.indicator.e_certified_copies": "Chứng thực bản sao điện tử từ bản chính",
        "law766.indicator.reuse": "Hồ sơ khai thác, sử dụng lại dữ liệu số hóa",
        "law766.indicator.citizen_store": "Hồ sơ số hóa kết nối với kho dữ liệu của người dân",
        "law766.indicator.population_data_dossiers": "Hồ sơ sử dụng dữ liệu dân cư",
        "law766.indicator.population_data_procedures": "TTHC kết nối, chia sẻ dữ liệu dân cư",
        "law766.not_measured": "không đo tại đây",
        "law766.total_measured": "Cộng các chỉ số đo tại đây",
        "law766.total_index": "Tổng theo Quyết định 766/QĐ-TTg ({unmeasured} điểm không đo tại đây)",
        "law766.live_points": "{points}/{maximum} (đo {measured}/{index} điểm)",
        "indicators.pdf.points_note": "Điểm tính theo công thức của Quyết định 766/QĐ-TTg. Bộ phận Một cửa đo "
        "{measured} trên {index} điểm: tỷ lệ đúng hạn (hồ sơ bị yêu cầu bổ sung quá một lần tính là quá hạn), "
        "hài lòng trong tiếp nhận, giải quyết TTHC, hồ sơ số hóa (mọi thành phần đã nhận và kết quả đều có tệp) "
        "và tái sử dụng dữ liệu số hóa (thành phần lấy từ kho dữ liệu của người dân). Các chỉ số ghi «không đo "
        "tại đây» do Cổng Dịch vụ công quốc gia tính từ dữ liệu khác (công khai TTHC, phản ánh kiến nghị, "
        "thanh toán, kết quả điện tử, kho dữ liệu của người dân).",
    }
)
