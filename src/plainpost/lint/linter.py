"""The lint pipeline: source -> document -> checks -> findings (suppressed, sorted, unique)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from plainpost.checks.context import Context
from plainpost.checks.kinds import KINDS
from plainpost.document import Document, InputError, Source, parse_document
from plainpost.document.derived import Derived, Memo
from plainpost.errors import SetupError
from plainpost.findings import Finding, Hit, Severity
from plainpost.language.merge import LANGUAGE_CATEGORIES, merge_findings
from plainpost.lint.suppress import parse_suppressions
from plainpost.rulebook import Rule


@dataclass(frozen=True)
class Linter:
    rules: tuple[Rule, ...]
    ctx: Context = field(default_factory=Context)
    default_lang: str = "en-GB"
    all_rule_ids: frozenset[str] = frozenset()  # for validating suppression directives

    def forget_engine_state(self) -> None:
        """Let the engines drop what they keep from the posts checked so far (Harper's linters
        hold about 0.5 MB a post, up to 120 MB); findings are the same after."""
        for engine in self.ctx.engines:
            forget = getattr(engine, "forget", None)
            if callable(forget):
                forget()

    def parse(self, source: Source) -> Document:
        return parse_document(source, self.default_lang)

    def lint_source(self, source: Source, memo: Memo | None = None) -> list[Finding]:
        """Findings for one post. A bug in plainpost while checking it becomes an InputError
        naming the post (one line, no traceback), so a run still finishes the other posts.

        ``memo``, kept by a caller that lints the same posts again (the language server), lets
        each check reuse what it worked out from a block whose text has not changed; the
        findings are the same with it or without."""
        try:
            return self.lint_document(self.parse(source), memo)
        except SetupError:
            raise  # a setup problem (e.g. LanguageTool unreachable): the run stops, exit 2
        except RecursionError:
            raise InputError(
                f"{source.path}: nested too deeply to check (lists or quotes inside each other)"
            ) from None
        except Exception as exc:  # reported with the path, not hidden
            raise InputError(
                f"{source.path}: internal error while checking this post "
                f"({type(exc).__name__}: {exc}); please report it"
            ) from exc

    def lint_document(self, doc: Document, memo: Memo | None = None) -> list[Finding]:
        findings: list[Finding] = []
        meta: dict[str, Rule] = {}
        if memo is not None:
            memo.bind(self)  # values from another linter's rules are dropped
        ctx = replace(self.ctx, derived=Derived(memo))  # this post's shared derived data
        # engine-backed rules last: Harper's dictionary builds on a thread meanwhile
        for rule in sorted(self.rules, key=lambda r: KINDS[r.kind].needs_engines):
            kind = KINDS[rule.kind]
            if kind.meta:
                meta.setdefault(rule.options.reports, rule)
                continue
            for hit in kind.check(doc, rule, ctx):
                findings.append(to_finding(doc, rule, hit))
        findings = merge_rule_findings(findings, self.rules, doc.text)  # one report per problem
        rank = {r.id: KINDS[r.kind].merge_rank for r in self.rules}
        findings = one_per_line(findings, ONE_PER_LINE, rank)
        findings = lost_link_lines(findings)
        findings = widest_term(findings, ONE_PER_TERM)
        known = set(self.all_rule_ids) | {r.id for r in self.rules}
        suppressions = parse_suppressions(doc, known)
        kept = moot_on_leftover_lines([f for f in findings if not suppressions.hides(f)], doc.text)
        kept = yielded(kept, self.rules)  # after suppressions: a hidden finding yields to none
        ran = {r.id for r in self.rules} | {r.category for r in self.rules}
        if "unused" in meta:
            rule = meta["unused"]
            for d in suppressions.unused():
                if d.targets and not any(t in ran for t in d.targets):
                    continue  # its rules did not run: we cannot tell
                what = ", ".join(d.targets) or "every rule"
                kept.append(to_finding(doc, rule, Hit(d.start, d.end, rule.format(match=what))))
        if "invalid" in meta:
            rule = meta["invalid"]
            for start, end, problem in suppressions.problems:
                kept.append(to_finding(doc, rule, Hit(start, end, rule.format(problem=problem))))
        return finalize(kept)


def to_finding(doc: Document, rule: Rule, hit: Hit) -> Finding:
    index = doc.index
    start, end = hit.start, max(hit.end, hit.start)
    line, col = index.position(start)
    end_line, end_col = index.position(end)
    return Finding(
        path=doc.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        rule=hit.rule or rule.id,
        category=rule.category,
        severity=rule.severity,
        message=hit.message,
        suggestions=hit.suggestions,
        safe_fix=hit.safe_fix and bool(hit.suggestions),
        start=start,
        end=end,
        insert_at=hit.insert_at,
    )


def finalize(findings: Iterable[Finding]) -> list[Finding]:
    """Sort and drop exact repeats (same rule, same span)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.rule, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# categories where several rules may describe one leftover line: report it once
ONE_PER_LINE = frozenset({"boilerplate"})


def one_per_line(
    findings: list[Finding], categories: frozenset[str], rank: dict[str, int] | None = None
) -> list[Finding]:
    """One finding per line for the given categories: the surest, then the one marking most of
    the line (a caption that is also a photo credit is one leftover line, not two problems),
    then the clearer kind (``rank``: its kind's ``merge_rank``, a pattern before a shape)."""
    ranks = rank or {}
    best: dict[tuple[str, int], Finding] = {}
    rest: list[Finding] = []
    for f in findings:
        if f.category not in categories:
            rest.append(f)
            continue
        key = (f.category, f.line)
        kept = best.get(key)
        if kept is None or _line_rank(f, ranks) > _line_rank(kept, ranks):
            best[key] = f
    return [*rest, *best.values()]


