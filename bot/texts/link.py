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
    "link.requested": (
        "Đã nhận mã liên kết. Tài khoản này sẽ được liên kết khi chủ mã xác nhận trong tin nhắn "
        "riêng với bot; bạn sẽ nhận được thông báo."
    ),
    "link.confirm": (
        "Tài khoản <b>{name}</b> trên {platform} (mã người dùng {user_id}) vừa dùng mã liên kết "
        "của bạn. Nếu đó đúng là bạn, hãy bấm <b>Đồng ý</b> để liên kết; nếu không, bấm "
        "<b>Từ chối</b> — tài khoản đó sẽ không xem được gì."
    ),
    "link.approve": "Đồng ý",
    "link.refuse": "Từ chối",
    "link.approved_by_you": "Đã liên kết tài khoản <b>{name}</b> ({platform}) với bạn.",
    "link.refused_by_you": (
        "Đã từ chối. Tài khoản <b>{name}</b> ({platform}) không được liên kết; mã đã bị hủy."
    ),
    "link.refused": "Yêu cầu liên kết đã bị chủ mã từ chối.",
    "link.request_gone": (
        "Yêu cầu liên kết này không còn hiệu lực (đã xử lý hoặc đã quá một giờ). "
        "Nếu cần, hãy gửi /link để lấy mã mới."
    ),
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
    "link.requested": (
        "Link code received. This account will be linked once the code's owner confirms in "
        "their private chat with the bot; you will be told."
    ),
    "link.confirm": (
        "The account <b>{name}</b> on {platform} (user id {user_id}) has just used your link "
        "code. If that is you, press <b>Approve</b> to link it; if not, press <b>Refuse</b> — "
        "that account will see nothing."
    ),
    "link.approve": "Approve",
    "link.refuse": "Refuse",
    "link.approved_by_you": "The account <b>{name}</b> ({platform}) is now linked to you.",
    "link.refused_by_you": (
        "Refused. The account <b>{name}</b> ({platform}) was not linked; the code is void."
    ),
    "link.refused": "The code's owner refused the link request.",
    "link.request_gone": (
        "This link request is no longer valid (already answered or over an hour old). "
        "Send /link for a new code if you need one."
    ),
}
