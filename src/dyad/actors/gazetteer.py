"""Longest-match lookup of registry forms in a token sequence.

Every name, alias, adjective, demonym and metonym of the registry is indexed
by its tokens. Matching is case-sensitive — "Rice" and "rice" are different
words, as are "IS" and "is" — except where the casing of a form is a guess
or English writes the same name another way:

- an all-capitals token in the text ("TEHRAN" in a dateline) is also read in
  title case; inside a longer form an all-capitals word of two letters or
  more matches a title-cased one ("Gonzo GMO", "the KU" for forms an
  imported dictionary wrote in capitals and dyad title-cased);
- after a hyphen a word may be lower case where the form capitalises it
  ("Barad-dur", "Il-sung"): the first letter of the token still decides;
- a leading article is lower case inside a sentence ("the Netherlands" for
  "The Netherlands") and capitalised at its start ("The Kremlin").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .registry import Registry, is_full_name
from .tokens import Token, words


@dataclass(frozen=True, slots=True)
class Entry:
    actor_id: str
    kind: str  # name | alias | adjective | demonym | metonym | context (a context alias)


# Aliases so short or common that they would fire on ordinary words; the
# registry keeps them for display and export, the gazetteer does not match them.
_UNSAFE = frozenset({"IS", "US", "UN", "AU", "CAR", "ICE", "NSA", "ISIS"})
_SAFE_WHEN_UPPER = frozenset({"US", "UN", "AU", "ISIS"})


class Gazetteer:
    def __init__(self, registry: Registry) -> None:
        self.index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        # The same forms by lower-cased tokens, for the case variants above.
        self.folded: dict[tuple[str, ...], list[tuple[tuple[str, ...], Entry]]] = defaultdict(list)
        self.folded_longest: dict[str, int] = {}
        self.titles: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self.title_longest: dict[str, int] = {}
        self.sector_nouns: dict[tuple[str, ...], str] = {}
        self.sector_longest: dict[str, int] = {}
        for actor in registry.actors.values():
            imported_person = actor.type == "person" and not actor.source.startswith("registry/")
            for form, kind in ((actor.name, "name"), *((a, "alias") for a in actor.aliases)):
                if form in _UNSAFE and form not in _SAFE_WHEN_UPPER:
                    continue
                if imported_person and not is_full_name(form):
                    continue  # a one-word alias of an imported person matches too much
                self._add(form, Entry(actor.id, kind))
            for form in actor.context_aliases:
                self._add(form, Entry(actor.id, "context"))
            for kind in ("adjectives", "demonyms", "metonyms"):
                for form in getattr(actor, kind):
                    self._add(form, Entry(actor.id, kind[:-1]))
                    if form.startswith("the "):
                        self._add(form[4:], Entry(actor.id, kind[:-1]))
        for office in registry.offices.values():
            for title in office.titles:
                self._add_title(title, office.key)
        for person in registry.people():
            for role in person.roles:
                if role.title:
                    self._add_title(role.title.lower(), f"person:{person.id}:{role.office}")
        for sector in registry.sectors.values():
            for noun in sector.nouns:
                key = tuple(w.lower() for w in words(noun))
                self.sector_nouns.setdefault(key, sector.code)
                self.sector_longest[key[0]] = max(self.sector_longest.get(key[0], 0), len(key))

    def _add(self, form: str, entry: Entry) -> None:
        key = words(form)
        if not key:
            return
        bucket = self.index[key]
        if entry not in bucket:
            bucket.append(entry)
        low = tuple(w.lower() for w in key)
        if (key, entry) not in self.folded[low]:
            self.folded[low].append((key, entry))
        self.folded_longest[low[0]] = max(self.folded_longest.get(low[0], 0), len(low))

    def _add_title(self, title: str, target: str) -> None:
        key = tuple(w.lower() for w in words(title))
        if key and target not in self.titles[key]:
            self.titles[key].append(target)
            self.title_longest[key[0]] = max(self.title_longest.get(key[0], 0), len(key))

    def match(self, tokens: list[Token], i: int) -> tuple[int, list[Entry]] | None:
        """The longest registry form starting at token ``i``: (length, entries)."""
        first = tokens[i].text
        most = self.folded_longest.get(first.lower())
        if not most:
            return None
        for n in range(min(most, len(tokens) - i), 0, -1):
            if tokens[i + n - 1].sentence != tokens[i].sentence:
                continue
            found = self.index.get(tuple(t.text for t in tokens[i:i + n]))
            if found:
                return n, found
            texts = [t.text for t in tokens[i:i + n]]
            variants = self.folded.get(tuple(w.lower() for w in texts))
            if variants:
                entries = [e for form, e in variants if _same_words(texts, form)]
                if entries:
                    return n, list(dict.fromkeys(entries))
        return None

    def lookup(self, word: str) -> list[Entry]:
        """The entries of a one-word form ("Iranian"), as written or in title case."""
        return self.index.get((word,)) or self.index.get((word.title(),)) or []

    def _lower_match(self, table: dict, longest: dict, tokens: list[Token], i: int):
        first = tokens[i].text.lower()
        most = longest.get(first)
        if not most:
            return None
        for n in range(min(most, len(tokens) - i), 0, -1):
            key = (first, *(t.text.lower() for t in tokens[i + 1:i + n]))
            found = table.get(key)
            if found:
                return n, found
        return None

    def match_title(self, tokens: list[Token], i: int) -> tuple[int, list[str]] | None:
        """An office title at ``i`` (case-insensitive): (length, office keys or person targets)."""
        return self._lower_match(self.titles, self.title_longest, tokens, i)

    def match_sector(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        return self._lower_match(self.sector_nouns, self.sector_longest, tokens, i)


_ARTICLES = ("the", "The")


def _same_word(text: str, form: str, first: bool) -> bool:
    """Whether a text token is a way of writing a form's token (see the module notes)."""
    if text == form:
        return True
    if text.isupper() and len(text) > (2 if first else 1) and text == form.upper():
        return True
    if "-" in text and text[0] == form[0] and text.lower() == form.lower():
        head, _, _ = text.partition("-")
        return head == form.partition("-")[0]
    return False


def _same_words(texts: list[str], form: tuple[str, ...]) -> bool:
    if len(form) > 1 and texts[0] in _ARTICLES and form[0] in _ARTICLES:
        return all(_same_word(t, f, False) for t, f in zip(texts[1:], form[1:], strict=True))
    return all(_same_word(t, f, k == 0) for k, (t, f) in enumerate(zip(texts, form, strict=True)))
