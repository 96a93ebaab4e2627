"""The command line. Imports are lazy so that `plainpost --version` starts fast."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from plainpost import __version__
from plainpost.errors import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_SIGNAL_BASE,
    Interrupted,
    PlainpostError,
    SetupError,
)
from plainpost.formats import FORMATS


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _use_color(choice: str) -> bool:
    """--color first; then FORCE_COLOR (CI logs that render colour), NO_COLOR, a terminal."""
    if choice in ("always", "never"):
        return choice == "always"
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


PROGRESS_DELAY = 2.0  # seconds before a progress bar appears (PLAINPOST_PROGRESS_DELAY)


class _Progress:
    """A progress bar on stderr, only on a terminal, only for text output, and only once a run
    has taken a couple of seconds (a quick run, a hook, a pipe or a CI log never sees it)."""

    def __init__(self, total: int, enabled: bool) -> None:
        import time

        self.total, self.enabled, self.done = total, enabled and total > 1, 0
        self.start = time.monotonic()
        self.bar: Any = None
        try:
            self.delay = float(os.environ.get("PLAINPOST_PROGRESS_DELAY", PROGRESS_DELAY))
        except ValueError:
            self.delay = PROGRESS_DELAY

    def __call__(self, shown: str) -> None:
        import time

        self.done += 1
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            self.bar = click.progressbar(
                length=self.total, label="linting", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
            self.bar.update(self.done)
        else:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _fail(message: str) -> None:
    click.echo(f"plainpost: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _load_config(config_path: str | None) -> Any:
    from plainpost.config import ConfigError, load_config

    try:
        return load_config(Path(config_path) if config_path else None)
    except ConfigError as exc:
        _fail(str(exc))


common_options = [
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file."),
    click.option("--select", multiple=True, help="Only these rule ids or categories (comma list)."),
    click.option("--ignore", multiple=True, help="Skip these rule ids or categories (comma list)."),
]


def with_common(f: Any) -> Any:
    for option in reversed(common_options):
        f = option(f)
    return f


run_options = [
    click.option(
        "--changed-since",
        metavar="REF",
        help="Only posts changed since this git ref (e.g. origin/main).",
    ),
    click.option("--shard", metavar="K/N", help="Only the K-th of N stable shards of the posts."),
    click.option(
        "--cache/--no-cache",
        "use_cache",
        default=True,
        show_default=True,
        help="Reuse findings for unchanged posts (.plainpost_cache/).",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=0),
        default=0,
        envvar="PLAINPOST_JOBS",
        show_envvar=True,
        help="Processes to lint with (0: one per core).",
    ),
]


def with_batch_options(f: Any) -> Any:
    """The batch runner's options (the cache and processes), for fix and build."""
    for option in reversed(run_options[2:]):
        f = option(f)
    return f


def with_run_options(f: Any) -> Any:
    """The options of a lint run over many posts (lint, report), then the common ones."""
    for option in reversed(run_options):
        f = option(f)
    return with_common(f)


def _run(
    config: Any,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fail_on: str | None = None,
    warm: bool = False,
) -> Any:
    """The run: settings resolved once (config file, then PLAINPOST_* environment, then the
    flags as overrides); its rule set and linter are built on first use, once. ``warm``: this
    process will lint with it, so Harper's dictionary starts building on its thread now,
    before the checks' modules are imported (about 0.1 s earlier than the rules would)."""
    from plainpost.settings import Overrides, resolve

    flags = Overrides(tuple(_split(select)), tuple(_split(ignore)), fail_on)
    settings = resolve(config, os.environ, flags)
    if warm:
        from plainpost.language import warm_up

        warm_up(settings)
    from plainpost.run.rules import Run

    return Run(settings)


class RunScope:
    """What a run covers: the run's own config (the working folder's), the posts in groups of
    equal settings (a nested config gives its folder's posts their own), and error lines."""

    def __init__(
        self, base: Any, run: Any, groups: list[tuple[Any, list[Path]]], errors: list[str]
    ):
        self.base = base
        self.run = run  # the run of the working folder's config (exit level, SARIF rules)
        self.groups = groups  # (run, posts): one run per distinct config
        self.errors = errors

    @property
    def files(self) -> list[Path]:
        return [f for _, files in self.groups for f in files]

    def rule_problems(self) -> list[str]:
        """The content repo's rule files the run left out (each once, whichever group read
        it): printed to stderr after the run's output, and the exit code is 2."""
        out: list[str] = []
        for run in [self.run, *(run for run, _ in self.groups)]:
            out += [p for p in run.problems if p not in out]
        return out


