"""Numbered items of a plan's sections → task drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.plandoc import TaskDraft
from bot.planparse.assignments import Assignment, find_assignments, sentences, unit_list
from bot.planparse.deadlines import Timing, read_timing
from bot.planparse.drafts import build_task, strip_marker, title_of
from bot.planparse.outline import Item, Section, SectionKind

_TIME_LABEL = re.compile(
    r"[-–+•\s]*(?:thời gian|thời hạn|tiến độ|hoàn thành|báo cáo|định kỳ|trước ngày)", re.IGNORECASE
)

# "Nhiệm vụ cụ thể tại Phụ lục kèm theo": a pointer to the assignment table, not a task.
_APPENDIX = re.compile(r"phụ lục|bảng phân công", re.IGNORECASE)
_BULLET = re.compile(r"[-–+•*]\s")


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one item's own text says."""

    lead: tuple[str, ...]
    support: tuple[str, ...]
    strong: bool
    timing: Timing
    timing_doubted: bool
    title: str


def _opening(body: str) -> tuple[list[Assignment], str]:
    """Assignments in `body`, and the title its opening suggests."""
    found = find_assignments(body)
    heading, _, rest = body.partition("\n")
    units = unit_list(heading.rstrip(" :."))
    if units:
        # "1. Phòng Văn hóa và Thông tin huyện:" followed by that body's duties.
        return [Assignment(units, (), True, heading, True), *found], title_of(rest or heading)
    first = next(sentences(body), "")
    opener = found[0] if found and found[0].subject_led and found[0].sentence == first else None
    # "Phòng X chủ trì tổ chức tập huấn…" is titled by its work, not by "thực hiện trong Quý III".
    if opener and opener.predicate and not opener.predicate.lower().startswith("thực hiện"):
        return found, title_of(opener.predicate)
    return found, title_of(body)


def _read(text: str, kind: SectionKind, year: int | None) -> _Reading:
    body = strip_marker(text)
    found, title = _opening(body)
    strong = [a for a in found if a.strong]
    used = strong if any(a.lead for a in strong) else found
    lead = tuple(unit for a in used for unit in a.lead)
    support = tuple(unit for a in used for unit in a.support)
    clauses = (clause for sentence in sentences(body) for clause in sentence.split(";"))
    portion = [a.sentence for a in used] + [c for c in clauses if _TIME_LABEL.match(c)]
    timing = read_timing(
        body if kind is SectionKind.ORGANIZATION else "\n".join(portion), year=year
    )
    doubted = False
    if timing.due is None and timing.recurrence is None:
        whole = read_timing(body, year=year)
        doubted = whole != timing
        timing = whole
    return _Reading(lead, support, any(a.strong and a.lead for a in used), timing, doubted, title)


def _bullets(item: Item) -> list[Item]:
    """Unnumbered bullets that each assign their own work ("- Phòng A: …", "- Phòng B: …")."""
    groups: list[Item] = []
    for paragraph in item.paragraphs[1:]:
        if _BULLET.match(paragraph.text):
            groups.append(Item(str(len(groups) + 1), [paragraph]))
        elif groups:
            groups[-1].paragraphs.append(paragraph)
    if len(groups) < 2:
        return []
    for group in groups:
        if not any(a.strong and a.lead for a in find_assignments(strip_marker(group.text))):
            return []
    return groups


def _draft(
    code: str, leaf: Item, own: _Reading, parent: _Reading | None, kind: SectionKind
) -> TaskDraft | None:
    lead, support, timing, doubts = own.lead, own.support, own.timing, set()
    if _BULLET.match(leaf.text):
        doubts.add("code")  # the plan does not number its bullets; the code is ours
    if not lead and parent and parent.lead:
        lead, support = parent.lead, support or parent.support
    if timing.due is None and timing.recurrence is None and parent:
        timing = parent.timing
    if kind is SectionKind.ORGANIZATION and not lead:
        return None
    if kind is SectionKind.TASKS and not lead and _APPENDIX.search(leaf.text):
        return None
    if kind is SectionKind.OTHER and not (lead and own.strong):
        return None
    if lead is own.lead and own.lead and not own.strong and kind is SectionKind.TASKS:
        doubts.add("lead_units")
    if own.timing_doubted and timing is own.timing:
        found = {"due": timing.due, "recurrence": timing.recurrence}
        doubts.update(field for field, value in found.items() if value)
    return build_task(
        code=code,
        title=own.title,
        lead=lead,
        support=support,
        timing=timing,
        source=leaf.paragraphs[0].where,
        full_text=leaf.text,
        doubts=doubts,
    )


def item_tasks(sections: list[Section], *, year: int | None) -> list[tuple[SectionKind, TaskDraft]]:
    """Tasks from numbered items: every item of a task section, others only if they assign work."""
    numbered = any(section.numeral for section in sections)
    drafts: list[tuple[SectionKind, TaskDraft]] = []
    for section in sections:
        if section.kind is SectionKind.PURPOSE or (numbered and section.numeral is None):
            continue
        prefix = f"{section.numeral}." if section.numeral else ""
        for item in section.items:
            bullets = [] if item.children else _bullets(item)
            heading = item.paragraphs[0].text if bullets else item.text
            parent = _read(heading, section.kind, year)
            for leaf in item.children or bullets or [item]:
                own = parent if leaf is item else _read(leaf.text, section.kind, year)
                code = prefix + item.label + ("" if leaf is item else f".{leaf.label}")
                draft = _draft(code, leaf, own, None if leaf is item else parent, section.kind)
                if draft:
                    drafts.append((section.kind, draft))
    return drafts
