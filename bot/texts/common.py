"""Texts every area uses: refusals, errors, role names."""

VI = {
    "common.stranger": (
        "Xin chào! Đây là trợ lý đôn đốc thực hiện kế hoạch của cơ quan. "
        "Bạn chưa được cấp quyền sử dụng. Vui lòng liên hệ Văn phòng để nhận mã mời, "
        "rồi gửi /start &lt;mã mời&gt;."
    ),
    "common.forbidden": "Bạn không có quyền dùng lệnh này.",
    "common.error": "Đã có lỗi xảy ra, yêu cầu của bạn chưa được xử lý. Vui lòng thử lại sau ít phút.",
    "common.unknown_command": "Không có lệnh /{command}. Gửi /help để xem các lệnh bạn dùng được.",
    "common.expired_button": "Nút này đã hết hạn. Vui lòng gửi lại lệnh.",
    "common.private_only": (
        "Lệnh này có mã hoặc dữ liệu của cả kế hoạch, nên không trả lời trong nhóm. "
        "Hãy nhắn riêng cho bot."
    ),
    "common.cancelled": "Đã hủy.",
    "role.admin": "quản trị",
    "role.leader": "lãnh đạo",
    "role.contact": "đầu mối đơn vị",
    "role.observer": "theo dõi",
    "status.done": "Hoàn thành",
    "status.in_progress": "Đang thực hiện",
    "status.blocked": "Gặp vướng mắc",
    "status.extension": "Đề nghị gia hạn",
}

EN = {
    "common.stranger": (
        "Hello! This is the committee's plan follow-up assistant. "
        "You do not have access yet. Ask the office for an invite code, "
        "then send /start &lt;code&gt;."
    ),
    "common.forbidden": "You are not allowed to use this command.",
    "common.error": "Something went wrong and your request was not processed. Please try again.",
    "common.unknown_command": "There is no /{command} command. Send /help to see yours.",
    "common.expired_button": "This button has expired. Please send the command again.",
    "common.private_only": (
        "This command shows codes or plan-wide data, so it is not answered in a group. "
        "Please message the bot privately."
    ),
    "common.cancelled": "Cancelled.",
    "role.admin": "admin",
    "role.leader": "leader",
    "role.contact": "unit contact",
    "role.observer": "observer",
    "status.done": "Completed",
    "status.in_progress": "In progress",
    "status.blocked": "Blocked",
    "status.extension": "Extension requested",
}
