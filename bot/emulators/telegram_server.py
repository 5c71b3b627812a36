"""The emulator's HTTP side: the Bot API and file routes, and pushing updates to a webhook."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from functools import partial

import aiohttp
from aiohttp import web

from bot.emulators.telegram_api import BotApi, LostAnswer
from bot.emulators.telegram_params import read_params
from bot.emulators.telegram_state import ApiError, EmulatorState

MAX_UPLOAD = 50 * 1024 * 1024  # the Bot API's upload limit
WEBHOOK_RETRY_SECONDS = 0.2
_dumps = partial(json.dumps, ensure_ascii=False)


def build_app(bots: Mapping[str, EmulatorState]) -> web.Application:
    """`/bot<token>/<method>` and `/file/bot<token>/<path>` of every bot in `bots` (by token),
    as api.telegram.org serves them."""
    apis: dict[str, BotApi] = {}

    async def serve_api(request: web.Request) -> web.StreamResponse:
        state = bots.get(request.match_info["token"])
        if state is None:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        api = apis.setdefault(state.token, BotApi(state))
        try:
            params = await read_params(request)
            result = await api.call(request.match_info["method"], params)
        except ApiError as error:
            state.stats.errors[error.code] += 1
            return web.json_response(error.to_json(), status=error.code, dumps=_dumps)
        except LostAnswer:
            if request.transport is not None:
                request.transport.abort()
            raise web.HTTPServiceUnavailable() from None
        return web.json_response({"ok": True, "result": result}, dumps=_dumps)

    async def serve_file(request: web.Request) -> web.StreamResponse:
        state = bots.get(request.match_info["token"])
        stored = state.file_by_path(request.match_info["path"]) if state else None
        if stored is None:
            raise web.HTTPNotFound()
        return web.Response(body=stored.content, content_type="application/octet-stream")

    app = web.Application(client_max_size=MAX_UPLOAD)
    app.router.add_route("*", "/bot{token}/{method}", serve_api)
    app.router.add_get("/file/bot{token}/{path:.+}", serve_file)
    return app


async def _deliver(http: aiohttp.ClientSession, state: EmulatorState, update: dict) -> int:
    secret = state.webhook["secret_token"]
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    try:
        async with http.post(state.webhook["url"], json=update, headers=headers) as answer:
            return answer.status
    except aiohttp.ClientError:
        return 0


async def pump_webhook(state: EmulatorState) -> None:
    """Push pending updates to the webhook in order while one is set; retry a failed one."""
    async with aiohttp.ClientSession() as http:
        while True:
            await state.wait_until(lambda: state.webhook["url"] and state.updates, timeout=None)
            update = state.updates[0]
            status = await _deliver(http, state, update)
            state.webhook_deliveries.append((update["update_id"], status))
            if 200 <= status < 300:
                if state.updates and state.updates[0] is update:
                    state.updates.pop(0)
                await state.notify()
            else:
                await asyncio.sleep(WEBHOOK_RETRY_SECONDS)  # Telegram, too, retries later
