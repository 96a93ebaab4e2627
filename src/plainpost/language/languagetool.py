"""LanguageTool, opt-in: a server at ``url`` (a container next to CI) or a local one started by
language-tool-python (which needs Java and LanguageTool's download).

Posts are sent as LanguageTool's *annotated* ``data``: prose characters as ``text``, everything
else (front matter, Markdown syntax, link targets, code) as ``markup``, with ``interpretAs`` where
the markup stands for something (a blank line between blocks, "it's" for "it’s", a word for a
code span). LanguageTool then reports offsets into the very characters that were sent, which are
the source file's, so findings land on the exact line:column. Offsets come back in UTF-16 code
units (Java strings) and are converted.

One server per run; requests are batched up to ``batch_chars`` of source per request, split at
block boundaries. A server that was asked for and cannot be reached is an :class:`EngineError`
(exit 2), never a silent pass.

Configuration: ``[tool.plainpost.languagetool]`` ``enabled``, ``url``, ``language``,
``batch_chars``, ``timeout``; environment ``PLAINPOST_LANGUAGETOOL_URL`` (a server; switches
it on) and ``PLAINPOST_LANGUAGETOOL`` (``on``/``local``/``off``) override the config. Setup:
docs/languagetool.md.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from plainpost.document import Document
from plainpost.document.derived import Derived
from plainpost.language.engine import SEPARATOR, EngineError, EngineHit, ProseText

ENV_URL = "PLAINPOST_LANGUAGETOOL_URL"
ENV_SWITCH = "PLAINPOST_LANGUAGETOOL"
CODE_WORD = "code"  # what a code span reads as, so the sentence around it stays a sentence
SPELLING_ISSUES = frozenset({"misspelling"})
SPELLING_CATEGORIES = frozenset({"TYPOS"})


@dataclass(frozen=True)
class Settings:
    enabled: bool
    url: str  # empty: start a local server
    language: str  # empty: each post's lang
    batch_chars: int = 20000
    timeout: float = 60.0


def settings_from(config: Any, env: Mapping[str, str]) -> Settings:
    """The config's ``languagetool`` table with the environment's overrides applied (the
    ``PLAINPOST_*`` variables of the run's settings: this module never reads os.environ)."""
    lt = config.languagetool
    enabled, url = bool(lt.enabled), str(lt.url or "")
    switch = env.get(ENV_SWITCH, "").strip().lower()
    if env.get(ENV_URL, "").strip():
        enabled, url = True, env[ENV_URL].strip()
    if switch in ("0", "off", "false", "no"):
        enabled = False
    elif switch in ("1", "on", "true", "yes"):
        enabled = True
    elif switch == "local":
        enabled, url = True, ""
    elif switch:
        raise EngineError(f"{ENV_SWITCH}={switch!r}: use on, off or local")
    timeout = float(lt.timeout) if lt.timeout > 0 else 60.0
    return Settings(enabled, url, str(lt.language or ""), max(int(lt.batch_chars), 1000), timeout)


# --- annotated data ---------------------------------------------------------------------------


def annotate(
    source: str, prose: ProseText, block_range: range, code_spans: Iterable[tuple[int, int]]
) -> tuple[list[dict[str, str]], int, int]:
    """LanguageTool's annotation for blocks ``block_range`` of ``prose``.

    Returns the annotation and the source span [start, end) it covers: the concatenation of
    every ``text`` and ``markup`` in it is exactly ``source[start:end]``.
    """
    code_at = dict(code_spans)
    first = prose.block_starts[block_range.start]
    last_block = block_range.stop - 1
    last = (
        prose.block_starts[last_block + 1] - len(SEPARATOR)
        if last_block + 1 < len(prose.block_starts)
        else len(prose.text)
    )
    items: list[dict[str, str]] = []

    def add(kind: str, value: str, interpret: str | None = None) -> None:
        if not value:
            return
        if interpret is None and items and kind in items[-1] and "interpretAs" not in items[-1]:
            items[-1][kind] += value
            return
        item = {kind: value}
        if interpret is not None:
            item["interpretAs"] = interpret
        items.append(item)

    start = pos = -1
    for i in range(first, last):
        offset = prose.offsets[i]
        if offset < 0 or offset < pos:
            continue
        char = prose.text[i]
        if start < 0:
            start = pos = offset
        if offset > pos:
            gap = source[pos:offset]
            between_blocks = i > 0 and prose.offsets[i - 1] < 0
            add("markup", gap, "\n\n" if between_blocks else ("" if "\n" not in gap else " "))
        if char == "\ufffc" and offset in code_at:
            end = max(code_at[offset], offset + 1)
            markup = source[offset:end]
            # never longer than the markup: LanguageTool interpolates positions inside markup
            word = CODE_WORD if len(markup) >= len(CODE_WORD) else "it"[: len(markup)]
            add("markup", markup, word)
            pos = end
            continue
        original = source[offset]
        if original == char:
            add("text", char)
        else:
            add("markup", original, char)
        pos = offset + 1
    if start < 0:
        return [], 0, 0
    return items, start, pos


def _utf16_to_index(text: str) -> list[int] | None:
    """Map from UTF-16 code unit positions to str indices; None when they are the same."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    table: list[int] = []
    for i, c in enumerate(text):
        table.append(i)
        if ord(c) >= 0x10000:
            table.append(i)
    table.append(len(text))
    return table


def batches(prose: ProseText, source: str, limit: int) -> list[range]:
    """Runs of consecutive blocks whose source span stays within ``limit`` characters."""
    out: list[range] = []
    n = len(prose.blocks)
    i = 0
    while i < n:
        j = i + 1
        begin = prose.blocks[i].start
        while j < n and prose.blocks[j].end - begin <= limit:
            j += 1
        out.append(range(i, j))
        i = j
    return out


# --- the engine -------------------------------------------------------------------------------


class LanguageToolEngine:
    name = "languagetool"

    def __init__(
        self,
        settings: Settings,
        disabled_rules: Iterable[str] = (),
        disabled_categories: Iterable[str] = (),
    ) -> None:
        self.settings = settings
        self.disabled_rules = tuple(disabled_rules)
        self.disabled_categories = tuple(disabled_categories)
        self._url = settings.url.rstrip("/")
        self._session: Any = None
        self._local: Any = None
        self._languages: set[str] | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_session"] = None
        state["_local"] = None
        state["_languages"] = None
        if self._local is not None:
            state["_url"] = ""  # a worker starts (or finds) its own
        return state

    # -- connection ------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return self._url

    def connect(self) -> None:
        """Reach the server (starting a local one if no url is set) and learn its languages."""
        if self._languages is not None:
            return
        if not self._url:
            self._start_local()
        import requests

        self._session = requests.Session()
        try:
            response = self._session.get(f"{self._url}/v2/languages", timeout=self.settings.timeout)
        except requests.RequestException as exc:
            raise EngineError(self._unreachable(exc)) from None
        self._languages = set()
        # a server without the languages list (a proxy, a minimal one) still checks text: the
        # post's own lang is then sent as it is
        if response.status_code == 200:
            try:
                data = response.json()
            except ValueError:
                data = None
            for entry in data if isinstance(data, list) else []:
                if isinstance(entry, dict):
                    self._languages.update(
                        str(entry.get(k, "")) for k in ("code", "longCode") if entry.get(k)
                    )

    def _unreachable(self, exc: Exception) -> str:
        return (
            f"LanguageTool at {self._url} cannot be reached ({type(exc).__name__}). Start the "
            f"server (see docs/languagetool.md), fix languagetool.url or {ENV_URL}, or switch it "
            f"off with {ENV_SWITCH}=off"
        )

    def _start_local(self) -> None:
        try:
            import language_tool_python

            self._local = language_tool_python.LanguageTool(self.settings.language or "en-GB")
        except Exception as exc:
            raise EngineError(
                "LanguageTool: cannot start a local server "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). "
                "It needs Java 17+ and a one-time download; or run a server and set "
                f"languagetool.url / {ENV_URL} (see docs/languagetool.md)"
            ) from None
        self._url = str(self._local.url).rstrip("/").removesuffix("/v2")

    def language_for(self, lang: str) -> str:
        """The server's code for a post's language (en-GB, en-US, ...)."""
        from language_tool_python.language_tag import LanguageTag

        wanted = self.settings.language or lang or "en-GB"
        if not self._languages:
            return wanted
        try:
            return str(LanguageTag(wanted, self._languages))
        except ValueError:
            raise EngineError(
                f"LanguageTool at {self._url} does not support the language {wanted!r}"
            ) from None

    def _request(self, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        import requests
        import urllib3

        url = f"{self._url}{path}"
        limit = self.settings.timeout
        deadline = time.monotonic() + limit  # for the whole request, not each read
        try:
            if method == "GET":
                response = self._session.get(url, timeout=limit, stream=True)
            else:
                response = self._session.post(url, data=form, timeout=limit, stream=True)
            received = bytearray()
            with response:
                # read1: what has arrived, at most one read of the socket (iter_content waits
                # for a whole 64 KB chunk, so a short reply trickled byte by byte was only
                # timed once it had all come)
                while chunk := response.raw.read1(65536, decode_content=True):
                    received += chunk
                    if time.monotonic() > deadline:  # a server that trickles its reply
                        raise EngineError(
                            f"LanguageTool at {self._url}: {path} did not answer within "
                            f"{limit:g} s (languagetool.timeout)"
                        )
            response._content = bytes(received)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            raise EngineError(self._unreachable(exc)) from None
        if response.status_code != 200:
            body = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
            raise EngineError(
                f"LanguageTool at {self._url}: {path} answered HTTP {response.status_code}"
                + (f": {body}" if body else "")
            )
        try:
            return response.json()
        except ValueError:
            raise EngineError(f"LanguageTool at {self._url}: {path} did not return JSON") from None

    # -- checking --------------------------------------------------------------------------
    def check(
        self, prose: ProseText, doc: Document, derived: Derived | None = None
    ) -> list[EngineHit]:
        """The post's prose in batches of blocks (the server's time is per request; nothing is
        kept in ``derived``)."""
        if not prose.blocks:
            return []
        self.connect()
        language = self.language_for(prose.lang)
        source = doc.text
        out: list[EngineHit] = []
        for block_range in batches(prose, source, self.settings.batch_chars):
            items, start, end = annotate(source, prose, block_range, doc.code_spans)
            if not items:
                continue
            form = {"language": language, "data": json.dumps({"annotation": items})}
            if self.disabled_rules:
                form["disabledRules"] = ",".join(self.disabled_rules)
            if self.disabled_categories:
                form["disabledCategories"] = ",".join(self.disabled_categories)
            result = self._request("POST", "/v2/check", form)
            out.extend(self._hits(result, source, start, end))
        return out

    def _hits(self, result: Any, source: str, start: int, end: int) -> list[EngineHit]:
        if not isinstance(result, dict) or not isinstance(result.get("matches"), list):
            raise EngineError(f"LanguageTool at {self._url}: /v2/check returned no matches list")
        chunk = source[start:end]
        table = _utf16_to_index(chunk)
        out: list[EngineHit] = []
        for match in result["matches"]:
            try:
                offset, length = int(match["offset"]), int(match["length"])
            except (KeyError, TypeError, ValueError):
                continue
            if table is not None:
                if offset + length >= len(table):
                    continue
                s, e = table[offset], table[offset + length]
            else:
                s, e = offset, offset + length
            if not 0 <= s < e <= len(chunk):
                continue
            rule = match.get("rule") or {}
            category = (rule.get("category") or {}).get("id", "")
            code = str(rule.get("id", ""))
            if code in self.disabled_rules or category in self.disabled_categories:
                continue
            spelling = rule.get("issueType") in SPELLING_ISSUES or category in SPELLING_CATEGORIES
            replacements = tuple(
                str(r.get("value", ""))
                for r in (match.get("replacements") or [])[:5]
                if isinstance(r, dict)
            )
            out.append(
                EngineHit(
                    start + s,
                    start + e,
                    str(match.get("message") or match.get("shortMessage") or code).strip(),
                    replacements,
                    "languagetool",
                    code,
                    "spelling" if spelling else "grammar",
                    chunk[s:e],
                )
            )
        return out
