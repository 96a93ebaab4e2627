"""A post that never capitalises its sentences is measured sentence by sentence, not as one."""

from __future__ import annotations

from plainpost.document import Source
from plainpost.document.parse import parse_document
from plainpost.readability.scores import SentenceLimits, classify

LIMITS = SentenceLimits(max_words=35, max_grade=18, min_words=12)


def _only_sentence(text: str):
    doc = parse_document(Source.from_text(text))
    (sentence,) = doc.sentences
    return sentence


def test_lower_case_sentence_starts_split_the_measure():
    text = (
        "the knee is a hinge joint that bends and straightens as you walk. there is smooth"
        " cartilage on the ends of the bones so they glide. age or an old injury can wear the"
        " cartilage thin over many years and then it aches.\n"
    )
    sentence = _only_sentence(text)
    assert len(sentence.words) > 35  # the splitter reads it as one sentence
    assert classify(sentence, LIMITS) is None  # each part is short


def test_an_abbreviation_does_not_start_a_part():
    text = (
        "you can try lots of things at home to ease a stiff knee, e.g. gentle walks, a warm"
        " bath, a heat pack or a cushion under the knee at night, and most of them cost nothing"
        " at all and take only a few minutes of your time.\n"
    )
    found = classify(_only_sentence(text), LIMITS)
    assert found is not None and found[0] > 35
