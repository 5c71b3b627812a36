"""Texts of /link: one person on Telegram and Zalo, and where reminders go."""

VI = {
    "link.code": (
        "Mã liên kết của bạn: <code>{code}</code>\n"
        "Để nhận nhắc việc trên nền tảng còn lại (Zalo hoặc Telegram), mở bot ở đó và gửi "
        "<code>/start {code}</code> (hoặc chỉ gửi mã). Mã dùng một lần, hết hạn sau {minutes} phút."
    ),
    "link.deep_link": "Trên Telegram có thể mở: {link}",
    "link.accounts": "Tài khoản đã liên kết: {accounts}.",
    "link.delivery": "Nhắc việc đang gửi qua: <b>{where}</b>. Chọn nơi nhận:",
    "link.deliver_all": "Mọi nền tảng",
    "link.deliver_only": "Chỉ {channel}",
    "link.delivery_saved": "Đã lưu. Nhắc việc sẽ gửi qua: <b>{where}</b>.",
    "link.delivery_fallback": (
        "Nếu không gửi được qua nền tảng đã chọn, bot sẽ gửi qua tài khoản còn lại."
    ),
    "link.error": "Không thực hiện được: {reason}",
}

EN = {
    "link.code": (
        "Your link code: <code>{code}</code>\n"
        "To get reminders on the other platform (Zalo or Telegram), open the bot there and send "
        "<code>/start {code}</code> (or just the code). One use only; it expires in {minutes} minutes."
    ),
    "link.deep_link": "On Telegram you can open: {link}",
    "link.accounts": "Linked accounts: {accounts}.",
    "link.delivery": "Reminders currently go to: <b>{where}</b>. Choose where:",
    "link.deliver_all": "Every platform",
    "link.deliver_only": "{channel} only",
    "link.delivery_saved": "Saved. Reminders will go to: <b>{where}</b>.",
    "link.delivery_fallback": (
        "If the chosen platform cannot be reached, the bot uses your other account."
    ),
    "link.error": "Could not do that: {reason}",
}
