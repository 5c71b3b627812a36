"""The row count of an UPDATE or DELETE run through a session."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """Rows the statement matched.

    `Session.execute` is typed as returning `Result` since SQLAlchemy 2.0.44; its changelog says to
    cast where a `CursorResult` is known, as for our UPDATEs without RETURNING.
    """
    return cast(CursorResult[Any], result).rowcount
