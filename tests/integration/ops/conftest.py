"""The CLI in-process (Typer's CliRunner) with a clean environment, and a Bot API that refuses."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest
from aiohttp import web
from typer.testing import CliRunner, Result

from bot.cli.main import app
from bot.config import get_settings
from tests.support.database import POSTGRES_URL

Invoke = Callable[..., Result]


@pytest.fixture
def cli(monkeypatch, tmp_path) -> Invoke:
    """`cli(*args, **env)`: run `dondoc` in-process in tmp_path, `env` for this call only."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("DONDOC_", "TELEGRAM_", "ZALO_", "DATABASE_URL")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ops.db'}")
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args: str, **env: str) -> Result:
        with monkeypatch.context() as this_call:
            for name, value in env.items():
                this_call.setenv(name, value)
            get_settings.cache_clear()
            try:
                return CliRunner().invoke(app, list(args))
            finally:
                get_settings.cache_clear()

    return invoke


@pytest.fixture
def refusing_api() -> Iterator[Callable[[int], str]]:
    """`refusing_api(status)`: the URL of a Bot API answering every call with that status."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    runners: list[web.AppRunner] = []

    async def serve(status: int) -> str:
        async def refuse(_request: web.Request) -> web.Response:
            description = "Unauthorized" if status == 401 else "Not Found"
            body = {"ok": False, "error_code": status, "description": description}
            return web.json_response(body, status=status)

        application = web.Application()
        application.router.add_route("*", "/{tail:.*}", refuse)
        runner = web.AppRunner(application)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        runners.append(runner)
        return f"http://127.0.0.1:{runner.addresses[0][1]}"

    yield lambda status: asyncio.run_coroutine_threadsafe(serve(status), loop).result(10)
    for runner in runners:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """The URL of a PostgreSQL database created for this test (dropped afterwards)."""
    if not POSTGRES_URL:
        pytest.skip("TEST_DATABASE_URL not set: no PostgreSQL server to test against")
    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"ops_{uuid.uuid4().hex[:10]}"
    server = make_url(POSTGRES_URL)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)

    async def execute(statement: str) -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    asyncio.run(execute(f'DROP DATABASE "{name}" WITH (FORCE)'))


def one_line(text: str) -> str:
    """The output's only line (fails if there are several or a traceback)."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]
