"""Texts of obstacles: the notice to leaders, their direction and closing, the summary section."""

VI = {
    "obstacles.notice": (
        "⚠️ <b>Khó khăn, vướng mắc cần chỉ đạo</b>\nĐơn vị: {unit}\n"
        "Nhiệm vụ <b>{code}</b>: {title}\nÝ kiến của đơn vị: “{words}”"
    ),
    "obstacles.answer": "Cho ý kiến chỉ đạo",
    "obstacles.close": "Đóng vướng mắc",
    "obstacles.ask_direction": (
        "Nhập ý kiến chỉ đạo về vướng mắc của {unit} (nhiệm vụ {code}); ý kiến sẽ được gửi "
        "tới đơn vị và ghi vào nhiệm vụ."
    ),
    "obstacles.direction": "<b>Ý kiến chỉ đạo</b> về vướng mắc của nhiệm vụ <b>{code}</b>:\n{text}",
    "obstacles.direction_sent": "Đã gửi ý kiến chỉ đạo tới {unit} và ghi vào nhiệm vụ {code}.",
    "obstacles.closed": "Đã đóng vướng mắc của {unit} (nhiệm vụ {code}).",
    "obstacles.closed_before": "Vướng mắc này đã được đóng trước đó.",
    "obstacles.gone": "Không còn vướng mắc này.",
    "obstacles.empty_direction": "Ý kiến chỉ đạo không được để trống. Hãy nhập lại.",
    "summary.section.obstacles": "Khó khăn, vướng mắc ({count})",
    "summary.obstacle": "• <b>{code}</b> · {unit} (từ {date}): “{text}”",
    "summary.obstacle_direction": "  ↳ Chỉ đạo: {text}",
}

EN = {
    "obstacles.notice": (
        "⚠️ <b>Obstacle needing direction</b>\nUnit: {unit}\n"
        "Task <b>{code}</b>: {title}\nThe unit says: “{words}”"
    ),
    "obstacles.answer": "Give direction",
    "obstacles.close": "Close obstacle",
    "obstacles.ask_direction": (
        "Type your direction on the obstacle of {unit} (task {code}); it goes to the unit "
        "and is recorded on the task."
    ),
    "obstacles.direction": "<b>Direction</b> on the obstacle of task <b>{code}</b>:\n{text}",
    "obstacles.direction_sent": "Direction sent to {unit} and recorded on task {code}.",
    "obstacles.closed": "Obstacle of {unit} (task {code}) closed.",
    "obstacles.closed_before": "This obstacle was closed already.",
    "obstacles.gone": "This obstacle no longer exists.",
    "obstacles.empty_direction": "The direction cannot be empty. Type it again.",
    "summary.section.obstacles": "Obstacles ({count})",
    "summary.obstacle": "• <b>{code}</b> · {unit} (since {date}): “{text}”",
    "summary.obstacle_direction": "  ↳ Direction: {text}",
}
