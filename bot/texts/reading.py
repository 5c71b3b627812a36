"""How `dondoc read-reply` shows a reading in words."""

VI = {
    "reading.no_status": "Không rõ tình trạng",
    "reading.percent": "{percent}%",
    "reading.proposed_due": "đề nghị hạn {date:%d/%m/%Y}",
    "reading.task": "nhiệm vụ {code}",
    "reading.obstacle": "vướng mắc: {text}",
    "reading.sure": "chắc chắn",
    "reading.unsure": "cần hỏi lại",
    "reading.bad_today": "Ngày “{value}” không hợp lệ; dùng dạng 2025-03-24.",
}

EN = {
    "reading.no_status": "Status not stated",
    "reading.percent": "{percent}%",
    "reading.proposed_due": "proposes {date:%d/%m/%Y}",
    "reading.task": "task {code}",
    "reading.obstacle": "obstacle: {text}",
    "reading.sure": "sure",
    "reading.unsure": "ask before recording",
    "reading.bad_today": "Date “{value}” is not valid; write it as 2025-03-24.",
}
