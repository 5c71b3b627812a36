"""The route table: built from the routers and the text pipeline, refusing what would be ambiguous."""

from __future__ import annotations

import pytest

from bot.texts import t
from handlers import ROUTERS, ROUTES, TEXT_PIPELINE
from handlers.router import CONVERSATION_STEPS, EVERYONE, Router, RouteTable


async def takes_text(_ctx) -> bool:
    return True


async def answers(_ctx) -> None:
    return None


def test_a_command_declared_twice_is_refused():
    first, second = Router("first"), Router("second")
    first.command("same", EVERYONE)(answers)
    second.command("same", EVERYONE)(answers)
    with pytest.raises(ValueError, match="declared twice"):
        RouteTable([first, second], [])


def test_every_text_handler_has_exactly_one_place_in_the_pipeline():
    router = Router("texts")
    router.text(EVERYONE)(takes_text)
    with pytest.raises(ValueError, match="text pipeline"):
        RouteTable([router], [CONVERSATION_STEPS])
    with pytest.raises(ValueError, match="text pipeline"):
        RouteTable([router], [takes_text, takes_text])
    assert RouteTable([router], [takes_text, CONVERSATION_STEPS]).text_pipeline[1] == (
        CONVERSATION_STEPS
    )


def test_the_project_routes_build_with_the_conversation_steps_in_the_pipeline():
    assert CONVERSATION_STEPS in TEXT_PIPELINE
    assert len(ROUTERS) == len({router.name for router in ROUTERS})
    assert {"report", "help", "start"} <= set(ROUTES.commands)
    assert {"rep", "snz", "sum"} <= set(ROUTES.callbacks)


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_command_menu_describes_each_command_from_the_catalogue(locale):
    everything = ROUTES.menu("admin", locale) + ROUTES.menu("contact", locale)
    for name, description in everything:
        assert description == t(f"command.{name}", locale)
    assert ROUTES.menu(None, locale) == [
        (name, t(f"command.{name}", locale)) for name in ("start", "help")
    ]


def test_vietnamese_and_english_menus_differ_only_in_language():
    vi, en = ROUTES.menu("leader", "vi"), ROUTES.menu("leader", "en")
    assert [name for name, _ in vi] == [name for name, _ in en]
    assert all(a != b for (_, a), (_, b) in zip(vi, en, strict=True))
