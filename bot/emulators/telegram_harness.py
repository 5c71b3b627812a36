"""Driving the real bot against the Telegram emulator: settings, a `dondoc` child process, a free port (tests and benchmarks)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.emulators.telegram import TelegramEmulator

TOKEN = "7000000001:e2e-secret-token-ABCdef"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bot_settings(emu: TelegramEmulator, tmp_path: Path, **extra: str) -> Settings:
    """Settings for a bot on a temp SQLite file (unless `extra` names another), talking to the
    emulator."""
    defaults: dict[str, Any] = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "TELEGRAM_WEBHOOK_URL": None,
    }
    return Settings(
        _env_file=None,
        TELEGRAM_BOT_TOKEN=emu.token,
        TELEGRAM_API_URL=emu.api_url,
        TELEGRAM_BOT_USERNAME=emu.bot_user["username"],
        **{**defaults, "ZALO_BOT_TOKEN": None, **extra},
    )


def process_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment for a `dondoc` process with these settings (nothing from the developer's)."""
    env = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ
    }
    env.update(
        DATABASE_URL=settings.database_url,
        TELEGRAM_API_URL=settings.telegram_api_url,
        DONDOC_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    if settings.telegram_bot_token is not None:
        env["TELEGRAM_BOT_TOKEN"] = settings.telegram_bot_token.get_secret_value()
    env.update(extra)
    return env


async def dondoc(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 60
) -> tuple[int, str, str]:
    """Run the `dondoc` CLI in a child process; (exit code, stdout, stderr)."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(child.communicate(), timeout)
    code = await child.wait()  # the exit code, known once the child has ended
    return code, out.decode(), err.decode()


@dataclass
class BotProcess:
    """A real `dondoc run` child process against the emulator (for kill -9 and restarts)."""

    emu: TelegramEmulator
    env: dict[str, str]
    cwd: Path
    child: asyncio.subprocess.Process | None = None
    run_args: tuple[str, ...] = ()  # options of `dondoc run`, e.g. ("--no-scheduler",)
    starts: int = 0
    logs: list[Path] = field(default_factory=list)

    async def start(self, timeout: float = 30) -> None:
        """Start it and wait until it long-polls the emulator."""
        polls = self.emu.stats.methods["getUpdates"]
        log = self.cwd / f"dondoc-run-{self.starts}.log"
        self.starts += 1
        self.logs.append(log)
        with log.open("wb") as sink:
            self.child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", *self.run_args, env=self.env, cwd=self.cwd,
                stdout=sink, stderr=sink,
            )  # fmt: skip
        waiting = asyncio.ensure_future(
            self.emu.wait_for(lambda: self.emu.stats.methods["getUpdates"] > polls, timeout)
        )
        exited = asyncio.ensure_future(self.child.wait())
        await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
        exited.cancel()
        if not waiting.done():
            waiting.cancel()
            raise RuntimeError(f"dondoc run exited early:\n{self.log_text()}")
        waiting.result()

    def log_text(self) -> str:
        """Everything the process(es) printed."""
        return "".join(path.read_text(errors="replace") for path in self.logs if path.exists())

    async def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Send a signal (SIGKILL for a crash) and wait for the exit code."""
        assert self.child is not None
        if self.child.returncode is None:
            self.child.send_signal(signum)
        code = await asyncio.wait_for(self.child.wait(), timeout)
        self.child = None
        return code

    async def restart(self) -> None:
        """Crash it (kill -9) and start it again on the same database."""
        await self.stop(signal.SIGKILL)
        await self.start()
