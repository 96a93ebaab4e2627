"""Vocabulary: words always accepted, words always flagged, names from a post's front matter.

Files (one entry a line, ``#`` comments):

* accept lists: every ``*.txt`` in a rule folder's ``vocab/`` except ``reject.txt`` (the shipped
  ``medical.txt`` and ``accept.txt``), plus the files named by ``accept = [...]`` in config;
* reject lists: ``vocab/reject.txt`` and ``reject = [...]`` in config, as ``wrong -> right``
  (or a bare word, flagged with no suggestion);
* ``vocab/medical-morphemes.yml``: the parts medical words are built from, so a medical word no
  list holds is accepted by its form (see :mod:`plainpost.language.medmorph`);
* ``vocab/dictionaries.yml``: word lists that the system's package manager installs (Hunspell
  ``.dic`` files, such as Debian's ``hunspell-en-med``: 90,000 medical terms), read offline when
  present. A ``.dic`` file named by ``accept = [...]`` is read the same way. Their words are
  accepted in any case but not imported into Harper's dictionary (they are many).

A file whose name carries a language tag (``accept.en-GB.txt``) applies only to posts in that
language: British spellings are right in an en-GB post and a slip in an en-US one.

Case: an entry in lower case accepts the word in any case (fasciitis, Fasciitis, FASCIITIS); an
entry with a capital is matched as written (GP, NHS, Farah), also with a plural or possessive s.
Apostrophes are folded, so an entry "kn'eed" also accepts "kn’eed". An entry of several words
(Mo Farah) accepts each of its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from plainpost.errors import SetupError
from plainpost.language import dialect
from plainpost.language.lexicon import fold, tags
from plainpost.language.medmorph import Morphology
from plainpost.language.medmorph import load as load_morphology

NAME_KEYS = ("author", "reviewed_by", "authors", "reviewers")
_WORD_RE = re.compile(r"[^\W\d_](?:[\w'’&.-]*[^\W_])?")


class VocabError(SetupError):
    """A vocabulary file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Vocabulary:
    exact: frozenset[str] = frozenset()  # entries with a capital: matched as written
    lower: frozenset[str] = frozenset()  # lower-case entries: any case
    reject: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # wrong (lower) -> rights
    sources: tuple[str, ...] = ()  # the files read, for messages and cache keys
    # entries of language-tagged files: lang tag (lower case, "en-gb") -> (exact, lower)
    by_lang: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    morphology: tuple[Morphology, ...] = ()  # medical word parts (medical-morphemes.yml)
    dictionary: frozenset[str] = frozenset()  # installed dictionaries' words, lower case
    # large installed word lists by lang tag, read only for closed compounds ("wellbeing")
    compound_lists: Mapping[str, Path] = field(default_factory=dict)

    def _sets(self, lang: str | None) -> list[tuple[frozenset[str], frozenset[str]]]:
        out = [(self.exact, self.lower)]
        if lang and self.by_lang:
            tag = lang.replace("_", "-").lower()
            out.extend(v for k, v in self.by_lang.items() if tag == k or tag.startswith(k + "-"))
        return out

    def accepts(
        self, word: str, names: frozenset[str] = frozenset(), lang: str | None = None
    ) -> bool:
        w = fold(word).strip("'")
        if not w:
            return True
        sets = self._sets(lang)
        for candidate in _variants(w):
            if candidate in names:
                return True
            for exact, lower in sets:
                if candidate in exact or candidate.lower() in lower:
                    return True
        if self.dictionary and self._in_dictionary(w, lang):
            return True
        if any(m.accepts(w) for m in self.morphology):
            return True
        # the regular British (or American) spelling of a known word, in a post of that dialect
        if not lang:
            return False
        if self.dictionary and dialect.accepts(w, lang, self.dictionary):
            return True  # "necrotising": the medical dictionary lists "necrotizing"
        return bool(self.morphology) and dialect.accepts(w, lang)

    def _in_dictionary(self, word: str, lang: str | None) -> bool:
        """In an installed dictionary, or the plural or possessive of a noun there (a Hunspell
        list writes plurals as flags, which are dropped: "adhesion" gives "adhesions", but
        "weak", no noun, gives no "weaks"). A list may hold both dialects' spellings: the
        other dialect's is not accepted ("programme" in an en-US post)."""
        low = word.lower()
        if lang and dialect.other_dialect(low, lang):
            return False
        if low in self.dictionary:
            return True
        for base in _plural_bases(low):
            if base in self.dictionary and ("UNK" in tags(base) or "NNS" in tags(low)):
                return True  # a term English word lists lack, or a plural they know
        return False

    def medical(self, word: str) -> bool:
        """Whether a word is built from medical word parts (then no other word is suggested)."""
        return any(m.accepts(fold(word).strip("'")) for m in self.morphology)

    def rejected(self, word: str) -> tuple[str, ...] | None:
        return self.reject.get(fold(word).lower())

    def harper_words(self, lang: str | None = None) -> list[str]:
        """Words to import into Harper's dictionary (single words it can tokenise)."""
        words: set[str] = set()
        for exact, lower in self._sets(lang):
            words |= exact | lower
        return sorted(w for w in words if _WORD_RE.fullmatch(w) and "." not in w)

    def special_tokens(self) -> tuple[str, ...]:
        """Accepted entries with inner punctuation (A&E): engines may split them wrongly."""
        return self._special

    @cached_property
    def _special(self) -> tuple[str, ...]:
        return tuple(sorted(w for w in self.exact | self.lower if re.search(r"[&./]", w)))


