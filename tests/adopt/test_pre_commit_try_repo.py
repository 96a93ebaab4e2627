"""Done-when: pre-commit, installing this repository's hooks for real (`pre-commit try-repo`),
lints exactly the posts of a content repository, not its README, drafts or ignored files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.adopt.content_repo import NOT_POSTS, POSTS, make_content_repo

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit not installed")
@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout")
def test_pre_commit_hook_lints_exactly_the_posts(tmp_path: Path):
    site = make_content_repo(tmp_path / "site")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "NO_COLOR": "1",
    }
    # every file as pre-commit would pass staged ones (ignored files are not in git's index)
    tracked = [p for p in [*POSTS, *NOT_POSTS] if not p.startswith(("node_modules/", "build/"))]
    proc = subprocess.run(
        ["pre-commit", "try-repo", str(REPO), "plainpost-lint", "--verbose", "--files", *tracked],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    linted = sorted(set(re.findall(r"^(\S+\.md)$", out, re.MULTILINE)))
    assert linted == POSTS, out
