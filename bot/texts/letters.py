"""Texts of the urging letters (công văn đôn đốc) offered in /summary quahan."""

VI = {
    "letters.button": "Công văn đôn đốc (.docx)",
    "letters.which_plan": "Viết công văn đôn đốc cho kế hoạch nào?",
    "letters.none": "Không có đơn vị nào có nhiệm vụ quá hạn trong kế hoạch này.",
    "letters.sent": "Đã gửi {count} công văn đôn đốc, mỗi đơn vị chậm một công văn.",
    "letters.caption": "Công văn đôn đốc gửi {unit}.",
}

EN = {
    "letters.button": "Urging letters (.docx)",
    "letters.which_plan": "Urging letters for which plan?",
    "letters.none": "No unit has overdue tasks in this plan.",
    "letters.sent": "{count} urging letters sent, one per lagging unit.",
    "letters.caption": "Urging letter to {unit}.",
}
