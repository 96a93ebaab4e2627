"""Where the real-word model and a hand-written grammar rule cover the same confusion, which is
more precise? Measured on the suite's sentences, per half.

    python bench/accuracy/realword_vs_rules.py [--half held-out|tune|all]

For each class of ``peer-suites/grammar/cases.jsonl`` that has a hand-written rule in
``rules/grammar/`` (then-than, loose-lose, affect-effect, its-it-s, your-you-re, modal-of), each
of the two is run alone through the linter (``build_linter(select=(rule,))``) on every sentence
of the half; the model's findings count only where the written word is one of the class's words
(the overlap). For each: wrong sentences of the class caught (a finding on the wrong words),
findings on correct sentences of any class (false alarms), and precision (findings on wrong
words / all its findings in the half), then the same for the two together (either fires).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from realword_curve import SHARED, Case, load_cases

from plainpost.api import build_linter
from plainpost.config import Config
from plainpost.document import Source
from plainpost.findings import Finding

REPO = Path(__file__).resolve().parents[2]
RULE_FOR_CLASS = {
    "then-than": "then-than",
    "loose-lose": "loose-lose",
    "affect-effect": "affect-effect",
    "its-its": "its-it-s",
    "your-youre": "your-you-re",
    "could-of": "modal-of",
}
CLASS_WORDS = {
    "then-than": {"then", "than"},
    "loose-lose": {"loose", "lose", "losing", "loosing", "loses", "looses"},
    "affect-effect": {
        f"{stem}{end}" for stem in ("affect", "effect") for end in ("", "s", "ed", "ing")
    },
    "its-its": {"its", "it's"},
    "your-youre": {"your", "you're"},
    "could-of": {"of"},
}


def _on(f: Finding, case: Case) -> bool:
    if case.span is None:
        return True
    return f.start < case.span[1] and f.end > case.span[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    ap.add_argument("--half", choices=["tune", "held-out", "all"], default="held-out")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"needs {SHARED} (the shared peer suites beside the repository)", file=sys.stderr)
        return 2
    cases = load_cases(args.half)
    config = Config(root=REPO)

    def run(rule: str) -> list[list[Finding]]:
        linter = build_linter(config, select=(rule,))
        return [linter.lint_source(Source.from_text(c.text, "suite.md")) for c in cases]

    model = run("real-word")
    print(f"half={args.half}: {len(cases)} sentences")
    print(f"{'class':14} {'who':12} {'caught':>8} {'FA (good)':>9} {'precision':>9}")
    for cls, rule in RULE_FOR_CLASS.items():
        hand = run(rule)
        words = CLASS_WORDS[cls]
        mine = [
            [f for f in found if c.text[f.start : f.end].lower().replace("’", "'") in words]
            for c, found in zip(cases, model, strict=True)
        ]
        both = [a + b for a, b in zip(hand, mine, strict=True)]
        n_bad = sum(c.bad and c.cls == cls for c in cases)
        for who, results in ((rule, hand), ("real-word", mine), ("both", both)):
            caught = sum(
                c.bad and c.cls == cls and any(_on(f, c) for f in found)
                for c, found in zip(cases, results, strict=True)
            )
            fa = sum(not c.bad and bool(found) for c, found in zip(cases, results, strict=True))
            total = sum(len(found) for found in results)
            right = sum(
                sum(_on(f, c) for f in found)
                for c, found in zip(cases, results, strict=True)
                if c.bad
            )
            precision = f"{right / total:.2f}" if total else "-"
            print(f"{cls:14} {who:12} {caught:3}/{n_bad:<4} {fa:9} {precision:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
