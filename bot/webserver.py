"""One HTTP server for every channel's webhook, on DONDOC_WEBHOOK_LISTEN (host:port)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def parse_listen(listen: str, variable: str = "DONDOC_WEBHOOK_LISTEN") -> tuple[str, int]:
    """`127.0.0.1:8443` → ("127.0.0.1", 8443); ValueError for anything else."""
    host, separator, port = listen.rpartition(":")
    if not separator or not port.isdigit() or int(port) > 65535:
        raise ValueError(
            f"{variable} phải có dạng máy:cổng, ví dụ 127.0.0.1:8443 (đang là “{listen}”)"
        )
    return host.strip("[]") or "0.0.0.0", int(port)


class WebServer:
    """Routes are added by the channel services first, then the server starts."""

    def __init__(self, listen: str, variable: str = "DONDOC_WEBHOOK_LISTEN"):
        self.host, self.port = parse_listen(listen, variable)
        self.app = web.Application()
        self._runner: web.AppRunner | None = None

    def add_post(self, path: str, handler: Handler) -> None:
        """Serve POST requests to `path`."""
        self.app.router.add_post(path, handler)

    def add_get(self, path: str, handler: Handler) -> None:
        """Serve GET requests to `path`."""
        self.app.router.add_get(path, handler)

    @property
    def has_routes(self) -> bool:
        """Whether any service needs the server."""
        return len(self.app.router.routes()) > 0

    async def start(self) -> None:
        """Listen (port 0 picks a free one)."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