def _say_rule_problems(scope: RunScope) -> list[str]:
    problems = scope.rule_problems()
    for problem in problems:
        click.echo(f"plainpost: error: {problem}", err=True)
    return problems


def _config_set(config_path: str | None) -> Any:
    from plainpost.config import ConfigError, ConfigSet

    try:
        return ConfigSet(Path(config_path) if config_path else None)
    except ConfigError as exc:
        _fail(str(exc))


def _run_scope(
    paths: tuple[Path, ...],
    config_path: str | None,
    changed_since: str | None,
    shard: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    force_exclude: bool | None = None,
    fail_on: str | None = None,
    lints_all: bool = False,
) -> RunScope:
    """Config, the posts this run covers (grouped by config), and errors for paths that could
    not be used. ``lints_all``: every post will be linted (no findings cache), so when they
    are few enough to be linted in this process, Harper's dictionary starts building now."""
    from plainpost.run import PARALLEL_MIN_FILES
    from plainpost.run.files import select_posts

    configs = _config_set(config_path)
    selection = select_posts(list(paths), configs, force_exclude)
    errors = list(selection.errors)
    files = _scope(selection, changed_since, shard, errors)
    keep = set(files)
    warm = lints_all and 0 < len(files) < PARALLEL_MIN_FILES
    members = [(config, [f for f in posts if f in keep]) for config, posts in selection.groups()]
    base_linted = any(posts for config, posts in members if config == configs.base)
    base = _run(configs.base, select, ignore, fail_on, warm and base_linted)
    groups = [
        (
            base
            if config == configs.base
            else _run(config, select, ignore, fail_on, warm and bool(posts)),
            posts,
        )
        for config, posts in members
    ]
    return RunScope(configs.base, base, [g for g in groups if g[1]], errors)


force_exclude_option = click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply include/exclude and .gitignore to files named on the command line too "
    "(default: on; config key force_exclude).",
)


baseline_options = [
    click.option(
        "--baseline",
        "baseline_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Known findings to hide (default: the config's baseline, "
        ".plainpost-baseline.json next to it).",
    ),
    click.option("--no-baseline", is_flag=True, help="Show every finding; ignore the baseline."),
]


def with_baseline(f: Any) -> Any:
    for option in reversed(baseline_options):
        f = option(f)
    return f


