"""Texts of extension requests and their decisions."""

VI = {
    "extensions.ask_date": (
        "Đề nghị gia hạn nhiệm vụ <b>{code}</b> (thời hạn hiện tại: {due}).\n"
        "Hãy gửi thời hạn đề nghị và lý do, vd: “30/6/2025, do chưa được bố trí kinh phí”. "
        "Gửi /cancel để thôi."
    ),
    "extensions.ask_date_after_report": (
        "Để gửi đề nghị gia hạn cho lãnh đạo, hãy gửi thời hạn đề nghị (vd: 30/6/2025)."
    ),
    "extensions.no_date": (
        "Chưa đọc được ngày đề nghị. Hãy gửi ngày dạng 30/6/2025 (hoặc “cuối tháng 7”), "
        "hoặc gửi /cancel để thôi."
    ),
    "extensions.date_past": "Thời hạn đề nghị {date} phải sau ngày hôm nay. Hãy gửi ngày khác.",
    "extensions.date_not_later": (
        "Thời hạn đề nghị {date} phải sau thời hạn hiện tại ({due}). Hãy gửi ngày khác."
    ),
    "extensions.sent": "Đề nghị gia hạn đến {date} đã được gửi lãnh đạo xem xét.",
    "extensions.request": (
        "<b>Đề nghị gia hạn</b>\nNhiệm vụ <b>{code}</b>: {title}\nĐơn vị: {unit}\n"
        "Thời hạn hiện tại: {due}\nĐề nghị đến: <b>{proposed}</b>\nNội dung: {reason}"
    ),
    "extensions.approve": "Duyệt",
    "extensions.decline": "Từ chối",
    "extensions.approved_by_you": (
        "Đã duyệt gia hạn nhiệm vụ {code} ({unit}): thời hạn {old} → {proposed}."
    ),
    "extensions.declined_by_you": "Đã từ chối đề nghị gia hạn nhiệm vụ {code} ({unit}).",
    "extensions.approved": (
        "Đề nghị gia hạn nhiệm vụ <b>{code}</b> đã được duyệt: thời hạn mới là <b>{proposed}</b>."
    ),
    "extensions.declined": (
        "Đề nghị gia hạn nhiệm vụ <b>{code}</b> đến {proposed} không được chấp thuận; "
        "thời hạn vẫn là {old}."
    ),
    "extensions.not_found": "Không tìm thấy đề nghị gia hạn này.",
    "extensions.already_approved": "Đề nghị gia hạn này đã được duyệt trước đó.",
    "extensions.already_declined": "Đề nghị gia hạn này đã bị từ chối trước đó.",
    "extensions.already_superseded": "Đề nghị này đã được thay bằng một đề nghị mới hơn của đơn vị.",
}

EN = {
    "extensions.ask_date": (
        "Extension request for task <b>{code}</b> (current deadline: {due}).\n"
        "Send the proposed deadline and the reason, e.g. “30/6/2025, funding not allocated yet”. "
        "Send /cancel to stop."
    ),
    "extensions.ask_date_after_report": (
        "To send the extension request to the leaders, send the proposed date (e.g. 30/6/2025)."
    ),
    "extensions.no_date": (
        "I could not read a date. Send it like 30/6/2025 (or “end of July”), or /cancel to stop."
    ),
    "extensions.date_past": "The proposed deadline {date} must be after today. Send another date.",
    "extensions.date_not_later": (
        "The proposed deadline {date} must be after the current one ({due}). Send another date."
    ),
    "extensions.sent": "The extension request to {date} was sent to the leaders.",
    "extensions.request": (
        "<b>Extension request</b>\nTask <b>{code}</b>: {title}\nUnit: {unit}\n"
        "Current deadline: {due}\nProposed: <b>{proposed}</b>\nMessage: {reason}"
    ),
    "extensions.approve": "Approve",
    "extensions.decline": "Decline",
    "extensions.approved_by_you": "Extension of task {code} ({unit}) approved: deadline {old} → {proposed}.",
    "extensions.declined_by_you": "Extension request for task {code} ({unit}) declined.",
    "extensions.approved": "The extension of task <b>{code}</b> was approved: the new deadline is <b>{proposed}</b>.",
    "extensions.declined": (
        "The extension of task <b>{code}</b> to {proposed} was declined; the deadline stays {old}."
    ),
    "extensions.not_found": "This extension request was not found.",
    "extensions.already_approved": "This extension request was already approved.",
    "extensions.already_declined": "This extension request was already declined.",
    "extensions.already_superseded": "This request was replaced by a newer one from the unit.",
}
