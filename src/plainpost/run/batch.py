"""The one batch runner: ``lint``, ``report``, ``build`` and ``fix`` all go through it.

A batch is groups of posts, one group per run (a nested ``plainpost.toml`` gives its folder's
posts a run of their own), and a task done to each post: lint it, or fix it. :func:`run_posts`
does a task over every post, in this process (the sequential back-end) or in worker processes
(the process back-end, :mod:`plainpost.run.workers`: one post at a time per worker, under a
memory bound; a dying worker becomes one error naming its post). :func:`lint_groups` puts the
cache in front: only posts whose findings are not cached are linted, and only this, the parent
process, reads and writes the cache. Results are in the order of the files given, whatever the
order the workers finish in. The caller's working folder is handed to each worker, with each
run's settings and rule set as data: workers read no environment and no rule file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from plainpost.checks.kinds import KINDS
from plainpost.document import InputError, Source, read_source
from plainpost.document.source import MAX_BYTES
from plainpost.findings import Finding
from plainpost.lint.linter import Linter
from plainpost.run import PARALLEL_MIN_FILES
from plainpost.run.rules import RuleSet, Run, build_linter
from plainpost.run.workers import Failed, Job, R, Task, can_fork, run_jobs
from plainpost.settings import Settings

Group = tuple[Run, Sequence[Path]]  # a run and the posts it checks

# Fork the workers from this process where it can (workers.can_fork), so they share what it
# loaded; False: the forkserver path, as where it cannot. (It was off while a signal that landed
# during the fork could be handled inside it: workers._Deferred holds it now.)
FORK_WORKERS = True


@dataclass(frozen=True)
class RunSpec:
    """What a worker needs to build the same linter as the parent, as plain (picklable) data:
    the settings and the rule set the parent resolved once. Workers read no rule file and no
    environment."""

    settings: Settings
    ruleset: RuleSet
    cwd: str = field(default_factory=os.getcwd)
    # the linter itself, built and warmed by the parent when it forks the workers (they share
    # its pages instead of each building its own and loading the tagger's weights); never
    # pickled: a worker from the forkserver builds its own
    linter: Linter | None = field(default=None, compare=False, repr=False)

    def build(self) -> Linter:
        return self.linter if self.linter is not None else build_linter(self.settings, self.ruleset)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "linter": None}

    def for_fork(self) -> RunSpec:
        """This spec with its linter built, and the tables and models its checks load on first
        use loaded, by a post linted here without the engines' rules (Harper's linter, native
        state, is built by each worker after the fork; its dictionary is already shared)."""
        linter = build_linter(self.settings, self.ruleset)
        own = tuple(r for r in linter.rules if not KINDS[r.kind].needs_engines)
        with contextlib.suppress(InputError):  # a check that fails on it fails on a real post
            replace(linter, rules=own).lint_source(Source.from_text(WARM_POST, "<warm-up>"))
        return replace(self, linter=linter)


# a post that takes each check's first-use loading (the tagger's weights, the real-word model's
# tables and indexes, syllables) before the workers are forked
WARM_POST = """---
title: Warm up
---

# Warm up

The range of exercises are good for your knees. You will most likely here a click when you
stretch, then rest for a while: it is an affect of the cold.

- Ice it for 20 minutes.
"""


@dataclass
class Outcome:
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    digest: str = ""  # of the text that was linted, to check it is the text that was keyed


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)  # one per file, in the files' order
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
    """The lint task: one post's findings (or the one line saying why it was not checked)."""
    try:
        source = read_source(Path(path), shown)
        findings = linter.lint_source(source)  # a crash in a check is an InputError too
    except InputError as exc:
        return Outcome(error=str(exc))
    return Outcome(findings, None, text_digest(source.text))


def lint_failed(shown: str, message: str) -> Outcome:
    return Outcome(error=message)


# --- the runner -----------------------------------------------------------------------------


