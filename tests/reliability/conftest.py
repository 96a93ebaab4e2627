"""The reliability suite: bad input, faults and signals, as a careful user would try them.

Most tests run the real command in a subprocess (``plainpost`` from this interpreter's folder),
with a generous timeout: a hang fails the test instead of holding CI, and nothing here times
how fast a run is.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PLAINPOST = [sys.executable, "-c", "from plainpost.cli import main; main()"]
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
NOBODY = 65534


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "PLAINPOST_", "PYTEST_", "COV_"))
    }
    env.update({"NO_COLOR": "1", "PLAINPOST_HARPER": "off"}, **extra)
    return env


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """cli(args, cwd, timeout=120, env=None, user=None) -> the finished process."""

    def run(
        args: list[str],
        cwd: Path,
        *,
        timeout: float = 120,
        env: dict[str, str] | None = None,
        as_nobody: bool = False,
    ) -> subprocess.CompletedProcess[str]:
        cmd = list(PLAINPOST) + args
        if as_nobody:
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
        return subprocess.run(
            cmd,
            cwd=cwd,
            env=env or clean_env(),
            capture_output=True,
            text=True,
            errors="backslashreplace",  # a file name that is not UTF-8 is printed as its bytes
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture
def shared_tmp(tmp_path: Path) -> Path:
    """A folder another user can reach (for permission tests run as nobody when we are root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="plainpost-reliab-"))
    folder.chmod(0o777)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        with contextlib.suppress(OSError):
            p.chmod(0o777 if p.is_dir() else 0o666)
    shutil.rmtree(folder, ignore_errors=True)


def need_unprivileged() -> None:
    """Permission tests need a user the permissions apply to: ourselves, or nobody via setpriv."""
    if ROOT and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions do not apply to root")
    if ROOT and not nobody_can_run_plainpost():
        pytest.skip("nobody cannot reach this checkout's Python environment (a 0700 folder)")


@functools.cache
def nobody_can_run_plainpost() -> bool:
    probe = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    done = subprocess.run(
        [*probe, *PLAINPOST, "--version"], capture_output=True, timeout=60, check=False
    )
    return done.returncode == 0


POST = """---
title: {title}
type: page
---

# {title}

{body}
"""


def post(title: str, body: str) -> str:
    return POST.format(title=title, body=body)
