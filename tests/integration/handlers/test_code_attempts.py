"""Refused codes counted per chat account in the database (both backends)."""

from __future__ import annotations

from bot.services.invites import Account
from bot.services.redemption import ATTEMPT_LIMIT, ATTEMPT_WINDOW, locked_out, record_refusal

GUESSER = Account("telegram", "g1", "g1", "Đoán")
OTHER = Account("zalo", "g1", "g1", "Cùng mã người dùng, nền tảng khác")


async def test_the_fifth_refusal_locks_the_account_and_is_the_only_burst(db, clock):
    bursts = []
    for _ in range(ATTEMPT_LIMIT):
        async with db.transaction() as session:
            assert not await locked_out(session, GUESSER, clock.now())
            bursts.append(await record_refusal(session, GUESSER, clock.now()))
    assert bursts == [False] * (ATTEMPT_LIMIT - 1) + [True]
    async with db.reading() as session:
        assert await locked_out(session, GUESSER, clock.now())
        assert not await locked_out(session, OTHER, clock.now())
        assert not await locked_out(session, GUESSER, clock.now() + ATTEMPT_WINDOW)
