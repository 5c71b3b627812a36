"""/onboarding: per unit with open tasks, who joined (where), who is invited, whose code expired;
a button re-issues the expired codes and sends their sheets."""

from __future__ import annotations

from bot.callbacks import OnboardingPage, ReissueExpired
from bot.messages import Button
from bot.services.invite_batch import reissue_expired
from bot.services.onboarding import UnitOnboarding, onboarding_status
from bot.texts import t
from handlers.contactimport import send_sheets
from handlers.context import Context
from handlers.conversation import ADMINS, actor_label, now, page_buttons, page_of
from handlers.router import PRIVATE, Router

PAGE_SIZE = 10

router = Router(__name__)


@router.command("onboarding", ADMINS, chats=PRIVATE)
async def onboarding(ctx: Context) -> None:
    """Show the first page of who is on board."""
    await show(ctx, 0, edit=False)


@router.callback(OnboardingPage, ADMINS, chats=PRIVATE)
async def onboarding_page(ctx: Context, pressed: OnboardingPage) -> None:
    """Turn to another page."""
    await show(ctx, pressed.page, edit=True)


async def show(ctx: Context, page: int, *, edit: bool) -> None:
    """One page of units, the totals, and the re-issue button when codes expired."""
    async with ctx.deps.db.reading() as session:
        rows = await onboarding_status(session, now(ctx))
    if not rows:
        ctx.reply(ctx.text("boarding.none"), edit=edit)
        return
    shown, page, pages = page_of(rows, page, PAGE_SIZE)
    expired = sum(len(row.expired) for row in rows)
    lines = [
        ctx.text("boarding.header", page=page + 1, pages=pages),
        ctx.text(
            "boarding.totals",
            joined=sum(bool(row.joined) for row in rows),
            units=len(rows),
            expired=expired,
        ),
    ]
    lines += [line for row in shown for line in unit_lines(ctx, row)]
    buttons = page_buttons(ctx, page, pages, OnboardingPage)
    if expired:
        label = ctx.text("boarding.reissue", count=expired)
        buttons.append([Button(label, ReissueExpired().pack())])
    ctx.reply("\n".join(lines), buttons, edit=edit)


def unit_lines(ctx: Context, row: UnitOnboarding) -> list[str]:
    """The unit's name marked ✅ (someone joined), ⏳ (invited only) or ❌, then its people."""
    if row.joined:
        head = "boarding.unit_joined"
    elif row.invited or row.expired:
        head = "boarding.unit_waiting"
    else:
        head = "boarding.unit_nobody"
    lines = [ctx.text(head, unit=row.unit.name)]
    if row.joined:
        # raw here: the line escapes the joined names once
        people = [
            t("boarding.person", ctx.locale, name=name, platforms=platform_names(ctx, platforms))
            for name, platforms in row.joined
        ]
        lines.append(ctx.text("boarding.joined", people=", ".join(people)))
    for key, people in (("boarding.invited", row.invited), ("boarding.expired", row.expired)):
        if people:
            lines.append(ctx.text(key, people=", ".join(people)))
    return lines


def platform_names(ctx: Context, platforms: list[str]) -> str:
    """ "Telegram, Zalo"."""
    return ", ".join(t(f"platform.{name}", ctx.locale) for name in platforms)


@router.callback(ReissueExpired, ADMINS, chats=PRIVATE)
async def reissue_button(ctx: Context, _pressed: ReissueExpired) -> None:
    """A fresh code for every expired one, then the new sheets to print."""
    async with ctx.deps.db.transaction() as session:
        issued = await reissue_expired(session, actor_label(ctx), now(ctx))
    if not issued:
        ctx.reply(ctx.text("boarding.nothing_expired"))
        return
    await send_sheets(ctx, issued, edit=False)
