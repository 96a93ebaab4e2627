"""The command line. Imports are lazy so that `plainpost --version` starts fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from plainpost import __version__
from plainpost.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PlainpostError, SetupError
from plainpost.formats import FORMATS


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


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
        help="Processes to lint with (0: one per core).",
    ),
]


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
) -> Any:
    """The run: settings resolved once (config file, then PLAINPOST_* environment, then the
    flags as overrides); its rule set and linter are built on first use, once."""
    from plainpost.run.rules import Run
    from plainpost.settings import Overrides, resolve

    flags = Overrides(tuple(_split(select)), tuple(_split(ignore)), fail_on)
    return Run(resolve(config, os.environ, flags))


def _run_scope(
    paths: tuple[Path, ...],
    config_path: str | None,
    changed_since: str | None,
    shard: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None = None,
) -> tuple[Any, list[Path], list[str]]:
    """The run, the posts it covers, and errors for paths that could not be listed."""
    from plainpost.run.files import collect_files

    config = _load_config(config_path)
    files, errors = collect_files(list(paths) or [Path("content")], config)
    files = _scope(files, changed_since, shard)
    return _run(config, select, ignore, fail_on), files, errors


class _Commands(click.Group):
    """Every plainpost error a command lets through is one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlainpostError as exc:
            _fail(str(exc))


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
@with_run_options
def lint(
    paths: tuple[Path, ...],
    fmt: str,
    fail_on: str | None,
    color: str,
    output: Path | None,
    also: tuple[str, ...],
    step_summary: bool | None,
    changed_since: str | None,
    shard: str | None,
    use_cache: bool,
    jobs: int,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Check Markdown posts (files or folders; default content/)."""
    from plainpost.formats import Report, reporter
    from plainpost.run.batch import lint_batch

    extra = _parse_also(also)
    run, files, errors = _run_scope(
        paths, config_path, changed_since, shard, select, ignore, fail_on
    )
    try:
        result = lint_batch(run, files, use_cache=use_cache, jobs=jobs)
    except SetupError as exc:
        _fail(str(exc))
    for note in result.notes:
        click.echo(f"plainpost: warning: {note}", err=True)
    result.errors[:0] = errors
    formats = {fmt, *extra}
    rules = {}
    if "sarif" in formats:
        try:
            rules = {r.id: r for r in run.ruleset().chosen}
        except SetupError as exc:
            _fail(str(exc))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary is None:
        step_summary = fmt == "github" and bool(summary_path)
    sources = {}
    if formats & {"text", "rdjson"}:
        from plainpost.document import InputError, read_source

        for f in result.findings:
            if f.path not in sources:
                try:
                    sources[f.path] = read_source(Path(f.path), f.path).text
                except InputError:
                    sources[f.path] = ""
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
    if fmt != "text":
        for error in result.errors:
            click.echo(f"plainpost: error: {error}", err=True)
    sys.exit(exit_code(result.findings, result.errors, run.settings.fail_level))


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


def _scope(files: list[Path], changed_since: str | None, shard: str | None) -> list[Path]:
    """--changed-since, then --shard: the posts this job lints."""
    from plainpost.run.files import display_path
    from plainpost.run.gitscope import (
        ScopeError,
        changed_files,
        in_shard,
        only_changed,
        parse_shard,
    )

    if changed_since:
        try:
            files = only_changed(files, changed_files(changed_since))
        except ScopeError as exc:
            _fail(str(exc))
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

    run, files, errors = _run_scope(paths, config_path, changed_since, shard, select, ignore)
    try:
        result = build_report(
            run, files, use_cache=use_cache, jobs=jobs, version=__version__, title=title
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
    click.echo(
        f"wrote {out}: {len(result.posts)} post(s), {len(result.findings)} finding(s)", err=True
    )
    sys.exit(EXIT_ERROR if problems else EXIT_OK)


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
        _fail(f"no rule {rule_id!r} (run `plainpost rules` to list them)")
    click.echo(rule_page(match[0]))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--diff", is_flag=True, help="Print the changes as a diff; do not write.")
@click.option("--check", is_flag=True, help="Exit 1 if anything would change; do not write.")
@click.option("--notes", is_flag=True, help="Also insert missing safety notes from rules/.")
@with_common
def fix(
    paths: tuple[Path, ...],
    diff: bool,
    check: bool,
    notes: bool,
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Apply safe fixes to posts (atomic writes; code and suppressed text are left alone)."""
    from plainpost.document import InputError, decode_post, read_post_bytes
    from plainpost.fix import fix_post, unified_diff
    from plainpost.fsutil import ChangedOnDisk, replace_file
    from plainpost.run.files import collect_files, display_path

    config = _load_config(config_path)
    try:
        linter = _run(config, select, ignore).linter()
    except SetupError as exc:
        _fail(str(exc))
    from plainpost.checks.kinds import KINDS

    notes_rules = frozenset(r.id for r in linter.rules if notes and KINDS[r.kind].needs_snippets)

    files, errors = collect_files(list(paths) or [Path("content")], config)
    changed = 0
    for path in files:
        shown = display_path(path)
        try:
            data = read_post_bytes(path, shown)
            raw = decode_post(data, shown)
            result = fix_post(raw, shown, linter, notes_rules)
        except InputError as exc:
            errors.append(str(exc))
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
    if errors:
        sys.exit(EXIT_ERROR)
    if check and changed:
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
def build(
    paths: tuple[Path, ...],
    out: Path,
    force: bool,
    site_name: str,
    output_format: str | None,
    config_path: str | None,
) -> None:
    """Lint, clean and publish posts as HTML (files or folders; default content/)."""
    from plainpost.export import build_site
    from plainpost.export.messages import link_lines, post_lines, summary_line

    config = _load_config(config_path)

    def show(post: Any) -> None:
        for line in post_lines(post):
            click.echo(line)

    try:
        result = build_site(
            list(paths) or [Path("content")],
            out,
            _run(config),
            force=force,
            site_name=site_name,
            on_post=show,
            output_format=output_format or "",
        )
    except SetupError as exc:
        _fail(str(exc))
    for line in link_lines(result):
        click.echo(line)
    for error in result.errors:
        click.echo(f"plainpost: error: {error}", err=True)
    click.echo(summary_line(result), err=True)
    sys.exit(result.exit_code)


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
