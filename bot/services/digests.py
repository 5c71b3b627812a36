"""Scheduled summaries: a weekly and a monthly digest to the committee chats and the leaders.

When: at 07:30 local time on the first working day of each ISO week (Monday, or the
next working day when Monday is a day off) and on the first working day of each month.
One cron job runs every day at 07:30 and sends what is due; the `digest_sends` ledger
keeps each digest to one message per chat and period, even with several bot processes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from bot.messages import ChannelError, Outgoing
from bot.services.bound_chats import Recipient, digest_recipients
from bot.services.calendar import WorkCalendar, load_calendar
from bot.services.committees import in_each_committee
from bot.services.deps import Deps
from bot.services.summary import build_summary
from bot.services.summary_changes import Changes, changes_since, changes_text, last_digest_at
from bot.services.summary_text import render_pages
from bot.texts import t
from db.models import DigestSend

logger = logging.getLogger(__name__)

DIGEST_TIME = time(7, 30)
WEEKLY, MONTHLY, MANUAL = "weekly", "monthly", "manual"


@dataclass(frozen=True, slots=True)
class Digest:
    """One digest: its kind, the period it stands for (the ledger key) and its title."""

    kind: str
    period: str
    title_key: str = "summary.title"
    month: str = ""

    def title(self, locale: str) -> str:
        return (
            t(self.title_key, locale, month=self.month) if self.month else t(self.title_key, locale)
        )


def due_digests(today: date, calendar: WorkCalendar) -> list[Digest]:
    """The digests due on `today`: weekly on the week's first working day, monthly on the month's."""
    due = []
    monday = today - timedelta(days=today.weekday())
    if calendar.next_working(monday) == today:
        year, week, _ = today.isocalendar()
        due.append(Digest(WEEKLY, f"{year}-W{week:02d}", "summary.title.weekly"))
    if calendar.next_working(today.replace(day=1)) == today:
        last_month = today.replace(day=1) - timedelta(days=1)
        month = f"{last_month.month}/{last_month.year}"
        due.append(Digest(MONTHLY, f"{last_month:%Y-%m}", "summary.title.monthly", month))
    return due


async def digest_job(deps: Deps) -> int:
    """The daily 07:30 job: each committee's digests due today to its own chats; how many got one."""
    return await in_each_committee(deps.db, lambda: _committee_digests(deps))


async def _committee_digests(deps: Deps) -> int:
    now = deps.clock.now()
    async with deps.db.reading() as session:
        calendar = await load_calendar(session)
    today = now.astimezone(deps.settings.tz).date()
    return sum([await send_digest(deps, digest, now) for digest in due_digests(today, calendar)])


async def send_digest(deps: Deps, digest: Digest, at: datetime, plan_id: int | None = None) -> int:
    """Send the summary at `at` to every recipient not yet sent this digest; how many got it."""
    tz = deps.settings.tz
    async with deps.db.reading() as session:
        summary = await build_summary(session, at, tz, plan_id)
        since = await last_digest_at(session, digest.kind, at)
        changes = await changes_since(session, since, summary, tz, plan_id) if since else None
        recipients = await digest_recipients(session, deps.settings.locale)
    delivered = 0
    for recipient in recipients:
        channel = deps.channels.get(recipient.channel)
        if channel is None:
            continue
        claim = await _claim(deps, digest, recipient)
        if claim is None:
            continue
        pages = render_pages(
            summary,
            locale=recipient.locale,
            tz=tz,
            limit=channel.capabilities.max_text,
            title=digest.title(recipient.locale),
        )
        if changes is not None:
            pages = with_changes(pages, changes, recipient.locale, deps.settings.tz,
                                 channel.capabilities.max_text)  # fmt: skip
        try:
            first = None
            for page in pages:
                sent = await channel.send(recipient.chat_id, Outgoing(text=page))
                first = first or sent.message_id
        except ChannelError as error:
            logger.warning("digest %s not delivered to %s:%s: %s", digest.kind,
                           recipient.channel, recipient.chat_id, error)  # fmt: skip
            await _finish(deps, claim, "failed", error=f"{type(error).__name__}: {error}")
            continue
        await _finish(deps, claim, "sent", message_id=first)
        delivered += 1
    return delivered


def with_changes(
    pages: list[str], changes: Changes, locale: str, tz: ZoneInfo, limit: int
) -> list[str]:
    """The pages with *Thay đổi từ kỳ trước* after the last one, or on a page of its own."""
    block = changes_text(changes, locale, tz)
    if len(pages[-1]) + 2 + len(block) <= limit:
        return [*pages[:-1], pages[-1] + "\n\n" + block]
    return [*pages, block]


async def send_summary_now(deps: Deps, at: datetime, plan_id: int | None = None) -> int:
    """The operator's "send now" (`dondoc summary --send`): the summary at `at`, to every recipient."""
    digest = Digest(MANUAL, at.astimezone(deps.settings.tz).isoformat(timespec="seconds"))
    return await send_digest(deps, digest, at, plan_id)


async def _claim(deps: Deps, digest: Digest, recipient: Recipient) -> int | None:
    """Take this (digest, chat) before sending; None when it was already taken."""
    try:
        async with deps.db.transaction() as session:
            row = DigestSend(kind=digest.kind, period=digest.period, channel=recipient.channel,
                             chat_id=recipient.chat_id, created_at=deps.clock.now())  # fmt: skip
            session.add(row)
            await session.flush()
            return row.id
    except IntegrityError:
        return None


async def _finish(deps: Deps, claim: int, state: str, *, message_id=None, error=None) -> None:
    async with deps.db.transaction() as session:
        await session.execute(
            update(DigestSend)
            .where(DigestSend.id == claim)
            .values(state=state, message_id=message_id, error=error, sent_at=deps.clock.now())
        )
