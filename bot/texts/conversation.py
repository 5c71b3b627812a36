"""Texts of the shared conversation pieces: paging, hints for messages nobody took."""

VI = {
    "conversation.private_only": (
        "Việc này chỉ làm trong tin nhắn riêng với tôi, vì có tên người và mã mời."
    ),
    "conversation.previous": "‹ Trang trước",
    "conversation.next": "Trang sau ›",
    "conversation.hint": "Tôi chưa hiểu tin nhắn này. Gửi /help để xem các lệnh bạn dùng được.",
    "conversation.hint_contact": (
        "Tôi chưa hiểu tin nhắn này. Để báo cáo tiến độ, hãy trả lời (reply) tin nhắc việc, "
        "ghi mã nhiệm vụ trong tin (vd: “NV 2: đạt 70%”) hoặc gửi /report. "
        "Gửi /help để xem các lệnh."
    ),
    "conversation.hint_contact.chat": (
        "Tôi chưa hiểu tin nhắn này. Để báo cáo tiến độ, hãy nhắn tin báo cáo ngay trong "
        "cuộc trò chuyện này sau khi nhận tin nhắc việc, ghi mã nhiệm vụ trong tin "
        "(vd: “NV 2: đạt 70%”) hoặc gửi /report. Gửi /help để xem các lệnh."
    ),
}

EN = {
    "conversation.private_only": (
        "This works only in a private chat with me, as it shows names and invite codes."
    ),
    "conversation.previous": "‹ Previous",
    "conversation.next": "Next ›",
    "conversation.hint": "I did not understand this message. Send /help to see your commands.",
    "conversation.hint_contact": (
        "I did not understand this message. To report progress, reply to the reminder, "
        "name the task code in your message (e.g. “NV 2: 70% done”) or send /report. "
        "Send /help to see your commands."
    ),
    "conversation.hint_contact.chat": (
        "I did not understand this message. To report progress, send a message in this chat "
        "after the reminder, name the task code in your message (e.g. “NV 2: 70% done”) "
        "or send /report. Send /help to see your commands."
    ),
}
