"""`dondoc demo`: try the bot with no token and no internet."""

from __future__ import annotations

import select
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bot.cli.common import UserError, console, run

if TYPE_CHECKING:  # the demo pulls in the emulators; other commands should not pay for that
    from bot.demo import Demo


async def _read_line(prompt: str) -> str | None:
    """A line typed at the terminal, without blocking the bot running in this loop; None at EOF."""
    import asyncio

    console.print(prompt, end="", highlight=False)
    loop = asyncio.get_running_loop()
    typed: asyncio.Future[str] = loop.create_future()
    descriptor = sys.stdin.fileno()

    def take_line() -> None:
        if not typed.done():
            typed.set_result(sys.stdin.readline())

    loop.add_reader(descriptor, take_line)
    try:
        line = await typed
    finally:
        loop.remove_reader(descriptor)
    return line or None


async def _show_spontaneous(demo: Demo) -> None:
    """Print what the bot sends on its own (scheduled reminders) while the user is typing."""
    while True:
        try:
            await demo.emu.wait_for(lambda: demo.pending_output, timeout=3600)
        except TimeoutError:
            continue
        demo.flush()


async def _chat(demo: Demo) -> None:
    import asyncio

    from bot.demo import HELP

    console.print(f"[dim]{HELP}[/dim]", highlight=False)
    watcher = asyncio.create_task(_show_spontaneous(demo))
    try:
        while (line := await _read_line(f"[bold cyan]{demo.current}[/bold cyan] › ")) is not None:
            if not await demo.run_line(line):
                break
    finally:
        watcher.cancel()


def _script_lines(script: Path | None) -> list[str]:
    """The file's lines; else what was piped in; else (nothing to read) the example script."""
    if script is not None:
        if not script.is_file():
            raise UserError(f"Không thấy tệp kịch bản {script}.")
        return script.read_text(encoding="utf-8").splitlines()
    stdin = sys.stdin
    # A pipe nobody writes to would block read() forever (some CI runners leave one open).
    piped = stdin is not None and not stdin.closed and select.select([stdin], [], [], 0.5)[0]
    text = stdin.read() if piped else ""
    from bot.demo import EXAMPLE_SCRIPT

    return (text or EXAMPLE_SCRIPT.read_text(encoding="utf-8")).splitlines()


def register(app: typer.Typer) -> None:
    """Add `demo`."""

    @app.command("demo")
    @run(committee=False)
    async def demo_command(
        script: Path | None = typer.Option(
            None, "--script", help="Chạy các dòng trong tệp rồi thoát / run the lines of a file."
        ),
        data_dir: Path = typer.Option(
            Path("demo-data"), "--data-dir", help="Thư mục dữ liệu demo (làm mới mỗi lần chạy)."
        ),
        channel: str = typer.Option(
            "telegram", "--channel", help="Nền tảng giả lập / emulated platform: telegram | zalo."
        ),
    ) -> None:
        """Thử bot không cần token: trình giả lập Telegram, kế hoạch mẫu, bốn người dùng / try it offline."""
        interactive = script is None and sys.stdin is not None and sys.stdin.isatty()
        lines = None if interactive else _script_lines(script)
        if channel not in ("telegram", "zalo"):
            raise UserError(f"Kênh “{channel}” không hợp lệ; dùng telegram hoặc zalo.")
        from bot.demo_zalo import demo_class

        demo = demo_class(channel)(data_dir, console, interactive=interactive)
        try:
            await demo.start()
            if lines is None:
                await _chat(demo)
            else:
                for line in lines:
                    if not await demo.run_line(line):
                        break
        finally:
            await demo.stop()
