"""Precision/recall curve of the real-word model (``plainpost.language.realword``), by threshold.

    python bench/accuracy/realword_curve.py [--half tune|held-out|all] [--seed 0]

Data (from ``../shared`` beside the repository; the script stops with a message without it):

* ``peer-suites/grammar/cases.jsonl``: Harper's and LanguageTool's own test sentences. Recall is
  on the wrong sentences of the classes a language model can see (its/it's, your/you're,
  there/their, then/than, affect/effect, loose/lose, lie/lay, to/too, whose/who's,
  advice/advise, could of); a wrong sentence is caught when a flag overlaps its wrong words.
  Every correct sentence of all 16 classes is a false-alarm test. The cases are split in two
  halves by a hash of the corrected sentence (a wrong sentence and its correction fall in the
  same half): ``tune`` chose the thresholds, ``held-out`` is measured only.
* ``peer-suites/readability/nhs/*.md``: 49 professionally edited NHS pages, the clean control:
  false alarms per 1,000 words. Odd pages (in name order) are the tuning half, even ones held out.
* Synthetic errors for each source (the suites hardly cover the edit-distance and sound-alike
  ones): in each NHS sentence of the half, one word that has an alternative of that source is
  replaced by it (the first one, by a seeded shuffle); caught when the flag suggests the original.
  The NHS sentences are scanned with their page's word use (``realword.Topic``, as the real-word
  check does), less the replaced word and plus the slip; ``--no-topic`` leaves it out and
  ``--topic-weights`` sweeps its weight.

For each source the curve lists, per threshold (natural log of how many times likelier the
alternative is), recall, precision (flags on wrong words / all flags in the suite's sentences)
and false alarms per 1,000 NHS words. The other sources stay at their chosen thresholds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from plainpost.language import lexicon, realword
from plainpost.language.realword import Alternative, Source, Topic

SHARED = Path(__file__).resolve().parents[3] / "shared" / "peer-suites"
LM_CLASSES = tuple(
    str.split(
        "its-its your-youre there-their then-than affect-effect loose-lose lie-lay to-too "
        "whose-whos advice-advise could-of"
    )
)


@dataclass
class Options:
    unseen: bool = realword.OTHERS_NEED_UNSEEN
    all_sides: bool = realword.OTHERS_NEED_ALL_SIDES
    topic: bool = True  # the NHS pages are scanned with their own word use (real_word's topic)


OPTS = Options()
GRID = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0]


@dataclass(frozen=True)
class Case:
    text: str
    cls: str
    bad: bool
    span: tuple[int, int] | None


def _diff_span(text: str, fix: str) -> tuple[int, int]:
    i = 0
    while i < min(len(text), len(fix)) and text[i] == fix[i]:
        i += 1
    j = 0
    while j < min(len(text), len(fix)) - i and text[-1 - j] == fix[-1 - j]:
        j += 1
    return i, max(i + 1, len(text) - j)


def _on(hit: Alternative, case: Case) -> bool:
    """Whether a flag is on the case's wrong words (anywhere, for a case without a span)."""
    if case.span is None:
        return True
    return hit.start < case.span[1] and hit.end > case.span[0]


def _half(key: str) -> str:
    return "tune" if hashlib.md5(key.encode()).digest()[0] % 2 == 0 else "held-out"


