"""Benchmark `plainpost build`: the sample content/ and a generated corpus of 500 posts.

    python bench/bench_build.py [--runs 3] [--n 500] [--seed 0] [--json results.json]

For each input it reports the median (and min/max) over ``--runs`` runs of:

* ``lint``         linting every post, as `build` does first (parse + every rule);
* ``build``        the whole build into an empty folder: lint, refuse, clean, render, sanitise,
                   template, atomic writes of pages, images, index and stylesheet;
* ``export only``  the same with ``--force`` (every post rendered and written) and the lint
                   results cached, so it times the export stage alone;
* ``rebuild``      export only, again into the same folder: nothing changes, nothing is written.

Times are wall-clock seconds in this process; rules are loaded once before timing, as in one
CLI run. One cold CLI run (``plainpost build`` in a fresh interpreter, start-up included) is
timed for content/ as well. The corpus comes from ``bench/corpus.py`` (``generate_corpus``), so
the same seed gives the same files. Linting dominates: see bench/ for the lint benchmark.
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
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from plainpost.api import build_linter  # noqa: E402
from plainpost.config import load_config  # noqa: E402
from plainpost.document import read_source  # noqa: E402
from plainpost.export import build_site  # noqa: E402
from plainpost.run.files import collect_files  # noqa: E402
from plainpost.run.rules import Run  # noqa: E402
from plainpost.settings import resolve  # noqa: E402


def timed(fn: Callable[[], object], runs: int, reset: Callable[[], None] | None = None) -> dict:
    samples = []
    for _ in range(runs):
        if reset:
            reset()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "runs": runs,
    }


class CachedLinter:
    """The linter with parse and lint results remembered per text: times the export alone."""

    def __init__(self, linter: Any) -> None:
        self.linter = linter
        self.rules = linter.rules
        self.docs: dict[str, Any] = {}
        self.findings: dict[str, Any] = {}

    def parse(self, source: Any) -> Any:
        if source.text not in self.docs:
            self.docs[source.text] = self.linter.parse(source)
        return self.docs[source.text]

    def lint_document(self, doc: Any) -> Any:
        if doc.text not in self.findings:
            self.findings[doc.text] = self.linter.lint_document(doc)
        return self.findings[doc.text]


def words_in(files: list[Path]) -> int:
    return sum(len(read_source(f).text.split()) for f in files)


def bench_input(name: str, folder: Path, runs: int, work: Path) -> dict:
    config = load_config(start=REPO)
    linter = build_linter(config)
    cached = CachedLinter(linter)
    files, _ = collect_files([folder], config)
    out = work / f"site-{name}"

    def lint() -> None:
        for f in files:
            linter.lint_source(read_source(f))

    def build() -> Any:
        return build_site([folder], out, Run(resolve(config, os.environ), linter=linter))

    def export_only() -> Any:
        run = Run(resolve(config, os.environ), linter=cached)  # type: ignore[arg-type]
        return build_site([folder], out, run, force=True)

    def empty() -> None:
        shutil.rmtree(out, ignore_errors=True)

    empty()
    result = build()
    export_only()  # fills the cache
    stats = {
        "posts": len(files),
        "words": words_in(files),
        "published": result.count("built", "forced"),
        "refused": result.count("refused"),
        "lint": timed(lint, runs),
        "build": timed(build, runs, reset=empty),
        "export only": timed(export_only, runs, reset=empty),
        "rebuild": timed(export_only, runs),
    }
    empty()
    return stats


def cold_cli(folder: Path, work: Path) -> float:
    out = work / "site-cli"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "plainpost", "build", str(folder), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start


def corpus_folder(work: Path, n: int, seed: int) -> Path:
    try:
        from corpus import generate_corpus
    except ImportError:  # bench/corpus.py not there: fall back to copies of content/posts
        folder = work / "corpus"
        folder.mkdir()
        posts = sorted((REPO / "content" / "posts").glob("*.md"))
        for i in range(n):
            shutil.copy(posts[i % len(posts)], folder / f"post-{i:04d}.md")
        print("note: bench/corpus.py not found; the corpus is copies of content/posts")
        return folder
    folder = work / "corpus"
    generate_corpus(folder, n=n, seed=seed)
    return folder


def report(name: str, stats: dict) -> None:
    print(
        f"\n{name}: {stats['posts']} posts, {stats['words']:,} words; "
        f"{stats['published']} published, {stats['refused']} refused"
    )
    for key in ("lint", "build", "export only", "rebuild"):
        if key in stats:
            s = stats[key]
            rate = stats["posts"] / s["median"] if s["median"] else float("inf")
            print(
                f"  {key:<14} median {s['median']:7.3f} s  (min {s['min']:.3f}, max "
                f"{s['max']:.3f}, {s['runs']} runs)  {rate:8.1f} posts/s"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results["content"] = bench_input("content", REPO / "content", args.runs, work)
        report("content/", results["content"])  # type: ignore[arg-type]
        results["content cold CLI run (s)"] = cold_cli(REPO / "content", work)
        print(f"  cold CLI run (start-up included): {results['content cold CLI run (s)']:.3f} s")
        folder = corpus_folder(work, args.n, args.seed)
        results["corpus"] = bench_input("corpus", folder, args.runs, work)
        title = f"generated corpus (n={args.n}, seed={args.seed})"
        report(title, results["corpus"])  # type: ignore[arg-type]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
