"""A seeded registry for tests and benches: plans from a sample's expected JSON, bound users,
delivered reminders, and settings that point the bot at the Telegram emulator."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.domain import Role, SlotKind, SlotState
from bot.emulators.telegram import TelegramEmulator
from bot.plandoc import PlanDocument
from bot.services.invites import create_invite, redeem_invite
from bot.services.registry import import_plan
from bot.services.units import get_unit
from db.engine import Database
from db.models import Delivery, ReminderSlot


def emulator_settings(emu: TelegramEmulator, database: Path) -> Settings:
    """A bot on this SQLite file and the Telegram emulator; nothing from the environment."""
    return Settings(
        _env_file=None,
        DATABASE_URL=f"sqlite:///{database}",
        TELEGRAM_BOT_TOKEN=emu.token,
        TELEGRAM_API_URL=emu.api_url,
        TELEGRAM_WEBHOOK_URL=None,
        ZALO_BOT_TOKEN=None,
    )


def plan_from_expected(path: Path) -> PlanDocument:
    """A PlanDocument built from a sample's `*.expected.json` (no parser involved)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for task in data["tasks"]:
        task.pop("optional", None)
    return PlanDocument.model_validate(data)


async def seed_plan(db: Database, document: PlanDocument) -> int:
    """Import a plan; returns its id."""
    async with db.transaction() as session:
        result = await import_plan(session, document, actor="test")
        return result.plan.id


async def bind_user(
    db: Database,
    now,
    *,
    role: Role,
    user_id: str,
    unit: str | None = None,
    channel: str = "telegram",
    name: str = "",
) -> int:
    """Create and redeem an invite for a chat user; returns the contact id."""
    async with db.transaction() as session:
        found = await get_unit(session, unit) if unit else None
        invite = await create_invite(session, role, found, "test", now)
        binding = await redeem_invite(
            session,
            invite.issued_code,
            channel=channel,
            user_id=user_id,
            chat_id=user_id,
            display_name=name or user_id,
            now=now,
        )
        return binding.contact.id


async def record_sent_reminder(
    session: AsyncSession,
    *,
    task_id: int,
    unit_id: int,
    channel: str,
    chat_id: str,
    message_id: str,
    at: datetime,
    occurrence: str,
) -> None:
    """A reminder delivered to a chat, recorded as the reminder engine records it."""
    slot = ReminderSlot(
        task_id=task_id,
        unit_id=unit_id,
        kind=SlotKind.BEFORE_DUE.value,
        occurrence=occurrence,
        fire_at=at,
        state=SlotState.SENT.value,
    )
    session.add(slot)
    await session.flush()
    session.add(
        Delivery(
            slot_id=slot.id, channel=channel, chat_id=chat_id, message_id=message_id, sent_at=at
        )
    )
