"""What the real-word model and the part-of-speech tagger cost: start-up, memory, words/s.

    python bench/bench_model.py [--n 200] [--seed 0] [--runs 5]

Each run is a fresh interpreter (so start-up is real, nothing is warm), interleaved with a
baseline interpreter that imports the same modules and reads the same text without the model,
so the figures are differences measured side by side:

* ``start-up``   building the model on first use: reading symspellpy's two lists into the
                 compact tables (``plainpost.language.ngram.model()``), then the sound-alike
                 index and the class shares the first scan needs;
* ``memory``     peak resident set size of the run with the model, and the baseline's (Linux
                 ``ru_maxrss``); the model's cost is the difference;
* ``words/s``    ``realword.scan`` over the prose of a generated corpus (``bench/corpus.py``),
                 after start-up, so caches fill as they would over a real run.

The tagger (``plainpost.language.tagger``, textblob-aptagger's weights, which the ``syntax``
rules read) is measured the same way in a third interpreter: loading its weights, peak memory
over the baseline, and ``Tagger.tag`` over the same prose, a block at a time.

Medians over ``--runs`` with the spread (min-max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import json, re, resource, sys, time
from pathlib import Path

with_model = sys.argv[1] == "model"
with_tagger = sys.argv[1] == "tagger"
files = sorted(Path(sys.argv[2]).glob("*.md"))
t0 = time.perf_counter()
from plainpost.language import lexicon, realword, ngram  # noqa: F401  (both runs import them)
lexicon.tags("knee")  # lemminflect loaded in both runs: the pipeline loads it anyway
t_import = time.perf_counter() - t0
blocks = []
for f in files:
    text = f.read_text("utf-8").split("---", 2)[-1]
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*(?:#+|[-*+>]|\d+\.)\s+", "\n\n", text)
    blocks += [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
words = sum(len(realword.words(b)) for b in blocks)
out = {"words": words, "import_s": t_import}
if with_model:
    t0 = time.perf_counter()
    ngram.model()
    out["load_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    realword.scan("It came form the knee.")
    out["first_scan_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    flags = 0
    for b in blocks:
        flags += len(realword.flagged(realword.scan(b)))
    out["scan_s"] = time.perf_counter() - t0
    out["flags"] = flags
if with_tagger:
    from plainpost.language.tagger import tagger
    t0 = time.perf_counter()
    tg = tagger()
    out["load_s"] = time.perf_counter() - t0
    texts = [[w.text for w in realword.words(b)] for b in blocks]
    t0 = time.perf_counter()
    for ws in texts:
        if ws:
            tg.tag(ws)
    out["scan_s"] = time.perf_counter() - t0
out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _run(kind: str, corpus: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def _fmt(values: list[float], unit: str, digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f} {unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def main() -> int:
    from corpus import generate_corpus

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        generate_corpus(corpus, args.n, args.seed)
        model_runs, base_runs, tagger_runs = [], [], []
        for _ in range(args.runs):  # interleaved: load on the machine hits all alike
            base_runs.append(_run("base", corpus))
            model_runs.append(_run("model", corpus))
            tagger_runs.append(_run("tagger", corpus))
    words = model_runs[0]["words"]
    load = [r["load_s"] for r in model_runs]
    first = [r["first_scan_s"] for r in model_runs]
    rate = [words / r["scan_s"] for r in model_runs]
    rss_model = [r["maxrss_mb"] for r in model_runs]
    rss_base = [r["maxrss_mb"] for r in base_runs]
    extra = [m - b for m, b in zip(rss_model, rss_base, strict=True)]
    print(f"corpus: {args.n} generated posts, {words} prose words; {args.runs} runs each")
    print(
        f"start-up: model tables {_fmt(load, 's')}; first scan (sound index, classes) "
        f"{_fmt(first, 's')}"
    )
    print(
        f"memory:   peak RSS {_fmt(rss_model, 'MB', 0)} with the model, "
        f"{_fmt(rss_base, 'MB', 0)} without; the model adds {_fmt(extra, 'MB', 0)}"
    )
    print(
        f"speed:    {_fmt(rate, 'words/s', 0)} (realword.scan on one core, after start-up); "
        f"{model_runs[0]['flags']} flags at the chosen thresholds"
    )
    t_load = [r["load_s"] for r in tagger_runs]
    t_rate = [words / r["scan_s"] for r in tagger_runs]
    t_extra = [t["maxrss_mb"] - b["maxrss_mb"] for t, b in zip(tagger_runs, base_runs, strict=True)]
    print(
        f"tagger:   start-up {_fmt(t_load, 's')}; adds {_fmt(t_extra, 'MB', 0)} peak memory; "
        f"{_fmt(t_rate, 'words/s', 0)} (Tagger.tag on one core, after start-up)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