# rules that mark a line as a link whose link was lost: the line is to be linked, not deleted
LOST_LINK_RULES = frozenset({"missing-link"})


def lost_link_lines(findings: list[Finding]) -> list[Finding]:
    """Drop a leftover-line finding (``ONE_PER_LINE``) on a line that a lost-link rule marks:
    "Click here to download the exercise sheet." with no link is one problem, the lost link,
    which the editor restores; it is not also page chrome to delete."""
    lines = {f.line for f in findings if f.rule in LOST_LINK_RULES}
    if not lines:
        return findings
    return [f for f in findings if not (f.category in ONE_PER_LINE and f.line in lines)]


# categories where a term inside a longer term another rule reports is one problem
ONE_PER_TERM = frozenset({"plain-language"})


def widest_term(findings: list[Finding], categories: frozenset[str]) -> list[Finding]:
    """Drop a finding of these categories whose span lies inside a longer one of the same
    category from another rule: "vagus" (a rare word) inside "vagus nerve" (jargon with a plain
    alternative) is one term to explain, reported once, by the longer finding."""
    terms = [f for f in findings if f.category in categories]
    if len(terms) < 2:
        return findings
    inside = {
        id(f)
        for f in terms
        for g in terms
        if g.rule != f.rule
        and g.start <= f.start
        and f.end <= g.end
        and g.end - g.start > f.end - f.start
    }
    return [f for f in findings if id(f) not in inside]


# a leftover line's wording: moot once the line is to go (a slip in it is still reported: the
# line may be a broken sentence the writer keeps)
MOOT_ON_LEFTOVER_LINES = frozenset({"plain-language", "readability"})
# and a rule whose complaint goes with the line: a social bar's "Like us on:" is deleted, not
# given the list it seems to introduce
MOOT_RULES_ON_LEFTOVER_LINES = frozenset({"list-intro-without-list"})


def moot_on_leftover_lines(findings: list[Finding], text: str) -> list[Finding]:
    """Drop the wording findings (``MOOT_ON_LEFTOVER_LINES``) inside a line that is no sentence
    and that a page-chrome finding marks whole ("Physio demonstrating shoulder shrugs", a card
    title): the editor deletes the line, so a wordy word or jargon in it is not the post's
    problem. A leftover line kept by a suppression keeps its other findings."""
    whole = set()
    for f in findings:
        if f.category in ONE_PER_LINE and f.line == f.end_line:
            first = text.rfind("\n", 0, f.start) + 1
            last = text.find("\n", f.end)
            rest = text[f.end : last if last >= 0 else len(text)]
            own = text[f.start : f.end].rstrip()
            if not text[first : f.start].strip() and not rest.strip() and own[-1:] not in ".!?":
                whole.add(f.line)
    if not whole:
        return findings
    return [
        f
        for f in findings
        if not (
            (f.category in MOOT_ON_LEFTOVER_LINES or f.rule in MOOT_RULES_ON_LEFTOVER_LINES)
            and f.line in whole
            and f.end_line == f.line
        )
    ]


def yields_to(rule: Rule) -> frozenset[str]:
    """The rules this rule steps back for (its ``yield_to`` option; safety notes have it)."""
    return frozenset(getattr(rule.options, "yield_to", ()) or ())


def yielded(findings: list[Finding], rules: Sequence[Rule]) -> list[Finding]:
    """One report for one gap across rules: a rule whose options name rules it ``yield_to``
    (`red-flags-note` -> `when-to-see-a-doctor`) is left out of a post where one of them
    reported. The note its finding would insert (``insert_at`` and the note as its first
    suggestion) moves to the finding it yields to, when that one has no suggestion of its own,
    so ``plainpost fix --notes`` still inserts it."""
    yields = {r.id: yields_to(r) for r in rules if yields_to(r)}
    if not yields:
        return findings
    reported: dict[str, int] = {}  # rule -> index of its first finding
    for i, f in enumerate(findings):
        reported.setdefault(f.rule, i)
    out = list(findings)
    dropped: set[int] = set()
    for i, f in enumerate(findings):
        to = yields.get(f.rule)
        if not to:
            continue
        target = min((reported[t] for t in to if t in reported), default=None)
        if target is None:
            continue
        dropped.add(i)
        kept = out[target]
        if f.insert_at >= 0 and f.suggestions and not kept.suggestions:
            out[target] = replace(
                kept,
                message=f"{kept.message} (`plainpost fix --notes` inserts the standard note.)",
                suggestions=f.suggestions[:1],
                insert_at=f.insert_at,
            )
    return [f for i, f in enumerate(out) if i not in dropped]


def _line_rank(f: Finding, ranks: dict[str, int]) -> tuple[int, int, int, int]:
    """Which of a line's findings is kept: the surest (a pattern's warning before a shape's
    note), then the one marking most of the line, then the clearer kind, then the first."""
    return (f.severity, f.end - f.start, -ranks.get(f.rule, 3), -f.start)


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)


def merge_rule_findings(findings: list[Finding], rules: Sequence[Rule], text: str) -> list[Finding]:
    """One report per problem across rules (:func:`merge_findings`), ranked by their kinds'
    ``merge_rank``: plainpost's own pattern rules before the engines' rules."""
    if sum(1 for f in findings if f.category in LANGUAGE_CATEGORIES) < 2:
        return findings
    rank = {r.id: KINDS[r.kind].merge_rank for r in rules}
    return merge_findings(findings, rank, text)
