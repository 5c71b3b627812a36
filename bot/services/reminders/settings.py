"""Operational knobs of the sweep and delivery (env `DONDOC_REMINDER_*`); the rules themselves are the policy."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.services.reminders.pacing import RateLimits


class ReminderSettings(BaseSettings):
    """How fast and how hard the sweep delivers; defaults follow Telegram's flood limits."""

    model_config = SettingsConfigDict(
        env_prefix="DONDOC_REMINDER_", env_file=".env", extra="ignore"
    )

    per_chat_per_second: float = Field(1.0, gt=0)
    overall_per_second: float = Field(30.0, gt=0)
    group_per_minute: float = Field(20.0, gt=0)
    sweep_seconds: int = Field(60, ge=1)
    claim_lease_seconds: float = Field(
        180.0, ge=1
    )  # a live sweeper renews its claims well before this
    batch_size: int = Field(200, ge=1)
    horizon_days: int = Field(35, ge=7)
    full_replan_minutes: int = Field(
        60, ge=1
    )  # also picks up calendar, membership and horizon changes
    max_attempts: int = Field(5, ge=1)
    # Messages out at once. A crash can repeat at most this many (each chat still gets its
    # messages in order); 1 already sends several times Telegram's 30 messages/s.
    in_flight: int = Field(1, ge=1, le=16)

    def limits(self) -> RateLimits:
        """The flood limits to pace sends by."""
        return RateLimits(self.per_chat_per_second, self.overall_per_second, self.group_per_minute)