def load_cases(half: str) -> list[Case]:
    out: list[Case] = []
    for line in (SHARED / "grammar" / "cases.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        if "meta" in row:
            continue
        bad = row["kind"] == "bad"
        key = (row["fix"] or "") if bad else row["text"]
        if half != "all" and _half(key) != half:
            continue
        span = None
        if bad:
            if row["span"]:
                span = (row["span"][0], row["span"][1])
            elif row["fix"]:
                span = _diff_span(row["text"], row["fix"])
        out.append(Case(row["text"], row["cls"], bad, span))
    return out


def nhs_pages(half: str) -> list[list[str]]:
    """The pages of the half, each as its blocks: paragraphs (lines joined) and list items."""
    pages = sorted((SHARED / "readability" / "nhs").glob("*.md"))
    chosen = [p for i, p in enumerate(pages) if half == "all" or (i % 2 == 0) == (half == "tune")]
    out = []
    for page in chosen:
        text = page.read_text("utf-8")
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        # a heading or a list item starts a block of its own
        text = re.sub(r"(?m)^\s*(?:#+|[-*+]|\d+\.)\s+", "\n\n", text)
        out.append([" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()])
    return out


def _word_count(text: str) -> int:
    return len(realword.words(text))


def synthetic(blocks: list[str], source: Source, seed: int) -> list[tuple[str, int, int, str]]:
    """(text with one error, start, end, the original word) for each sentence that can take one."""
    rng = random.Random(seed)
    out = []
    for block in blocks:
        for sentence in re.split(r"(?<=[.!?])\s+", block):
            ws = [w for w in realword.words(sentence) if realword._checkable(w)]
            rng.shuffle(ws)
            for w in ws:
                alts = [a for a, s in realword.alternatives(w.low).items() if s is source]
                if not alts:
                    continue
                wrong = rng.choice(sorted(alts))
                if w.text[:1].isupper():
                    wrong = wrong[:1].upper() + wrong[1:]
                text = sentence[: w.start] + wrong + sentence[w.end :]
                out.append((text, w.start, w.start + len(wrong), w.low))
                break
    return out


@dataclass
class Scanned:
    cases: list[tuple[Case, list[Alternative]]]
    nhs: list[tuple[str, frozenset[str], list[Alternative]]]  # block, its page's repeated words
    nhs_words: int
    synth: dict[Source, list[tuple[int, int, str, frozenset[str], list[Alternative]]]]


def _swapped(topic: Topic, gone: str, came: str) -> Topic:
    """The page's topic with one occurrence of ``gone`` replaced by ``came`` (a synthetic slip)."""
    counts = dict(topic.counts)
    for lemma in lexicon.lemmas(gone):
        counts[lemma] = max(0, counts.get(lemma, 0) - 1)
    for lemma in lexicon.lemmas(came):
        counts[lemma] = counts.get(lemma, 0) + 1
    return Topic(tuple(sorted(counts.items())), topic.total)


def scan_all(cases: list[Case], pages: list[list[str]], prior: float, seed: int) -> Scanned:
    nhs = []
    synth: dict[Source, list[tuple[int, int, str, frozenset[str], list[Alternative]]]] = {
        Source.CONFUSION: [],
        Source.EDIT: [],
        Source.SOUND: [],
    }
    for page in pages:
        rep = realword.repeated(page)
        topic = Topic.of(page) if OPTS.topic else None
        nhs += [(b, rep, realword.scan(b, prior, topic)) for b in page]
        for source, rows in synth.items():
            for text, a, b, orig in synthetic(page, source, seed):
                wrong = text[a:b].lower()
                t = _swapped(topic, orig, wrong) if topic is not None else None
                rows.append((a, b, orig, rep, realword.scan(text, prior, t)))
    return Scanned(
        cases=[(c, realword.scan(c.text, prior)) for c in cases],
        nhs=nhs,
        nhs_words=sum(_word_count(b) for page in pages for b in page),
        synth=synth,
    )


def evaluate(data: Scanned, th: dict[Source, float], lm_bad: int, good: int) -> dict[str, float]:
    caught = flags_total = flags_right = fa_sentences = 0
    for case, found in data.cases:
        hits = realword.flagged(
            found, th, others_need_unseen=OPTS.unseen, others_need_all_sides=OPTS.all_sides
        )
        flags_total += len(hits)
        if not case.bad:
            fa_sentences += bool(hits)
            continue
        on = [h for h in hits if _on(h, case)]
        flags_right += len(on)
        caught += bool(on) and case.cls in LM_CLASSES
    nhs_flags = sum(
        len(realword.flagged(f, th, rep, OPTS.unseen, OPTS.all_sides)) for _b, rep, f in data.nhs
    )
    out = {
        "recall": caught / max(1, lm_bad),
        "precision": flags_right / flags_total if flags_total else 1.0,
        "good_fa": fa_sentences / max(1, good),
        "nhs_fa": 1000 * nhs_flags / max(1, data.nhs_words),
    }
    for source, rows in data.synth.items():
        got = sum(
            any(
                h.start == a and h.end == b and h.suggestion.lower() == orig
                for h in realword.flagged(found, th, rep, OPTS.unseen, OPTS.all_sides)
            )
            for a, b, orig, rep, found in rows
        )
        out[f"synth_{source.value}"] = got / max(1, len(rows))
    return out


HEADER = (
    f"{'t':>5} {'recall':>7} {'prec':>6} {'good FA':>8} {'NHS FA/1k':>9} "
    f"{'syn conf':>8} {'syn edit':>8} {'syn sound':>9}"
)


def _row(t: float, r: dict[str, float], mark: str = "") -> str:
    return (
        f"{t:5.2f} {r['recall']:7.3f} {r['precision']:6.3f} {r['good_fa']:8.3f} "
        f"{r['nhs_fa']:9.2f} {r['synth_confusion']:8.3f} {r['synth_edit']:8.3f} "
        f"{r['synth_sound']:9.3f}{mark}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    ap.add_argument("--half", choices=["tune", "held-out", "all"], default="tune")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--priors", default="", help="also sweep the prior weight, e.g. 0,0.5,1")
    ap.add_argument(
        "--others-seen-ok",
        action="store_true",
        help="let edit and sound alternatives replace a word that makes a listed pair",
    )
    ap.add_argument(
        "--one-side-ok",
        action="store_true",
        help="let edit and sound alternatives win with a listed pair on one side only",
    )
    ap.add_argument(
        "--no-topic", action="store_true", help="scan the NHS pages without their own word use"
    )
    ap.add_argument(
        "--topic-weights", default="", help="also sweep the topic weight, e.g. 0,0.01,0.03"
    )
    args = ap.parse_args()
    OPTS.topic = not args.no_topic
    OPTS.unseen = not args.others_seen_ok
    OPTS.all_sides = not args.one_side_ok
    if not SHARED.is_dir():
        print(f"needs {SHARED} (the shared peer suites beside the repository)", file=sys.stderr)
        return 2

    cases = load_cases(args.half)
    pages = nhs_pages(args.half)
    lm_bad = sum(c.bad and c.cls in LM_CLASSES for c in cases)
    good = sum(not c.bad for c in cases)
    chosen = dict(realword.THRESHOLDS)

    for prior in [float(p) for p in args.priors.split(",") if p]:
        data = scan_all(cases, pages, prior, args.seed)
        print(f"\nprior weight {prior:g}: confusion threshold (edit, sound at the chosen ones)")
        print(HEADER)
        for t in GRID:
            print(_row(t, evaluate(data, {**chosen, Source.CONFUSION: t}, lm_bad, good)))

    weight = realword.TOPIC_WEIGHT
    for tw in [float(w) for w in args.topic_weights.split(",") if w]:
        realword.TOPIC_WEIGHT = tw
        data = scan_all(cases, pages, realword.PRIOR_WEIGHT, args.seed)
        print(f"\ntopic weight {tw:g}: confusion threshold (edit, sound at the chosen ones)")
        print(HEADER)
        for t in GRID[2:7]:
            print(_row(t, evaluate(data, {**chosen, Source.CONFUSION: t}, lm_bad, good)))
    realword.TOPIC_WEIGHT = weight

    data = scan_all(cases, pages, realword.PRIOR_WEIGHT, args.seed)
    print(
        f"half={args.half}, prior weight {realword.PRIOR_WEIGHT:g}, edit and sound only where the "
        f"written word is unseen: {OPTS.unseen}, and the alternative seen on every side: "
        f"{OPTS.all_sides}; {lm_bad} wrong sentences in "
        f"the model's classes, {good} correct sentences (all classes), {len(pages)} NHS pages "
        f"({data.nhs_words} words); synthetic errors: "
        + ", ".join(f"{s.value} {len(v)}" for s, v in data.synth.items())
    )
    for source in Source:
        others = ", ".join(f"{s.value} {chosen[s]:g}" for s in Source if s is not source)
        print(f"\n{source.value} threshold (others at {others})")
        print(HEADER)
        for t in GRID:
            r = evaluate(data, {**chosen, source: t}, lm_bad, good)
            print(_row(t, r, " <" if t == chosen[source] else ""))

    r = evaluate(data, chosen, lm_bad, good)
    print("\nat the chosen thresholds, recall by class:")
    by_cls: Counter[str] = Counter()
    tot_cls: Counter[str] = Counter()
    for case, found in data.cases:
        if case.bad and case.cls in LM_CLASSES:
            tot_cls[case.cls] += 1
            by_cls[case.cls] += any(
                _on(h, case)
                for h in realword.flagged(
                    found,
                    chosen,
                    others_need_unseen=OPTS.unseen,
                    others_need_all_sides=OPTS.all_sides,
                )
            )
    for cls in LM_CLASSES:
        n, k = tot_cls[cls], by_cls[cls]
        print(f"  {cls:14} {k:3}/{n:<3} {k / max(1, n):.2f}")
    print(
        f"  {'all':14} {sum(by_cls.values()):3}/{sum(tot_cls.values()):<3} {r['recall']:.2f}; "
        f"precision {r['precision']:.3f}; correct sentences flagged {r['good_fa']:.3f}; "
        f"NHS {r['nhs_fa']:.2f} per 1,000 words"
    )
    print("\nNHS flags at the chosen thresholds:")
    for block, rep, found in data.nhs:
        for h in realword.flagged(found, chosen, rep, OPTS.unseen, OPTS.all_sides):
            ctx = block[max(0, h.start - 30) : h.end + 30]
            print(f"  {h.word} -> {h.suggestion} ({h.source.value} {h.margin:.1f}): …{ctx}…")
    print("\ncorrect suite sentences flagged at the chosen thresholds:")
    for case, found in data.cases:
        if not case.bad:
            for h in realword.flagged(
                found, chosen, others_need_unseen=OPTS.unseen, others_need_all_sides=OPTS.all_sides
            ):
                print(
                    f"  [{case.cls}] {h.word} -> {h.suggestion} ({h.source.value} "
                    f"{h.margin:.1f}): {case.text[:100]}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
