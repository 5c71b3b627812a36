"""Who is writing and where they stand, read afresh with every update in one lookup."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.domain import Role
from bot.texts import t
from db.models import Contact, ContactEndpoint
from tests.support.world import UNIT_A, later, texts

STRANGER = t("common.stranger", "vi")
FORBIDDEN = t("common.forbidden", "vi")


async def change_contact(world, user_id: str, **values) -> None:
    """Change the contact behind a chat account, as an admin's correction would."""
    async with world.core.db.transaction() as session:
        contact_id = await session.scalar(
            select(ContactEndpoint.contact_id).where(ContactEndpoint.user_id == user_id)
        )
        await session.execute(update(Contact).where(Contact.id == contact_id).values(**values))


async def test_a_step_is_continued_until_it_expires(world):
    task_2 = world.tasks["2"]
    await world.press("a", f"rep:{task_2}:{world.units[UNIT_A]}")
    await world.press("a", f"rst:{task_2}:p")
    later(world.clock, hours=23)
    assert texts(await world.say("a", "đạt 40%")).startswith("Đã ghi nhận báo cáo nhiệm vụ 2")
    await world.press("a", f"rep:{task_2}:{world.units[UNIT_A]}")
    await world.press("a", f"rst:{task_2}:p")
    later(world.clock, days=1)
    answer = await world.say("a", "đạt 60%")  # the step has lapsed: a free message again
    assert "nhiệm vụ nào" in texts(answer)
    assert [report.percent for report in await world.reports()] == [40]


async def test_a_new_role_counts_from_the_next_message(world):
    assert "Chọn nhiệm vụ" in texts(await world.say("a", "/report"))
    await change_contact(world, "a", role=Role.LEADER.value)
    assert texts(await world.say("a", "/report")) == FORBIDDEN


async def test_a_deactivated_contact_is_a_stranger_from_the_next_message(world):
    assert texts(await world.say("a", "/tasks")) != STRANGER
    await change_contact(world, "a", active=False)
    assert texts(await world.say("a", "/tasks")) == STRANGER
    assert texts(await world.say("a", "NV 2: đạt 50%")) == STRANGER
    assert await world.reports() == []
