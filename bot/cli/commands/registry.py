"""`dondoc plans`, `dondoc tasks`, `dondoc units` and `dondoc task …`: read and correct the registry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from bot.cli.common import (
    CLI_ACTOR,
    COMMITTEE_HELP,
    UserError,
    console,
    open_database,
    print_json,
    run,
)
from bot.domain import AssignmentRole, Recurrence

if TYPE_CHECKING:
    from bot.services.tasks import TaskChanges


def _date(value: str | None) -> date | None:
    if value is None or value == "":
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise UserError(f"Ngày “{value}” không hợp lệ; dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY.")


def _units(value: str | None) -> list[str] | None:
    return None if value is None else [p.strip() for p in value.split(";") if p.strip()]


async def _with_session(work):
    from bot.services.tasks import TaskNotFound
    from bot.services.units import UnitAmbiguous, UnitNotFound

    database = await open_database()
    try:
        async with database.transaction() as session:
            return await work(session)
    except (TaskNotFound, UnitNotFound, UnitAmbiguous, ValueError) as error:
        raise UserError(str(error)) from None
    finally:
        await database.dispose()


def register(app: typer.Typer) -> None:
    """Add the registry commands."""

    @app.command("plans")
    @run
    async def plans_command(as_json: bool = typer.Option(False, "--json")) -> None:
        """Liệt kê kế hoạch / list plans."""
        from bot.services.queries import list_plans

        rows = await _with_session(list_plans)
        if as_json:
            print_json(
                [
                    {
                        "id": p.id,
                        "number": p.number,
                        "title": p.title,
                        "implements": p.implements,
                        "tasks": n,
                    }
                    for p, n in rows
                ]
            )
            return
        table = Table("ID", "Số", "Tên kế hoạch", "Cơ quan", "Số nhiệm vụ")
        for plan, count in rows:
            table.add_row(
                str(plan.id),
                escape(plan.number or ""),
                escape(plan.title),
                escape(plan.issuer or ""),
                str(count),
            )
        console.print(table)

    @app.command("tasks")
    @run
    async def tasks_command(
        plan: int | None = typer.Option(None, "--plan", help="ID kế hoạch / plan id"),
        unit: str | None = typer.Option(None, "--unit", help="Tên đơn vị / unit name"),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Liệt kê nhiệm vụ / list tasks."""
        from bot.services.queries import unit_names

        async def work(session):
            from bot.services.queries import list_tasks
            from bot.services.units import get_unit, members_of

            unit_ids = None
            if unit:
                found = await get_unit(session, unit)
                unit_ids = [found.id] + [m.id for m in await members_of(session, found.id)]
            return await list_tasks(session, plan, unit_ids)

        tasks = await _with_session(work)
        if as_json:
            print_json(
                [
                    {
                        "plan_id": t.plan_id,
                        "code": t.code,
                        "title": t.title,
                        "lead_units": unit_names(t, AssignmentRole.LEAD),
                        "support_units": unit_names(t, AssignmentRole.SUPPORT),
                        "due": t.due,
                        "recurrence": t.recurrence,
                        "report_day": t.report_day,
                        "closed": t.closed_at is not None,
                    }
                    for t in tasks
                ]
            )
            return
        table = Table(
            "KH", "Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Định kỳ", "Trạng thái"
        )
        for t in tasks:
            table.add_row(
                str(t.plan_id),
                escape(t.code),
                escape(t.title),
                escape("; ".join(unit_names(t, AssignmentRole.LEAD))),
                escape("; ".join(unit_names(t, AssignmentRole.SUPPORT))),
                t.due.strftime("%d/%m/%Y") if t.due else "",
                t.recurrence or "",
                "Đã đóng" if t.closed_at else "Đang theo dõi",
            )
        console.print(table)

    units = typer.Typer(help="Đơn vị / units.", invoke_without_command=True)

    @units.callback()
    def units_callback(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json"),
        committee: str | None = typer.Option(None, "--committee", help=COMMITTEE_HELP),
    ) -> None:
        """Liệt kê đơn vị / list units."""
        if ctx.invoked_subcommand is None:
            _print_units(as_json, committee=committee)

    @run
    async def _print_units(as_json: bool) -> None:
        from bot.services.queries import list_units

        rows = await _with_session(list_units)
        if as_json:
            print_json(
                [
                    {"id": u.id, "name": u.name, "kind": u.kind, "tasks": n, "members": m}
                    for u, n, m in rows
                ]
            )
            return
        table = Table("ID", "Đơn vị", "Loại", "Số nhiệm vụ", "Thành viên")
        for unit, task_count, member_count in rows:
            kind = "nhóm" if unit.kind == "group" else "cơ quan"
            table.add_row(
                str(unit.id), escape(unit.name), kind, str(task_count), str(member_count or "")
            )
        console.print(table)

    @units.command("add-member")
    @run
    async def add_member_command(
        group: str = typer.Argument(..., help="Đơn vị nhóm, vd “UBND các xã, thị trấn”"),
        unit: str = typer.Argument(..., help="Đơn vị thành viên, vd “UBND xã Đông Hà”"),
    ) -> None:
        """Thêm đơn vị thành viên vào nhóm / add a member unit to a group."""
        from bot.services.units import add_member

        member = await _with_session(lambda s: add_member(s, group, unit, CLI_ACTOR))
        console.print(
            f"Đã thêm “{escape(member.name)}” vào nhóm “{escape(group)}”.", highlight=False
        )

    @units.command("alias")
    @run
    async def alias_command(
        unit: str = typer.Argument(..., help="Đơn vị / unit"),
        alias: str = typer.Argument(..., help="Tên gọi khác, vd “Phòng VH-TT” / another name"),
    ) -> None:
        """Thêm tên gọi khác cho đơn vị / add another name of a unit."""
        from bot.services.unit_admin import add_alias

        found = await _with_session(lambda s: add_alias(s, unit, alias, CLI_ACTOR))
        console.print(f"“{alias}” nay là tên gọi khác của “{found.name}”.", highlight=False)

    @units.command("rename")
    @run
    async def rename_command(
        old: str = typer.Argument(..., help="Tên hiện tại / current name"),
        new: str = typer.Argument(..., help="Tên mới / new name"),
    ) -> None:
        """Đổi tên đơn vị (tên cũ vẫn dùng được) / rename a unit (the old name keeps working)."""
        from bot.services.unit_admin import rename_unit

        found = await _with_session(lambda s: rename_unit(s, old, new, CLI_ACTOR))
        console.print(f"Đã đổi tên thành “{found.name}”.", highlight=False)

    @units.command("merge")
    @run
    async def merge_command(
        source: str = typer.Argument(..., help="Đơn vị bị gộp / unit to merge away"),
        target: str = typer.Argument(..., help="Đơn vị giữ lại / unit to keep"),
    ) -> None:
        """Gộp hai đơn vị trùng: nhiệm vụ, báo cáo, đầu mối, nhắc việc chuyển sang đơn vị giữ lại."""
        from bot.services.unit_admin import merge_units

        kept = await _with_session(lambda s: merge_units(s, source, target, CLI_ACTOR))
        console.print(f"Đã gộp “{source}” vào “{kept.name}”.", highlight=False)

    app.add_typer(units, name="units")
    app.add_typer(_task_group(), name="task")


