"""Cache keys include every input of a finding, today's date too: a review that goes out of date
(or a date that stops being in the future) is found by the next run, not served from the cache
of an earlier day. PLAINPOST_TODAY sets the day a run checks dates against; it reaches the cache
only as that day (it is not hashed with the environment), so these runs test the key itself."""

from __future__ import annotations

import json
from pathlib import Path

POST = """---
title: Knee pain
type: advice
author: Sam Whitfield
reviewed_by: Dr Priya Nair
last_reviewed: 2026-06-01
---

# Knee pain

Rest the knee for a day or two.
"""


def _review_findings(cli, folder: Path, day: str) -> list[str]:
    from tests.reliability.conftest import clean_env

    result = cli(
        ["lint", "posts", "--format", "json", "--select", "structure"],
        folder,
        env=clean_env(PLAINPOST_TODAY=day),
    )
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)["findings"]
    return sorted(f["rule"] for f in found if f["rule"].startswith("review"))


def test_a_cached_run_on_a_later_day_reports_the_newly_stale_review(cli, tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "knee.md").write_text(POST, encoding="utf-8")
    assert _review_findings(cli, tmp_path, "2026-03-01") == ["review-out-of-date"]  # future
    assert _review_findings(cli, tmp_path, "2026-07-01") == []  # reviewed a month ago
    assert (tmp_path / ".plainpost_cache").is_dir()  # these runs use the cache
    # 2030: more than 36 months after the review; the post and the config are unchanged
    assert _review_findings(cli, tmp_path, "2030-01-01") == ["review-out-of-date"]
    assert _review_findings(cli, tmp_path, "2026-07-01") == []  # and back: still right


def test_a_bad_day_is_one_line_and_exit_2(cli, tmp_path):
    from tests.reliability.conftest import clean_env

    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "knee.md").write_text(POST, encoding="utf-8")
    result = cli(["lint", "posts"], tmp_path, env=clean_env(PLAINPOST_TODAY="tomorrow"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "plainpost: error: PLAINPOST_TODAY: 'tomorrow' is not a date such as 2026-10-12"
    ]
