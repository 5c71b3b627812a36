"""`dondoc run`: the bot itself, until SIGTERM or Ctrl-C."""

from __future__ import annotations

import os

import typer

from bot.cli.common import UserError, error_console, run, settings
from bot.texts import t


def register(app: typer.Typer) -> None:
    """Add `run`."""

    @app.command("run")
    @run(committee=False)
    async def run_command(
        no_scheduler: bool = typer.Option(
            False,
            "--no-scheduler",
            help="Không tự gửi nhắc việc trong tiến trình này / no reminders.",
        ),
    ) -> None:
        """Chạy bot: long polling, hoặc webhook khi đặt TELEGRAM_WEBHOOK_URL / run the bot."""
        config = settings()
        if config.telegram_bot_token is None and config.zalo_bot_token is None:
            error_console.print(f"[red]{t('run.no_token', config.locale)}[/red]", highlight=False)
            raise typer.Exit(2)
        from bot.clock import clock_from_env
        from bot.logsetup import configure_logging
        from bot.runner import Runner, RunnerError  # the channels load only when the bot runs

        configure_logging(config)
        try:
            runner = Runner(config, clock=clock_from_env(os.environ), scheduler=not no_scheduler)
            await runner.serve_until_signalled()
        except RunnerError as error:
            raise UserError(str(error)) from None
