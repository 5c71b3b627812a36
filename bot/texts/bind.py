"""Texts of /bind and /unbind (group chats for the committee or a unit)."""

VI = {
    "bind.group_only": "Lệnh này dùng trong nhóm chat: hãy thêm bot vào nhóm rồi gửi /bind tại đó.",
    "bind.no_groups": "Kênh nhắn tin này chưa hỗ trợ nhóm chat.",
    "bind.usage": "Cách dùng: /bind (nhóm Thường trực) hoặc /bind donvi &lt;tên đơn vị&gt;.",
    "bind.committee": (
        "Đã gắn nhóm này làm <b>nhóm Thường trực</b>: báo cáo tuần, báo cáo tháng "
        "và tổng hợp tình hình sẽ được gửi vào đây."
    ),
    "bind.unit": "Đã gắn nhóm này với đơn vị <b>{unit}</b>.",
    "bind.unit_missing": "Không có đơn vị nào tên “{unit}”.",
    "bind.unbound": "Đã gỡ nhóm này; bot sẽ không gửi báo cáo vào đây nữa.",
    "bind.not_bound": "Nhóm này chưa được gắn.",
    "bind.other_committee": (
        "Nhóm này đang được một cấp ủy/cơ quan khác dùng. Quản trị viên bên đó cần gửi /unbind "
        "tại đây trước."
    ),
}

EN = {
    "bind.group_only": "Use this command in a group chat: add the bot to the group and send /bind there.",
    "bind.no_groups": "This chat platform does not support group chats yet.",
    "bind.usage": "Usage: /bind (committee chat) or /bind donvi &lt;unit name&gt;.",
    "bind.committee": (
        "This group is now the <b>committee chat</b>: weekly and monthly reports "
        "and summaries will be sent here."
    ),
    "bind.unit": "This group is now bound to the unit <b>{unit}</b>.",
    "bind.unit_missing": "No unit is named “{unit}”.",
    "bind.unbound": "This group is unbound; the bot will stop sending reports here.",
    "bind.not_bound": "This group is not bound.",
    "bind.other_committee": (
        "This group is used by another committee. Its admin must send /unbind here first."
    ),
}
