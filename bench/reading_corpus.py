"""The corpus of replies in tests/fixtures/replies/ and how a reading is held against it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.domain import ReportStatus
from bot.reading import Reading, read_progress
from bot.reading.folding import fold

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "replies" / "replies.yaml"
HOLDOUT = CORPUS.with_name("holdout.yaml")


@dataclass(frozen=True, slots=True)
class Reply:
    """One reply of the corpus and what a careful human reads in it."""

    text: str
    today: date
    expected: dict[str, Any]

    def read(self) -> Reading:
        return read_progress(self.text, self.today)


@cache
def replies(path: Path = CORPUS) -> tuple[Reply, ...]:
    """Every reply of a corpus file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    default_today = data["default_today"]
    return tuple(
        Reply(entry["text"], entry.get("today", default_today), entry) for entry in data["replies"]
    )


def mismatches(expected: dict[str, Any], reading: Reading) -> list[str]:
    """The fields a reading got wrong ("status: done ≠ in_progress"), empty when all are right."""
    wrong = []
    items = expected.get("items", [])
    fields = {
        "status": reading.status.value if reading.status else None,
        "percent": reading.percent,
        "proposed_due": reading.proposed_due,
        "task_code": reading.task_code,
        "confident": reading.confident,
    }
    for field, got in fields.items():
        want = expected.get(field, _default(field, items))
        if got != want:
            wrong.append(f"{field}: {got} ≠ {want}")
    if "obstacle" in expected and not _obstacle_matches(expected["obstacle"], reading.obstacle):
        wrong.append(f"obstacle: {reading.obstacle!r} ≠ …{expected['obstacle']}…")
    if len(items) != len(reading.items):
        wrong.append(f"items: {len(reading.items)} ≠ {len(items)}")
    else:
        for index, (want, got) in enumerate(zip(items, reading.items, strict=True)):
            wrong += [f"items[{index}].{problem}" for problem in mismatches(want, got)]
    return wrong


def false_done(expected: dict[str, Any], reading: Reading) -> int:
    """How many times the reading says "done" where the reply does not."""
    count = int(reading.status is ReportStatus.DONE and expected.get("status") != "done")
    items = expected.get("items", [])
    for want, got in zip(items, reading.items, strict=False):
        count += false_done(want, got)
    return count


def _default(field: str, items: list[dict[str, Any]]) -> Any:
    if field == "confident":
        return all(item.get("confident", True) for item in items)
    return None


def _obstacle_matches(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    return fold(unicodedata.normalize("NFC", want))[1] in fold(got)[1]
