"""Texts of joining with an invite code and of /help."""

VI = {
    "onboarding.how_to_join": (
        "Xin chào! Đây là trợ lý đôn đốc thực hiện kế hoạch của cơ quan. "
        "Để sử dụng, bạn cần mã mời do Văn phòng cấp. Khi có mã, hãy gửi "
        "<code>/start mã-mời</code> (hoặc chỉ gửi mã) cho tôi trong tin nhắn riêng."
    ),
    "onboarding.private_only": (
        "Vì an toàn, hãy gửi mã mời cho tôi trong tin nhắn riêng, không gửi trong nhóm."
    ),
    "onboarding.welcome": "Chào mừng {name}! Bạn đã được đăng ký với vai trò <b>{role}</b>.",
    "onboarding.welcome_unit": (
        "Chào mừng {name}! Bạn đã được đăng ký với vai trò <b>{role}</b> của <b>{unit}</b>. "
        "Tôi sẽ gửi tin nhắc việc cho đơn vị; bạn chỉ cần trả lời tin nhắc để báo cáo tiến độ."
    ),
    "onboarding.welcome_unit.chat": (
        "Chào mừng {name}! Bạn đã được đăng ký với vai trò <b>{role}</b> của <b>{unit}</b>. "
        "Tôi sẽ gửi tin nhắc việc cho đơn vị; khi nhận tin nhắc, bạn chỉ cần nhắn tin "
        "báo cáo tiến độ ngay trong cuộc trò chuyện này."
    ),
    "onboarding.locked_out": (
        "Bạn đã nhập sai mã quá nhiều lần. Vì an toàn, vui lòng thử lại sau {minutes} phút."
    ),
    "onboarding.code_burst": (
        "⚠️ Cảnh báo: tài khoản <b>{name}</b> trên {platform} (mã người dùng {user_id}) đã nhập "
        "sai mã mời hoặc mã liên kết {count} lần trong {minutes} phút. Bot tạm chặn tài khoản "
        "này nhập mã trong {minutes} phút."
    ),
    "onboarding.linked": "Đã liên kết tài khoản này với {name} (vai trò <b>{role}</b>).",
    "onboarding.hello_again": "Chào {name}! Bạn đang là <b>{role}</b> (đơn vị: {unit}).",
    "onboarding.help_header": "Các lệnh dành cho <b>{role}</b>:",
    "onboarding.help_contact": (
        "Báo cáo nhanh: trả lời (reply) tin nhắc việc bằng một câu ngắn, vd "
        "“Đã triển khai được 70%”, “xong”, “vướng kinh phí, đề nghị gia hạn đến 30/6”."
    ),
    "onboarding.help_contact.chat": (
        "Báo cáo nhanh: sau khi nhận tin nhắc việc, nhắn một câu ngắn ngay trong cuộc trò chuyện "
        "này, vd “Đã triển khai được 70%”, “xong”, “vướng kinh phí, đề nghị gia hạn đến 30/6”."
    ),
    "onboarding.evidence": "Ảnh hoặc tệp gửi kèm được lưu làm minh chứng.",
    "onboarding.evidence.photos": "Ảnh gửi kèm được lưu làm minh chứng.",
    "onboarding.first_contact": (
        "🎉 <b>{unit}</b> đã có đầu mối đầu tiên tham gia: {name} (qua {platform})."
    ),
}

EN = {
    "onboarding.how_to_join": (
        "Hello! This is the committee's plan follow-up assistant. "
        "You need an invite code from the office. Once you have it, send me "
        "<code>/start code</code> (or just the code) in a private chat."
    ),
    "onboarding.private_only": "For safety, send me your invite code in a private chat, not in a group.",
    "onboarding.welcome": "Welcome {name}! You are registered as <b>{role}</b>.",
    "onboarding.welcome_unit": (
        "Welcome {name}! You are registered as <b>{role}</b> of <b>{unit}</b>. "
        "I will send your unit reminders; just reply to a reminder to report progress."
    ),
    "onboarding.welcome_unit.chat": (
        "Welcome {name}! You are registered as <b>{role}</b> of <b>{unit}</b>. "
        "I will send your unit reminders; when one arrives, just send your progress "
        "as a message in this chat."
    ),
    "onboarding.locked_out": (
        "Too many wrong codes. For safety, please try again in {minutes} minutes."
    ),
    "onboarding.code_burst": (
        "⚠️ Warning: the account <b>{name}</b> on {platform} (user id {user_id}) entered a wrong "
        "invite or link code {count} times within {minutes} minutes. The bot blocks code entry "
        "from this account for {minutes} minutes."
    ),
    "onboarding.linked": "This account is now linked to {name} (role <b>{role}</b>).",
    "onboarding.hello_again": "Hello {name}! You are <b>{role}</b> (unit: {unit}).",
    "onboarding.help_header": "Commands for <b>{role}</b>:",
    "onboarding.help_contact": (
        "Quick report: reply to a reminder with a short sentence, e.g. “70% done”, “done”, "
        "“blocked by funding, request extension to 30/6”."
    ),
    "onboarding.help_contact.chat": (
        "Quick report: after a reminder, send a short message in this chat, e.g. “70% done”, "
        "“done”, “blocked by funding, request extension to 30/6”."
    ),
    "onboarding.evidence": "Photos and files you send are kept as evidence.",
    "onboarding.evidence.photos": "Photos you send are kept as evidence.",
    "onboarding.first_contact": "🎉 <b>{unit}</b> has its first contact on board: {name} (on {platform}).",
}
