"""Excel task lists: the assignment table of each sheet, found by its header wherever it starts."""

from __future__ import annotations

import re
from pathlib import Path

from bot.plandoc import PlanDocument, PlanFileError
from bot.planparse.document import build_plan
from bot.planparse.lines import Line, make_line
from bot.planparse.tables import Table, is_assignment_table
from bot.spreadsheet import xlsx_sheets

HEADER_SEARCH_ROWS = 30
# A break typed inside a cell (Alt+Enter) before a lower-case word only wraps the line.
_WRAP = re.compile(r"\s*\n\s*(?=[a-zà-ỹđ])")


def _table_start(rows: list[list[str]]) -> int | None:
    """The first row of the assignment table (its header), if the sheet has one."""
    return next(
        (index for index in range(min(len(rows), HEADER_SEARCH_ROWS))
         if any(rows[index]) and is_assignment_table(rows[index : index + 3])),
        None,
    )  # fmt: skip


def read_xlsx(path: Path) -> PlanDocument:
    """A plan kept as a spreadsheet: title rows give the header, each sheet's table the tasks."""
    lines: list[Line] = []
    tables: list[Table] = []
    for number, (title, sheet_rows) in enumerate(xlsx_sheets(path), 1):
        rows = [[_WRAP.sub(" ", cell) for cell in row] for row in sheet_rows]
        start = _table_start(rows)
        if start is None:
            continue
        for row_number, row in enumerate(rows[:start], 1):
            line = make_line(" ".join(cell for cell in row if cell), f"{title}, dòng {row_number}")
            lines += [line] if line else []
        tables.append(Table(number, rows[start:], first_row=start + 1))
    if not tables:
        raise PlanFileError(
            f"{path.name}: không trang nào có bảng phân công "
            "(cột “Nội dung nhiệm vụ” và “Chủ trì” hoặc “Thời hạn”)."
        )
    return build_plan(lines, tables, name=path.name)
