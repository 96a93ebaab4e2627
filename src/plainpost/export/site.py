"""One build: lint each post, refuse those with errors, clean, render and write the site.

No printing here: :func:`build_site` returns what happened to each post and the CLI reports it.
Every file is written atomically and only when its bytes change, so a crash never leaves half
a page and an unchanged site keeps its timestamps. The same input always gives the same bytes.

Layout of the output folder::

    index.html            the published posts, newest first
    style.css
    <slug>/index.html     one page per post; the slug is the front matter `slug` or the file name
    <slug>/images/...     local images the post uses, copied from beside the post

    .plainpost-build.json what this build wrote (see ``manifest``): the pages of deleted or
                          renamed posts are removed on the next build, nothing else is

Pages of posts that are refused are not deleted: the last published version stays online.
A folder that is not empty and has no manifest is refused: plainpost did not make it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from plainpost.checks import sections
from plainpost.checks.kinds import KINDS
from plainpost.config import Config
from plainpost.document import Block, Document, InputError, Source, parse_document, read_source
from plainpost.document.html import url_scheme
from plainpost.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, SetupError
from plainpost.export import staging
from plainpost.export.assets import local_assets
from plainpost.export.clean import clean_document
from plainpost.export.feeds import atom_xml, sitemap_xml
from plainpost.export.images import add_image_sizes, image_sizes
from plainpost.export.links import PostLinks, broken_links
from plainpost.export.manifest import Manifest, read_manifest, remove_stale, write_manifest
from plainpost.export.meta import PostInfo, post_info
from plainpost.export.outputs import (
    Readability,
    clean_markdown,
    post_record,
    posts_json,
    reading_minutes,
)
from plainpost.export.page import index_page, post_page, stylesheet
from plainpost.export.render import render_body, render_markdown
from plainpost.export.siteconf import Site, resolve_site
from plainpost.export.verify import missing_blocks
from plainpost.findings import Finding, Severity
from plainpost.fsutil import atomic_write
from plainpost.readability.scores import body_sentences, scores
from plainpost.rulebook import Rule
from plainpost.run.batch import Group, Outcome, lint_groups, text_digest
from plainpost.run.files import collect_files, display_path
from plainpost.run.rules import RuleSet, Run, rule_folders

Status = Literal["built", "forced", "refused", "skipped", "unreadable", "failed"]
DEFAULT_SITE_NAME = "Health advice"


class BuildError(SetupError):
    """The build cannot start (for example, the output path is a file)."""


@dataclass(frozen=True)
class PostResult:
    path: str  # the source, as shown to the user
    status: Status
    page: str = ""  # the page written, as shown to the user
    errors: tuple[Finding, ...] = ()  # error-level findings (why it was refused or forced)
    problem: str = ""  # one line: why it could not be read, or why it was refused
    notes: tuple[str, ...] = ()  # what cleaning did; images that could not be copied


@dataclass
class BuildResult:
    out: Path
    posts: list[PostResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each: missing or unreadable input
    written: list[Path] = field(default_factory=list)  # files whose bytes changed
    removed: list[Path] = field(default_factory=list)  # stale files of earlier builds
    links: list[Finding] = field(default_factory=list)  # internal links that point at nothing
    cache_hits: int = 0  # posts whose findings came from the lint cache
    cache_misses: int = 0
    notes: list[str] = field(default_factory=list)  # warnings (e.g. the cache was skipped)

    def count(self, *statuses: Status) -> int:
        return sum(p.status in statuses for p in self.posts)

    @property
    def exit_code(self) -> int:
        if self.errors or self.count("unreadable", "failed"):
            return EXIT_ERROR
        return EXIT_FINDINGS if self.count("refused") else EXIT_OK


@dataclass(frozen=True)
class _Page:
    info: PostInfo
    source: Path


def build_site(
    paths: Iterable[Path],
    out: Path,
    run: Run,
    *,
    force: bool = False,
    site_name: str = "",
    on_post: Callable[[PostResult], None] | None = None,
    output_format: str = "",
    groups: Sequence[Group] | None = None,
    use_cache: bool = False,
    jobs: int | None = None,
) -> BuildResult:
    """Build the posts under ``paths`` into ``out``; ``output_format`` (html, fragments or
    markdown) and ``site_name`` override the config's ``[tool.plainpost.site]``.

    The posts are linted through the batch runner (with ``use_cache``, as `plainpost build`
    does by default, the cache first; then the misses on ``jobs`` cores, as in lint), then each
    one that may be published is cleaned, rendered and written here. ``groups``: the posts
    already chosen, each with its run (a nested config's folder gets its own rules), instead of
    the files under ``paths`` with ``run``."""
    if out.exists() and not out.is_dir():
        raise BuildError(f"{display_path(out)}: output path exists and is not a folder")
    config = run.settings.config
    previous = read_manifest(out, display_path(out))  # refuses a folder plainpost did not make
    site_name = site_name or config.site.name or DEFAULT_SITE_NAME
    site = resolve_site(config, site_name)  # a bad [tool.plainpost.site] stops the build here
    builder = _Builder(run, out, force, site_name)
    builder.site = site
    builder.format = output_format or config.site.format
    builder.disclaimer(config.lang)  # a missing snippet stops the build before anything is written
    result = builder.result
    if groups is None:
        files, errors = collect_files(paths, config)
        result.errors.extend(errors)
        groups = [(run, files)]
    batch = lint_groups(groups, use_cache=use_cache, jobs=jobs)
    result.cache_hits, result.cache_misses = batch.cache_hits, batch.cache_misses
    result.notes.extend(batch.notes)
    # written into a staging folder swapped in at the end: an interrupted build leaves the
    # previous site as it was (see export/staging.py); else in place, the index last
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
    stage = staging.begin(target) if staging.can_stage(target) else None
    builder.out = stage or out
    try:
        members = [(r, path) for r, files in groups for path in files]
        for (post_run, path), linted in zip(members, batch.outcomes, strict=True):
            post = builder.build_post(post_run, path, linted)
            result.posts.append(post)
            if post.status in ("unreadable", "failed"):
                result.errors.append(post.problem)
            if on_post:
                on_post(post)
        try:
            builder.write_shared()
        except OSError as exc:
            builder.write_failed = True
            result.errors.append(
                f"{display_path(out)}: cannot write the index or stylesheet: {exc}"
            )
        _track(builder, previous)
        if builder.format == "html":
            base_path = urlsplit(site.base_url).path if site.base_url else "/"
            result.links = broken_links(builder.linked, _written_files(builder.out), base_path)
        if stage is not None and builder.write_failed:
            staging.discard(stage)  # a site missing a file is not swapped in
            result.errors.append(
                f"{display_path(out)}: not replaced, the previous site is kept: "
                "a file could not be written"
            )
        elif stage is not None:
            staging.commit(stage, target)
    except BaseException:
        if stage is not None:
            staging.discard(stage)
        raise
    finally:
        builder.out = out
    if stage is not None:  # what was written, by the names the user knows
        result.written = [out / p.relative_to(stage) for p in result.written]
        result.removed = [out / p.relative_to(stage) for p in result.removed]
    return result


def _written_files(out: Path) -> set[str]:
    """What the built site holds now (this build's files and the refused posts' old pages)."""
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def _track(builder: _Builder, previous: Manifest) -> None:
    """Remove what earlier builds wrote and this one did not, then record what is there now.

    The pages of refused posts stay (the last published version stays online), and when a post
    could not be read nothing is removed: its page may be one of the stale-looking ones."""
    result = builder.result
    keep = set(builder.produced)
    keep.update(f for f in previous.files if f.split("/", 1)[0] in builder.kept_slugs)
    if result.errors or result.count("unreadable", "failed"):
        keep.update(previous.files)
    else:
        result.removed.extend(remove_stale(builder.out, previous, keep))
    existing = {f for f in keep if (builder.out / f).is_file()}
    try:
        write_manifest(builder.out, existing)
    except OSError as exc:
        builder.write_failed = True
        result.errors.append(
            f"{display_path(builder.final)}: cannot write the build manifest: {exc}"
        )


@dataclass(frozen=True)
class _RunRules:
    """What building needs to know of a run's rules."""

    on_build: dict[str, Any]  # rule id -> what build does with its findings
    sources_heading: re.Pattern[str] | None
    gate: float | None  # the SMOG target of the lint gate


class _Builder:
    def __init__(self, run: Run, out: Path, force: bool, name: str):
        self.run = run
        self.config = run.settings.config
        self.out = out  # where files are written (the staging folder while building)
        self.final = out  # the output folder the user named
        self.write_failed = False  # a file of this build could not be written
        self.force = force
        self.site_name = name
        self._rules: dict[int, _RunRules] = {}
        self.disclaimers: dict[str, str] = {}
        self.pages: dict[str, _Page] = {}  # slug -> page
        self.produced: set[str] = set()  # every file this build wrote or found unchanged
        self.kept_slugs: set[str] = set()  # refused posts: their last published pages stay
        self.format = "html"
        self.site: Site | None = None
        self.records: dict[str, dict[str, Any]] = {}  # slug -> posts.json entry (fragments)
        self.linked: list[PostLinks] = []  # published posts, for the link check at the end
        self.result = BuildResult(out=out)

    def rules_of(self, run: Run) -> _RunRules:
        key = id(run)
        if key not in self._rules:
            ruleset = run.ruleset()
            self._rules[key] = _RunRules(
                {r.id: KINDS[r.kind].on_build for r in ruleset.chosen},
                _sources_heading(ruleset),
                _readability_gate(ruleset.chosen),
            )
        return self._rules[key]

    def build_post(self, run: Run, path: Path, linted: Outcome) -> PostResult:
        shown = display_path(path)
        if linted.error is not None:
            return PostResult(shown, "unreadable", problem=linted.error)
        try:
            return self._build_post(run, path, shown, linted)
        except InputError as exc:
            return PostResult(shown, "unreadable", problem=str(exc))
        except OSError as exc:
            self.write_failed = True
            return PostResult(shown, "failed", problem=f"{shown}: cannot write: {exc}")
        except Exception as exc:  # one broken post must not stop the others
            return PostResult(
                shown, "failed", problem=f"{shown}: internal error ({type(exc).__name__}: {exc})"
            )

    def _build_post(self, run: Run, path: Path, shown: str, linted: Outcome) -> PostResult:
        rules = self.rules_of(run)
        lang = run.settings.config.lang
        source = read_source(path, shown)
        doc = parse_document(source, lang)
        if linted.digest == text_digest(source.text):
            findings = linted.findings
        else:  # the post changed since it was linted: its findings are for other text
            findings = run.linter().lint_source(source)
        errors = tuple(f for f in findings if f.severity >= Severity.ERROR)
        if doc.meta.get("draft") is True:
            return PostResult(shown, "skipped", problem="marked `draft: true`")
        if errors and not self.force:
            self.kept_slugs.add(post_info(doc, path, None).slug)
            return PostResult(shown, "refused", errors=errors)
        cleaned = clean_document(doc, findings, rules.on_build)
        clean_doc = (
            doc
            if cleaned.text == source.text
            else parse_document(Source(source.path, cleaned.text, source.crlf), lang)
        )
        info = self._with_urls(post_info(clean_doc, path, rules.sources_heading), clean_doc)
        taken = self.pages.get(info.slug)
        if taken is not None:
            other = display_path(taken.source)
            return PostResult(
                shown, "refused", problem=f"its slug {info.slug!r} is already used by {other}"
            )
        title_block = _title_heading(clean_doc, info.title)
        drop_line = None
        if title_block is not None:
            drop_line = clean_doc.index.position(title_block.start)[0] - 1
        body = render_body(cleaned.text, drop_line)
        assets, problems = local_assets(path, [img.src for img in clean_doc.images])
        body = add_image_sizes(body, image_sizes(assets))
        skip = () if title_block is None else (title_block.index,)
        lost = missing_blocks(clean_doc, body, skip)
        if lost:
            self.kept_slugs.add(info.slug)
            return PostResult(shown, "refused", errors=errors, problem=_lost(clean_doc, lost))
        self.pages[info.slug] = _Page(info, path)
        self.linked.append(PostLinks(clean_doc, info.slug))
        notes = tuple(n for n in (cleaned.summary, *problems) if n)
        if self.format == "markdown":
            folder = self.out / "content" / "posts" / info.slug
            page = folder / "index.md"
            markdown = clean_markdown(clean_doc, info, title_block)
            md_lost = missing_blocks(clean_doc, render_body(markdown), skip)
            if md_lost:  # the Markdown is checked as a site generator will render it
                self.kept_slugs.add(info.slug)
                problem = _lost(clean_doc, md_lost, "Markdown")
                return PostResult(shown, "refused", errors=errors, problem=problem)
            self.write(page, markdown.encode("utf-8"))
        elif self.format == "fragments":
            folder = self.out / info.slug
            page = folder / "body.html"
            self.write(page, body.encode("utf-8"))
            self.records[info.slug] = post_record(
                info,
                page.relative_to(self.out).as_posix(),
                body,
                reading_minutes(clean_doc),
                self._readability(clean_doc, rules.gate),
                notes,
            )
        else:
            html = post_page(info, body, self.disclaimer(info.lang), self.site_name, self.site)
            folder = self.out / info.slug
            page = folder / "index.html"
            self.write(page, html.encode("utf-8"))
        for asset in assets:
            self.write(folder / asset.target, asset.source.read_bytes())
        status: Status = "forced" if errors else "built"
        page = self.final / page.relative_to(self.out)  # not the staging folder's name
        return PostResult(shown, status, page=display_path(page), errors=errors, notes=notes)

    def disclaimer(self, lang: str) -> str:
        if lang not in self.disclaimers:
            self.disclaimers[lang] = render_markdown(_snippet(self.config, "disclaimer", lang))
        return self.disclaimers[lang]

    def _with_urls(self, info: PostInfo, doc: Document) -> PostInfo:
        """The canonical URL and the first image's URL, absolute when base_url is known."""
        site = self.site
        url = site.url(f"{info.slug}/") if site else ""
        image = next((img.src.strip() for img in doc.images if img.src.strip()), "")
        scheme = url_scheme(image)
        if scheme in ("http", "https"):
            pass
        elif not scheme and site and site.base_url and not image.startswith("//"):
            image = urljoin(site.url(f"{info.slug}/"), image)
        else:
            image = ""  # data:, javascript:, or relative with no base_url to resolve it
        return replace(info, url=url, image=image)

    def _readability(self, doc: Document, gate: float | None) -> Readability | None:
        if gate is None:
            return None
        score = scores(body_sentences(doc), doc.lang).smog
        return Readability("SMOG", score, gate)

    def write_shared(self) -> None:
        posts = sorted((p.info for p in self.pages.values()), key=_newest_first)
        if self.format == "fragments":
            records = [self.records[p.slug] for p in posts]
            data = posts_json(self.site_name, records)
            self.write(self.out / "posts.json", data.encode("utf-8"))
            return
        if self.format == "markdown":
            return
        self.write(self.out / "style.css", stylesheet().encode("utf-8"))
        site = self.site
        if site is not None and site.base_url:
            self.write(self.out / "sitemap.xml", sitemap_xml(posts, site).encode("utf-8"))
            self.write(self.out / "feed.xml", atom_xml(posts, site).encode("utf-8"))
        lang = self.site.lang if self.site else self.config.lang
        html = index_page(posts, lang, self.site_name, self.site)
        self.write(self.out / "index.html", html.encode("utf-8"))

    def write(self, path: Path, data: bytes) -> None:
        self.produced.add(path.relative_to(self.out).as_posix())
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        atomic_write(path, data)
        self.result.written.append(path)


def _title_heading(doc: Document, title: str) -> Block | None:
    """The body's first block, when it is a level-1 heading that repeats the title: the page
    shows the title as its one h1, so the heading is left out and the rest keep their levels."""
    first = next((b for b in doc.blocks if b.kind != "alt"), None)
    if first is None or first.kind != "heading" or first.level != 1:
        return None
    same = " ".join(first.text.split()).casefold() == " ".join(title.split()).casefold()
    return first if same else None


def _lost(doc: Document, blocks: list[Block], output: str = "page") -> str:
    first = blocks[0]
    line = doc.index.position(first.offsets[0] if first.offsets else first.start)[0]
    words = " ".join(first.text.split())
    shown = words if len(words) <= 60 else words[:59] + "…"
    return (
        f"{len(blocks)} block(s) the linter checked would be missing from the {output}, "
        f"first at line {line}: “{shown}” (not published; this is a plainpost bug, please "
        "report it)"
    )


def _newest_first(info: PostInfo) -> tuple[int, str, str]:
    day = info.published or dt.date.min
    return (-day.toordinal(), info.title.casefold(), info.slug)


def _readability_gate(rules: Iterable[Rule]) -> float | None:
    """The SMOG target of the lint gate: the readability rule's own option, not a copy."""
    for rule in rules:
        if rule.kind == "readability":
            return float(rule.options.smog_max)
    return None


def _sources_heading(ruleset: RuleSet) -> re.Pattern[str] | None:
    """The Sources heading pattern of the required-section rule that asks for links."""
    for rules in (ruleset.chosen, ruleset.loaded):  # a chosen rule first
        for rule in rules:
            if isinstance(rule.options, sections.Options) and rule.options.min_links > 0:
                pattern: re.Pattern[str] = rule.options.regex
                return pattern
    return None


def _snippet(config: Config, name: str, lang: str) -> str:
    """``snippets/<name>.<lang>.md`` or ``snippets/<name>.md``; later rule folders win."""
    for folder in reversed(rule_folders(config)):
        for candidate in (f"{name}.{lang}.md", f"{name}.md"):
            path = folder / "snippets" / candidate
            if path.is_file():
                return path.read_text(encoding="utf-8")
    raise BuildError(f"no snippets/{name}.md in the rule folders")
