"""The committee a unit of work acts for: its ORM queries see only that committee's rows, and the
rows it adds belong to it.

The scope is set once where a request enters (the sender of an update, a CLI `--committee`, a
job's committee) and read by every session opened under it, so no query has to remember it. This
is SQLAlchemy's documented "global WHERE criteria" recipe (`do_orm_execute` + `with_loader_criteria`).
Work outside any scope (the reminder sweep, migrations, a sender not yet known) sees every row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from db.models import (
    Assignment,
    Contact,
    ContactEndpoint,
    ExtensionRequest,
    Obstacle,
    Plan,
    ProgressReport,
    ReminderSlot,
    Task,
    Unit,
)
from db.models.committees import CommitteeOwned

SESSION_KEY = "dondoc_scope"
# A statement with this execution option looks past the scope: only to find who owns a row that
# must stay unique across the deployment (a group chat), never to show it.
ALL_COMMITTEES = "dondoc_all_committees"


@dataclass(frozen=True)
class Scope:
    """Rows of `readable` committees are seen; new rows go to `own` (always one of them)."""

    own: int
    readable: tuple[int, ...]

    @classmethod
    def of(cls, committee_id: int) -> Scope:
        """One committee's own scope."""
        return cls(committee_id, (committee_id,))


_current: ContextVar[Scope | None] = ContextVar("dondoc_scope", default=None)


def current_scope() -> Scope | None:
    """The scope sessions opened now take (None: every committee)."""
    return _current.get()


@contextmanager
def acting_for(scope: Scope | None) -> Iterator[None]:
    """Open sessions inside the block under `scope` (None: unscoped)."""
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


def enter_scope(scope: Scope | None) -> None:
    """Act for `scope` from now on in this context (a CLI command, for the rest of the process)."""
    _current.set(scope)


def session_scope(session: Session | AsyncSession) -> Scope | None:
    """The scope a session was opened under."""
    return session.info.get(SESSION_KEY)


def bind_session(session: Session) -> None:
    """Give a session just opened the current scope."""
    session.info[SESSION_KEY] = _current.get()


def _criteria(readable: tuple[int, ...]) -> list:
    units = select(Unit.id).where(Unit.committee_id.in_(readable))
    plans = select(Plan.id).where(Plan.committee_id.in_(readable))
    contacts = select(Contact.id).where(Contact.committee_id.in_(readable))
    return [
        with_loader_criteria(
            CommitteeOwned, lambda cls: cls.committee_id.in_(readable), include_aliases=True
        ),
        with_loader_criteria(Task, Task.plan_id.in_(plans), include_aliases=True),
        with_loader_criteria(
            ContactEndpoint, ContactEndpoint.contact_id.in_(contacts), include_aliases=True
        ),
        *(
            with_loader_criteria(model, model.unit_id.in_(units), include_aliases=True)
            for model in (Assignment, ProgressReport, ExtensionRequest, ReminderSlot, Obstacle)
        ),
    ]


@event.listens_for(Session, "do_orm_execute")
def _only_in_scope(state: ORMExecuteState) -> None:
    scope: Scope | None = state.session.info.get(SESSION_KEY)
    if scope is None or state.is_column_load or state.is_relationship_load:
        return
    if state.execution_options.get(ALL_COMMITTEES):
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(*_criteria(scope.readable))


@event.listens_for(Session, "before_flush")
def _new_rows_join_the_scope(session: Session, _flush_context, _instances) -> None:
    scope: Scope | None = session.info.get(SESSION_KEY)
    if scope is None:
        return
    for row in session.new:
        if isinstance(row, CommitteeOwned) and row.committee_id is None:
            row.committee_id = scope.own
