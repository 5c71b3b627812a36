"""Updates of one chat run one after another; other chats are not held up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.channels.telegram_service import PerChatUpdateProcessor


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat, text="x"))


async def test_same_chat_in_order_other_chats_alongside():
    processor = PerChatUpdateProcessor(8)
    release_first = asyncio.Event()
    log: list[str] = []

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        log.append(f"start {name}")
        if wait is not None:
            await wait.wait()
        log.append(f"end {name}")

    first = asyncio.create_task(processor.process_update(update(1, 7), handle("A1", release_first)))
    second = asyncio.create_task(processor.process_update(update(2, 7), handle("A2")))
    other = asyncio.create_task(processor.process_update(update(3, 8), handle("B1")))
    await other
    assert log == ["start A1", "start B1", "end B1"]  # A2 waits for A1; B1 does not
    release_first.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["end A1", "start A2", "end A2"]
    assert processor._locks == {}  # nothing kept once a chat is idle
