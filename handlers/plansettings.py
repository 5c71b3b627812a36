"""/plan: an admin reads a plan's report settings (form, signer, Nơi nhận…) and sets one, confirming."""

from __future__ import annotations

import html
import secrets

from bot.callbacks import PlanSetting
from bot.messages import Button
from bot.services.chatstate import clear_state
from bot.services.exports.letterhead import effective_settings
from bot.services.period_words import PLAN_NUMBER
from bot.services.report_settings import (
    FIELDS,
    SettingError,
    clean_value,
    plan_or_latest,
    update_report_settings,
)
from bot.services.tasks import plan_with_number
from db.models import Plan
from handlers.admin import CLEAR_WORDS
from handlers.context import Context
from handlers.conversation import ADMINS, actor_label, begin_step, current_step, shorten, state_key
from handlers.router import PRIVATE, Router

STEP = "plan_confirm"

router = Router(__name__)


@router.command("plan", ADMINS, chats=PRIVATE)
async def plan_command(ctx: Context) -> None:
    """Show the plan's report settings, or propose `key=value` (`key=-` removes a setting)."""
    head, equals, value = ctx.incoming.args.partition("=")
    number = PLAN_NUMBER.search(head)
    field = (head[: number.start()] + head[number.end() :] if number else head).strip()
    async with ctx.deps.db.reading() as session:
        if number:
            plan = await plan_with_number(session, number.group(0))
        else:
            try:
                plan = await plan_or_latest(session, None)
            except SettingError:
                plan = None
    if plan is None:
        key = "plansettings.plan_not_found" if number else "plansettings.no_plan"
        ctx.reply(ctx.text(key, number=number.group(0) if number else ""))
    elif not equals:
        ctx.reply(settings_view(ctx, plan))
    else:
        await propose(ctx, plan, field, value.strip())


def settings_view(ctx: Context, plan: Plan) -> str:
    """Each setting as documents use it, marked when set for this plan, and how to change one."""
    chosen = plan.report_settings or {}
    effective = effective_settings(plan.issuer, chosen)
    lines = [ctx.text("plansettings.title", plan=plan_name(plan))]
    for field in FIELDS:
        value = effective[field]
        shown = "; ".join(value) if isinstance(value, list) else value
        mark = ctx.text("plansettings.set_mark") if field in chosen else ""
        lines.append(ctx.text("plansettings.line", field=field, value=shown or "—") + mark)
    return "\n".join([*lines, "", ctx.text("plansettings.how")])


async def propose(ctx: Context, plan: Plan, field: str, value: str) -> None:
    """Check the value and show old → new with Xác nhận / Hủy (nothing is written yet)."""
    unset = value.lower() in CLEAR_WORDS
    try:
        cleaned = clean_value(field, "x" if unset else value)
    except SettingError as error:
        ctx.reply(html.escape(str(error), quote=False))
        return
    old = effective_settings(plan.issuer, plan.report_settings or {})[field]
    new = ctx.text("plansettings.unset") if unset else _shown(cleaned)
    token = secrets.token_hex(4)
    async with ctx.deps.db.transaction() as session:
        data = {"plan_id": plan.id, "field": field, "value": None if unset else value}
        await begin_step(ctx, session, STEP, {**data, "token": token})
    rows = [
        [
            Button(ctx.text("admin.confirm"), PlanSetting("ok", token).pack()),
            Button(ctx.text("admin.cancel"), PlanSetting("no", token).pack()),
        ]
    ]
    change = ctx.text("plansettings.change", field=field, old=_shown(old) or "—", new=new)
    ctx.reply(ctx.text("plansettings.preview", plan=plan_name(plan)) + "\n" + change, rows)


@router.callback(PlanSetting, ADMINS, chats=PRIVATE)
async def confirm(ctx: Context, pressed: PlanSetting) -> None:
    """Write the confirmed setting (audit-logged with the admin as actor), or drop it."""
    async with ctx.deps.db.transaction() as session:
        current = await current_step(ctx, session)
        if current is None or current.name != STEP or current.data.get("token") != pressed.token:
            ctx.reply(ctx.text("common.expired_button"), edit=True)
            return
        await clear_state(session, state_key(ctx))
        plan = await session.get(Plan, current.data["plan_id"])
        if pressed.action != "ok" or plan is None:
            ctx.reply(ctx.text("common.cancelled"), edit=True)
            return
        field, value = current.data["field"], current.data["value"]
        before = dict(plan.report_settings or {})
        changes, unset = ({}, [field]) if value is None else ({field: value}, [])
        after = await update_report_settings(session, plan, changes, unset, actor_label(ctx))
    key = "plansettings.saved" if after != before else "plansettings.unchanged"
    ctx.reply(ctx.text(key, plan=plan_name(plan)) + "\n\n" + settings_view(ctx, plan), edit=True)


def plan_name(plan: Plan) -> str:
    """The plan's number, else its title, short."""
    return plan.number or shorten(plan.title, 80)


def _shown(value: object) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value or "")
