"""Each bot is served by one process: a sweep claims only the reminders of the committees whose
first bot this process holds the lease of, so no two processes pace one token."""

from __future__ import annotations

from datetime import date

from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.domain import Role
from bot.emulators.recording_channel import FakeChannel
from bot.plandoc import TaskDraft
from bot.services.bot_leases import hold_leases
from bot.services.committees import CommitteeChanges, add_committee
from bot.services.reminders.affinity import first_bot
from db.engine import Database
from db.scope import Scope, acting_for
from tests.fakes import bind_user
from tests.integration.reminders.helpers import local, make_sweeper, seed_tasks

DUE = date(2025, 3, 31)
DISTRICT = "telegram"  # the deployment's own bot: committees without a bot of their own use it
COMMUNE = "telegram:TG_AN_BINH"


async def seed(db: Database, clock: FixedClock) -> None:
    """The default committee (no bot of its own) and a commune with its own Telegram bot, each
    with one task due today and its unit's contact on its bot."""
    await seed_tasks(db, TaskDraft(code="1", title="Việc của huyện", lead_units=["Phòng Nội vụ"],
                                   due=DUE))  # fmt: skip
    await bind_user(db, clock.now(), role=Role.CONTACT, user_id="district", unit="Phòng Nội vụ")
    async with db.transaction() as session:
        changes = CommitteeChanges(telegram_token_env="TG_AN_BINH")
        commune = await add_committee(session, "Đảng ủy xã An Bình", changes)
    with acting_for(Scope.of(commune.id)):
        await seed_tasks(db, TaskDraft(code="1", title="Việc của xã", lead_units=["Văn phòng xã"],
                                       due=DUE))  # fmt: skip
        await bind_user(db, clock.now(), role=Role.CONTACT, user_id="commune",
                        unit="Văn phòng xã", channel=COMMUNE)  # fmt: skip


async def process(
    db: Database, clock: FixedClock, owner: str, holds: list[str] | None, sends: bool = True
):
    """One process's sweeper and its two bots, holding the leases of `holds` (None: it runs no
    lease keeper, as `dondoc remind` and the demo)."""
    bots = {DISTRICT: FakeChannel(name=DISTRICT), COMMUNE: FakeChannel(name=COMMUNE)}
    settings = Settings(_env_file=None, DATABASE_URL="sqlite:///unused.db")
    core = Core(settings=settings, db=db, clock=clock, channels=dict(bots))
    if holds is not None:
        held = await hold_leases(db, holds, owner, clock.now(), sends_reminders=sends)
        core.deps.held_bots.channels = frozenset(held)
    return make_sweeper(core), bots


def chats(bots: dict[str, FakeChannel]) -> dict[str, list[str]]:
    return {name: [chat for chat, _message, _id in bot.sent] for name, bot in bots.items()}


async def test_each_process_sends_the_reminders_of_the_bots_it_holds(db):
    clock = FixedClock(local(DUE))
    await seed(db, clock)
    commune_side, commune_bots = await process(db, clock, "host-a:1:a", [COMMUNE])
    district_side, district_bots = await process(db, clock, "host-b:1:b", [DISTRICT])
    first = await commune_side.sweep()
    assert chats(commune_bots) == {DISTRICT: [], COMMUNE: ["commune"]}
    assert first.claimed == 1  # the district's slot was left to the process holding its bot
    await district_side.sweep()
    assert chats(district_bots) == {DISTRICT: ["district"], COMMUNE: []}
    await commune_side.sweep()
    assert chats(commune_bots) == {DISTRICT: [], COMMUNE: ["commune"]}  # nothing twice


async def test_a_process_holding_no_lease_stands_by_and_one_without_a_keeper_sends_all(db):
    clock = FixedClock(local(DUE))
    await seed(db, clock)
    await hold_leases(db, [DISTRICT, COMMUNE], "host-a:1:a", clock.now())  # a process, busy
    standby, standby_bots = await process(db, clock, "host-b:1:b", [DISTRICT, COMMUNE])
    assert (await standby.sweep()).claimed == 0
    alone, alone_bots = await process(db, clock, "", None)
    await alone.sweep()
    assert chats(alone_bots) == {DISTRICT: ["district"], COMMUNE: ["commune"]}
    assert chats(standby_bots) == {DISTRICT: [], COMMUNE: []}


async def test_a_bot_held_by_a_process_without_the_scheduler_is_sent_by_one_that_sweeps(db):
    clock = FixedClock(local(DUE))
    await seed(db, clock)
    await process(db, clock, "host-a:1:a", [DISTRICT, COMMUNE], sends=False)  # --no-scheduler
    sweeping, bots = await process(db, clock, "host-b:1:b", [DISTRICT, COMMUNE])
    await sweeping.sweep()
    assert chats(bots) == {DISTRICT: ["district"], COMMUNE: ["commune"]}


def test_a_committees_first_bot_is_its_telegram_then_its_zalo_then_the_deployments():
    ports = {name: FakeChannel(name=name) for name in ("telegram", "zalo", "zalo:ZL_XA")}
    ports["telegram:TG_ALIAS"] = ports["telegram"]  # a variable holding the deployment's token
    assert first_bot(ports, "TG_XA", "ZL_XA") == "zalo:ZL_XA"  # TG_XA's bot is not running here
    assert first_bot(ports, "TG_ALIAS", "ZL_XA") == "telegram"
    assert first_bot(ports, None, None) == "telegram"
    assert first_bot(ports, "TELEGRAM_BOT_TOKEN", None) == "telegram"
    assert first_bot({"zalo": FakeChannel(name="zalo")}, None, None) == "zalo"
    assert first_bot({}, "TG_XA", None) is None
