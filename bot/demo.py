"""`dondoc demo`: the real bot, the Telegram emulator and a sample plan, chatted with from a terminal."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.config import Settings
from bot.demo_render import show_bot_message, show_note, show_user_line
from bot.domain import Role
from bot.emulators.telegram import TelegramEmulator
from bot.emulators.telegram_objects import Message, User
from bot.logsetup import configure_logging
from bot.planparse import read_plan
from bot.runner import Runner
from bot.services.invites import create_invite
from bot.services.registry import import_plan
from bot.services.units import get_unit

if TYPE_CHECKING:  # imported by `cmd_remind` when used
    from bot.services.reminders.sweep import Sweeper

REPO = Path(__file__).resolve().parents[1]
# A real UBND plan (.docx with its assignment table), kept in the repo: the script names its messages.
SAMPLE_PLAN = REPO / "examples" / "ke-hoach-112-chuyen-doi-so.docx"
EXAMPLE_SCRIPT = REPO / "examples" / "demo-script.txt"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DEMO_START = datetime(2025, 3, 24, 7, 30, tzinfo=HANOI)  # a Monday, a week before a deadline
HELP = (
    "Lệnh của bản demo: /as TÊN (đổi người gõ) · /who · /reply N|last nội dung · "
    "/press N|last nút (nhãn hoặc số thứ tự) · "
    "/file ĐƯỜNG_DẪN · /remind (gửi nhắc việc đến hạn hôm nay) · /date YYYY-MM-DD [HH:MM] · "
    "/quit. Dòng khác được gửi cho bot như tin nhắn của người đang gõ."
)


@dataclass(frozen=True)
class Persona:
    """Someone the demo plays: a leader, the office's admin, a unit's contact."""

    key: str
    user_id: int
    name: str
    role: Role
    unit: str | None = None  # preferred lead unit, for contacts


PERSONAS = (
    Persona("lanhdao", 1001, "Nguyễn Văn Hùng", Role.LEADER),
    Persona("vanphong", 1002, "Trần Thị Mai", Role.ADMIN),
    Persona("ubnd", 1003, "Lê Văn Nam", Role.CONTACT, "UBND các xã, thị trấn"),
    Persona("vhtt", 1004, "Phạm Thu Hà", Role.CONTACT, "Phòng Văn hóa và Thông tin huyện"),
)


class DemoClock:
    """The demo's time: starts at a chosen moment and runs on at the normal pace."""

    def __init__(self, start: datetime):
        self.set(start)

    def set(self, moment: datetime) -> None:
        """Jump to `moment`."""
        self._start, self._set_at = moment.astimezone(UTC), datetime.now(UTC)

    def now(self) -> datetime:
        """The demo's current moment (aware, UTC)."""
        return self._start + (datetime.now(UTC) - self._set_at)


