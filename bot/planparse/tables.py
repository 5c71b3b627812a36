"""Assignment tables ("Phụ lục phân công nhiệm vụ"): columns by header, rows → task drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.plandoc import TaskDraft
from bot.planparse.assignments import find_assignments
from bot.planparse.deadlines import read_timing
from bot.planparse.drafts import build_task, title_of
from bot.unitnames import fold_spelling, split_units

_ROLES = [
    ("code", re.compile(r"(?:số\s*)?(?:stt|tt|thứ tự|số thứ tự)\.?")),
    ("extra", re.compile(r".*(?:sản phẩm|ghi chú|kinh phí|kết quả|nguồn vốn|dự toán).*")),
    ("due", re.compile(r".*(?:thời gian|thời hạn|tiến độ|hoàn thành|thời điểm).*")),
    ("support", re.compile(r".*phối hợp.*")),
    ("lead", re.compile(r".*(?:chủ trì|thực hiện|cơ quan|đơn vị|trách nhiệm).*")),
    ("title", re.compile(r".*(?:nhiệm vụ|nội dung|công việc|hoạt động|tên).*")),
]
# A section row: "I", "B" or "II. LĨNH VỰC …" in a merged row.
_GROUP_CODE = re.compile(r"([IVX]{1,4}|[A-Z])(?:[.)]?\s|[.)]?$)")


@dataclass(frozen=True, slots=True)
class Table:
    """A table of a document: its 1-based number and its rows of cell texts."""

    number: int
    rows: list[list[str]]
    first_row: int = 1  # a spreadsheet's table starts below its title rows


@dataclass(frozen=True, slots=True)
class _Layout:
    start: int
    roles: list[str | None]
    headers: list[str]


def _one_line(text: str) -> str:
    return fold_spelling(text.replace("\n", " "))


def _role(header: str) -> str | None:
    header = _one_line(header).lower()
    role = next((role for role, pattern in _ROLES if pattern.fullmatch(header)), None)
    return None if role == "extra" else role


def _roles(headers: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for header in headers:
        role = _role(header)
        roles.append(role if role not in roles else None)
    return roles


def _is_subheader(row: list[str], below: list[str]) -> bool:
    """A second header row ("Chủ trì" | "Phối hợp" under "Cơ quan thực hiện")."""
    numbered = any(re.fullmatch(r"\d+\.?", cell.strip()) for cell in below)
    return below != row and not numbered and sum(_role(cell) is not None for cell in below) >= 2


def _layout(rows: list[list[str]]) -> _Layout | None:
    for index, row in enumerate(rows[:3]):
        headers, start = [_one_line(cell) for cell in row], index + 1
        below = rows[index + 1] if index + 1 < len(rows) else []
        if below and _is_subheader(row, below):
            pairs = zip(headers, map(_one_line, below), strict=False)
            headers = [top if low in ("", top) else f"{top} {low}".strip() for top, low in pairs]
            start += 1
        roles = _roles(headers)
        if "title" in roles and ("lead" in roles or "due" in roles):
            return _Layout(start, roles, headers)
    return None


def is_assignment_table(rows: list[list[str]]) -> bool:
    """Whether a table assigns tasks (has a task column and a lead or deadline column)."""
    return _layout(rows) is not None


def _units(cell: str, has_support_column: bool) -> tuple[list[str], list[str]]:
    found = [] if has_support_column else find_assignments(cell)
    if any(a.lead or a.support for a in found):
        return [u for a in found for u in a.lead], [u for a in found for u in a.support]
    return split_units(cell), []


def table_tasks(table: Table, *, year: int | None) -> list[TaskDraft]:
    """One draft per task row; group rows ("I", "A", merged cells) prefix repeated numbers."""
    layout = _layout(table.rows)
    if layout is None:
        return []
    rows: list[tuple[str | None, int, dict[str, str], list[str]]] = []
    group = None
    for number, row in enumerate(table.rows[layout.start :], layout.start + table.first_row):
        cells = {
            role: row[i].strip() for i, role in enumerate(layout.roles) if role and i < len(row)
        }
        if all(re.fullmatch(r"\(?\d*\)?", cell.strip()) for cell in row):
            continue
        code = cells.get("code", "").strip(" .")
        texts = {text for role, text in cells.items() if role != "code" and text}
        if len(texts) <= 1:
            section = _GROUP_CODE.match(code)
            group = section[1] if section else group
            continue
        if cells.get("title"):
            rows.append((group, number, cells, row))
    codes = [cells.get("code", "").strip(" .") for _, _, cells, _ in rows]
    repeated = len(set(codes)) < len(codes)
    drafts = []
    for (group, number, cells, row), code in zip(rows, codes, strict=True):
        doubts = set() if code else {"code"}
        code = code or f"B{table.number}.{number}"
        if repeated and group:
            code = f"{group}.{code}"
        lead, support = _units(cells.get("lead", ""), "support" in layout.roles)
        support += split_units(cells.get("support", ""))
        timing = read_timing(cells.get("due", ""), year=year)
        if not cells.get("due"):
            timing = read_timing(cells["title"], year=year)
            doubts.update(f for f in ("due", "recurrence") if getattr(timing, f))
        extra = {
            layout.headers[i]: row[i].strip()
            for i, role in enumerate(layout.roles)
            if role is None and i < len(row) and row[i].strip() and layout.headers[i]
        }
        drafts.append(
            build_task(
                code=code,
                title=title_of(cells["title"]),
                lead=lead,
                support=support,
                timing=timing,
                source=f"bảng {table.number}, dòng {number}",
                full_text=cells["title"],
                doubts=doubts,
                extra=extra,
            )
        )
    return drafts
