"""The standard notes: each safety-note rule has one, it satisfies the rule wherever --notes puts
it (paragraph, list, blockquote, numbered list), it brings no new finding of another health rule,
and a second fix run changes nothing."""

from __future__ import annotations

import pytest

from plainpost.api import build_linter
from plainpost.checks.safety import normalise_snippet
from plainpost.config import Config
from plainpost.document import Source
from plainpost.fix import fix_text
from plainpost.rulebook import shipped_rules_dir
from tests.helpers.rules import HEALTH_IDS, NOTE_RULES, REPO

SNIPPETS = shipped_rules_dir() / "snippets"


@pytest.fixture(scope="module")
def note_linter():
    """Every rule but when-to-see-a-doctor: red-flags-note yields to it in a post with no help
    section (these tests put a note rule's trigger alone in each kind of Markdown block)."""
    return build_linter(Config(root=REPO), ignore=["when-to-see-a-doctor"])


@pytest.fixture(scope="module")
def fixer(note_linter):
    def run(text: str, rule_id: str) -> str:
        fixed, _ = fix_text(Source.from_text(text, "post.md"), note_linter, frozenset({rule_id}))
        return fixed

    return run


def _rules_in(findings, ids):
    return {f.rule for f in findings if f.rule in ids}


@pytest.mark.parametrize("rule", NOTE_RULES, ids=lambda r: r.id)
def test_rule_has_its_snippet(rule, default_linter):
    path = SNIPPETS / f"{rule.options.snippet}.md"
    assert path.is_file(), f"{rule.path}: snippet {path} is missing"
    assert default_linter.ctx.snippets.get(rule.options.snippet), "snippet not loaded into Context"


@pytest.mark.parametrize("rule", NOTE_RULES, ids=lambda r: r.id)
def test_snippet_alone_raises_nothing(rule, lint_text):
    note = normalise_snippet((SNIPPETS / f"{rule.options.snippet}.md").read_text(encoding="utf-8"))
    found = [
        f
        for f in lint_text(note)
        if f.category
        in ("safety", "claims", "plain-language", "readability", "grammar", "spelling")
    ]
    assert not found, [(f.rule, f.message) for f in found]


CONTAINERS = {
    "paragraph": "{text}\n\nNext paragraph.\n",
    "bullet": "Steps:\n\n- Rest it.\n- {text}\n- Raise it.\n",
    "numbered": "Steps:\n\n1. Rest it.\n2. {text}\n3. Raise it.\n",
    "quote": "> {text}\n>\n> Quoted on.\n",
    "section": "## First\n\n{text}\n\n## Second\n\nOther things.\n",
    "end-of-file": "{text}",
    "wrapped": "Some words first\nand {text}\nthen the paragraph\ngoes on.\n\nNext.\n",
}


def _fire_examples():
    for rule in NOTE_RULES:
        for i, text in enumerate(rule.examples.fire):
            yield pytest.param(rule, text, id=f"{rule.id}-fire-{i}")


@pytest.mark.parametrize(("rule", "text"), list(_fire_examples()))
def test_notes_fix_every_fire_example(rule, text, fixer, lint_text):
    before = lint_text(text)
    assert rule.id in _rules_in(before, {rule.id})
    fixed = fixer(text, rule.id)
    after = lint_text(fixed)
    assert rule.id not in _rules_in(after, {rule.id}), fixed
    new = _rules_in(after, HEALTH_IDS) - _rules_in(before, HEALTH_IDS)
    assert not new, f"the note brought {new}:\n{fixed}"
    assert fixer(fixed, rule.id) == fixed, "a second run changed the text"


def _trigger_sentence(rule) -> str:
    return rule.examples.fire[0].split("\n")[-1].lstrip("- ")


@pytest.mark.parametrize("container", sorted(CONTAINERS))
@pytest.mark.parametrize("rule", NOTE_RULES, ids=lambda r: r.id)
def test_note_fits_the_markdown_around_it(rule, container, fixer, default_linter):
    text = CONTAINERS[container].format(text=_trigger_sentence(rule))
    fixed = fixer(text, rule.id)
    assert fixed != text
    doc = default_linter.parse(Source.from_text(fixed, "post.md"))
    note_blocks = [b for b in doc.blocks if b.text.startswith(_lead(rule))]
    assert len(note_blocks) == 1, fixed
    note = note_blocks[0]
    if container == "bullet":
        assert note.kind == "list_item" and "bullet_list" in note.containers, fixed
        assert "- Raise it." in fixed.split(_lead_md(rule))[1]
    elif container == "numbered":
        assert "ordered_list" in note.containers, fixed
        assert "3. Raise it." in fixed
    elif container == "quote":
        assert "blockquote" in note.containers, fixed
    else:
        assert note.kind == "paragraph" and not note.containers, fixed
    if container == "wrapped":
        assert "goes on.\n\n" + _lead_md(rule) in fixed, fixed
    assert fixer(fixed, rule.id) == fixed


@pytest.mark.parametrize("rule", NOTE_RULES, ids=lambda r: r.id)
def test_wrapped_paragraph_reports_the_triggers_line(rule, note_linter):
    text = "Some words first\nand " + _trigger_sentence(rule) + "\nthen the paragraph\ngoes on.\n"
    found = note_linter.lint_source(Source.from_text(text, "post.md"))
    (finding,) = [f for f in found if f.rule == rule.id]
    assert finding.line == 2


def _lead(rule) -> str:
    note = normalise_snippet((SNIPPETS / f"{rule.options.snippet}.md").read_text(encoding="utf-8"))
    return note.replace("**", "")[:20]


def _lead_md(rule) -> str:
    note = normalise_snippet((SNIPPETS / f"{rule.options.snippet}.md").read_text(encoding="utf-8"))
    return note[:20]


def test_supplement_note_is_reported_at_the_dose_not_a_vaguer_trigger_first(lint_text):
    text = (
        "Of every supplement on the shelf, I would pick cod liver oil.\n\n"
        "It has a long history.\n\n"
        "Each morning, take 2 to 3 grams a day with breakfast.\n"
    )
    (finding,) = [f for f in lint_text(text) if f.rule == "supplement-safety-note"]
    assert finding.line == 5
    assert text[finding.start : finding.end].startswith("take 2 to 3 grams a day")
    assert text[: finding.insert_at].endswith("with breakfast.")  # the note follows the dose


def test_supplement_note_without_a_dose_is_still_at_the_first_trigger(lint_text):
    text = "A fish oil capsule may help.\n\nMelatonin can reset your sleep.\n"
    (finding,) = [f for f in lint_text(text) if f.rule == "supplement-safety-note"]
    assert finding.line == 1
