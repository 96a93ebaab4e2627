"""lint, report, build and fix go through one batch runner (run/batch.py): a subfolder's
plainpost.toml applies in each of them exactly as in lint, build and fix get the cache and the
cores, and on two cores they do what they do on one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plainpost.config import load_config
from plainpost.export import build_site
from plainpost.run.batch import PARALLEL_MIN_FILES
from tests.helpers.runs import run_of

POST = "---\ntitle: {title}\ntype: page\n---\n\nSkip to content\n\nKeep the the knee up.\n"
# the clinic's folder: page chrome is only a warning, doubled words are not checked
CLINIC = '[rules.page-chrome]\nseverity = "warning"\n\n[rules.doubled-word]\nseverity = "off"\n'
SEED = Path(__file__).resolve().parents[2] / "content/drafts/running-is-not-bad-for-your-knees.md"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAINPOST_HARPER", "off")  # quicker; the runner does not care
    (tmp_path / "plainpost.toml").write_text('paths = ["posts"]\n', encoding="utf-8")
    for rel in ("posts/a.md", "posts/clinic/c.md"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(POST.format(title=path.stem), encoding="utf-8")
    (tmp_path / "posts/clinic/plainpost.toml").write_text(CLINIC, encoding="utf-8")
    return tmp_path


def _lint(site: Path, run_cli) -> dict[str, list[tuple[str, str]]]:
    result = run_cli(["lint", "posts", "--format", "json", "--no-cache"], site)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, list[tuple[str, str]]] = {}
    for f in json.loads(result.stdout)["findings"]:
        out.setdefault(f["path"], []).append((f["rule"], f["severity"]))
    return out


def test_lint_applies_the_nested_config(site, run_cli):
    found = _lint(site, run_cli)
    assert ("doubled-word", "warning") in found["posts/a.md"]
    assert ("page-chrome", "error") in found["posts/a.md"]
    assert "doubled-word" not in {rule for rule, _ in found["posts/clinic/c.md"]}
    assert ("page-chrome", "warning") in found["posts/clinic/c.md"]


def test_fix_applies_the_nested_config(site, run_cli):
    result = run_cli(["fix", "posts", "--no-cache"], site)
    assert result.exit_code == 0, result.output
    assert "fixed posts/a.md" in result.stdout
    assert "Keep the knee up." in (site / "posts/a.md").read_text(encoding="utf-8")
    # doubled words are not checked in the clinic's folder, so there is nothing to fix there
    assert "Keep the the knee up." in (site / "posts/clinic/c.md").read_text(encoding="utf-8")


def test_report_applies_the_nested_config(site, run_cli):
    expected = sum(len(v) for v in _lint(site, run_cli).values())
    result = run_cli(["report", "posts", "--no-cache", "-o", "r.html"], site)
    assert result.exit_code == 0, result.output
    assert expected == 3  # a.md: page chrome and the doubled word; c.md: page chrome
    assert f"2 post(s), {expected} finding(s)" in result.stderr


def test_build_applies_the_nested_config(site, run_cli):
    result = run_cli(["build", "posts", "--out", "public", "--no-cache"], site)
    # a.md has page chrome, an error at the root: refused; the clinic's is only a warning there
    assert result.exit_code == 1, result.output
    assert (site / "public/c/index.html").is_file()
    assert not (site / "public/a").exists()
    page = (site / "public/c/index.html").read_text(encoding="utf-8")
    assert "Skip to content" not in page  # the page chrome was cleaned off the clinic's page


def test_a_build_of_an_unchanged_site_uses_the_cache(site, run_cli, monkeypatch):
    import plainpost.run.batch as batch_module

    first = run_cli(["build", "posts", "--out", "public", "--force"], site)
    assert first.exit_code == 0, first.output
    pages = _tree(site / "public")
    calls: list[str] = []
    real = batch_module.lint_path
    monkeypatch.setattr(batch_module, "lint_path", lambda *a: calls.append(a[2]) or real(*a))
    second = run_cli(["build", "posts", "--out", "public", "--force"], site)
    assert second.exit_code == 0, second.output
    assert calls == []  # both posts' findings (each with its folder's config) from the cache
    assert _tree(site / "public") == pages


def test_build_lints_each_post_once_and_not_again_when_cached(site, monkeypatch):
    import plainpost.run.batch as batch_module

    config = load_config(start=site)
    calls: list[str] = []
    real = batch_module.lint_path
    monkeypatch.setattr(batch_module, "lint_path", lambda *a: calls.append(a[2]) or real(*a))
    monkeypatch.chdir(site)
    out = site / "public"
    first = build_site([site / "posts"], out, run_of(config), force=True, use_cache=True, jobs=1)
    assert sorted(calls) == ["posts/a.md", "posts/clinic/c.md"]
    assert (first.cache_hits, first.cache_misses) == (0, 2)
    calls.clear()
    second = build_site([site / "posts"], out, run_of(config), force=True, use_cache=True, jobs=1)
    assert calls == []
    assert (second.cache_hits, second.cache_misses) == (2, 0)
    assert second.written == []  # nothing rewritten
    assert [(p.path, p.status) for p in second.posts] == [(p.path, p.status) for p in first.posts]


@pytest.fixture
def many(tmp_path: Path, corpus_module, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    corpus_module.generate_corpus(tmp_path / "content", n=PARALLEL_MIN_FILES, seed=5)
    shutil.copy(SEED, tmp_path / "content" / "seed.md")
    return tmp_path


def test_fix_on_two_cores_makes_the_same_changes_as_on_one(many, run_cli):
    serial = run_cli(["fix", "content", "--diff", "--no-cache", "-j", "1", "--notes"], many)
    parallel = run_cli(["fix", "content", "--diff", "--no-cache", "-j", "2", "--notes"], many)
    assert serial.exit_code == parallel.exit_code == 1, serial.output  # a diff: exit 1
    assert "+++ b/content/seed.md" in serial.stdout
    assert parallel.stdout == serial.stdout


def test_fix_twice_is_a_no_op_and_a_cached_third_run_lints_nothing(many, run_cli, monkeypatch):
    import plainpost.fix as fix_module
    import plainpost.run.batch as batch_module

    fixed = run_cli(["fix", "content", "-j", "1", "--notes"], many)
    assert fixed.exit_code == 0, fixed.output
    assert "fixed content/seed.md" in fixed.stdout
    again = run_cli(["fix", "content", "--check", "-j", "1", "--notes"], many)
    assert again.exit_code == 0, again.output  # nothing left to change
    assert "nothing to fix" in again.stderr

    calls: list[str] = []
    real_lint, real_fix = batch_module.lint_path, fix_module.fix_path
    monkeypatch.setattr(batch_module, "lint_path", lambda *a: calls.append(a[2]) or real_lint(*a))
    monkeypatch.setattr(fix_module, "fix_path", lambda *a: calls.append(a[3]) or real_fix(*a))
    third = run_cli(["fix", "content", "--check", "-j", "1", "--notes"], many)
    assert third.exit_code == 0, third.output
    assert calls == []  # every post's findings came from the cache, and none holds a fix


def test_build_on_two_cores_builds_the_same_site_as_on_one(many, run_cli):
    one = run_cli(["build", "content", "--out", "one", "--no-cache", "-j", "1", "--force"], many)
    two = run_cli(["build", "content", "--out", "two", "--no-cache", "-j", "2", "--force"], many)
    assert one.exit_code == two.exit_code, one.output + two.output
    assert _tree(many / "one") == _tree(many / "two")


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
