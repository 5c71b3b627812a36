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

from sqlalchemy import event, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, aliased, with_loader_criteria

from db.models import (
    Assignment,
    Contact,
    ContactEndpoint,
    ExtensionRequest,
    Obstacle,
    Plan,
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


# The owner a row is checked against, under a name of its own so it never correlates with the
# same table in the statement being limited.
_PLAN, _UNIT, _CONTACT = (
    aliased(model, name=f"owning_{model.__tablename__}") for model in (Plan, Unit, Contact)
)


def _criteria(readable: tuple[int, ...]) -> list:
    # SQLAlchemy caches these lambdas' SQL; `readable` becomes a bound parameter.
    def owned(cls):
        return cls.committee_id.in_(readable)

    def plan_owned(cls):
        return (
            exists()
            .where(_PLAN.id == cls.plan_id, _PLAN.committee_id.in_(readable))
            .correlate_except(_PLAN)
        )

    def contact_owned(cls):
        return (
            exists()
            .where(_CONTACT.id == cls.contact_id, _CONTACT.committee_id.in_(readable))
            .correlate_except(_CONTACT)
        )

    def unit_owned(cls):
        return (
            exists()
            .where(_UNIT.id == cls.unit_id, _UNIT.committee_id.in_(readable))
            .correlate_except(_UNIT)
        )

    return [
        with_loader_criteria(CommitteeOwned, owned, include_aliases=True),
        with_loader_criteria(Task, plan_owned, include_aliases=True),
        with_loader_criteria(ContactEndpoint, contact_owned, include_aliases=True),
        *(
            with_loader_criteria(model, unit_owned, include_aliases=True)
            for model in (Assignment, ExtensionRequest, ReminderSlot, Obstacle)
        ),
    ]


@event.listens_for(Session, "do_orm_execute")
def _only_in_scope(state: ORMExecuteState) -> None:
    scope = session_scope(state.session)
    if scope is None or state.is_column_load or state.is_relationship_load:
        return
    if state.execution_options.get(ALL_COMMITTEES):  # a lookup of who owns a row, never shown
        return
    if state.is_select or state.is_update or state.is_delete:
        state.statement = state.statement.options(*_criteria(scope.readable))


@event.listens_for(Session, "before_flush")
def _new_rows_join_the_scope(session: Session, _flush_context, _instances) -> None:
    scope = session_scope(session)
    for row in session.new:
        if isinstance(row, CommitteeOwned) and row.committee_id is None:
            row.committee_id = scope.own if scope else _owner_of_unit(session, row)


def _owner_of_unit(session: Session, row: CommitteeOwned) -> int | None:
    """Outside any scope, a row of a unit (a report, a contact) belongs to the unit's committee;
    None leaves the column's default (the default committee)."""
    unit_id = getattr(row, "unit_id", None)
    if unit_id is None or isinstance(row, Unit):
        return None
    return session.scalar(
        select(Unit.committee_id)
        .where(Unit.id == unit_id)
        .execution_options(**{ALL_COMMITTEES: True})
    )
