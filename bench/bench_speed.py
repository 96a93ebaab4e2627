"""Issue 16's figures: the whole pipeline next to harper-cli on two corpora, peak memory, a warm
re-lint, and how the cost grows with corpus and post size.

    python bench/bench_speed.py pipeline [--n 300] [--rounds 3] [--jobs 2] [--corpus both]
    python bench/bench_speed.py relint [--rounds 30]
    python bench/bench_speed.py scale [--posts 50,200,500,2000] [--words 1000,10000,100000,400000]
    add --json OUT to any of them

* ``pipeline``: ``plainpost lint --no-cache -jN`` (no findings cache; the compiled rulebook warm,
  as after any earlier run on the machine) and ``harper-cli lint -d gb`` (bench_language.py's
  copy) on the same files, interleaved A B A B for ``--rounds`` rounds, on the generated corpus
  (``corpus.py``, ``--n`` posts) and on the 49 NHS pages of ``../shared`` repeated to the same
  number of files (posts the generator did not write). Wall time, CPU time (the process tree's,
  reaped children included) and the peak memory of the whole process tree (workers included,
  sampled every 20 ms) as RSS summed over the processes and as PSS (a page shared by several
  processes counted once, split between them: what the tree takes from the machine), medians
  with their spread, and the ratio plainpost / harper-cli taken within each round.
* ``relint``: the language server's case, in one process: a 1,000-word post (the first 1,000
  words of content/posts/running-and-your-knees.md) linted again after a one-word edit, each
  round with another word, interleaved with Harper alone in process on the same prose (the
  floor: the engine plainpost embeds); medians, p95 and the ratio.
* ``scale``: cost against size. Corpus: ``lint -jN`` over the first 50 .. 2,000 generated
  posts (words per second at each size: flat is linear). Post: one post of 1k .. 400k words
  (generated posts' bodies joined under their headings), linted in one process with each
  check timed: each check's CPU microseconds per word at each size; a check whose cost per word
  grows more than 1.5x from the smallest to the largest post is named as not linear.

Ratios are the figures that carry over to another machine; absolute times are this one's (each
section prints the load average: other work on the machine slows every row).
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
from typing import Any

REPO = Path(__file__).resolve().parent.parent
NHS = REPO.parent / "shared" / "peer-suites" / "readability" / "nhs"
RELINT_POST = REPO / "content" / "posts" / "running-and-your-knees.md"
sys.path.insert(0, str(REPO / "bench"))


def spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(values), "min": ordered[0], "max": ordered[-1], "p95": p95}


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def _env() -> dict[str, str]:
    """This environment without plainpost's switches, and with bytecode written (as a wheel's
    install compiles it; PYTHONDONTWRITEBYTECODE would compile every module in every process)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PLAINPOST_") and k != "PYTHONDONTWRITEBYTECODE"
    }


def nhs_corpus(out: Path, n: int) -> list[Path]:
    """The NHS pages copied to ``n`` files (page 1 .. 49, then again), each under its own name."""
    pages = sorted(NHS.glob("*.md"))
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        page = pages[i % len(pages)]
        target = out / f"{i // len(pages):02d}-{page.name}"
        shutil.copyfile(page, target)
        files.append(target)
    return files


def _words(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in files)


# --- pipeline ---------------------------------------------------------------------------------


