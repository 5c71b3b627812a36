"""Hostile and odd updates never break the bot and never store a report for the wrong unit."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.domain import Role
from bot.messages import Attachment, ChannelCapabilities, Incoming
from bot.services.progress import may_report
from bot.texts import t
from db.models import Contact, ProgressReport
from handlers import ROUTES
from tests.fakes import FakeChannel, bind_user
from tests.support.world import UNIT_B

ERROR = t("common.error", "vi")
USERS = ["admin", "leader", "a", "b", "xa", "za", "stranger", ""]
HOSTILE = [
    "<b>", "</i>", "<script>alert(1)</script>", "&amp;", "{code}", "{0}", "%s", "\x00", "\u202e",
    "đạt 70%", "xong", "NV 2: xong", "II.3 đã xong 70%", "xin gia hạn đến 31/2/2025", "1000%",
    "đến 99/99", "nhiệm vụ 999", "abcdefghjk", "/start", "/start abcdefghjk", "/task", "/task 2",
    "/report", "/tasks", "/help", "/invite", "/cancel", "-", ";;;", "🙂" * 50,
]  # fmt: skip


REPORTS = [
    "NV 1: xong", "NV 2: đạt 50%", "NV 5: đã xong", "NV 6: vướng kinh phí", "II.3 đã xong 70%",
    "xong", "đạt 70%", "xin gia hạn đến 30/9/2025", "NV 2: đề nghị gia hạn đến 30/9",
]  # fmt: skip


def texts_strategy():
    return st.one_of(
        st.text(max_size=120),
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(HOSTILE), max_size=4).map(" ".join),
        st.sampled_from(HOSTILE).map(lambda piece: (piece * 10_000)[:10_000]),
        st.sampled_from(sorted(ROUTES.commands)).map(lambda name: f"/{name}"),
    )


def callback_strategy(world):
    tasks = [str(i) for i in world.tasks.values()] + ["0", "999", "-1", "x", ""]
    units = [str(i) for i in world.units.values()] + ["0", "999", "a"]
    prefixes = [*sorted(ROUTES.callbacks), "", "zz", "rep:rep"]
    pieces = st.one_of(st.sampled_from(tasks), st.sampled_from(units), st.text(max_size=8))
    return st.builds(
        lambda prefix, parts: ":".join([prefix, *parts])[:64],
        st.sampled_from(prefixes),
        st.lists(pieces, max_size=3),
    )


def attachments_strategy():
    attachment = st.builds(
        Attachment,
        kind=st.sampled_from(["photo", "document", "video", ""]),
        file_id=st.text(max_size=12),
        file_name=st.one_of(
            st.none(), st.sampled_from(["k.yaml", "k.docx", "k.pdf", "k.txt", ".csv", "x"])
        ),
        mime_type=st.one_of(st.none(), st.text(max_size=5)),
        size=st.one_of(st.none(), st.integers(-1, 10**9)),
    )
    return st.lists(attachment, max_size=2).map(tuple)


def incoming_strategy(world):
    """Anything at all, or (half the time) a contact's plausible message with hostile parts."""
    ids = st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["1", "r1", "r2"]))
    anything = st.builds(
        lambda user, chat, **fields: Incoming(user_id=user, chat_id=chat or user, **fields),
        st.sampled_from(USERS),
        st.one_of(st.just(""), st.sampled_from(USERS), st.text(max_size=6)),
        channel=st.sampled_from(["telegram", "zalo"]),
        display_name=st.text(max_size=20),
        chat_type=st.sampled_from(["private", "group", "supergroup", ""]),
        text=texts_strategy(),
        message_id=ids,
        reply_to_message_id=ids,
        attachments=attachments_strategy(),
        callback_data=st.one_of(st.none(), callback_strategy(world)),
        edited=st.booleans(),
        language_code=st.one_of(st.none(), st.sampled_from(["vi", "en", "zz"])),
    )
    plausible = st.builds(
        lambda user, **fields: Incoming(
            channel="zalo" if user == "za" else "telegram", user_id=user, chat_id=user, **fields
        ),
        st.sampled_from(["a", "b", "xa", "za"]),
        text=st.builds(
            "{} {}".format,
            st.sampled_from(REPORTS),
            st.one_of(st.just(""), st.sampled_from(HOSTILE)),
        ),
        message_id=st.text(min_size=1, max_size=4),
        reply_to_message_id=st.sampled_from([None, "r1", "r2"]),
        attachments=st.one_of(st.just(()), attachments_strategy()),
        callback_data=st.one_of(st.none(), st.none(), callback_strategy(world)),
        edited=st.sampled_from([False, False, False, True]),
    )
    return st.one_of(anything, plausible)


async def hostile_world(world):
    """Zalo beside Telegram, reminders to quote, and any file id downloads as junk."""
    world.core.channels["zalo"] = FakeChannel(
        name="zalo", capabilities=ChannelCapabilities(inline_buttons=False, reply_to=False)
    )
    for channel in world.core.channels.values():
        channel.files = defaultdict(lambda: b"plan: [\n\x00junk\xff\xfe")
    await bind_user(world.core.db, world.clock.now(), role=Role.CONTACT, user_id="za",
                    unit=UNIT_B, channel="zalo")  # fmt: skip
    await world.remind(
        "2", "Phòng Văn hóa và Thông tin huyện", "b"
    )  # A's reminder forged into B's chat
    await world.remind("5", UNIT_B, "b")
    return world


async def assert_reports_belong_to_their_senders(world):
    async with world.core.db.reading() as session:
        for report in await session.scalars(select(ProgressReport)):
            contact = await session.get(Contact, report.contact_id)
            assert contact.unit_id == report.unit_id
            assert await may_report(session, report.task_id, report.unit_id)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
async def test_hostile_updates(world, data):
    # the world lives across examples: what earlier updates stored is checked again each time
    if "zalo" not in world.core.channels:
        await hostile_world(world)
    updates = data.draw(st.lists(incoming_strategy(world), min_size=1, max_size=4))
    for incoming in updates:
        answers = await world.core.handle(incoming)
        assert all(ERROR not in answer.text for answer in answers), incoming
    await assert_reports_belong_to_their_senders(world)
