"""Which bots a deployment runs: its own tokens, and those its committees name in the environment."""

from __future__ import annotations

from bot.config import Settings
from bot.services.bots import configured_bots
from bot.services.committees import CommitteeChanges, add_committee

OWN = "7000000001:own-token-ABCdef"
XA = "7000000002:xa-token-ABCdef"


async def committees(db, **named: CommitteeChanges) -> None:
    async with db.transaction() as session:
        for name, changes in named.items():
            await add_committee(session, name, changes)


async def test_committees_naming_one_variable_share_its_bot_and_the_own_variable_is_telegram(
    sqlite_db,
):
    await committees(
        sqlite_db,
        An_Binh=CommitteeChanges(telegram_token_env="TG_XA", zalo_token_env="ZL_XA"),
        Tan_Phu=CommitteeChanges(telegram_token_env="TG_XA"),
        Tinh=CommitteeChanges(telegram_token_env="TELEGRAM_BOT_TOKEN"),
        Moi=CommitteeChanges(telegram_token_env="TG_MOI", zalo_token_env="ZL_HONG"),
    )
    settings = Settings(
        _env_file=None,
        DATABASE_URL="sqlite:///unused.db",
        TELEGRAM_BOT_TOKEN=OWN,
        TELEGRAM_API_URL="http://127.0.0.1:1",
    )
    plan = await configured_bots(sqlite_db, settings, {"TG_XA": XA, "ZL_HONG": "không phải token"})
    assert [(bot.channel, bot.variable) for bot in plan.bots] == [
        ("telegram", "TELEGRAM_BOT_TOKEN"),
        ("telegram:TG_XA", "TG_XA"),
    ]
    assert [(m.committee, m.variable, m.malformed) for m in plan.missing] == [
        ("An_Binh", "ZL_XA", False),
        ("Moi", "TG_MOI", False),
        ("Moi", "ZL_HONG", True),
    ]
    assert "ZL_HONG không đúng dạng token" in plan.missing[2].line()
    assert XA not in repr(plan.bots)


async def test_two_variables_holding_one_token_are_one_bot_sending_for_both(sqlite_db):
    await committees(
        sqlite_db,
        An_Binh=CommitteeChanges(telegram_token_env="TG_A"),
        Tan_Phu=CommitteeChanges(telegram_token_env="TG_B"),
    )
    settings = Settings(_env_file=None, DATABASE_URL="sqlite:///unused.db")
    plan = await configured_bots(sqlite_db, settings, {"TG_A": XA, "TG_B": XA})
    assert [(bot.channel, bot.aliases) for bot in plan.bots] == [
        ("telegram:TG_A", ("telegram:TG_B",))
    ]
