"""Workers and signals: a dying worker is one error naming its post and the other posts keep
their findings; SIGTERM and SIGINT stop a parallel run with exit 143 and 130, no process of its
tree left running and no partial output file. Every wait polls under a generous limit; nothing
here times how fast a run is."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from plainpost.config import load_config
from plainpost.run.batch import PARALLEL_MIN_FILES, lint_failed, lint_path, run_posts
from tests.helpers.dying import DOOMED, harper_on_a_long_token, killed_on_doomed
from tests.helpers.runs import run_of
from tests.reliability.conftest import PLAINPOST, clean_env

SEED = Path(__file__).resolve().parents[2] / "content/drafts/running-is-not-bad-for-your-knees.md"


@pytest.fixture
def posts(tmp_path: Path, corpus_module, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAINPOST_HARPER", "off")  # quicker; the runner does not care
    corpus_module.generate_corpus(tmp_path / "content", n=PARALLEL_MIN_FILES, seed=3)
    shutil.copy(SEED, tmp_path / "content" / DOOMED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(root: Path) -> list[Path]:
    return sorted(Path("content").glob("*.md"))


@pytest.mark.parametrize(
    ("task", "how"),
    [(killed_on_doomed, "killed by SIGKILL"), (harper_on_a_long_token, "aborted (SIGABRT)")],
    ids=["killed", "engine-abort"],
)
def test_a_dying_worker_is_one_error_naming_its_post(posts, task, how):
    run = run_of(load_config(start=posts))
    files = _files(posts)
    serial, _ = run_posts([(run, files)], lint_path, lint_failed, jobs=1)
    died, jobs = run_posts([(run, files)], task, lint_failed, jobs=2)
    assert jobs == 2
    for path, alone, parallel in zip(files, serial, died, strict=True):
        if path.name == DOOMED:
            assert parallel.findings == []
            assert parallel.error is not None
            assert parallel.error.startswith(f"content/{DOOMED}: the process checking this post")
            assert how in parallel.error and "\n" not in parallel.error
        else:
            assert parallel == alone  # the other posts keep every finding
    assert serial[files.index(Path("content") / DOOMED)].findings  # the seed has findings


# --- the process tree of a run ---------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rpartition(")")[2].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> set[int]:
    tree, out, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def _running(pids: set[int]) -> set[int]:
    """Those still running (a zombie waiting for its reaper runs nothing and holds no memory)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _poll(condition, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def busy(tmp_path: Path, corpus_module) -> Path:
    """Enough posts, with Harper on, that two workers are busy for a while."""
    corpus_module.generate_corpus(tmp_path / "content", n=48, seed=9)
    return tmp_path


def _start(busy: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*PLAINPOST, "lint", "content", "--jobs", "2", "--no-cache", *args],
        cwd=busy,
        env=clean_env(PLAINPOST_HARPER="on"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _workers(pid: int) -> list[int]:
    """The run's workers: its children forked from it (Linux), or the children of its
    forkserver (a child of multiprocessing's, as its resource tracker is)."""
    tree, out = _children(), []
    for child in tree.get(pid, []):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in cmdline:
            out.extend(tree.get(child, []))
        else:
            out.append(child)
    return out


def _tree_when_workers_run(proc: subprocess.Popen[str]) -> set[int]:
    """The run's processes once its two workers are up (the workers, and a forkserver and
    resource tracker where the workers are not forked from the run)."""
    seen: set[int] = set()

    def up() -> bool:
        workers = _workers(proc.pid)
        seen.update(_descendants(proc.pid))  # after: it has the workers just seen
        return len(workers) >= 2 or proc.poll() is not None

    assert _poll(up, 120), "the workers never started"
    assert proc.poll() is None, f"the run ended before the workers were seen: {proc.stderr}"
    return seen


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_parallel_lint_with_no_process_left(busy, signum, code):
    proc = _start(busy, "--format", "json", "--output", "out.json")
    try:
        tree = _tree_when_workers_run(proc)
        assert len(tree) >= 2
        proc.send_signal(signum)
        tree |= _descendants(proc.pid)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == code, stderr
        assert "Traceback" not in stderr, stderr
        assert _poll(lambda: not _running(tree), 5), f"left running: {_running(tree)}"
        assert not (busy / "out.json").exists()  # no partial output
        assert not [p for p in busy.iterdir() if p.name.endswith(".tmp")]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigkill_to_a_parallel_lint_leaves_no_worker_behind(busy):
    """The parent cannot clean up after SIGKILL: its workers (and forkserver and resource
    tracker, where there are) notice that it is gone (their pipe to it closes) and end by
    themselves."""
    proc = _start(busy, "--format", "json")
    try:
        tree = _tree_when_workers_run(proc)
        proc.kill()
        proc.communicate(timeout=60)
        # a worker finishes the post it holds first (Harper on a long post: a while on a busy
        # machine); this is not a measure of speed
        assert _poll(lambda: not _running(tree), 30), f"left running: {_running(tree)}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_a_worker_killed_from_outside_costs_at_most_its_post(busy):
    """`kill -9` on a worker mid-run (as the OOM killer does): the run finishes, one error line
    names the post it held (exit 2), and every other post keeps its findings."""
    serial = subprocess.run(
        [*PLAINPOST, "lint", "content", "--jobs", "1", "--no-cache", "--format", "json"],
        cwd=busy,
        env=clean_env(PLAINPOST_HARPER="on"),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    expected = json.loads(serial.stdout)["findings"]
    proc = _start(busy, "--format", "json")
    try:
        _tree_when_workers_run(proc)
        os.kill(_workers(proc.pid)[0], signal.SIGKILL)
        stdout, stderr = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("plainpost: error:")]
    found = json.loads(stdout)["findings"]
    lost = {e.split("plainpost: error: ", 1)[1].split(":", 1)[0] for e in errors}
    assert len(errors) <= 1, stderr  # killed between two posts, the worker held none
    assert proc.returncode == (2 if errors else 1), stderr
    if errors:
        assert "killed by SIGKILL" in errors[0]
    assert found == [f for f in expected if f["path"] not in lost]


# --- a signal while the workers are forked ----------------------------------------------------


def test_a_signal_while_workers_start_waits_for_the_block_even_with_native_threads():
    """Forking a worker happens with SIGINT and SIGTERM held. Blocking them in the main thread
    alone does not hold them once Harper's dictionary is loaded: its native threads do not
    block them, the kernel hands the signal to one of those, and Python ran the handler in the
    main thread inside the block: half-way through starting a worker. The handler runs once the
    block is done."""
    from plainpost.language.harper_engine import wait_for_warm_up, warm_up
    from plainpost.run.workers import _deferrable_signals, _signals_held

    warm_up()
    wait_for_warm_up()
    assert len(os.listdir("/proc/self/task")) > 1  # Harper's native threads
    # (no fork here, so a Python thread another test left in this test process does not matter)

    where: list[str] = []
    inside = False

    class Stop(BaseException):
        pass

    def handler(signum, frame):
        where.append("inside" if inside else "after")
        raise Stop

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        with pytest.raises(Stop), _deferrable_signals(), _signals_held():
            inside = True
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)  # time for the thread the kernel chose to take it
            for _ in range(1000):  # Python code, where a pending handler would run
                pass
            inside = False
        assert signal.getsignal(signal.SIGTERM) is handler  # given back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert where == ["after"]


def test_the_swap_of_a_built_site_holds_a_signal_even_with_native_threads(tmp_path, monkeypatch):
    """The build's swap (export/staging.py) holds SIGTERM with the batch runner's deferral, not
    the main thread's mask alone: with Harper's native threads alive, the handler runs once the
    new site is in place, never between the two renames."""
    from plainpost.export import staging
    from plainpost.language.harper_engine import wait_for_warm_up, warm_up

    warm_up()
    wait_for_warm_up()
    assert len(os.listdir("/proc/self/task")) > 1  # Harper's native threads
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    stage = staging.begin(out)
    (stage / "index.html").unlink()
    (stage / "index.html").write_text("new", encoding="utf-8")
    where: list[str] = []
    swapping = False
    real_exchange = staging._exchange

    class Stop(BaseException):
        pass

    def handler(signum, frame):
        where.append("inside" if swapping else "after")
        raise Stop

    def exchange(a, b):
        nonlocal swapping
        swapping = True
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.2)  # time for the thread the kernel chose to take it
        for _ in range(1000):  # Python code, where a pending handler would run
            pass
        done = real_exchange(a, b)
        swapping = False
        return done

    monkeypatch.setattr(staging, "_exchange", exchange)
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        with pytest.raises(Stop):
            staging.commit(stage, out)
        assert signal.getsignal(signal.SIGTERM) is handler  # given back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert where == ["after"]
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