def pipeline(args: argparse.Namespace) -> dict[str, Any]:
    from bench_language import find_harper_cli, run_command

    from corpus import generate_corpus

    binary, how = find_harper_cli(args.harper_cli)
    if binary is None:
        raise SystemExit(f"harper-cli: {how}")
    out: dict[str, Any] = {"harper_cli": how, "jobs": args.jobs, "load_before": _load()}
    with tempfile.TemporaryDirectory(prefix="plainpost-speed-") as tmp:
        corpora: dict[str, list[Path]] = {}
        if args.corpus in ("generated", "both"):
            corpora["generated"] = sorted(generate_corpus(Path(tmp) / "gen", args.n, 0))
        if args.corpus in ("nhs", "both"):
            if not NHS.is_dir():
                print(f"NHS pages not found at {NHS}: skipped", file=sys.stderr)
            else:
                corpora["nhs"] = nhs_corpus(Path(tmp) / "nhs", args.n)
        cache = Path(tmp) / "rulebook"
        env = {**_env(), "PLAINPOST_RULEBOOK_CACHE": str(cache)}
        lint = [sys.executable, "-m", "plainpost", "lint", "--no-cache", "--format", "json"]
        for name, files in corpora.items():
            folder = files[0].parent
            cmd = [*lint, "--jobs", str(args.jobs), str(folder)]
            # the compiled rulebook written (one post is enough)
            subprocess.run([*lint, str(files[0])], cwd=REPO, env=env, capture_output=True)
            rows: dict[str, list[dict[str, Any]]] = {"plainpost": [], "harper-cli": []}
            for _ in range(args.rounds):
                rows["plainpost"].append(_run(run_command, cmd, env))
                harper = [binary, "lint", "--no-color", "-d", "gb", *map(str, files)]
                rows["harper-cli"].append(_run(run_command, harper, env, cwd=folder))
            ratios = [
                a["wall_s"] / b["wall_s"]
                for a, b in zip(rows["plainpost"], rows["harper-cli"], strict=True)
            ]
            mem = [
                a["peak_mb"] / b["peak_mb"]
                for a, b in zip(rows["plainpost"], rows["harper-cli"], strict=True)
            ]
            out[name] = {
                "files": len(files),
                "words": _words(files),
                "wall_s": {k: spread([r["wall_s"] for r in v]) for k, v in rows.items()},
                "peak_mb": {k: spread([r["peak_mb"] for r in v]) for k, v in rows.items()},
                "peak_pss_mb": {
                    k: spread([r.get("peak_pss_mb", 0.0) for r in v]) for k, v in rows.items()
                },
                "cpu_s": {k: spread([r.get("cpu_s", 0.0) for r in v]) for k, v in rows.items()},
                "wall_ratio": spread(ratios),
                "memory_ratio": spread(mem),
            }
    out["load_after"] = _load()
    print(f"pipeline: -j{args.jobs}, {args.rounds} interleaved rounds; {out['load_before']}")
    for name in ("generated", "nhs"):
        if name not in out:
            continue
        r = out[name]
        print(f"\n{name}: {r['files']} files, {r['words']:,} words")
        for tool in ("plainpost", "harper-cli"):
            w, m = r["wall_s"][tool], r["peak_mb"][tool]
            pss, cpu = r["peak_pss_mb"][tool], r["cpu_s"][tool]
            print(
                f"  {tool:<11} wall {w['median']:7.2f} s ({w['min']:.2f}-{w['max']:.2f})  "
                f"CPU {cpu['median']:7.2f} s  "
                f"peak RSS {m['median']:6.0f} MB ({m['min']:.0f}-{m['max']:.0f}), "
                f"PSS {pss['median']:6.0f} MB ({pss['min']:.0f}-{pss['max']:.0f})"
            )
        wr, mr = r["wall_ratio"], r["memory_ratio"]
        print(
            f"  plainpost / harper-cli: wall {wr['median']:.2f}x ({wr['min']:.2f}-{wr['max']:.2f}),"
            f" peak memory {mr['median']:.2f}x ({mr['min']:.2f}-{mr['max']:.2f})"
        )
    print(f"\n{out['load_after']} at the end")
    return out


def _run(run_command: Any, cmd: list[str], env: dict[str, str], cwd: Path = REPO) -> Any:
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        result = run_command(cmd, cwd=cwd)
    finally:
        os.environ.clear()
        os.environ.update(old)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result["exit"] not in (0, 1):
        raise SystemExit(f"{cmd[:5]} failed ({result['exit']}): {result['stderr']}")
    return result


# --- relint -----------------------------------------------------------------------------------


