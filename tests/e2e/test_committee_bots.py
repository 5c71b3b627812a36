"""One process, many bots: each committee's people talk to, and are reminded by, their own bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select, update

from bot.core import Core
from bot.domain import Role
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import User
from bot.plandoc import TaskDraft
from bot.runner import Runner
from bot.services.committees import CommitteeChanges, add_committee
from bot.services.invites import create_invite
from bot.services.reminders.settings import ReminderSettings
from bot.services.reminders.sweep import Sweeper
from bot.services.units import get_unit
from db.models import Contact, ContactEndpoint, Plan
from db.scope import Scope, acting_for
from tests.integration.reminders.helpers import seed_tasks
from tests.support.database import migrated_sqlite
from tests.support.telegram_e2e import bot_settings

# Each committee's bot, by the variable its committee names: (committee, token, username).
BOTS = {
    "TG_XA_AN_BINH": ("Đảng ủy xã An Bình", "7000000002:an-binh-token-ABCdef", "xa_an_binh_bot"),
    "TG_XA_TAN_PHU": ("Đảng ủy xã Tân Phú", "7000000003:tan-phu-token-ABCdef", "xa_tan_phu_bot"),
}
DUE_NOW = {"send_time": "00:00", "before_due_days": [], "escalate_after_days": None}


@dataclass
class Province:
    """The deployment's own bot (`main`), each committee's bot and committee id, the runner."""

    main: TelegramEmulator
    bots: dict[str, TelegramEmulator]
    committees: dict[str, int]
    runner: Runner

    @property
    def core(self) -> Core:
        """The running core."""
        assert self.runner.core is not None
        return self.runner.core

    async def join(self, variable: str, user: User) -> str:
        """Redeem a contact invite of the committee's unit through its bot; the welcome."""
        db = self.core.db
        with acting_for(Scope.of(self.committees[variable])):
            async with db.transaction() as session:
                unit = await get_unit(session, f"Văn phòng {variable}")
                invite = await create_invite(
                    session, Role.CONTACT, unit, "test", self.runner.clock.now()
                )
        bot = self.bots[variable]
        await bot.send_text(user, f"/start {invite.issued_code}")
        return (await bot.next_message(user.id)).plain


@pytest.fixture
async def province(emulator, tmp_path, clock) -> AsyncIterator[Province]:
    """Two committees with bots of their own on the emulator, a third whose variable is unset."""
    bots = {
        variable: emulator.serve_too(TelegramEmulator(token, username=username))
        for variable, (_name, token, username) in BOTS.items()
    }
    settings = bot_settings(emulator, tmp_path)
    db = migrated_sqlite(tmp_path / "bot.db")
    committees = {}
    named = {**{v: name for v, (name, _t, _u) in BOTS.items()}, "TG_XA_CHUA_DAT": "Đảng ủy xã Mới"}
    for variable, name in named.items():
        async with db.transaction() as session:
            changes = CommitteeChanges(telegram_token_env=variable)
            committees[variable] = (await add_committee(session, name, changes)).id
        with acting_for(Scope.of(committees[variable])):
            draft = TaskDraft(
                code="1",
                title="Rà soát hồ sơ",
                lead_units=[f"Văn phòng {variable}"],
                due=date(2025, 3, 24),
            )
            await seed_tasks(db, draft, title=f"Kế hoạch của {name}")
    async with db.transaction() as session:
        await session.execute(update(Plan).values(policy=DUE_NOW))
    await db.dispose()
    environ = {variable: token for variable, (_name, token, _u) in BOTS.items()}
    runner = Runner(settings, clock=clock, scheduler=False, environ=environ)
    await runner.start()
    try:
        yield Province(emulator, bots, committees, runner)
    finally:
        await runner.stop()
        for bot in bots.values():
            await bot.stop()


async def test_one_process_serves_every_bot_and_names_the_committee_without_its_token(province):
    assert set(province.core.channels) == {
        "telegram",
        "telegram:TG_XA_AN_BINH",
        "telegram:TG_XA_TAN_PHU",
    }
    assert [(m.committee, m.variable) for m in province.runner.missing_bots] == [
        ("Đảng ủy xã Mới", "TG_XA_CHUA_DAT")
    ]
    assert province.runner.leases is not None
    assert province.runner.leases.receiving == set(province.core.channels)


async def test_each_contact_is_answered_by_its_own_bot_only(province):
    users = {
        variable: bot.user(9000 + n, f"Đầu mối {n}")
        for n, (variable, bot) in enumerate(province.bots.items())
    }
    for variable, user in users.items():
        welcome = await province.join(variable, user)
        assert f"Văn phòng {variable}" in welcome
        await province.bots[variable].send_text(user, "/help")
        assert await province.bots[variable].next_message(user.id)
    for variable, user in users.items():
        others = [bot for name, bot in province.bots.items() if name != variable]
        assert all(not bot.messages_to(user.id) for bot in [*others, province.main])
        assert len(province.bots[variable].messages_to(user.id)) == 2
    db = province.core.db
    async with db.reading() as session:
        rows = await session.execute(
            select(ContactEndpoint.channel, Contact.committee_id).join(Contact)
        )
        assert set(rows) == {
            (f"telegram:{variable}", province.committees[variable]) for variable in users
        }


async def test_a_reminder_for_each_committee_goes_out_through_its_bot(province):
    users = {
        variable: bot.user(9100 + n, f"Đầu mối {n}")
        for n, (variable, bot) in enumerate(province.bots.items())
    }
    for variable, user in users.items():
        await province.join(variable, user)
    result = await Sweeper(province.core.deps, ReminderSettings(_env_file=None)).sweep()
    assert len(result.sent) == 2
    for variable, user in users.items():
        texts = [m.plain for m in province.bots[variable].messages_to(user.id)]
        assert len(texts) == 2 and "Rà soát hồ sơ" in texts[-1]
    assert not province.main.sent
