"""Texts of report histories in chat: /history of a unit, and a task's history from /task."""

VI = {
    "history.usage": (
        "Gửi <code>/history TÊN ĐƠN VỊ [kỳ]</code>, vd "
        "<code>/history Phòng Nội vụ huyện quý I</code> (kỳ: “tháng 3”, “quý I”, “6 tháng”, "
        "“năm 2025”; không ghi kỳ: toàn bộ)."
    ),
    "history.unit_not_found": "Không tìm thấy đơn vị “{query}”.",
    "history.own_unit_only": "Bạn chỉ xem được lịch sử báo cáo của đơn vị mình ({unit}).",
    "history.unit_title": "<b>Lịch sử báo cáo: {unit}</b>",
    "history.task_title": "<b>Lịch sử báo cáo nhiệm vụ {code}</b>\n{title}",
    "history.period": "Kỳ: {label} (từ {start} đến {end})",
    "history.all_time": "Toàn bộ thời gian",
    "history.count": "{count} lượt báo cáo, mới nhất trước.",
    "history.none": "<i>Không có báo cáo nào.</i>",
    "history.unit_line": "• {date} — <b>{code}</b>{plan}: {what} — “{text}”",
    "history.task_line": "• {date} — {unit}: {what} — “{text}”",
    "history.plan": " ({plan})",
    "history.page": "Trang {page}/{pages}",
    "history.button": "Lịch sử báo cáo",
    "history.back": "‹ Về nhiệm vụ",
}

EN = {
    "history.usage": (
        "Send <code>/history UNIT NAME [period]</code>, e.g. "
        "<code>/history Phòng Nội vụ huyện quý I</code> (period: “tháng 3”, “quý I”, “6 tháng”, "
        "“năm 2025”; none: all time)."
    ),
    "history.unit_not_found": "No unit “{query}” was found.",
    "history.own_unit_only": "You can only see your own unit's report history ({unit}).",
    "history.unit_title": "<b>Report history: {unit}</b>",
    "history.task_title": "<b>Report history of task {code}</b>\n{title}",
    "history.period": "Period: {label} ({start} to {end})",
    "history.all_time": "All time",
    "history.count": "{count} reports, newest first.",
    "history.none": "<i>No reports.</i>",
    "history.unit_line": "• {date} — <b>{code}</b>{plan}: {what} — “{text}”",
    "history.task_line": "• {date} — {unit}: {what} — “{text}”",
    "history.plan": " ({plan})",
    "history.page": "Page {page}/{pages}",
    "history.button": "Report history",
    "history.back": "‹ Back to the task",
}
