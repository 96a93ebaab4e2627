"""The document layer: source text, front matter and the prose map of a post."""

from plainpost.document.model import Block, Document, Sentence
from plainpost.document.parse import parse_document
from plainpost.document.source import InputError, LineIndex, Source, buffer_source, read_source

__all__ = [
    "Block",
    "Document",
    "InputError",
    "LineIndex",
    "Sentence",
    "Source",
    "buffer_source",
    "parse_document",
    "read_source",
]
