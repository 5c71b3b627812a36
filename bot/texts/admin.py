"""Texts of an admin's corrections in chat (/task) and of /invite."""

VI = {
    "admin.task_usage": "Gửi <code>/task MÃ</code>, vd <code>/task II.3</code>.",
    "admin.task_not_found": "Không có nhiệm vụ mã “{code}”. Gửi /tasks để xem danh sách.",
    "admin.task_which_plan": "Mã “{code}” có trong nhiều kế hoạch. Chọn nhiệm vụ:",
    "admin.task_gone": "Nhiệm vụ này không còn tồn tại.",
    "admin.card": (
        "<b>Nhiệm vụ {code}</b> — Kế hoạch {plan}\n{title}\n"
        "Chủ trì: {lead}\nPhối hợp: {support}\nThời hạn: {due}\nĐịnh kỳ: {recurrence}"
    ),
    "admin.card_closed": "<i>Đã đóng ngày {date}.</i>",
    "admin.card_report": "• {date} {unit}: {what} — {text}",
    "admin.card_no_reports": "<i>Chưa có báo cáo.</i>",
    "admin.change_due": "Đổi thời hạn",
    "admin.change_lead": "Đổi đơn vị chủ trì",
    "admin.change_support": "Đổi đơn vị phối hợp",
    "admin.close": "Đóng (đã hoàn thành)",
    "admin.reopen": "Mở lại",
    "admin.ask_due": "Gửi thời hạn mới (vd 30/6/2025), hoặc “-” để bỏ thời hạn. /cancel để thôi.",
    "admin.ask_lead": "Gửi tên đơn vị chủ trì, cách nhau bởi dấu “;”. /cancel để thôi.",
    "admin.ask_sup": (
        "Gửi tên đơn vị phối hợp, cách nhau bởi dấu “;” (hoặc “-” nếu không có). /cancel để thôi."
    ),
    "admin.bad_date": "Chưa đọc được ngày. Gửi dạng 30/6/2025, hoặc /cancel để thôi.",
    "admin.lead_required": "Nhiệm vụ cần ít nhất một đơn vị chủ trì. Gửi lại tên đơn vị.",
    "admin.preview": "Xác nhận thay đổi nhiệm vụ <b>{code}</b>:",
    "admin.change_line": "{field}: {old} → {new}",
    "admin.field.due": "Thời hạn",
    "admin.field.lead": "Đơn vị chủ trì",
    "admin.field.sup": "Đơn vị phối hợp",
    "admin.new_unit": "{name} (đơn vị mới)",
    "admin.will_close": "Đóng nhiệm vụ (coi như đã hoàn thành; dừng nhắc việc).",
    "admin.will_open": "Mở lại nhiệm vụ (báo cáo hoàn thành trước đây không còn tính).",
    "admin.confirm": "Xác nhận",
    "admin.confirm_new_units": "Xác nhận, tạo đơn vị mới",
    "admin.cancel": "Hủy",
    "admin.saved": "Đã lưu thay đổi nhiệm vụ {code}.",
    "admin.nothing_changed": "Nhiệm vụ {code} không có gì thay đổi.",
    "admin.closed": "Đã đóng nhiệm vụ {code}.",
    "admin.already_closed": "Nhiệm vụ {code} đã đóng từ trước.",
    "admin.reopened": "Đã mở lại nhiệm vụ {code}.",
    "admin.invite_role": "Mã mời cho vai trò nào?",
    "admin.invite_unit": "Mã mời cho đầu mối của đơn vị nào?",
    "admin.invite_no_units": "Chưa có đơn vị nào. Hãy nhập kế hoạch trước.",
    "admin.invite_code": (
        "Mã mời: <code>{code}</code>\nVai trò: {role}\nĐơn vị: {unit}\nHết hạn: {expires}\n"
        "Người nhận gửi cho bot: <code>/start {code}</code> (trên Zalo: chỉ cần gửi mã)."
    ),
    "admin.invite_link": "Hoặc mở liên kết: {link}",
}

EN = {
    "admin.task_usage": "Send <code>/task CODE</code>, e.g. <code>/task II.3</code>.",
    "admin.task_not_found": "There is no task “{code}”. Send /tasks to see the list.",
    "admin.task_which_plan": "Code “{code}” exists in several plans. Choose the task:",
    "admin.task_gone": "This task no longer exists.",
    "admin.card": (
        "<b>Task {code}</b> — Plan {plan}\n{title}\n"
        "Lead: {lead}\nSupport: {support}\nDeadline: {due}\nRecurrence: {recurrence}"
    ),
    "admin.card_closed": "<i>Closed on {date}.</i>",
    "admin.card_report": "• {date} {unit}: {what} — {text}",
    "admin.card_no_reports": "<i>No reports yet.</i>",
    "admin.change_due": "Change deadline",
    "admin.change_lead": "Change lead units",
    "admin.change_support": "Change support units",
    "admin.close": "Close (completed)",
    "admin.reopen": "Reopen",
    "admin.ask_due": "Send the new deadline (e.g. 30/6/2025), or “-” for none. /cancel to stop.",
    "admin.ask_lead": "Send the lead unit names separated by “;”. /cancel to stop.",
    "admin.ask_sup": "Send the support unit names separated by “;” (or “-” for none). /cancel to stop.",
    "admin.bad_date": "I could not read a date. Send it like 30/6/2025, or /cancel to stop.",
    "admin.lead_required": "A task needs at least one lead unit. Send the unit names again.",
    "admin.preview": "Confirm the change to task <b>{code}</b>:",
    "admin.change_line": "{field}: {old} → {new}",
    "admin.field.due": "Deadline",
    "admin.field.lead": "Lead units",
    "admin.field.sup": "Support units",
    "admin.new_unit": "{name} (new unit)",
    "admin.will_close": "Close the task (counted as completed; reminders stop).",
    "admin.will_open": "Reopen the task (earlier completion reports no longer count).",
    "admin.confirm": "Confirm",
    "admin.confirm_new_units": "Confirm, create the new units",
    "admin.cancel": "Cancel",
    "admin.saved": "Task {code} saved.",
    "admin.nothing_changed": "Nothing changed on task {code}.",
    "admin.closed": "Task {code} closed.",
    "admin.already_closed": "Task {code} was already closed.",
    "admin.reopened": "Task {code} reopened.",
    "admin.invite_role": "Which role is the invite for?",
    "admin.invite_unit": "Which unit's contact is the invite for?",
    "admin.invite_no_units": "There are no units yet. Import a plan first.",
    "admin.invite_code": (
        "Invite code: <code>{code}</code>\nRole: {role}\nUnit: {unit}\nExpires: {expires}\n"
        "The recipient sends the bot: <code>/start {code}</code> (on Zalo: just the code)."
    ),
    "admin.invite_link": "Or open: {link}",
}
