"""Fixtures for the build tests: a shared linter, a build helper and an HTML inspector."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def build(repo: Path, default_linter: Any) -> Callable[..., Any]:
    """build(paths, out, force=False) -> BuildResult, with the repository's config."""
    from plainpost.config import Config
    from plainpost.export import build_site
    from tests.helpers.runs import run_of

    def run(paths: list[Path], out: Path, force: bool = False, **kwargs: Any) -> Any:
        run = run_of(Config(root=repo), linter=default_linter)
        # in this process, with the session's linter: worker processes would each build their
        # own (seconds apiece) on cores the test runner's own workers already use
        kwargs.setdefault("jobs", 1)
        return build_site(paths, out, run, force=force, **kwargs)

    return run


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class ParsedPage:
    """What a browser's parser would see: every element with its attributes, and the text."""

    elements: list[Element] = field(default_factory=list)
    text: str = ""
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


class _Parser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self.chunks: list[str] = []
        self.script: dict[str, str] | None = None
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.elements.append(Element(tag, values))
        if tag == "script":
            self.script, self.script_text = values, []
        if tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "tr"):
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.page.scripts.append((self.script, "".join(self.script_text)))
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)
        else:
            self.chunks.append(data)


def parse_html(text: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser.page.text = "".join(parser.chunks)
    return parser.page


@pytest.fixture(scope="session")
def parse_page() -> Callable[[str], ParsedPage]:
    return parse_html


def read_vectors(path: Path = FIXTURES / "xss-vectors.txt") -> list[tuple[str, str]]:
    """(name, payload) pairs: a ``## name`` line, then the payload lines up to the next one."""
    parts = re.split(r"(?m)^## (.*)\n", path.read_text(encoding="utf-8"))
    return [
        (name.strip(), body.rstrip("\n"))
        for name, body in zip(parts[1::2], parts[2::2], strict=True)
    ]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "xss_vector" in metafunc.fixturenames:
        vectors = read_vectors()
        metafunc.parametrize("xss_vector", [v for _, v in vectors], ids=[n for n, _ in vectors])
