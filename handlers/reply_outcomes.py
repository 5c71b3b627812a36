"""What a progress message came to — one typed outcome — and how each is told to the sender."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import FixReport, PickTask
from bot.domain import ReportStatus
from bot.messages import Button
from bot.services.progress import Recorded, TaskRef, status_and_percent
from db.models import ProgressReport
from handlers.context import Context
from handlers.conversation import shorten
from handlers.report import STATUS_CODES, task_label
from handlers.reporting import acknowledge

MAX_QUOTE = 200


@dataclass(frozen=True, slots=True)
class Stored:
    """One report per task the message named; those the reader was unsure of are asked about."""

    reports: tuple[Recorded, ...]
    unknown_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AskWhich:
    """The message is kept aside until the sender picks its task."""

    pending_id: str
    choices: tuple[TaskRef, ...]
    unknown_code: str | None = None


@dataclass(frozen=True, slots=True)
class Attached:
    """A file joined a recent report as evidence."""

    task: TaskRef
    report: ProgressReport


@dataclass(frozen=True, slots=True)
class Said:
    """Nothing stored; a catalogue text tells why."""

    key: str


Outcome = Stored | AskWhich | Attached | Said


async def tell(ctx: Context, outcome: Outcome, *, edit: bool = False) -> None:
    """Answer the sender (after the commit) as the outcome calls for; `edit`: in place of the
    message whose button was pressed."""
    match outcome:
        case Stored(reports, unknown):
            for recorded in reports:
                if recorded.unsure and recorded.created:
                    ask_confirm(ctx, recorded, edit=edit)
                else:
                    await acknowledge(ctx, recorded, edit=edit)
            if unknown:
                ctx.reply(ctx.text("replies.codes_not_yours", codes=", ".join(unknown)))
        case AskWhich(pending_id, choices, unknown_code):
            rows = [[Button(task_label(t), PickTask(pending_id, t.id).pack())] for t in choices]
            question = ctx.text("report.which_task")
            if unknown_code:
                question = ctx.text("report.code_not_yours", code=unknown_code) + "\n" + question
            ctx.reply(question, rows)
        case Attached(task, report):
            what = status_and_percent(report, ctx.locale)
            ctx.reply(ctx.text("report.attached", code=task.code, what=what))
        case Said(key):
            ctx.reply(ctx.text(key))


def ask_confirm(ctx: Context, recorded: Recorded, *, edit: bool = False) -> None:
    """Ask once which status the unsure report means (it stays unclassified until answered)."""
    report = recorded.report
    text = ctx.text(
        "replies.confirm", code=recorded.task.code, text=shorten(report.text, MAX_QUOTE)
    )
    ctx.reply(text, status_rows(ctx, report.id, report.percent), edit=edit)


def status_rows(ctx: Context, report_id: int, percent: int | None) -> list[list[Button]]:
    """Hoàn thành / Đang thực hiện …% / Gặp vướng mắc / Xin gia hạn, for one report."""
    labels = {
        ReportStatus.DONE: ctx.text("status.done"),
        ReportStatus.IN_PROGRESS: ctx.text("replies.in_progress_percent", percent=percent)
        if percent is not None and percent < 100
        else ctx.text("replies.in_progress_ask"),
        ReportStatus.BLOCKED: ctx.text("status.blocked"),
        ReportStatus.EXTENSION: ctx.text("replies.extension"),
    }
    return [
        [Button(labels[status], FixReport(report_id, code).pack())]
        for code, status in STATUS_CODES.items()
    ]
