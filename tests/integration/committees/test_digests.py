"""The morning digest job: each committee's chat and leaders receive that committee's digest only."""

from __future__ import annotations

from bot.services.digests import digest_job
from tests.support.province import Province, message_text


async def test_each_committee_chat_receives_only_its_committee_digest(province: Province):
    """Monday 24 March 2025: the weekly digest is due in every committee."""
    delivered = await digest_job(province.core.deps)
    by_chat: dict[str, list[str]] = {}
    for chat, message, _id in province.channel.sent:
        by_chat.setdefault(chat, []).append(message_text(message))
    expected = {chat for m in province.members.values() for chat in (m.group, m.user("leader"))}
    assert set(by_chat) == expected
    assert delivered == len(expected)
    for chat, texts in by_chat.items():
        owner = province.members[province.owner_of_chat(chat) or ""]
        shown = "\n".join(texts)
        assert owner.plan_number in shown
        others = [
            s for m in province.members.values() if m is not owner for s in m.secrets_from(owner)
        ]
        assert [s for s in others if s in shown] == [], chat
    assert await digest_job(province.core.deps) == 0  # each committee's sends are its own to claim
