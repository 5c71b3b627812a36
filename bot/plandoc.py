"""The plan document: what an import reads from a file, before it touches the database."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from bot.domain import Recurrence

# A task's extra columns ("Sản phẩm", "Kinh phí"): flat, few and short, whatever the file holds.
ExtraKey = Annotated[str, StringConstraints(max_length=200)]
ExtraValue = Annotated[str, StringConstraints(max_length=5000)] | int | float | bool | None
Extra = Annotated[dict[ExtraKey, ExtraValue], Field(max_length=50)]


class PlanHeader(BaseModel):
    """The plan's identity as printed on its first page."""

    model_config = ConfigDict(extra="forbid")

    number: str | None = None
    title: str = Field(min_length=1)
    issuer: str | None = None
    issued_on: date | None = None
    signed_by: str | None = None


class TaskDraft(BaseModel):
    """One task as read from a plan; `--dry-run --json` prints these fields."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=50)
    title: str = Field(min_length=1)
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    due: date | None = None
    recurrence: Recurrence | None = None
    report_day: int | None = Field(None, ge=1, le=31)
    full_text: str | None = None
    extra: Extra = Field(default_factory=dict)
    source: str | None = None
    confidence: float | None = Field(None, ge=0, le=1)
    low_confidence: list[str] = Field(default_factory=list)

    @field_validator("code", "title")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())


class PlanDocument(BaseModel):
    """A whole plan: header and tasks."""

    model_config = ConfigDict(extra="forbid")

    plan: PlanHeader
    tasks: list[TaskDraft]

    def to_json(self, *, with_details: bool = False) -> dict[str, Any]:
        """The import JSON shape (the samples' `*.expected.json`); details add provenance."""
        tasks = []
        for task in self.tasks:
            item: dict[str, Any] = {
                "code": task.code,
                "title": task.title,
                "lead_units": task.lead_units,
                "support_units": task.support_units,
                "due": task.due.isoformat() if task.due else None,
                "recurrence": task.recurrence.value if task.recurrence else None,
                "report_day": task.report_day,
            }
            if with_details:
                item |= {
                    "extra": task.extra,
                    "source": task.source,
                    "confidence": task.confidence,
                    "low_confidence": task.low_confidence,
                }
            tasks.append(item)
        header = self.plan
        return {
            "plan": {
                "number": header.number,
                "title": header.title,
                "issuer": header.issuer,
                "issued_on": header.issued_on.isoformat() if header.issued_on else None,
                "signed_by": header.signed_by,
            },
            "tasks": tasks,
        }


class PlanFileError(Exception):
    """A file that cannot be read as a plan; the message is for the user (Vietnamese)."""
