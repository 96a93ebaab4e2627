"""The speed work changes no finding: on the whole test corpus (content/, the accuracy corpus,
the seed), a fresh process that loads the compiled rulebook and matches grammar patterns from
their anchor words reports byte for byte what this process reports building the linter from the
rule files and trying every pattern at every token (today's matcher, kept here as the
reference).

Both sides are computed here, so the test holds whatever the rules are: nothing to regenerate
when a rule changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plainpost.document import Source
from plainpost.language import lexicon
from plainpost.language.patterns import Matcher

REPO = Path(__file__).resolve().parents[2]
SHARED_SEED = REPO.parent / "shared" / "seed"

LINT_ALL = """
import json, sys
from pathlib import Path
from plainpost.api import Source, build_linter
from plainpost.config import Config
linter = build_linter(Config(root=Path(sys.argv[1])))
out = {}
for path in sys.argv[2:]:
    text = Path(path).read_text(encoding="utf-8")
    found = linter.lint_source(Source.from_text(text, Path(path).name))
    out[path] = [f.to_dict() for f in found]
print(json.dumps(out, ensure_ascii=False))
"""


def _posts() -> list[Path]:
    posts = sorted((REPO / "content").rglob("*.md"))
    posts += sorted((REPO / "bench" / "accuracy" / "corpus").rglob("*.md"))
    if SHARED_SEED.is_dir():
        posts += sorted(SHARED_SEED.glob("*.txt"))
    return posts


def _fresh_process(paths: list[Path], cache: Path, lint: bool) -> dict[str, list[dict]]:
    env = {**os.environ, "PLAINPOST_RULEBOOK_CACHE": str(cache)}
    args = [str(REPO), *map(str, paths)] if lint else [str(REPO)]
    done = subprocess.run(
        [sys.executable, "-c", LINT_ALL, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_findings_are_byte_identical(default_linter, monkeypatch, tmp_path):
    posts = _posts()
    assert len(posts) >= 40
    cache = tmp_path / "rulebook"
    _fresh_process(posts, cache, lint=False)  # builds and writes the compiled rulebook
    assert len(list(cache.glob("*.pickle"))) == 1
    after = _fresh_process(posts, cache, lint=True)  # loads it: no rule file, no lemminflect

    # the reference: rules from their files (the tests' default), word tags from lemminflect
    # itself, every pattern at every token
    monkeypatch.setattr(Matcher, "_starts", staticmethod(lambda _pattern, n, _positions: range(n)))
    monkeypatch.setattr(lexicon, "_TABLE", None)
    lexicon.tags.cache_clear()
    lexicon._open_tags.cache_clear()
    before = {}
    for path in posts:
        text = path.read_text(encoding="utf-8")
        found = default_linter.lint_source(Source.from_text(text, path.name))
        before[str(path)] = [f.to_dict() for f in found]

    lexicon.tags.cache_clear()
    lexicon._open_tags.cache_clear()
    assert sum(len(v) for v in before.values()) > 500, "the corpus has findings to compare"
    for path in before:
        assert json.dumps(after[path], ensure_ascii=False) == json.dumps(
            before[path], ensure_ascii=False
        ), path


@pytest.mark.skipif(not SHARED_SEED.is_dir(), reason="../shared/seed is absent")
def test_the_seed_is_in_the_corpus():
    assert any(p.parent == SHARED_SEED for p in _posts())
