"""What a members-only handler may take for granted: `ctx.member` and `ctx.member_unit`."""

from __future__ import annotations

import pytest

from bot.messages import Incoming
from bot.services.deps import Deps
from bot.services.progress import UnitRef
from db.engine import Database
from handlers.context import Actor, Context


def context(settings, tmp_path, actor: Actor | None) -> Context:
    deps = Deps(settings=settings, db=Database(f"sqlite:///{tmp_path / 'unused.db'}"))
    incoming = Incoming(channel="telegram", chat_id="7", user_id="7", text="hello")
    return Context(incoming=incoming, actor=actor, deps=deps, menu=lambda _role, _locale: [])


def actor(unit_id: int | None = None, unit_name: str | None = None) -> Actor:
    return Actor(3, 4, "contact", "Lan", unit_id=unit_id, unit_name=unit_name)


def test_a_member_is_the_actor_the_registry_found(settings, tmp_path):
    lan = actor(unit_id=12, unit_name="Xã Tân Hòa")
    ctx = context(settings, tmp_path, lan)
    assert ctx.member is lan
    assert ctx.member_unit == UnitRef(12, "Xã Tân Hòa")


def test_a_stranger_reaching_a_members_only_handler_is_refused(settings, tmp_path):
    ctx = context(settings, tmp_path, None)
    with pytest.raises(PermissionError, match="stranger"):
        _ = ctx.member
    with pytest.raises(PermissionError, match="stranger"):
        _ = ctx.member_unit


def test_a_contact_without_a_unit_has_no_unit_to_report_for(settings, tmp_path):
    ctx = context(settings, tmp_path, actor())
    assert ctx.member.unit_id is None
    with pytest.raises(PermissionError, match="without a unit"):
        _ = ctx.member_unit
