"""One person on Telegram and Zalo: link codes, and the delivery preference every query honors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.domain import Role
from bot.services.invites import Account, InviteError
from bot.services.linking import (
    LinkingError,
    create_link_code,
    decide_link,
    endpoints_of,
    set_delivery,
)
from bot.services.notify import recipients
from bot.services.recipients import honors_delivery
from bot.services.redemption import redeem_code
from db.models import Contact, ContactEndpoint
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.support.paths import SAMPLES

UNIT = "UBND huyện"


@pytest.fixture
async def person(db, clock):
    """A unit contact bound on Telegram as "t1"; its contact id."""
    await seed_plan(db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    return await bind_user(db, clock.now(), role=Role.CONTACT, user_id="t1", unit=UNIT)


async def redeem(db, code, now, user_id="zu1", channel="zalo"):
    async with db.transaction() as session:
        account = Account(channel, user_id, user_id, "Nguyễn Văn A")
        return await redeem_code(session, code, account, now)


async def link(db, contact_id, now, user_id="zu1", channel="zalo"):
    """Ask with a fresh link code, then the owner approves."""
    async with db.transaction() as session:
        code = (await create_link_code(session, contact_id, "telegram:t1", now)).code
    request = await redeem(db, code, now, user_id, channel)
    async with db.transaction() as session:
        decision = await decide_link(
            session, request.id, contact_id, approve=True, actor="telegram:t1", now=now
        )
    return decision.binding


async def test_a_link_code_adds_the_other_platform_to_the_same_contact(db, clock, person):
    binding = await link(db, person, clock.now())
    assert binding.linked and binding.contact.id == person
    async with db.reading() as session:
        endpoints = await endpoints_of(session, person)
        contacts = await session.scalar(select(Contact.id).where(Contact.id != person).limit(1))
    assert [(e.channel, e.user_id) for e in endpoints] == [("telegram", "t1"), ("zalo", "zu1")]
    assert contacts is None  # no second contact row


async def test_a_link_code_works_once_and_for_an_hour(db, clock, person):
    now = clock.now()
    async with db.transaction() as session:
        code = (await create_link_code(session, person, "telegram:t1", now)).code
        late = (await create_link_code(session, person, "telegram:t1", now)).code
    await redeem(db, code, now)
    with pytest.raises(InviteError, match="đã được sử dụng"):
        await redeem(db, code, now, user_id="zu2")
    with pytest.raises(InviteError, match="hết hạn"):
        await redeem(db, late, now + timedelta(hours=1), user_id="zu2")


async def test_a_link_code_of_a_deactivated_person_is_refused(db, clock, person):
    async with db.transaction() as session:
        code = (await create_link_code(session, person, "telegram:t1", clock.now())).code
        (await session.get(Contact, person)).active = False
    with pytest.raises(InviteError, match="không còn hiệu lực"):
        await redeem(db, code, clock.now())
    async with db.transaction() as session:
        with pytest.raises(LinkingError):
            await create_link_code(session, person, "telegram:t1", clock.now())


async def test_linking_an_account_already_linked_keeps_the_person_active(db, clock, person):
    await link(db, person, clock.now())
    again = await link(db, person, clock.now())
    assert again.contact.active and again.contact.id == person


async def wanted(db, channels=None) -> list[tuple[str, str]]:
    async with db.reading() as session:
        rows = await session.execute(
            select(ContactEndpoint.channel, ContactEndpoint.user_id)
            .join(Contact, Contact.id == ContactEndpoint.contact_id)
            .where(ContactEndpoint.unreachable.is_(False), honors_delivery(channels))
            .order_by(ContactEndpoint.user_id)
        )
        return [tuple(row) for row in rows]


async def choose(db, contact_id, deliver_to):
    async with db.transaction() as session:
        await set_delivery(session, contact_id, deliver_to, "test")


async def test_delivery_preference(db, clock, person):
    other = await bind_user(db, clock.now(), role=Role.CONTACT, user_id="t9", unit=UNIT)
    await link(db, person, clock.now())
    assert await wanted(db) == [("telegram", "t1"), ("telegram", "t9"), ("zalo", "zu1")]
    await choose(db, person, "zalo")
    assert await wanted(db) == [("telegram", "t9"), ("zalo", "zu1")]
    await choose(db, other, "zalo")  # no Zalo account: a preference never silences a person
    assert await wanted(db) == [("telegram", "t9"), ("zalo", "zu1")]
    assert await wanted(db, channels=["telegram"]) == [("telegram", "t1"), ("telegram", "t9")]
    async with db.transaction() as session:
        zalo = await session.scalar(select(ContactEndpoint).where(ContactEndpoint.user_id == "zu1"))
        zalo.unreachable = True
    assert await wanted(db) == [("telegram", "t1"), ("telegram", "t9")]
    with pytest.raises(LinkingError):
        await choose(db, person, "viber")


async def test_leaders_are_notified_where_they_chose(db, clock):
    leader = await bind_user(db, clock.now(), role=Role.LEADER, user_id="t1")
    await link(db, leader, clock.now())

    async def chats() -> list[tuple[str, str]]:
        async with db.reading() as session:
            found = await recipients(session, roles=[Role.LEADER.value])
        return [(r.channel, r.chat_id) for r in found]

    assert await chats() == [("telegram", "t1"), ("zalo", "zu1")]
    await choose(db, leader, "zalo")
    assert await chats() == [("zalo", "zu1")]
    async with db.transaction() as session:
        zalo = await session.scalar(select(ContactEndpoint).where(ContactEndpoint.user_id == "zu1"))
        zalo.unreachable = True
    assert await chats() == [("telegram", "t1")]  # a preference never silences a person
