"""Code actions, built from the same fix data the CLI applies.

For each finding under the cursor: its safe fix as the preferred quick fix, its other
suggestions as plain quick fixes, the standard safety note for a safety-note finding, "add the
word to the vocabulary" for a spelling finding, and a suppression directive with a reason. Once
per file: every safe fix at once (the edit is computed on resolve: it re-lints).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from plainpost.document import Document
from plainpost.findings import Finding
from plainpost.server.positions import Positions

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.plainpost"
ADD_WORD = "plainpost.addToVocabulary"
REASON = "reason: say why this rule does not apply here"
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Buffer:
    """One version of an open post, as the actions see it."""

    uri: str
    version: int | None
    text: str  # newline-normalised, as plainpost's offsets count
    crlf: bool  # the editor's line breaks, for inserted text

    def newlines(self, text: str) -> str:
        return text.replace("\n", "\r\n") if self.crlf else text


@dataclass(frozen=True)
class Subject:
    """A finding with what the actions need to know about it."""

    finding: Finding
    diagnostic: types.Diagnostic
    kind: str  # the rule's check kind: safety-note, spelling, ...


def quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:57]}…”" if len(text) > 60 else f"“{text}”"


def for_finding(
    buffer: Buffer,
    subject: Subject,
    positions: Positions,
    doc: Document,
    accept_file: Path | None,
) -> list[types.CodeAction]:
    f, diag = subject.finding, subject.diagnostic
    out: list[types.CodeAction] = []
    span = positions.range(f.start, f.end)
    current = buffer.text[f.start : f.end]

    def replace(title: str, text: str, preferred: bool = False) -> types.CodeAction:
        edit = types.TextEdit(range=span, new_text=buffer.newlines(text))
        return _action(title, buffer, [edit], diag, preferred=preferred)

    suggestions = list(f.suggestions)
    if (subject.kind == "safety-note" or f.insert_at >= 0) and suggestions:
        note = buffer.newlines(suggestions.pop(0))
        if f.insert_at >= 0:  # the finding marks the trigger; the note goes after its paragraph
            at = positions.range(f.insert_at, f.insert_at)
            edit = types.TextEdit(range=at, new_text=note)
            out.append(_action("Insert the standard safety note", buffer, [edit], diag))
        else:
            out.append(replace("Insert the standard safety note", note))
    elif f.safe_fix and suggestions:
        out.append(
            replace(
                f"Fix: {_describe(current, suggestions.pop(0))}", f.suggestions[0], preferred=True
            )
        )
    for text in suggestions[:MAX_SUGGESTIONS]:
        out.append(replace(_describe(current, text), text))
    if subject.kind == "spelling" and accept_file is not None and current.strip():
        word = current.strip()
        out.append(
            types.CodeAction(
                title=f"Add “{word}” to the vocabulary ({accept_file.name})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                command=types.Command(
                    title="Add to the vocabulary",
                    command=ADD_WORD,
                    arguments=[buffer.uri, word],
                ),
            )
        )
    disable = disable_edits(buffer, f, doc, positions)
    if disable:
        out.append(_action(f"Disable {f.rule} here, with a reason", buffer, disable, diag))
    return out


def _describe(current: str, text: str) -> str:
    if not text:
        return f"Delete {quote(current)}"
    if not current:
        return f"Insert {quote(text)}"
    return f"Replace {quote(current)} with {quote(text)}"


def _action(
    title: str,
    buffer: Buffer,
    edits: list[types.TextEdit],
    diag: types.Diagnostic | None,
    preferred: bool = False,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diag] if diag else None,
        is_preferred=preferred or None,
        edit=workspace_edit(buffer, edits),
    )


def workspace_edit(buffer: Buffer, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=buffer.uri, version=buffer.version
                ),
                edits=list(edits),
            )
        ]
    )


def disable_edits(
    buffer: Buffer, f: Finding, doc: Document, positions: Positions
) -> list[types.TextEdit]:
    """A suppression directive for this finding's rule, above the block it sits in, so the
    block is not split: `disable-next-line` above a one-line block, `disable` ... `enable`
    around a longer one (a list or quote as a whole). None for the front matter: a directive
    there would break it, and directives only reach down the page."""
    if doc.meta_span is not None and f.start < doc.meta_span[1]:
        return []
    line = doc.index.position(f.start)[0] - 1  # 0-based, like markdown-it's maps
    first, last = line, line + 1
    for tok in doc.tokens:
        top = tok.level == 0 and tok.nesting >= 0 and tok.type != "front_matter"
        if top and tok.map and tok.map[0] <= line < tok.map[1]:
            first, last = tok.map
            break
    start = doc.index.offset(first + 1)
    if last - first == 1:
        text = f"<!-- plainpost-disable-next-line {f.rule} -- {REASON} -->\n"
        return [_insert(buffer, positions, start, text)]
    opening = f"<!-- plainpost-disable {f.rule} -- {REASON} -->\n"
    closing = f"<!-- plainpost-enable {f.rule} -->\n"
    if last < doc.index.line_count:
        end = doc.index.offset(last + 1)
    else:
        end = len(buffer.text)
        if not buffer.text.endswith("\n"):
            closing = "\n" + closing
    return [_insert(buffer, positions, start, opening), _insert(buffer, positions, end, closing)]


def _insert(buffer: Buffer, positions: Positions, offset: int, text: str) -> types.TextEdit:
    at = positions.position(offset)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=buffer.newlines(text))


def fix_all_action(
    buffer: Buffer, kind: str, diagnostics: Sequence[types.Diagnostic] = ()
) -> types.CodeAction:
    """Every safe fix in the file; its edit is filled in by :func:`fix_all_edit` (resolve)."""
    return types.CodeAction(
        title="Fix all safe problems in this file",
        kind=kind,
        diagnostics=list(diagnostics) or None,
        data={"fix_all": buffer.uri, "version": buffer.version},
    )


def fix_all_edit(buffer: Buffer, fixed: str, positions: Positions) -> types.WorkspaceEdit:
    """The edits that turn the buffer into `fixed`: one per changed run of lines, so the
    cursor and the rest of the file stay put."""
    import difflib

    before = buffer.text.splitlines(keepends=True)
    after = fixed.splitlines(keepends=True)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        edits.append(
            types.TextEdit(
                range=positions.range(starts[i1], starts[i2]),
                new_text=buffer.newlines("".join(after[j1:j2])),
            )
        )
    return workspace_edit(buffer, edits)


def wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a request's `only` filter takes actions of this kind (a prefix match)."""
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in only)
