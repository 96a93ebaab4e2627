"""Cleaning a post before it is published, driven by the lint findings.

Only four kinds of change are made, and none of them rewords the text:

* page chrome (a ``boilerplate`` finding whose first suggestion is the empty string) is deleted,
  with its whole line when nothing but Markdown markup would be left on it;
* pseudo-bullets (``pseudo-bullets`` findings) become real list markers, so the lines render as
  a ``<ul>``;
* orphan captions (``orphan-caption`` findings) are dropped. When the image just before the
  caption has no alt text at all, the caption becomes its alt text instead of vanishing, which
  is what the rule's own doc asks the writer to do: the words still reach screen-reader users
  and the image stops being silently decorative;
* stray whitespace is normalised: trailing spaces (hard line breaks are kept), runs of blank
  lines, zero-width spaces and blank lines at the start and end. Code blocks, raw HTML blocks
  and the front matter are left byte for byte.

Which findings mean what comes from the rules (their category, kind and suggestions), so a new
page-chrome phrase in ``rules/`` is cleaned with no change here. Anything beyond this is for
``plainpost fix``, where a writer reviews the change in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plainpost.checks.kinds import OnBuild
from plainpost.document import Document
from plainpost.document.parse import markdown_parser
from plainpost.findings import Finding
from plainpost.fix import Edit, apply_edits

BOILERPLATE = "boilerplate"

# Markup that may stay on a line once its chrome text is gone: blockquote and list markers,
# heading hashes, emphasis, empty link brackets and their destinations.
_LINK_DEST_RE = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]")
_WORD_RE = re.compile(r"\w")
_HARD_BREAK_RE = re.compile(r"\S {2,}$")
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")  # zero-width space, stray BOM
_PROTECTED_TOKENS = frozenset({"front_matter", "fence", "code_block", "html_block"})


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[str, ...] = ()  # page chrome and captions that were taken out
    bullets: int = 0  # pseudo-bullets turned into list items
    alt_from_caption: int = 0  # captions moved into an empty alt text
    whitespace: bool = False  # whether whitespace was normalised

    @property
    def summary(self) -> str:
        parts = []
        if self.removed:
            parts.append(f"{len(self.removed)} line(s) of page chrome or caption removed")
        if self.bullets:
            parts.append(f"{self.bullets} pseudo-bullet(s) made a list")
        if self.alt_from_caption:
            parts.append(f"{self.alt_from_caption} caption(s) moved into alt text")
        return ", ".join(parts)


@dataclass
class _Plan:
    edits: list[Edit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    bullets: int = 0
    alt: int = 0


def clean_document(
    doc: Document, findings: Iterable[Finding], on_build: Mapping[str, OnBuild]
) -> Cleaned:
    """Apply the cleaning edits the findings call for, then normalise whitespace.

    ``on_build`` maps rule ids to what their kind asks of the build (``Kind.on_build``), so
    renamed or extra rules of the same kind are honoured.
    """
    text = doc.text
    plan = _Plan()
    for f in findings:
        use = on_build.get(f.rule, OnBuild.NOTHING)
        if use is OnBuild.MAKE_LIST:
            # the kind's own marker: "- " where no space followed the glyph ("•Receding gums")
            marker = f.suggestions[0] if f.suggestions and f.suggestions[0].strip() else "-"
            plan.edits.append(Edit(f.start, f.end, marker, f.rule))
            plan.bullets += 1
        elif f.category == BOILERPLATE and f.suggestions and f.suggestions[0] == "":
            plan.removed.append(text[f.start : f.end])
            plan.edits.append(_deletion(text, f))
            if use is OnBuild.DROP_CAPTION:
                alt = _alt_for_caption(doc, f)
                if alt is not None:
                    plan.edits.append(alt)
                    plan.alt += 1
    edited, _ = apply_edits(text, plan.edits)
    normalised = normalise_whitespace(edited)
    return Cleaned(
        text=normalised,
        removed=tuple(plan.removed),
        bullets=plan.bullets,
        alt_from_caption=plan.alt,
        whitespace=normalised != edited,
    )


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start of the line holding ``start``; end of the line holding ``end`` (its newline)."""
    line_start = text.rfind("\n", 0, start) + 1
    nl = text.find("\n", max(end - 1, start))
    line_end = len(text) if nl < 0 else nl
    return line_start, line_end


def _deletion(text: str, f: Finding) -> Edit:
    """Delete the finding's whole line(s) when only markup would be left, else just its span."""
    line_start, line_end = _line_bounds(text, f.start, f.end)
    rest = text[line_start : f.start] + text[f.end : line_end]
    if _WORD_RE.search(_LINK_DEST_RE.sub("]", rest)):
        return Edit(f.start, f.end, "", f.rule)  # e.g. one cell of a table row
    if line_end < len(text):
        return Edit(line_start, line_end + 1, "", f.rule)
    return Edit(max(line_start - 1, 0), line_end, "", f.rule)


def _alt_for_caption(doc: Document, f: Finding) -> Edit | None:
    before = [img for img in doc.images if img.end <= f.start]
    if not before:
        return None
    image = before[-1]
    if doc.text[image.start : image.start + 3] != "![]":
        return None  # the image has alt text already: the caption is only dropped
    caption = " ".join(doc.text[f.start : f.end].split())
    escaped = re.sub(r"([\\\[\]])", r"\\\1", caption)
    return Edit(image.start + 2, image.start + 2, escaped, f.rule)


def _protected_lines(text: str) -> tuple[set[int], int]:
    """Lines that are kept byte for byte, and the first line after the front matter."""
    lines: set[int] = set()
    body_start = 0
    for tok in markdown_parser().parse(text):
        if tok.type in _PROTECTED_TOKENS and tok.map:
            first, last = tok.map
            lines.update(range(first, last))
            if tok.type == "front_matter":
                body_start = last
    return lines, body_start


def normalise_whitespace(text: str) -> str:
    """Trailing spaces, runs of blank lines and zero-width spaces, outside code and raw HTML."""
    protected, body_start = _protected_lines(text)
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in protected:
            out.append(line)
            continue
        line = line.translate(_INVISIBLE)
        if not line.strip():
            if out and out[-1] == "" and (i - 1) not in protected:
                continue  # one blank line is enough
            out.append("")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _HARD_BREAK_RE.search(line) and nxt.strip():
            out.append(line.rstrip(" \t") + "  ")  # a Markdown hard line break: keep it
        else:
            out.append(line.rstrip(" \t"))
    head, body = out[:body_start], out[body_start:]
    while body and body[0] == "":
        body.pop(0)
    while body and body[-1] == "":
        body.pop()
    gap = [""] if head and body else []  # one blank line after the front matter
    return "\n".join([*head, *gap, *body]) + "\n"
