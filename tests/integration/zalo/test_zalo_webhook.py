"""Webhook mode: the platform posts updates with the secret header; anything else is refused."""

from __future__ import annotations

import logging

import httpx
import pytest
from sqlalchemy import func, select

from bot.domain import Role
from bot.emulators.zalo import SECRET_HEADER
from bot.emulators.zalo_harness import WEBHOOK_SECRET, zalo_bot, zalo_settings
from db.models import Invite
from tests.fakes import bind_user, plan_from_expected, seed_plan
from tests.inbox_rows import stored_keys
from tests.support.paths import SAMPLES


@pytest.fixture
async def contact(sqlite_db, clock):
    """A unit contact bound on Zalo as "zu1"."""
    await seed_plan(sqlite_db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json"))
    return await bind_user(
        sqlite_db, clock.now(), role=Role.CONTACT, user_id="zu1", unit="UBND huyện", channel="zalo"
    )


@pytest.fixture
async def settings(tmp_path, emulator):
    return zalo_settings(tmp_path, emulator, webhook=True)


@pytest.fixture
async def bot(settings, sqlite_db, clock):
    async with zalo_bot(settings, sqlite_db, clock) as running:
        yield running


async def link_codes(db) -> int:
    async with db.reading() as session:
        return await session.scalar(
            select(func.count(Invite.id)).where(Invite.link_contact_id.is_not(None))
        )


async def test_start_sets_the_webhook_and_does_not_poll(emulator, settings, bot):
    assert emulator.webhook.url == settings.zalo_webhook_url
    assert emulator.webhook.secret == WEBHOOK_SECRET
    assert "getUpdates" not in emulator.calls


async def test_updates_arrive_by_webhook(emulator, bot):
    await emulator.send_text(emulator.user("s1", "A"), "xin chào")
    assert emulator.webhook_statuses == [200]
    assert (await emulator.next_message("s1")).text.startswith("Xin chào!")


@pytest.mark.parametrize("headers", [{SECRET_HEADER: "wrong-secret-1"}, {}])
async def test_a_wrong_or_missing_secret_is_refused_and_nothing_recorded(
    emulator, settings, bot, contact, sqlite_db, headers
):
    update = emulator.text_update(emulator.user("zu1", "A"), "/link")
    async with httpx.AsyncClient() as http:
        answer = await http.post(settings.zalo_webhook_url, json=update, headers=headers)
    assert answer.status_code == 403
    assert emulator.sent == []
    assert await link_codes(sqlite_db) == 0
    await emulator.deliver(update)  # the genuine delivery of the same message still counts
    await emulator.next_message("zu1")
    assert await link_codes(sqlite_db) == 1


async def test_the_same_update_posted_twice_is_handled_once(emulator, bot, contact, sqlite_db):
    await emulator.deliver_twice(emulator.user("zu1", "A"), "/link")
    assert emulator.webhook_statuses == [200, 200]
    assert len(await stored_keys(sqlite_db)) == 1  # the second delivery was not stored
    await emulator.next_message("zu1")
    assert len(emulator.texts_to("zu1")) == 1
    assert await link_codes(sqlite_db) == 1


WRONG_SHAPES = [
    b"{",
    b"[]",
    b"null",
    b'"text"',
    b'{"event_name": "message.text.received", "message": "hi"}',
    b'{"event_name": "message.text.received", "message": {"chat": 5, "from": [], "message_id": 1}}',
    b'{"ok": true, "result": {"message": {"chat": {"id": {}}, "from": "x", "text": []}}}',
    b'{"event_name": "message.image.received", "message": {"chat": {"id": "c"}, '
    b'"from": {"id": "p", "display_name": []}, "message_id": "m", "photo": {}}}',
]


async def test_bodies_of_the_wrong_shape_get_200_and_a_log_line(emulator, settings, bot, caplog):
    async with httpx.AsyncClient() as http:
        for body in WRONG_SHAPES:
            caplog.clear()
            with caplog.at_level(logging.INFO, logger="bot.channels"):
                answer = await http.post(
                    settings.zalo_webhook_url,
                    content=body,
                    headers={SECRET_HEADER: WEBHOOK_SECRET, "Content-Type": "application/json"},
                )
            assert answer.status_code == 200, body
            assert caplog.records, body
    await emulator.send_text(emulator.user("s1", "A"), "xin chào")
    assert (await emulator.next_message("s1")).text.startswith("Xin chào!")
