"""Texts of replies the bot is unsure of, and of corrections ("Sửa")."""

VI = {
    "replies.confirm": (
        "Nhiệm vụ <b>{code}</b>: chưa rõ tình trạng trong báo cáo “{text}”. Báo cáo đã được lưu "
        "(chưa phân loại); xin chọn tình trạng đúng:"
    ),
    "replies.in_progress_percent": "Đang thực hiện {percent}%",
    "replies.in_progress_ask": "Đang thực hiện …%",
    "replies.extension": "Xin gia hạn",
    "replies.fix": "Sửa",
    "replies.fix_choose": "Sửa báo cáo nhiệm vụ <b>{code}</b> — chọn tình trạng đúng:",
    "replies.too_late": "Đã quá 48 giờ nên không sửa được báo cáo này; hãy gửi báo cáo mới.",
    "replies.ask_percent": "Nhiệm vụ <b>{code}</b>: đã thực hiện được bao nhiêu phần trăm? (vd: 60%)",
    "replies.no_percent": "Chưa đọc được tỉ lệ. Hãy gửi một số từ 0 đến 99, ví dụ: 60%.",
    "replies.corrected": "Đã sửa báo cáo nhiệm vụ {code}: {what}.",
    "replies.ack_support": (
        "Đã ghi nhận phần phối hợp của đơn vị về nhiệm vụ {code}: {what}. Đơn vị chủ trì đã được "
        "thông báo; báo cáo phối hợp không tính là hoàn thành nhiệm vụ."
    ),
    "replies.support_report": "<b>Phối hợp:</b> {unit} đã báo cáo nhiệm vụ <b>{code}</b>: {what} — “{text}”",
    "replies.contribution": "Phối hợp: {unit} đã báo cáo {date} ({what})",
    "replies.evidence_count": "Kèm {count} tệp minh chứng",
    "replies.evidence_gone": "Không lấy lại được tệp này (đã bị xóa hoặc hết hạn trên nền tảng).",
    "replies.codes_not_yours": (
        "Không thấy nhiệm vụ {codes} trong các nhiệm vụ của đơn vị bạn; phần đó chưa được ghi."
    ),
}

EN = {
    "replies.confirm": (
        "Task <b>{code}</b>: the status in “{text}” is unclear. The report is kept "
        "(unclassified); please choose its status:"
    ),
    "replies.in_progress_percent": "In progress {percent}%",
    "replies.in_progress_ask": "In progress …%",
    "replies.extension": "Ask for an extension",
    "replies.fix": "Correct",
    "replies.fix_choose": "Correct the report on task <b>{code}</b> — choose its status:",
    "replies.too_late": "After 48 hours a report can no longer be corrected; send a new report.",
    "replies.ask_percent": "Task <b>{code}</b>: how many percent are done? (e.g. 60%)",
    "replies.no_percent": "No percentage read. Send a number from 0 to 99, e.g. 60%.",
    "replies.corrected": "Report on task {code} corrected: {what}.",
    "replies.ack_support": (
        "Your unit's support on task {code} is recorded: {what}. The lead unit has been told; "
        "a support report does not complete the task."
    ),
    "replies.support_report": "<b>Support:</b> {unit} reported on task <b>{code}</b>: {what} — “{text}”",
    "replies.contribution": "Support: {unit} reported on {date} ({what})",
    "replies.evidence_count": "{count} evidence file(s) attached",
    "replies.evidence_gone": "This file cannot be fetched again (deleted or expired on the platform).",
    "replies.codes_not_yours": (
        "Task {codes} is not among your unit's tasks; that part was not recorded."
    ),
}
