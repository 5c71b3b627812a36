"""`dondoc plan show | set`: how a plan's reports and letters are headed and signed."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.common import UserError, console, open_database, print_json, run

PLAN_HELP = "ID kế hoạch (mặc định: kế hoạch mới nhất) / plan id (default: the latest)"


def _pairs(assignments: list[str]) -> dict[str, str]:
    pairs = {}
    for assignment in assignments:
        key, equals, value = assignment.partition("=")
        if not equals:
            raise UserError(
                f'“{assignment}” không có dạng KHÓA=GIÁ_TRỊ, vd signer_name="Trần Văn A".'
            )
        pairs[key.strip()] = value
    return pairs


async def _apply(
    plan_id: int | None, changes: dict[str, str], unset: list[str]
) -> tuple[int, str, str | None, dict]:
    from bot.services.report_settings import SettingError, plan_or_latest, update_report_settings

    database = await open_database()
    try:
        async with database.transaction() as session:
            plan = await plan_or_latest(session, plan_id)
            settings = await update_report_settings(session, plan, changes, unset, "cli")
            return plan.id, plan.number or plan.title, plan.issuer, settings
    except SettingError as error:
        raise UserError(str(error)) from None
    finally:
        await database.dispose()


def _show(plan_id: int, name: str, issuer: str | None, settings: dict, as_json: bool) -> None:
    from bot.services.exports.letterhead import effective_settings
    from bot.services.report_settings import FIELDS

    effective = effective_settings(issuer, settings)
    if as_json:
        print_json({"plan": plan_id, "settings": settings, "effective": effective})
        return
    table = Table(
        "Thiết lập", "Đang dùng", "Đã đặt?", "Ý nghĩa", title=f"Kế hoạch {plan_id}: {escape(name)}"
    )
    for field, meaning in FIELDS.items():
        value = effective[field]
        shown = "; ".join(value) if isinstance(value, list) else value or ""
        table.add_row(field, escape(shown), "có" if field in settings else "", escape(meaning))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add `plan show` and `plan set`."""
    plan_app = typer.Typer(
        help="Thiết lập văn bản của kế hoạch (thể thức, người ký, nơi nhận) / report settings.",
        no_args_is_help=True,
    )
    app.add_typer(plan_app, name="plan")

    @plan_app.command("show")
    @run
    async def show_command(
        plan: int | None = typer.Option(None, "--plan", help=PLAN_HELP),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Xem thiết lập văn bản của kế hoạch / show a plan's report settings."""
        _show(*await _apply(plan, {}, []), as_json)

    @plan_app.command("set")
    @run
    async def set_command(
        assignments: list[str] = typer.Argument(None, help='KHÓA=GIÁ_TRỊ, vd place="Đông Hưng"'),
        plan: int | None = typer.Option(None, "--plan", help=PLAN_HELP),
        unset: list[str] = typer.Option([], "--unset", help="Bỏ một thiết lập / remove a setting"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Đặt thiết lập văn bản của kế hoạch / set a plan's report settings."""
        changes = _pairs(assignments or [])
        if not changes and not unset:
            raise UserError("Cần ít nhất một KHÓA=GIÁ_TRỊ hoặc --unset KHÓA.")
        _show(*await _apply(plan, changes, unset), as_json)