def _task_group() -> typer.Typer:
    group = typer.Typer(help="Sửa nhiệm vụ / edit tasks.", no_args_is_help=True)
    title_opt = typer.Option(None, "--title", help="Tên nhiệm vụ")
    due_opt = typer.Option(None, "--due", help="Thời hạn YYYY-MM-DD (chuỗi rỗng để xóa)")
    rec_opt = typer.Option(
        None, "--recurrence", help="continuous|monthly|quarterly|semiannual|yearly|none"
    )
    day_opt = typer.Option(None, "--report-day", min=1, max=31, help="Ngày báo cáo trong kỳ")
    lead_opt = typer.Option(None, "--lead", help="Đơn vị chủ trì, cách nhau bởi ';'")
    support_opt = typer.Option(None, "--support", help="Đơn vị phối hợp, cách nhau bởi ';'")
    plan_opt = typer.Option(None, "--plan", help="ID kế hoạch (mặc định: kế hoạch mới nhất)")
    new_unit_opt = typer.Option(
        False, "--new-unit", help="Tạo đơn vị mới nếu tên chưa có / create units not yet known"
    )

    def changes(title, due, recurrence, report_day, lead, support, new_unit) -> TaskChanges:
        from bot.services.tasks import TaskChanges

        if recurrence not in (None, "none", *Recurrence):
            raise UserError(
                f"Định kỳ “{recurrence}” không hợp lệ; dùng một trong: {', '.join(Recurrence)}, none."
            )
        return TaskChanges(
            title=title,
            due=_date(due),
            clear_due=due == "",
            recurrence=Recurrence(recurrence) if recurrence not in (None, "none") else None,
            clear_recurrence=recurrence == "none",
            report_day=report_day,
            lead_units=_units(lead),
            support_units=_units(support),
            new_units=new_unit,
        )

    @group.command("add")
    @run
    async def add(code: str, title: str = title_opt, due: str = due_opt, recurrence: str = rec_opt,
                  report_day: int = day_opt, lead: str = lead_opt, support: str = support_opt,
                  plan: int = plan_opt, new_unit: bool = new_unit_opt) -> None:  # fmt: skip
        """Thêm nhiệm vụ / add a task."""
        wanted = changes(title, due, recurrence, report_day, lead, support, new_unit)

        async def work(session):
            from bot.services.tasks import add_task, latest_plan

            plan_id = plan or getattr(await latest_plan(session), "id", None)
            if plan_id is None:
                raise UserError("Chưa có kế hoạch nào; hãy nhập kế hoạch trước (dondoc import).")
            return await add_task(session, plan_id, code, wanted, CLI_ACTOR)

        task = await _with_session(work)
        console.print(
            f"Đã thêm nhiệm vụ {escape(task.code)}: {escape(task.title)}", highlight=False
        )

    @group.command("edit")
    @run
    async def edit(code: str, title: str = title_opt, due: str = due_opt, recurrence: str = rec_opt,
                  report_day: int = day_opt, lead: str = lead_opt, support: str = support_opt,
                  plan: int = plan_opt, new_unit: bool = new_unit_opt) -> None:  # fmt: skip
        """Sửa nhiệm vụ / edit a task."""
        wanted = changes(title, due, recurrence, report_day, lead, support, new_unit)

        async def work(session):
            from bot.services.tasks import edit_task, get_task

            return await edit_task(session, await get_task(session, code, plan), wanted, CLI_ACTOR)

        diff = await _with_session(work)
        if not diff:
            console.print("Không có gì thay đổi.")
        for field, (old, new) in diff.items():
            console.print(f"{field}: {escape(str(old))} → {escape(str(new))}", highlight=False)

    @group.command("close")
    @run
    async def close(code: str, plan: int = plan_opt) -> None:
        """Đóng nhiệm vụ (đã hoàn thành) / close a task as completed."""

        async def work(session):
            from bot.services.tasks import close_task, get_task
            from db.base import utcnow

            return await close_task(
                session, await get_task(session, code, plan), CLI_ACTOR, utcnow()
            )

        changed = await _with_session(work)
        console.print("Đã đóng nhiệm vụ." if changed else "Nhiệm vụ đã đóng từ trước.")

    @group.command("reopen")
    @run
    async def reopen(code: str, plan: int = plan_opt) -> None:
        """Mở lại nhiệm vụ / reopen a task."""

        async def work(session):
            from bot.services.tasks import get_task, reopen_task
            from db.base import utcnow

            await reopen_task(session, await get_task(session, code, plan), CLI_ACTOR, utcnow())

        await _with_session(work)
        console.print("Đã mở lại nhiệm vụ.")

    return group