def _baseline_file(config: Any, explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    return config.resolve(config.baseline) if config.baseline else None


def _source_texts() -> Any:
    """Post texts by shown path, read once (for excerpts and baseline keys)."""
    from plainpost.document import InputError, read_source

    texts: dict[str, str] = {}

    def text_of(path: str) -> str:
        if path not in texts:
            try:
                texts[path] = read_source(Path(path), path).text
            except InputError:
                texts[path] = ""
        return texts[path]

    return text_of, texts


def _on_signal(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def _stopped(signum: int) -> None:
    """A run stopped by a signal: one line, and 128 + the signal's number (130, 143)."""
    import signal

    name = signal.Signals(signum).name
    click.echo(f"plainpost: stopped by {name}", err=True)
    sys.exit(EXIT_SIGNAL_BASE + signum)


class _Commands(click.Group):
    """Every plainpost error a command lets through is one line on stderr and exit code 2.

    SIGTERM (and SIGHUP) unwind a run as Ctrl-C does: the exception stops the workers (the batch
    runner reaps them), no output file is half-written (writes are atomic), and the command exits
    128 + the signal's number, with one line; never click's "Aborted!" and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        import signal

        previous: dict[int, Any] = {}
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None and signal.getsignal(signum) in (signal.SIG_DFL, None):
                previous[signum] = signal.signal(signum, _on_signal)
        streams = _names_as_bytes()
        try:
            return super().invoke(ctx)
        except PlainpostError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _stopped(signal.SIGINT)
        except Interrupted as exc:
            _stopped(exc.signum)
        finally:  # in-process callers (tests, scripts) get their own handlers back
            for signum, handler in previous.items():
                signal.signal(signum, handler)
            for stream, errors in streams:
                with contextlib.suppress(Exception):
                    stream.reconfigure(errors=errors)


def _names_as_bytes() -> list[tuple[Any, str]]:
    """A file name that is not UTF-8 (held as lone surrogates) is printed as its bytes, as `ls`
    prints it, in any locale: Python's stdout is strict outside the C locale (en_US.UTF-8,
    PYTHONIOENCODING=utf-8), and one such name would end the run in a traceback. JSON formats
    escape those bytes themselves (formats.dumps_json), so their output stays valid UTF-8."""
    changed = []
    for stream in (sys.stdout, sys.stderr):
        errors = getattr(stream, "errors", None)
        if errors in (None, "surrogateescape") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors="surrogateescape")
        except Exception:  # a stream that cannot change (a test's capture): leave it be
            continue
        changed.append((stream, errors))
    return changed


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plainpost")
def main() -> None:
    """Plain-language linter and publishing pipeline for health blog posts."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1 (default from config: error).",
)
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to a file instead of stdout.",
)
@click.option(
    "--also",
    "also",
    multiple=True,
    metavar="FORMAT=PATH",
    help="Also write this format to a file, from the same run (repeatable).",
)
@click.option(
    "--step-summary/--no-step-summary",
    default=None,
    help="Append a Markdown summary of every finding to $GITHUB_STEP_SUMMARY "
    "(default: on with --format github when that variable is set).",
)
@force_exclude_option
@with_baseline
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="With `lint -`: the post's path, for output, config and exclude (as editors pass it).",
)
@with_run_options
def lint(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
    color: str,
    output: Path | None,
    also: tuple[str, ...],
    step_summary: bool | None,
    force_exclude: bool | None,
    baseline_path: Path | None,
    no_baseline: bool,
    statistics: bool,
    stdin_filename: str | None,
    changed_since: str | None,
    shard: str | None,
    use_cache: bool,
    jobs: int,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Check Markdown posts (files or folders; default content/)."""
    extra = _parse_also(also)
    stdin = [str(p) for p in paths] == ["-"]
    if stdin:
        scope = _stdin_scope(config_path, stdin_filename, force_exclude, select, ignore, fail_on)
    else:
        scope = _run_scope(
            paths,
            config_path,
            changed_since,
            shard,
            select,
            ignore,
            force_exclude,
            fail_on,
            lints_all=not use_cache,
        )
    # imported after the scope: with --no-cache, Harper's dictionary is building meanwhile
    from plainpost.formats import Report, reporter
    from plainpost.run.batch import lint_groups
    from plainpost.run.files import display_path

    config = scope.base
    run = scope.run
    progress = _Progress(len(scope.files), fmt == "text" and output is None and sys.stderr.isatty())
    try:
        if stdin:
            result = _lint_stdin(scope, stdin_filename, select, ignore)
        else:
            result = lint_groups(
                list(scope.groups), use_cache=use_cache, jobs=jobs, on_file=progress
            )
    except SetupError as exc:
        _fail(str(exc))
    finally:
        progress.close()
    errors = scope.errors
    for note in result.notes:
        click.echo(f"plainpost: warning: {note}", err=True)
    result.errors[:0] = errors
    text_of, _ = _source_texts()
    path = None if no_baseline else _baseline_file(config, baseline_path)
    if path is not None and (path.exists() or baseline_path is not None):
        from plainpost.run.baseline import BaselineError, apply, describe, load

        try:
            known = load(path)
        except BaselineError as exc:
            result.errors.append(str(exc))  # every finding shown; exit 2
        else:
            failed = {e.partition(": ")[0] for e in result.errors}
            linted = [f for f in result.files if f not in failed]
            applied = apply(known, result.findings, text_of, linted)
            result.findings = applied.findings
            if applied.hidden:
                click.echo(
                    f"plainpost: {applied.hidden} finding(s) hidden by the baseline "
                    f"{display_path(path)}",
                    err=True,
                )
            for key in applied.fixed:
                click.echo(f"plainpost: fixed since the baseline: {describe(key)}", err=True)
            if applied.fixed:
                click.echo(
                    f"plainpost: {len(applied.fixed)} baselined finding(s) fixed: run "
                    "`plainpost baseline --prune` to drop them from the baseline",
                    err=True,
                )
    formats = {fmt, *extra}
    rules = {}
    if "sarif" in formats:
        try:
            rules = {r.id: r for _run_, _ in scope.groups for r in _run_.ruleset().chosen}
            if not scope.groups:
                rules = {r.id: r for r in run.ruleset().chosen}
        except SetupError as exc:
            _fail(str(exc))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary is None:
        step_summary = fmt == "github" and bool(summary_path)
    sources = {}
    if formats & {"text", "rdjson"}:
        for f in result.findings:
            sources[f.path] = text_of(f.path)
    report = Report(
        findings=result.findings,
        errors=result.errors,
        files=result.files,
        rules=rules,
        sources=sources,
        color=_use_color(color) and output is None,
        version=__version__,
    )
    report = _from_repo_root(report)
    text = reporter(fmt)(report)
    if output is not None:
        from plainpost.fsutil import atomic_write

        atomic_write(output, text)
    else:
        click.echo(text, nl=False, color=report.color or None)  # else click strips it off a pipe
    _write_extra(report, extra)
    if step_summary:
        _append_step_summary(report, summary_path)
    if statistics:
        table = _statistics(report.findings)
        if fmt == "text" and output is None:
            click.echo(table)
        else:
            click.echo(table, err=True)
    if fmt != "text":
        for error in result.errors:
            click.echo(f"plainpost: error: {error}", err=True)
    if _say_rule_problems(scope):
        sys.exit(EXIT_ERROR)
    sys.exit(exit_code(result.findings, result.errors, run.settings.fail_level))


def _stdin_scope(
    config_path: str | None,
    name: str | None,
    force_exclude: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None = None,
) -> RunScope:
    from plainpost.run.files import Selector

    configs = _config_set(config_path)
    path = Path(name or "-")
    selector = Selector(configs, force_exclude)
    try:
        config = selector.config_of(Path(os.path.abspath(path)))
    except PlainpostError as exc:
        _fail(str(exc))
    base = _run(configs.base, select, ignore, fail_on)
    if name and selector.force_exclude and not selector.wanted(path):
        return RunScope(configs.base, base, [], [])  # an excluded file: nothing to say, as ruff
    run = base if config == configs.base else _run(config, select, ignore, fail_on)
    return RunScope(configs.base, base, [(run, [path])], [])


def _lint_stdin(
    scope: RunScope, name: str | None, select: tuple[str, ...], ignore: tuple[str, ...]
) -> Any:
    """`plainpost lint -`: the post from standard input, linted as --stdin-filename."""
    from plainpost.document import InputError, Source
    from plainpost.run.batch import BatchResult

    result = BatchResult()
    if not scope.groups:
        return result
    run, _ = scope.groups[0]
    shown = name or "-"
    data = sys.stdin.buffer.read()
    result.files = [shown]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.errors.append(f"{shown}: not UTF-8 text (byte {exc.start}); nothing checked")
        return result
    try:
        result.findings = run.linter().lint_source(Source.from_text(text, shown))
    except InputError as exc:
        result.errors.append(str(exc))
    return result


def _statistics(findings: list[Any]) -> str:
    """Findings per rule, most first (ruff's --statistics)."""
    from collections import Counter

    counts = Counter(f.rule for f in findings)
    severity = {f.rule: f.severity.label for f in findings}
    if not counts:
        return "no findings"
    width = max(len(str(n)) for n in counts.values())
    rows = [
        f"{n:>{width}}  {rule}  ({severity[rule]})"
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return "\n".join(rows)


def _parse_also(values: tuple[str, ...]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not path or name not in FORMATS:
            raise click.BadParameter(
                f"{value!r}: use FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}",
                param_hint="--also",
            )
        out[name] = Path(path)
    return out


def _write_extra(report: Any, extra: dict[str, Path]) -> None:
    from dataclasses import replace

    from plainpost.formats import reporter
    from plainpost.fsutil import atomic_write

    for name, path in extra.items():
        try:
            atomic_write(path, reporter(name)(replace(report, color=False)))
        except OSError as exc:
            _fail(f"{path}: cannot write: {exc.strerror or exc}")


def _append_step_summary(report: Any, path: str | None) -> None:
    from plainpost.formats import reporter

    if not path:
        click.echo("plainpost: warning: --step-summary: GITHUB_STEP_SUMMARY is not set", err=True)
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(reporter("summary")(report) + "\n")
    except OSError as exc:
        click.echo(f"plainpost: warning: cannot write the job summary: {exc}", err=True)


def _from_repo_root(report: Any) -> Any:
    """In GitHub Actions, run in a subfolder: paths from the repository root, as GitHub needs."""
    from dataclasses import replace

    from plainpost.run.gitscope import workspace_prefix

    prefix = workspace_prefix(os.environ)
    if not prefix or prefix.startswith("/"):
        return report

    def up(path: str) -> str:
        return path if path.startswith(("/", "../")) else f"{prefix}/{path}"

    return replace(
        report,
        findings=[replace(f, path=up(f.path)) for f in report.findings],
        files=[up(p) for p in report.files],
        errors=[up(e) for e in report.errors],
        sources={up(k): v for k, v in report.sources.items()},
    )


def _scope(
    selection: Any, changed_since: str | None, shard: str | None, errors: list[str]
) -> list[Path]:
    """--changed-since, then --shard: the posts this job lints.

    --changed-since keeps the posts changed since the ref, unless something that every post's
    findings depend on changed (a config file, a rule folder, a vocabulary, a snippet: what the
    cache key hashes): then it keeps every post and says why. A ref that cannot be used is an
    error line (exit 2), and every post is linted, so nothing goes unchecked.
    """
    from plainpost.run.files import display_path
    from plainpost.run.gitscope import (
        ScopeError,
        changed_files,
        changed_inputs,
        in_shard,
        only_changed,
        parse_shard,
    )

    files: list[Path] = selection.files
    if changed_since:
        try:
            changed = changed_files(changed_since)
        except ScopeError as exc:
            errors.append(str(exc))
            click.echo(f"plainpost: {exc}: linting every post", err=True)
        else:
            seen: list[Any] = []
            reasons: list[str] = []
            for config in selection.configs:
                if any(config is c for c in seen):
                    continue
                seen.append(config)
                reasons += [r for r in changed_inputs(config, changed) if r not in reasons]
            if reasons:
                shown = ", ".join(reasons[:3]) + (
                    f" and {len(reasons) - 3} more" if len(reasons) > 3 else ""
                )
                click.echo(
                    f"plainpost: linting every post: {shown} changed since {changed_since}",
                    err=True,
                )
            else:
                files = only_changed(files, changed)
                if not files:
                    click.echo(f"plainpost: no posts changed since {changed_since}", err=True)
    if shard:
        try:
            k, n = parse_shard(shard)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--shard") from None
        files = in_shard(files, k, n, [display_path(f) for f in files])
    return files


def exit_code(findings: list[Any], errors: list[str], fail_on: str) -> int:
    if errors:
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    from plainpost.findings import Severity

    floor = Severity.parse(fail_on)
    return EXIT_FINDINGS if any(f.severity >= floor for f in findings) else EXIT_OK


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--title", default="plainpost report", show_default=True, help="Page title.")
@with_run_options
def report(
    paths: tuple[Path, ...],
    out: Path,
    title: str,
    changed_since: str | None,
    shard: str | None,
    use_cache: bool,
    jobs: int,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Write one self-contained HTML page: posts with findings highlighted, scores, a table."""
    from plainpost.fsutil import atomic_write
    from plainpost.report import build_report

    scope = _run_scope(paths, config_path, changed_since, shard, select, ignore)
    errors = scope.errors
    try:
        result = build_report(
            scope.run,
            scope.files,
            use_cache=use_cache,
            jobs=jobs,
            version=__version__,
            title=title,
            groups=scope.groups,
        )
    except SetupError as exc:
        _fail(str(exc))
    try:
        atomic_write(out, result.html)
    except OSError as exc:
        _fail(f"{out}: cannot write: {exc.strerror or exc}")
    problems = [*errors, *result.errors]
    for error in problems:
        click.echo(f"plainpost: error: {error}", err=True)
    problems += _say_rule_problems(scope)
    click.echo(
        f"wrote {out}: {len(result.posts)} post(s), {len(result.findings)} finding(s)", err=True
    )
    sys.exit(EXIT_ERROR if problems else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--prune",
    is_flag=True,
    help="Only drop entries that no longer match; never add findings.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: the config's baseline, .plainpost-baseline.json).",
)
@force_exclude_option
@with_run_options
def baseline(
    paths: tuple[Path, ...],
    prune: bool,
    baseline_path: Path | None,
    force_exclude: bool | None,
    changed_since: str | None,
    shard: str | None,
    use_cache: bool,
    jobs: int,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Record the posts' current findings in the baseline, so `lint` shows only new ones.

    Entries of posts not in this run are kept; --prune drops the fixed ones without adding any.
    """
    from plainpost.run.baseline import Baseline, BaselineError, load, rebuilt
    from plainpost.run.batch import lint_groups
    from plainpost.run.files import display_path

    scope = _run_scope(paths, config_path, changed_since, shard, select, ignore, force_exclude)
    path = _baseline_file(scope.base, baseline_path) or scope.base.resolve(
        ".plainpost-baseline.json"
    )
    try:
        old = load(path)
    except BaselineError as exc:
        if prune:
            _fail(str(exc))
        click.echo(f"plainpost: warning: {exc}: replacing it", err=True)
        old = Baseline(path)
    try:
        result = lint_groups(list(scope.groups), use_cache=use_cache, jobs=jobs)
    except SetupError as exc:
        _fail(str(exc))
    errors = [*scope.errors, *result.errors]
    failed = {e.partition(": ")[0] for e in errors}
    linted = [f for f in result.files if f not in failed]
    text_of, _ = _source_texts()
    new = rebuilt(old, result.findings, text_of, linted, prune)
    new.write()
    for error in errors:
        click.echo(f"plainpost: error: {error}", err=True)
    errors += _say_rule_problems(scope)
    dropped = sum((old.entries - new.entries).values())
    posts = len({k[0] for k in new.entries})
    click.echo(
        f"wrote {display_path(path)}: {sum(new.entries.values())} finding(s) in {posts} post(s)"
        + (f", {dropped} fixed one(s) dropped" if dropped else ""),
        err=True,
    )
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command("config")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
def config_command(path: Path | None, config_path: str | None) -> None:
    """Print the resolved settings (for PATH's folder: default here) and where each came from."""
    import json as _json
    from dataclasses import asdict

    from plainpost.config import ConfigError, ConfigSet, settable_keys
    from plainpost.run.files import display_path

    try:
        configs = ConfigSet(Path(config_path) if config_path else None)
        folder = path if path is not None and path.is_dir() else (path or Path(".")).parent
        config = configs.for_folder(folder if path is not None else Path("."))
    except ConfigError as exc:
        _fail(str(exc))
    read = [
        display_path(f) + (" [tool.plainpost]" if f.name == "pyproject.toml" else "")
        for f in config.files
    ]
    if config.header and config.path and config.path.name == "plainpost.toml":
        read[-1] += " [tool.plainpost]"
    click.echo("# files read, farthest first: " + (", ".join(read) or "none (defaults)"))
    values = asdict(config)
    env = _env_overrides()
    for key in settable_keys():
        value = values[key]
        origin = config.origins.get(key)
        source = display_path(Path(origin)) if origin else "default"
        text = _json.dumps(value, ensure_ascii=False, default=str)
        click.echo(f"{key} = {text}  # {source}")
    for name, effect in env:
        click.echo(f"# environment: {name} {effect}")


def _env_overrides() -> list[tuple[str, str]]:
    out = []
    for name, effect in (
        ("PLAINPOST_HARPER", "overrides harper.enabled"),
        ("PLAINPOST_LANGUAGETOOL", "overrides languagetool.enabled"),
        ("PLAINPOST_LANGUAGETOOL_URL", "overrides languagetool.url (and switches it on)"),
    ):
        if os.environ.get(name, "").strip():
            out.append((f"{name}={os.environ[name].strip()}", effect))
    return out


@main.command()
@click.argument("name", type=click.Choice(["config", "rule"]))
def schema(name: str) -> None:
    """Print the JSON Schema of plainpost.toml (config) or of a rule file (rule)."""
    from plainpost.run.schemas import dumps

    click.echo(dumps(name), nl=False)


@main.command()
@click.argument("rule_id", required=False)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text")
def rules(rule_id: str | None, config_path: str | None, fmt: str) -> None:
    """List every rule, or show one rule's documentation and examples."""
    from plainpost.rulebook.docs import rule_list, rule_page
    from plainpost.run.rules import all_rules

    config = _load_config(config_path)
    try:
        loaded = all_rules(config)
    except SetupError as exc:
        _fail(str(exc))
    if rule_id is None:
        click.echo(rule_list(loaded, markdown=fmt == "markdown"))
        return
    match = [r for r in loaded if r.id == rule_id]
    if not match:
        from plainpost.schema import did_you_mean

        hint = did_you_mean(rule_id, [r.id for r in loaded])
        _fail(f"no rule {rule_id!r}{hint} (run `plainpost rules` to list them)")
    click.echo(rule_page(match[0]))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print the changes as a diff; do not write.")
@click.option("--check", is_flag=True, help="Exit 1 if anything would change; do not write.")
@click.option("--notes", is_flag=True, help="Also insert missing safety notes from rules/.")
@with_batch_options
@with_common
def fix(
    paths: tuple[Path, ...],
    diff: bool,
    check: bool,
    notes: bool,
    use_cache: bool,
    jobs: int,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Apply safe fixes to posts (atomic writes; code and suppressed text are left alone)."""
    from plainpost.fix import fix_posts, unified_diff
    from plainpost.fsutil import ChangedOnDisk, replace_file

    scope = _run_scope(paths, config_path, None, None, select, ignore)
    errors = list(scope.errors)
    try:
        fixed = fix_posts(scope.groups, notes=notes, use_cache=use_cache, jobs=jobs)
    except SetupError as exc:
        _fail(str(exc))
    changed = 0
    for path, post in zip(scope.files, fixed, strict=True):
        shown, raw, data, result = post.shown, post.raw, post.data, post.result
        if post.error is not None:
            errors.append(post.error)
            continue
        if result is None:
            continue
        for line in result.skipped:
            click.echo(f"plainpost: warning: {line}", err=True)
        if not result.applied or result.raw == raw:
            continue
        changed += 1
        if diff or check:
            if diff:
                before = raw.replace("\r\n", "\n").replace("\r", "\n")
                click.echo(unified_diff(shown, before, result.text), nl=False)
            else:
                click.echo(f"would fix {shown} ({len(result.applied)} change(s))")
            continue
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        try:
            replace_file(path, bom + result.raw.encode("utf-8"), data)
        except ChangedOnDisk as exc:
            errors.append(f"{shown}: {exc}")
            continue
        except OSError as exc:
            errors.append(f"{shown}: cannot write ({exc.strerror or exc}); not changed")
            continue
        click.echo(f"fixed {shown}: {len(result.applied)} change(s)")
    for error in errors:
        click.echo(f"plainpost: error: {error}", err=True)
    errors += _say_rule_problems(scope)
    if errors:
        sys.exit(EXIT_ERROR)
    if (check or diff) and changed:  # as ruff: a diff that is not empty fails
        sys.exit(EXIT_FINDINGS)
    if not changed:
        click.echo("nothing to fix", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the site to.",
)
@click.option("--force", is_flag=True, help="Publish posts even if they have errors.")
@click.option(
    "--site-name",
    default="",
    help="Name shown on every page and as the index title (default: [tool.plainpost.site] "
    "name, or Health advice).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "fragments", "markdown"]),
    default=None,
    help="html: whole pages; fragments: body HTML per post and posts.json; markdown: cleaned "
    "Markdown for Hugo, Jekyll, Eleventy or Astro (default: [tool.plainpost.site] format, or "
    "html).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file.")
@with_batch_options
def build(
    paths: tuple[Path, ...],
    out: Path,
    force: bool,
    site_name: str,
    output_format: str | None,
    config_path: str | None,
    use_cache: bool,
    jobs: int,
) -> None:
    """Lint, clean and publish posts as HTML (files or folders; default content/)."""
    from plainpost.export import build_site
    from plainpost.export.messages import link_lines, post_lines, summary_line

    scope = _run_scope(paths, config_path, None, None, (), ())

    def show(post: Any) -> None:
        for line in post_lines(post):
            click.echo(line)

    try:
        result = build_site(
            list(paths),
            out,
            scope.run,
            force=force,
            site_name=site_name,
            on_post=show,
            output_format=output_format or "",
            groups=scope.groups,
            use_cache=use_cache,
            jobs=jobs,
        )
    except SetupError as exc:
        _fail(str(exc))
    for note in result.notes:
        click.echo(f"plainpost: warning: {note}", err=True)
    result.errors[:0] = scope.errors
    for line in link_lines(result):
        click.echo(line)
    for error in result.errors:
        click.echo(f"plainpost: error: {error}", err=True)
    problems = _say_rule_problems(scope)
    click.echo(summary_line(result), err=True)
    sys.exit(EXIT_ERROR if problems else result.exit_code)


@main.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk LSP over stdin and stdout (the only transport; editors' clients pass this flag).",
)
def server(stdio: bool) -> None:
    """Run the language server: findings, fixes and rule docs while you write (LSP, stdio)."""
    from plainpost.server.lsp import serve

    serve()
