"""Operational knobs of the sweep and delivery (env `DONDOC_REMINDER_*`); the rules themselves are the policy."""

from __future__ import annotations

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.config import SettingsError, describe_error
from bot.services.reminders.pacing import RateLimits

ENV_PREFIX = "DONDOC_REMINDER_"
# Claims are renewed every third of their lease (so two renewals may fail before one expires),
# but not more often than this nor less often than every 30 s.
MIN_RENEW_SECONDS = 5.0
MAX_RENEW_SECONDS = 30.0


class ReminderSettings(BaseSettings):
    """How fast and how hard the sweep delivers; defaults follow Telegram's flood limits."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore")

    per_chat_per_second: float = Field(1.0, gt=0)
    overall_per_second: float = Field(30.0, gt=0)
    group_per_minute: float = Field(20.0, gt=0)
    sweep_seconds: int = Field(60, ge=1)
    claim_lease_seconds: float = 180.0  # a live sweeper renews its claims every third of it
    batch_size: int = Field(200, ge=1)
    horizon_days: int = Field(35, ge=7)
    # Every open task replanned once in this time (horizon, calendar, groups); a share per sweep.
    full_replan_minutes: int = Field(60, ge=1)
    max_attempts: int = Field(5, ge=1)
    # Messages out at once. A crash can repeat at most this many (each chat still gets its
    # messages in order); 1 already sends several times Telegram's 30 messages/s.
    in_flight: int = Field(1, ge=1, le=16)

    @field_validator("claim_lease_seconds")
    @classmethod
    def _lease_leaves_room_to_renew(cls, value: float) -> float:
        if value < 3 * MIN_RENEW_SECONDS:
            raise ValueError(
                f"phải từ {3 * MIN_RENEW_SECONDS:g} giây trở lên (lượt gửi được gia hạn sau mỗi "
                f"1/3 thời hạn, tối thiểu {MIN_RENEW_SECONDS:g} giây)"
            )
        return value

    @property
    def renew_seconds(self) -> float:
        """How often a sweeper renews the claims it holds: a third of the lease, at most 30 s."""
        return min(self.claim_lease_seconds / 3, MAX_RENEW_SECONDS)

    @classmethod
    def load(cls) -> ReminderSettings:
        """Settings from the environment, or `SettingsError` naming the variable (Vietnamese)."""
        try:
            return cls()
        except ValidationError as error:
            raise SettingsError(describe_error(error, ENV_PREFIX)) from None

    def limits(self) -> RateLimits:
        """The flood limits to pace sends by."""
        return RateLimits(self.per_chat_per_second, self.overall_per_second, self.group_per_minute)
