"""Reminder messages: one per task and unit, with the three buttons; the leaders' escalation list."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.callbacks import Extend, ReportTask, Snooze
from bot.domain import SlotKind
from bot.messages import Button, ChannelCapabilities, Outgoing
from bot.services.reminders.claims import ClaimedSlot
from bot.services.reminders.ledger import task_policy
from bot.services.reminders.periods import Period, parse_period_key
from bot.services.reminders.targets import reminder_targets
from bot.texts import t
from db.models import Task, Unit

TITLE_LIMIT = 300
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
REPORT_KINDS = (SlotKind.REPORT_REQUEST, SlotKind.REPORT_OVERDUE)


@dataclass(frozen=True, slots=True)
class SlotFacts:
    """A claimed slot with what its message shows."""

    slot: ClaimedSlot
    task: Task
    unit_name: str
    report_day: int
    support: bool = False  # the unit supports the task ("phối hợp")


async def load_facts(session: AsyncSession, slots: list[ClaimedSlot]) -> dict[int, SlotFacts]:
    """Task (with plan) and unit name for each slot."""
    query = (
        select(Task).where(Task.id.in_({s.task_id for s in slots})).options(selectinload(Task.plan))
    )
    tasks = {task.id: task for task in await session.scalars(query)}
    units = dict(
        (
            await session.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_({s.unit_id for s in slots}))
            )
        ).all()
    )
    targets = await reminder_targets(session, list(tasks))
    supporting = {(task_id, t.unit_id) for task_id, ts in targets.items() for t in ts if t.support}
    facts = {}
    for slot in slots:
        task = tasks.get(slot.task_id)
        if task is not None:
            report_day = task.report_day or task_policy(task).report_day
            support = (slot.task_id, slot.unit_id) in supporting
            unit = units.get(slot.unit_id, "?")
            facts[slot.id] = SlotFacts(slot, task, unit, report_day, support)
    return facts


def day_text(day: date) -> str:
    """31/03/2025."""
    return f"{day:%d/%m/%Y}"


def period_text(period: Period, locale: str) -> str:
    """ "tháng 6/2025", "quý II/2025", "6 tháng đầu năm 2025", "năm 2025"."""
    if period.months == 1:
        return t("reminder.period.month", locale, month=period.first_month, year=period.year)
    if period.months == 3:
        return t(
            "reminder.period.quarter",
            locale,
            roman=ROMAN[period.index],
            index=period.index,
            year=period.year,
        )
    if period.months == 6:
        return t(f"reminder.period.half{period.index}", locale, year=period.year)
    return t("reminder.period.year", locale, year=period.year)


def _title(task: Task) -> str:
    title = task.title if len(task.title) <= TITLE_LIMIT else task.title[: TITLE_LIMIT - 1] + "…"
    return html.escape(title, quote=False)


def deadline_line(due: date, today: date, locale: str) -> str:
    """The deadline and how far it is."""
    days = (due - today).days
    if days > 0:
        return t("reminder.due.ahead", locale, due=day_text(due), days=days)
    if days == 0:
        return t("reminder.due.today", locale, due=day_text(due))
    return t("reminder.due.passed", locale, due=day_text(due), days=-days)


def ask_line(periodic: bool, capabilities: ChannelCapabilities, locale: str) -> str:
    """What the unit is asked to do to report: reply to the reminder, or write in the chat."""
    key = "reminder.ask.report" if periodic else "reminder.ask.progress"
    return t(capabilities.reporting_key(key), locale)


def unit_reminder(
    facts: SlotFacts, today: date, locale: str, capabilities: ChannelCapabilities
) -> Outgoing:
    """The message a unit gets for one slot, worded for the channel it goes out on."""
    slot, task = facts.slot, facts.task
    kind = SlotKind(slot.kind)
    lines = [
        t(f"reminder.title.{kind.value}", locale),
        "",
        t("reminder.task", locale, code=html.escape(task.code), title=_title(task)),
        t("reminder.plan", locale, plan=html.escape(task.plan.number or task.plan.title)),
        t(
            "reminder.unit_support" if facts.support else "reminder.unit",
            locale,
            unit=html.escape(facts.unit_name),
        ),
    ]
    period_key = (
        slot.occurrence.split("-request-")[0].removesuffix("-overdue")
        if kind in REPORT_KINDS
        else None
    )
    if period_key is not None:
        period = parse_period_key(period_key)
        report_date = day_text(period.report_date(facts.report_day))
        lines.append(
            t(
                "reminder.period",
                locale,
                period=period_text(period, locale),
                report_date=report_date,
            )
        )
    elif task.due is not None:
        lines.append(deadline_line(task.due, today, locale))
    lines += ["", ask_line(period_key is not None, capabilities, locale)]
    ids = (task.id, slot.unit_id)
    buttons = [
        Button(t("reminder.button.report", locale), ReportTask(*ids).pack()),
        Button(t("reminder.button.snooze", locale), Snooze(slot.id).pack()),
    ]
    if task.due is not None:
        buttons.append(Button(t("reminder.button.extend", locale), Extend(*ids).pack()))
    return Outgoing(text="\n".join(lines), buttons=(tuple(buttons),))


def escalation_texts(
    items: list[SlotFacts], today: date, locale: str, max_text: int
) -> list[tuple[str, list[int]]]:
    """The leaders' list of newly escalated tasks, split to fit a message; each part with its slot ids."""
    head = f"{t('reminder.escalation.title', locale)}\n{t('reminder.escalation.intro', locale)}"
    parts: list[tuple[str, list[int]]] = []
    ids: list[int]
    text, ids = head, []
    for number, facts in enumerate(
        sorted(items, key=lambda f: (f.task.due or today, f.task.code)), 1
    ):
        due = facts.task.due or today
        item = t(
            "reminder.escalation.item",
            locale,
            n=number,
            code=html.escape(facts.task.code),
            title=_title(facts.task),
            unit=html.escape(facts.unit_name),
            due=day_text(due),
            days=(today - due).days,
        )
        if ids and len(text) + len(item) + 2 > max_text:
            parts.append((text, ids))
            text, ids = head, []
        text, ids = f"{text}\n\n{item}", [*ids, facts.slot.id]
    if ids:
        parts.append((text, ids))
    return parts