class Demo:
    """Starts everything in this process, onboards the personas, then runs typed or scripted lines."""

    def __init__(
        self, data_dir: Path, console: Console, *, interactive: bool, start: datetime = DEMO_START
    ):
        self.data_dir, self.console, self.interactive = data_dir, console, interactive
        self.clock = DemoClock(start)
        self.emu = TelegramEmulator(
            token="1000000001:demo-token-not-secret", username="dondoc_demo_bot"
        )
        self.users: dict[str, User] = {}
        self.units: dict[str, str] = {}
        self.current = PERSONAS[0].key
        self._expected = 0
        self._shown = 0
        self._sweeper: Sweeper | None = None

    async def start(self) -> None:
        """Fresh database, emulator, bot (and scheduler), sample plan, and four people onboarded."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.data_dir.glob("demo.db*"):
            leftover.unlink()
        await self.emu.start()
        settings = self.settings()
        configure_logging(settings, self.data_dir / "demo.log")
        # A script runs without the automatic scheduler so that its output is reproducible.
        self.runner = Runner(settings, clock=self.clock, scheduler=self.interactive)
        self.core = await self.runner.start()
        await self._import_plan()
        await self._onboard()

    def settings(self) -> Settings:
        """A fresh database and the emulator; nothing from the environment (offline)."""
        return Settings(
            _env_file=None,
            DATABASE_URL=f"sqlite:///{self.data_dir / 'demo.db'}",
            TELEGRAM_BOT_TOKEN=self.emu.token,
            TELEGRAM_API_URL=self.emu.api_url,
            TELEGRAM_BOT_USERNAME=self.emu.bot_user["username"],
            TELEGRAM_WEBHOOK_URL=None,  # whatever the environment says: offline, emulator only
            ZALO_BOT_TOKEN=None,
            DONDOC_HEALTH_LISTEN="off",  # offline: no monitoring port
        )

    async def stop(self) -> None:
        """Stop the bot, then the emulator."""
        if getattr(self, "runner", None) is not None:
            await self.runner.stop()
        await self.emu.stop()

    async def _import_plan(self) -> None:
        path = SAMPLE_PLAN
        document = read_plan(path)
        async with self.core.db.transaction() as session:
            result = await import_plan(session, document, actor="demo", source_name=path.name)
        show_note(
            self.console,
            f"Đã nhập {path.name}: {document.plan.title} ({result.tasks_created} nhiệm vụ).",
        )
        leads = list(dict.fromkeys(name for task in document.tasks for name in task.lead_units))
        for persona in PERSONAS:
            if persona.role is Role.CONTACT:
                free = [name for name in leads if name not in self.units.values()]
                self.units[persona.key] = persona.unit if persona.unit in free else free[0]
        local = self.clock.now().astimezone(HANOI)
        show_note(self.console, f"Giờ của bản demo: {local:%H:%M %d/%m/%Y} (giờ Hà Nội).")

    async def _onboard(self) -> None:
        for persona in PERSONAS:
            unit_name = self.units.get(persona.key)
            async with self.core.db.transaction() as session:
                unit = await get_unit(session, unit_name) if unit_name else None
                invite = await create_invite(session, persona.role, unit, "demo", self.clock.now())
            self.users[persona.key] = self.emu.user(persona.user_id, persona.name)
            where = f", {unit_name}" if unit_name else ""
            show_note(
                self.console,
                f"— {persona.key}: {persona.name} ({persona.role.value}{where}) nhận mã mời",
            )
            self.current = persona.key
            await self.say(f"/start {invite.code}")
        self.current = PERSONAS[0].key

    async def say(self, text: str, reply_to: Message | None = None) -> None:
        """Send a line as the current persona and show what the bot answers."""
        if reply_to is not None:
            shown = f"(trả lời #{self.emu.sent.index(reply_to) + 1}) {text}"
            show_user_line(self.console, self.current, shown)
        elif not self.interactive or text.startswith("/start "):
            show_user_line(self.console, self.current, text)
        user = self.users[self.current]
        if reply_to is None:
            await self.emu.send_text(user, text)
        else:
            await self.emu.reply(user, reply_to, text)
        await self._settle()

    async def _settle(self) -> None:
        """Wait until the bot has handled every update sent so far, then show its messages."""
        self._expected += 1
        await self.runner.services[0].wait_handled(self._expected)
        self.flush()

    @property
    def pending_output(self) -> bool:
        """Whether the bot sent or edited something not shown yet."""
        return self._shown < len(self.emu.log)

    def flush(self) -> None:
        """Show the bot's messages and edits not shown yet."""
        names = {self.users[key].id: key for key in self.users}
        files = self.data_dir / "files"
        while self._shown < len(self.emu.log):
            kind, message = self.emu.log[self._shown]
            self._shown += 1
            saved = None
            stored = message.document or message.photo
            if stored is not None:
                files.mkdir(exist_ok=True)
                target = files / (stored.name or f"{stored.unique_id}.jpg")
                target.write_bytes(stored.content)
                saved = str(target)
            number = self.emu.sent.index(message) + 1
            recipient = names.get(message.chat_id, str(message.chat_id))
            show_bot_message(
                self.console, number, recipient, message, edited=kind == "edited", saved=saved
            )

    async def run_line(self, line: str) -> bool:
        """Carry out one line; False when the demo should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith("#"):
            show_note(self.console, line.lstrip("# "))
            return True
        word, _, rest = line.partition(" ")
        command = DEMO_COMMANDS.get(word.lower())
        if command is None:
            await self.say(line)
            return True
        try:
            # By name, so that a platform's demo (bot/demo_zalo.py) can override a command.
            return await getattr(self, command)(rest.strip()) is not False
        except (LookupError, ValueError) as error:
            self.console.print(f"[red]{error}[/red]", highlight=False)
            return True

    def _bot_message(self, number: str) -> Message:
        """Bot message #N, or with "last" the latest one in the current person's chat."""
        if number == "last":
            mine = self.emu.messages_to(self.users[self.current].id)
            if not mine:
                raise LookupError(f"Bot chưa gửi gì cho {self.current}.")
            return mine[-1]
        if not number.isdigit() or not 1 <= int(number) <= len(self.emu.sent):
            raise LookupError(f"Không có tin nhắn #{number} của bot.")
        return self.emu.sent[int(number) - 1]

    async def cmd_as(self, rest: str) -> None:
        """Play another person."""
        if rest not in self.users:
            raise LookupError(f"Không có người tên “{rest}”; có: {', '.join(self.users)}.")
        self.current = rest
        show_note(self.console, f"Bây giờ bạn là {rest}.")

    async def cmd_who(self, _rest: str) -> None:
        """List the people, marking the current one."""
        for persona in PERSONAS:
            mark = "→" if persona.key == self.current else " "
            unit = self.units.get(persona.key, "")
            show_note(
                self.console, f"{mark} {persona.key}: {persona.name}, {persona.role.value} {unit}"
            )

    async def cmd_reply(self, rest: str) -> None:
        """Reply (quote) to bot message N."""
        number, _, text = rest.partition(" ")
        await self.say(text, reply_to=self._bot_message(number))

    async def cmd_press(self, rest: str) -> None:
        """Press a button of bot message N, by label (or part of it) or number."""
        number, _, label = rest.partition(" ")
        message = self._bot_message(number)
        buttons = [button for row in message.buttons for button in row]
        if label.isdigit() and 1 <= int(label) <= len(buttons):
            label = buttons[int(label) - 1].text
        else:  # "Nhắc lại sau" finds "⏰ Nhắc lại sau"
            label = next((b.text for b in buttons if label.lower() in b.text.lower()), label)
        shown = self.emu.sent.index(message) + 1
        show_user_line(self.console, self.current, f"[bấm “{label}” ở tin #{shown}]")
        await self.emu.press(self.users[self.current], message, label)
        await self._settle()

    async def cmd_file(self, rest: str) -> None:
        """Send a file as the current person."""
        path = Path(shlex.split(rest)[0]).expanduser() if rest else Path()
        if not path.is_file():
            raise LookupError(f"Không thấy tệp {path}.")
        show_user_line(self.console, self.current, f"[gửi tệp {path.name}]")
        await self.emu.send_document(self.users[self.current], path.name, path.read_bytes())
        await self._settle()

    async def cmd_remind(self, _rest: str) -> None:
        """Send every reminder due by the end of today (like `dondoc remind`)."""
        from bot.services.reminders.sweep import Sweeper

        self._sweeper = self._sweeper or Sweeper(self.core.deps)
        today = (
            self.clock.now().astimezone(HANOI).replace(hour=0, minute=0, second=0, microsecond=0)
        )
        result = await self._sweeper.sweep(cutoff=(today + timedelta(days=1)).astimezone(UTC))
        show_note(self.console, f"Quét nhắc việc đến hết hôm nay: đã gửi {len(result.sent)} tin.")
        self.flush()

    async def cmd_date(self, rest: str) -> None:
        """Move the demo's clock."""
        moment = datetime.fromisoformat(rest.replace(" ", "T")) if "-" in rest else None
        if moment is None:
            raise ValueError("Dùng: /date 2025-03-31 hoặc /date 2025-03-31 08:00")
        self.clock.set(moment.replace(tzinfo=HANOI) if moment.tzinfo is None else moment)
        show_note(
            self.console, f"Giờ của bản demo: {self.clock.now().astimezone(HANOI):%H:%M %d/%m/%Y}."
        )

    async def cmd_help(self, _rest: str) -> None:
        """Show the demo's commands."""
        show_note(self.console, HELP)

    async def cmd_quit(self, _rest: str) -> bool:
        """End the demo."""
        return False


DEMO_COMMANDS = {
    "/as": "cmd_as",
    "/who": "cmd_who",
    "/reply": "cmd_reply",
    "/press": "cmd_press",
    "/file": "cmd_file",
    "/remind": "cmd_remind",
    "/date": "cmd_date",
    "/?": "cmd_help",
    "/quit": "cmd_quit",
    "/exit": "cmd_quit",
}
