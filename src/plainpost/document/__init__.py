"""The document layer: source text, front matter and the prose map of a post."""

from plainpost.document.model import Block, Document, Sentence
from plainpost.document.parse import parse_document
from plainpost.document.source import InputError, LineIndex, Source, read_source

__all__ = [
    "Block",
    "Document",
    "InputError",
    "LineIndex",
    "Sentence",
    "Source",
    "parse_document",
    "read_source",
]