def _relint_text() -> str:
    words = RELINT_POST.read_text(encoding="utf-8").split(" ")
    return " ".join(words[:1000]) if len(words) > 1000 else " ".join(words)


SWAPS = ["knee", "joint", "leg", "hip", "ankle", "back"]


def _edited(text: str, i: int) -> str:
    return text.replace(" knee ", f" {SWAPS[i % len(SWAPS)]}{i} ", 1)


def relint(args: argparse.Namespace) -> dict[str, Any]:
    import harper

    from plainpost.api import Memo, Source, build_linter, load_config
    from plainpost.document.derived import Derived
    from plainpost.language.pipeline import doc_prose

    text = _relint_text()
    linter = build_linter(load_config(start=REPO))
    harper_linter = harper.Linter(harper.Dialect.BRITISH)
    memo = Memo()  # as the language server keeps one per project
    rows: dict[str, list[float]] = {"memo": [], "memo_cpu": [], "cold": [], "harper": []}
    linter.lint_source(Source.from_text(text, "post.md"), memo)  # the first post
    for i in range(args.rounds):
        source = Source.from_text(_edited(text, i), "post.md")
        start, cpu = time.perf_counter(), time.thread_time()
        linter.lint_source(source, memo)
        rows["memo"].append((time.perf_counter() - start) * 1000)
        rows["memo_cpu"].append((time.thread_time() - cpu) * 1000)
        start = time.perf_counter()
        linter.lint_source(source)
        rows["cold"].append((time.perf_counter() - start) * 1000)
        prose = doc_prose(linter.parse(source), Derived()).text
        start = time.perf_counter()
        harper_linter.organized_lints(prose, language=harper.Language.PLAINTEXT)
        rows["harper"].append((time.perf_counter() - start) * 1000)
    ratio = [a / b for a, b in zip(rows["memo"], rows["harper"], strict=True)]
    gain = [a / b for a, b in zip(rows["memo"], rows["cold"], strict=True)]
    out = {
        "words": len(text.split()),
        "lint_ms": spread(rows["memo"]),
        "lint_cpu_ms": spread(rows["memo_cpu"]),
        "no_memo_ms": spread(rows["cold"]),
        "harper_ms": spread(rows["harper"]),
        "ratio": spread(ratio),
        "memo_over_no_memo": spread(gain),
        "load": _load(),
    }
    print(f"relint: {out['words']} words, {args.rounds} one-word edits; {out['load']}")
    for label, key in (
        ("with the memo (server)", "lint_ms"),
        ("  its CPU", "lint_cpu_ms"),
        ("no memo", "no_memo_ms"),
        ("Harper alone", "harper_ms"),
    ):
        m = out[key]
        print(
            f"  {label:<24} median {m['median']:6.0f} ms, p95 {m['p95']:6.0f} ms "
            f"({m['min']:.0f}-{m['max']:.0f})"
        )
    for label, key in (("memo / Harper", "ratio"), ("memo / no memo", "memo_over_no_memo")):
        r = out[key]
        print(f"  {label:<24} {r['median']:.2f}x ({r['min']:.2f}-{r['max']:.2f})")
    return out


# --- profile ----------------------------------------------------------------------------------


