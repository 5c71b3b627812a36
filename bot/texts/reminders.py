"""Texts of reminders, escalations, the "remind me later" button and the calendar commands."""

VI = {
    "reminder.title.before_due": "⏰ <b>Nhắc việc: sắp đến hạn</b>",
    "reminder.title.due": "⏰ <b>Nhắc việc: đến hạn hoàn thành</b>",
    "reminder.title.overdue": "⚠️ <b>Nhắc việc: nhiệm vụ đã quá hạn</b>",
    "reminder.title.report_request": "📋 <b>Đề nghị báo cáo định kỳ</b>",
    "reminder.title.report_overdue": "⚠️ <b>Chưa nhận được báo cáo định kỳ</b>",
    "reminder.title.snooze": "⏰ <b>Nhắc lại nhiệm vụ</b>",
    "reminder.task": "Nhiệm vụ <b>{code}</b>: {title}",
    "reminder.plan": "Kế hoạch: {plan}",
    "reminder.unit": "Đơn vị chủ trì: {unit}",
    "reminder.unit_support": "Đơn vị phối hợp: {unit}",
    "reminder.due.ahead": "Thời hạn: <b>{due}</b> (còn {days} ngày)",
    "reminder.due.today": "Thời hạn: <b>{due}</b> (hôm nay)",
    "reminder.due.passed": "Thời hạn: <b>{due}</b> (đã quá hạn <b>{days} ngày</b>)",
    "reminder.period": "Kỳ báo cáo: {period}; hạn báo cáo: <b>{report_date}</b>",
    "reminder.ask.progress": (
        "Đề nghị đơn vị <b>trả lời (reply) tin nhắn này</b> để báo cáo tiến độ, ví dụ: "
        "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”."
    ),
    "reminder.ask.report": (
        "Đề nghị đơn vị <b>trả lời (reply) tin nhắn này</b> với kết quả thực hiện trong kỳ."
    ),
    "reminder.ask.progress.chat": (
        "Đề nghị đơn vị <b>nhắn tin báo cáo tiến độ</b> ngay trong cuộc trò chuyện này, ví dụ: "
        "“Đã hoàn thành 70%, đang …” hoặc “Đã hoàn thành”."
    ),
    "reminder.ask.report.chat": (
        "Đề nghị đơn vị <b>nhắn tin báo cáo kết quả thực hiện trong kỳ</b> "
        "ngay trong cuộc trò chuyện này."
    ),
    "reminder.button.report": "📝 Báo cáo",
    "reminder.button.snooze": "⏰ Nhắc lại sau",
    "reminder.button.extend": "📅 Đề nghị gia hạn",
    "reminder.period.month": "tháng {month}/{year}",
    "reminder.period.quarter": "quý {roman}/{year}",
    "reminder.period.half1": "6 tháng đầu năm {year}",
    "reminder.period.half2": "6 tháng cuối năm {year}",
    "reminder.period.year": "năm {year}",
    "reminder.escalation.title": "🔺 <b>Nhiệm vụ quá hạn cần lãnh đạo chỉ đạo</b>",
    "reminder.escalation.intro": "Các nhiệm vụ sau đã quá hạn, đơn vị chủ trì chưa báo cáo hoàn thành:",
    "reminder.escalation.item": "{n}. <b>{code}</b> — {title}\n    {unit}: hạn {due}, quá hạn <b>{days} ngày</b>",
    "reminder.unreachable": (
        "⚠️ Không gửi được nhắc việc tới <b>{name}</b> ({where}, {channel}): người nhận đã chặn bot "
        "hoặc cuộc trò chuyện không còn. Đã ngừng gửi tới địa chỉ này; vui lòng liên hệ và cấp mã mời mới."
    ),
    "reminder.committee": "nhóm lãnh đạo",
    "reminder.snoozed": "Đã hẹn: bot sẽ nhắc lại nhiệm vụ <b>{code}</b> lúc {time} {weekday}, {date}.",
    "reminder.snooze.completed": "Nhiệm vụ <b>{code}</b> đã hoàn thành, không cần nhắc lại.",
    "reminder.snooze.not_yours": "Lời nhắc này dành cho đơn vị khác; bạn không thể hẹn nhắc lại.",
    "reminder.snooze.gone": "Lời nhắc này không còn hiệu lực.",
    "reminder.weekday.0": "thứ Hai",
    "reminder.weekday.1": "thứ Ba",
    "reminder.weekday.2": "thứ Tư",
    "reminder.weekday.3": "thứ Năm",
    "reminder.weekday.4": "thứ Sáu",
    "reminder.weekday.5": "thứ Bảy",
    "reminder.weekday.6": "Chủ nhật",
}

