"""Texts of progress reports: /report, replies to reminders, acknowledgements."""

VI = {
    "report.choose_task": "Chọn nhiệm vụ cần báo cáo:",
    "report.no_tasks": "Đơn vị của bạn hiện không có nhiệm vụ nào đang theo dõi để báo cáo.",
    "report.not_yours": "Nhiệm vụ này không thuộc đơn vị của bạn, hoặc không còn tồn tại.",
    "report.choose_status": "Nhiệm vụ <b>{code}</b>: {title}\nChọn tình trạng thực hiện:",
    "report.ask_text": (
        "Nhiệm vụ <b>{code}</b> — {status}.\nHãy gửi nội dung báo cáo ngắn "
        "(vd: “Đã triển khai được 70%, đang hoàn thiện hồ sơ”)."
    ),
    "report.status_percent": "{status}, {percent}%",
    "report.status_no_percent": "{status} (không nêu tỉ lệ %)",
    "report.no_status": "Chưa rõ tình trạng",
    "report.ack": "Đã ghi nhận báo cáo nhiệm vụ {code}: {what}.",
    "report.ack_again": "Báo cáo này đã được ghi nhận trước đó (nhiệm vụ {code}: {what}).",
    "report.ack_edited": "Đã cập nhật báo cáo nhiệm vụ {code}: {what}.",
    "report.attached": "Đã lưu tệp đính kèm làm minh chứng cho báo cáo nhiệm vụ {code} ({what}).",
    "report.which_task": "Báo cáo này dành cho nhiệm vụ nào? Chọn bên dưới:",
    "report.code_not_yours": "Không thấy nhiệm vụ {code} trong các nhiệm vụ của đơn vị bạn.",
}

EN = {
    "report.choose_task": "Choose the task to report on:",
    "report.no_tasks": "Your unit has no open tasks to report on.",
    "report.not_yours": "This task is not your unit's, or it no longer exists.",
    "report.choose_status": "Task <b>{code}</b>: {title}\nChoose its status:",
    "report.ask_text": (
        "Task <b>{code}</b> — {status}.\nSend a short report "
        "(e.g. “70% deployed, finishing the paperwork”)."
    ),
    "report.status_percent": "{status}, {percent}%",
    "report.status_no_percent": "{status} (no percentage given)",
    "report.no_status": "Status not stated",
    "report.ack": "Report on task {code} recorded: {what}.",
    "report.ack_again": "This report was already recorded (task {code}: {what}).",
    "report.ack_edited": "Report on task {code} updated: {what}.",
    "report.attached": "The file is kept as evidence for the report on task {code} ({what}).",
    "report.which_task": "Which task is this report about? Choose below:",
    "report.code_not_yours": "Task {code} is not among your unit's tasks.",
}
