"""Which posts to lint in CI: those changed against a git ref, and this job's shard of them."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from plainpost.config import NAMES as CONFIG_NAMES
from plainpost.config import Config
from plainpost.errors import SetupError


class ScopeError(SetupError):
    """A clear, one-line reason why the posts to lint cannot be worked out."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ScopeError("--changed-since needs git, and git is not installed") from None


def _toplevel(cwd: Path) -> Path:
    proc = _git(["rev-parse", "--show-toplevel"], cwd)
    if proc.returncode != 0:
        raise ScopeError(f"--changed-since needs a git repository: {cwd} is not inside one")
    return Path(proc.stdout.decode().strip())


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Files added, modified or renamed since ``ref``, as resolved absolute paths.

    Compares the merge base of ``ref`` and HEAD with the working tree (so, on a pull request
    branch, the branch's own changes, committed or not, and not what landed on ``ref`` since),
    plus untracked files that are not ignored. Deleted files are included (a deleted config
    file or rule changes every post's findings); they match no post.
    """
    cwd = (cwd or Path.cwd()).resolve()
    top = _toplevel(cwd)
    if ref.startswith("-"):
        raise ScopeError(f"--changed-since: {ref!r} is not a git ref")
    proc = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    if proc.returncode != 0:
        raise ScopeError(
            f"--changed-since: no git ref {ref!r} in {top}. In CI, fetch it first "
            f"(actions/checkout with fetch-depth: 0, or git fetch origin {ref})"
        )
    commit = proc.stdout.decode().strip()
    head = _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], top)
    base = commit
    if head.returncode == 0:
        mb = _git(["merge-base", commit, "HEAD"], top)
        if mb.returncode != 0:
            raise ScopeError(
                f"--changed-since: {ref!r} and HEAD have no common ancestor "
                "(a shallow clone? fetch more history, e.g. fetch-depth: 0)"
            )
        base = mb.stdout.decode().strip()
    diff = _git(["diff", "--name-only", "-z", "--no-renames", base, "--"], top)
    if diff.returncode != 0:
        raise ScopeError(f"--changed-since: git diff failed: {diff.stderr.decode().strip()}")
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    names = diff.stdout.split(b"\0") + (
        untracked.stdout.split(b"\0") if untracked.returncode == 0 else []
    )
    return {(top / n.decode("utf-8", "surrogateescape")).resolve() for n in names if n}


def changed_inputs(config: Config, changed: set[Path]) -> list[str]:
    """The inputs of every post's findings (config files, rule folders, vocabularies, snippets)
    that are among ``changed``, as paths to show."""
    from plainpost.run.cache import config_inputs
    from plainpost.run.files import display_path

    out: list[str] = []
    inputs = config_inputs(config)
    for path in inputs:
        if path in changed or (path.is_dir() and any(c.is_relative_to(path) for c in changed)):
            out.append(display_path(path) + ("/" if path.is_dir() else ""))
    # a config file deleted since the ref (a nested plainpost.toml: its folder now follows the
    # parent's settings) is no longer among the inputs, but it changed every post below it
    for path in sorted(changed):
        if (
            path.name in CONFIG_NAMES
            and not path.exists()
            and path.parent.is_relative_to(config.root)
        ):
            out.append(f"{display_path(path)} (deleted)")
    return out


def only_changed(files: Iterable[Path], changed: set[Path]) -> list[Path]:
    return [f for f in files if f.resolve() in changed]


# --- shards ---------------------------------------------------------------------------------

SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` (1-based, as in a matrix ``shard: [1, 2, 3]``) -> (K, N)."""
    m = SHARD_RE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not K/N (for example 1/4)")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"{text!r}: K must be between 1 and N")
    return k, n


def shard_of(relative: str, n: int) -> int:
    """The 1-based shard of a post, from a hash of its relative path with forward slashes.

    Stable: a post stays in its shard when others are added or removed (only N moves it), so
    each matrix job's cache stays warm.
    """
    digest = hashlib.sha256(relative.replace("\\", "/").encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n + 1


def in_shard(files: Iterable[Path], k: int, n: int, shown: Iterable[str]) -> list[Path]:
    return [f for f, s in zip(files, shown, strict=True) if shard_of(s, n) == k]


# --- paths as GitHub wants them ---------------------------------------------------------------


def workspace_prefix(environ: Mapping[str, str], cwd: Path | None = None) -> str:
    """In GitHub Actions, the working folder relative to the repository root ("" at the root).

    Annotations, SARIF and review comments need paths from the repository root; plainpost shows
    paths from the working folder, which differ when a step runs in a subfolder.
    """
    workspace = environ.get("GITHUB_WORKSPACE", "")
    if environ.get("GITHUB_ACTIONS") != "true" or not workspace:
        return ""
    try:
        rel = Path(os.path.relpath((cwd or Path.cwd()).resolve(), Path(workspace).resolve()))
    except ValueError:  # another drive
        return ""
    text = rel.as_posix()
    return "" if text == "." or text.startswith("..") else text
