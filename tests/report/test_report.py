"""`plainpost report`: one self-contained page, every finding in it, post text escaped.
In Chromium (no console errors, no network, axe-core): tests/browser/test_browser_report.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = "content/drafts"


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The report and the lint findings of the seed draft, from the same (uncached) run."""
    import os

    from click.testing import CliRunner

    from plainpost.cli import main

    out = tmp_path_factory.mktemp("report")
    old = Path.cwd()
    os.chdir(REPO)
    try:
        runner = CliRunner()
        made = runner.invoke(
            main, ["report", SEED, "--out", str(out / "report.html"), "--no-cache"]
        )
        assert made.exit_code == 0, made.output
        lint = runner.invoke(main, ["lint", SEED, "--format", "json", "--no-cache"])
    finally:
        os.chdir(old)
    return out / "report.html", json.loads(lint.stdout)["findings"]


def test_report_is_self_contained(seed_report):
    page, findings = seed_report
    html = page.read_text(encoding="utf-8")
    assert findings
    # no external resources of any kind
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # every finding: a numbered highlight reference and a table row
    for n in range(1, len(findings) + 1):
        assert html.count(f'id="f-{n}"') == 1
        assert html.count(f'id="row-{n}"') == 1
    assert f'id="f-{len(findings) + 1}"' not in html


def test_report_escapes_post_text(tmp_path: Path, run_cli):
    post = tmp_path / "content" / "evil.md"
    post.parent.mkdir()
    post.write_text(
        '---\ntitle: "<script>alert(1)</script>"\n---\n\n'
        "Hello <img src=x onerror=alert(2)> and </mark><script>alert(3)</script>.\n\n"
        "Related Posts\n",
        encoding="utf-8",
    )
    result = run_cli(["report", "content", "--out", "r.html", "--no-cache"], tmp_path)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # only the report's own


def test_report_of_no_posts(git_repo, run_cli):
    root = git_repo({"content/a.md": "---\ntitle: A\n---\n\nHello there.\n"})
    result = run_cli(["report", "content", "--out", "r.html", "--changed-since", "main"], root)
    assert result.exit_code == 0
    assert "No posts to show." in (root / "r.html").read_text(encoding="utf-8")


def test_a_post_with_ten_thousand_findings_is_reported(tmp_path: Path):
    """Cutting the text at its findings is linear: 10,003 findings in one post used to take
    minutes (every segment looked at every finding). A generous timeout, not a timed test."""
    import subprocess
    import sys

    sentences = ["Rest in order to heal."] * 10_003  # one wordy-phrase finding each
    paras = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    post = tmp_path / "rest.md"
    post.write_text("---\ntitle: Healing after a sprain\n---\n\n" + "\n\n".join(paras) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "plainpost", "report", str(post), "--select", "wordy-phrase",
         "--out", str(tmp_path / "r.html"), "--no-cache", "--jobs", "1"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 post(s), 10003 finding(s)" in done.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count('<mark class="cat-plain-language') == 10_003
    assert html.count('id="note-') == 10_003 and 'id="note-10003"' in html
    assert html.count('<tr id="row-') == 10_003
