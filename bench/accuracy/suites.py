"""Public suites: plainpost's whole pipeline on other projects' test sentences and word lists.

    python bench/accuracy/suites.py [--json] [--only grammar|spelling] [--shared DIR]

Data (``../shared/peer-suites/`` beside the repository; its SOURCES.md gives each file's origin
and licence):

- ``grammar/cases.jsonl``: Harper's and LanguageTool's own test sentences in 16 confusion classes,
  each ``bad`` (with the wrong words' ``span``) or ``good``. Per class: how many wrong sentences
  get a spelling or grammar finding (anywhere in the sentence, and overlapping the wrong words),
  and how many correct sentences get one (a false alarm).
- ``spelling/medical-*.txt``: real medical words (Debian's hunspell-en-med): share flagged as
  misspellings, in an en-GB post (plainpost's default language).
- ``spelling/gb-us.tsv``: British spellings flagged in an en-GB post, American ones in en-US.
- ``spelling/codespell-sample.tsv``: real misspellings caught, and with the right suggestion.

Sentences are batched into a few posts, one a paragraph (so none runs into another); words, 20
to a paragraph, separated by commas. Posts are
linted in one run of ``plainpost lint --format json --no-cache``, and findings are mapped back
by line. Without ../shared the script says so and exits 0 (the suites are skipped).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared" / "peer-suites"
LANGUAGE = frozenset({"spelling", "grammar"})
BATCH_LINES = 400  # paragraphs a post
WORDS_PER_LINE = 20  # word lists: "word, word, ..." paragraphs


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plainpost_accuracy_score", HERE / "score.py")
    assert spec and spec.loader
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


score = _score_module()


@dataclass(frozen=True)
class Item:
    """One sentence or word placed in a batch post."""

    suite: str  # e.g. "grammar", "medical-suffix", "gb-us:en-GB", "codespell"
    key: str  # the class (grammar) or the word
    text: str
    bad: bool  # should plainpost flag it?
    span: tuple[int, int] | None = None  # 0-based [start, end) of the wrong words in text
    expected: tuple[str, ...] = ()  # the right words, where the suite gives them
    source: str = ""  # whose test sentence: harper or languagetool


def batch_posts(
    items: Sequence[Item], lang: str, folder: Path, name: str, per_line: int = 1
) -> dict[Path, dict[int, list[tuple[int, Item]]]]:
    """Write `items` as posts, `per_line` to a paragraph (words joined by ", ").

    Returns post -> line -> [(0-based column where the item starts, item)].
    """
    out: dict[Path, dict[int, list[tuple[int, Item]]]] = {}
    per_post = BATCH_LINES * per_line
    for start in range(0, len(items), per_post):
        chunk = items[start : start + per_post]
        path = folder / f"{name}-{start // per_post:03d}.md"
        lines = ["---", f"title: Suite batch {name} {start // per_post}", f"lang: {lang}", "---"]
        where: dict[int, list[tuple[int, Item]]] = {}
        for first in range(0, len(chunk), per_line):
            lines.append("")
            placed, text = [], ""
            for item in chunk[first : first + per_line]:
                if text:
                    text += ", "
                placed.append((len(text), item))
                text += item.text
            lines.append(text)
            where[len(lines)] = placed
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out[path] = where
    return out


Posts = dict[Path, dict[int, list[tuple[int, Item]]]]


def language_findings(findings: Sequence[Any], posts: Posts) -> dict[int, list[Any]]:
    """Spelling and grammar findings, keyed by id() of the item they start in (its line, and
    for several items to a line, the one whose text holds the finding's first column)."""
    by_path = {str(p.resolve()): lines for p, lines in posts.items()}
    hits: dict[int, list[Any]] = defaultdict(list)
    for f in findings:
        lines = by_path.get(f.path)
        if lines is None or f.category not in LANGUAGE or f.line not in lines:
            continue
        placed = lines[f.line]
        col = f.column - 1
        for offset, item in placed:
            if len(placed) == 1 or offset <= col < offset + len(item.text):
                hits[id(item)].append(shift(f, offset))
                break
    return hits


def overlaps_span(f: Any, span: tuple[int, int]) -> bool:
    """Does the finding (columns relative to its item) overlap the 0-based span?"""
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else 10**9
    if end <= start:
        return bool(span[0] <= start <= span[1])
    return bool(start < span[1] and span[0] < end)


def shift(f: Any, offset: int) -> Any:
    """The finding with columns relative to its item's text."""
    if not offset:
        return f
    end = f.end_column - offset if f.end_line == f.line else f.end_column
    return type(f)(**{**f.__dict__, "column": f.column - offset, "end_column": end})


# ---------------------------------------------------------------- the suites


def grammar_items(shared: Path) -> list[Item]:
    rows = [
        json.loads(line) for line in (shared / "grammar" / "cases.jsonl").open(encoding="utf-8")
    ]
    items = []
    for row in rows:
        if "meta" in row:
            continue
        span = (int(row["span"][0]), int(row["span"][1])) if row.get("span") else None
        items.append(
            Item("grammar", row["cls"], row["text"], row["kind"] == "bad", span, source=row["src"])
        )
    return items


def word_items(shared: Path) -> dict[str, list[Item]]:
    spelling = shared / "spelling"
    suites: dict[str, list[Item]] = {}
    for path in sorted(spelling.glob("medical-*.txt")):
        words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]
        suites[path.stem] = [Item(path.stem, w, w, False) for w in words]
    pairs = [
        line.split("\t")
        for line in (spelling / "gb-us.tsv").read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    suites["gb-us:en-GB"] = [Item("gb-us:en-GB", gb, gb, False) for gb, _ in pairs]
    suites["gb-us:en-US"] = [Item("gb-us:en-US", us, us, False) for _, us in pairs]
    wrong = [
        line.split("\t")
        for line in (spelling / "codespell-sample.tsv").read_text(encoding="utf-8").splitlines()
        if "\t" in line
    ]
    suites["codespell"] = [
        Item("codespell", w, w, True, (0, len(w)), tuple(r.strip() for r in right.split(",")))
        for w, right in wrong
    ]
    return suites


def run(shared: Path, only: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="plainpost-suites-") as tmp:
        folder = Path(tmp)
        posts: Posts = {}
        if only in (None, "grammar"):
            posts |= batch_posts(grammar_items(shared), "en-US", folder, "grammar")
        if only in (None, "spelling"):
            for name, items in word_items(shared).items():
                if name.startswith("medical-"):  # in the default language, en-GB
                    gb = [Item(name + ":en-GB", i.key, i.text, False) for i in items]
                    posts |= batch_posts(gb, "en-GB", folder, name, WORDS_PER_LINE)
                else:
                    lang = "en-US" if name.endswith("en-US") else "en-GB"
                    posts |= batch_posts(
                        items, lang, folder, name.replace(":", "-"), WORDS_PER_LINE
                    )
        findings = score.run_plainpost(sorted(posts))
        hits = language_findings(findings, posts)
        items = [item for lines in posts.values() for row in lines.values() for _, item in row]
        return summarise(items, hits)


def summarise(items: Sequence[Item], hits: dict[int, list[Any]]) -> dict[str, Any]:
    grammar: dict[str, Counter[str]] = defaultdict(Counter)
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    rules: dict[str, Counter[str]] = defaultdict(Counter)  # rule -> wrong caught, false alarms
    for item in items:
        found = hits.get(id(item), [])
        if item.suite == "grammar":
            for rule in {f.rule for f in found}:
                rules[rule]["caught" if item.bad else "false_alarm"] += 1
            for c in (grammar[item.key], by_source[item.source]):
                if item.bad:
                    c["bad"] += 1
                    c["caught"] += bool(found)
                    if item.span:
                        c["with_span"] += 1
                        c["caught_at_span"] += any(overlaps_span(f, item.span) for f in found)
                else:
                    c["good"] += 1
                    c["false_alarm"] += bool(found)
            if not item.bad and found and len(examples["grammar:" + item.key]) < 3:
                examples["grammar:" + item.key].append(f"{item.text}  [{found[0].rule}]")
        elif item.suite.startswith(("medical-", "gb-us")):
            c = words[item.suite]
            c["words"] += 1
            flagged = any(f.category == "spelling" for f in found)
            c["flagged"] += flagged
            if flagged and len(examples[item.suite]) < 8:
                examples[item.suite].append(item.text)
        elif item.suite == "codespell":
            c = words["codespell"]
            c["words"] += 1
            caught = [f for f in found if item.span and overlaps_span(f, item.span)]
            c["caught"] += bool(caught)
            c["right_suggestion"] += any(
                s in item.expected for f in caught for s in getattr(f, "suggestions", ())
            )
            if not caught and len(examples["codespell"]) < 8:
                examples["codespell"].append(item.text)
    return {
        "grammar": {k: dict(v) for k, v in sorted(grammar.items())},
        "grammar_by_source": {k: dict(v) for k, v in sorted(by_source.items())},
        "spelling": {k: dict(v) for k, v in sorted(words.items())},
        "examples": dict(examples),
        "grammar_rules": {k: dict(v) for k, v in sorted(rules.items())},
    }


def share(k: int, n: int) -> str:
    return f"{k:5} / {n:<5} {k / n:.2f}" if n else f"{k:5} / {n:<5}  n/a"


def render(result: dict[str, Any]) -> str:
    out = []
    grammar = result["grammar"]
    if grammar:
        out.append(
            "grammar suite (Harper + LanguageTool test sentences), spelling or grammar findings:"
        )
        out.append(
            f"  {'class':15} {'wrong caught':>20} {'at the span':>20}"
            f" {'correct falsely flagged':>26}"
        )
        total: Counter[str] = Counter()
        for cls, c in grammar.items():
            total.update(c)
            out.append(
                f"  {cls:15} {share(c['caught'], c['bad']):>20} "
                f"{share(c['caught_at_span'], c['with_span']):>20} "
                f"{share(c['false_alarm'], c['good']):>26}"
            )
        rows = [("all", total)]
        rows += [(f"{src}'s", c) for src, c in result.get("grammar_by_source", {}).items()]
        for name, c in rows:
            out.append(
                f"  {name:15} {share(c['caught'], c['bad']):>20} "
                f"{share(c['caught_at_span'], c['with_span']):>20} "
                f"{share(c['false_alarm'], c['good']):>26}"
            )
    by_rule = result.get("grammar_rules", {})
    if by_rule:
        out.append("  by rule, wrong sentences caught / correct sentences falsely flagged:")
        ranked = sorted(by_rule.items(), key=lambda kv: -kv[1].get("false_alarm", 0))
        out.append(
            "    "
            + ", ".join(
                f"{rule} {c.get('caught', 0)}/{c.get('false_alarm', 0)}" for rule, c in ranked
            )
        )
    spelling = result["spelling"]
    if spelling:
        out.append("spelling suites:")
        for name, c in spelling.items():
            if name == "codespell":
                out.append(
                    f"  codespell misspellings caught      {share(c['caught'], c['words'])}"
                    f"   with the right suggestion {share(c['right_suggestion'], c['words'])}"
                )
            else:
                what = "British spellings" if name.endswith("en-GB") else "American spellings"
                if name.startswith("medical-"):
                    what = f"{name.split(':')[0]} real words"
                lang = name.split(":")[1]
                out.append(f"  {what:24} flagged in {lang}: {share(c['flagged'], c['words'])}")
    for name, ex in result["examples"].items():
        what = "missed" if name == "codespell" else "flagged"
        if name.startswith("grammar:"):
            what = "correct but flagged"
        out.append(f"  {what}, {name}: " + "; ".join(ex[:4]))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="plainpost on the public grammar and spelling suites"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=["grammar", "spelling"])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the peer-suites folder")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "grammar" / "cases.jsonl").is_file() or not (shared / "spelling").is_dir():
        print(
            f"skipped: the public suites are not at {shared} (../shared/peer-suites)",
            file=sys.stderr,
        )
        return 0
    try:
        result = run(shared, args.only)
    except score.BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(json.dumps(result, indent=1) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
