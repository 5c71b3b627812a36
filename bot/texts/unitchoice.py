"""Texts of asking which unit a typed name means."""

VI = {
    "unitchoice.several": "“{name}” khớp với nhiều đơn vị. Chọn đơn vị:",
    "unitchoice.similar": "Không có đơn vị nào tên “{name}”. Có phải một trong các đơn vị sau?",
    "unitchoice.new": "Tạo đơn vị mới “{name}”",
}

EN = {
    "unitchoice.several": "“{name}” fits several units. Choose one:",
    "unitchoice.similar": "No unit is named “{name}”. Did you mean one of these?",
    "unitchoice.new": "Create a new unit “{name}”",
}
