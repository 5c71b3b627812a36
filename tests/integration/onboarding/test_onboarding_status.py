"""Who is on board per unit with tasks; expired codes re-issued; a unit's first contact noticed."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.contactlist import Invitee
from bot.domain import Role
from bot.planparse import read_plan
from bot.services.invite_batch import invite_list, reissue_expired
from bot.services.invites import redeem_invite
from bot.services.onboarding import (
    first_contact_joined,
    onboarding_status,
    units_without_contact,
)
from bot.services.registry import import_plan
from bot.services.units import add_member
from tests.integration.foundation.test_cli import EXAMPLE, dondoc

PEOPLE = [
    Invitee(2, "Nguyễn Hoa", "Phòng Nội vụ huyện", Role.CONTACT),
    Invitee(3, "Lê Nam", "Phòng Nội vụ", Role.CONTACT),
    Invitee(4, "Đỗ Minh", "Phòng Tư pháp huyện", Role.CONTACT),
]


async def test_status_per_unit_and_reissue(db, clock):
    now = clock.now()
    async with db.transaction() as session:
        await import_plan(session, read_plan(EXAMPLE), "test")
        await add_member(session, "UBND các xã, thị trấn", "UBND xã Đông Hà", "test")
        issued = await invite_list(session, PEOPLE, "test", now)
    async with db.transaction() as session:
        binding = await redeem_invite(session, issued[0].code, channel="zalo", user_id="z1",
                                      chat_id="z1", display_name="Hoa", now=now)  # fmt: skip
        first = await first_contact_joined(session, binding)
    assert first is not None and first.name == "Phòng Nội vụ huyện"
    async with db.transaction() as session:
        binding = await redeem_invite(session, issued[1].code, channel="telegram", user_id="t2",
                                      chat_id="t2", display_name="Nam", now=now)  # fmt: skip
        assert await first_contact_joined(session, binding) is None
    later = now + timedelta(days=15)
    async with db.reading() as session:
        rows = {row.unit.name: row for row in await onboarding_status(session, later)}
        missing = [unit.name for unit in await units_without_contact(session)]
    assert sorted(rows) == [
        "Phòng Nội vụ huyện", "Phòng Tư pháp huyện", "Phòng Văn hóa và Thông tin huyện",
        "UBND xã Đông Hà", "Văn phòng HĐND và UBND huyện",
    ]  # fmt: skip
    assert rows["Phòng Nội vụ huyện"].joined == [("Hoa", ["zalo"]), ("Nam", ["telegram"])]
    assert (
        rows["Phòng Tư pháp huyện"].expired == ["Đỗ Minh"]
        and not rows["Phòng Tư pháp huyện"].joined
    )
    assert "Phòng Nội vụ huyện" not in missing and "UBND xã Đông Hà" in missing
    async with db.transaction() as session:
        fresh = await reissue_expired(session, "test", later)
        assert await reissue_expired(session, "test", later) == []
    assert [(one.name, one.unit) for one in fresh] == [("Đỗ Minh", "Phòng Tư pháp huyện")]
    async with db.reading() as session:
        rows = {row.unit.name: row for row in await onboarding_status(session, later)}
    assert (
        rows["Phòng Tư pháp huyện"].invited == ["Đỗ Minh"]
        and rows["Phòng Tư pháp huyện"].expired == []
    )


def test_onboarding_json_from_the_cli(tmp_path):
    dondoc(tmp_path, "import", str(EXAMPLE))
    listing = tmp_path / "ds.csv"
    listing.write_text("Đơn vị,Họ và tên\nPhòng Nội vụ,Nguyễn Hoa\n", encoding="utf-8")
    assert dondoc(tmp_path, "invite", "--from", str(listing)).returncode == 0
    result = dondoc(tmp_path, "onboarding", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["unit"]: row for row in json.loads(result.stdout)}
    assert rows["Phòng Nội vụ huyện"] == {
        "unit": "Phòng Nội vụ huyện", "joined": [], "invited": ["Nguyễn Hoa"], "expired": [],
    }  # fmt: skip
    assert dondoc(tmp_path, "invite", "--reissue-expired", "--json").stdout.strip() == "[]"
