"""Texts of importing a plan document sent in chat."""

VI = {
    "planimport.too_big": "Tệp quá lớn (tối đa 20 MB).",
    "planimport.download_failed": "Không tải được tệp từ máy chủ chat. Vui lòng gửi lại sau ít phút.",
    "planimport.unreadable": "Không đọc được kế hoạch từ tệp này: {reason}",
    "planimport.header": (
        "<b>Kế hoạch đọc được từ tệp</b>\nSố: {number}\nTên: {title}\nCơ quan ban hành: {issuer}\n"
        "Số nhiệm vụ: {count}"
    ),
    "planimport.known": "<i>Kế hoạch này đã có; nhập lại sẽ cập nhật các nhiệm vụ theo tệp mới.</i>",
    "planimport.task": "• <b>{code}</b> {title} — Chủ trì: {lead} — Hạn: {when}",
    "planimport.doubtful": "⚠️ cần kiểm tra: {fields}",
    "planimport.more": "… và {count} nhiệm vụ nữa.",
    "planimport.question": "Nhập kế hoạch này vào hệ thống?",
    "planimport.confirm": "Xác nhận nhập",
    "planimport.cancel": "Hủy",
    "planimport.done_new": (
        "Đã nhập kế hoạch “{title}” (mã {id}): {created} nhiệm vụ mới, {updated} nhiệm vụ cập nhật."
    ),
    "planimport.done_updated": (
        "Đã cập nhật kế hoạch “{title}” (mã {id}): {created} nhiệm vụ mới, "
        "{updated} nhiệm vụ cập nhật."
    ),
    "planimport.field.code": "số hiệu",
    "planimport.field.title": "tên",
    "planimport.field.due": "thời hạn",
    "planimport.field.recurrence": "định kỳ",
    "planimport.field.report_day": "ngày báo cáo",
    "planimport.field.lead_units": "đơn vị chủ trì",
    "planimport.field.support_units": "đơn vị phối hợp",
}

EN = {
    "planimport.too_big": "The file is too large (20 MB at most).",
    "planimport.download_failed": "The file could not be downloaded. Please send it again later.",
    "planimport.unreadable": "Could not read a plan from this file: {reason}",
    "planimport.header": (
        "<b>Plan read from the file</b>\nNumber: {number}\nTitle: {title}\nIssuer: {issuer}\n"
        "Tasks: {count}"
    ),
    "planimport.known": "<i>This plan exists already; importing again updates its tasks.</i>",
    "planimport.task": "• <b>{code}</b> {title} — Lead: {lead} — Due: {when}",
    "planimport.doubtful": "⚠️ check: {fields}",
    "planimport.more": "… and {count} more tasks.",
    "planimport.question": "Import this plan?",
    "planimport.confirm": "Confirm import",
    "planimport.cancel": "Cancel",
    "planimport.done_new": "Plan “{title}” imported (id {id}): {created} new tasks, {updated} updated.",
    "planimport.done_updated": "Plan “{title}” updated (id {id}): {created} new tasks, {updated} updated.",
    "planimport.field.code": "code",
    "planimport.field.title": "title",
    "planimport.field.due": "deadline",
    "planimport.field.recurrence": "recurrence",
    "planimport.field.report_day": "report day",
    "planimport.field.lead_units": "lead units",
    "planimport.field.support_units": "support units",
}
