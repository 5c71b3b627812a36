"""From a document's lines and tables to a `PlanDocument`."""

from __future__ import annotations

import re
from collections import Counter

from bot.plandoc import PlanDocument, PlanFileError, PlanHeader, TaskDraft
from bot.planparse.header import read_header
from bot.planparse.items import item_tasks
from bot.planparse.lines import Line, join_paragraphs
from bot.planparse.outline import SectionKind, outline
from bot.planparse.tables import Table, table_tasks

NO_TASKS = (
    "{name}: không tìm thấy nhiệm vụ nào. Kế hoạch cần mục “NHIỆM VỤ…” có các ý đánh số "
    "(1., 2., a), b)…) hoặc bảng phân công có cột “Nội dung nhiệm vụ” và “Cơ quan chủ trì”."
)


def _unique_codes(tasks: list[TaskDraft]) -> list[TaskDraft]:
    """Codes must identify tasks; a repeated one gets a suffix and is flagged."""
    seen: Counter[str] = Counter()
    unique = []
    for task in tasks:
        seen[task.code] += 1
        if seen[task.code] > 1:
            low = ["code", *(field for field in task.low_confidence if field != "code")]
            task = task.model_copy(
                update={"code": f"{task.code}-{seen[task.code]}", "low_confidence": low}
            )
        unique.append(task)
    return unique


def _appendix(rows: list[TaskDraft], taken: set[str]) -> list[TaskDraft]:
    """A table whose numbers clash with the plan's own items ("II.1") is told apart as "PL.II.1"."""
    if not taken.intersection(task.code for task in rows):
        return rows
    return [task.model_copy(update={"code": f"PL.{task.code}"}) for task in rows]


def build_plan(lines: list[Line], tables: list[Table], *, name: str) -> PlanDocument:
    """Read header and tasks; a document without tasks is not a plan."""
    if not lines and not tables:
        raise PlanFileError(f"{name}: tệp không có nội dung chữ nào để đọc.")
    header = read_header(lines)
    years = re.findall(r"\bnăm (\d{4})\b", header.title or "")
    year = header.issued_on.year if header.issued_on else int(years[-1]) if years else None
    paragraphs = join_paragraphs(lines)
    del lines  # what follows reads the paragraphs: a long plan's lines are let go now
    items = item_tasks(outline(paragraphs), year=year)
    taken = {task.code for _, task in items}
    rows = [task for table in tables for task in _appendix(table_tasks(table, year=year), taken)]
    late = [task for kind, task in items if kind is SectionKind.ORGANIZATION]
    tasks = [task for kind, task in items if kind is not SectionKind.ORGANIZATION] + rows + late
    if not tasks:
        raise PlanFileError(NO_TASKS.format(name=name))
    plan = PlanHeader(
        number=header.number,
        title=header.title or name.rsplit(".", 1)[0],
        issuer=header.issuer,
        issued_on=header.issued_on,
        signed_by=header.signed_by,
    )
    return PlanDocument(plan=plan, tasks=_unique_codes(tasks))
