"""Texts of the inbox: what a sender hears when handling their message is delayed."""

VI = {
    "inbox.delayed": (
        "Đã nhận, đang xử lý… Hệ thống đang bận; nội dung bạn gửi đã được lưu "
        "và sẽ được ghi nhận, bạn không cần gửi lại."
    ),
}

EN = {
    "inbox.delayed": (
        "Received, processing… The system is busy; what you sent is saved and will be "
        "recorded, no need to send it again."
    ),
}
