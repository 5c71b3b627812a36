"""Texts of the Zalo adapter: numbered choices and what Zalo cannot carry."""

VI = {
    "zalo.answer_one": "Trả lời {number}",
    "zalo.answer_many": "Trả lời {numbers} hoặc {last}",
    "zalo.file_unavailable": (
        "(Tệp “{name}” không gửi được qua Zalo. Vui lòng xem trên Telegram "
        "hoặc nhờ Văn phòng gửi lại.)"
    ),
    "zalo.unsupported": (
        "Bot chỉ đọc được tin nhắn chữ và ảnh. Vui lòng gửi lại nội dung bằng chữ."
    ),
}

EN = {
    "zalo.answer_one": "Reply {number}",
    "zalo.answer_many": "Reply {numbers} or {last}",
    "zalo.file_unavailable": (
        "(The file “{name}” cannot be sent over Zalo. Please see it on Telegram "
        "or ask the office to send it.)"
    ),
    "zalo.unsupported": "The bot reads only text and photos. Please send your message as text.",
}
