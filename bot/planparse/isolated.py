"""Plan files parsed in a child process: a time limit, a memory bound, and a clear message."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import resource
import traceback
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from bot.plandoc import PlanDocument, PlanFileError

if TYPE_CHECKING:
    from bot.contactlist import Invitee

logger = logging.getLogger(__name__)

TIME_LIMIT_SECONDS = 60.0
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024  # address space of the child, interpreter included

TOO_SLOW = "{name}: đọc quá {seconds:g} giây nên đã dừng — tệp quá lớn hoặc bất thường."
TOO_BIG = "{name}: đọc tệp cần quá nhiều bộ nhớ nên đã dừng — tệp quá lớn hoặc bất thường."
FAILED = "{name}: không đọc được tệp do lỗi của chương trình; đã ghi lại để kiểm tra."


def _parse_in_child(path: str, memory: int, sender: Connection, upload: bool) -> None:
    """Child side: bound the memory, read the plan (or, for an upload, possibly a contact list),
    send back what was read or the message."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # imported under the bound, like everything they load
    from bot.contactlist import ContactListError, read_upload
    from bot.planparse import read_plan

    name = Path(path).name
    result: tuple[str, PlanDocument | list[Invitee] | str]
    try:
        result = ("document", (read_upload if upload else read_plan)(Path(path)))
    except ContactListError as error:
        result = ("refused list", str(error))
    except PlanFileError as error:
        result = ("refused", str(error))
    except (MemoryError, RecursionError):
        result = ("refused", TOO_BIG.format(name=name))
    except Exception:  # a bug: the parent logs it and says so, the process stays up
        result = ("failed", traceback.format_exc())
    sender.send(result)
    sender.close()


def parse_plan_file_safely(
    path: Path, *, seconds: float = TIME_LIMIT_SECONDS, memory: int = MEMORY_LIMIT_BYTES
) -> PlanDocument:
    """`read_plan` in a child process killed after `seconds` or at `memory` bytes; blocking."""
    document = read_in_child(path, seconds=seconds, memory=memory, upload=False)
    if not isinstance(document, PlanDocument):  # read_plan reads plans only
        raise PlanFileError(FAILED.format(name=path.name))
    return document


def read_in_child(
    path: Path, *, seconds: float, memory: int, upload: bool
) -> PlanDocument | list[Invitee]:
    """`read_plan` (`read_upload` if `upload`) in a child process killed after `seconds` or at
    `memory` bytes; blocking."""
    context = multiprocessing.get_context("spawn")  # no copy of the caller's threads or loop
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_parse_in_child,
        args=(str(path), memory, sender, upload),
        name="plan-parse",
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise PlanFileError(TOO_SLOW.format(name=path.name, seconds=seconds))
        try:
            kind, payload = receiver.recv()
        except EOFError:  # killed by the memory bound before it could answer
            raise PlanFileError(TOO_BIG.format(name=path.name)) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "failed":
        logger.error("Reading plan file %s failed:\n%s", path.name, payload)
        raise PlanFileError(FAILED.format(name=path.name))
    if kind == "refused":
        raise PlanFileError(payload)
    if kind == "refused list":
        from bot.contactlist import ContactListError

        raise ContactListError(payload)
    return payload


async def parse_plan_file_off_loop(
    path: Path, *, seconds: float = TIME_LIMIT_SECONDS, memory: int = MEMORY_LIMIT_BYTES
) -> PlanDocument:
    """`parse_plan_file_safely` awaited from the event loop (the wait runs in a thread)."""
    return await asyncio.to_thread(parse_plan_file_safely, path, seconds=seconds, memory=memory)


async def parse_upload_off_loop(path: Path) -> PlanDocument | list[Invitee]:
    """A file sent in chat, read in the bounded child: a contact list or a plan."""
    return await asyncio.to_thread(
        partial(
            read_in_child,
            path,
            seconds=TIME_LIMIT_SECONDS,
            memory=MEMORY_LIMIT_BYTES,
            upload=True,
        )
    )
