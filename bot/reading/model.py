"""What a reply says, field by field, and how sure the reading is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import ReportStatus


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a reply; None where it says nothing, `unsure` naming fields not to trust."""

    status: ReportStatus | None = None
    percent: int | None = None
    proposed_due: date | None = None
    task_code: str | None = None
    obstacle: str | None = None  # the unit's own words about what holds the work up
    not_started: bool = False
    unsure: frozenset[str] = frozenset()  # fields to confirm with the sender before recording
    items: tuple[Reading, ...] = ()  # one reading per task when the reply names several

    @property
    def confident(self) -> bool:
        """Whether recording this reading without asking is safe."""
        return not self.unsure and all(item.confident for item in self.items)

    @property
    def looks_like_report(self) -> bool:
        """Whether the text reads as a progress report at all."""
        own = self.percent is not None or self.status is not None
        return own or any(item.looks_like_report for item in self.items)

    def about(self, code: str) -> Reading:
        """The part of the reading about task `code` (the whole reading if it names no several)."""
        return next((item for item in self.items if item.task_code == code), self)

    def as_json(self) -> dict[str, object]:
        """The reading as `dondoc read-reply --json` prints it."""
        return {
            "status": self.status.value if self.status else None,
            "percent": self.percent,
            "proposed_due": self.proposed_due.isoformat() if self.proposed_due else None,
            "task_code": self.task_code,
            "confident": self.confident,
            "items": [item.as_json() for item in self.items],
        }
