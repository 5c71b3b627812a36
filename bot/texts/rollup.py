"""Texts of the roll-up a parent committee reads in /summary: one block per child committee."""

VI = {
    "rollup.section": "CÁC CẤP ỦY/CƠ QUAN CẤP DƯỚI ({count})",
    "rollup.child": (
        "<b>{name}</b>: quá hạn <b>{overdue}</b> · đơn vị đã báo cáo {reported}/{units}{percent}"
        " · vướng mắc chưa gỡ {obstacles}"
    ),
    "rollup.percent": " ({percent}%)",
    "rollup.count": "{label} {count}",
    "rollup.issued": "Đã ban hành kế hoạch thực hiện {parent}: {plan}",
    "rollup.missing": "<b>Chưa ban hành</b> kế hoạch thực hiện {parent}",
    "rollup.drill": "Xem chi tiết: /summary &lt;tên cấp ủy/cơ quan&gt;",
    "rollup.scope": "Cấp ủy/cơ quan: <b>{name}</b> (chỉ xem)",
    "rollup.not_child": (
        "Anh/chị chỉ xem được tình hình của cơ quan mình và các cấp ủy/cơ quan trực thuộc; "
        "“{name}” không thuộc phạm vi đó."
    ),
}

EN = {
    "rollup.section": "COMMITTEES BELOW ({count})",
    "rollup.child": (
        "<b>{name}</b>: overdue <b>{overdue}</b> · units reported {reported}/{units}{percent}"
        " · open obstacles {obstacles}"
    ),
    "rollup.percent": " ({percent}%)",
    "rollup.count": "{label} {count}",
    "rollup.issued": "Implementing plan for {parent} issued: {plan}",
    "rollup.missing": "<b>No implementing plan yet</b> for {parent}",
    "rollup.drill": "Details: /summary &lt;committee name&gt;",
    "rollup.scope": "Committee: <b>{name}</b> (read only)",
    "rollup.not_child": (
        "You can see your own committee and the committees under it only; "
        "“{name}” is not one of them."
    ),
}
