"""The inbox table: each update stored once; what is left is claimed by one process at a time."""

from __future__ import annotations

import socket
import subprocess
from datetime import timedelta

from sqlalchemy import select, update

from bot.message_json import (
    incoming_from_dict,
    incoming_to_dict,
    outgoing_from_dict,
    outgoing_to_dict,
)
from bot.messages import Attachment, Button, Document, Incoming, NewUpdate, Outgoing
from bot.services import inbox as table
from bot.services.reminders.claims import new_owner
from db.models import InboxUpdate


def dead_owner() -> str:
    """The claim name a process of this host that has exited would have left."""
    child = subprocess.Popen(["true"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:deadbeef"


def new(key: str, chat: str = "501", text: str = "II.4 đạt 40%") -> NewUpdate:
    return NewUpdate(key, Incoming(channel="telegram", chat_id=chat, user_id=chat, text=text))


async def rows(db) -> list[InboxUpdate]:
    async with db.reading() as session:
        return list(await session.scalars(select(InboxUpdate).order_by(InboxUpdate.id)))


async def set_claim(db, key: str, owner: str | None, until) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(InboxUpdate)
            .where(InboxUpdate.update_key == key)
            .values(claimed_by=owner, claimed_until=until)
        )


def test_messages_survive_the_trip_through_json():
    incoming = Incoming(
        channel="telegram", chat_id="-100", user_id="7", display_name="Lan", chat_type="group",
        text="xong", message_id="9", reply_to_message_id="8", callback_data="snz:1",
        callback_id="q", edited=True, language_code="vi",
        attachments=(Attachment("document", "f1", "a.docx", "application/x", 12),),
    )  # fmt: skip
    assert incoming_from_dict(incoming_to_dict(incoming)) == incoming
    outgoing = Outgoing(
        text="<b>Tổng hợp</b>", buttons=((Button("Trang sau", "sum:2"),),),
        document=Document("bao-cao.xlsx", b"\x00\xffxlsx", "application/vnd"),
        channel="zalo", chat_id="c1", reply_to_message_id="3", edit=True,
    )  # fmt: skip
    assert outgoing_from_dict(outgoing_to_dict(outgoing)) == outgoing


async def test_an_update_is_stored_once_per_channel_and_key(db, clock):
    owner = new_owner()
    first = await table.store(db, "telegram", [new("1"), new("2", "502")], owner, clock.now())
    again = await table.store(db, "telegram", [new("2", "502"), new("3")], owner, clock.now())
    other = await table.store(db, "zalo", [new("1")], owner, clock.now())
    assert [item.incoming.chat_id for item in first] == ["501", "502"]
    assert [item.id for item in again] == [(await rows(db))[2].id]  # only "3" is new
    assert len(other) == 1  # keys are per channel
    stored = await rows(db)
    assert [(r.channel, r.update_key, r.state, r.claimed_by) for r in stored] == [
        ("telegram", "1", "pending", owner),
        ("telegram", "2", "pending", owner),
        ("telegram", "3", "pending", owner),
        ("zalo", "1", "pending", owner),
    ]
    assert incoming_from_dict(stored[0].payload) == new("1").incoming


async def test_what_is_left_is_claimed_by_one_process_only(db, clock):
    now, me, other = clock.now(), new_owner(), new_owner()
    keys = ["mine-in-hand", "mine-dropped", "live-other", "dead", "expired", "free", "later"]
    items = await table.store(db, "telegram", [new(key) for key in keys], me, now)
    in_hand = {items[0].id}
    await set_claim(db, "live-other", other, now + timedelta(minutes=1))
    await set_claim(db, "dead", dead_owner(), now + timedelta(minutes=1))
    await set_claim(db, "expired", other, now - timedelta(seconds=1))
    await set_claim(db, "free", None, None)
    later = items[-1]
    await table.retry_later(
        db, later, me, at=now + timedelta(seconds=30), error="busy", told_delayed=True
    )
    claimed = await table.claim_left(db, "telegram", me, now, in_hand)
    assert [item.incoming.text for item in claimed] == ["II.4 đạt 40%"] * 4
    assert [r.update_key for r in await rows(db) if r.id in {i.id for i in claimed}] == [
        "mine-dropped", "dead", "expired", "free",
    ]  # fmt: skip
    third = new_owner()
    assert await table.claim_left(db, "telegram", third, now) == []  # all held now
    [retried] = await table.claim_left(db, "telegram", third, now + timedelta(seconds=31))
    assert retried.id == later.id and retried.told_delayed and retried.attempts == 2


async def test_replies_left_to_send_are_kept_then_the_row_is_done_and_forgotten(db, clock):
    now, me = clock.now(), new_owner()
    [item] = await table.store(db, "telegram", [new("1")], me, now)
    reply = Outgoing(text="Đã ghi nhận 40%")
    await table.retry_later(db, item, me, at=now, error="502", told_delayed=False, replies=[reply])
    [again] = await table.claim_left(db, "telegram", me, now)
    assert (again.replies, (await rows(db))[0].state) == ((reply,), "sending")
    await table.mark_done(db, [again.id], now)
    [row] = await rows(db)
    assert (row.state, row.handled_at, row.claimed_by, row.replies) == ("done", now, None, None)
    assert await table.claim_left(db, "telegram", me, now + timedelta(days=1)) == []
    assert await table.forget_done(db, now) == 0
    assert await table.forget_done(db, now + timedelta(seconds=1)) == 1
