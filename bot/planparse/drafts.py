"""Turning what was read about one task into a `TaskDraft`, with its doubts and confidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from bot.domain import Recurrence
from bot.plandoc import TaskDraft
from bot.planparse.anchored import AnchoredPattern
from bot.planparse.assignments import sentences
from bot.planparse.deadlines import Timing

TITLE_LIMIT = 200
_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,5}\s*[.)]|[a-zđ]\s*[).]|[-–+•*])\s+")
_DUTY_OPENERS = re.compile(
    r"^(?:là (?:cơ quan |đơn vị )?(?:thường trực|đầu mối|chủ trì)[^,;]*[,;]?|có trách nhiệm"
    r"|chịu trách nhiệm(?! trước)|chủ trì,?(?: thực hiện)?"
    r"|(?:theo|căn cứ) (?:chức năng,? )?nhiệm vụ(?: được (?:giao|phân công))?,?)\s*",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"[;,]\s*(?:hoàn thành|thời gian|thời hạn|tiến độ"
    r"|thực hiện (?:thường xuyên|trong|trước|đến))\b.*$",
    re.IGNORECASE,
)
_ASIDE = AnchoredPattern(r"\s*\([^)]*\)", ("(",))  # "(Văn phòng chủ trì)"
# Oversight with no deadline goes on for the life of the plan.
_OVERSIGHT = re.compile(r"\b(?:theo dõi|giám sát|đôn đốc|kiểm tra)\b", re.IGNORECASE)


def strip_marker(text: str) -> str:
    """Text without its leading item number or bullet."""
    return _MARKER.sub("", text.strip(), count=1)


def title_of(text: str) -> str:
    """The first sentence without its number, asides or deadline; long ones cut at a comma."""
    first = next(sentences(strip_marker(text)), "")
    first = _DUTY_OPENERS.sub("", _ASIDE.sub("", first), count=1)
    first = _WHEN.sub("", first).strip(" .;:,")
    if len(first) > TITLE_LIMIT:
        cut = first.rfind(", ", 0, TITLE_LIMIT)
        first = first[: cut if cut > TITLE_LIMIT // 2 else first.rfind(" ", 0, TITLE_LIMIT)]
    return first[:1].upper() + first[1:]


def build_task(
    *,
    code: str,
    title: str,
    lead: Iterable[str],
    support: Iterable[str],
    timing: Timing,
    source: str,
    full_text: str | None = None,
    doubts: Iterable[str] = (),
    extra: dict[str, Any] | None = None,
) -> TaskDraft:
    """A draft whose `low_confidence` names every field that was guessed or is missing."""
    lead, support = list(dict.fromkeys(lead)), list(dict.fromkeys(support))
    doubted = set(doubts) | set(timing.guessed)
    recurrence = timing.recurrence
    if not timing.due and not recurrence and _OVERSIGHT.search(title):
        recurrence = Recurrence.CONTINUOUS
        doubted.add("recurrence")
    if not lead:
        doubted.add("lead_units")
    if not timing.due and not recurrence:
        doubted.add("due")
    order = ["code", "title", "lead_units", "support_units", "due", "recurrence", "report_day"]
    low = sorted(doubted, key=order.index)
    return TaskDraft(
        code=code,
        title=title or full_text or code,
        lead_units=lead,
        support_units=[unit for unit in support if unit not in lead],
        due=timing.due,
        recurrence=recurrence,
        report_day=timing.report_day,
        full_text=full_text,
        extra=extra or {},
        source=source,
        confidence=round(max(0.1, 1 - 0.2 * len(low)), 2),
        low_confidence=low,
    )
