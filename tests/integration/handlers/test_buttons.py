"""Buttons whose data no current button sends are answered once, by the router, never crash."""

from __future__ import annotations

import pytest

from bot.texts import t
from handlers import ROUTES
from tests.support.world import texts

EXPIRED = t("common.expired_button", "vi")
ERROR = t("common.error", "vi")
ROLE_OF = {"admin": "admin", "leader": "leader", "contact": "a"}


@pytest.mark.parametrize(
    "data",
    [
        "sum:a:٣",
        "sum:u٣:1",
        "sum:a:" + "9" * 5000,
        "sum:t" + "9" * 5000 + ":1",
        "sum:a:1:2",
        "sum:",
    ],
)
async def test_summary_pages_with_forged_numbers_are_expired(world, data):
    assert texts(await world.press("leader", data)) == EXPIRED


async def test_every_button_kind_answers_a_malformed_payload_with_its_own_words(world):
    for prefix, route in ROUTES.callbacks.items():
        allowed = [user for role, user in ROLE_OF.items() if role in route.roles]
        answer = texts(await world.press(allowed[0], f"{prefix}:٣:" + "9" * 80))
        assert answer == t(route.expired_key, "vi"), prefix
        assert ERROR not in answer


async def test_a_well_formed_page_button_still_turns_the_page(world):
    answer = texts(await world.press("leader", "sum:a:1"))
    assert answer not in (EXPIRED, ERROR)
    assert answer
