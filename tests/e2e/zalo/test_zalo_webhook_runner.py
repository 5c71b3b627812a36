"""`dondoc run` in webhook mode on Zalo: the runner's web server takes the platform's POSTs."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from bot.domain import Role
from bot.emulators.zalo import SECRET_HEADER
from db.models import ProgressReport
from tests.conftest import SAMPLES
from tests.e2e.zalo.conftest import ZaloBot, zalo_bot_settings
from tests.fakes import plan_from_expected, seed_plan
from tests.inbox_rows import stored_keys
from tests.integration.zalo.harness import free_port

SECRET = "e2e-webhook-secret"


async def report_count(core) -> int:
    async with core.db.reading() as session:
        return await session.scalar(select(func.count(ProgressReport.id)))


async def test_webhook_mode_through_the_runner(zalo, tmp_path, clock):
    port = free_port()
    url = f"http://127.0.0.1:{port}/hooks/zalo"
    settings = zalo_bot_settings(
        zalo, tmp_path, ZALO_WEBHOOK_URL=url, ZALO_WEBHOOK_SECRET=SECRET,
        DONDOC_WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )  # fmt: skip
    bot = ZaloBot(zalo, settings, clock)
    await bot.start()
    try:
        assert (zalo.webhook.url, zalo.webhook.secret) == (url, SECRET)
        await seed_plan(
            bot.core.db, plan_from_expected(SAMPLES / "ke-hoach-730-khcn.expected.json")
        )
        contact = zalo.user("c0ffee0001", "Lê Văn Minh")
        await zalo.send_text(contact, await bot.invite(Role.CONTACT, "UBND huyện"))
        assert "UBND huyện" in (await zalo.next_message(contact.id)).text

        forged = zalo.text_update(contact, "II.3 đã đạt 90%")
        async with httpx.AsyncClient() as http:
            refused = await http.post(url, json=forged, headers={SECRET_HEADER: "not-the-secret"})
        assert refused.status_code == 403
        assert await report_count(bot.core) == 0 and len(zalo.texts_to(contact.id)) == 1

        await zalo.deliver_twice(contact, "II.3 đã đạt 90%")
        assert zalo.webhook_statuses[-2:] == [200, 200]
        assert len(await stored_keys(bot.core.db)) == 2  # the invite and the report, once
        assert "90%" in (await zalo.next_message(contact.id)).text
        assert await report_count(bot.core) == 1
        assert len(zalo.texts_to(contact.id)) == 2  # one acknowledgement
        assert "getUpdates" not in zalo.calls
    finally:
        await bot.runner.stop()
