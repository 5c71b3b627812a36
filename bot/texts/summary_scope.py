"""Texts of /summary for a period ("quý I", "tháng 3") or a plan ("15-KH/HU"), and its files."""

VI = {
    "summary.period_title": "<b>TÌNH HÌNH THỰC HIỆN KẾ HOẠCH {label}</b>",
    "summary.scope.period": "Kỳ báo cáo: {label} (từ {start} đến {end})",
    "summary.period_activity": (
        "Trong kỳ: <b>{reports}</b> lượt báo cáo, <b>{completed}</b> nhiệm vụ hoàn thành"
    ),
    "summary.plan_not_found": "Không có kế hoạch số “{number}”.",
    "summary.period_not_begun": "Kỳ {label} chưa bắt đầu.",
    "summary.period_caption": "Báo cáo {label}, tính đến {time} ngày {date}.",
}

EN = {
    "summary.period_title": "<b>PLAN IMPLEMENTATION STATUS, {label}</b>",
    "summary.scope.period": "Period: {label} ({start} to {end})",
    "summary.period_activity": (
        "In the period: <b>{reports}</b> reports received, <b>{completed}</b> tasks completed"
    ),
    "summary.plan_not_found": "There is no plan numbered “{number}”.",
    "summary.period_not_begun": "The period {label} has not begun.",
    "summary.period_caption": "Report for {label}, as of {time} on {date}.",
}