def profile(args: argparse.Namespace) -> dict[str, Any]:
    """Where the CPU goes (``time.thread_time``, this thread only): this process's start-up
    (imports, building the linter), the first post, and warm re-lints with and without the
    memo, check by check. Run it in a fresh interpreter so the start-up is a cold one's."""
    t0 = time.thread_time()
    from plainpost.api import Memo, Source, build_linter, load_config
    from plainpost.checks import kinds

    t_import = time.thread_time()
    linter = build_linter(load_config(start=REPO))
    t_build = time.thread_time()
    text = _relint_text()
    spent: dict[str, float] = {}
    real = {name: k.check for name, k in kinds.KINDS.items()}

    def timed(check: Any) -> Any:
        def run(doc: Any, rule: Any, ctx: Any) -> list[Any]:
            start = time.thread_time()
            hits = list(check(doc, rule, ctx))
            spent[rule.id] = spent.get(rule.id, 0.0) + time.thread_time() - start
            return hits

        return run

    def lint(source: Any, memo: Any) -> dict[str, float]:
        spent.clear()
        start = time.thread_time()
        doc = linter.parse(source)
        parsed = time.thread_time()
        linter.lint_document(doc, memo)
        total = time.thread_time() - start
        checks = sum(spent.values())
        return {
            "total": total,
            "parse": parsed - start,
            "after checks": total - (parsed - start) - checks,
            **spent,
        }

    for name, k in kinds.KINDS.items():
        object.__setattr__(k, "check", timed(real[name]))
    try:
        first = lint(Source.from_text(text, "post.md"), None)
        memo = Memo()
        lint(Source.from_text(text, "post.md"), memo)
        runs: dict[str, list[dict[str, float]]] = {"memo": [], "no memo": []}
        for i in range(args.rounds):
            source = Source.from_text(_edited(text, i), "post.md")
            runs["memo"].append(lint(source, memo))
            runs["no memo"].append(lint(source, None))
    finally:
        for name, k in kinds.KINDS.items():
            object.__setattr__(k, "check", real[name])
    median = {
        label: {key: statistics.median(r.get(key, 0.0) for r in rows) for key in rows[0]}
        for label, rows in runs.items()
    }
    out = {
        "load": _load(),
        "import_s": t_import - t0,
        "build_s": t_build - t_import,
        "first_post_ms": {k: v * 1000 for k, v in first.items()},
        "relint_ms": {label: {k: v * 1000 for k, v in m.items()} for label, m in median.items()},
    }
    print(f"profile: CPU of this thread, {len(text.split())}-word post; {out['load']}")
    print(f"  import plainpost.api {out['import_s'] * 1000:6.0f} ms")
    print(f"  build the linter     {out['build_s'] * 1000:6.0f} ms")
    cols = [("first post", out["first_post_ms"])] + [
        (f"re-lint, {label}", out["relint_ms"][label]) for label in ("no memo", "memo")
    ]
    keys = sorted(first, key=lambda k: -first[k])
    keys = ["total", "parse", "after checks"] + [
        k for k in keys if k not in ("total", "parse", "after checks")
    ]
    print(
        f"\n  {'ms (median of ' + str(args.rounds) + ' re-lints)':<30}"
        + "".join(f"{c:>18}" for c, _ in cols)
    )
    shown = keys[: args.top + 3]
    for key in shown:
        print(f"  {key:<30}" + "".join(f"{col.get(key, 0.0):18.1f}" for _, col in cols))
    rest = [k for k in keys if k not in shown]
    print(
        f"  {'the other ' + str(len(rest)) + ' rules':<30}"
        + "".join(f"{sum(col.get(k, 0.0) for k in rest):18.1f}" for _, col in cols)
    )
    return out


# --- scale ------------------------------------------------------------------------------------


