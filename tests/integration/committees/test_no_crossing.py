"""Random conversations of two committees' people (A and B) through `Core.handle`: no message goes
to the other committee's chats or names its rows, and every row an update adds or changes is the
sender's committee's (an invite's stranger joins the committee of the admin who made the code)."""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass, replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.clock import FixedClock
from bot.config import Settings
from bot.core import Core
from bot.messages import Incoming, Outgoing
from db.engine import Database
from db.models import Contact, ContactEndpoint
from tests.fakes import FakeChannel
from tests.support.province import ROLES, Member, changed, message_text, snapshots
from tests.support.world import SEEDED_AT

CODE = re.compile(r"Mã mời: <code>([^<]+)</code>")


@dataclass(frozen=True)
class Step:
    """One update: who sends it, what, about whose rows, and how (text, edit, reply, button)."""

    sender: str  # "A" or "B"
    role: str
    what: str
    about: str  # whose names fill the template: "A" or "B"
    how: str  # "text", "edit", "reply", "press", "group", "invite"


TEMPLATES = [
    "{code} đạt {percent}%", "{code} xong", "/summary", "/summary {name}", "/task {code}",
    "/history {unit}", "/tasks", "/tasks {unit}", "/report", "/cancel", "/invite", "/export",
    "/audit {code}", "{unit}: {code} vướng thiếu kinh phí", "gia hạn {code} đến 30/9/2025",
    "rep:{task_id}:{unit_id}", "rst:{task_id}:p", "extok:{request_id}", "obscl:{obstacle_id}",
    "adm:close:{task_id}", "adm:ok:zz", "thist:{task_id}:0", "hist:{unit_id}:all:0", "snz:{slot_id}",
]  # fmt: skip
steps = st.builds(
    Step,
    sender=st.sampled_from("AB"),
    role=st.sampled_from(ROLES),
    what=st.sampled_from(TEMPLATES),
    about=st.sampled_from("AB"),
    how=st.sampled_from(["text", "text", "edit", "reply", "press", "group", "invite"]),
)


class Conversation:
    """Two committees talking to one core; checks every update as it is handled."""

    def __init__(self, core: Core, members: dict[str, Member]):
        self.core, self.members = core, members
        self.ids = iter(range(1, 10**6))
        self.last: dict[str, list[Outgoing]] = {}  # each user's last answers (their buttons)
        self.sent_before: dict[str, str] = {}  # each user's last message id, for edits

    async def play(self, step: Step) -> None:
        sender, about = self.members[step.sender], self.members[step.about]
        user = sender.user(step.role)
        text = step.what.format(percent=next(self.ids) % 101, name=about.spec.name, code=about.codes[0],
                                unit=about.units[0], **about.ids)  # fmt: skip
        if step.how == "invite" and step.role == "admin":
            await self.invite(sender, user)
            return
        incoming = self.incoming(sender, user, step.how, text)
        await self.check(sender, user, incoming)

    def incoming(self, sender: Member, user: str, how: str, text: str) -> Incoming:
        base = Incoming(
            channel="telegram", chat_id=user, user_id=user, message_id=f"m{next(self.ids)}"
        )
        buttons = [b.data for m in self.last.get(user, []) for row in m.buttons for b in row]
        if ":" in text and " " not in text and not text.startswith("/"):
            return replace(base, callback_data=text, callback_id=base.message_id, message_id=None)
        if how == "press" and buttons:
            return replace(
                base, callback_data=buttons[next(self.ids) % len(buttons)], callback_id="c"
            )
        if how == "edit" and user in self.sent_before:
            return replace(base, text=text, edited=True, message_id=self.sent_before[user])
        if how == "reply":
            return replace(base, text=text, reply_to_message_id=f"r-{sender.spec.tag}")
        if how == "group":
            return replace(base, text=text, chat_id=sender.group, chat_type="group")
        self.sent_before[user] = base.message_id or ""
        return replace(base, text=text)  # fmt: skip

    async def invite(self, sender: Member, user: str) -> None:
        """The admin makes a leader's code; a stranger joins with it, into the admin's committee."""
        answers = await self.check(sender, user, Incoming(channel="telegram", chat_id=user, user_id=user,
                                                          callback_data="inv:r:leader", callback_id="c"))  # fmt: skip
        found = CODE.search(message_text(answers[0])) if answers else None
        assert found is not None, answers
        stranger = f"{sender.spec.tag}-new{next(self.ids)}"
        await self.check(sender, stranger, Incoming(channel="telegram", chat_id=stranger, user_id=stranger,
                                                     text=f"/start {found.group(1)}", message_id="s"))  # fmt: skip
        async with self.core.db.reading() as session:
            joined = await session.scalar(
                select(Contact.committee_id).join(ContactEndpoint).where(ContactEndpoint.user_id == stranger)
            )  # fmt: skip
        assert joined == sender.id

    async def check(self, sender: Member, user: str, incoming: Incoming) -> list[Outgoing]:
        other = self.members["B" if sender.spec.tag == "A" else "A"]
        watched = [other.id, 1]
        before = await snapshots(self.core.db, watched)
        channel: FakeChannel = self.core.channels["telegram"]  # type: ignore[assignment]
        already = len(channel.sent)
        answers = await self.core.handle(incoming)
        self.last[user] = answers
        pushed = channel.sent[already:]
        typed = incoming.text or ""
        shown = [message_text(m) for m in answers] + [message_text(m) for _c, m, _i in pushed]
        assert [
            s for s in other.secrets if s not in typed and any(s in text for text in shown)
        ] == [], incoming
        destinations = [c for c, _m, _i in pushed] + [m.chat_id for m in answers if m.chat_id]
        assert all(c.startswith(f"{sender.spec.tag}-") for c in destinations), (
            incoming,
            destinations,
        )
        after = await snapshots(self.core.db, watched)
        assert {c: changed(before[c], after[c]) for c in watched if before[c] != after[c]} == {}, (
            incoming
        )
        return answers  # fmt: skip


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(conversation=st.lists(steps, min_size=1, max_size=8))
def test_no_message_or_row_crosses_between_two_committees(
    province_template, tmp_path_factory, conversation
):
    template, members = province_template
    path = tmp_path_factory.mktemp("crossing") / "province.db"
    shutil.copyfile(template, path)

    async def play() -> None:
        database = Database(f"sqlite:///{path}")
        settings = Settings(_env_file=None, DATABASE_URL=f"sqlite:///{path}")
        core = Core(settings=settings, db=database, clock=FixedClock(SEEDED_AT),
                    channels={"telegram": FakeChannel()})  # fmt: skip
        try:
            talk = Conversation(core, members)
            for step in conversation:
                await talk.play(step)
        finally:
            await database.dispose()

    asyncio.run(play())
