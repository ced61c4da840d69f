"""Run untrusted parsing in a child process with a time and memory limit."""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from reviewdesk.errors import InputError

T = TypeVar("T")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 1536

# Spawn, never fork: the app runs Qt threads, and a forked copy of them can deadlock.
_CONTEXT = multiprocessing.get_context("spawn")


def run_bounded(function: Callable[..., T], *args: Any, timeout: float = DEFAULT_TIMEOUT,
                memory_mb: int = DEFAULT_MEMORY_MB, name: str = "the file",
                kind: str = "PDF") -> T:
    """`function(*args)` run in a fresh process; its result must pickle (plain data).

    An InputError raised by the function reaches the caller unchanged; running past
    `timeout` seconds, past `memory_mb` of address space (POSIX) or crashing becomes
    an InputError about `name`.
    """
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sender, memory_mb, function, args),
                               daemon=True)
    process.start()
    sender.close()
    try:
        outcome = _wait(receiver, process, timeout)
    finally:
        receiver.close()
        _stop(process)
    return _unpack(outcome, process, name, kind)  # type: ignore[no-any-return]


def _wait(receiver: Connection, process: Any, timeout: float) -> tuple[str, Any] | None:
    """The child's message, or None when it said nothing in time or died silently."""
    try:
        if receiver.poll(timeout):
            message: tuple[str, Any] = receiver.recv()
            return message
    except (EOFError, OSError):
        return ("died", None)
    return None


def _unpack(outcome: tuple[str, Any] | None, process: Any, name: str, kind: str) -> Any:
    if outcome is None:
        raise InputError(f"cannot import {name}: it took too long to read")
    status, value = outcome
    if status == "ok":
        return value
    if status == "input":
        raise InputError(str(value))
    if status == "memory":
        raise InputError(f"cannot import {name}: it needs too much memory")
    if status == "error":
        raise InputError(f"cannot import {name}: the {kind} could not be read ({value})")
    raise InputError(f"cannot import {name}: the {kind} could not be read "
                     f"({_death_reason(process.exitcode)})")


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"the reader crashed with {signal.Signals(-exitcode).name}"
        except ValueError:
            pass
    return "the reader stopped unexpectedly"


def _stop(process: Any) -> None:
    process.join(0.5)
    if process.is_alive():
        process.kill()
        process.join(2)


def _child(sender: Connection, memory_mb: int, function: Callable[..., Any],
           args: tuple[Any, ...]) -> None:
    _limit_memory(memory_mb)
    try:
        message: tuple[str, Any] = ("ok", function(*args))
    except InputError as error:
        message = ("input", str(error))
    except MemoryError:
        message = ("memory", None)
    except Exception as error:  # any failure is reported, never raised here
        message = ("error", _short(error))
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", None))
    finally:
        sender.close()


def _limit_memory(memory_mb: int) -> None:
    if sys.platform == "win32":
        return
    import resource

    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _short(error: Exception) -> str:
    """One line naming the failure, short enough for a message to the user."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
