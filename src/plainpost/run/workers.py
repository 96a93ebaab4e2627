"""The process back-end of the batch runner: worker processes that check one post at a time.

Each worker is sent one post at a time, so this, the parent process, always knows which post a
worker holds. A worker that dies (killed, over its memory bound, an abort inside a native engine)
becomes one error naming that post; a new worker takes its place and the other posts keep their
findings. Nothing is retried: a post that kills a worker would kill the next one too.

* **Memory bound.** Workers run under an address-space limit (``RLIMIT_AS``, the config's
  ``worker_memory_mb``; 0: none), so one pathological post ends its worker, not the machine.
  Python code over the bound gets a ``MemoryError`` (one error line for the post); a native
  engine aborts (the worker dies: one error line for the post).
* **Signals.** Workers ignore SIGINT (a terminal sends it to the whole process group); the parent
  stops them. Whatever ends the parent's loop (Ctrl-C, SIGTERM turned into an exception by the
  command line, an error) terminates and reaps every worker before it goes on, so no worker is
  left behind; the forkserver and the resource tracker end by themselves when the parent exits
  (they watch a pipe to it), as they do when it is killed with SIGKILL. While a worker starts (and
  while they are stopped) SIGINT and SIGTERM are held, and arrive when that is done: blocked in
  this thread, and noted by :class:`_Deferred` when another thread (a native engine's) takes
  them.
* **Linters.** A worker builds a run's linter the first time it is sent one of that run's posts
  (from the run's settings and rule set, sent as data: it reads no rule file and no environment).

Processes are forked from this one on Linux when it has no thread but its main one (the batch
runner loads the rule set, its tables, the vocabulary and Harper's dictionary first, and waits
for Harper's warm-up thread to end): the workers then share those pages copy-on-write instead
of each loading its own (Harper's dictionary alone is 80 MB and 1.5 s of CPU a process), and
are handed the rule set without pickling. A forked worker closes the parent's ends of every
worker's pipe it inherited (so it sees EOF when the parent dies) and unblocks the signals the
parent held while forking. Elsewhere, or with another thread alive (a LanguageTool client, an
embedding program's), processes come from a ``forkserver`` (``spawn`` where there is none): a
clean, single-threaded server process that has imported plainpost once, safe with engines that
hold threads or native handles. A script that calls this must guard its entry point with
``if __name__ == "__main__":``.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from plainpost.errors import PlainpostError
from plainpost.lint.linter import Linter

R = TypeVar("R")

# A task is what is done to one post: (linter, path to read, path as shown) -> a picklable
# result. It is a module-level function (or a functools.partial of one), so it can be sent to a
# worker; it handles the post's own problems (InputError) itself.
Task = Callable[[Linter, str, str], R]
# What a post's result is when it could not be checked: (path as shown, one line) -> result.
Failed = Callable[[str, str], R]


@dataclass(frozen=True)
class Job(Generic[R]):
    index: int  # the post's place in the batch
    spec: int  # which run's linter checks it
    task: Task[R]
    path: str
    shown: str


def limit_memory(megabytes: int) -> None:
    """Bound this process's address space (never raised above the hard limit already set)."""
    if megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # not on a POSIX system
        return
    wanted = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


