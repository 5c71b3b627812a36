"""Read a short Vietnamese progress reply into a `Reading`, saying where it is unsure."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from bot.domain import ReportStatus
from bot.reading.amounts import read_amount
from bot.reading.codes import read_task_code, split_by_task
from bot.reading.dates import read_folded_date
from bot.reading.folding import fold
from bot.reading.model import Reading
from bot.reading.obstacles import read_obstacle
from bot.reading.status import (
    asks_extension,
    names_part,
    says_done,
    says_going_on,
    says_not_started,
    says_unfinished,
)


@lru_cache(maxsize=512)  # the reply path reads one message for its tasks, then for each task
def read_progress(text: str, today: date) -> Reading:
    """Read `text`, a reply of `today`; a reply naming several tasks has one item per task."""
    original, folded = fold(text)
    parts = split_by_task(original)
    if not parts:
        return _read_one(original, folded, read_task_code(original), today)
    items = tuple(_read_one(*fold(words), code, today) for code, words in parts)
    return Reading(items=items)


def _read_one(original: str, folded: str, code: str | None, today: date) -> Reading:
    amount = read_amount(folded)
    obstacle = read_obstacle(original, folded)
    extension = asks_extension(folded)
    not_started = says_not_started(folded)
    done = says_done(folded) and not amount.remaining
    percent = 0 if not_started and amount.percent is None else amount.percent
    # "đã hoàn thành việc rà soát, đang chờ phê duyệt": a part is done, the rest goes on
    part = amount.part or names_part(folded) or (percent is None and says_going_on(folded))
    whole = done and not part and percent in (None, 100)
    unsure: set[str] = set()
    if done and (part or extension or obstacle):
        unsure.add("status")  # "done" beside a part, an obstacle or a request: ask
    if extension:
        status = ReportStatus.EXTENSION
    elif obstacle:
        status = ReportStatus.BLOCKED
    elif whole or (percent == 100 and not part):
        status, percent = ReportStatus.DONE, 100
    elif done or not_started or percent is not None or part or says_unfinished(folded):
        status = ReportStatus.IN_PROGRESS
    else:
        status = None
        unsure.add("status")
    return Reading(
        status=status,
        percent=percent,
        proposed_due=read_folded_date(folded, today) if extension else None,
        task_code=code,
        obstacle=obstacle,
        not_started=not_started,
        unsure=frozenset(unsure),
    )
