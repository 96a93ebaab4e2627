"""CI benchmark: the findings cache (cold vs warm) and parallel vs serial lint, end to end.

    python bench/bench_ci.py                 # 500 generated posts, 3 runs of each, medians
    python bench/bench_ci.py --n 200 --runs 5 --json bench/results/ci.json

Each measurement is one `plainpost lint` process (start-up included, as in CI) on the corpus
from ``bench/corpus.py``, writing JSON to a file:

* cold: ``.plainpost_cache/`` deleted first, one process per core (the default);
* warm: the same command again, every post served from the cache;
* serial / parallel: ``--no-cache`` with ``--jobs 1`` and with ``--jobs <cores>``.

It checks that every variant reports the same findings, and prints medians and ratios. The
machine's load average is printed too: other work on the machine slows the parallel runs most.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate_corpus  # noqa: E402


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def lint(folder: Path, out: Path, *args: str) -> float:
    cmd = [sys.executable, "-m", "plainpost", "lint", "posts", "--format", "json", "-o", str(out)]
    start = time.perf_counter()
    proc = subprocess.run([*cmd, *args], cwd=folder, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"plainpost failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def findings(path: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["findings"]
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="posts in the corpus")
    parser.add_argument("--runs", type=int, default=3, help="runs of each variant (median)")
    parser.add_argument("--jobs", type=int, default=cores(), help="processes for parallel")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="plainpost-bench-ci-") as tmp:
        folder = Path(tmp)
        paths = generate_corpus(folder / "posts", args.n, args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        cache = folder / ".plainpost_cache"
        outs = {name: folder / f"{name}.json" for name in ("cold", "warm", "serial", "parallel")}
        times: dict[str, list[float]] = {name: [] for name in outs}
        print(f"{args.n} posts, {words} words; {cores()} core(s); {args.runs} run(s) each")
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(lint(folder, outs["cold"]))
            times["warm"].append(lint(folder, outs["warm"]))
            times["serial"].append(lint(folder, outs["serial"], "--no-cache", "--jobs", "1"))
            times["parallel"].append(
                lint(folder, outs["parallel"], "--no-cache", "--jobs", str(args.jobs))
            )
        reference = findings(outs["cold"])
        for name, path in outs.items():
            if findings(path) != reference:
                raise SystemExit(f"{name} run reported different findings")

    med = {name: statistics.median(values) for name, values in times.items()}
    rows = [
        ("cold cache (jobs=auto)", med["cold"]),
        ("warm cache", med["warm"]),
        ("no cache, --jobs 1", med["serial"]),
        (f"no cache, --jobs {args.jobs}", med["parallel"]),
    ]
    for label, seconds in rows:
        print(f"  {label:<26} {seconds:7.3f} s   {words / seconds:12,.0f} words/s")
    cache_ratio = med["cold"] / med["warm"]
    par_ratio = med["serial"] / med["parallel"]
    verdict = "meets" if cache_ratio >= 10 else "MISSES"
    print(f"  warm cache is {cache_ratio:.1f}x faster than cold ({verdict} the 10x target)")
    print(f"  {args.jobs} processes are {par_ratio:.2f}x faster than 1")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"  load average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        result = {
            "posts": args.n,
            "words": words,
            "cores": cores(),
            "jobs": args.jobs,
            "runs": args.runs,
            "seconds": times,
            "median": med,
            "cache_speedup": cache_ratio,
            "parallel_speedup": par_ratio,
            "loadavg": load,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
