"""Independent batches of work spread over the computer's processor cores.

Used for ranking thousands of postings. Helpers are copies of this process (fork), which start
at once and share what it has already read; that is safe only where fork is the system's way
to start processes (Linux) and no other thread runs here. Elsewhere, and in a notebook (its
kernel runs threads), the work is done in this process. Fresh helpers (spawn) were tried: they
take a second or two to start, more than they save on a few thousand postings. The pool is
``concurrent.futures.ProcessPoolExecutor``; this module adds only that this process works too
and that batches of helpers that die are done here.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar, cast

Batch = TypeVar("Batch")
Result = TypeVar("Result")
Shared = TypeVar("Shared")


def cores() -> int:
    """How many processor cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def helpers_can_start() -> bool:
    """Whether helper processes can be copies of this one, safely."""
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon  # such a process may not start others
    )


def map_batches(
    function: Callable[[Shared, Batch], Result],
    batches: Sequence[Batch],
    *,
    shared: Shared,
    processes: int | None = None,
) -> list[Result]:
    """``[function(shared, batch) for batch in batches]``, computed by up to ``processes``
    processes (this one included; None = one per core). ``function`` must be defined at the top
    of a module; ``shared`` (what every batch needs, such as the term engine) reaches helpers
    as they start, copied with the process, never pickled. If the helpers die (killed for
    memory, say), their batches are done here."""
    processes = cores() if processes is None else processes
    helpers = min(processes, len(batches)) - 1
    if helpers < 1 or not helpers_can_start():
        return [function(shared, batch) for batch in batches]
    results: list[Result | None] = [None] * len(batches)
    todo = deque(range(len(batches)))
    running: dict[futures.Future[Result], int] = {}
    context = multiprocessing.get_context("fork")
    pool: futures.ProcessPoolExecutor | None = futures.ProcessPoolExecutor(
        helpers, mp_context=context, initializer=_receive, initargs=(shared,)
    )
    try:
        while todo or running:
            while pool is not None and todo and len(running) < 2 * helpers:  # never idle
                number = todo.popleft()
                running[pool.submit(_in_helper, function, batches[number])] = number
            if todo:  # this process takes batches from the other end
                number = todo.pop()
                results[number] = function(shared, batches[number])
                done: Collection[futures.Future[Result]] = [f for f in running if f.done()]
            else:
                done, _ = futures.wait(running, return_when=futures.FIRST_COMPLETED)
            for future in done:
                number = running.pop(future)
                try:
                    results[number] = future.result()
                except futures.process.BrokenProcessPool:  # the helpers died: go on here
                    if pool is not None:
                        pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
                    todo.append(number)
                    todo.extend(running.pop(f) for f in list(running))
                    break
    finally:
        if pool is not None:
            pool.shutdown(wait=not todo and not running, cancel_futures=True)
    return cast(list[Result], results)  # every batch has its result now


_shared: object = None  # in a helper process: what map_batches shares with every batch


def _receive(shared: object) -> None:
    global _shared
    _shared = shared


def _in_helper(function: Callable[[Any, Batch], Result], batch: Batch) -> Result:
    return function(_shared, batch)
