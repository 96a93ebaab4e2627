"""Sentence splitting at typed bullets: what the readability and grammar checks read as one
sentence."""

from plainpost.document.sentences import sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_converted_definition_list_is_one_sentence_a_line() -> None:
    text = "Ear pain with a change in hearing\n~ Glue ear\n~ Earwax build-up"
    assert _sentences(text) == [
        "Ear pain with a change in hearing",
        "~ Glue ear",
        "~ Earwax build-up",
    ]


def test_a_tilde_inside_a_line_or_before_a_number_does_not_split() -> None:
    text = "Hold it for ~20 minutes\n~20 minutes is enough for most people."
    assert len(_sentences(text)) == 1
