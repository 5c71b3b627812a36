"""Texts of /onboarding: which units have people on board, and re-issuing expired codes."""

VI = {
    "boarding.none": "Chưa có đơn vị nào được giao nhiệm vụ đang thực hiện.",
    "boarding.header": "<b>Các đơn vị tham gia trợ lý</b> (trang {page}/{pages})",
    "boarding.totals": "{joined}/{units} đơn vị đã có đầu mối tham gia; {expired} mã hết hạn chưa dùng.",
    "boarding.unit_joined": "✅ <b>{unit}</b>",
    "boarding.unit_waiting": "⏳ <b>{unit}</b>",
    "boarding.unit_nobody": "❌ <b>{unit}</b>: chưa mời ai",
    "boarding.joined": "   Đã tham gia: {people}",
    "boarding.invited": "   Đã mời, chưa tham gia: {people}",
    "boarding.expired": "   Mã hết hạn: {people}",
    "boarding.person": "{name} ({platforms})",
    "boarding.reissue": "Cấp lại {count} mã hết hạn",
    "boarding.nothing_expired": "Không có mã hết hạn nào cần cấp lại.",
    "platform.telegram": "Telegram",
    "platform.zalo": "Zalo",
}

EN = {
    "boarding.none": "No unit has an open task yet.",
    "boarding.header": "<b>Units on board</b> (page {page}/{pages})",
    "boarding.totals": "{joined}/{units} units have a contact on board; {expired} codes expired unused.",
    "boarding.unit_joined": "✅ <b>{unit}</b>",
    "boarding.unit_waiting": "⏳ <b>{unit}</b>",
    "boarding.unit_nobody": "❌ <b>{unit}</b>: nobody invited",
    "boarding.joined": "   Joined: {people}",
    "boarding.invited": "   Invited, not joined yet: {people}",
    "boarding.expired": "   Code expired: {people}",
    "boarding.person": "{name} ({platforms})",
    "boarding.reissue": "Re-issue {count} expired codes",
    "boarding.nothing_expired": "There is no expired code to re-issue.",
    "platform.telegram": "Telegram",
    "platform.zalo": "Zalo",
}
