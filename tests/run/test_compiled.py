"""The compiled rulebook (run/compiled.py): a second process loads the rule set from the cache
folder instead of the rule files, with the same findings; a changed rule file, a corrupt file or
a cache switched off never changes what a run finds."""

from __future__ import annotations

import os
import pickle
import re
from pathlib import Path

import pytest

import plainpost.rulebook.loader as loader
from plainpost.api import build_linter
from plainpost.config import load_config
from plainpost.document import Source
from plainpost.run import compiled
from plainpost.run.rules import RuleSet, Run, forget_rule_sets, from_compiled
from plainpost.settings import resolve

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"

HOUSE_RULE = """\
id: house-zebra
category: plain-language
severity: warning
kind: existence
message: "Say horse, not “{match}”."
doc:
  why: A test rule.
options:
  terms: [WORD]
examples:
  fire: ["WORD"]
  pass: ["horse"]
"""


def _settings(root: Path, cache: Path | str, **env: str):
    environ = {**os.environ, "PLAINPOST_HARPER": "off", "PLAINPOST_RULEBOOK_CACHE": str(cache)}
    return resolve(load_config(start=root), {**environ, **env})


def _site(tmp_path: Path, word: str) -> Path:
    site = tmp_path / "site"
    (site / "house" / "style").mkdir(parents=True, exist_ok=True)
    (site / "house" / "style" / "house-zebra.yml").write_text(
        HOUSE_RULE.replace("WORD", word), encoding="utf-8"
    )
    (site / "plainpost.toml").write_text('rule_folders = ["house"]\n', encoding="utf-8")
    return site


def _findings(settings, text: str) -> list[dict]:
    linter = Run(settings).linter()
    return [f.to_dict() for f in linter.lint_source(Source.from_text(text, "post.md"))]


def test_second_run_reads_no_rule_file_and_finds_the_same(tmp_path, parses):
    site, cache = _site(tmp_path, "zebra"), tmp_path / "cache"
    text = SEED.read_text(encoding="utf-8") + "\nA zebra crossing.\n"
    cold = _findings(_settings(site, cache), text)
    assert parses, "the first run reads the rule files"
    assert len(list(cache.glob("*.pickle"))) == 1

    parses.clear()
    forget_rule_sets()  # as a new process would: the rule set comes from the file
    warm = _findings(_settings(site, cache), text)
    assert not parses, "a warm run reads no rule file"
    assert warm == cold
    assert any(f["rule"] == "house-zebra" for f in warm)


def test_a_changed_rule_file_is_a_new_rulebook(tmp_path):
    site, cache = _site(tmp_path, "zebra"), tmp_path / "cache"
    assert any(f["rule"] == "house-zebra" for f in _findings(_settings(site, cache), "A zebra."))
    _site(tmp_path, "giraffe")  # the same file, other words
    found = _findings(_settings(site, cache), "A zebra. A giraffe.")
    assert [f["message"] for f in found if f["rule"] == "house-zebra"] == [
        "Say horse, not “giraffe”."
    ]


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"rules": 1})])
def test_a_corrupt_rulebook_is_rebuilt_silently(tmp_path, garbage, parses):
    site, cache = _site(tmp_path, "zebra"), tmp_path / "cache"
    settings = _settings(site, cache)
    path = compiled.cache_file(settings)
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    found = _findings(settings, "A zebra.")
    assert any(f["rule"] == "house-zebra" for f in found)
    assert parses, "rebuilt from the rule files"
    assert isinstance(from_compiled(path.read_bytes()), RuleSet), "and replaced"


def test_switched_off_keeps_nothing(tmp_path):
    site = _site(tmp_path, "zebra")
    settings = _settings(site, "off")
    assert compiled.cache_file(settings) is None
    assert any(f["rule"] == "house-zebra" for f in _findings(settings, "A zebra."))
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_rule_file_error_is_named_and_no_rulebook_is_kept(tmp_path):
    """A broken house rule is left out and named (the run says so and exits 2); a rulebook
    built without it is never kept, so the next run reads the files and says it again."""
    site, cache = _site(tmp_path, "zebra"), tmp_path / "cache"
    (site / "house" / "style" / "house-zebra.yml").write_text("id: [", encoding="utf-8")
    ruleset = Run(_settings(site, cache)).ruleset()
    assert len(ruleset.problems) == 1 and "house-zebra.yml: invalid YAML" in ruleset.problems[0]
    assert "house-zebra" not in ruleset.all_ids and "doubled-word" in ruleset.all_ids
    assert not list(cache.glob("*.pickle"))
    with pytest.raises(loader.RuleError, match=r"house-zebra\.yml"):
        build_linter(_settings(site, cache))  # the library's strict entry point still raises


def test_a_worker_is_handed_the_compiled_bytes(tmp_path, parses):
    """Pickling a rule set that came from the rulebook sends its compiled bytes: the receiver
    compiles no regular expression and reads no rule file."""
    site, cache = _site(tmp_path, "zebra"), tmp_path / "cache"
    ruleset = Run(_settings(site, cache)).ruleset()
    sent = pickle.dumps(ruleset)
    assert ruleset.compiled is not None and ruleset.compiled in sent
    parses.clear()
    got = pickle.loads(sent)
    assert got == ruleset and not parses


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"(?<![\w-])(?:ice\s+packs?|heat)(?![\w-])", re.IGNORECASE, "Ice  Packs, HEAT-pad"),
        (r"(?P<dose>\d+)\s*(?P<unit>mg|g)\b(?=.*day)", 0, "take 200 mg a day, 2g twice a day"),
        (r"\b(\w+)\s+\1\b", 0, "the the knee knee"),
        (r"caf[eé]|naïve", re.I, "CAFÉ and NAÏVE"),
    ],
)
def test_compiled_patterns_load_equal_and_match_the_same(pattern, flags, text):
    original = re.compile(pattern, flags)
    args = compiled._compiled_args(original)
    assert args is not None
    data = pickle.dumps([original])
    buf = __import__("io").BytesIO()
    compiled._Pickler(buf).dump([original])
    (loaded,) = pickle.loads(buf.getvalue())
    assert loaded == original
    assert [m.span() for m in loaded.finditer(text)] == [m.span() for m in original.finditer(text)]
    assert [m.groupdict() for m in loaded.finditer(text)] == [
        m.groupdict() for m in original.finditer(text)
    ]
    assert pickle.loads(data)[0] == loaded
