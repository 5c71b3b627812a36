"""The reminder policy: DOMAIN's defaults, overridable per plan (`plans.policy`) and per task (`tasks.policy`)."""

from __future__ import annotations

import logging
from datetime import time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.domain import Recurrence

logger = logging.getLogger(__name__)


class ReminderPolicy(BaseModel):
    """Every number of the reminder rules; a plan's or task's `policy` JSON sets any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    before_due_days: tuple[int, ...] = Field((7, 3, 1), max_length=10)
    remind_on_due: bool = True
    overdue: bool = True
    overdue_every_days: int = Field(7, ge=0, le=365)  # 0: only the first overdue reminder
    escalate_after_days: int | None = Field(7, ge=1, le=365)  # None: never escalate
    send_time: time = time(8, 0)
    report_day: int = Field(20, ge=1, le=31)
    report_request_working_days_before: int = Field(3, ge=0, le=20)  # 0: only on the day
    report_request_on_day: bool = True
    report_overdue: bool = True
    continuous_cadence: Recurrence = Recurrence.QUARTERLY
    catch_up_days: int = Field(7, ge=0, le=60)
    remind_support: bool = True  # support units get the before-deadline and due reminders

    @field_validator("before_due_days")
    @classmethod
    def _offsets_are_days_before(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 1 <= days <= 365 for days in value):
            raise ValueError("mỗi số ngày nhắc trước hạn phải từ 1 đến 365")
        return tuple(sorted(set(value), reverse=True))

    @field_validator("continuous_cadence")
    @classmethod
    def _cadence_is_a_period(cls, value: Recurrence) -> Recurrence:
        if value is Recurrence.CONTINUOUS:
            raise ValueError("chu kỳ báo cáo phải là monthly, quarterly, semiannual hoặc yearly")
        return value


DEFAULT_POLICY = ReminderPolicy()
FIELDS = tuple(ReminderPolicy.model_fields)


class PolicyError(ValueError):
    """A policy JSON has an unknown key or a bad value; the message names both."""


def describe(error: ValidationError, where: str) -> str:
    """One Vietnamese line per bad key, naming where it was set."""
    lines = []
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "?"
        if item["type"] == "extra_forbidden":
            reason = f"không có tham số này (các tham số: {', '.join(FIELDS)})"
        else:
            reason = str(item["msg"]).removeprefix("Value error, ")
        lines.append(f"Chính sách nhắc việc của {where} sai: {key} — {reason}")
    return "\n".join(lines)


def merge_policy(
    plan_policy: dict[str, Any] | None, task_policy: dict[str, Any] | None
) -> ReminderPolicy:
    """Defaults ← plan ← task; raises `PolicyError` naming the layer at fault."""
    merged: dict[str, Any] = {}
    for where, layer in (("kế hoạch", plan_policy), ("nhiệm vụ", task_policy)):
        merged |= layer or {}
        try:
            policy = ReminderPolicy.model_validate(merged)
        except ValidationError as error:
            raise PolicyError(describe(error, where)) from None
    return policy


def policy_for(
    plan_policy: dict[str, Any] | None, task_policy: dict[str, Any] | None
) -> ReminderPolicy:
    """Like `merge_policy`, but a bad layer is logged and ignored, so reminders never stop."""
    try:
        return merge_policy(plan_policy, task_policy)
    except PolicyError as error:
        logger.warning("%s — dùng chính sách của cấp trên", error)
    try:
        return merge_policy(plan_policy, None)
    except PolicyError:
        return DEFAULT_POLICY
