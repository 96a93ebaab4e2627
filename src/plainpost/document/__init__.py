"""The document layer: source text, front matter and the prose map of a post."""

from plainpost.document.model import Block, Document, Sentence
from plainpost.document.parse import parse_document
from plainpost.document.source import (
    InputError,
    LineIndex,
    Source,
    buffer_source,
    decode_post,
    read_post_bytes,
    read_source,
)

__all__ = [
    "Block",
    "Document",
    "InputError",
    "LineIndex",
    "Sentence",
    "Source",
    "buffer_source",
    "decode_post",
    "parse_document",
    "read_post_bytes",
    "read_source",
]
