"""Texts of exported reports (.docx, .xlsx, chart) and of /export."""

VI = {
    "export.choose": "Chọn định dạng báo cáo cần xuất:",
    "export.button.docx": "Báo cáo (.docx)",
    "export.button.xlsx": "Bảng tính (.xlsx)",
    "export.button.png": "Biểu đồ",
    "export.caption": "Báo cáo tình hình thực hiện, tính đến {time} ngày {date}.",
    "export.no_documents": "Kênh nhắn tin này không gửi được tệp. Vui lòng dùng Telegram hoặc lệnh dondoc export.",
    "export.unknown_format": "Không có định dạng “{format}”. Dùng: /export docx, /export xlsx hoặc /export png.",
    # The .docx report, in the form of an administrative report (Nghị định 30/2020/NĐ-CP).
    "export.doc.issuer_default": "UBND HUYỆN",
    "export.doc.office": "VĂN PHÒNG",
    "export.doc.nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "export.doc.motto": "Độc lập - Tự do - Hạnh phúc",
    "export.doc.place_date": "{place}, ngày {day} tháng {month} năm {year}",
    "export.doc.place_default": "……………",
    "export.doc.title": "BÁO CÁO",
    "export.doc.subtitle_one": "Kết quả thực hiện Kế hoạch số {number}{issued}{issuer}",
    "export.doc.subtitle_untitled": "Kết quả thực hiện {title}",
    "export.doc.subtitle_many": "Kết quả thực hiện các kế hoạch được giao",
    "export.doc.issued": " ngày {date}",
    "export.doc.issuer": " của {issuer}",
    "export.doc.about": "về {topic}",
    "export.doc.intro": (
        "Văn phòng báo cáo kết quả theo dõi, đôn đốc thực hiện {what}, "
        "tính đến ngày {date}, như sau:"
    ),
    "export.doc.intro_one": "Kế hoạch số {number}",
    "export.doc.intro_many": "các kế hoạch",
    "export.doc.intro_untitled": "Kế hoạch nêu trên",
    "export.doc.section_overall": "I. KẾT QUẢ CHUNG",
    "export.doc.overall": (
        "Tổng số nhiệm vụ theo dõi: {total} nhiệm vụ; trong đó: đã hoàn thành đúng hạn {done_on_time} "
        "nhiệm vụ; đã hoàn thành quá hạn {done_late} nhiệm vụ; đang thực hiện trong hạn {in_progress} "
        "nhiệm vụ; quá hạn {overdue} nhiệm vụ."
    ),
    "export.doc.completion": "Tỷ lệ hoàn thành: {percent}% ({done}/{total} nhiệm vụ).",
    "export.doc.response": "Tỷ lệ đơn vị báo cáo kỳ này: {percent}% ({reported}/{expected} lượt).",
    "export.doc.section_detail": "II. TÌNH HÌNH THỰC HIỆN CỤ THỂ",
    "export.doc.status_heading": "{number}. {label} ({count} nhiệm vụ)",
    "export.doc.none": "Không có.",
    "export.doc.task": "Nhiệm vụ {code}: {title} ({leads}{due}).",
    "export.doc.task_due": "; thời hạn {date}",
    "export.doc.task_overdue": "; quá hạn {days} ngày",
    "export.doc.task_report": " Báo cáo gần nhất ngày {date}: “{text}”{percent}.",
    "export.doc.task_percent": " (đạt {percent}%)",
    "export.doc.task_no_report": " Chưa có báo cáo.",
    "export.doc.task_codes": "Gồm các nhiệm vụ: {codes}.",
    "export.doc.details.extensions": "{number}. Đề nghị gia hạn ({count})",
    "export.doc.details.obstacles": "{number}. Khó khăn, vướng mắc chưa được tháo gỡ ({count})",
    "export.doc.details.contributions": "{number}. Kết quả của các đơn vị phối hợp ({count})",
    "export.doc.details.extension": (
        "Nhiệm vụ {code} ({unit}): đề nghị gia hạn đến ngày {due}{reason}; {outcome}."
    ),
    "export.doc.details.reason": ", lý do: “{reason}”",
    "export.doc.details.outcome.pending": "chưa có ý kiến của lãnh đạo",
    "export.doc.details.outcome.approved": "đã được đồng ý",
    "export.doc.details.outcome.declined": "không được đồng ý",
    "export.doc.details.outcome.superseded": "được thay bằng đề nghị sau",
    "export.doc.details.note": "Nhiệm vụ {code} — {unit}, ngày {date}: “{text}”{percent}.",
    "export.doc.task_evidence": " Kèm {count} tệp minh chứng.",
    "export.doc.section_units": "III. ĐƠN VỊ CHƯA BÁO CÁO, CHƯA CÓ ĐẦU MỐI",
    "export.doc.not_reported": "Đơn vị chưa báo cáo kỳ này: {count} đơn vị.",
    "export.doc.not_reported_unit": "{unit}: nhiệm vụ {codes}.",
    "export.doc.unreachable": "Đơn vị chưa có đầu mối nhận nhắc việc: {units}.",
    "export.doc.all_reported": "Các đơn vị đã báo cáo đầy đủ.",
    "export.doc.section_proposals": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    "export.doc.proposals_blank": "." * 125,
    "export.doc.closing": "Trên đây là báo cáo kết quả thực hiện, Văn phòng kính báo cáo./.",
    "export.doc.table_title": "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
    "export.doc.col.number": "STT",
    "export.doc.col.task": "Nhiệm vụ",
    "export.doc.col.leads": "Đơn vị chủ trì",
    "export.doc.col.due": "Thời hạn",
    "export.doc.col.status": "Tình trạng",
    "export.doc.col.report": "Báo cáo gần nhất",
    "export.doc.recurring": "Định kỳ {cadence}",
    "export.doc.overdue_days": "{label} ({days} ngày)",
    "export.doc.recipients_title": "Nơi nhận:",
    # The two forms (bot/services/exports/letterhead.py).
    "export.form.party_nation": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "export.form.party_star": "*",
    "export.form.number_party": "Số        -{kind}/{code}",
    "export.form.number_state": "Số:        /{kind}-{code}",
    "export.form.recipients_state": (
        "Thường trực Huyện ủy\nChủ tịch, các Phó Chủ tịch UBND huyện\n"
        "Các cơ quan, đơn vị liên quan\nLưu: VT"
    ),
    "export.form.recipients_party": (
        "Thường trực {body} (để báo cáo)\nCác đồng chí Ủy viên Ban Thường vụ\n"
        "Các cơ quan, đơn vị liên quan\nLưu Văn phòng"
    ),
    "export.doc.signer_title": "CHÁNH VĂN PHÒNG",
    "export.doc.signer_hint": "(Ký, ghi rõ họ tên)",
    # The period report (.docx).
    "export.period_doc.intro": (
        "Văn phòng báo cáo kết quả thực hiện {what} {label} (từ ngày {start} đến ngày {end}), như sau:"
    ),
    "export.period_doc.overall_end": (
        "Đến cuối kỳ, tổng số nhiệm vụ theo dõi: {total} nhiệm vụ; trong đó: đã hoàn thành đúng hạn "
        "{done_on_time}; đã hoàn thành quá hạn {done_late}; đang thực hiện trong hạn {in_progress}; "
        "quá hạn {overdue}."
    ),
    "export.period_doc.received": (
        "Trong kỳ, Văn phòng nhận {reports} lượt báo cáo của {units} đơn vị về {tasks} nhiệm vụ; "
        "{completed} nhiệm vụ được hoàn thành."
    ),
    "export.period_doc.section_received": "II. BÁO CÁO CỦA CÁC ĐƠN VỊ TRONG KỲ",
    "export.period_doc.no_reports": "Trong kỳ không có đơn vị nào báo cáo.",
    "export.period_doc.task": "Nhiệm vụ {code}: {title}",
    "export.period_doc.quote": "{kind}“{text}”{percent}{count}",
    "export.period_doc.count": " — {count} lượt báo cáo trong kỳ",
    "export.period_doc.col.task": "Nhiệm vụ",
    "export.period_doc.col.unit": "Đơn vị",
    "export.period_doc.col.date": "Ngày báo cáo",
    "export.period_doc.col.text": "Nội dung báo cáo mới nhất trong kỳ",
    "export.period_doc.extension": "Đề nghị gia hạn: ",
    "export.period_doc.section_completed": "III. NHIỆM VỤ HOÀN THÀNH TRONG KỲ ({count})",
    "export.period_doc.section_overdue": "IV. NHIỆM VỤ QUÁ HẠN TÍNH ĐẾN CUỐI KỲ ({count})",
    "export.period_doc.section_proposals": "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "export.xlsx.period": "Kỳ báo cáo: {label} (từ ngày {start} đến ngày {end})",
    # The urging letter (công văn đôn đốc).
    "export.letter.subject": "V/v đôn đốc thực hiện và báo cáo kết quả thực hiện nhiệm vụ",
    "export.letter.to": "Kính gửi: {unit}",
    "export.letter.opening": (
        "Thực hiện {plan}, {unit} được giao chủ trì thực hiện các nhiệm vụ dưới đây; "
        "đến ngày {date}, {count} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành:"
    ),
    "export.letter.reminded": (
        "Văn phòng đã {count} lần nhắc đơn vị thực hiện, báo cáo qua hệ thống nhắc việc, vào các ngày: {days}."
    ),
    "export.letter.not_reminded": "Văn phòng chưa gửi được tin nhắc việc tới đơn vị qua hệ thống nhắc việc.",
    "export.letter.request": (
        "Văn phòng đề nghị {unit} khẩn trương triển khai thực hiện và báo cáo kết quả (bằng văn bản "
        "và qua hệ thống nhắc việc) về Văn phòng trước ngày {date} để tổng hợp, báo cáo Thường trực./."
    ),
    "export.letter.as_above": "Như trên",
    "export.letter.no_lagging": "Đơn vị “{unit}” không có nhiệm vụ quá hạn trong kế hoạch này.",
    "export.letter.none": "Không có đơn vị nào có nhiệm vụ quá hạn trong kế hoạch này.",
    "export.letter.written": "Đã viết {count} công văn đôn đốc vào {folder}.",
    "export.letter.written_one": "Đã viết công văn đôn đốc {unit} vào {file}.",
    # Periods (bot/services/period_words.py).
    "export.period.invalid": (
        "Kỳ “{value}” không hợp lệ; viết 2025-03 (tháng), 2025-Q1 (quý), 2025-H1 (6 tháng) hoặc 2025 (năm)."
    ),
    "export.period.month": "tháng {month} năm {year}",
    "export.period.quarter": "quý {quarter} năm {year}",
    "export.period.first_half": "6 tháng đầu năm {year}",
    "export.period.second_half": "6 tháng cuối năm {year}",
    "export.period.year": "năm {year}",
    # The .xlsx workbook.
    "export.xlsx.summary_sheet": "Tổng hợp",
    "export.xlsx.history_sheet": "Lịch sử báo cáo",
    "export.xlsx.rollup_sheet": "Cấp dưới",
    "export.xlsx.summary_title": "BẢNG TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ",
    "export.xlsx.history_title": "LỊCH SỬ BÁO CÁO TIẾN ĐỘ",
    "export.xlsx.plan_number": "Kế hoạch số {number}",
    "export.xlsx.plans_many": "Các kế hoạch đang theo dõi",
    "export.xlsx.as_of": "Tính đến {time} ngày {date}",
    "export.xlsx.col.plan": "Kế hoạch",
    "export.xlsx.col.code": "Mã NV",
    "export.xlsx.col.task": "Nhiệm vụ",
    "export.xlsx.col.unit": "Đơn vị chủ trì",
    "export.xlsx.col.group": "Thuộc nhóm",
    "export.xlsx.col.due": "Thời hạn",
    "export.xlsx.col.recurrence": "Định kỳ",
    "export.xlsx.col.status": "Tình trạng",
    "export.xlsx.col.days_overdue": "Số ngày quá hạn",
    "export.xlsx.col.reported": "Đã báo cáo kỳ này",
    "export.xlsx.col.report": "Báo cáo gần nhất",
    "export.xlsx.col.percent": "Tiến độ (%)",
    "export.xlsx.col.report_at": "Thời điểm báo cáo",
    "export.xlsx.col.reporter": "Đơn vị báo cáo",
    "export.xlsx.col.text": "Nội dung báo cáo",
    "export.xlsx.col.report_status": "Đánh giá",
    "export.xlsx.col.source": "Nguồn",
    "export.xlsx.source.chat": "Tin nhắn",
    "export.xlsx.source.office": "Văn phòng nhập",
    "export.xlsx.yes": "Có",
    "export.xlsx.no": "Chưa",
    # The chart.
    "export.chart.title": "Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì",
    "export.chart.title_plan": "Tình hình thực hiện {plan} theo đơn vị chủ trì",
    "export.chart.subtitle": "Tính đến {time} ngày {date}",
    "export.chart.totals": (
        "{total} nhiệm vụ: {overdue} quá hạn, {in_progress} đang thực hiện, "
        "{done_late} hoàn thành quá hạn, {done_on_time} hoàn thành đúng hạn"
    ),
    "export.chart.axis": "Số nhiệm vụ",
    "export.chart.empty": "Chưa có nhiệm vụ nào",
    "export.rollup.title": "TÌNH HÌNH THỰC HIỆN CỦA CÁC CẤP ỦY, CƠ QUAN CẤP DƯỚI",
    "export.rollup.col.number": "STT",
    "export.rollup.col.committee": "Cấp ủy, cơ quan",
    "export.rollup.col.plans": "Kế hoạch thực hiện",
    "export.rollup.col.tasks": "Số nhiệm vụ",
    "export.rollup.col.done": "Hoàn thành",
    "export.rollup.col.in_progress": "Đang thực hiện",
    "export.rollup.col.overdue": "Quá hạn",
    "export.rollup.col.obstacles": "Vướng mắc",
    "export.rollup.col.reporting": "Đơn vị đã báo cáo",
    "export.rollup.issued": "Đã ban hành: {plans}",
    "export.rollup.missing": "Chưa ban hành (thực hiện {parents})",
    "export.rollup.none": "—",
    "export.rollup.reporting": "{reported}/{units}{percent}",
}

