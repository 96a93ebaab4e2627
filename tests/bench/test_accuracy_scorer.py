"""The accuracy benchmark's scorer (bench/accuracy/score.py) and its corpus.

The scorer is checked on a tiny corpus made here, by hand-made findings (matching rules) and
by plainpost's real run (end to end). The shipped corpus is checked for what a rule author
relies on: every post has a valid sidecar whose spans sit on their lines, every modelled page is
listed in SOURCES.md, and no rule example is taken from a corpus post.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.helpers.bench import bench_module

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "accuracy"
CORPUS = BENCH / "corpus"
SHARED = REPO.parent / "shared" / "peer-suites"


score = bench_module("accuracy/score.py")

POST = """---
title: Knee care
author: A. Writer
---

Walk for ten minutes every day.

Stretch your calf calf muscles after the walk.

Read more
"""
# line 6: "Walk for ten minutes every day."  (a defect no tool can see: the editor wants "twenty")
# line 8: the doubled "calf"
# line 10: page chrome


def finding(line: int, col: int, end: int, category: str, rule: str = "r", sev: str = "warning"):
    return score.Finding("p.md", line, col, line, end, rule, category, sev, "msg")


def post(defects, lines=None, words=100):
    lines = lines or ("x" * 80,) * 20
    return score.Post("p.md", tuple(lines), words, tuple(defects))


def defect(line, text, cls, optional=False):
    return score.Defect("p.md", line, text, cls, optional=optional)


# ---------------------------------------------------------------- matching rules


def test_a_finding_must_overlap_the_marked_span_on_its_line():
    lines = ["", "Stretch your calf calf muscles."]
    d = defect(2, "calf calf", "missing-word")  # columns 14-23
    for f, caught in [
        (finding(2, 19, 23, "grammar"), True),  # the second "calf"
        (finding(2, 1, 14, "grammar"), False),  # ends where the span starts
        (finding(2, 23, 31, "grammar"), False),  # starts where it ends
        (finding(1, 14, 23, "grammar"), False),  # right columns, wrong line
    ]:
        s = score.score_posts([post([d], lines)], [f], kinds={})
        assert (s.caught["missing-word"] == 1) is caught
        assert len(s.false_alarms) == (0 if caught else 1)
        assert len(s.misses) == (0 if caught else 1)


def test_classes_are_matched_by_their_categories():
    lines = ["Share this post and the the rest."]
    chrome = defect(1, "Share this post", "chrome")
    slip = defect(1, "the the", "missing-word")
    findings = [
        finding(1, 1, 16, "boilerplate"),  # chrome is plainpost's boilerplate category
        finding(1, 21, 28, "spelling"),  # a language slip may be found by spelling or grammar
    ]
    s = score.score_posts([post([chrome, slip], lines)], findings, kinds={})
    assert s.recall(score.CLASSES) == 1.0 and not s.false_alarms
    # the wrong category is a miss and a false alarm
    s = score.score_posts([post([chrome], lines)], [finding(1, 1, 16, "structure")], kinds={})
    assert s.caught["chrome"] == 0 and len(s.false_alarms) == 1


def test_a_post_level_defect_takes_one_compatible_finding_preferring_post_level_rules():
    missing = [score.Defect("p.md", None, None, "structure")] * 2
    findings = [
        finding(3, 1, 5, "structure", "pseudo-bullets"),
        finding(2, 1, 5, "structure", "sources-section"),
    ]
    kinds = {"sources-section": "required-section", "pseudo-bullets": "pseudo-bullets"}
    s = score.score_posts([post(missing[:1])], findings, kinds=kinds)
    assert s.caught["structure"] == 1
    assert [f.rule for f in s.false_alarms] == ["pseudo-bullets"]
    assert s.by_rule() == {
        "pseudo-bullets": {"matched": 0, "false": 1},
        "sources-section": {"matched": 1, "false": 0},
    }
    s = score.score_posts([post(missing)], findings[:1], kinds=kinds)
    assert (s.caught["structure"], s.annotated["structure"]) == (1, 2)


def test_a_line_defect_explains_every_finding_on_it_and_optional_defects_are_not_required():
    lines = ["A very long sentence goes here."]
    hard = defect(1, "A very long", "readability")
    maybe = defect(1, "sentence", "spelling", optional=True)
    findings = [
        finding(1, 1, 32, "readability", "hard-sentence", "info"),
        finding(1, 1, 32, "readability", "very-hard-sentence"),
        finding(1, 13, 21, "spelling"),
    ]
    s = score.score_posts([post([hard, maybe], lines)], findings, kinds={})
    assert s.matched_findings == 3 and s.precision() == 1.0
    assert s.by_rule()["very-hard-sentence"] == {"matched": 1, "false": 0}
    assert sum(s.annotated.values()) == 1 and s.optional == 1
    # an optional defect nothing finds is not a miss
    s = score.score_posts([post([hard, maybe], lines)], findings[:1], kinds={})
    assert not s.misses


def test_metadata_findings_are_ignored_unless_asked():
    kinds = {"reviewer-missing": "review", "front-matter": "front-matter"}
    findings = [finding(1, 1, 4, "structure", "reviewer-missing", "error")]
    s = score.score_posts([post([])], findings, kinds=kinds)
    assert s.findings == 0 and s.ignored_metadata == 1
    s = score.score_posts([post([])], findings, count_metadata=True, kinds=kinds)
    assert len(s.false_alarms) == 1


def test_false_alarms_per_thousand_words_split_by_severity_and_language():
    findings = [
        finding(1, 1, 2, "spelling", sev="warning"),
        finding(2, 1, 2, "readability", sev="info"),
        finding(3, 1, 2, "claims", sev="error"),
        finding(4, 1, 2, "grammar", sev="info"),
    ]
    s = score.score_posts([post([], words=2000)], findings, kinds={})
    rates = s.as_dict()["false_alarms_per_1000_words"]
    assert rates == {"all": 2.0, "warning_or_error": 1.0, "spelling_grammar": 1.0}


def test_lenient_matching_accepts_a_finding_that_names_the_defect_later_in_its_paragraph():
    lines = ["Use ice massage after a run. Rest.", "More text."]
    d = defect(1, "ice massage", "safety")
    f = score.Finding(
        "p.md", 1, 35, 1, 35, "ice-safety-note", "safety", "error", "“ice massage”: …"
    )
    assert score.score_posts([post([d], lines)], [f], kinds={}).caught["safety"] == 0
    assert score.score_posts([post([d], lines)], [f], lenient=True, kinds={}).caught["safety"] == 1
    elsewhere = score.Finding("p.md", 1, 35, 1, 35, "x", "safety", "error", "“a run”: …")
    assert not score.score_posts([post([d], lines)], [elsewhere], lenient=True, kinds={}).caught


# ---------------------------------------------------------------- reading posts and sidecars


def test_sidecar_problems_are_reported_with_the_line_they_name():
    lines = POST.splitlines()
    good = {
        "modelled_on": "https://x",
        "defects": [{"line": 6, "text": "ten", "class": "real-word"}],
    }
    assert score.validate_sidecar(good, lines, "s") == []
    bad = {
        "defects": [
            {"line": 6, "text": "twenty", "class": "real-word"},  # not on line 6
            {"line": 8, "text": "calf", "class": "typo"},  # unknown class
            {"line": None, "text": "calf", "class": "structure"},  # post-level with a span
            {"line": 99, "text": "x", "class": "spelling"},  # past the end
            {"line": 8, "text": "calf", "class": "spelling", "severity": "high"},  # unknown key
        ]
    }
    errors = score.validate_sidecar(bad, lines, "s")
    assert len(errors) == 5
    assert "'twenty' is not on line 6" in errors[0]
    assert "defect 2: class 'typo'" in errors[1]


def test_prose_words_count_what_a_reader_reads():
    text = (
        "---\ntitle: Many words in the title\n---\n\n# Knee pain\n\n"
        "It's 5-10 minutes, see [the NHS](https://www.nhs.uk/conditions/knee-pain/).\n\n"
        "```\ncode is not prose\n```\n\n![alt text here](x.png)\n\n<div>html</div>\n"
    )
    # Knee, pain, It's, 5-10, minutes, see, the, NHS
    assert score.prose_words(text) == 8


# ---------------------------------------------------------------- end to end, with plainpost


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "knees.md").write_text(POST, encoding="utf-8")
    sidecar = {
        "modelled_on": "https://example.clinic/blog/knees",
        "defects": [
            {"line": 6, "text": "ten", "class": "real-word", "fix": "twenty"},
            {"line": 8, "text": "calf calf", "class": "missing-word", "fix": "calf"},
            {"line": 10, "text": "Read more", "class": "chrome"},
            {"line": None, "class": "structure", "optional": True},
            {"line": None, "class": "structure", "optional": True},
        ],
    }
    (folder / "knees.expect.yml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
    return folder


def test_the_scorer_runs_plainpost_and_reports_recall_misses_and_false_alarms(
    fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    assert score.main([str(fixture_corpus), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)[str(fixture_corpus)]
    assert result["posts"] == 1 and result["words"] == 16  # 6 + 8 + 2: front matter not counted
    by_class = result["recall"]["by_class"]
    assert by_class["missing-word"] == {"caught": 1, "annotated": 1, "recall": 1.0}
    assert by_class["real-word"]["caught"] == 0  # nothing can know "ten" should be "twenty"
    misses = {(m["line"], m["class"]) for m in result["misses"]}
    assert (6, "real-word") in misses
    assert result["ignored_metadata_findings"] >= 1  # no reviewer, no review date: not scored
    assert result["findings"] == result["matched_findings"] + result["false_alarms"]["all"]

    # --select reaches plainpost: only the doubled-word rule runs
    assert score.main([str(fixture_corpus), "--json", "--select", "doubled-word"]) == 0
    only = json.loads(capsys.readouterr().out)[str(fixture_corpus)]
    assert set(only["findings_by_rule"]) == {"doubled-word"}

    assert score.main([str(fixture_corpus)]) == 0
    text = capsys.readouterr().out
    assert f"{fixture_corpus / 'knees.md'}:6  real-word “ten” → “twenty”" in text
    assert "recall, overall:" in text and "false alarms per 1,000 words:" in text


def test_clean_mode_counts_every_finding_as_a_false_alarm(
    fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    (fixture_corpus / "knees.expect.yml").unlink()
    assert score.main([str(fixture_corpus), "--json"]) == 2  # a post without a sidecar
    assert "missing" in capsys.readouterr().err
    assert score.main([str(fixture_corpus), "--json", "--clean"]) == 0
    result = json.loads(capsys.readouterr().out)[str(fixture_corpus)]
    assert result["matched_findings"] == 0
    assert result["false_alarms"]["all"] == result["findings"] >= 2  # "calf calf", "Read more"


def test_check_mode_fails_on_a_span_that_is_not_on_its_line(
    fixture_corpus: Path, capsys: pytest.CaptureFixture[str]
):
    assert score.main(["--check", str(fixture_corpus)]) == 0
    side = fixture_corpus / "knees.expect.yml"
    side.write_text(side.read_text().replace("line: 8", "line: 7"), encoding="utf-8")
    assert score.main(["--check", str(fixture_corpus)]) == 1
    assert "'calf calf' is not on line 7" in capsys.readouterr().out


# ---------------------------------------------------------------- the shipped corpus


def corpus_posts() -> list[Path]:
    return sorted(CORPUS.rglob("*.md"))


def test_every_corpus_post_has_a_valid_sidecar_with_spans_on_their_lines():
    posts = corpus_posts()
    assert len(posts) >= 16
    problems = []
    for path in posts:
        _, errors = score.load_post(path)
        problems += errors
        data = yaml.safe_load(path.with_name(path.stem + ".expect.yml").read_text())
        if not str((data or {}).get("modelled_on", "")).startswith("http"):
            problems.append(f"{path}: modelled_on must name the real page")
    assert problems == []


def test_the_corpus_is_split_into_dev_and_test_and_every_modelled_page_is_in_sources():
    sources = (BENCH / "SOURCES.md").read_text(encoding="utf-8")
    splits = {p.parent.name for p in corpus_posts()}
    assert splits == {"dev", "test"}
    for path in corpus_posts():
        data = yaml.safe_load(path.with_name(path.stem + ".expect.yml").read_text())
        assert data["modelled_on"] in sources, f"{path}: {data['modelled_on']} not in SOURCES.md"


def _runs(text: str, n: int = 10) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_rule_example_is_taken_from_the_corpus():
    # The standard notes in rules/snippets/ are meant to be quoted, by posts and by the examples
    # of the rules that ask for them: their wording does not count.
    snippets = set().union(*(_runs(p.read_text()) for p in (REPO / "rules" / "snippets").glob("*")))
    corpus = set().union(*(_runs(p.read_text(encoding="utf-8")) for p in corpus_posts()))
    corpus -= snippets
    shared = []
    for rule_file in sorted((REPO / "rules").rglob("*.yml")):
        data = yaml.safe_load(rule_file.read_text(encoding="utf-8")) or {}
        examples = data.get("examples") or {}
        for example in [*(examples.get("fire") or []), *(examples.get("pass") or [])]:
            if _runs(str(example)) & corpus:
                shared.append(f"{rule_file.name}: {str(example)[:60]!r}")
    assert shared == [], "rule examples share ten words in a row with a corpus post"


# ---------------------------------------------------------------- the public suites


def test_the_public_suites_skip_with_a_reason_when_shared_is_absent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    suites = bench_module("accuracy/suites.py")
    assert suites.main(["--shared", str(tmp_path / "no-shared")]) == 0
    assert "skipped" in capsys.readouterr().err
    # the clean control is in ../shared too: a missing folder there is skipped, elsewhere an error
    missing = REPO.parent / "shared" / "no-such-suite" / "nhs"
    assert score.main(["--clean", str(missing)]) == 0
    assert "skipped" in capsys.readouterr().err
    assert score.main(["--clean", str(tmp_path / "nhs")]) == 2
