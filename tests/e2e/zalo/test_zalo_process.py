"""`dondoc run` as a real process with only ZALO_BOT_TOKEN set: it polls, answers, stops cleanly."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from tests.support.zalo_e2e import TOKEN


async def test_dondoc_run_serves_zalo_alone(zalo, tmp_path):
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        ZALO_BOT_TOKEN=TOKEN,
        ZALO_API_URL=zalo.api_url,
        DONDOC_LOG_LEVEL="DEBUG",
        PYTHONUNBUFFERED="1",
    )
    log = tmp_path / "run.log"
    with log.open("wb") as sink:
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", env=env, cwd=tmp_path, stdout=sink, stderr=sink
        )
    try:
        polling = asyncio.ensure_future(zalo.wait_for(lambda: zalo.polling > 0, timeout=60))
        exited = asyncio.ensure_future(child.wait())
        await asyncio.wait({polling, exited}, return_when=asyncio.FIRST_COMPLETED)
        exited.cancel()
        assert polling.done() and child.returncode is None, log.read_text()
        await zalo.send_text(zalo.user("5a5a5a5a5a", "Người lạ"), "xin chào")
        assert (await zalo.next_message("5a5a5a5a5a")).text.startswith("Xin chào!")
    finally:
        child.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(child.wait(), 30)
    output = log.read_text()
    assert code == 0, output
    assert "zalo bot bot.dondoc connected" in output and TOKEN not in output