def release_freed_memory() -> None:
    """Hand the heap's freed pages back to the system (glibc's ``malloc_trim``; elsewhere
    nothing). A Harper linter's caches, dropped by ``forget_engine_state``, are freed into the
    heap but stay in the worker's resident pages until this: 30-40 MB a worker after 20 posts;
    the parent calls it before forking the workers (run_jobs)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl): nothing to trim with
        pass


# the parent's ends of the workers' pipes: a worker forked from the parent closes its copies
_PARENT_ENDS: list[Connection] = []


# a worker's engines drop what they keep from the posts it checked every this many posts: a
# Harper linter grows by about 0.5 MB a post, to 120 MB after a hundred posts; building it again
# takes about 35 ms of CPU. Measured (smaps_rollup, 200 generated posts, -j2): a worker's
# private pages swing from 78 to 110 MB over 20 posts, so every 10 posts its peak is ~15 MB
# lower, for a dozen more rebuilds (~0.4 s of CPU) in 250 posts
FORGET_EVERY = 10


def _worker_main(conn: Connection, specs: Sequence[Any], cwd: str, memory_mb: int) -> None:
    for end in _PARENT_ENDS:  # forked: the parent's ends (its own included); else none
        with contextlib.suppress(OSError):
            end.close()
    _PARENT_ENDS.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked inside _signals_held: the mask is inherited
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    os.chdir(cwd)
    limit_memory(memory_mb)
    linters: dict[int, Linter] = {}
    done = 0
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        try:
            linter = linters.get(job.spec)
            if linter is None:
                linter = linters[job.spec] = specs[job.spec].build()
            reply: tuple[int, bool, Any] = (job.index, True, job.task(linter, job.path, job.shown))
            done += 1
            if done % FORGET_EVERY == 0:
                linter.forget_engine_state()
                release_freed_memory()
        except Exception as exc:  # sent back: the parent decides (a setup error stops the run)
            reply = (job.index, False, exc)
        try:
            try:
                conn.send(reply)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:  # cannot be pickled
                conn.send((job.index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        except OSError:
            return  # the parent is gone (killed): nobody to tell


def can_fork() -> bool:
    """Whether workers may be forked from this process as it is now: on Linux, with no thread
    alive but the main one (a thread holding a lock at the fork would leave it held)."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def context(fork: bool = False) -> multiprocessing.context.BaseContext:
    """``fork``: fork the workers from this process when :func:`can_fork`."""
    if fork and can_fork():
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__, "plainpost.run.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, ctx: Any, specs: Sequence[Any], cwd: str, memory_mb: int) -> None:
        parent_end, child_end = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child_end, specs, cwd, memory_mb), daemon=True
        )
        _PARENT_ENDS.append(parent_end)
        with _signals_held():  # a worker half-sent its start data would die with a traceback
            self.process.start()
        child_end.close()
        self.conn: Connection = parent_end
        self.job: Job[Any] | None = None
        self.closed = False

    def stop(self, graceful: bool) -> None:
        """End the worker and reap it: asked to (graceful), else SIGTERM, then SIGKILL."""
        if self.closed:
            return
        self.closed = True
        process = self.process
        if graceful and process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            process.join(2)
        if process.is_alive():
            process.terminate()
            process.join(2)
        if process.is_alive():
            process.kill()
            process.join()
        with contextlib.suppress(OSError):
            self.conn.close()
        with contextlib.suppress(ValueError):
            _PARENT_ENDS.remove(self.conn)
        with contextlib.suppress(ValueError):
            process.close()


