"""Descriptions of the commands in the platform's command menu and in /help."""

VI = {
    "command.task": "Xem và sửa một nhiệm vụ",
    "command.bind": "Gắn nhóm chat (Thường trực / đơn vị)",
    "command.unbind": "Gỡ nhóm chat",
    "command.cancel": "Hủy thao tác đang làm",
    "command.export": "Xuất báo cáo (.docx, .xlsx, biểu đồ)",
    "command.invite": "Tạo mã mời",
    "command.link": "Liên kết tài khoản Telegram/Zalo",
    "command.onboarding": "Đơn vị nào đã tham gia, mã mời nào hết hạn",
    "command.report": "Báo cáo tiến độ một nhiệm vụ",
    "command.start": "Bắt đầu, nhập mã mời",
    "command.help": "Các lệnh bạn dùng được",
    "command.summary": "Tình hình thực hiện kế hoạch",
    "command.tasks": "Danh sách nhiệm vụ",
    "command.history": "Lịch sử báo cáo của một đơn vị",
    "command.audit": "Nhật ký thay đổi của một nhiệm vụ",
    "command.plan": "Thiết lập văn bản của kế hoạch (người ký, nơi nhận…)",
}

EN = {
    "command.task": "View and correct a task",
    "command.bind": "Bind this group chat",
    "command.unbind": "Unbind this group chat",
    "command.cancel": "Cancel what you are doing",
    "command.export": "Export a report",
    "command.invite": "Create an invite code",
    "command.link": "Link Telegram/Zalo accounts",
    "command.onboarding": "Which units are on board, which codes expired",
    "command.report": "Report progress on a task",
    "command.start": "Start, enter an invite code",
    "command.help": "The commands you can use",
    "command.summary": "Plan progress summary",
    "command.tasks": "List tasks",
    "command.history": "A unit's report history",
    "command.audit": "A task's change log",
    "command.plan": "A plan's report settings (signer, recipients…)",
}
