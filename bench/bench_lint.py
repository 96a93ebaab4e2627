"""Lint benchmark: start-up, throughput and peak memory, plainpost next to proselint.

    python bench/bench_lint.py                       # 500 generated posts, 3 runs each, medians
    python bench/bench_lint.py --runs 5 --json bench/results/lint.json
    python bench/bench_lint.py --profile             # where plainpost's time goes (cProfile)

What it measures, each in a fresh child process (start-up included, as a user sees it):

* start-up: ``plainpost --version``, median of ``--startup-runs`` runs (target: under 0.3 s);
* plainpost: ``plainpost lint posts --no-cache --jobs 1`` with the grammar engines off
  (``--ignore spelling,grammar``), so one core, like proselint; and the same on every core
  (``--jobs 0``, the default) for reference;
* proselint: ``proselint check -o json posts`` on the same files in the same run.

The corpus is ``bench/corpus.py``'s ``generate_corpus(out, n, seed)``: byte-identical for a seed.
Words are whitespace-separated tokens of the whole files (front matter included), the same count
for both tools. Peak memory is the child's maximum resident set size (``os.wait4`` rusage). The
machine's load average is printed: other work on the machine slows every row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate_corpus  # noqa: E402

ENGINES_OFF = ["--ignore", "spelling,grammar"]


@dataclass
class Row:
    name: str
    command: list[str]
    seconds: list[float] = field(default_factory=list)  # wall clock
    cpu: list[float] = field(default_factory=list)  # user + system time of the child
    peak_mb: list[float] = field(default_factory=list)
    findings: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    def words_per_second(self, words: int) -> float:
        return words / self.median

    def words_per_cpu_second(self, words: int) -> float:
        return words / self.median_cpu


def run_child(cmd: list[str], cwd: Path) -> tuple[float, float, float, int, bytes]:
    """Wall time, CPU time, peak RSS in MB, exit code and stdout of one child process.

    Output goes to files, not pipes, so the child is reaped here with ``os.wait4``, which gives
    that child's own resource usage (``RUSAGE_CHILDREN`` would be the maximum over all children).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{stderr.decode(errors='replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, code, stdout


def measure(row: Row, cwd: Path, runs: int, count: Callable[[bytes, Path], int]) -> None:
    for _ in range(runs):
        elapsed, cpu, peak, _, out = run_child(row.command, cwd)
        row.seconds.append(elapsed)
        row.cpu.append(cpu)
        row.peak_mb.append(peak)
        row.findings = count(out, cwd)


def plainpost_findings(_out: bytes, cwd: Path) -> int:
    return len(json.loads((cwd / "plainpost.json").read_text(encoding="utf-8"))["findings"])


def proselint_findings(out: bytes, _cwd: Path) -> int:
    data = json.loads(out.decode("utf-8"))["result"]
    return sum(len(v.get("diagnostics", [])) for v in data.values())


def startup(runs: int, cwd: Path) -> list[float]:
    cmd = [sys.executable, "-m", "plainpost", "--version"]
    exe = Path(sys.executable).with_name("plainpost")
    if exe.exists():
        cmd = [str(exe), "--version"]  # the console script, as a user runs it
    return [run_child(cmd, cwd)[0] for _ in range(runs)]


def proselint_startup(proselint: str, runs: int, cwd: Path) -> float:
    return statistics.median(run_child([proselint, "version"], cwd)[0] for _ in range(runs))


def profile(folder: Path, top: int) -> str:
    """cProfile of linting the corpus in this process (one core, engines off)."""
    import cProfile
    import io
    import pstats

    from plainpost.api import build_linter
    from plainpost.config import Config
    from plainpost.document import read_source

    linter = build_linter(Config(root=folder), (), ("spelling", "grammar"))
    files = sorted((folder / "posts").glob("*.md"))
    sources = [read_source(p, p.name) for p in files]
    linter.lint_source(sources[0])  # warm up: dictionaries, regexes
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    for source in sources:
        linter.lint_source(source)
    prof.disable()
    took = time.perf_counter() - start
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    return f"in-process, profiled: {took:.2f} s for {len(files)} posts\n" + buf.getvalue()