def scale(args: argparse.Namespace) -> dict[str, Any]:
    from bench_language import run_command

    from corpus import generate_corpus

    sizes = [int(x) for x in args.posts.split(",") if x]
    lengths = [int(x) for x in args.words.split(",") if x]
    out: dict[str, Any] = {"load_before": _load(), "corpus": [], "post": []}
    with tempfile.TemporaryDirectory(prefix="plainpost-scale-") as tmp:
        files = sorted(generate_corpus(Path(tmp) / "all", max([*sizes, 1]), 0))
        env = {**_env(), "PLAINPOST_RULEBOOK_CACHE": str(Path(tmp) / "rulebook")}
        lint = [sys.executable, "-m", "plainpost", "lint", "--no-cache", "--format", "json"]
        for n in sizes:
            folder = Path(tmp) / f"n{n}"
            folder.mkdir()
            for p in files[:n]:
                shutil.copyfile(p, folder / p.name)
            cmd = [*lint, "--jobs", str(args.jobs), str(folder)]
            subprocess.run([*lint, str(files[0])], cwd=REPO, env=env, capture_output=True)
            r = _run(run_command, cmd, env)
            words = _words(files[:n])
            rate = words / r["wall_s"]
            out["corpus"].append({"posts": n, "words": words, **r, "words_per_s": rate})
            print(
                f"  {n:>5} posts {words:>9,} words  {r['wall_s']:7.2f} s  {rate:>8,.0f} words/s"
                f"  peak {r['peak_mb']:.0f} MB",
                flush=True,
            )
        bodies = [p.read_text(encoding="utf-8").split("---", 2)[-1] for p in files]
        for target in lengths:
            out["post"].append(_post_profile(bodies, target))
    curve = out["post"]
    if curve:
        first, last = curve[0], curve[-1]
        slow = {
            rule: last["us_per_word"][rule] / first["us_per_word"][rule]
            for rule in last["us_per_word"]
            if first["us_per_word"].get(rule, 0) > 0.05
        }
        out["not_linear"] = {k: v for k, v in slow.items() if v > 1.5}
        print(f"\nper-check microseconds per word, {first['words']:,} -> {last['words']:,} words:")
        for rule in sorted(last["us_per_word"], key=lambda r: -last["us_per_word"][r])[:12]:
            row = "  ".join(f"{p['us_per_word'].get(rule, 0):7.1f}" for p in curve)
            print(f"  {rule:<28}{row}")
        print(f"not linear (cost per word grows > 1.5x): {out['not_linear'] or 'none'}")
    out["load_after"] = _load()
    return out


def _post_profile(bodies: list[str], target: int) -> dict[str, Any]:
    """One post of about ``target`` words, linted in this process, each check timed."""
    from plainpost.api import Source, build_linter, load_config
    from plainpost.checks import kinds

    parts, count, i = ["---\ntitle: A long post\n---\n"], 0, 0
    while count < target:
        body = bodies[i % len(bodies)]
        parts.append(body)
        count += len(body.split())
        i += 1
    text = "\n".join(parts)
    linter = build_linter(load_config(start=REPO))
    linter.lint_source(Source.from_text(bodies[0], "warm.md"))
    spent: dict[str, float] = {}
    real = {name: k.check for name, k in kinds.KINDS.items()}

    def timed(check: Any) -> Any:
        def run(doc: Any, rule: Any, ctx: Any) -> list[Any]:
            start = time.process_time()
            hits = list(check(doc, rule, ctx))
            spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - start
            return hits

        return run

    for name, k in kinds.KINDS.items():
        object.__setattr__(k, "check", timed(real[name]))
    try:
        start = time.process_time()
        linter.lint_source(Source.from_text(text, "long.md"))
        total = time.process_time() - start
    finally:
        for name, k in kinds.KINDS.items():
            object.__setattr__(k, "check", real[name])
    words = len(text.split())
    print(
        f"  one post of {words:>8,} words: {total:7.2f} s CPU ({words / total:,.0f} words/s)",
        flush=True,
    )
    return {
        "words": words,
        "cpu_s": total,
        "us_per_word": {rule: s / words * 1e6 for rule, s in spent.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("pipeline")
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--corpus", choices=("generated", "nhs", "both"), default="both")
    p.add_argument("--harper-cli", default=None)
    r = sub.add_parser("relint")
    r.add_argument("--rounds", type=int, default=30)
    f = sub.add_parser("profile")
    f.add_argument("--rounds", type=int, default=10)
    f.add_argument("--top", type=int, default=20)
    s = sub.add_parser("scale")
    s.add_argument("--posts", default="50,200,500,2000")
    s.add_argument("--words", default="1000,10000,100000,400000")
    s.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    for each in (p, r, f, s):
        each.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    what = {"pipeline": pipeline, "relint": relint, "profile": profile, "scale": scale}
    result = what[args.what](args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
