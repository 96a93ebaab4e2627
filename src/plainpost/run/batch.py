"""Lint many posts: the cache in front, then the misses across processes (or in this one).

Each worker process builds its linter once (vocabularies, engines; the rules come as data) in
the pool's initializer and then lints the posts it is handed. Workers read the posts themselves
and return findings; only this, the parent process, reads and writes the cache. Output order is
the order of the files given, whatever the order the workers finish in.

Processes come from a ``forkserver`` (``spawn`` where there is none): a clean, single-threaded
server process that has imported plainpost once, so workers start fast and are safe with engines
that hold threads or native handles (Harper, a LanguageTool client), which ``fork`` is not. As
with any such pool, a script that calls this must guard its entry point with
``if __name__ == "__main__":``. The caller's working folder is handed to each worker when it
starts, with the run's settings and rule set as data: workers read no environment and no rule
file (the server keeps the working folder it started with).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from plainpost.document import InputError, read_source
from plainpost.document.source import MAX_BYTES
from plainpost.findings import Finding
from plainpost.lint.linter import Linter
from plainpost.run.rules import RuleSet, Run, build_linter
from plainpost.settings import Settings

# Below this many posts to lint, starting processes costs more than it saves. Each worker builds
# its own linter (about as long as the parent would), so the break-even is a few posts when the
# grammar engine is on (~0.1 s a post) and a few dozen without it (~0.01 s a post).
PARALLEL_MIN_FILES = 16


@dataclass(frozen=True)
class RunSpec:
    """What a worker needs to build the same linter as the parent, as plain (picklable) data:
    the settings and the rule set the parent resolved once. Workers read no rule file and no
    environment."""

    settings: Settings
    ruleset: RuleSet
    cwd: str = field(default_factory=os.getcwd)

    def build(self) -> Linter:
        return build_linter(self.settings, self.ruleset)


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    digest: str = ""  # of the text that was linted, to check it is the text that was keyed


@dataclass
class BatchResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    cache_hits: int = 0
    cache_misses: int = 0
    jobs: int = 1  # processes used for the misses (1: linted in this process)
    notes: list[str] = field(default_factory=list)  # warnings for stderr (e.g. cache skipped)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _normalised(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lint_path(linter: Linter, path: str, shown: str) -> Outcome:
    try:
        source = read_source(Path(path), shown)
        findings = linter.lint_source(source)  # a crash in a check is an InputError too
    except InputError as exc:
        return Outcome(error=str(exc))
    return Outcome(findings, None, text_digest(source.text))


# --- worker side ----------------------------------------------------------------------------

_WORKER_LINTER: Linter | None = None
_WORKER_ERROR: Exception | None = None


def _init_worker(spec: RunSpec) -> None:
    global _WORKER_LINTER, _WORKER_ERROR
    os.chdir(spec.cwd)
    try:
        _WORKER_LINTER = spec.build()
    except Exception as exc:  # e.g. an engine that cannot start: raised again in the parent
        _WORKER_ERROR = exc


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


def _work(item: tuple[str, str]) -> Outcome:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR  # pickled back: the parent sees the same error as a serial run
    assert _WORKER_LINTER is not None, "worker not initialised"
    return lint_path(_WORKER_LINTER, *item)


def lint_in_processes(
    spec: RunSpec,
    items: Sequence[tuple[str, str]],
    jobs: int,
    on_done: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Lint (absolute path, shown path) items in ``jobs`` processes; results in input order."""
    chunk = max(1, min(32, len(items) // (jobs * 8) or 1))
    ctx = _context()
    out: list[Outcome] = []
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(spec,)
    ) as pool:
        for i, outcome in enumerate(pool.map(_work, items, chunksize=chunk)):
            out.append(outcome)
            if on_done:
                on_done(i)
    return out


# --- the batch ------------------------------------------------------------------------------


def _read_for_key(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def lint_batch(
    run: Run,
    files: list[Path],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    on_file: Callable[[str], None] | None = None,
) -> BatchResult:
    """Lint ``files`` in order. ``jobs``: processes for the misses (None: one per core).

    The run's rule set and linter are built only if something needs linting, and once.
    """
    settings = run.settings
    from plainpost.run.files import display_path

    result = BatchResult()
    shown = [display_path(p) for p in files]
    result.files = list(shown)
    slots: list[Outcome | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    texts: list[str | None] = [None] * len(files)

    cache = None
    if use_cache and files:
        from plainpost.run.cache import LintCache, cache_dir, run_key

        cache = LintCache(cache_dir(settings.config), run_key(settings))
        for i, path in enumerate(files):
            data = _read_for_key(path)
            if data is None:
                continue  # unreadable or too big: lint_path says why
            keys[i] = cache.key(shown[i], data)
            texts[i] = _normalised(data)
            hit = cache.get(keys[i] or "")
            if hit is not None:
                slots[i] = Outcome(hit)
                if on_file:
                    on_file(shown[i])

    todo = [i for i, s in enumerate(slots) if s is None]
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    jobs = min(jobs, max(1, len(todo)))
    if jobs > 1 and len(todo) >= PARALLEL_MIN_FILES:
        spec = RunSpec(settings, run.ruleset())  # a bad --select fails here, once
        items = [(str(files[i].resolve()), shown[i]) for i in todo]

        def done(k: int) -> None:
            if on_file:
                on_file(shown[todo[k]])

        for i, outcome in zip(todo, lint_in_processes(spec, items, jobs, done), strict=True):
            slots[i] = outcome
        result.jobs = jobs
    elif todo:
        linter = run.linter()
        for i in todo:
            slots[i] = lint_path(linter, str(files[i]), shown[i])
            if on_file:
                on_file(shown[i])

    for i in todo:
        done_i, key, text = slots[i], keys[i], texts[i]
        if (
            cache is not None
            and done_i is not None
            and done_i.error is None
            and key
            and text is not None
            and done_i.digest == text_digest(text)  # the file did not change while we read it
        ):
            cache.put(key, done_i.findings)

    for slot in slots:
        assert slot is not None
        if slot.error:
            result.errors.append(slot.error)
        result.findings.extend(slot.findings)

    if cache is not None:
        cache.close()
        result.cache_hits, result.cache_misses = cache.hits, cache.misses
        if cache.problem:
            result.notes.append(cache.problem)
    return result


def lint_groups(
    groups: Sequence[tuple[Run, list[Path]]],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    on_file: Callable[[str], None] | None = None,
) -> BatchResult:
    """Lint groups of posts, one linter per group (posts under a nested config get theirs),
    merged back into one result in the order the groups and their files were given."""
    if len(groups) == 1:
        run, files = groups[0]
        return lint_batch(run, files, use_cache=use_cache, jobs=jobs, on_file=on_file)
    out = BatchResult()
    for run, files in groups:
        part = lint_batch(run, files, use_cache=use_cache, jobs=jobs, on_file=on_file)
        out.findings.extend(part.findings)
        out.errors.extend(part.errors)
        out.files.extend(part.files)
        out.cache_hits += part.cache_hits
        out.cache_misses += part.cache_misses
        out.jobs = max(out.jobs, part.jobs)
        out.notes.extend(n for n in part.notes if n not in out.notes)
    return out
