"""Texts of the printed invite sheets handed out at an onboarding meeting."""

VI = {
    "sheet.title": "GIẤY MỜI THAM GIA TRỢ LÝ ĐÔN ĐỐC",
    "sheet.person": "Họ và tên: {name}",
    "sheet.position": "Chức vụ: {title}",
    "sheet.unit": "Đơn vị: {unit}",
    "sheet.role": "Vai trò: {role}",
    "sheet.code": "Mã mời (dùng cho Zalo): {code}",
    "sheet.expires": "Mã dùng một lần, hết hạn ngày {date}.",
    "sheet.step1": "1. Mở camera điện thoại, quét mã QR ở trên để mở Telegram và bấm “Bắt đầu”.",
    "sheet.step2": "2. Nếu dùng Zalo: nhắn mã mời ở trên cho tài khoản Zalo của trợ lý.",
    "sheet.step3": "3. Từ đó, trả lời tin nhắc việc của trợ lý để báo cáo tiến độ của đơn vị.",
}

EN = {
    "sheet.title": "INVITATION TO THE FOLLOW-UP ASSISTANT",
    "sheet.person": "Name: {name}",
    "sheet.position": "Position: {title}",
    "sheet.unit": "Unit: {unit}",
    "sheet.role": "Role: {role}",
    "sheet.code": "Invite code (for Zalo): {code}",
    "sheet.expires": "One-time code, expires on {date}.",
    "sheet.step1": "1. Scan the QR code above with the phone camera to open Telegram, then tap Start.",
    "sheet.step2": "2. On Zalo: send the invite code above to the assistant's Zalo account.",
    "sheet.step3": "3. From then on, answer the assistant's reminders to report your unit's progress.",
}
