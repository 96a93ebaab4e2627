"""Markdown posts built from building blocks, with the exact source offset of every prose word.

The strategies here render a post line by line and remember where each prose word was written
(and which spans are not prose: code, URLs, link labels, comments, HTML, front matter). The
property tests then check the document model against that record.

Everything that is not prose contains the marker ``zqx``, so a leak is easy to spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

MARK = "zqx"

# Single words as WORD_RE sees them (after typography folding). Non-ASCII, astral, a curly
# apostrophe, a hyphen and an ampersand inside a word.
WORDS = [
    "knee",
    "rest",
    "Run",
    "ice",
    "café",
    "naïve",
    "Zürich",
    "straße",
    "don’t",
    "it's",
    "x-ray",
    "R&D",
    "日本語",
    "𝒜𝒷𝒸",
    "Ørsted",
    "Ελλάδα",
    "über",
    "GP",
    "A1",
    "tendon",
]
# Tokens that are prose but not words (checked character by character only).
PUNCT = ["—", "…", ",", ".", "!", "?", ";", "🏃", "°", "€", "%"]
ESCAPES = ["\\*", "\\_", "\\#", "\\[", "\\]", "\\\\", "\\`", "\\<", "\\!"]
ENTITIES = ["&amp;", "&copy;", "&#8212;", "&#x2014;", "&nbsp;", "&lt;", "&quot;", "&hellip;"]


@dataclass
class Line:
    text: str = ""
    words: list[tuple[int, str]] = field(default_factory=list)  # (column, word as written)
    hidden: list[tuple[int, int]] = field(default_factory=list)  # [start, end) columns
    defs: list[Line] = field(default_factory=list)  # definitions this piece needs

    def add(self, text: str, word: bool = False, hidden: bool = False) -> None:
        if word:
            self.words.append((len(self.text), text))
        if hidden and text:
            self.hidden.append((len(self.text), len(self.text) + len(text)))
        self.text += text

    def extend(self, other: Line) -> None:
        base = len(self.text)
        self.words += [(base + c, w) for c, w in other.words]
        self.hidden += [(base + a, base + b) for a, b in other.hidden]
        self.text += other.text

    def prefixed(self, prefix: str) -> Line:
        if not self.text:  # blank lines inside a container stay blank (or carry the quote mark)
            prefix = prefix.rstrip() if ">" in prefix else ""
        n = len(prefix)
        return Line(
            prefix + self.text,
            [(c + n, w) for c, w in self.words],
            [(a + n, b + n) for a, b in self.hidden],
        )


@dataclass
class Rendered:
    lines: list[Line]
    defs: list[Line] = field(default_factory=list)  # reference and footnote definitions
    kind: str = ""

    def prefixed(self, first: str, rest: str) -> Rendered:
        out = [ln.prefixed(first if i == 0 else rest) for i, ln in enumerate(self.lines)]
        return Rendered(out, self.defs, self.kind)


@dataclass
class Generated:
    text: str  # with "\n" line ends; offsets refer to this text
    words: set[tuple[int, str]]  # (offset, word as written in the source)
    hidden: list[tuple[int, int]]  # [start, end) source offsets that are not prose
    crlf: bool = False

    @property
    def source_text(self) -> str:
        return self.text.replace("\n", "\r\n") if self.crlf else self.text


_ref_counter = st.integers(min_value=0, max_value=10**6)


@st.composite
def segment(draw: st.DrawFn, ctx: str = "para") -> Line:
    """One inline piece. ctx: para | table | heading | alt-free (no images)."""
    kinds = [
        "word",
        "word",
        "word",
        "em",
        "strong_em",
        "link",
        "code",
        "punct",
        "escape",
        "entity",
        "curly",
        "paren",
    ]
    if ctx != "table":
        kinds += [
            "ref",
            "collapsed",
            "autolink",
            "email",
            "comment",
            "html",
            "image",
            "image_link",
            "footnote",
        ]
    else:
        kinds += ["pipe"]
    kind = draw(st.sampled_from(kinds))
    w = st.sampled_from(WORDS)
    ln = Line()
    if kind == "word":
        ln.add(draw(w), word=True)
    elif kind == "em":
        m = draw(st.sampled_from(["*", "_", "**", "__", "~~"]))
        ln.add(m, hidden=True)
        ln.add(draw(w), word=True)
        if draw(st.booleans()):
            ln.add(" ")
            ln.add(draw(w), word=True)
        ln.add(m, hidden=True)
    elif kind == "strong_em":
        ln.add("**", hidden=True)
        ln.add(draw(w), word=True)
        ln.add(" ")
        ln.add("*", hidden=True)
        ln.add(draw(w), word=True)
        ln.add("*", hidden=True)
        ln.add("**", hidden=True)
    elif kind == "link":
        ln.add("[", hidden=True)
        ln.add(draw(w), word=True)
        inner = draw(st.sampled_from(["", "em", "code", "escape", "word"]))
        if inner == "em":
            ln.add(" ")
            ln.add("_", hidden=True)
            ln.add(draw(w), word=True)
            ln.add("_", hidden=True)
        elif inner == "code":
            ln.add(" ")
            ln.add(f"`{MARK}`", hidden=True)
        elif inner == "escape":
            ln.add(" \\] ")
        elif inner == "word":
            ln.add(" ")
            ln.add(draw(w), word=True)
        dest = draw(
            st.sampled_from(
                [
                    f"(https://{MARK}.example/a)",
                    f"(https://{MARK}.example/a_(b))",
                    f"(<https://{MARK}.example/a b>)",
                    f"(https://{MARK}.example/a\\)b)",
                    f'(https://{MARK}.example/t "{MARK} title")',
                    f'(https://{MARK}.example/t "{MARK} ) paren")',
                    f"(/{MARK}/relative.html 'x {MARK}')",
                    f"(#{MARK}-anchor)",
                ]
            )
        )
        ln.add("]" + dest, hidden=True)
    elif kind == "ref":
        n = draw(_ref_counter)
        ln.add("[", hidden=True)
        ln.add(draw(w), word=True)
        ln.add(" ")
        ln.add(draw(w), word=True)
        ln.add(f"][{MARK}ref{n}]", hidden=True)
        d = Line()
        d.add(f'[{MARK}ref{n}]: https://{MARK}.example/r{n} "{MARK}"', hidden=True)
        ln.defs.append(d)
    elif kind == "collapsed":
        word = draw(st.sampled_from(["knee", "tendon", "ice"]))
        label = draw(st.sampled_from(["[]", ""]))
        ln.add("[", hidden=True)
        ln.add(word, word=True)
        ln.add("]" + label, hidden=True)
        d = Line()
        d.add(f"[{word}]: https://{MARK}.example/{word}", hidden=True)
        ln.defs.append(d)
    elif kind == "autolink":
        ln.add(f"<https://{MARK}.example/auto?q=1&x=2>", hidden=True)
    elif kind == "email":
        ln.add(f"<{MARK}@example.org>", hidden=True)
    elif kind == "code":
        ln.add(
            draw(st.sampled_from([f"`{MARK} code`", f"`` {MARK}`tick ``", f"`{MARK}*x*`"])),
            hidden=True,
        )
    elif kind == "comment":
        ln.add(f"<!-- {MARK} note -->", hidden=True)
    elif kind == "html":
        ln.add(f'<abbr title="{MARK}">', hidden=True)
        ln.add(draw(w), word=True)
        ln.add("</abbr>", hidden=True)
    elif kind == "image":
        ln.add("![", hidden=True)
        if draw(st.booleans()):
            ln.add(draw(w), word=True)
            ln.add(" ")
            ln.add(draw(w), word=True)
        ln.add(f"]({MARK}/pic.png)", hidden=True)
    elif kind == "image_link":
        ln.add("[![", hidden=True)
        ln.add(draw(w), word=True)
        ln.add(f"]({MARK}.png)](https://{MARK}.example)", hidden=True)
    elif kind == "footnote":
        n = draw(_ref_counter)
        ln.add(f"[^{MARK}fn{n}]", hidden=True)
        d = Line()
        d.add(f"[^{MARK}fn{n}]: ", hidden=True)
        d.add(draw(w), word=True)
        d.add(" ")
        d.add(draw(w), word=True)
        ln.defs.append(d)
    elif kind == "punct":
        ln.add(draw(st.sampled_from(PUNCT)))
    elif kind == "escape":
        # in a table row markdown-it reads `\\|` as an escaped pipe; keep rows unambiguous
        ln.add(draw(st.sampled_from(ESCAPES if ctx != "table" else ESCAPES[:5])))
    elif kind == "pipe":
        ln.add("\\|")
    elif kind == "entity":
        ln.add(draw(st.sampled_from(ENTITIES)))
    elif kind == "curly":
        o, c = draw(st.sampled_from([("“", "”"), ("‘", "’"), ('"', '"')]))
        ln.add(o)
        ln.add(draw(w), word=True)
        ln.add(c)
    elif kind == "paren":
        ln.add("(")
        ln.add(draw(w), word=True)
        ln.add(")")
    return ln


@st.composite
def inline_line(
    draw: st.DrawFn, ctx: str = "para", max_segments: int = 6
) -> tuple[Line, list[Line]]:
    """A line of inline content that starts with a plain word (so it never starts a block)."""
    line = Line()
    defs: list[Line] = []
    line.add(draw(st.sampled_from(WORDS)), word=True)
    for _ in range(draw(st.integers(0, max_segments))):
        line.add(draw(st.sampled_from([" ", " ", " ", "\t", "  ", "\u00a0"])))
        seg = draw(segment(ctx))
        defs += seg.defs
        line.extend(seg)
    return line, defs


@st.composite
def paragraph(draw: st.DrawFn, max_lines: int = 3, indent: bool = True) -> Rendered:
    lines: list[Line] = []
    defs: list[Line] = []
    n = draw(st.integers(1, max_lines))
    for i in range(n):
        ln, d = draw(inline_line())
        defs += d
        if indent:
            ln = ln.prefixed(" " * draw(st.integers(0, 3 if i == 0 else 6)))
        if i < n - 1:
            ln.add(draw(st.sampled_from(["", "", "  ", "\\"])))  # soft or hard break
        lines.append(ln)
    return Rendered(lines, defs, "paragraph")


@st.composite
def atx_heading(draw: st.DrawFn) -> Rendered:
    level = draw(st.integers(1, 6))
    ln, defs = draw(inline_line(max_segments=3))
    out = Line()
    out.add(" " * draw(st.integers(0, 3)) + "#" * level, hidden=True)
    out.add(draw(st.sampled_from([" ", "\t", "  "])))
    out.extend(ln)
    if draw(st.booleans()):
        out.add(" ")
        out.add("#" * draw(st.integers(1, 3)), hidden=True)
    return Rendered([out], defs, "heading")


@st.composite
def setext_heading(draw: st.DrawFn) -> Rendered:
    lines: list[Line] = []
    defs: list[Line] = []
    for _ in range(draw(st.integers(1, 2))):
        ln, d = draw(inline_line(max_segments=3))
        lines.append(ln)
        defs += d
    under = Line()
    under.add(draw(st.sampled_from(["===", "---", "==", "-----"])), hidden=True)
    return Rendered([*lines, under], defs, "heading")


@st.composite
def fenced_code(draw: st.DrawFn) -> Rendered:
    fence = draw(st.sampled_from(["```", "~~~", "````"]))
    lines = []
    for text in [
        fence + draw(st.sampled_from(["", "python", f"{MARK}"])),
        f"{MARK} code",
        f"  {MARK} *indented* [x](y)",
        fence,
    ]:
        ln = Line()
        ln.add(text, hidden=True)
        lines.append(ln)
    return Rendered(lines, [], "code")


def indented_code() -> st.SearchStrategy[Rendered]:
    lines = []
    for text in [f"    {MARK} code", f"\t{MARK} more code"]:
        ln = Line()
        ln.add(text, hidden=True)
        lines.append(ln)
    return st.just(Rendered(lines, [], "indented_code"))


@st.composite
def html_comment_block(draw: st.DrawFn) -> Rendered:
    texts = draw(
        st.sampled_from(
            [[f"<!-- {MARK} -->"], [f"<!-- {MARK}", f"{MARK} knee -->"], [f"<!--{MARK}-->"]]
        )
    )
    lines = []
    for text in texts:
        ln = Line()
        ln.add(text, hidden=True)
        lines.append(ln)
    return Rendered(lines, [], "comment")


@st.composite
def html_block(draw: st.DrawFn) -> Rendered:
    """Raw HTML: its tags and attributes are hidden, the prose between them is prose."""
    w = st.sampled_from(WORDS)
    opening = Line()
    opening.add(f'<div class="{MARK}">', hidden=True)
    body = Line()
    body.add(f'<p title="{MARK}">', hidden=True)
    body.add(draw(w), word=True)
    body.add(" ")
    body.add(draw(w), word=True)
    body.add("</p>", hidden=True)
    script = Line()
    script.add(f"<script>{MARK}()</script>", hidden=True)
    closing = Line()
    closing.add("</div>", hidden=True)
    lines = [opening, body, *([script] if draw(st.booleans()) else []), closing]
    return Rendered(lines, [], "html")


@st.composite
def image_block(draw: st.DrawFn) -> Rendered:
    ln = Line()
    ln.add("![", hidden=True)
    ln.add(draw(st.sampled_from(WORDS)), word=True)
    ln.add(" ")
    ln.add(draw(st.sampled_from(WORDS)), word=True)
    ln.add(f']({MARK}/photo.jpg "{MARK}")', hidden=True)
    return Rendered([ln], [], "paragraph")


@st.composite
def table(draw: st.DrawFn) -> Rendered:
    cols = draw(st.integers(1, 3))
    outer = draw(st.booleans()) or cols == 1

    def row(cells: list[Line]) -> Line:
        ln = Line()
        if outer:
            ln.add("|", hidden=True)
        for i, cell in enumerate(cells):
            if i or outer:
                ln.add(draw(st.sampled_from([" ", "  ", ""])))
            ln.extend(cell)
            ln.add(draw(st.sampled_from([" ", "  ", ""])))
            if i < len(cells) - 1 or outer:
                ln.add("|", hidden=True)
        return ln

    def cell() -> Line:
        line = Line()
        line.add(draw(st.sampled_from(WORDS)), word=True)
        for _ in range(draw(st.integers(0, 2))):
            line.add(" ")
            line.extend(draw(segment("table")))
        return line

    lines = [row([cell() for _ in range(cols)])]
    delim = Line()
    delim.add(
        ("|" if outer else "")
        + "|".join(draw(st.sampled_from(["---", ":---", "---:", ":-:"])) for _ in range(cols))
        + ("|" if outer else ""),
        hidden=True,
    )
    lines.append(delim)
    for _ in range(draw(st.integers(0, 2))):
        lines.append(row([cell() for _ in range(cols)]))
    return Rendered(lines, [], "table")


def _leaf(depth: int) -> st.SearchStrategy[Rendered]:
    options = [
        paragraph(),
        paragraph(),
        atx_heading(),
        setext_heading(),
        fenced_code(),
        html_comment_block(),
        image_block(),
        table(),
    ]
    if depth == 0:
        options += [html_block()]
    return st.one_of(options)


@st.composite
def bullet_list(draw: st.DrawFn, depth: int, interrupts: bool = False) -> Rendered:
    """A bullet or ordered list. ``interrupts``: it follows a paragraph line directly, where
    CommonMark lets only an ordered list starting at 1 begin."""
    ordered = draw(st.booleans())
    marker = draw(st.sampled_from(["-", "*", "+"]))
    delim = draw(st.sampled_from([".", ")"]))
    start = 1 if interrupts else draw(st.integers(1, 9))
    tight = draw(st.booleans())
    lines: list[Line] = []
    defs: list[Line] = []
    for i in range(draw(st.integers(1, 3))):
        mark = f"{start + i}{delim}" if ordered else marker
        after = draw(st.sampled_from([" ", " ", "  ", "\t"] if not ordered else [" ", "  "]))
        first_prefix = mark + after
        if after == "\t":
            # a tab after the marker: the content column is the next tab stop
            rest_prefix = "\t" if len(mark) < 4 else " " * (len(mark) + 1)
        else:
            rest_prefix = " " * len(first_prefix)
        content = [draw(paragraph(max_lines=2, indent=False))]
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            content.append(draw(bullet_list(depth + 1, interrupts=tight)))
        if not tight and draw(st.booleans()):
            content.append(
                draw(
                    st.one_of(
                        paragraph(max_lines=2, indent=False), fenced_code(), blockquote(depth + 1)
                    )
                )
            )
        body: list[Line] = []
        for j, block in enumerate(content):
            if j and (not tight or block.kind != "list"):
                body.append(Line())
            body += block.lines
            defs += block.defs
        if len(content) == 1 and draw(st.integers(0, 3)) == 0:
            rest_prefix = ""  # lazy continuation lines
        item = Rendered(body).prefixed(first_prefix, rest_prefix)
        if i and not tight:
            lines.append(Line())
        lines += item.lines
    return Rendered(lines, defs, "list")


@st.composite
def blockquote(draw: st.DrawFn, depth: int) -> Rendered:
    blocks = [
        draw(
            _leaf(depth + 1)
            if depth >= 2
            else st.one_of(_leaf(depth + 1), bullet_list(depth + 1), blockquote(depth + 1))
        )
        for _ in range(draw(st.integers(1, 2)))
    ]
    lines: list[Line] = []
    defs: list[Line] = []
    for j, block in enumerate(blocks):
        if j:
            lines.append(Line())
        lines += block.lines
        defs += block.defs
    prefix = draw(st.sampled_from(["> ", ">"]))
    if any(ln.text[:1] in (" ", "\t") for ln in lines[1:]):
        prefix = "> "  # after ">" one space is optional: indented lines keep theirs with "> "
    lazy = len(blocks) == 1 and blocks[0].kind == "paragraph" and draw(st.booleans())
    return Rendered(lines, defs, "quote").prefixed(prefix, "" if lazy else prefix)


@st.composite
def front_matter(draw: st.DrawFn) -> Rendered:
    texts = [
        "---",
        f"title: {MARK} title",
        f'description: "{MARK} – a knee post"',
        "tags:",
        f"  - {MARK}",
        "date: 2024-01-02",
        "---",
    ]
    lines = []
    for text in texts[:3] + (texts[3:6] if draw(st.booleans()) else []) + ["---"]:
        ln = Line()
        ln.add(text, hidden=True)
        lines.append(ln)
    return Rendered(lines, [], "front_matter")


@st.composite
def documents(draw: st.DrawFn) -> Generated:
    blocks: list[Rendered] = []
    if draw(st.booleans()):
        blocks.append(draw(front_matter()))
    previous = ""
    list_open = False  # an indented block after a list joins the list's last item
    for _ in range(draw(st.integers(1, 6))):
        options = [_leaf(0), bullet_list(0), blockquote(0)]
        if previous not in ("list", "paragraph", "quote", "") and not list_open:
            options.append(indented_code())
        block = draw(st.one_of(options))
        previous = block.kind
        first = block.lines[0].text if block.lines else ""
        list_open = block.kind == "list" or (list_open and first[:1] in (" ", "\t"))
        blocks.append(block)
    # one definition per label (the first), as CommonMark uses the first
    by_label = {d.text.split("]:")[0]: d for b in reversed(blocks) for d in reversed(b.defs)}
    defs = list(by_label.values())[::-1]
    if defs:
        blocks.append(Rendered(defs, [], "defs"))
    lines: list[Line] = []
    for i, block in enumerate(blocks):
        if i and not (blocks[i - 1].kind == "front_matter" and draw(st.booleans())):
            lines += [Line()] * draw(st.integers(1, 2))
        if block.kind == "defs":
            for d in block.lines:  # definitions are blocks of their own
                lines += [d, Line()]
        else:
            lines += block.lines
    return _assemble(lines, crlf=draw(st.booleans()), final_newline=draw(st.booleans()))


def _assemble(lines: list[Line], crlf: bool, final_newline: bool) -> Generated:
    words: set[tuple[int, str]] = set()
    hidden: list[tuple[int, int]] = []
    offset = 0
    parts = []
    for ln in lines:
        words |= {(offset + c, w) for c, w in ln.words}
        hidden += [(offset + a, offset + b) for a, b in ln.hidden]
        parts.append(ln.text)
        offset += len(ln.text) + 1
    text = "\n".join(parts) + ("\n" if final_newline else "")
    return Generated(text, words, hidden, crlf)
