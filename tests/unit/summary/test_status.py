"""The status rules for one lead unit and for a task across its lead units."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.services.status import (
    PairFacts,
    PairStatus,
    ReportView,
    Status,
    TaskFacts,
    combine,
    end_of_day,
    pair_status,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def task(due=None, recurrence=None, period_months=None, closed_at=None) -> TaskFacts:
    return TaskFacts(1, 1, "1", "Việc", due, recurrence, closed_at, None, period_months)


def report(at: datetime, status="in_progress", percent=None) -> ReportView:
    return ReportView("báo cáo", percent, status, at)


def done(at: datetime) -> PairFacts:
    return PairFacts(report(at, "done", 100), first_done_at=at)


def hanoi(*args) -> datetime:
    return datetime(*args, tzinfo=HANOI)


def test_completion_on_the_due_date_in_local_time_is_on_time():
    # 23:30 on 31/3 in Hà Nội is still 31/3, though UTC says 16:30.
    late_evening = hanoi(2025, 3, 31, 23, 30)
    standing = pair_status(
        task(date(2025, 3, 31)), done(late_evening), end_of_day(date(2025, 4, 5), HANOI), HANOI
    )
    assert standing.status is Status.DONE_ON_TIME


def test_completion_after_local_midnight_is_late_even_if_utc_is_still_the_due_date():
    just_after_midnight = hanoi(2025, 4, 1, 0, 30)
    assert just_after_midnight.astimezone(UTC).date() == date(2025, 3, 31)
    standing = pair_status(
        task(date(2025, 3, 31)), done(just_after_midnight), hanoi(2025, 4, 5), HANOI
    )
    assert standing.status is Status.DONE_LATE


def test_not_done_is_overdue_from_the_day_after_the_deadline_with_days_counted():
    on_due_day = pair_status(
        task(date(2025, 6, 30)), PairFacts(), end_of_day(date(2025, 6, 30), HANOI), HANOI
    )
    assert on_due_day == PairStatus(Status.IN_PROGRESS)
    later = pair_status(task(date(2025, 6, 30)), PairFacts(), hanoi(2025, 7, 10, 8), HANOI)
    assert (later.status, later.days_overdue, later.owes_report) == (Status.OVERDUE, 10, True)


def test_a_task_without_deadline_or_recurrence_is_in_progress():
    standing = pair_status(
        task(), PairFacts(report(hanoi(2025, 5, 1, 9))), hanoi(2030, 1, 1), HANOI
    )
    assert standing == PairStatus(Status.IN_PROGRESS, reported=True)


def test_closing_by_the_office_counts_as_done_at_that_moment_only_once_it_happened():
    closed = hanoi(2025, 4, 2, 10)
    closed_task = task(date(2025, 3, 31), closed_at=closed)
    assert (
        pair_status(closed_task, PairFacts(), hanoi(2025, 4, 3), HANOI).status is Status.DONE_LATE
    )
    before = pair_status(closed_task, PairFacts(), hanoi(2025, 4, 1, 12), HANOI)
    assert (before.status, before.days_overdue) == (Status.OVERDUE, 1)


def test_recurring_task_reports_per_period_and_a_done_report_does_not_close_it():
    quarterly = task(recurrence="quarterly", period_months=3)
    this_quarter = pair_status(quarterly, done(hanoi(2025, 7, 2, 9)), hanoi(2025, 9, 1), HANOI)
    assert this_quarter == PairStatus(Status.IN_PROGRESS, reported=True, owes_report=True)
    last_quarter = pair_status(quarterly, done(hanoi(2025, 6, 28, 9)), hanoi(2025, 7, 1, 9), HANOI)
    assert last_quarter == PairStatus(Status.IN_PROGRESS, reported=False, owes_report=True)


def test_recurring_task_with_a_deadline_is_completed_by_a_done_report():
    with_due = task(date(2025, 4, 15), recurrence="quarterly", period_months=3)
    standing = pair_status(with_due, done(hanoi(2025, 4, 10, 9)), hanoi(2025, 5, 1), HANOI)
    assert standing.status is Status.DONE_ON_TIME
    assert not standing.owes_report


def test_monthly_period_starts_on_the_first_of_the_month():
    monthly = task(recurrence="monthly", period_months=1)
    facts = PairFacts(report(hanoi(2025, 5, 31, 17)))
    assert not pair_status(monthly, facts, hanoi(2025, 6, 1, 8), HANOI).reported
    assert pair_status(monthly, facts, hanoi(2025, 5, 31, 18), HANOI).reported


def test_one_off_task_in_time_counts_any_report_as_reported():
    standing = pair_status(
        task(date(2025, 6, 30)), PairFacts(report(hanoi(2025, 1, 5, 9))), hanoi(2025, 6, 1), HANOI
    )
    assert standing.reported and standing.status is Status.IN_PROGRESS


def test_an_overdue_one_off_task_owes_a_report_made_after_its_deadline():
    """One reporting-rate definition: a unit 62 days late with a report from before is not 1/1."""
    due, at = date(2025, 6, 30), hanoi(2025, 8, 31)
    before = pair_status(task(due), PairFacts(report(hanoi(2025, 6, 30, 16))), at, HANOI)
    assert (before.status, before.days_overdue, before.reported, before.owes_report) == (
        Status.OVERDUE, 62, False, True,
    )  # fmt: skip
    after = pair_status(task(due), PairFacts(report(hanoi(2025, 7, 1, 9))), at, HANOI)
    assert after.reported and after.status is Status.OVERDUE


def test_task_is_done_only_when_every_lead_unit_is_done():
    on_time, late = PairStatus(Status.DONE_ON_TIME), PairStatus(Status.DONE_LATE)
    working = PairStatus(Status.IN_PROGRESS)
    assert combine([on_time, on_time]) == (Status.DONE_ON_TIME, 0)
    assert combine([on_time, late]) == (Status.DONE_LATE, 0)
    assert combine([on_time, working]) == (Status.IN_PROGRESS, 0)


def test_task_is_overdue_if_any_lead_unit_is_with_the_largest_delay():
    overdue = [
        PairStatus(Status.OVERDUE, 3),
        PairStatus(Status.OVERDUE, 9),
        PairStatus(Status.DONE_LATE),
    ]
    assert combine(overdue) == (Status.OVERDUE, 9)


def test_a_later_report_that_is_not_done_corrects_an_earlier_done():
    corrected = PairFacts(
        report(hanoi(2025, 3, 25, 9), "in_progress", 80), first_done_at=hanoi(2025, 3, 20, 9)
    )
    standing = pair_status(task(date(2025, 3, 31)), corrected, hanoi(2025, 4, 2), HANOI)
    assert (standing.status, standing.days_overdue) == (Status.OVERDUE, 2)
