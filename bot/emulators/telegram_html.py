"""Telegram's HTML parse mode as the server checks it: allowed tags, balance, entities."""

from __future__ import annotations

import re
from html import unescape

ALLOWED_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "code", "pre",
        "a", "span", "tg-spoiler", "tg-emoji", "blockquote",
    }
)  # fmt: skip
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^<>]*)>")
ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is Telegram's wording."""


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#"):
        return unescape(match.group(0))
    return NAMED_ENTITIES.get(name, match.group(0))


def parse_html(text: str) -> str:
    """The visible text of an HTML message; raise `EntityParseError` as Telegram would."""
    plain: list[str] = []
    stack: list[str] = []
    position = 0
    while position < len(text):
        opening = text.find("<", position)
        chunk = text[position:] if opening < 0 else text[position:opening]
        plain.append(ENTITY.sub(_entity, chunk))
        if opening < 0:
            break
        match = TAG.match(text, opening)
        if match is None:
            raise EntityParseError(
                f"can't parse entities: Unsupported start tag at byte offset "
                f"{_byte_offset(text, opening)}"
            )
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise EntityParseError(
                f'can\'t parse entities: Unsupported start tag "{name}" at byte offset '
                f"{_byte_offset(text, opening)}"
            )
        if not closing:
            stack.append(name)
        elif not stack or stack[-1] != name:
            expected = f'expected "</{stack[-1]}>", ' if stack else ""
            raise EntityParseError(
                f"can't parse entities: Unmatched end tag at byte offset "
                f'{_byte_offset(text, opening)}, {expected}found "</{name}>"'
            )
        else:
            stack.pop()
        position = match.end()
    if stack:
        raise EntityParseError(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return "".join(plain)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2
