"""Texts of the audit log (`dondoc audit`, the admin's /audit)."""

VI = {
    "audit.empty": "Không có thay đổi nào được ghi nhận.",
    "audit.line": "{at} — {actor} — {action}: {details}",
    "audit.action.task.create": "Thêm nhiệm vụ",
    "audit.action.task.edit": "Sửa nhiệm vụ",
    "audit.action.task.close": "Đóng nhiệm vụ",
    "audit.action.task.reopen": "Mở lại nhiệm vụ",
    "audit.action.task.snooze": "Hoãn nhắc việc",
    "audit.action.task.set_policy": "Đổi lịch nhắc của nhiệm vụ",
    "audit.action.plan.set_policy": "Đổi lịch nhắc của kế hoạch",
    "audit.action.plan.report_settings": "Đổi thiết lập văn bản",
    "audit.action.progress_report.report": "Báo cáo tiến độ",
    "audit.action.progress_report.edit": "Sửa báo cáo",
    "audit.action.progress_report.attach": "Gửi minh chứng",
    "audit.action.extension.request": "Đề nghị gia hạn",
    "audit.action.extension.approve": "Đồng ý gia hạn",
    "audit.action.extension.decline": "Không đồng ý gia hạn",
    "audit.action.unit.create": "Thêm đơn vị",
    "audit.action.unit.add_member": "Thêm đơn vị thành viên",
    "audit.action.chat.bind": "Gắn nhóm chat",
    "audit.action.chat.unbind": "Bỏ gắn nhóm chat",
    # The admin's /audit in chat.
    "audit.chat.usage": "Gửi <code>/audit MÃ</code>, vd <code>/audit II.3</code>.",
    "audit.chat.which_plan": "Mã “{code}” có trong nhiều kế hoạch. Chọn nhiệm vụ:",
    "audit.chat.title": "<b>Nhật ký thay đổi nhiệm vụ {code}</b> — Kế hoạch {plan}",
    "audit.chat.latest": (
        "<i>{count} thay đổi gần nhất; xem đầy đủ: <code>dondoc audit --task {code}</code></i>"
    ),
}

EN = {
    "audit.empty": "No change has been recorded.",
    "audit.line": "{at} — {actor} — {action}: {details}",
    "audit.action.task.create": "Task added",
    "audit.action.task.edit": "Task edited",
    "audit.action.task.close": "Task closed",
    "audit.action.task.reopen": "Task reopened",
    "audit.action.progress_report.report": "Progress report",
    "audit.action.progress_report.edit": "Report edited",
    "audit.action.extension.request": "Extension requested",
    "audit.action.extension.approve": "Extension approved",
    "audit.action.extension.decline": "Extension declined",
    "audit.chat.usage": "Send <code>/audit CODE</code>, e.g. <code>/audit II.3</code>.",
    "audit.chat.which_plan": "Code “{code}” is in several plans. Choose the task:",
    "audit.chat.title": "<b>Change log of task {code}</b> — plan {plan}",
    "audit.chat.latest": (
        "<i>The latest {count} changes; all of them: <code>dondoc audit --task {code}</code></i>"
    ),
}
