"""`dondoc demo --channel zalo`: the same demo on the Zalo emulator, buttons as numbered choices."""

from __future__ import annotations

import re
from pathlib import Path

from rich.panel import Panel
from rich.text import Text

from bot.config import Settings
from bot.demo import Demo
from bot.demo_render import show_note, show_user_line
from bot.emulators.zalo import ZaloEmulator
from bot.emulators.zalo_api import ZaloUser

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


class ZaloDemo(Demo):
    """The Telegram demo's story on Zalo: no quoted replies, no buttons, no documents."""

    # Another emulator: every method of Demo that needs a Telegram-only part is overridden here.
    emu: ZaloEmulator  # type: ignore[assignment]
    users: dict[str, ZaloUser]  # type: ignore[assignment]

    def __init__(self, data_dir: Path, console, **options):
        super().__init__(data_dir, console, **options)
        self.emu = ZaloEmulator("1000000002:zalo-demo-token-not-secret")

    def settings(self) -> Settings:
        """A fresh database and the Zalo emulator; nothing from the environment."""
        return Settings(
            _env_file=None,
            DATABASE_URL=f"sqlite:///{self.data_dir / 'demo.db'}",
            ZALO_BOT_TOKEN=self.emu.token,
            ZALO_API_URL=self.emu.api_url,
            ZALO_WEBHOOK_URL=None,
            TELEGRAM_BOT_TOKEN=None,
            DONDOC_HEALTH_LISTEN="off",  # offline: no monitoring port
        )

    @property
    def pending_output(self) -> bool:
        """Whether the bot sent something not shown yet."""
        return self._shown < len(self.emu.sent)

    def flush(self) -> None:
        """Show the bot's messages not shown yet, as Zalo shows them: plain text."""
        names = {user.id: key for key, user in self.users.items()}
        while self._shown < len(self.emu.sent):
            message = self.emu.sent[self._shown]
            self._shown += 1
            recipient = names.get(message.chat_id, message.chat_id)
            body = message.text if message.method != "sendPhoto" else f"🖼 {message.photo}"
            title = f"#{self._shown} dondoc → {recipient} (Zalo)"
            self.console.print(
                Panel(Text(body), title=title, title_align="left", border_style="blue")
            )

    async def cmd_reply(self, rest: str) -> None:
        """Zalo has no quoted replies: a plain message answers the latest reminder."""
        _number, _, text = rest.partition(" ")
        show_note(self.console, "(Zalo không có trả lời trích dẫn: gửi tin nhắn thường.)")
        await self.say(text)

    async def cmd_press(self, rest: str) -> None:
        """No buttons on Zalo: answer with the number of the choice whose label matches."""
        number, _, label = rest.partition(" ")
        message = self._bot_message(number)
        choices = dict(re.findall(r"^(\d+)\. (.+)$", message.text, re.MULTILINE))
        picked = label if label in choices else None
        picked = picked or next(
            (n for n, text in choices.items() if label.lower() in text.lower()), None
        )
        if picked is None:
            raise LookupError(
                f"Tin #{self.emu.sent.index(message) + 1} không có lựa chọn “{label}”."  # type: ignore[arg-type]
            )
        show_note(
            self.console, f"(Zalo không có nút: trả lời số {picked} cho “{choices[picked]}”.)"
        )
        await self.say(picked)

    async def cmd_file(self, rest: str) -> None:
        """Zalo carries photos (by URL), not documents."""
        path = Path(rest.strip()).expanduser()
        if not path.is_file():
            raise LookupError(f"Không thấy tệp {path}.")
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValueError("Zalo chỉ nhận ảnh (.jpg, .png); tệp khác hãy gửi qua Telegram.")
        show_user_line(self.console, self.current, f"[gửi ảnh {path.name}]")
        url = self.emu.host_file(path.name, path.read_bytes())
        await self.emu.send_image(self.users[self.current], url)
        await self._settle()


def demo_class(channel: str) -> type[Demo]:
    """The demo for a platform: "telegram" (bot/demo.py) or "zalo" (this module)."""
    return ZaloDemo if channel == "zalo" else Demo
