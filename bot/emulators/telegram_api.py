"""The Bot API methods the bot calls, answered over HTTP from the emulator's state."""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Any

from bot.emulators.telegram_limits import SENDING_METHODS
from bot.emulators.telegram_objects import JSON, Message, StoredFile
from bot.emulators.telegram_params import checked_buttons, checked_text, flag
from bot.emulators.telegram_state import ApiError, EmulatorState

COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
MAX_DOWNLOAD = 20 * 1024 * 1024
CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note",
     "upload_video_note"}
)  # fmt: skip


class LostAnswer(Exception):
    """A 'timeout' fault: the request was carried out but its answer never arrives."""


class BotApi:
    """One method per Bot API call; each raises `ApiError` for an error answer."""

    def __init__(self, state: EmulatorState):
        self.state = state

    async def call(self, method: str, params: dict[str, Any]) -> Any:
        """Count, apply faults and flood limits, then run the method."""
        state, name = self.state, method.lower()
        handler = getattr(self, f"api_{name}", None)
        state.stats.requests += 1
        state.stats.methods[method] += 1
        await state.notify()  # a test may be waiting for the bot to call
        if handler is None:
            raise ApiError(404, "Not Found")
        fault = state.fault_plan.draw(name)
        if fault:
            state.stats.faults[fault] += 1
        if fault == "429":
            retry = state.fault_plan.retry_after
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        if fault == "500":
            raise ApiError(500, "Internal Server Error")
        if name in SENDING_METHODS and "chat_id" in params:
            wait = state.flood.check(state.chat(params["chat_id"]).id, _now())
            if wait is not None:
                state.stats.rate_limited += 1
                raise ApiError(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
        result = await handler(params)
        if fault == "timeout":
            raise LostAnswer
        return result

    async def api_getme(self, _params: dict[str, Any]) -> JSON:
        return self.state.bot_user

    async def api_getupdates(self, params: dict[str, Any]) -> list[JSON]:
        state = self.state
        if state.webhook["url"]:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > 0:
            state.updates = [u for u in state.updates if u["update_id"] >= offset]
        if params.get("allowed_updates") is not None:
            state.allowed_updates = list(params["allowed_updates"])
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        if not state.updates and timeout > 0:
            with contextlib.suppress(TimeoutError):
                await state.wait_until(lambda: state.updates or state.closing, timeout)
        return state.updates[:limit]

    async def _send(
        self, params: dict[str, Any], method: str, text_key: str, limit: int, **media: Any
    ) -> JSON:
        state = self.state
        chat = state.chat(params.get("chat_id"))
        text, is_html = checked_text(params, text_key, limit, required=text_key == "text")
        buttons = checked_buttons(params.get("reply_markup"))
        reply = params.get("reply_parameters") or {}
        reply_to = reply.get("message_id", params.get("reply_to_message_id"))
        allow_missing = reply.get("allow_sending_without_reply") or flag(
            params, "allow_sending_without_reply"
        )
        if reply_to is not None and state.message(chat.id, reply_to) is None:
            if not allow_missing:
                raise ApiError(400, "Bad Request: message to be replied not found")
            reply_to = None
        message = state.store_message(
            Message(
                chat_id=chat.id,
                message_id=state.next_message_id(chat.id),
                text=text,
                is_html=is_html,
                from_bot=True,
                buttons=buttons,
                reply_to=int(reply_to) if reply_to is not None else None,
                method=method,
                **media,
            )
        )
        await state.notify()
        return state.message_json(message)

    async def api_sendmessage(self, params: dict[str, Any]) -> JSON:
        return await self._send(params, "sendMessage", "text", 4096)

    def _upload(self, params: dict[str, Any], key: str, folder: str) -> StoredFile:
        value = params.get(key)
        if isinstance(value, StoredFile):
            return self.state.store_file(value.content, value.name, value.mime_type, folder)
        if isinstance(value, str) and value in self.state.files:
            return self.state.files[value]
        raise ApiError(400, f"Bad Request: there is no {key} in the request")

    async def api_senddocument(self, params: dict[str, Any]) -> JSON:
        self.state.chat(params.get("chat_id"))
        document = self._upload(params, "document", "documents")
        return await self._send(params, "sendDocument", "caption", 1024, document=document)

    async def api_sendphoto(self, params: dict[str, Any]) -> JSON:
        self.state.chat(params.get("chat_id"))
        photo = self._upload(params, "photo", "photos")
        return await self._send(params, "sendPhoto", "caption", 1024, photo=photo)

    def _own_message(self, params: dict[str, Any]) -> Message:
        chat = self.state.chat(params.get("chat_id"))
        message = self.state.message(chat.id, params.get("message_id"))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if not message.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    async def _edit(self, message: Message, **changes: Any) -> JSON:
        if all(getattr(message, key) == value for key, value in changes.items()):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        self.state.apply_edit(message, **changes)
        await self.state.notify()
        return self.state.message_json(message)

    async def api_editmessagetext(self, params: dict[str, Any]) -> JSON:
        message = self._own_message(params)
        text, is_html = checked_text(params, "text", 4096, required=True)
        buttons = checked_buttons(params.get("reply_markup"))
        return await self._edit(message, text=text, is_html=is_html, buttons=buttons)

    async def api_editmessagereplymarkup(self, params: dict[str, Any]) -> JSON:
        message = self._own_message(params)
        return await self._edit(message, buttons=checked_buttons(params.get("reply_markup")))

    async def api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self.state.callback_answers or self.state.callback_answers[query_id]:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.state.callback_answers[query_id] = {
            "text": params.get("text"),
            "show_alert": flag(params, "show_alert"),
        }
        await self.state.notify()
        return True

    async def api_sendchataction(self, params: dict[str, Any]) -> bool:
        chat = self.state.chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        self.state.chat_actions.append((chat.id, params["action"]))
        return True

    def _scope_key(self, params: dict[str, Any]) -> tuple[str, int | None, str]:
        scope = params.get("scope") or {"type": "default"}
        chat_id = scope.get("chat_id")
        if chat_id is not None:
            chat_id = self.state.chat(chat_id).id
        return scope.get("type", "default"), chat_id, str(params.get("language_code") or "")

    async def api_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: commands must be a list of at most 100")
        for item in commands:
            if not COMMAND_NAME.match(str(item.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(item.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        self.state.commands[self._scope_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        await self.state.notify()
        return True

    async def api_getmycommands(self, params: dict[str, Any]) -> list[JSON]:
        return self.state.commands.get(self._scope_key(params), [])

    async def api_deletemycommands(self, params: dict[str, Any]) -> bool:
        self.state.commands.pop(self._scope_key(params), None)
        return True

    async def api_setwebhook(self, params: dict[str, Any]) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if url and not url.startswith(("http://", "https://")):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if flag(params, "drop_pending_updates"):
            self.state.updates.clear()
        if params.get("allowed_updates") is not None:
            self.state.allowed_updates = list(params["allowed_updates"])
        self.state.webhook = {"url": url, "secret_token": secret}
        await self.state.notify()
        return True

    async def api_deletewebhook(self, params: dict[str, Any]) -> bool:
        if flag(params, "drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook = {"url": "", "secret_token": None}
        await self.state.notify()
        return True

    async def api_getwebhookinfo(self, _params: dict[str, Any]) -> JSON:
        return {
            "url": self.state.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }

    async def api_getfile(self, params: dict[str, Any]) -> JSON:
        stored = self.state.files.get(str(params.get("file_id")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(stored.content) > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }


def _now() -> float:
    return asyncio.get_running_loop().time()