def markdown(rows: list[Row], words: int, posts: int, start: list[float]) -> str:
    lines = [
        f"{posts} posts, {words:,} words; {os.cpu_count()} core(s); "
        f"load average {os.getloadavg()[0]:.1f}; Python {platform.python_version()}",
        "",
        "| tool | command | runs | wall s | CPU s | words/s (wall) | words/s (CPU) "
        "| peak RSS MB | findings |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        shown = " ".join(r.command[r.command.index("lint") if "lint" in r.command else 1 :])
        lines.append(
            f"| {r.name} | `{shown}` | {len(r.seconds)} | {r.median:.2f} | {r.median_cpu:.2f} | "
            f"{r.words_per_second(words):,.0f} | {r.words_per_cpu_second(words):,.0f} | "
            f"{max(r.peak_mb):.0f} | {r.findings} |"
        )
    one, prose = rows[0], rows[-1]
    ratio = one.words_per_second(words) / prose.words_per_second(words)
    cpu_ratio = one.words_per_cpu_second(words) / prose.words_per_cpu_second(words)
    lines += [
        "",
        f"plainpost on one core: {ratio:.2f}x proselint's throughput by wall clock "
        f"({one.words_per_second(words):,.0f} vs {prose.words_per_second(words):,.0f} words/s), "
        f"{cpu_ratio:.2f}x by CPU time; {one.findings} findings vs {prose.findings}. "
        "Medians; the CPU figures are the fairer ones on a busy machine.",
        f"`plainpost --version` start-up: median {statistics.median(start):.3f} s of "
        f"{len(start)} runs (target < 0.3 s).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="posts in the corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="runs of each lint (median)")
    parser.add_argument("--startup-runs", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the core")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile")
    args = parser.parse_args(argv)

    proselint = shutil.which("proselint", path=str(Path(sys.executable).parent)) or shutil.which(
        "proselint"
    )
    if proselint is None:
        raise SystemExit("proselint is not installed: pip install -e '.[bench]'")

    with tempfile.TemporaryDirectory(prefix="plainpost-bench-lint-") as tmp:
        folder = Path(tmp)
        paths = generate_corpus(folder / "posts", args.n, args.seed)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        pp = [
            sys.executable,
            "-m",
            "plainpost",
            "lint",
            "posts",
            "--no-cache",
            "--format",
            "json",
            "-o",
            "plainpost.json",
            *ENGINES_OFF,
        ]
        rows = [
            Row("plainpost, 1 core", [*pp, "--jobs", "1"]),
            Row("plainpost, every core", [*pp, "--jobs", "0"]),
            Row("proselint, 1 core", [proselint, "check", "-o", "json", "posts"]),
        ]
        start = startup(args.startup_runs, folder)
        prose_start = proselint_startup(proselint, max(3, args.startup_runs // 4), folder)
        for _ in range(args.runs):  # interleaved, so that load on the machine hits all alike
            measure(rows[0], folder, 1, plainpost_findings)
            measure(rows[1], folder, 1, plainpost_findings)
            measure(rows[2], folder, 1, proselint_findings)
        table = markdown(rows, words, len(paths), start)
        table += f" (`proselint version`: {prose_start:.3f} s.)"
        print(table)
        if args.profile:
            print()
            print(profile(folder, args.top))

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        result = {
            "posts": len(paths),
            "words": words,
            "seed": args.seed,
            "cores": os.cpu_count(),
            "startup_seconds": start,
            "proselint_startup_seconds": prose_start,
            "rows": [
                {**asdict(r), "median": r.median, "words_per_second": r.words_per_second(words)}
                for r in rows
            ],
            "markdown": table,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