def death(exitcode: int | None, memory_mb: int) -> str:
    """Why a worker stopped, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"killed by {name}"
        if -exitcode == signal.SIGABRT:
            how = "aborted (SIGABRT), as a native engine does when it runs out of memory"
    else:
        how = f"exited with code {exitcode}"
    bound = f"; the memory bound is {memory_mb} MB (worker_memory_mb)" if memory_mb > 0 else ""
    return f"the process checking this post stopped: {how}{bound}; nothing checked"


def run_jobs(
    specs: Sequence[Any],
    jobs: Sequence[Job[R]],
    processes: int,
    failed: Failed[R],
    *,
    memory_mb: int = 0,
    on_done: Callable[[int], None] | None = None,
    fork: bool = False,
) -> list[R]:
    """Run ``jobs`` in ``processes`` workers; results in the jobs' order (their ``index``
    numbers 0..n-1). A setup error in a worker (an engine that cannot start) is raised here.
    ``fork``: fork the workers from this process if it can (:func:`can_fork`)."""
    ctx = context(fork)
    forking = ctx.get_start_method() == "fork"
    if forking:
        # the heap's free pages handed back before the fork (about 55 MB: Harper's dictionary
        # build leaves its temporaries freed in its thread's arena): else every process keeps
        # them, and a worker's first allocations there copy them
        release_freed_memory()
        # what this process holds goes to the collector's permanent generation, which it never
        # scans: a collection in a worker would otherwise write to (and so copy) every page of
        # the shared tables that holds an object it tracks
        gc.freeze()
    cwd = os.getcwd()
    pending = deque(jobs)
    results: dict[int, R] = {}
    workers: list[_Worker] = []
    graceful = False
    with _deferrable_signals():  # held while forking, while stopping
        try:
            for _ in range(min(processes, len(pending))):
                workers.append(_Worker(ctx, specs, cwd, memory_mb))
            while pending or any(w.job is not None for w in workers):
                for k, w in enumerate(workers):
                    if w.job is None and pending:
                        if not w.process.is_alive():  # died between posts: none of them is to blame
                            w.stop(graceful=False)
                            workers[k] = w = _Worker(ctx, specs, cwd, memory_mb)
                        w.job = pending.popleft()
                        with contextlib.suppress(OSError):  # a dead worker: its sentinel says so
                            w.conn.send(w.job)
                workers = [w for w in workers if not w.closed]
                busy = [w for w in workers if w.job is not None]
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
                for k, w in enumerate(workers):
                    job = w.job
                    if job is None or (w.conn not in ready and w.process.sentinel not in ready):
                        continue
                    reply = _receive(w)
                    if reply is None:  # the worker died holding this post
                        w.process.join(1)
                        results[job.index] = failed(
                            job.shown, f"{job.shown}: {death(w.process.exitcode, memory_mb)}"
                        )
                        w.job = None
                        w.stop(graceful=False)
                        if pending:
                            workers[k] = _Worker(ctx, specs, cwd, memory_mb)
                    else:
                        _, ok, value = reply
                        w.job = None
                        if ok:
                            results[job.index] = value
                        elif isinstance(value, PlainpostError):
                            raise value  # the run cannot go on (an engine that cannot start)
                        else:
                            results[job.index] = failed(
                                job.shown,
                                f"{job.shown}: internal error while checking this post "
                                f"({type(value).__name__}: {value}); please report it",
                            )
                    if on_done:
                        on_done(job.index)
            graceful = True
        finally:
            _stop_all(workers, graceful)
            if forking:
                gc.unfreeze()
    return [results[j.index] for j in jobs]


def _receive(w: _Worker) -> tuple[int, bool, Any] | None:
    try:
        if w.conn.poll():
            reply: tuple[int, bool, Any] = w.conn.recv()
            return reply
    except (EOFError, OSError):
        return None
    return None  # only the sentinel was ready: the process ended without a reply


HELD = (signal.SIGINT, signal.SIGTERM)


class _Deferred:
    """The Python handler of SIGINT and SIGTERM while a run's workers are up (main thread only):
    it calls the handler it stands in for, except inside :func:`_signals_held`, where it notes
    the signal for the end of the block.

    Blocking a signal in this thread alone does not hold it: the threads a native engine starts
    (Harper's, OpenBLAS's under numpy) do not block it, the kernel hands it to one of them, and
    Python then runs the handler in this thread at its next instruction, wherever that is: half
    way through ``Process.start()`` (a forked worker the runner does not know of), or in an
    at-fork callback inside ``os.fork()`` (the logging module's), where an exception is printed
    and dropped."""

    def __init__(self) -> None:
        self.handlers: dict[int, Any] = {}  # the handlers stood in for
        self.depth = 0  # nested _signals_held blocks
        self.noted: list[int] = []

    def __call__(self, signum: int, frame: Any) -> None:
        if self.depth:
            self.noted.append(signum)
        elif callable(handler := self.handlers.get(signum)):
            handler(signum, frame)


_DEFERRED = _Deferred()


@contextlib.contextmanager
def held_signals(signals: Sequence[int] = HELD) -> Iterator[None]:
    """SIGINT and SIGTERM (or ``signals``) wait until the block is done, then arrive, even when
    a native engine's thread is the one the kernel hands them to (:class:`_Deferred`): for a
    few steps that must not be cut in two (the swap of a built site, export/staging.py)."""
    with _deferrable_signals(signals), _signals_held(signals):
        yield


@contextlib.contextmanager
def _deferrable_signals(signals: Sequence[int] = HELD) -> Iterator[None]:
    """Put :data:`_DEFERRED` in front of the Python handlers of SIGINT and SIGTERM (or
    ``signals``; in the main thread; elsewhere, or for a signal without a Python handler, only
    the mask holds it)."""
    swapped = []
    try:
        for signum in signals if threading.current_thread() is threading.main_thread() else ():
            handler = signal.getsignal(signum)
            if callable(handler) and handler is not _DEFERRED:
                _DEFERRED.handlers[signum] = handler
                signal.signal(signum, _DEFERRED)
                swapped.append(signum)
        yield
    finally:
        for signum in swapped:  # the entry goes once its handler is back: until then it is used
            signal.signal(signum, _DEFERRED.handlers[signum])
            del _DEFERRED.handlers[signum]


@contextlib.contextmanager
def _signals_held(signals: Sequence[int] = HELD) -> Iterator[None]:
    """SIGINT and SIGTERM (or ``signals``) wait until the block is done, then arrive (see
    :class:`_Deferred`)."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        if not _DEFERRED.depth:
            _DEFERRED.noted.clear()  # left by a block that another signal cut short
        _DEFERRED.depth += 1
    masked = hasattr(signal, "pthread_sigmask")
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signals) if masked else set()
    try:
        yield
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)  # one the kernel held is noted now
        if main:
            _DEFERRED.depth -= 1
            if not _DEFERRED.depth:
                noted, _DEFERRED.noted = list(dict.fromkeys(_DEFERRED.noted)), []
                for signum in noted:  # the first that raises ends the block
                    _DEFERRED(signum, None)


def _stop_all(workers: list[_Worker], graceful: bool) -> None:
    """Stop every worker; a second Ctrl-C or SIGTERM waits until they are reaped."""
    with _signals_held():
        if not graceful:  # all at once, then each is reaped
            for w in workers:
                if not w.closed:
                    with contextlib.suppress(OSError, ValueError):
                        w.process.terminate()
        for w in workers:
            w.stop(graceful)
