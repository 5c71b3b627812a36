"""A channel that records what it was asked to send: a fake of our port for tests and benches."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.messages import ChannelCapabilities, Outgoing, Sent


@dataclass
class FakeChannel:
    """A channel that records what it was asked to send."""

    name: str = "telegram"
    capabilities: ChannelCapabilities = field(default_factory=ChannelCapabilities)
    sent: list[tuple[str, Outgoing, str]] = field(default_factory=list)
    edits: list[tuple[str, str, Outgoing]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))

    async def send(self, chat_id: str, message: Outgoing) -> Sent:
        """Record the message and give it an id."""
        message_id = str(next(self._ids))
        self.sent.append((chat_id, message, message_id))
        return Sent(message_id=message_id)

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Record the edit."""
        self.edits.append((chat_id, message_id, message))

    async def download(self, file_id: str) -> bytes:
        """Hand back a file the test put there."""
        return self.files[file_id]

    def texts_to(self, chat_id: str) -> list[str]:
        """Texts sent to one chat, oldest first."""
        return [message.text for chat, message, _id in self.sent if chat == chat_id]
