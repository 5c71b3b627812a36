"""Texts of /plan: an admin reads and sets how a plan's reports and letters are headed and signed."""

VI = {
    "plansettings.title": "<b>Thiết lập văn bản — Kế hoạch {plan}</b>",
    "plansettings.line": "• <code>{field}</code>: {value}",
    "plansettings.set_mark": " <i>(đã đặt)</i>",
    "plansettings.how": (
        "Đổi: <code>/plan khóa=giá trị</code>, vd <code>/plan signer_name=Trần Văn Bình</code>; "
        "bỏ: <code>/plan khóa=-</code>; kế hoạch khác: <code>/plan 15-KH/HU khóa=giá trị</code>. "
        "Nơi nhận: các dòng cách nhau bởi “;”."
    ),
    "plansettings.no_plan": "Chưa có kế hoạch nào.",
    "plansettings.plan_not_found": "Không có kế hoạch số “{number}”.",
    "plansettings.preview": "Xác nhận đổi thiết lập văn bản của kế hoạch <b>{plan}</b>:",
    "plansettings.change": "{field}: {old} → {new}",
    "plansettings.unset": "(bỏ, dùng giá trị suy ra từ cơ quan ban hành)",
    "plansettings.saved": "Đã lưu thiết lập văn bản của kế hoạch {plan}.",
    "plansettings.unchanged": "Thiết lập văn bản của kế hoạch {plan} không có gì thay đổi.",
}

EN = {
    "plansettings.title": "<b>Report settings — plan {plan}</b>",
    "plansettings.line": "• <code>{field}</code>: {value}",
    "plansettings.set_mark": " <i>(set)</i>",
    "plansettings.how": (
        "Change: <code>/plan key=value</code>, e.g. <code>/plan signer_name=Trần Văn Bình</code>; "
        "remove: <code>/plan key=-</code>; another plan: <code>/plan 15-KH/HU key=value</code>. "
        "Recipients: lines separated by “;”."
    ),
    "plansettings.no_plan": "There is no plan yet.",
    "plansettings.plan_not_found": "There is no plan numbered “{number}”.",
    "plansettings.preview": "Confirm the change to the report settings of plan <b>{plan}</b>:",
    "plansettings.change": "{field}: {old} → {new}",
    "plansettings.unset": "(removed: read from the issuing body)",
    "plansettings.saved": "Report settings of plan {plan} saved.",
    "plansettings.unchanged": "Nothing changed in the report settings of plan {plan}.",
}
