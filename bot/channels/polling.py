"""Stopping a platform's polling loop the same way on every platform."""

from __future__ import annotations

import asyncio
import contextlib

STOP_GRACE = 10.0  # seconds an update being stored or handled may take to finish on stop


async def stop_polling(
    stopping: asyncio.Event, request: asyncio.Future | None, poller: asyncio.Task | None
) -> None:
    """Tell the loop to stop, cancel only its wait for updates (never the storing of one) and
    give it `STOP_GRACE` to finish what it holds."""
    stopping.set()
    if request is not None:
        request.cancel()
    if poller is not None:
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(poller, STOP_GRACE)