def run_posts(
    groups: Sequence[Group],
    task: Task[R],
    failed: Failed[R],
    jobs: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> tuple[list[R], int]:
    """``task`` over every post of ``groups``: in this process (the sequential back-end), or in
    ``jobs`` worker processes when there are enough posts for it to pay (the process back-end).
    Results in the groups' and files' order, and the number of processes used. ``failed`` makes
    the result of a post whose worker died; ``on_done`` is told each post's place when done.

    ``task`` is a module-level function (or a ``functools.partial`` of one): it is sent to the
    workers. Each run's rule set is built once, here, and handed to the workers as data."""
    from plainpost.run.files import display_path

    items = [(g, path) for g, (_, files) in enumerate(groups) for path in files]
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    jobs = min(jobs, max(1, len(items)))
    if jobs > 1 and len(items) >= PARALLEL_MIN_FILES:
        # A bad --select is raised here. Where the workers are forked from this process (Linux)
        # they share what it loads: Harper's dictionary too, built on its thread while the
        # rules load and waited for (no thread may be running at the fork). Elsewhere this
        # process lints nothing, so Harper is not warmed here.
        fork = FORK_WORKERS and can_fork()
        specs = [RunSpec(run.settings, run.ruleset(warm=fork)) for run, _ in groups]
        if fork:
            from plainpost.language.harper_engine import wait_for_warm_up

            wait_for_warm_up()
            specs = [spec.for_fork() for spec in specs]
        work = [
            Job(i, g, task, str(path.resolve()), display_path(path))
            for i, (g, path) in enumerate(items)
        ]
        memory = groups[0][0].settings.config.worker_memory_mb
        results = run_jobs(specs, work, jobs, failed, memory_mb=memory, on_done=on_done, fork=fork)
        return results, jobs
    out: list[R] = []
    for i, (g, path) in enumerate(items):
        out.append(task(groups[g][0].linter(), str(path), display_path(path)))
        if on_done:
            on_done(i)
    return out, 1


# --- linting, with the cache in front -------------------------------------------------------


def _read_for_key(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def lint_groups(
    groups: Sequence[Group],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    on_file: Callable[[str], None] | None = None,
) -> BatchResult:
    """Lint the posts of ``groups`` (each with its run's linter) in order: the cache first, then
    the misses through :func:`run_posts`. ``jobs``: processes for the misses (None: one per
    core). A run's rule set and linter are built only if one of its posts needs linting."""
    from plainpost.run.files import display_path

    result = BatchResult()
    flat = [(g, path) for g, (_, files) in enumerate(groups) for path in files]
    shown = [display_path(p) for _, p in flat]
    result.files = list(shown)
    slots: list[Outcome | None] = [None] * len(flat)
    keys: list[str | None] = [None] * len(flat)
    texts: list[str | None] = [None] * len(flat)

    caches = []
    if use_cache and flat:
        from plainpost.run.cache import LintCache, cache_dir, findings_key

        caches = [
            LintCache(cache_dir(run.settings.config), findings_key(run.settings))
            for run, _ in groups
        ]
        for i, (g, path) in enumerate(flat):
            data = _read_for_key(path)
            if data is None:
                continue  # unreadable or too big: lint_path says why
            keys[i] = caches[g].key(shown[i], data)
            texts[i] = _normalised(data)
            hit = caches[g].get(keys[i] or "")
            if hit is not None:
                slots[i] = Outcome(hit, None, text_digest(texts[i] or ""))
                if on_file:
                    on_file(shown[i])

    todo = [i for i, s in enumerate(slots) if s is None]
    if todo:
        by_group: list[list[Path]] = [[] for _ in groups]
        for i in todo:
            by_group[flat[i][0]].append(flat[i][1])
        order = todo  # flat is by group, then file: run_posts' order
        misses = [(run, by_group[g]) for g, (run, _) in enumerate(groups)]

        def done(k: int) -> None:
            if on_file:
                on_file(shown[order[k]])

        outcomes, result.jobs = run_posts(misses, lint_path, lint_failed, jobs, done)
        for i, outcome in zip(order, outcomes, strict=True):
            slots[i] = outcome

    for i in todo:
        done_i, key, text = slots[i], keys[i], texts[i]
        if (
            caches
            and done_i is not None
            and done_i.error is None
            and key
            and text is not None
            and done_i.digest == text_digest(text)  # the file did not change while we read it
            and not groups[flat[i][0]][0].problems  # a rule left out: the next run says so too
        ):
            caches[flat[i][0]].put(key, done_i.findings)

    for slot in slots:
        assert slot is not None
        result.outcomes.append(slot)
        if slot.error:
            result.errors.append(slot.error)
        result.findings.extend(slot.findings)

    for cache in caches:
        cache.close()
        result.cache_hits += cache.hits
        result.cache_misses += cache.misses
        if cache.problem and cache.problem not in result.notes:
            result.notes.append(cache.problem)
    return result


def lint_batch(
    run: Run,
    files: Sequence[Path],
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    on_file: Callable[[str], None] | None = None,
) -> BatchResult:
    """Lint ``files`` with one run (see :func:`lint_groups`)."""
    return lint_groups([(run, files)], use_cache=use_cache, jobs=jobs, on_file=on_file)
