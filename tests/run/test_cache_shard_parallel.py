"""Big repos: the findings cache, stable shards, and parallel lint with deterministic output."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from plainpost.config import Config, load_config
from plainpost.run.batch import PARALLEL_MIN_FILES, lint_batch
from plainpost.run.cache import CACHE_DIR, DB_NAME, run_key
from plainpost.run.files import collect_files, display_path
from plainpost.run.gitscope import in_shard, parse_shard, shard_of
from tests.helpers.runs import run_of, settings_of

EXTRA_RULE = """\
id: house-zebra
category: plain-language
severity: warning
kind: existence
message: "House style: avoid “{{match}}”."
doc:
  why: A house rule in the site's own pack.
options:
  terms: [{term}]
examples:
  fire: ["a {term} here"]
  pass: ["nothing here"]
"""


@pytest.fixture
def site(tmp_path: Path, corpus_module, monkeypatch: pytest.MonkeyPatch) -> Path:
    """40 generated posts and a copied rule pack (`rule_folders`) in a site with a config.

    Harper is off here to keep these tests quick: the cache does not care which rules run
    (the parallel test below keeps it on, to run the engine inside worker processes)."""
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    corpus_module.generate_corpus(tmp_path / "content", n=40, seed=7)
    pack = tmp_path / "house" / "style"
    pack.mkdir(parents=True)
    (pack / "house-zebra.yml").write_text(EXTRA_RULE.format(term="physio"), encoding="utf-8")
    (tmp_path / "plainpost.toml").write_text('rule_folders = ["house"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(site: Path, **kw):
    config = load_config(start=site)
    files, _ = collect_files([site / "content"], config)
    return lint_batch(run_of(config), files, **kw)


def test_second_lint_of_unchanged_posts_is_served_from_cache(site: Path):
    cold = _run(site, jobs=1)
    assert (cold.cache_hits, cold.cache_misses) == (0, 40)
    assert (site / CACHE_DIR / DB_NAME).is_file()
    assert (site / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    warm = _run(site, jobs=1)
    assert (warm.cache_hits, warm.cache_misses) == (40, 0)
    assert warm.findings == cold.findings  # same findings, same order
    assert [f.start for f in warm.findings] == [f.start for f in cold.findings]
    assert warm.files == cold.files


def test_changing_one_post_relints_only_that_post(site: Path):
    _run(site, jobs=1)
    post = sorted((site / "content").glob("*.md"))[3]
    post.write_text(post.read_text(encoding="utf-8") + "\nRelated Posts\n", encoding="utf-8")
    again = _run(site, jobs=1)
    assert (again.cache_hits, again.cache_misses) == (39, 1)
    assert any(f.rule == "page-chrome" and f.path.endswith(post.name) for f in again.findings)


def test_changing_a_rule_file_invalidates_the_cache(site: Path):
    first = _run(site, jobs=1)
    assert not any(f.rule == "house-zebra" and "cold pack" in f.message for f in first.findings)
    rule = site / "house" / "style" / "house-zebra.yml"
    rule.write_text(EXTRA_RULE.format(term="cold pack"), encoding="utf-8")
    second = _run(site, jobs=1)
    assert (second.cache_hits, second.cache_misses) == (0, 40)
    assert any(f.rule == "house-zebra" and "cold pack" in f.message for f in second.findings)


def test_run_key_covers_config_select_and_vocabulary(site: Path):
    config = load_config(start=site)
    base = run_key(settings_of(config))
    assert run_key(settings_of(config)) == base  # stable
    assert run_key(settings_of(config, select=["page-chrome"])) != base
    assert run_key(settings_of(config, ignore=["readability"])) != base
    from dataclasses import replace

    assert run_key(settings_of(replace(config, lang="en-US"))) != base
    vocab = site / "accept.txt"
    vocab.write_text("physio\n", encoding="utf-8")
    with_vocab = replace(config, accept=["accept.txt"])
    key = run_key(settings_of(with_vocab))
    vocab.write_text("physio\nkinesio\n", encoding="utf-8")
    assert run_key(settings_of(with_vocab)) != key  # the vocabulary file's bytes are in the key


def test_installing_a_system_word_list_changes_the_key(site: Path):
    """A dictionary the rules read from the system when it is there (dictionaries.yml: apt's
    hunspell-en-med): installing it, or a new version of it, must not serve old findings."""
    listed = site / "usr-share" / "medical.dic"
    vocab = site / "house" / "vocab"
    vocab.mkdir(parents=True)
    (vocab / "dictionaries.yml").write_text(f"hunspell:\n  - path: {listed}\n", encoding="utf-8")
    config = load_config(start=site)
    absent = run_key(settings_of(config))
    listed.parent.mkdir()
    listed.write_text("1\nlymphoedema\n", encoding="utf-8")
    installed = run_key(settings_of(config))
    assert installed != absent
    listed.write_text("2\nlymphoedema\nhydrocolloid\n", encoding="utf-8")
    assert run_key(settings_of(config)) != installed


def test_engine_versions_and_environment_are_in_the_key(site: Path, monkeypatch):
    config = load_config(start=site)
    base = run_key(settings_of(config))
    monkeypatch.setenv("PLAINPOST_LANGUAGETOOL_URL", "http://localhost:8010")
    assert run_key(settings_of(config)) != base
    monkeypatch.delenv("PLAINPOST_LANGUAGETOOL_URL")
    import plainpost.run.cache as cache_module

    monkeypatch.setattr(cache_module, "engine_versions", lambda: {"harper-py": "999"})
    assert run_key(settings_of(config)) != base


def test_no_cache_writes_nothing(site: Path):
    result = _run(site, use_cache=False, jobs=1)
    assert (result.cache_hits, result.cache_misses) == (0, 0)
    assert not (site / CACHE_DIR).exists()


def test_corrupt_cache_is_replaced(site: Path):
    (site / CACHE_DIR).mkdir()
    (site / CACHE_DIR / DB_NAME).write_bytes(b"this is not a database" * 100)
    first = _run(site, jobs=1)
    assert first.cache_misses == 40 and not first.notes
    second = _run(site, jobs=1)
    assert second.cache_hits == 40
    with sqlite3.connect(site / CACHE_DIR / DB_NAME) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 40


def test_cli_warm_run_prints_the_same_report(site: Path, run_cli):
    cold = run_cli(["lint", "content", "--format", "json", "-j", "1"], site)
    warm = run_cli(["lint", "content", "--format", "json", "-j", "1"], site)
    assert cold.exit_code == warm.exit_code == 1
    assert cold.stdout == warm.stdout
    nocache = run_cli(["lint", "content", "--format", "json", "--no-cache"], site)
    assert json.loads(nocache.stdout) == json.loads(cold.stdout)


def test_cli_warm_sarif_still_has_rule_docs(site: Path, run_cli):
    run_cli(["lint", "content", "--format", "json", "-j", "1"], site)
    sarif = json.loads(run_cli(["lint", "content", "--format", "sarif"], site).stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {r["ruleId"] for r in sarif["runs"][0]["results"]}


# --- parallel --------------------------------------------------------------------------------


def test_parallel_lint_matches_serial_in_order(tmp_path: Path, corpus_module, monkeypatch):
    # just enough posts for the process back-end, split over both workers
    corpus_module.generate_corpus(tmp_path / "content", n=PARALLEL_MIN_FILES, seed=3)
    (tmp_path / "content" / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    monkeypatch.chdir(tmp_path)
    config = Config(root=tmp_path)
    files, _ = collect_files([tmp_path / "content"], config)
    serial = lint_batch(run_of(config), files, use_cache=False, jobs=1)
    parallel = lint_batch(run_of(config), files, use_cache=False, jobs=2)
    assert parallel.jobs == 2 and serial.jobs == 1
    assert parallel.findings == serial.findings
    assert parallel.errors == serial.errors and len(serial.errors) == 1
    assert "broken.md" in serial.errors[0]


# --- shards ----------------------------------------------------------------------------------


def test_every_post_is_in_exactly_one_shard(tmp_path: Path, corpus_module):
    paths = corpus_module.generate_corpus(tmp_path, n=200, seed=1)
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    for n in (1, 2, 3, 5, 8):
        shards = [set(in_shard(paths, k, n, names)) for k in range(1, n + 1)]
        assert sum(len(s) for s in shards) == len(paths)
        assert set().union(*shards) == set(paths)
        if n > 1:
            assert all(shards), "no shard should be empty with 200 posts"


def test_shards_are_stable_as_posts_come_and_go():
    names = [f"content/posts/post-{i}.md" for i in range(100)]
    before = {name: shard_of(name, 4) for name in names}
    after = {name: shard_of(name, 4) for name in [*names[10:], "content/posts/new.md"]}
    assert all(after[name] == before[name] for name in names[10:])
    assert shard_of("content\\posts\\post-1.md", 4) == before["content/posts/post-1.md"]


@pytest.mark.parametrize("bad", ["0/3", "4/3", "1/0", "x", "1-3", ""])
def test_bad_shard_is_refused(bad: str):
    with pytest.raises(ValueError):
        parse_shard(bad)


def test_cli_shards_partition_the_findings(site: Path, run_cli):
    whole = json.loads(run_cli(["lint", "content", "--format", "json"], site).stdout)
    parts = [
        json.loads(
            run_cli(["lint", "content", "--format", "json", "--shard", f"{k}/3"], site).stdout
        )
        for k in (1, 2, 3)
    ]
    assert sum(p["summary"]["files"] for p in parts) == whole["summary"]["files"] == 40
    merged = sorted(
        (f for p in parts for f in p["findings"]),
        key=lambda f: (f["path"], f["line"], f["column"], f["rule"]),
    )
    assert merged == sorted(
        whole["findings"], key=lambda f: (f["path"], f["line"], f["column"], f["rule"])
    )
    bad = run_cli(["lint", "content", "--shard", "4/3"], site)
    assert bad.exit_code == 2 and "--shard" in bad.stderr


def test_display_paths_are_relative_to_the_working_folder(site: Path):
    post = next((site / "content").glob("*.md"))
    assert display_path(post) == f"content/{post.name}"
    shutil.rmtree(site / "house")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_engine_that_cannot_start_is_a_clear_error_in_workers_too(
    tmp_path: Path, corpus_module, run_cli, jobs: str
):
    """A LanguageTool server that is asked for but not there: exit 2 with its message, from
    the serial path and from the worker processes alike (no broken pool, no traceback)."""
    corpus_module.generate_corpus(tmp_path / "content", n=60, seed=5)
    result = run_cli(
        ["lint", "content", "--no-cache", "--jobs", jobs],
        tmp_path,
        env={"PLAINPOST_LANGUAGETOOL_URL": "http://127.0.0.1:9"},
    )
    assert result.exit_code == 2, result.output
    assert "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.output and "BrokenProcessPool" not in result.output