def _variants(word: str) -> Iterable[str]:
    yield word
    for suffix in ("'s", "s'", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            yield word[: -len(suffix)]


def _plural_bases(low: str) -> Iterable[str]:
    """The nouns ``low`` may be the plural or possessive of, by English spelling rules."""
    if low.endswith(("'s", "s'")) or (
        low.endswith("es") and low[:-2].endswith(("s", "x", "z", "ch", "sh"))
    ):
        yield low[:-2]
    elif low.endswith("ies") and len(low) > 4:
        yield low[:-3] + "y"
    elif low.endswith("s") and not low.endswith(("ss", "us", "is")):
        base = low[:-1]
        if not base.endswith(("s", "x", "z", "ch", "sh")):
            yield base


def read_list(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise VocabError(f"{path}: vocabulary file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabError(f"{path}: cannot read vocabulary file: {exc}") from None
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        entry = re.split(r"\s#", line, maxsplit=1)[0].strip()
        if entry:
            out.append((number, entry))
    return out


def read_dic(path: Path) -> list[str]:
    """The words of a Hunspell dictionary file (``word/FLAGS`` lines after a count line; lines
    that start with a space or a tab are comments), lower case, flags dropped."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise VocabError(f"{path}: vocabulary file not found") from None
    except OSError as exc:
        raise VocabError(f"{path}: cannot read dictionary: {exc}") from None
    out = []
    for number, line in enumerate(text.splitlines()):
        if not line.strip() or line[0] in " \t#" or (number == 0 and line.strip().isdigit()):
            continue
        word = line.split("/", 1)[0].strip()
        word = (word if word.isascii() else fold(word)).lower()
        if word:
            out.append(word)
    return out


def installed_dictionaries(folder: Path) -> list[Path]:
    """The dictionary files that ``folder/vocab/dictionaries.yml`` names and that exist here."""
    listing = folder / "vocab" / "dictionaries.yml"
    if not listing.is_file():
        return []
    return [Path(e["path"]) for e in _entries(listing, "hunspell") if Path(e["path"]).is_file()]


def installed_compound_lists(folder: Path) -> dict[str, Path]:
    """The large word lists (lang tag -> file) that ``folder/vocab/dictionaries.yml`` names under
    ``compounds:`` and that exist here: read only to accept closed compounds ("wellbeing")."""
    listing = folder / "vocab" / "dictionaries.yml"
    if not listing.is_file():
        return {}
    out: dict[str, Path] = {}
    for e in _entries(listing, "compounds"):
        if not isinstance(e.get("lang"), str):
            raise VocabError(f"{listing}: each `compounds:` entry needs a `lang:`")
        if Path(e["path"]).is_file():
            out.setdefault(e["lang"], Path(e["path"]))
    return out


def _entries(listing: Path, key: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(listing.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise VocabError(f"{listing}: cannot read: {exc}") from None
    entries = data.get(key, []) if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("path"), str) for e in entries
    ):
        raise VocabError(f"{listing}: expected `{key}:` with a list of `path:` entries")
    return entries


def load_vocabulary(
    rule_folders: Iterable[Path],
    accept_files: Iterable[Path] = (),
    reject_files: Iterable[Path] = (),
) -> Vocabulary:
    accept_paths: list[Path] = []
    reject_paths: list[Path] = []
    morph_paths: list[Path] = []
    dic_paths: list[Path] = []
    compound_lists: dict[str, Path] = {}
    for folder in rule_folders:
        vocab = folder / "vocab"
        if not vocab.is_dir():
            continue
        dic_paths.extend(installed_dictionaries(folder))
        for tag, path in installed_compound_lists(folder).items():
            compound_lists.setdefault(tag, path)
        for path in sorted(vocab.glob("*.txt")):
            (reject_paths if path.stem.startswith("reject") else accept_paths).append(path)
        morph_paths.extend(sorted(vocab.glob("*-morphemes.yml")))
    for path in accept_files:
        (dic_paths if path.suffix == ".dic" else accept_paths).append(path)
    dictionary: set[str] = set()
    for path in dict.fromkeys(dic_paths):
        dictionary.update(read_dic(path))
    reject_paths.extend(reject_files)
    exact: set[str] = set()
    lower: set[str] = set()
    tagged: dict[str, tuple[set[str], set[str]]] = {}
    for path in accept_paths:
        tag = lang_tag(path)
        e, lo = tagged.setdefault(tag, (set(), set())) if tag else (exact, lower)
        for _, entry in read_list(path):
            for word in _entry_words(entry):
                (lo if word == word.lower() else e).add(word)
    reject: dict[str, tuple[str, ...]] = {}
    for path in reject_paths:
        for number, entry in read_list(path):
            wrong, arrow, right = entry.partition("->")
            wrong = fold(wrong.strip()).lower()
            if not wrong:
                raise VocabError(f"{path}:{number}: expected `wrong -> right`, got {entry!r}")
            rights = tuple(r.strip() for r in right.split("|") if r.strip()) if arrow else ()
            reject[wrong] = rights
    # a word both accepted and rejected: rejecting wins (it is the more specific wish)
    lower -= set(reject)
    try:
        morphology = tuple(load_morphology(p) for p in morph_paths)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise VocabError(f"cannot read medical word parts: {exc}") from None
    return Vocabulary(
        morphology=morphology,
        dictionary=frozenset(dictionary - set(reject)),
        exact=frozenset(exact),
        lower=frozenset(lower),
        reject=reject,
        sources=tuple(
            str(p) for p in (*accept_paths, *reject_paths, *morph_paths, *dict.fromkeys(dic_paths))
        ),
        by_lang={k: (frozenset(e), frozenset(lo - set(reject))) for k, (e, lo) in tagged.items()},
        compound_lists=compound_lists,
    )


_TAG_RE = re.compile(r"\.([a-z]{2,3}(?:[-_][a-z]{2})?)$", re.I)


def lang_tag(path: Path) -> str:
    """The language tag in a vocabulary file's name ("accept.en-GB.txt" -> "en-gb"), or ""."""
    m = _TAG_RE.search(path.stem)
    return m.group(1).replace("_", "-").lower() if m else ""


def _entry_words(entry: str) -> list[str]:
    entry = fold(entry)
    words = [entry] if " " not in entry else entry.split()
    return [w.strip(",;") for w in words if w.strip(",;")]


def front_matter_names(meta: Mapping[str, Any]) -> frozenset[str]:
    """Words of the people named in a post's front matter (author, reviewed_by)."""
    out: set[str] = set()
    for key in NAME_KEYS:
        for text in _strings(meta.get(key)):
            for word in _WORD_RE.findall(text):
                word = fold(word).rstrip(".")
                out.add(word)
                out.update(p for p in re.split(r"[-.]", word) if p)
    return frozenset(w for w in out if w)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)
