"""`dondoc onboarding`: who of each unit with tasks is invited, joined, or holds an expired code."""

from __future__ import annotations

import typer

from bot.cli.common import console, open_database, print_json, run
from db.base import utcnow

PLATFORMS = {"telegram": "Telegram", "zalo": "Zalo"}


def register(app: typer.Typer) -> None:
    """Add `onboarding`."""

    @app.command("onboarding")
    @run
    async def onboarding_command(
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch / plan id"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Ai đã tham gia, ai đã được mời, mã nào hết hạn / who is on board."""
        from rich.table import Table

        from bot.services.onboarding import onboarding_status

        database = await open_database()
        try:
            async with database.reading() as session:
                rows = await onboarding_status(session, utcnow(), plan)
        finally:
            await database.dispose()
        if as_json:
            print_json(
                [
                    {
                        "unit": row.unit.name,
                        "joined": [{"name": n, "platforms": p} for n, p in row.joined],
                        "invited": row.invited,
                        "expired": row.expired,
                    }
                    for row in rows
                ]
            )
            return
        table = Table("Đơn vị", "Đã tham gia", "Đã mời, chưa tham gia", "Mã hết hạn")
        for row in rows:
            joined = [
                f"{name} ({', '.join(PLATFORMS.get(p, p) for p in platforms)})"
                for name, platforms in row.joined
            ]
            table.add_row(row.unit.name, "\n".join(joined) or "—", "\n".join(row.invited),
                          "\n".join(row.expired))  # fmt: skip
        console.print(table)
        missing = sum(not row.joined for row in rows)
        console.print(
            f"{len(rows) - missing}/{len(rows)} đơn vị đã có đầu mối tham gia."
            + (
                " Cấp lại mã hết hạn: dondoc invite --reissue-expired"
                if any(r.expired for r in rows)
                else ""
            ),
            highlight=False,
        )
