"""Applying fixes: the first suggestion of safe findings (and, with --notes, missing safety notes).

A fix can never lose text:

* **an edit touches prose only.** A finding's span may run over markup (``Paracetamol[^1]
  paracetamol``, ``[the](https://example.org) the``, an image, a comment, emphasis); its edit is
  narrowed, through the document's prose map, to the characters the fix changes (the doubled word
  and the space before it), and an edit that would still remove markup is skipped with a message;
* **every round is verified** before it is kept: the fixed post parses (no new front-matter
  error), and every link, image, footnote, code span and HTML comment of the original is still
  there; otherwise the round is dropped with a message;
* **safety notes are idempotent by construction**: the check offers no insertion where the note's
  wording is already in the rule's scope (so a post gets at most one of each note per scope),
  and notes are inserted for the post's own triggers, never for words of a note just inserted
  (a trigger a fix made, such as a misspelt painkiller respelt, gets its note in the next round).

Edits never touch code spans, are applied from the end of the file backwards so offsets stay
valid, skip any edit that overlaps one already taken, and are repeated until nothing changes, so a
second `plainpost fix` run is a no-op. The file's own line endings (CRLF, LF, a lone CR, mixed)
are kept: edits are made on the text as read, mapped from the newline-normalised offsets.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from plainpost.checks.kinds import KINDS
from plainpost.document import (
    Block,
    Document,
    InputError,
    Source,
    decode_post,
    read_post_bytes,
)
from plainpost.document.derived import Memo
from plainpost.findings import Finding
from plainpost.lint.linter import Linter, yields_to
from plainpost.run.batch import Group, lint_groups, run_posts

_WS = " \t\n"


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    text: str
    rule: str = ""
    note: bool = False  # a safety note inserted by --notes


@dataclass
class FixResult:
    raw: str  # the new text with the file's own line endings (no BOM)
    text: str  # the same, newline-normalised
    applied: list[Edit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: why a fix was not made


# --- narrowing a finding to the characters its fix changes ---------------------------------


class ProseMap:
    """Source offset -> (block, index into block.text), for the prose characters of a post."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.at: dict[int, tuple[int, int]] = {}
        for b, block in enumerate(doc.blocks):
            for i, off in enumerate(block.offsets):
                self.at.setdefault(off, (b, i))

    def is_prose(self, start: int, end: int) -> bool:
        """Whether every character of text[start:end] is prose or white space."""
        text = self.doc.text
        return all(o in self.at or text[o] in _WS for o in range(start, end))


def fix_edit(doc: Document, prose: ProseMap, f: Finding, replacement: str) -> Edit | None:
    """The edit that applies ``replacement`` to finding ``f`` touching prose only, or None."""
    s, e = f.start, f.end
    if s == e or prose.is_prose(s, e):
        return Edit(s, e, replacement, f.rule)
    first, last = prose.at.get(s), prose.at.get(e - 1)
    if first is None or last is None or first[0] != last[0]:
        return None
    block = doc.blocks[first[0]]
    i0, i1 = first[1], last[1] + 1
    old = block.text[i0:i1]
    # the changed characters, aligned on the common start (the doubled word's second copy goes)
    # or, if that would leave markup with nothing inside, on the common end (the first goes)
    for a, b, new in _alignments(old, replacement):
        edit = _narrowed(doc, prose, block, i0 + a, i0 + b, new, f.rule)
        if edit is not None:
            return edit
    return None


