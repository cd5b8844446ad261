"""Word lists the resolver consults: common words, given names, and the cue
words that mark a new person or organisation. All are data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..datafiles import load_yaml


def _word_file(name: str) -> frozenset[str]:
    text = resources.files("dyad").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Lexicon:
    common_words: frozenset[str]
    given_names: frozenset[str]
    name_particles: frozenset[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    speech_verbs: frozenset[str]
    person_roles: frozenset[str]
    org_heads: frozenset[str]
    pronouns: frozenset[str]
    function_words: frozenset[str]
    topic_nouns: frozenset[str] = frozenset()
    act_readings: dict[str, frozenset[str]] = field(default_factory=dict)
    patron_prefixes: tuple[str, ...] = ()
    patron_suffixes: tuple[str, ...] = ()
    patron_sectors: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()
    family_name_first: frozenset[str] = frozenset()
    company_nouns: frozenset[str] = frozenset()
    naval_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "USS" -> ("USA",)
    civil_prefixes: frozenset[str] = frozenset()
    vessel_sector: str | None = None
    agreement_heads: frozenset[str] = frozenset()
    former_sector: str | None = None


@cache
def lexicon() -> Lexicon:
    cues = load_yaml("lexicon/cues.yaml")
    vessels = load_yaml("lexicon/vessels.yaml")
    return Lexicon(
        common_words=_word_file("common_words.txt"),
        given_names=_word_file("given_names.txt") | frozenset(cues["extra_given_names"]),
        name_particles=frozenset(cues["name_particles"]),
        honorifics=frozenset(cues["honorifics"]),
        not_names=frozenset(cues["not_names"]),
        speech_verbs=frozenset(cues["speech_verbs"]),
        person_roles=frozenset(cues["person_roles"]),
        org_heads=frozenset(cues["org_heads"]),
        pronouns=frozenset(cues["possessive_pronouns"]),
        function_words=frozenset(cues["function_words"]),
        topic_nouns=frozenset(cues.get("topic_nouns") or ()),
        act_readings={noun: frozenset(after) for noun, after in (cues.get("act_readings") or {}).items()},
        patron_prefixes=tuple(cues.get("patron_prefixes") or ()),
        patron_suffixes=tuple(cues.get("patron_suffixes") or ()),
        patron_sectors=frozenset(cues.get("patron_sectors") or ()),
        former_words=frozenset(cues.get("former_words") or ()),
        former_sector=cues.get("former_sector"),
        family_name_first=frozenset(cues.get("family_name_first") or ()),
        company_nouns=frozenset(cues.get("company_nouns") or ()),
        naval_prefixes={prefix: tuple(states) for prefix, states in vessels["naval"].items()},
        civil_prefixes=frozenset(vessels["civil"]),
        vessel_sector=vessels["sector"],
        agreement_heads=frozenset(cues.get("agreement_heads") or ()),
    )
