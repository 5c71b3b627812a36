"""How `dondoc demo` shows a chat in the terminal: Telegram HTML → rich text, buttons numbered."""

from __future__ import annotations

import re
from html import unescape

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from bot.emulators.telegram_objects import Message

STYLES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strike", "strike": "strike", "del": "strike", "code": "cyan",
    "pre": "cyan", "a": "underline blue", "blockquote": "dim", "tg-spoiler": "reverse",
}  # fmt: skip
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")


def html_to_text(html: str) -> Text:
    """Telegram's HTML subset as styled terminal text."""
    text = Text()
    styles: list[str] = []
    position = 0
    for match in TAG.finditer(html):
        text.append(unescape(html[position : match.start()]), style=" ".join(filter(None, styles)))
        if match.group(1):
            if styles:
                styles.pop()
        else:
            styles.append(STYLES.get(match.group(2).lower(), ""))
        position = match.end()
    text.append(unescape(html[position:]), style=" ".join(filter(None, styles)))
    return text


def buttons_text(message: Message) -> Text:
    """Buttons as "[1] label   [2] label", one keyboard row per line."""
    text = Text()
    number = 0
    for row in message.buttons:
        for button in row:
            number += 1
            text.append(f"[{number}] ", style="bold magenta")
            text.append(f"{button.text}   ")
        text.append("\n")
    return text


def show_bot_message(
    console: Console,
    number: int,
    recipient: str,
    message: Message,
    *,
    edited: bool,
    saved: str | None,
) -> None:
    """One bot message in a panel titled with its number and who received it."""
    parts: list[Text] = []
    if message.document is not None:
        size = len(message.document.content)
        parts.append(Text(f"📎 {message.document.name} ({size:,} byte) → {saved}", style="yellow"))
    if message.photo is not None:
        parts.append(
            Text(f"🖼  ảnh ({len(message.photo.content):,} byte) → {saved}", style="yellow")
        )
    if message.text:
        parts.append(html_to_text(message.text) if message.is_html else Text(message.text))
    if message.buttons:
        parts.append(buttons_text(message))
    title = f"#{number} dondoc → {recipient}" + (" (đã sửa)" if edited else "")
    console.print(
        Panel(
            Group(*parts),
            title=title,
            title_align="left",
            border_style="yellow" if edited else "green",
        )
    )


def show_user_line(console: Console, persona: str, line: str) -> None:
    """What the person typed."""
    console.print(Text.assemble((f"{persona} › ", "bold cyan"), line))


def show_note(console: Console, text: str) -> None:
    """The demo's own remarks (script comments, command results)."""
    console.print(Text(text, style="dim"))