def _alignments(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, text) in ``old`` replaced by ``text``: after the longest common start, then
    after the longest common end."""
    n = min(len(old), len(new))
    out = []
    for prefix_first in (True, False):
        p = q = 0
        if prefix_first:
            while p < n and old[p] == new[p]:
                p += 1
            while q < n - p and old[-1 - q] == new[-1 - q]:
                q += 1
        else:
            while q < n and old[-1 - q] == new[-1 - q]:
                q += 1
            while p < n - q and old[p] == new[p]:
                p += 1
        choice = (p, len(old) - q, new[p : len(new) - q])
        if choice not in out:
            out.append(choice)
    return out


def _narrowed(
    doc: Document, prose: ProseMap, block: Block, a: int, b: int, new: str, rule: str
) -> Edit | None:
    """The source edit replacing block.text[a:b] with ``new``, or None if it would touch markup
    or leave a link, emphasis or tag with no text inside."""
    text, offs = doc.text, block.offsets
    if a == b:  # a pure insertion: after the prose character before it
        at = offs[a - 1] + 1 if a > 0 else offs[a]
        return Edit(at, at, new, rule)
    if new:
        start, end = offs[a], offs[b - 1] + 1
        return Edit(start, end, new, rule) if prose.is_prose(start, end) else None
    # a deletion: the word(s), and the white space before them in the source (or, where markup
    # or the start of a line comes first, the white space after them)
    while a < b and block.text[a] in _WS:
        a += 1
    while a < b and block.text[b - 1] in _WS:
        b -= 1
    if a == b:
        return None
    start, end = offs[a], offs[b - 1] + 1
    if start > 0 and text[start - 1] in " \t":
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start > 0 and text[start - 1] == "\n":
            start -= 1  # the word began a line: the line break goes with it
    elif start > 0 and text[start - 1] == "\n":
        start -= 1
    else:
        while end < len(text) and text[end] in " \t":
            end += 1
    if not prose.is_prose(start, end):
        return None
    if _is_markup(prose, start - 1) and _is_markup(prose, end):
        return None  # `*the*`, `[the](…)`, `<b>the</b>` would be left empty
    return Edit(start, end, new, rule)


def _is_markup(prose: ProseMap, offset: int) -> bool:
    text = prose.doc.text
    return 0 <= offset < len(text) and offset not in prose.at and text[offset] not in _WS


def _trimmed(text: str, edit: Edit) -> Edit:
    """The same edit without the characters it leaves as they are (a note rewriting the rest
    of its paragraph unchanged becomes an insertion at the paragraph's end)."""
    old = text[edit.start : edit.end]
    p = 0
    while p < min(len(old), len(edit.text)) and old[p] == edit.text[p]:
        p += 1
    return Edit(edit.start + p, edit.end, edit.text[p:], edit.rule, edit.note)


def edits_from(
    doc: Document,
    findings: Iterable[Finding],
    notes_rules: frozenset[str],
    *,
    skipped: list[str] | None = None,
) -> list[Edit]:
    """The edits of the safe fixes (and notes) among ``findings``; each touches prose only."""
    prose = ProseMap(doc)
    out = []
    for f in findings:
        if not f.suggestions:
            continue
        if not (f.safe_fix or f.rule in notes_rules):
            continue
        if f.start != f.end and any(s < f.end and f.start < e for s, e in doc.code_spans):
            continue
        if not f.safe_fix:  # a safety note (the check offers none where its wording is)
            if f.insert_at >= 0:  # reported at its trigger, inserted after the paragraph
                out.append(Edit(f.insert_at, f.insert_at, f.suggestions[0], f.rule, note=True))
                continue
            note = _trimmed(doc.text, Edit(f.start, f.end, f.suggestions[0], f.rule, note=True))
            if note.start == note.end:  # a note only adds text
                out.append(note)
            continue
        edit = fix_edit(doc, prose, f, f.suggestions[0])
        if edit is None:
            if skipped is not None:
                skipped.append(
                    f"{f.path}:{f.line}:{f.column}: {f.rule}: fix not applied: it would change "
                    "markup (a link, image, footnote, comment or emphasis)"
                )
            continue
        out.append(edit)
    return out


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply from the end backwards; an edit overlapping one already taken is dropped. Several
    insertions at one place are all made, in the order given."""
    applied: list[Edit] = []
    taken_from = len(text) + 1
    order = sorted(enumerate(edits), key=lambda ie: (ie[1].start, ie[1].end, -ie[0]), reverse=True)
    parts: list[str] = []
    tail = len(text)
    for _, edit in order:
        insertion = edit.start == edit.end
        if edit.end > taken_from or (
            edit.end == taken_from and insertion and not _joinable(applied, edit)
        ):
            continue  # overlaps an edit already applied
        parts.append(text[edit.end : tail])
        parts.append(edit.text)
        tail = edit.start
        applied.append(edit)
        taken_from = edit.start
    parts.append(text[:tail])
    return "".join(reversed(parts)), applied


def _joinable(applied: list[Edit], edit: Edit) -> bool:
    """Two insertions at one place (two notes after one paragraph) are both made."""
    return bool(applied) and applied[-1].start == applied[-1].end == edit.start


# --- keeping the file's line endings ---------------------------------------------------------


def normalise(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _newline(raw: str) -> str:
    crlf = raw.count("\r\n")
    lf = raw.count("\n") - crlf
    cr = raw.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    return "\r" if cr > lf and cr > crlf else "\n"


def apply_raw(raw: str, edits: Iterable[Edit]) -> str:
    """Apply edits given in normalised offsets to the raw text, keeping every line ending the
    edits do not touch; new lines take the file's most common ending."""
    crlf = [m.start() - k for k, m in enumerate(re.finditer("\r\n", raw))]
    nl = _newline(raw)

    def at(offset: int) -> int:
        return offset + bisect.bisect_left(crlf, offset)

    out = raw
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = edit.text.replace("\n", nl) if nl != "\n" else edit.text
        out = out[: at(edit.start)] + text + out[at(edit.end) :]
    return out


# --- verification ----------------------------------------------------------------------------


_CONTAINERS = {"em_open": "emphasis", "strong_open": "strong emphasis", "s_open": "strikethrough"}


def inventory(doc: Document) -> Counter[tuple[str, str]]:
    """What a fix must never remove: links (and their text), images, footnotes, code, HTML
    comments and tags, and emphasis."""
    items: Counter[tuple[str, str]] = Counter()
    stack = list(doc.tokens)
    while stack:
        tok = stack.pop()
        t = tok.type
        if t == "link_open":
            items["link", str(tok.attrs.get("href", ""))] += 1
        elif t == "image":
            items["image", str(tok.attrs.get("src", ""))] += 1
        elif t == "footnote_ref":
            items["footnote", str(tok.meta.get("label", "")) if tok.meta else ""] += 1
        elif t in ("code_inline", "fence", "code_block"):
            items["code", tok.content] += 1
        elif t in _CONTAINERS:
            items[_CONTAINERS[t], tok.markup] += 1
        elif t in ("html_inline", "html_block"):
            for comment in re.findall(r"<!--.*?-->", tok.content, flags=re.S):
                items["comment", comment] += 1
            if t == "html_inline" and not tok.content.startswith("<!--"):
                items["html", tok.content] += 1
        if tok.children:
            items.update(_link_texts(tok.children))
            stack.extend(tok.children)
    return items


def _link_texts(children: Sequence[Any]) -> Counter[tuple[str, str]]:
    """A link with words in it, by its target: a fix never leaves ``[](…)``."""
    out: Counter[tuple[str, str]] = Counter()
    open_links: list[list[Any]] = []  # [href, has text]
    for tok in children:
        if tok.type == "link_open":
            open_links.append([str(tok.attrs.get("href", "")), False])
        elif tok.type == "link_close" and open_links:
            href, has_text = open_links.pop()
            if has_text:
                out["link text", href] += 1
        elif tok.content.strip() and tok.type in ("text", "code_inline", "image", "html_inline"):
            for link in open_links:
                link[1] = True
    return out


def verify(before: Document, after: Document) -> str | None:
    """Why the fixed post may not be written (None: it may)."""
    if after.meta_error is not None and before.meta_error is None:
        return "the fixed front matter would not parse"
    lost = inventory(before) - inventory(after)
    if lost:
        kind, what = next(iter(lost))
        article = "an" if kind[0] in "aeiou" else "a"
        return f"it would remove {article} {kind} ({what[:40]!r})"
    return None


# --- the fix loop ----------------------------------------------------------------------------


def fix_post(
    raw: str,
    path: str,
    linter: Linter,
    notes_rules: frozenset[str] = frozenset(),
    max_rounds: int = 5,
) -> FixResult:
    """Lint and fix one post until stable. ``raw`` is its text as read (any line endings)."""
    skipped: list[str] = []
    applied_all: list[Edit] = []
    original = linter.parse(Source.from_text(raw, path))
    doc = original
    memo = Memo()  # a round after the first re-checks only the blocks the last one changed
    for _ in range(max_rounds):
        findings = linter.lint_document(doc, memo)
        # words of a note just inserted never call for another; a trigger that a fix made (a
        # misspelt "paracetomol" respelt) does, in the next round, so a second run is a no-op
        inserted = _note_spans(doc.text, applied_all)
        findings = [
            f
            for f in findings
            if f.rule not in notes_rules or not any(s <= f.start < e for s, e in inserted)
        ]
        edits = edits_from(doc, findings, notes_rules, skipped=skipped)
        if not edits:
            break
        _, applied = apply_edits(doc.text, edits)
        if not applied:
            break
        new_raw = apply_raw(raw, applied)
        fixed = linter.parse(Source.from_text(new_raw, path))
        problem = verify(original, fixed)
        if problem is not None:
            rules = ", ".join(sorted({e.rule for e in applied}))
            skipped.append(f"{path}: fixes not applied ({rules}): {problem}")
            break
        raw, doc = new_raw, fixed
        applied_all.extend(applied)
    return FixResult(raw, doc.text, applied_all, skipped)


def _note_spans(text: str, applied: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where the safety notes inserted so far stand in ``text``."""
    spans = []
    for note in {e.text.strip() for e in applied if e.note and e.text.strip()}:
        at = text.find(note)
        while at >= 0:
            spans.append((at, at + len(note)))
            at = text.find(note, at + 1)
    return spans


def fix_with(
    linter: Linter, source: Source, notes_rules: frozenset[str] = frozenset()
) -> tuple[str, list[Edit]]:
    """What `plainpost fix` does to one post: the new (newline-normalised) text and the edits
    (the language server's "fix all")."""
    result = fix_post(source.text, source.path, linter, notes_rules)
    return result.text, result.applied


def fix_text(
    source: Source,
    linter: Linter,
    notes_rules: frozenset[str] = frozenset(),
    max_rounds: int = 5,
) -> tuple[str, list[Edit]]:
    """Lint and fix until stable; returns the new text (newline-normalised) and all edits."""
    result = fix_post(source.text, source.path, linter, notes_rules, max_rounds)
    return result.text, result.applied


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


# --- many posts: through the batch runner ----------------------------------------------------


@dataclass(frozen=True)
class FixedPost:
    """One post's fixes, as the batch runner hands them back (nothing written yet)."""

    shown: str
    data: bytes = b""  # the file's bytes as read: it is replaced only if it still holds them
    raw: str = ""  # its text as read (any line endings, no BOM)
    result: FixResult | None = None  # None: nothing to fix
    error: str | None = None  # could not be read or fixed: one line

    @property
    def changed(self) -> bool:
        return self.result is not None and bool(self.result.applied) and self.result.raw != self.raw


def note_rules(linter: Linter, notes: bool) -> frozenset[str]:
    """The rules whose safety notes ``fix --notes`` inserts."""
    if not notes:
        return frozenset()
    own = [r for r in linter.rules if KINDS[r.kind].needs_snippets]
    # a rule a note rule yields to carries the note when the note rule steps back (linter.yielded)
    return frozenset(r.id for r in own).union(*(yields_to(r) for r in own))


def fix_path(notes: bool, linter: Linter, path: str, shown: str) -> FixedPost:
    """The fix task: lint and fix one post until stable (in this process or a worker)."""
    try:
        data = read_post_bytes(Path(path), shown)
        raw = decode_post(data, shown)
        result = fix_post(raw, shown, linter, note_rules(linter, notes))
    except InputError as exc:
        return FixedPost(shown, error=str(exc))
    except RecursionError:
        return FixedPost(shown, error=f"{shown}: nested too deeply to fix")
    except Exception as exc:  # a bug while fixing one post must not stop the others
        return FixedPost(
            shown,
            error=f"{shown}: internal error while fixing this post "
            f"({type(exc).__name__}: {exc}); please report it",
        )
    return FixedPost(shown, data, raw, result)


def fix_failed(shown: str, message: str) -> FixedPost:
    return FixedPost(shown, error=message)


def _fixable(f: Finding, notes: frozenset[str]) -> bool:
    return bool(f.suggestions) and (f.safe_fix or f.rule in notes)


def fix_posts(
    groups: Sequence[Group],
    *,
    notes: bool = False,
    use_cache: bool = True,
    jobs: int | None = None,
    on_file: Callable[[str], None] | None = None,
) -> list[FixedPost]:
    """Every post's fixes, in order (each group with its own run: a nested config's folder gets
    its own rules). The lint comes first, through the batch runner (the cache, every core): a
    post none of whose findings is a fix is done; the others are fixed by the runner too."""
    batch = lint_groups(groups, use_cache=use_cache, jobs=jobs, on_file=on_file)
    out: list[FixedPost | None] = []
    todo: list[list[Path]] = [[] for _ in groups]
    places: list[int] = []
    i = 0
    for g, (run, files) in enumerate(groups):
        wanted = (
            frozenset(r.id for r in run.ruleset().chosen if KINDS[r.kind].needs_snippets)
            if notes and files
            else frozenset()
        )
        for path in files:
            shown, linted = batch.files[i], batch.outcomes[i]
            if linted.error is not None:
                out.append(FixedPost(shown, error=linted.error))
            elif any(_fixable(f, wanted) for f in linted.findings):
                out.append(None)
                todo[g].append(path)
                places.append(i)
            else:
                out.append(FixedPost(shown))  # nothing to fix
            i += 1
    if places:
        fixed, _ = run_posts(
            [(run, todo[g]) for g, (run, _) in enumerate(groups)],
            partial(fix_path, notes),
            fix_failed,
            jobs,
        )
        for place, post in zip(places, fixed, strict=True):
            out[place] = post
    return [p for p in out if p is not None]
