"""Fakes of our own ports, and builders for a seeded registry (they live in `bot.emulators`,
where the benches import them too)."""

from __future__ import annotations

from bot.emulators.recording_channel import FakeChannel
from bot.emulators.seeding import (
    bind_user,
    emulator_settings,
    plan_from_expected,
    record_sent_reminder,
    seed_plan,
)
from bot.messages import Incoming

__all__ = [
    "FakeChannel",
    "bind_user",
    "emulator_settings",
    "message",
    "plan_from_expected",
    "record_sent_reminder",
    "seed_plan",
]


def message(user_id: str, text: str, **fields) -> Incoming:
    """A private text message from `user_id` on the fake Telegram channel."""
    return Incoming(channel="telegram", chat_id=user_id, user_id=user_id, text=text, **fields)
