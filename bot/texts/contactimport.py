"""Texts of a contact list sent in chat: the preview, the invites issued, the sheets."""

VI = {
    "contacts.unusable": "Danh sách mời chưa dùng được, chưa cấp mã nào:\n{reason}",
    "contacts.header": "<b>Danh sách mời đọc được từ tệp {file}</b>: {count} người.",
    "contacts.line": "• {name} — {unit} — {role}",
    "contacts.line_title": "• {name} ({title}) — {unit} — {role}",
    "contacts.typed": "{unit} (ghi là “{typed}”)",
    "contacts.more": "… và {count} người nữa.",
    "contacts.question": "Cấp mã mời cho tất cả những người này và gửi lại phiếu mời để in?",
    "contacts.confirm": "Cấp mã mời",
    "contacts.cancel": "Hủy",
    "contacts.issued": "Đã cấp {count} mã mời (hết hạn ngày {expires}).",
    "contacts.sheets_caption": "Phiếu mời để in, mỗi người một trang ({count} phiếu).",
    "contacts.no_qr": "Chưa biết tên bot Telegram: phiếu mời chỉ có mã, không có mã QR.",
    "contacts.code_line": "• {name} — {unit}: <code>{code}</code>",
}

EN = {
    "contacts.unusable": "The contact list cannot be used yet; no code was issued:\n{reason}",
    "contacts.header": "<b>Contact list read from {file}</b>: {count} people.",
    "contacts.line": "• {name} — {unit} — {role}",
    "contacts.line_title": "• {name} ({title}) — {unit} — {role}",
    "contacts.typed": "{unit} (written “{typed}”)",
    "contacts.more": "… and {count} more people.",
    "contacts.question": "Issue invite codes to all of them and send back printable invite sheets?",
    "contacts.confirm": "Issue invites",
    "contacts.cancel": "Cancel",
    "contacts.issued": "{count} invite codes issued (they expire on {expires}).",
    "contacts.sheets_caption": "Printable invite sheets, one page per person ({count} sheets).",
    "contacts.no_qr": "The Telegram bot's name is unknown: the sheets carry the code, no QR code.",
    "contacts.code_line": "• {name} — {unit}: <code>{code}</code>",
}