EN = {
    "export.choose": "Choose the report format:",
    "export.button.docx": "Report (.docx)",
    "export.button.xlsx": "Spreadsheet (.xlsx)",
    "export.button.png": "Chart",
    "export.caption": "Implementation report as of {time} on {date}.",
    "export.no_documents": "This chat platform cannot carry files. Please use Telegram or the dondoc export command.",
    "export.unknown_format": "No “{format}” format. Use /export docx, /export xlsx or /export png.",
    "export.rollup.title": "IMPLEMENTATION BY THE COMMITTEES BELOW",
    "export.xlsx.rollup_sheet": "Committees below",
    "export.rollup.col.number": "No.",
    "export.rollup.col.committee": "Committee",
    "export.rollup.col.plans": "Implementing plans",
    "export.rollup.col.tasks": "Tasks",
    "export.rollup.col.done": "Done",
    "export.rollup.col.in_progress": "In progress",
    "export.rollup.col.overdue": "Overdue",
    "export.rollup.col.obstacles": "Obstacles",
    "export.rollup.col.reporting": "Units reported",
    "export.rollup.issued": "Issued: {plans}",
    "export.rollup.missing": "Not issued (for {parents})",
    "export.rollup.none": "—",
    "export.rollup.reporting": "{reported}/{units}{percent}",
}
