"""Reading Bot API parameters (JSON, form or multipart) and checking them as Telegram does."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from bot.emulators.telegram_html import EntityParseError, parse_html, utf16_length
from bot.emulators.telegram_objects import InlineButton, StoredFile
from bot.emulators.telegram_state import ApiError

JSON_PARAMS = frozenset(
    {"reply_markup", "reply_parameters", "commands", "scope", "allowed_updates", "entities",
     "caption_entities", "link_preview_options"}
)  # fmt: skip


async def read_params(request: web.Request) -> dict[str, Any]:
    """Parameters from the query, a JSON body, a form or a multipart upload."""
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        params.update(await request.json())
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[key] = StoredFile(
                    "", "", value.file.read(), value.filename, value.content_type
                )
            else:
                params[key] = value
    for key in JSON_PARAMS & params.keys():
        if isinstance(params[key], str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    return params


def checked_text(
    params: dict[str, Any], key: str, limit: int, *, required: bool
) -> tuple[str, bool]:
    """The text (or caption) after Telegram's checks, and whether it is HTML."""
    text = str(params.get(key) or "")
    is_html = str(params.get("parse_mode") or "").lower() == "html"
    try:
        plain = parse_html(text) if is_html else text
    except EntityParseError as error:
        raise ApiError(400, f"Bad Request: {error}") from None
    if required and not plain.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_length(plain) > limit:
        raise ApiError(
            400, f"Bad Request: {'message' if key == 'text' else 'message caption'} is too long"
        )
    return text, is_html


def checked_buttons(markup: Any) -> list[list[InlineButton]]:
    """Inline keyboard rows; 400 for what Telegram refuses."""
    if not markup:
        return []
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list):
        raise ApiError(400, "Bad Request: inline keyboard expected")
    buttons = []
    for row in rows:
        parsed = []
        for item in row:
            data, url = item.get("callback_data"), item.get("url")
            if not item.get("text"):
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if data is None and url is None:
                raise ApiError(400, "Bad Request: can't parse inline keyboard button")
            parsed.append(InlineButton(item["text"], data, url))
        buttons.append(parsed)
    return buttons


def flag(params: dict[str, Any], key: str) -> bool:
    """A boolean parameter, however it was encoded."""
    value = params.get(key, False)
    return value in (True, "true", "True", "1", 1)
