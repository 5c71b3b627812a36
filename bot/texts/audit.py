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
}
