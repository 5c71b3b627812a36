"""The handlers' seeded world: plan 112, people in every role, and helpers to chat as them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.clock import FixedClock
from bot.core import Core
from bot.domain import Role
from bot.messages import Attachment, Incoming, Outgoing
from bot.services.units import add_member
from db.engine import Database
from db.models import ProgressReport, Task
from tests.fakes import bind_user, plan_from_expected, record_sent_reminder, seed_plan
from tests.support.paths import SAMPLES

PLAN_112 = SAMPLES / "ke-hoach-112-chuyen-doi-so.expected.json"
UNIT_A = "Phòng Văn hóa và Thông tin huyện"  # leads 2, 6, 7, III.1; supports 1 and 3
UNIT_B = "Công an huyện"  # leads 5 only
GROUP = "UBND các xã, thị trấn"  # leads 1; supports 3 and 5
MEMBER = "UBND xã Đông Hà"  # a member of GROUP
SEEDED_AT = datetime(2025, 3, 24, 1, 0, tzinfo=UTC)  # the `clock` fixture's moment


@dataclass
class World:
    """The core, the seeded ids, and helpers to talk to the bot as someone."""

    core: Core
    clock: FixedClock
    tasks: dict[str, int] = field(default_factory=dict)
    units: dict[str, int] = field(default_factory=dict)
    _ids: int = 0

    @property
    def channel(self):
        return self.core.channels["telegram"]

    def next_id(self) -> str:
        self._ids += 1
        return str(self._ids)

    async def say(self, user: str, text: str = "", **fields) -> list[Outgoing]:
        """A private message from `user` (gets a fresh message id unless given)."""
        fields.setdefault("message_id", self.next_id())
        fields.setdefault("chat_id", user)
        return await self.core.handle(
            Incoming(channel="telegram", user_id=user, text=text, **fields)
        )

    async def press(self, user: str, data: str, **fields) -> list[Outgoing]:
        """`user` presses a button carrying `data`."""
        fields.setdefault("chat_id", user)
        incoming = Incoming(
            channel="telegram",
            user_id=user,
            callback_data=data,
            callback_id=self.next_id(),
            **fields,
        )
        return await self.core.handle(incoming)

    async def reports(self) -> list[ProgressReport]:
        """Every stored report, oldest first."""
        async with self.core.db.reading() as session:
            return list(await session.scalars(select(ProgressReport).order_by(ProgressReport.id)))

    async def task(self, code: str) -> Task:
        """A task as stored now."""
        async with self.core.db.reading() as session:
            return await session.get(Task, self.tasks[code])

    async def remind(
        self,
        code: str,
        unit: str,
        chat_id: str,
        *,
        sent_at: datetime | None = None,
        channel: str = "telegram",
        occurrence: str = "2025-03-24",
    ) -> str:
        """A reminder of task `code` for `unit` delivered to a chat, as the reminder engine records it."""
        message_id = f"r{self.next_id()}"
        async with self.core.db.transaction() as session:
            await record_sent_reminder(
                session,
                task_id=self.tasks[code],
                unit_id=self.units[unit],
                channel=channel,
                chat_id=chat_id,
                message_id=message_id,
                at=sent_at or self.clock.now(),
                occurrence=occurrence,
            )
        return message_id


def texts(outgoing: list[Outgoing]) -> str:
    """All answer texts joined, for `in` checks."""
    return "\n".join(message.text for message in outgoing)


def buttons(outgoing: list[Outgoing]) -> list[str]:
    """The data of every button in the answers."""
    return [b.data for message in outgoing for row in message.buttons for b in row]


def photo(file_id: str = "photo-1") -> Attachment:
    """A photo attachment."""
    return Attachment(kind="photo", file_id=file_id, mime_type="image/jpeg", size=1000)


async def seed(database: Database, now: datetime) -> None:
    """Plan 112; a member unit in the group; admin, leader, contacts of A, B and the member."""
    await seed_plan(database, plan_from_expected(PLAN_112))
    async with database.transaction() as session:
        await add_member(session, GROUP, MEMBER, "test")
    people = [
        (Role.ADMIN, "admin", None, "Chánh Văn phòng"),
        (Role.LEADER, "leader", None, "Bí thư"),
        (Role.CONTACT, "a", UNIT_A, "Đầu mối A"),
        (Role.CONTACT, "b", UNIT_B, "Đầu mối B"),
        (Role.CONTACT, "xa", MEMBER, "Đầu mối xã"),
    ]
    for role, user_id, unit, name in people:
        await bind_user(database, now, role=role, user_id=user_id, unit=unit, name=name)


def later(clock: FixedClock, **delta) -> None:
    """Move the fixed clock forward."""
    clock.set(clock.now() + timedelta(**delta))
