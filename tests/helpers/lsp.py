"""Driving `plainpost server` as an editor does: the real server over stdio, pytest-lsp's
client with VS Code's capabilities, files on disk, edits applied to the buffer and sent back as
changes.

The client side here converts LSP positions on its own (UTF-16 through Python's codec), so a
mistake in the server's converter cannot cancel itself out.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"
SERVER = [sys.executable, "-m", "plainpost", "server"]
TIMEOUT = 60.0  # seconds: start-up on a loaded 2-core machine, never a speed assertion

CONFIG = """\
accept = ["vocab.txt"]
exclude = ["archive/**"]
"""


def converter() -> Any:
    """lsprotocol's converter, except that a code action with a `command` stays a code action
    (its hook takes any object with a "command" key for a bare Command, dropping the action's
    title, kind and diagnostics; editors look at the key's type, as here)."""
    conv = default_converter()

    def command_or_action(obj: Any, _: type) -> types.Command | types.CodeAction:
        if isinstance(obj.get("command"), str):
            return conv.structure(obj, types.Command)  # type: ignore[no-any-return]
        return conv.structure(obj, types.CodeAction)  # type: ignore[no-any-return]

    conv.register_structure_hook(types.Command | types.CodeAction, command_or_action)
    return conv


def make_client() -> LanguageClient:
    """pytest-lsp's client, also recording every publish (with its version) and every
    capability the server registers, as an editor would honour them."""
    client = LanguageClient(converter_factory=converter)
    client.published = []  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


def make_workspace(root: Path, config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "plainpost.toml").write_text(config, encoding="utf-8")
    (root / "vocab.txt").write_text("# this blog's names\nMo Farah\n", encoding="utf-8")
    (root / "posts").mkdir(exist_ok=True)
    shutil.copy(SEED, root / "posts" / "seed.md")
    return root


def utf16_offset(text: str, position: types.Position) -> int:
    """Client side: an LSP position (UTF-16) as an offset into `text`, via Python's codec."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = line.encode("utf-16-le")[: position.character * 2]
    return before + len(units.decode("utf-16-le"))


def utf16_column(line: str, index: int) -> int:
    return len(line[:index].encode("utf-16-le")) // 2


class Editor:
    """What an editor does with the server: open, type, save, ask, apply what it answers."""

    def __init__(self, client: LanguageClient, root: Path) -> None:
        self.client = client
        self.root = root
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}

    @property
    def published(self) -> list[types.PublishDiagnosticsParams]:
        return self.client.published  # type: ignore[attr-defined,no-any-return]

    def uri(self, rel: str) -> str:
        return (self.root / rel).resolve().as_uri()

    def mark(self) -> int:
        return len(self.published)

    async def wait(
        self, rel: str, after: int, version: int | None = None, timeout: float = TIMEOUT
    ) -> types.PublishDiagnosticsParams:
        """The first publish for `rel` after mark `after` (for `version`, if given)."""
        uri = self.uri(rel)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            for p in self.published[after:]:
                if p.uri == uri and (version is None or p.version == version):
                    return p
            await asyncio.sleep(0.01)
        raise AssertionError(f"no diagnostics for {rel} (version {version}) in {timeout} s")

    async def open(
        self, rel: str, text: str | None = None, language: str = "markdown", wait: bool = True
    ) -> list[types.Diagnostic]:
        path = self.root / rel
        if text is None:
            text = path.read_text(encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        self.texts[rel], self.versions[rel] = text, 1
        mark = self.mark()
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=self.uri(rel), language_id=language, version=1, text=text
                )
            )
        )
        if not wait:
            return []
        return list((await self.wait(rel, mark)).diagnostics)

    def send_change(self, rel: str, text: str) -> int:
        """Replace the buffer (a full-text change); returns the new version."""
        self.versions[rel] += 1
        self.texts[rel] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri(rel), version=self.versions[rel]
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        return self.versions[rel]

    async def change(self, rel: str, text: str) -> list[types.Diagnostic]:
        mark = self.mark()
        version = self.send_change(rel, text)
        return list((await self.wait(rel, mark, version)).diagnostics)

    async def type_edits(self, rel: str, edits: Sequence[types.TextEdit]) -> list[types.Diagnostic]:
        """Apply edits to the buffer as incremental changes (last first, as editors send them)."""
        mark = self.mark()
        changes = []
        text = self.texts[rel]
        for edit in sorted(
            edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        ):
            start = utf16_offset(text, edit.range.start)
            end = utf16_offset(text, edit.range.end)
            text = text[:start] + edit.new_text + text[end:]
            changes.append(
                types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
            )
        self.texts[rel] = text
        self.versions[rel] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri(rel), version=self.versions[rel]
                ),
                content_changes=changes,
            )
        )
        return list((await self.wait(rel, mark, self.versions[rel])).diagnostics)

    async def apply(self, edit: types.WorkspaceEdit) -> dict[str, list[types.Diagnostic]]:
        """Apply a workspace edit the server answered with; the new diagnostics per post."""
        out = {}
        for change in edit.document_changes or []:
            assert isinstance(change, types.TextDocumentEdit)
            rel = self.rel(change.text_document.uri)
            assert change.text_document.version == self.versions[rel], "edit for an old version"
            edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
            out[rel] = await self.type_edits(rel, edits)
        return out

    def rel(self, uri: str) -> str:
        for rel in self.texts:
            if self.uri(rel) == uri:
                return rel
        raise KeyError(uri)

    async def save(self, rel: str) -> list[types.Diagnostic]:
        (self.root / rel).write_text(self.texts[rel], encoding="utf-8", newline="")
        mark = self.mark()
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri(rel))
            )
        )
        return list((await self.wait(rel, mark)).diagnostics)

    def close(self, rel: str) -> None:
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri(rel))
            )
        )
        self.texts.pop(rel)

    async def actions(
        self, rel: str, diagnostic: types.Diagnostic, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri(rel)),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
            )
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def hover(self, rel: str, position: types.Position) -> types.Hover | None:
        return await self.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri(rel)), position=position
            )
        )

    async def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(uri=p.resolve().as_uri(), type=types.FileChangeType.Changed)
                    for p in paths
                ]
            )
        )

    def at(self, rel: str, diagnostic: types.Diagnostic) -> str:
        """The text a diagnostic's range covers in the buffer."""
        text = self.texts[rel].replace("\r\n", "\n")
        return text[
            utf16_offset(text, diagnostic.range.start) : utf16_offset(text, diagnostic.range.end)
        ]


def with_code(diags: Sequence[types.Diagnostic], code: str) -> list[types.Diagnostic]:
    return [d for d in diags if d.code == code]


def initialize_params(root: Path, debounce_ms: int = 50) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options={"debounce_ms": debounce_ms},
    )


def client_fixture(command: list[str] = SERVER, debounce_ms: int = 50) -> Callable[..., Any]:
    """A module's language client: one server process for the module's tests, started in
    the module's `workspace`, shut down (shutdown + exit) after them."""

    @pytest_lsp.fixture(
        config=ClientServerConfig(server_command=command, client_factory=make_client),
        scope="module",
    )
    async def client(lsp_client: LanguageClient, workspace: Path) -> Any:
        await lsp_client.initialize_session(initialize_params(workspace, debounce_ms))
        yield
        await lsp_client.shutdown_session()

    return client  # type: ignore[no-any-return]
