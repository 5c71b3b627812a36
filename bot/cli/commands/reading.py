"""`dondoc read-reply`: how the bot reads a reply, to check the reader on real texts."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import TYPE_CHECKING

import typer

from bot.cli.common import UserError, run, settings
from bot.clock import SystemClock

if TYPE_CHECKING:
    from bot.reading import Reading

TEXT_HELP = "Câu trả lời cần đọc; “-” để đọc mỗi dòng của đầu vào chuẩn là một câu"


def register(app: typer.Typer) -> None:
    """Add `read-reply`."""

    @app.command("read-reply")
    @run(committee=False)
    async def read_reply_command(
        text: str = typer.Argument(..., help=TEXT_HELP),
        today: str | None = typer.Option(
            None, "--today", help="Ngày của câu trả lời (YYYY-MM-DD), mặc định hôm nay"
        ),
        as_json: bool = typer.Option(False, "--json", help="Mỗi câu một dòng JSON"),
    ) -> None:
        """Xem bot đọc một câu trả lời thế nào / show how a reply is read."""
        from bot.reading import read_progress

        day = _day(today)
        texts = (line.rstrip("\n") for line in sys.stdin) if text == "-" else [text]
        for one in texts:
            reading = read_progress(one, day)
            if as_json:
                line = json.dumps(reading.as_json(), ensure_ascii=False)
            else:
                line = _in_words(reading)
            sys.stdout.write(line + "\n")


def _day(value: str | None) -> date:
    """The reply's day: `--today`, or today where the office is."""
    if value is None:
        return SystemClock().now().astimezone(settings().tz).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from bot.texts import t

        raise UserError(t("reading.bad_today", value=value)) from None


def _in_words(reading: Reading) -> str:
    """ "Đang thực hiện · 60% · cần hỏi lại"; a line per task when the reply names several."""
    from bot.texts import t

    if reading.items:
        return "\n".join(f"- {_in_words(item)}" for item in reading.items)
    status = t(f"status.{reading.status}") if reading.status else t("reading.no_status")
    parts = [status]
    if reading.percent is not None:
        parts.append(t("reading.percent", percent=reading.percent))
    if reading.proposed_due is not None:
        parts.append(t("reading.proposed_due", date=reading.proposed_due))
    if reading.task_code is not None:
        parts.append(t("reading.task", code=reading.task_code))
    if reading.obstacle is not None:
        parts.append(t("reading.obstacle", text=reading.obstacle))
    parts.append(t("reading.sure" if reading.confident else "reading.unsure"))
    return " · ".join(parts)