EN = {
    "reminder.title.before_due": "⏰ <b>Reminder: deadline approaching</b>",
    "reminder.title.due": "⏰ <b>Reminder: deadline reached</b>",
    "reminder.title.overdue": "⚠️ <b>Reminder: task overdue</b>",
    "reminder.title.report_request": "📋 <b>Periodic report requested</b>",
    "reminder.title.report_overdue": "⚠️ <b>Periodic report not received</b>",
    "reminder.title.snooze": "⏰ <b>Reminder, as you asked</b>",
    "reminder.task": "Task <b>{code}</b>: {title}",
    "reminder.plan": "Plan: {plan}",
    "reminder.unit": "Lead unit: {unit}",
    "reminder.unit_support": "Supporting unit: {unit}",
    "reminder.due.ahead": "Deadline: <b>{due}</b> ({days} days left)",
    "reminder.due.today": "Deadline: <b>{due}</b> (today)",
    "reminder.due.passed": "Deadline: <b>{due}</b> (<b>{days} days</b> overdue)",
    "reminder.period": "Reporting period: {period}; report due <b>{report_date}</b>",
    "reminder.ask.progress": (
        "Please <b>reply to this message</b> with your progress, e.g. “70% done, now …” or “Done”."
    ),
    "reminder.ask.report": "Please <b>reply to this message</b> with this period's results.",
    "reminder.ask.progress.chat": (
        "Please <b>send your progress as a message</b> in this chat, "
        "e.g. “70% done, now …” or “Done”."
    ),
    "reminder.ask.report.chat": (
        "Please <b>send this period's results as a message</b> in this chat."
    ),
    "reminder.button.report": "📝 Report",
    "reminder.button.snooze": "⏰ Remind me later",
    "reminder.button.extend": "📅 Ask for an extension",
    "reminder.period.month": "{month}/{year}",
    "reminder.period.quarter": "Q{index}/{year}",
    "reminder.period.half1": "first half of {year}",
    "reminder.period.half2": "second half of {year}",
    "reminder.period.year": "year {year}",
    "reminder.escalation.title": "🔺 <b>Overdue tasks needing the leadership's attention</b>",
    "reminder.escalation.intro": "These tasks are overdue and their lead units have not reported completion:",
    "reminder.escalation.item": "{n}. <b>{code}</b> — {title}\n    {unit}: due {due}, <b>{days} days</b> overdue",
    "reminder.unreachable": (
        "⚠️ Could not deliver a reminder to <b>{name}</b> ({where}, {channel}): they blocked the bot "
        "or the chat is gone. Sending there has stopped; please contact them and issue a new invite."
    ),
    "reminder.committee": "leaders' group",
    "reminder.snoozed": "Done: the bot will remind you of task <b>{code}</b> at {time} on {weekday}, {date}.",
    "reminder.snooze.completed": "Task <b>{code}</b> is completed; no reminder needed.",
    "reminder.snooze.not_yours": "This reminder is for another unit; you cannot postpone it.",
    "reminder.snooze.gone": "This reminder is no longer valid.",
    "reminder.weekday.0": "Monday",
    "reminder.weekday.1": "Tuesday",
    "reminder.weekday.2": "Wednesday",
    "reminder.weekday.3": "Thursday",
    "reminder.weekday.4": "Friday",
    "reminder.weekday.5": "Saturday",
    "reminder.weekday.6": "Sunday",
}
