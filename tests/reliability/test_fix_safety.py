"""`plainpost fix` cannot lose text: a safe fix edits only what it names, every fix is verified,
notes settle, and the file keeps its shape (BOM, line endings, mode, owner, links)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from plainpost.document import Source
from plainpost.findings import Finding, Severity
from tests.reliability.conftest import NOBODY, ROOT, need_unprivileged, post

# a doubled word with markup between the two: the fix removes the second word and the space
# before it, nothing else
DOUBLED = {
    "footnote": (
        "Take Paracetamol[^1] paracetamol for pain.\n\n[^1]: NHS leaflet.",
        "Take Paracetamol[^1] for pain.\n\n[^1]: NHS leaflet.",
    ),
    "link": (
        "Read [the](https://example.org) the leaflet.",
        "Read [the](https://example.org) leaflet.",
    ),
    "comment": ("Ask the <!-- ask who --> the pharmacist.", "Ask the <!-- ask who --> pharmacist."),
    "emphasis": ("Keep *the* the dose low.", "Keep *the* dose low."),
    "strong": ("Rest **for** for a day.", "Rest **for** a day."),
    "image": (
        "Look at ![a chart](chart.png) at the chart.",
        "Look at ![a chart](chart.png) the chart.",  # the image stays
    ),
    "line break": (
        "The pain should ease\nease within a week.",
        "The pain should ease within a week.",
    ),
}


@pytest.mark.parametrize("case", list(DOUBLED), ids=list(DOUBLED))
def test_doubled_word_fix_edits_only_the_doubled_word(case, cli, tmp_path):
    before, after = DOUBLED[case]
    path = tmp_path / "post.md"
    path.write_text(post("Pain relief", before), encoding="utf-8")
    result = cli(["fix", "post.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == post("Pain relief", after)


def test_a_fix_that_would_touch_markup_is_skipped_with_a_message(default_linter):
    from plainpost.fix import edits_from

    text = post("Reading", "Read [the](https://example.org) cat leaflet.")
    doc = default_linter.parse(Source.from_text(text, "post.md"))
    start = text.index("[the]")
    end = text.index(" leaflet")
    finding = Finding(
        "post.md", 7, 6, 7, 36, "test-fix", "grammar", Severity.WARNING, "m", ("dog",), True,
        start, end,
    )  # fmt: skip
    skipped: list[str] = []
    assert edits_from(doc, [finding], frozenset(), skipped=skipped) == []
    assert len(skipped) == 1 and "post.md:7:6" in skipped[0] and "markup" in skipped[0]


def test_inventory_counts_what_a_fix_must_keep(default_linter):
    from plainpost.fix import inventory

    text = post(
        "Kept",
        "A [link](https://a.example) and ![alt](i.png), a note[^n], `code` <!-- c -->.\n\n"
        "[^n]: the note.",
    )
    items = inventory(default_linter.parse(Source.from_text(text, "p.md")))
    kinds = {k for k, _ in items}
    assert {"link", "image", "footnote", "code", "comment"} <= kinds


# --- safety notes ---------------------------------------------------------------------------

UNDER_TITLE = post(
    "Knee pain", "Osteoarthritis is common after 50. Keep active.\n\n## Sources\n\n- NHS"
)
SNIPPET_START = "**When to see a doctor:**"


def test_notes_under_the_title_settle_after_one_run(cli, tmp_path):
    path = tmp_path / "knee.md"
    path.write_text(UNDER_TITLE, encoding="utf-8")
    first = cli(["fix", "--notes", "knee.md"], tmp_path)
    assert first.returncode == 0, first.stderr
    text = path.read_text(encoding="utf-8")
    assert text.count(SNIPPET_START) == 1
    # placed in the section of the trigger: before the Sources heading
    assert text.index(SNIPPET_START) < text.index("## Sources")
    second = cli(["fix", "--notes", "knee.md"], tmp_path)
    assert path.read_text(encoding="utf-8") == text
    assert "nothing to fix" in second.stderr


def test_a_note_already_in_the_post_is_never_inserted_again(cli, tmp_path, repo):
    snippet = (repo / "rules" / "snippets" / "red-flags.md").read_text(encoding="utf-8").strip()
    # the note is there, though in a section that does not satisfy the rule
    text = post(
        "Knee pain",
        "## Care\n\nOsteoarthritis is common after 50.\n\n## Other\n\n" + snippet + "\n",
    )
    path = tmp_path / "knee.md"
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        cli(["fix", "--notes", "knee.md"], tmp_path)
    assert path.read_text(encoding="utf-8").count(SNIPPET_START) == 1


def test_a_trigger_a_spelling_fix_makes_gets_its_note_in_the_same_run(cli, tmp_path):
    # "ibuprofin" is respelt by the spelling check's safe fix; the respelt word is a painkiller,
    # so the same run adds the painkiller note and a second run has nothing left to do
    text = post(
        "Sore wrist",
        "Rest the wrist for a day or two. You can take ibuprofin for a few days.",
    )
    path = tmp_path / "wrist.md"
    path.write_text(text, encoding="utf-8")
    first = cli(["fix", "--notes", "wrist.md"], tmp_path)
    assert first.returncode == 0, first.stderr
    fixed = path.read_text(encoding="utf-8")
    assert "take ibuprofen for a few days" in fixed
    assert fixed.count("**Taking painkillers safely:**") == 1
    cli(["fix", "--notes", "wrist.md"], tmp_path)
    assert path.read_text(encoding="utf-8") == fixed


def test_a_footnote_written_as_html_is_a_citation_and_gets_no_note(cli, tmp_path):
    # a footnote's definition that opens with a comment is raw HTML to the parser; its words
    # are still the footnote's (a citation), not advice, so "ice" there calls for no note; it
    # once did, and the note, placed where the rule did not look, went in five times a run
    text = post(
        "Sore ankle",
        "Rest the ankle for a day.[^1]\n\n## Care\n\nWalk a little more each day.\n\n"
        "[^1]: <!-- check --> Ice and rest trial, 2019.\n",
    )
    path = tmp_path / "ankle.md"
    path.write_text(text, encoding="utf-8")
    for _ in range(2):
        result = cli(["fix", "--notes", "ankle.md"], tmp_path)
        assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_no_note_in_a_post_without_its_trigger(cli, tmp_path):
    sleep = post(
        "Sleep well",
        "Go to bed at the same time each night. Keep the room cool and dark.\n\n"
        "Put screens away an hour before bed.",
    )
    path = tmp_path / "sleep.md"
    path.write_text(sleep, encoding="utf-8")
    result = cli(["fix", "--notes", "sleep.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == sleep


# --- an edit saved while fix runs -----------------------------------------------------------


def test_an_edit_saved_while_fix_runs_is_not_overwritten(tmp_path, monkeypatch, run_cli):
    import plainpost.fix as fix_module

    path = tmp_path / "post.md"
    path.write_text(post("Rest", "Keep the the knee up."), encoding="utf-8")
    saved = post("Rest", "Keep the the knee up. The writer added this meanwhile.")
    real = fix_module.fix_post

    def slow_fix(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text(saved, encoding="utf-8")  # the writer saves while fix works
        return result

    monkeypatch.setattr(fix_module, "fix_post", slow_fix)
    monkeypatch.setenv("PLAINPOST_HARPER", "off")
    result = run_cli(["fix", "post.md"], tmp_path)
    assert path.read_text(encoding="utf-8") == saved
    assert result.exit_code == 2
    assert "post.md: changed on disk while fix ran; not overwritten" in result.output


# --- the file's shape -----------------------------------------------------------------------


def _fix_bytes(cli, tmp_path: Path, data: bytes) -> bytes:
    path = tmp_path / "post.md"
    path.write_bytes(data)
    result = cli(["fix", "post.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    return path.read_bytes()


def test_fix_keeps_a_bom(cli, tmp_path):
    data = "\ufeff" + post("Rest", "Keep the the knee up.")
    out = _fix_bytes(cli, tmp_path, data.encode("utf-8"))
    assert out == ("\ufeff" + post("Rest", "Keep the knee up.")).encode("utf-8")


def test_fix_keeps_each_line_s_ending(cli, tmp_path):
    # mixed: LF front matter, CRLF body lines, a lone CR
    data = (
        b"---\ntitle: Rest\ntype: page\n---\n\r\n# Rest\r\n\r\nKeep the the knee up.\r\n"
        b"Rest it.\rIce it.\n"
    )
    out = _fix_bytes(cli, tmp_path, data)
    assert out == data.replace(b"the the", b"the")


def test_fix_keeps_crlf_when_it_deletes_across_a_line_break(cli, tmp_path):
    data = post("Rest", "The pain should ease\nease within a week.").replace("\n", "\r\n")
    out = _fix_bytes(cli, tmp_path, data.encode())
    assert out == post("Rest", "The pain should ease within a week.").replace("\n", "\r\n").encode()


def test_fix_keeps_mode_and_owner(cli, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(post("Rest", "Keep the the knee up."), encoding="utf-8")
    path.chmod(0o640)
    if ROOT:
        os.chown(path, NOBODY, NOBODY)
    before = path.stat()
    result = cli(["fix", "post.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.stat()
    assert "the the" not in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_fix_keeps_hard_links(cli, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(post("Rest", "Keep the the knee up."), encoding="utf-8")
    other = tmp_path / "elsewhere.txt"
    os.link(path, other)
    result = cli(["fix", "post.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.stat().st_ino == other.stat().st_ino
    assert "the the" not in other.read_text(encoding="utf-8")


def test_fix_edits_a_symlink_s_target_and_keeps_the_link(cli, tmp_path):
    real = tmp_path / "store" / "rest.md"
    real.parent.mkdir()
    real.write_text(post("Rest", "Keep the the knee up."), encoding="utf-8")
    posts = tmp_path / "posts"
    posts.mkdir()
    link = posts / "rest.md"
    link.symlink_to(real)
    result = cli(["fix", "posts"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "the the" not in real.read_text(encoding="utf-8")
    assert "fixed posts/rest.md" in result.stdout


def test_a_read_only_file_is_one_error_and_the_rest_is_fixed(cli, tmp_path):
    locked = tmp_path / "a-locked.md"
    locked.write_text(post("Locked", "Keep the the knee up."), encoding="utf-8")
    locked.chmod(0o444)
    other = tmp_path / "b-open.md"
    other.write_text(post("Open", "Keep the the knee up."), encoding="utf-8")
    result = cli(["fix", "."], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "a-locked.md" in errors[0], result.stderr
    assert "the the" in locked.read_text(encoding="utf-8")
    assert "the the" not in other.read_text(encoding="utf-8")


def test_a_read_only_folder_is_one_error_and_the_rest_is_fixed(cli, shared_tmp):
    need_unprivileged()
    locked = shared_tmp / "a-locked"
    locked.mkdir()
    (locked / "post.md").write_text(post("Locked", "Keep the the knee up."), encoding="utf-8")
    (locked / "post.md").chmod(0o666)
    other = shared_tmp / "b-open"
    other.mkdir(mode=0o777)
    (other / "post.md").write_text(post("Open", "Keep the the knee up."), encoding="utf-8")
    (other / "post.md").chmod(0o666)
    other.chmod(0o777)
    locked.chmod(0o555)
    result = cli(["fix", "."], shared_tmp, as_nobody=ROOT)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "a-locked/post.md" in errors[0], result.stderr
    assert "the the" not in (other / "post.md").read_text(encoding="utf-8")
    assert not [p for p in shared_tmp.rglob("*") if p.name.endswith(".tmp")]


def test_a_killed_run_s_temp_file_is_cleaned_by_the_next(cli, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(post("Rest", "Keep the the knee up."), encoding="utf-8")
    # what a run killed by SIGKILL between writing and renaming leaves: a process long gone
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".post.md.{dead.pid}.x1y2z3.plainpost.tmp"
    stale.write_text("half", encoding="utf-8")
    result = cli(["fix", "post.md"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# the second copy of a doubled word is the whole text of a link, emphasis or tag: the first copy
# goes instead, and where both are, nothing (in-process: one lint each)
EMPTIED = {
    "emphasis": ("Keep the *the* dose low.", "Keep *the* dose low."),
    "strong": ("Rest for **for** a day.", "Rest **for** a day."),
    "strikethrough": ("Use the ~~the~~ dose.", "Use ~~the~~ dose."),
    "link": (
        "Read the [the](https://example.org) leaflet.",
        "Read [the](https://example.org) leaflet.",
    ),
    "tag": ("Read the <b>the</b> leaflet.", "Read <b>the</b> leaflet."),
    "link start": (
        "Read the [the leaflet](https://example.org) now.",
        "Read the [leaflet](https://example.org) now.",
    ),
    "two links": ("Read [link](/a)\n[link](/b) now.", "Read [link](/a)\n[link](/b) now."),
}


@pytest.mark.parametrize("case", list(EMPTIED), ids=list(EMPTIED))
def test_a_doubled_word_fix_never_leaves_markup_empty(case, default_linter):
    from plainpost.fix import fix_post
    from tests.helpers.markup import lost

    before, after = EMPTIED[case]
    result = fix_post(post("Reading", before), "post.md", default_linter)
    assert result.raw == post("Reading", after)
    assert not lost(post("Reading", before), result.raw)
    if before == after:
        assert any("fix not applied" in line for line in result.skipped), result.skipped


def test_verification_refuses_an_emptied_link_or_emphasis(default_linter):
    from plainpost.fix import verify

    def parse(text: str):
        return default_linter.parse(Source.from_text(text, "post.md"))

    assert verify(parse("Keep the *the* dose."), parse("Keep the ** dose.")) == (
        "it would remove an emphasis ('*')"
    )
    assert "link text" in (verify(parse("Read [the](/a) now."), parse("Read [](/a) now.")) or "")
    assert verify(parse("Read [the](/a) the now."), parse("Read [the](/a) now.")) is None
