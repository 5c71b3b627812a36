"""Plain text for Zalo: our HTML cut into parts of at most 2,000 units, then tags stripped."""

from __future__ import annotations

import html
import re

from bot.channels.textsplit import split_html

MAX_TEXT = 2000
# Only the tags our texts use; user text was escaped, so its "<b>" is "&lt;b&gt;" here.
OUR_TAGS = re.compile(r"</?(?:b|i|u|s|code|pre)>", re.IGNORECASE)


def html_to_text(text: str) -> str:
    """Strip <b>/<i>/<code> (and <u>/<s>/<pre>), then unescape entities."""
    return html.unescape(OUR_TAGS.sub("", text))


def plain_parts(html_text: str, limit: int = MAX_TEXT) -> list[str]:
    """The text to send, in parts cut at line ends; stripping only shortens, so each fits."""
    parts = (html_to_text(part).strip() for part in split_html(html_text, limit))
    return [part for part in parts if part]
