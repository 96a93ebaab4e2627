"""`plainpost server`: the language server, on pygls over stdio.

One warm project per config (its linter built once: the rulebook, the vocabulary and Harper's
linters), one lint thread for them all (Harper's linters are not thread-safe, and the event
loop stays free to read the editor's messages while a post is checked). A change is linted
after a short debounce, always on the latest text; a run overtaken by a newer change is dropped
unpublished and the newer text is linted instead. Diagnostics carry the document version they
were computed for.
"""

from __future__ import annotations

import asyncio
import logging
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from plainpost import __version__
from plainpost.findings import Finding
from plainpost.server import actions, diagnostics
from plainpost.server.hover import hover as hover_for
from plainpost.server.positions import Encoding, Positions, encoding_of
from plainpost.server.workspace import CONFIG_NAMES, Outcome, Project, discover

log = logging.getLogger("plainpost.server")
T = TypeVar("T")

MARKDOWN_SUFFIXES = (".md", ".markdown")
DEFAULT_DEBOUNCE = 0.05  # seconds after the last keystroke


@dataclass
class Result:
    """The findings published for one version of a post, with what actions need from it."""

    version: int | None
    text: str  # newline-normalised
    crlf: bool
    findings: tuple[Finding, ...]
    diagnostics: list[types.Diagnostic]
    positions: Positions
    document: Any = None  # the parsed post, made on the first code-action request


@dataclass
class OpenPost:
    uri: str
    path: Path | None  # None: not a file (an untitled buffer)
    due: float = 0.0  # when to lint (loop time); math.inf: nothing pending
    task: asyncio.Task[None] | None = None
    result: Result | None = None
    closed: bool = False


@dataclass
class State:
    projects: dict[Path, Project] = field(default_factory=dict)  # config file or root -> project
    folders: dict[Path, Path | None] = field(default_factory=dict)  # folder -> its config
    posts: dict[str, OpenPost] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # config uri -> message published


class PlainpostServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("plainpost", __version__)
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plainpost-lint")
        self.state = State()
        self.debounce = DEFAULT_DEBOUNCE
        self.tasks: set[asyncio.Task[None]] = set()  # reloads in flight

    # -- helpers -----------------------------------------------------------------------------
    @property
    def encoding(self) -> Encoding:
        return encoding_of(str(self.workspace.position_encoding or "utf-16"))

    async def on_lint_thread(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.lint_thread, fn, *args)

    def roots(self) -> list[Path]:
        out = []
        for folder in self.workspace.folders.values():
            path = uri_path(folder.uri)
            if path:
                out.append(path.resolve())
        root = self.workspace.root_path
        if not out and root:
            out.append(Path(root).resolve())
        return out or [Path.cwd().resolve()]

    def project_for(self, path: Path | None) -> Project:
        """The project that governs a post: its config found from the post's folder upward,
        as `plainpost lint` run there finds it; without one, the defaults of its workspace."""
        return self.project_in(path.parent if path else self.roots()[0])

    def project_in(self, folder: Path) -> Project:
        folder = folder.resolve()
        if folder not in self.state.folders:
            self.state.folders[folder] = discover(folder)
        config_path = self.state.folders[folder]
        if config_path is None:
            roots = [r for r in self.roots() if r == folder or r in folder.parents]
            key = root = max(roots, key=lambda r: len(r.parts)) if roots else folder
        else:
            key, root = config_path, config_path.parent
        project = self.state.projects.get(key)
        if project is None:
            project = self.state.projects[key] = Project(root, config_path)
        return project

    # -- linting -----------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        """Lint a post after `delay` seconds: a keystroke (delay > 0) restarts the debounce;
        open, save and reloads (delay 0) lint as soon as the lint thread is free."""
        post = self.state.posts.get(uri)
        if post is None:
            return
        now = asyncio.get_running_loop().time()
        post.due = now + delay if delay > 0 or post.due == math.inf else min(post.due, now)
        if post.task is None or post.task.done():
            post.task = asyncio.ensure_future(self._lint_loop(post))

    async def _lint_loop(self, post: OpenPost) -> None:
        loop = asyncio.get_running_loop()
        while not post.closed and post.due != math.inf:
            wait = post.due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            post.due = math.inf
            doc = self.workspace.get_text_document(post.uri)
            text, version = doc.source, doc.version
            project = self.project_for(post.path)
            loaded = project.generation > 0  # else its config is not read yet: lint, then ask
            if loaded and post.path is not None and not project.selects(post.path):
                self.publish(post, None, [])
                continue
            shown = project.shown(post.path) if post.path else post.uri
            outcome: Outcome = await self.on_lint_thread(project.lint_fresh, text, shown)
            self.show_problems()
            if post.closed or post.due != math.inf:
                continue  # overtaken by a newer change: drop this run, lint the newer text
            if project.linter is None or (post.path is not None and not project.selects(post.path)):
                self.publish(post, None, [])
                continue
            self.publish_outcome(post, project, version, text, outcome)

    def publish_outcome(
        self, post: OpenPost, project: Project, version: int | None, text: str, outcome: Outcome
    ) -> None:
        normal = text.replace("\r\n", "\n").replace("\r", "\n")
        positions = Positions(normal, self.encoding)
        if outcome.problem:
            diags = [diagnostics.problem(outcome.problem, outcome.code)]
        else:
            diags = diagnostics.from_findings(outcome.findings, positions, project.doc_href)
        result = Result(version, normal, "\r\n" in text, outcome.findings, diags, positions)
        self.publish(post, result, diags)

    def publish(self, post: OpenPost, result: Result | None, diags: list[types.Diagnostic]) -> None:
        post.result = result
        version = result.version if result else self.workspace.get_text_document(post.uri).version
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=post.uri, diagnostics=diags, version=version)
        )

    def show_problems(self) -> None:
        """One diagnostic on each broken config file (cleared when it loads again), and one
        message for each new problem."""
        now: dict[str, str] = {}
        for project in self.state.projects.values():
            problem = project.problem
            if problem is not None:
                key = problem.path.as_uri() if problem.path else f"no-file:{problem.message}"
                now[key] = problem.message
        for key, message in now.items():
            if self.state.problems.get(key) == message:
                continue
            path = uri_path(key)
            if path is not None:
                diag = diagnostics.config_problem(message, path)
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=key, diagnostics=[diag])
                )
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"plainpost: {message}"
                )
            )
        for key in set(self.state.problems) - set(now):
            if uri_path(key) is not None:
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=key, diagnostics=[])
                )
        self.state.problems = now

    def relint(self, keys: set[Path] | None = None) -> None:
        """Lint the open posts again (those of the given projects only, if any given)."""
        for post in self.state.posts.values():
            project = self.project_for(post.path)
            if keys is None or (project.config_path or project.root) in keys:
                self.schedule(post.uri, 0)

    def files_changed(self, paths: list[Path]) -> None:
        """Config, rule or vocabulary files changed: reload the projects they concern (if the
        files really changed) and lint their posts again."""
        rediscover = any(p.name in CONFIG_NAMES for p in paths)
        if rediscover:
            self.state.folders.clear()  # a config added, moved or removed: discover again
        touched = {
            key
            for key, project in self.state.projects.items()
            if any(project.concerns(p) for p in paths)
        }
        if touched or rediscover:
            task = asyncio.ensure_future(self._reload(touched, rediscover))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)

    async def _reload(self, keys: set[Path], everything: bool) -> None:
        reloaded = set()
        for key in keys:
            project = self.state.projects[key]
            project.check_stale = True
            if await self.on_lint_thread(project.ensure_loaded):
                reloaded.add(key)
        self.show_problems()
        if everything or reloaded:
            self.relint(None if everything else reloaded)


server = PlainpostServer()


def uri_path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def is_post(uri: str, language_id: str | None) -> bool:
    path = uri_path(uri)
    if path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES:
        return True
    return language_id == "markdown"


@server.feature(types.INITIALIZE)
def initialize(ls: PlainpostServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce_ms"), int | float):
        ls.debounce = max(float(options["debounce_ms"]), 0.0) / 1000


@server.feature(types.INITIALIZED)
async def initialized(ls: PlainpostServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watch = caps and caps.did_change_watched_files
    if watch and watch.dynamic_registration:
        watchers = [
            types.FileSystemWatcher(glob_pattern=g)
            for g in (
                "**/plainpost.toml",
                "**/pyproject.toml",
                "**/*.yml",
                "**/*.yaml",
                "**/*.txt",
                "**/snippets/*.md",
            )
        ]
        # not awaited: the warm start below need not wait for the editor's answer
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="plainpost-config",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    # warm start: each workspace folder's linter is built before the first post opens
    for root in ls.roots():
        project = ls.project_in(root)
        await ls.on_lint_thread(project.ensure_loaded)
    ls.show_problems()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PlainpostServer, params: types.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    if not is_post(doc.uri, doc.language_id):
        return
    ls.state.posts[doc.uri] = OpenPost(doc.uri, uri_path(doc.uri))
    ls.schedule(doc.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PlainpostServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PlainpostServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    post = ls.state.posts.get(uri)
    if post is None:
        path = uri_path(uri)
        if path is not None:
            ls.files_changed([path])  # a config, rule or vocabulary file saved in the editor
        return
    doc = ls.workspace.get_text_document(uri)
    result = post.result
    if result is not None and result.version == doc.version and post.due == math.inf:
        ls.publish(post, result, result.diagnostics)  # up to date: the same findings again
    else:
        ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PlainpostServer, params: types.DidCloseTextDocumentParams) -> None:
    post = ls.state.posts.pop(params.text_document.uri, None)
    if post is not None:
        post.closed = True
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=post.uri, diagnostics=[])
        )


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(
    ls: PlainpostServer, params: types.DidChangeWatchedFilesParams
) -> None:
    paths = [p for p in (uri_path(c.uri) for c in params.changes) if p is not None]
    if paths:
        ls.files_changed(paths)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: PlainpostServer, params: types.HoverParams) -> types.Hover | None:
    post = ls.state.posts.get(params.text_document.uri)
    result = post.result if post else None
    if post is None or result is None or not _current(ls, post.uri, result):
        return None
    project = ls.project_for(post.path)
    offset = result.positions.offset(params.position)
    return hover_for(result.findings, offset, result.positions, project.rules, project.doc_href)


def _current(ls: PlainpostServer, uri: str, result: Result) -> bool:
    return ls.workspace.get_text_document(uri).version == result.version


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
        resolve_provider=True,
    ),
)
async def code_action(
    ls: PlainpostServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    post = ls.state.posts.get(params.text_document.uri)
    result = post.result if post else None
    if post is None or result is None or not _current(ls, post.uri, result):
        return None
    project = ls.project_for(post.path)
    shown = project.shown(post.path) if post.path else post.uri
    buffer = actions.Buffer(post.uri, result.version, result.text, result.crlf)
    if result.document is None:
        result.document = await ls.on_lint_thread(project.parse, result.text, shown)
    start = result.positions.offset(params.range.start)
    end = result.positions.offset(params.range.end)
    only = params.context.only
    out: list[types.CodeAction] = []
    if actions.wants(only, types.CodeActionKind.QuickFix):
        for f, diag in zip(result.findings, result.diagnostics, strict=False):
            if f.start <= end and start <= f.end:
                subject = actions.Subject(f, diag, project.kind(f.rule))
                out += actions.for_finding(
                    buffer, subject, result.positions, result.document, project.accept_file()
                )
    safe = [d for f, d in zip(result.findings, result.diagnostics, strict=False) if f.safe_fix]
    if safe:
        kinds = []
        if out and actions.wants(only, types.CodeActionKind.QuickFix):
            kinds.append(types.CodeActionKind.QuickFix.value)
        if only and actions.wants(only, actions.FIX_ALL_KIND):
            kinds.append(actions.FIX_ALL_KIND)
        for kind in kinds:
            action = actions.fix_all_action(buffer, kind, safe)
            if not _resolves_edits(ls):
                action = await _resolve(ls, action)
            out.append(action)
    return out


def _resolves_edits(ls: PlainpostServer) -> bool:
    text = ls.client_capabilities.text_document
    support = text and text.code_action and text.code_action.resolve_support
    return bool(support and "edit" in support.properties)


@server.feature(types.CODE_ACTION_RESOLVE)
async def resolve_code_action(ls: PlainpostServer, action: types.CodeAction) -> types.CodeAction:
    return await _resolve(ls, action)


async def _resolve(ls: PlainpostServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data
    if not isinstance(data, dict) or "fix_all" not in data:
        return action
    post = ls.state.posts.get(data["fix_all"])
    result = post.result if post else None
    if post is None or result is None or result.version != data.get("version"):
        return action  # the post changed meanwhile: no edit, the editor asks again
    project = ls.project_for(post.path)
    shown = project.shown(post.path) if post.path else post.uri
    fixed = await ls.on_lint_thread(project.fix_all, result.text, shown)
    buffer = actions.Buffer(post.uri, result.version, result.text, result.crlf)
    action.edit = actions.fix_all_edit(buffer, fixed, result.positions)
    return action


@server.command(actions.ADD_WORD)
async def add_to_vocabulary(ls: PlainpostServer, uri: str, word: str) -> str | None:
    """Write the word to the config's accept file, reload the project and lint its posts."""
    project = ls.project_for(uri_path(uri))
    try:
        path = await ls.on_lint_thread(project.accept_and_reload, word)
    except (OSError, ValueError) as exc:
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error, message=f"plainpost: cannot add {word!r}: {exc}"
            )
        )
        return None
    ls.show_problems()
    ls.relint({project.config_path or project.root})
    return str(path)


@server.feature(types.SHUTDOWN)
def shutdown(ls: PlainpostServer, params: None) -> None:
    for post in ls.state.posts.values():
        post.closed = True
    ls.lint_thread.shutdown(wait=False, cancel_futures=True)


def serve() -> None:
    logging.basicConfig(level=logging.WARNING, format="plainpost server: %(message)s")
    server.start_io()
