"""Code the events of one parsed sentence: who did what to whom.

The verb dictionary (CAMEO 2.0 patterns, dyad/data/cameo/verbs.yaml) gives a
verb's code once its words match the clause; the dependency parse gives the
roles: the source is the acting subject (the agent of a passive, the subject a
coordinated or controlled verb shares), the target the object or the actor a
pattern's preposition introduces ("met with +"). Event nouns ("visit to
Moscow", "a meeting with Putin") are coded from nominal.yaml. Each event is
then read for polarity and modality: negated, hypothetical, planned,
reported (with the speaker as attribution).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import load_yaml
from .verbs import PatternMatch, VerbLexicon, match_side, word_forms

# Clause-level dependents whose subtrees are other events, not this verb's words.
_OTHER_CLAUSES = {"ccomp", "advcl", "parataxis", "conj", "acl:relcl", "csubj", "xcomp", "acl", "list"}
_SUBJECTS = {"nsubj", "nsubj:outer"}
_PASSIVE_SUBJECTS = {"nsubj:pass", "nsubj:pass:outer"}
_TARGET_CASES = {"with", "to", "against", "toward", "towards", "on", "from", "for", "into", "at", "over", "upon"}
_LOCATION_CASES = {"in", "at", "near", "inside", "outside"}
_NAME_PARTS = {"flat", "flat:name", "compound", "nmod:desc", "appos", "amod", "nmod:poss", "det:poss"}
# Prepositions that say whose an agreement or organisation is ("the deal with Russia").
_OWNER_CASES = {"with", "between", "among", "of", "by", "for"}
_ACTOR_TYPES = {"person", "state", "organisation", "group"}
_AGREEMENTS = {"agreement", "treaty"}
# Dependents that are the content of their head: a negated head denies them.
_COMPLEMENTS = {"ccomp", "xcomp", "acl", "csubj", "csubj:pass"}
_PRONOUNS = {"it", "he", "she", "they"}
# Subjects that stand for actors coordinated earlier: "the two", "both", "the two sides".
_GROUP_WORDS = {"two", "both", "sides", "countries", "nations", "they", "leaders", "parties", "presidents",
                "ministers", "governments", "delegations"}
# What separates and what may modify the members of a list of actors ("Arnor, Calenardhon
# and the evil awful Gondor"); the tagger takes some adjectives for nouns.
_LIST_MARKS = {",", "and", "or", "nor", "neither", "both", "either"}
_LIST_MODIFIERS = {"DET", "ADJ", "ADV", "NOUN", "NUM"}
# Generic statements ("said", "told") are the frame of reported events, not events of their own.
_FRAME_CODES = {"010"}
# Acts whose content clause is about its subject: statements, concessions ("allowed that")
# and threats ("warned that Ukraine would pay"); not demands, whose "that" the parser
# often mistakes ("insisted on demands that Washington considers unattainable").
_ABOUT_ROOTS = {"01", "08", "13"}
# Codes for which coordinated subjects with no object act toward each other
# ("Iran and Russia met", "... signed").
_MUTUAL_ROOTS = {"03", "04", "05", "06"}
# "Iran and Russia met" is two parties acting on each other; a list of three or more
# ("together with Egypt, Ethiopia and the UAE") is a roll call.
_MAX_MUTUAL = 2
# Prepositions through which a noun phrase names whom an act is aimed at, further down
# ("the resumption of ties with X", "efforts of X"); not places ("a summit in Dushanbe"),
# times, purposes ("for the first time") or origins ("a message from X").
_NESTED_CASES = {"with", "of", "to", "against", "toward", "towards", "between", "on", "over", "into", "upon"}
# CAMEO roots from here on are conflictual (investigate, demand, ... mass violence).
_FIRST_CONFLICT_ROOT = "09"
# Acts that impose or ease measures ("lifted sanctions"), or promise to ease them (035),
# whose object's own actor is their author: codes and roots by prefix.
_IMPOSING_CODES = frozenset({"08", "16", "035"})
# Proposals and offers: with no addressee named, the other party of the agreement in question.
_PROPOSAL_ROOTS = {"03"}


@dataclass
class SentenceEvent:
    source: dict[str, Any]  # the source mention
    target: dict[str, Any] | None
    code: str
    trigger: int  # token index of the verb or event noun
    trigger_text: str
    polarity: str = "asserted"
    modality: str = "actual"
    attribution: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    pattern: str = ""  # which rule coded it: "verbs.yaml line N", "default MEET", "noun visit"
    confidence: float = 0.8
    tense: str = "past"


@dataclass(frozen=True)
class Cues:
    negators: frozenset[str]
    negating_heads: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_heads: frozenset[str]
    planned_aux: frozenset[str]
    planned_heads: frozenset[str]
    speech_verbs: frozenset[str]
    hedging_verbs: frozenset[str]
    hedged_speakers: frozenset[str]
    hedges: frozenset[str]
    denying_nouns: frozenset[str]
    hypothetical_adverbs: frozenset[str]
    cancelling_heads: frozenset[str]


@cache
def cues() -> Cues:
    data = load_yaml("modality.yaml")
    return Cues(**{k: frozenset(str(w).lower() for w in data[k]) for k in Cues.__dataclass_fields__})


@cache
def nominals() -> dict[str, dict[str, Any]]:
    table = {}
    for entry in load_yaml("cameo/nominal.yaml"):
        for noun in entry["nouns"]:
            table[noun] = entry
    return table


@cache
def references() -> dict[str, Any]:
    data = load_yaml("cameo/reference.yaml")
    return {"agreement": frozenset(data["agreement"]), "organisation": frozenset(data["organisation"]),
            "definite": frozenset(data["definite"]), "collective": frozenset(data["collective"]),
            "joint": frozenset(data["joint"]), "place_targets": frozenset(data["place_targets"]),
            **{k: frozenset(data[k]) for k in ("object_place_targets", "topic_targets", "topic_cases",
                                               "topic_nouns", "proximity", "place_parts", "venues",
                                               "no_places", "particles")},
            "platforms": frozenset(data["platforms"]), "naming_verbs": frozenset(data["naming_verbs"])}


# How the parser hangs a role phrase on the name it describes ("minister Calimehtar")
_ROLE_DEPS = {"compound", "flat", "nmod:desc", "nmod:poss"}


class SentenceActors:
    """Which actor mention each token of a parsed sentence belongs to."""

    def __init__(self, doc, offset: int, mentions: Iterable[dict[str, Any]],
                 antecedents: dict[str, dict[str, Any]] | None = None) -> None:
        self.by_token: dict[int, dict[str, Any]] = {}
        self.heads: dict[int, dict[str, Any]] = {}
        # What a pronoun subject most likely means, from the previous sentences:
        # "it" a state ("Previously, it rejected a draft deal"), "he"/"she" a person.
        self.antecedents = antecedents or {}
        self.adjectives: dict[int, dict[str, Any]] = {}
        # One phrase may name several actors, one mention each over the same span
        # ("officials of Iran and Russia": IRNGOV and RUSGOV); group() gives them all.
        self.sharing: dict[tuple[int, int], list[dict[str, Any]]] = {}
        starts = [offset + t.idx for t in doc]  # token offsets in the document, in order

        def tokens_in(m) -> list:
            return [doc[i] for i in range(bisect_left(starts, m["start"]), bisect_left(starts, m["end"]))]

        for m in mentions:
            # A bare adjective ("Iranian drones") names no actor; "Iranian officials" is a sector mention.
            if m["form"] == "adjective":
                for t in tokens_in(m):
                    self.adjectives[t.i] = m
                continue
            if m.get("type", "person") not in _ACTOR_TYPES:
                continue
            span = tokens_in(m)
            if not span:
                continue
            for t in span:
                self.by_token.setdefault(t.i, m)
            self.sharing.setdefault((m["start"], m["end"]), []).append(m)
            inside = {t.i for t in span}
            head = next((t for t in span if t.head.i not in inside or t.head.i == t.i), span[-1])
            self.heads[head.i] = m
        self._named_by_role(doc)
        self._refer_back(doc)

    def _named_by_role(self, doc) -> None:
        """"Ithilen's minister Calimehtar": a state's name standing as the name of someone a
        role phrase describes names a person, and the role phrase says who acts (ITHGOV)."""
        for i, m in list(self.heads.items()):
            if m.get("type") != "state" or m.get("form") == "sector":
                continue
            role = next((self.by_token[c.i] for c in doc[i].children if c.i < i and c.dep_ in _ROLE_DEPS
                         and self.by_token.get(c.i, {}).get("form") == "sector"), None)
            if role is not None:
                for t in doc[i].subtree:
                    if self.by_token.get(t.i) is m:
                        self.by_token[t.i] = role
                self.heads[i] = role

    def _refer_back(self, doc) -> None:
        """"the agreement", "the organisation": the agreement or organisation the
        sentence named last before it."""
        words = references()
        for t in doc:
            kind = ("agreement" if t.lower_ in words["agreement"] else
                    "organisation" if t.lower_ in words["organisation"] else None)
            # a capitalised one is a name of its own: "the Treaty of Gulistan"
            if kind is None or t.i in self.by_token or t.pos_ not in ("NOUN", "PROPN") or not t.text.islower():
                continue
            if any(c.dep_ == "det" and c.lower_ not in words["definite"] for c in t.children):
                continue  # "a deal" is a new one
            if any((c.dep_ in ("compound", "amod", "nmod:poss", "appos") or _case(c) in _OWNER_CASES) and
                   any(u.i in self.by_token or u.i in self.adjectives for u in c.subtree) for c in t.children):
                continue  # "the deal with Russia", "the Iranian-Russian treaty" say whose it is
            found = None
            for i in range(t.i - 1, -1, -1):
                m = self.heads.get(i)
                if m is None:
                    continue
                agreement = m.get("subtype") in _AGREEMENTS
                if m.get("type") == "organisation" and agreement == (kind == "agreement"):
                    found = m
                    break
            # else the one the sentences before named last ("... joined BRICS. The group ...")
            found = found or self.antecedents.get(kind)
            if found is not None:
                self.heads[t.i] = self.by_token[t.i] = {**found, "form": "reference"}

    def of(self, token) -> dict[str, Any] | None:
        """The actor a noun phrase headed by ``token`` refers to."""
        found = self.heads.get(token.i) or self.by_token.get(token.i)
        if found is not None:
            return found
        for child in token.children:
            if child.dep_ in _NAME_PARTS and child.dep_ != "amod":
                hit = self.heads.get(child.i) or self.by_token.get(child.i)
                if hit is not None:
                    return hit
        # "White House security officials": the name may sit in a compound of a compound
        for child in token.children:
            if child.dep_ == "compound":
                for grand in child.children:
                    if grand.dep_ == "compound":
                        hit = self.heads.get(grand.i) or self.by_token.get(grand.i)
                        if hit is not None:
                            return hit
        return None

    def _coordinated_modifiers(self, token) -> list:
        """"Eriadori and Calenardhon leaders": the words coordinated with the name that
        modifies the phrase's head name actors of the phrase too."""
        out = []
        for c in token.children:
            if c.dep_ in ("compound", "nmod:poss") and c.i in self.by_token and token.i not in self.by_token:
                out.extend(g for g in c.children if g.dep_ == "conj" and g.i in self.by_token)
        return out

    def modifier_of(self, token) -> dict[str, Any] | None:
        """The actor a modifier of a noun names: "an American military base" (USAMIL), "Iranian sites"."""
        for c in token.children:
            if c.dep_ in ("amod", "compound", "nmod:poss"):
                hit = self.by_token.get(c.i) or self.adjectives.get(c.i)
                if hit is not None:
                    return hit
        # "a Philippine supply boat": the adjective may modify the compound before the head
        for c in token.children:
            if c.dep_ == "compound":
                for g in c.children:
                    if g.dep_ == "amod" and g.i in self.adjectives:
                        return self.adjectives[g.i]
        return None

    def adjective_in(self, token) -> dict[str, Any] | None:
        """The country an adjective names inside a noun phrase: "strikes on Iranian
        nuclear sites" are aimed at Iran."""
        for t in token.subtree:
            hit = self.adjectives.get(t.i)
            if hit is not None:
                return hit
        return None

    def group(self, token) -> list[dict[str, Any]]:
        """The actors of a noun phrase and those coordinated with it ("Iran and Russia")."""
        found = []
        for t in [token, *(c for c in token.children if c.dep_ == "conj"), *self._coordinated_modifiers(token)]:
            actor = self.of(t) if t.i == token.i or t.head.i == token.i else self.by_token.get(t.i)
            sharing = self.sharing.get((actor["start"], actor["end"]), []) if actor is not None else []
            for a in sharing if any(a is actor for a in sharing) else [actor] if actor is not None else []:
                if all(b["actor"] != a["actor"] for b in found):
                    found.append(a)
        return found


def _local_tokens(verb) -> list:
    """The verb's own clause: its subtree without the subtrees of other clauses."""
    out = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        # A noun complement ("became a member of the SCO") is the verb's own phrase, not another clause.
        stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSES
                     or c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"))
    return sorted(out, key=lambda t: t.i)


def _match(units: tuple, tokens: list, actors: SentenceActors) -> PatternMatch | None:
    """Match one side of a pattern (``VerbPattern.units``) to ``tokens``: '+'/'$' bind to
    actor tokens, '%' to a token that heads coordinated actors ("Iran and Russia")."""

    def bind(slot: str, tok):
        if slot == "%":
            group = actors.group(tok)
            return group if len(group) >= 2 else None
        actor = actors.of(tok)
        # An agreement is what an act is about, not an actor: "withdrew from the treaty"
        # is the treaty pattern's, not "withdrew from +" (troops leaving a country).
        return actor if actor is not None and actor.get("subtype") not in _AGREEMENTS else None

    return match_side(units, tokens, bind)


def _subject_phrase(verb) -> list:
    """The words a pattern's part before the verb is matched in: the subject's noun phrase
    (PETRARCH reads that part as the source: "&MILITARY *", "PILGRIMS *"), without the
    actors coordinated with its head ("Neither X nor Y"); for a verb that shares its
    head's subject ("Iran agreed to sign"), that subject; for a reduced relative ("troops
    deployed in ..."), the noun it describes."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS]
        if subjects:
            break
        if node.dep_ in ("acl", "acl:relcl") and node.head.i != node.i:
            subjects = [node.head]
            break
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head.i == node.i:
            return []
        node = node.head
    out = []
    for subject in subjects:
        stack = [subject]
        while stack:
            t = stack.pop()
            if t.i == verb.i or t.dep_ in _OTHER_CLAUSES - {"conj"} and t is not subject:
                continue
            out.append(t)
            stack.extend(c for c in t.children if not (t is subject and c.dep_ in ("conj", "cc", "cc:preconj")))
    return sorted(out, key=lambda t: t.i)


# Dependents that say whose or what kind a noun is ("US sanctions", "Trump's return"),
# not at whom an act through that noun is aimed.
_OWNERS = {"compound", "amod", "nmod:poss", "det:poss", "flat", "flat:name", "nmod:desc", "appos"}


def _in_phrases(phrases: list, sources: list, actors: SentenceActors) -> list:
    """The actors a matched phrase of a pattern names: "clashed over the efforts of X"
    (``(OVER EFFORTS)``) is aimed at X, "welcomed memos sent by X" (``{.. MEMOS}``) at
    X. The phrase's noun if it is an actor, else the nearest actor below it (breadth
    first), with those coordinated with it; not the noun's own modifiers, which say
    whose or what kind it is ("lifting US sanctions"), nor the source. Below a bare
    word of a pattern only its own phrase counts ("bargain for asylum in X", not "any
    link between the visit and X's return")."""
    own = {s["actor"] for s in sources}

    def named(t) -> list:
        found = [actors.heads.get(u.i) or actors.by_token.get(u.i)
                 for u in [t, *(c for c in t.children if c.dep_ == "conj")]]
        found = [a for a in found if a is not None and a.get("subtype") not in _AGREEMENTS
                 and a["actor"] not in own]
        return list({a["actor"]: a for a in found}.values())

    for kind, head in phrases:
        if head is None:
            continue
        found = named(head)
        if found:
            return found
        level = [c for c in head.children if c.dep_ not in _OWNERS
                 # an agreement is made in a place, with its parties: "a trade deal in Moscow"
                 and not (head.lower_ in references()["agreement"] and _case(c) in _LOCATION_CASES)]
        # a bare word of a pattern is only a noun: what it names is on its own phrase
        # ("asylum in X"), not further down ("any link between the visit and X's return")
        depth = 1 if kind == "word" else len(head.doc)
        while level and depth:
            for t in sorted(level, key=lambda t: t.i):
                found = named(t)
                if found:
                    return found
            level = [c for t in level for c in t.children]
            depth -= 1
    return []


def _subjects(verb, actors: SentenceActors) -> tuple[list, bool]:
    """Source actors of a verb and whether the verb is passive."""
    passive = any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "aux:pass" for c in verb.children)
    if passive:
        for c in verb.children:
            if c.dep_ in ("obl:agent",) or c.dep_ == "obl" and any(g.lower_ == "by" for g in c.children):
                if actors.group(c):
                    return actors.group(c), True
                # "hit by water cannon from two Chinese ships": the agent phrase names the
                # instrument; whoever wields it comes after "from" (on the verb or the instrument)
                wielder = next((actors.group(g) for g in [*verb.children, *c.children]
                                if g.dep_ in ("obl", "nmod") and _case(g) == "from" and actors.group(g)), [])
                if wielder:
                    return wielder, True
        # "signed on 17 January by Presidents Putin and Pezeshkian": the parser
        # may hang the agent lower in the clause.
        for t in _local_tokens(verb):
            if _case(t) == "by" and actors.group(t):
                return actors.group(t), True
        return [], True
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    for c in subjects:  # a misparse can give a verb two subjects; the one that names an actor acts
        found = _misparsed_apposition(c, verb, actors) or actors.group(c) or _agreement_between(c, actors)
        if not found and c.lower_ in references()["platforms"]:
            # "Israeli jets struck ...": the state whose forces fly them acts
            operator = actors.modifier_of(c)
            found = [operator] if operator is not None and operator.get("type") == "state" else []
        if not found and _refers_to_pair(c):
            # "Iran and Russia ... as the two held"; "The two governments also signed" after
            # a sentence that named both
            found = _last_pair(verb, actors) or list(actors.antecedents.get("pair") or [])
        if not found and c.lower_ in _PRONOUNS:
            antecedent = _earlier_in_sentence(c, actors) or actors.antecedents.get(c.lower_)
            found = [antecedent] if antecedent else []
        if found:
            return _listed(verb, found, actors), False
    if subjects:
        return [], False
    if verb.dep_ == "ROOT":
        # "In Syria, Russia and Iran condemned ...": the parser hung the subjects on the
        # fronted phrase and left the verb none; the list right before it is its subject
        listed = _listed(verb, [], actors)
        if listed:
            return listed, False
    # A coordinated, controlled or adverbial verb shares its head's subject
    # ("Iran met and signed", "Iran agreed to sign", "after cutting a deal, Iran ...");
    # a relative clause's subject is its noun.
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and any(c.dep_ in _SUBJECTS and _agreement_between(c, actors)
                                        for c in verb.head.children):
            return [], False  # "the agreement between A and B took effect, opening markets": the deal acts, not A or B
        if verb.dep_ == "xcomp":
            # "Pezeshkian is expected to visit": the raised subject of the head acts;
            # "ordered Araghchi to go", "urged Iran to sign": the head's object does.
            for c in verb.head.children:
                if c.dep_ in _PASSIVE_SUBJECTS | {"obj"} and c.i < verb.i and actors.group(c):
                    return actors.group(c), False
        return _subjects(verb.head, actors)
    if verb.dep_ == "acl:relcl":
        return actors.group(verb.head), False
    return [], False


def _listed(verb, found: list, actors: SentenceActors) -> list:
    """"Arnor, Calenardhon and the evil awful Gondor welcomed ...": the actors of a list
    that ends right before the verb act together, however the parser attached its
    members (it often takes a modifier for a conjunct and a conjunct for a second
    subject). The list runs back over segments that each end in an actor and hold
    only its determiners and modifiers; a preposition ends it ("In Syria, Iran and Russia")."""
    i = verb.i - 1
    start = verb.sent.start
    while i >= start and verb.doc[i].pos_ in ("AUX", "ADV", "PART"):
        i -= 1
    listed: list = []
    segment: list = []
    while True:
        tok = verb.doc[i] if i >= start else None
        if tok is not None and tok.lower_ not in _LIST_MARKS:
            segment.append(tok)
            i -= 1
            continue
        if not segment and listed and tok is not None:
            i -= 1  # ", and": a serial comma before the last member
            continue
        actor = _segment_actor(segment, actors)
        if actor is None:
            break
        if all(a["actor"] != actor["actor"] for a in listed):
            listed.append(actor)
        segment = []
        if tok is None:
            break
        i -= 1
    listed.reverse()
    ids = {a["actor"] for a in listed}
    if len(listed) > len(found) and all(a["actor"] in ids for a in found):
        return listed
    return found


def _segment_actor(segment: list, actors: SentenceActors) -> dict[str, Any] | None:
    """The actor a list segment (tokens in reverse order) names: its last word is the
    actor's, and the words before it are the actor's own or its modifiers."""
    if not segment or segment[0].i not in actors.by_token:
        return None
    actor = actors.by_token[segment[0].i]
    for t in segment[1:]:
        own = actors.by_token.get(t.i)
        # the sentence's first word is capitalised whatever it is: "Evil Mordor, ..."
        modifier = t.pos_ in _LIST_MODIFIERS or t.pos_ == "PROPN" and t.is_sent_start
        if own is not None and own["actor"] != actor["actor"] or own is None and not modifier:
            return None
    return actor


def _misparsed_apposition(subject, verb, actors: SentenceActors) -> list:
    """"In a meeting with Russian President Putin, the visiting Iranian President presented
    ...": the parser may take the fronted phrase's actor for the subject and the real one
    for its apposition. An apposition names the same actor; one of another country right
    before the verb is the subject."""
    actor = actors.of(subject)
    if actor is None:
        return []
    for c in subject.children:
        if c.dep_ != "appos" or c.right_edge.i + 1 != verb.i:
            continue
        other = actors.of(c)
        if other is not None and other["actor"] != actor["actor"] and _country(other) != _country(actor):
            return [other]
    return []


def _earlier_in_sentence(pronoun, actors: SentenceActors) -> dict[str, Any] | None:
    """"Abdollahian led officials to Moscow, where he met Lavrov": the nearest
    earlier actor of the kind the pronoun refers to."""
    # "it" is a state more often than an organisation: "Iran joined the SCO after it
    # signed ..." is Iran; an organisation only when no state was named before.
    wanted = {"he": [{"person"}], "she": [{"person"}], "it": [{"state"}, {"organisation"}],
              "they": [{"state", "group", "organisation"}]}[pronoun.lower_]
    for kinds in wanted:
        for i in range(pronoun.i - 1, -1, -1):
            hit = actors.heads.get(i)
            if hit is not None and hit.get("type") in kinds and hit["form"] != "adjective":
                return hit
    return None


def _refers_to_pair(subject) -> bool:
    """"the two", "both", "they", "the two sides", "both governments": the parties named
    before; a bare plural ("Western governments") is no reference."""
    if subject.lower_ in ("two", "both", "they"):
        return True
    return subject.lower_ in _GROUP_WORDS and any(c.lower_ in ("two", "both") for c in subject.children)


def _last_pair(verb, actors: SentenceActors) -> list:
    """The nearest coordinated group of two or more actors before the verb."""
    for tok in reversed(list(verb.doc[:verb.i])):
        if any(c.dep_ == "conj" for c in tok.children):
            group = actors.group(tok)
            if len(group) >= 2:
                return group
    return []


def _passive_target(verb, actors: SentenceActors) -> list:
    for c in verb.children:
        if c.dep_ in _PASSIVE_SUBJECTS:
            found = actors.group(c)
            if not found:
                # "a Philippine supply boat was hit": the state the subject's adjective names
                hit = actors.modifier_of(c)
                found = [hit] if hit is not None and hit.get("type") == "state" else []
            return found
    return []


def _agreement_between(token, actors: SentenceActors) -> list:
    """"The free trade agreement between Iran and the EAEU took effect": an agreement
    the sentence describes by its two parties stands for them, as a named one does."""
    if token.lower_ not in references()["agreement"]:
        return []
    pair = _between(token, actors)
    if len(pair) != 2:
        return []
    return [{**a, "form": "party"} for a in pair]


def _alongside(token) -> bool:
    """"together with Egypt", "along with China": companions of the source, not targets."""
    i = token.left_edge.i
    return i > 0 and token.doc[i - 1].lower_ in ("together", "along") or any(
        c.lower_ in ("together", "along") for c in token.children)


def _case(token) -> str | None:
    for c in token.children:
        if c.dep_ == "case":
            return c.lower_
    return None


def _inside(token, actors: SentenceActors) -> list:
    """Actors named inside a noun phrase: "a deal proposed by the EU", "an agreement with Russia"."""
    for t in token.subtree:
        if t.i == token.i:
            continue
        hit = actors.of(t)
        if hit is not None and hit.get("subtype") not in _AGREEMENTS:
            case = _case(t)
            if case in _TARGET_CASES or case == "by" or t.dep_ in ("obl:agent", "nmod:poss"):
                return [hit]
    return []


def _default_target(verb, actors: SentenceActors, code: str = "") -> tuple[list, dict | None]:
    """Object first, then an actor introduced by a directional preposition;
    an actor 'in'/'at' a place is the location, not the target. An agreement
    is what an event is about, not whom it is aimed at: the target is then an
    actor named inside it, if any."""
    location = None
    for c in verb.children:
        if _is_object(c, verb) or _misparsed_object(c, verb, actors):
            if _coded(code, _IMPOSING_CODES) and (nominals().get(c.lower_) or {}).get("own_source"):
                # "lifted US sanctions": whoever the sanctions are named after imposed them and
                # is no target of easing or tightening them ("condemned US sanctions" targets the US)
                continue
            found = [a for a in actors.group(c) if a.get("subtype") not in _AGREEMENTS]
            if not found and actors.group(c):
                found = _inside(c, actors)
            if found:
                return found, location
            for g in c.children:  # "signed an agreement with Russia"
                if g.dep_ in ("nmod", "obl") and _case(g) in _TARGET_CASES:
                    found = actors.group(g)
                    if found:
                        return found, location
            if c.lower_ in nominals():  # "condemned an attack by Osgiliath soldiers": aimed at the attacker
                found = _event_agent(c, actors)
                if found:
                    return found, location
    for c in _phrases(verb):
        case = _case(c)
        found = actors.group(c)
        if not found or _alongside(c):
            continue
        if case in _LOCATION_CASES or _near(c):
            location = location or found[0]
        elif case in _TARGET_CASES:
            return found, location
    # Nothing named at the top of the object or of a directional phrase: the actor its
    # noun phrase names further down ("welcomed the resumption of ties with X",
    # "clashed over the efforts of X to ..."). Only for a verb with a subject of its own:
    # a source borrowed from another clause and a target guessed deep in the object are
    # two guesses too many ("ordered X to go to Oslo and meet representatives of ...").
    found = _modified_target(verb, actors, code)
    if found:
        return found, location
    if not any(c.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS for c in verb.children):
        return _topic(verb, actors, code) or _place_target(verb, actors, code, location), location
    for c in verb.children:
        if _is_object(c, verb):
            found = _nested(c, actors)
            if found:
                return found, location
    # no one the act is made to ("warned the population of X about Y" is made to X):
    # whom it is about, else the place it is aimed at, else whom its object is for
    return (_topic(verb, actors, code) or _place_target(verb, actors, code, location)
            or _object_clause_target(verb, actors)), location


def _object_clause_target(verb, actors: SentenceActors) -> list:
    """Whom the participle or the purpose clause describing the verb's object acts on:
    "boycotted the parade supporting X", "signed an accord to supply X with wheat". After a
    phrasal verb, which takes no complement beside its object, the participle right after
    the object that the parser made the verb's complement is the object's ("cordoned off
    the roads leading into X"); elsewhere such a complement is the verb's ("criticized the
    militias attacking X" is aimed at the militias)."""
    phrasal = any(c.dep_ == "compound:prt" for c in verb.children)
    for obj in (c for c in verb.children if c.dep_ == "obj" or _particle_object(c, verb)):
        after = [c for c in verb.children if c.dep_ == "xcomp" and c.left_edge.i == obj.right_edge.i + 1
                 and (phrasal or _particle_object(obj, verb))]
        for clause in [*(c for c in obj.children if c.dep_ == "acl"), *after]:
            if clause.pos_ != "VERB" or any(
                    g.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS for g in clause.children):
                continue
            purpose = any(g.dep_ == "mark" and g.lower_ == "to" for g in clause.children)
            if not (clause.lower_.endswith("ing") or purpose):
                continue
            for g in clause.children:
                if g.dep_ in ("obj", "iobj") or g.dep_ == "obl" and _case(g) in _TARGET_CASES:
                    found = actors.group(g)
                    if found:
                        return found
    return []


def _phrases(verb) -> list:
    """The verb's prepositional phrases, with those an adverb of nearness brings ("marched
    close to the border")."""
    out = [c for c in verb.children if c.dep_ in ("obl", "obl:tmod", "nmod")]
    for c in verb.children:
        if _nearness(c):
            out.extend(g for g in c.children if g.dep_ in ("obl", "nmod"))
    return sorted(out, key=lambda t: t.i)


def _nearness(token) -> bool:
    """"close" in "marched close to the border": an adverb, or the adjective a parser makes
    the verb's object or complement."""
    return token.lower_ in references()["proximity"] and (
        token.dep_ == "advmod" or token.dep_ in ("obj", "xcomp") and token.pos_ == "ADJ")


def _is_object(token, verb) -> bool:
    """A direct or indirect object of the verb, or one parsed as its particle's phrase."""
    return token.dep_ in ("obj", "iobj") or _particle_object(token, verb)


def _particle_object(token, verb) -> bool:
    """"broken down relations": an object the parser gave the verb's particle as its
    preposition, the particle right after the verb."""
    case = next((c for c in token.children if c.dep_ == "case"), None)
    return (token.dep_ == "obl" and token.head.i == verb.i and case is not None and case.i == verb.i + 1
            and case.lower_ in references()["particles"])


def _near(phrase) -> bool:
    """"close to the border": a place, not a direction."""
    return _nearness(phrase.head)


def _coded(code: str, codes: frozenset) -> bool:
    """Whether a code falls under one of the codes or roots of a list."""
    return any(code.startswith(c) for c in codes)


def _topic(verb, actors: SentenceActors, code: str) -> list:
    """Whom a demand, a criticism or a threat is about, when it names no one it is made
    to: "warned about X", "acted oddly with respect to X" (reference.yaml topic_targets)."""
    refs = references()
    if not _coded(code, refs["topic_targets"]):
        return []
    for c in verb.children:
        if c.dep_ != "obl" or _alongside(c):
            continue
        if _case(c) in refs["topic_cases"]:
            # "warned about the presence of US forces": the actor the topic names
            found = actors.group(c) or _nested(c, actors, 2)
        elif c.lower_ in refs["topic_nouns"] and not actors.group(c):
            found = next((actors.group(g) for g in c.children if g.dep_ == "nmod" and _case(g) == "to"), [])
        else:
            continue
        if found:
            return found
    return []


def _misparsed_object(token, verb, actors: SentenceActors) -> bool:
    """"will meet Egyptian and Qatari leaders": the parser may hang a modifier of the object
    on the verb as a complement ("Egyptian" xcomp, "leaders" its conjunct). A complement
    that names an actor, on a verb with no object, is the object."""
    return (token.dep_ == "xcomp" and token.pos_ in ("ADJ", "NOUN", "PROPN") and token.i in actors.by_token
            and not any(c.dep_ in ("obj", "iobj") for c in verb.children))


def _modified_target(verb, actors: SentenceActors, code: str) -> list:
    """A state named only by the adjective of the object or of a directional phrase:
    "expelled Russian diplomats", "fired at Pakistani posts" are aimed at Russia, Pakistan."""
    for c in verb.children:
        case = _case(c)
        # "initialled the text at the White House" is where; "a broadside at the government",
        # "fired at Pakistani posts" are aimed: a hostile act aims at what comes after "at"
        place = case in _LOCATION_CASES and not (
            code in references()["place_targets"] or code[:2] in references()["place_targets"]
            or case == "at" and code[:2] >= _FIRST_CONFLICT_ROOT)
        aimed = c.dep_ in ("obj", "iobj") or c.dep_ == "obl" and case in _TARGET_CASES and not place
        if not aimed or _alongside(c):
            continue
        if _coded(code, _IMPOSING_CODES) and (nominals().get(c.lower_) or {}).get("own_source"):
            continue  # "lifted US sanctions" (see _default_target)
        hit = actors.modifier_of(c)
        if hit is None:
            # "condemned the actions of the Turkish ships": the adjective one "of" down
            hit = next((actors.adjectives[m.i] for g in c.children if g.dep_ == "nmod" and _case(g) == "of"
                        for m in g.children if m.dep_ == "amod" and m.i in actors.adjectives), None)
        if hit is not None and hit.get("subtype") not in _AGREEMENTS:
            return [hit]
    return []


def _place_target(verb, actors: SentenceActors, code: str, location: dict | None) -> list:
    """The place as the target of an act aimed at where it happens ("arrived in Moscow",
    "fired near a vessel from X") or at a thing there ("criticized the arrest of its
    nationals in Britain"); see reference.yaml place_targets and object_place_targets."""
    refs = references()
    if _coded(code, refs["place_targets"]):
        found = [location] if location is not None else _place_below(verb, actors)
        if found:
            return found
    if _coded(code, refs["object_place_targets"]):
        return _object_place(verb, actors)
    return []


def _place_below(verb, actors: SentenceActors) -> list:
    """The actor whose place a place phrase of the verb names: "in the vicinity of X",
    "near the border with X", "near a vessel from X"."""
    for c in _phrases(verb):
        if c.lower_ in references()["no_places"]:
            continue  # "struck in support of the Syrian army" names an ally, not a place
        if (_case(c) in _LOCATION_CASES or _near(c)) and not actors.group(c) and not _alongside(c):
            found = _nested(c, actors, 2, references()["place_parts"])
            if found:
                return found
    return []


def _object_place(verb, actors: SentenceActors) -> list:
    """The place inside what the verb acts on: its object, or a phrase that is no place
    itself ("appealed for peace in X"); the place of what the object names further down
    ("the closure of guest houses in X"), never through another place phrase ("the
    sanctions in a statement in Geneva")."""
    for c in verb.children:
        if c.dep_ in ("obj", "iobj") or c.dep_ == "obl" and _case(c) not in _LOCATION_CASES and not _near(c):
            found = _place_in(c, actors, 3) or _place_after(c, actors)
            if found:
                return found
    return []


def _place_after(noun, actors: SentenceActors) -> list:
    """"criticized [the closure of guest houses] [in X]": the parser often hangs the place
    after an "N of NP" object on the verb, yet it says where the NP is. Only right after
    such an object; "criticized the decision in Brussels" is where the act happened."""
    if noun.dep_ != "obj" or _venue(noun) or not any(c.dep_ == "nmod" and _case(c) == "of" for c in noun.children):
        return []
    after = noun.right_edge.i + 1
    for c in noun.head.children:
        if c.dep_ == "obl" and c.left_edge.i == after and _case(c) == "in":
            return [a for a in actors.group(c) if a.get("subtype") not in _AGREEMENTS]
    return []


def _venue(noun) -> bool:
    """A gathering or an agreement, whose place is where it was held or made ("the talks
    in Doha", "the agreement in Beijing")."""
    refs = references()
    word = noun.lower_
    return (word in refs["venues"] or word in refs["agreement"]
            or (nominals().get(word) or {}).get("code", "")[:2] == "04")


def _noun_phrases(noun, clauses: tuple[str, ...]) -> list:
    """A noun's dependents in order, with the phrases of the "-ing" participles that describe
    it (dependency ``clauses``): a participle's phrases describe its noun as its own would."""
    phrases = [*noun.children, *(g for c in noun.children if c.dep_ in clauses and c.lower_.endswith("ing")
                                 for g in c.children if g.dep_ == "obl")]
    return sorted(phrases, key=lambda t: t.i)


def _place_in(noun, actors: SentenceActors, depth: int) -> list:
    """The actor a place phrase ("in X") inside a noun phrase names, reached through the
    phrases that say what the noun is of or for ("the arrest of its nationals in X");
    not an actor those phrases name themselves, which is no place."""
    if depth == 0 or _venue(noun):
        return []
    # "a hunting trip in X"
    for c in _noun_phrases(noun, ("acl",)):
        if c.dep_ not in ("nmod", "obl") or _alongside(c):
            continue
        case = _case(c)
        if case in _LOCATION_CASES:
            found = [a for a in actors.group(c) if a.get("subtype") not in _AGREEMENTS]
            if found:
                return found
        elif case in _NESTED_CASES | {"for"} and not actors.group(c):
            found = _place_in(c, actors, depth - 1)
            if found:
                return found
    return []


def _nested(noun, actors: SentenceActors, depth: int = 3, cases: frozenset | set = _NESTED_CASES) -> list:
    """The first actor a noun phrase names through its prepositional modifiers (``cases``),
    at most ``depth`` phrases down; agreements are what the phrase is about, not actors."""
    if depth == 0:
        return []
    # "the roads leading into Mordor" (a noun has no adverbial clause: one the parser hangs
    # on it is such a participle)
    for c in _noun_phrases(noun, ("acl", "advcl")):
        if c.dep_ not in ("nmod", "obl") or c.dep_ == "obl" and c.head.i == noun.i or _alongside(c) \
                or _case(c) not in cases:
            continue
        # the phrase's own words name the actor ("ties with Iran and Russia"), not a
        # possessive inside it ("a link between the visit and Trump's return")
        named = [actors.heads.get(t.i) or actors.by_token.get(t.i)
                 for t in [c, *(g for g in c.children if g.dep_ == "conj")]]
        named = [a for a in named if a is not None]
        found = [a for a in named if a.get("subtype") not in _AGREEMENTS]
        if found or named:
            return list({a["actor"]: a for a in found}.values())
        found = _nested(c, actors, depth - 1, cases)
        if found:
            return found
    return []


def _event_agent(noun, actors: SentenceActors) -> list:
    """Who carried out the event a noun names: "an attack by X", "attacks carried out by X"."""
    for c in noun.children:
        if c.dep_ in ("nmod", "obl", "obl:agent") and _case(c) == "by":
            return actors.group(c)
        if c.dep_ == "acl":
            for g in c.children:
                if (g.dep_ == "obl:agent" or _case(g) == "by") and actors.group(g):
                    return actors.group(g)
    return []


def _expand_agreements(group: list, parties) -> list:
    """An agreement with two or three parties stands for them ("the treaty came into force")."""
    out = []
    for actor in group:
        members = parties(actor["actor"]) if parties and actor.get("subtype") in _AGREEMENTS else []
        if parties and actor.get("subtype") in _AGREEMENTS and not members:
            continue  # an agreement whose parties nobody knows acts for no one
        out.extend(members if 2 <= len(members) <= 3 else [actor])
    return out


def _counterparts(targets: list, sources: list, parties, about) -> list:
    """An act aimed at an agreement ("withdrew from the treaty") is aimed at the
    other parties to it, when they are one or two; at the state a multilateral
    agreement is about (the Iran nuclear deal: Iran) otherwise. With neither,
    the agreement stays the target."""
    if not parties:
        return targets
    own = {s["actor"] for s in sources} | {_country(s) for s in sources}
    out = []
    for actor in targets:
        if actor.get("subtype") not in _AGREEMENTS:
            out.append(actor)
            continue
        members = parties(actor["actor"])
        others = [m for m in members if m["actor"] not in own]
        if not 1 <= len(others) <= 2 or len(others) == len(members):
            others = [m for m in (about(actor["actor"]) if about else []) if m["actor"] not in own]
        # with no party known, an agreement is what an act is about, not whom it is aimed at
        out.extend(others or ([actor] if members else []))
    return out


def code_verbs(doc, actors: SentenceActors, lexicon: VerbLexicon, parties=None, about=None) -> list[SentenceEvent]:
    events: list[SentenceEvent] = []
    lowers = [t.lower_ for t in doc]
    for token in doc:
        # "Iran became a full member of the SCO": the copula's clause is its head's.
        verb = token.head if token.dep_ == "cop" and token.lower_ not in ("is", "was", "are", "were", "be") else token
        if verb.pos_ not in ("VERB",) and not (verb.pos_ == "NOUN" and verb.dep_ == "ROOT") and verb is token \
                and not _verbal(token):
            continue
        if token.dep_ == "amod":
            continue  # a participle describing a noun ("improved relations", "a proposed deal") states no act
        # A multi-word verb ("came into force", "met with", "broke down", "wire tapped") is
        # the verb when its words are there; the verb alone only when none is.
        blocks = []
        for n in (4, 3, 2):
            for back in range(n):  # the verb may be a later word of the phrase: WIRE_+TAP
                if token.i - back >= 0 and token.i - back + n <= len(doc):
                    blocks += [b for b in lexicon.verbs_for(" ".join(lowers[token.i - back:token.i - back + n]))
                               if b not in blocks]
        blocks = blocks or lexicon.verbs_for(token.lower_)
        if not blocks:
            continue
        sources, passive = _subjects(verb, actors)
        if not sources and verb.dep_ == "acl":
            sources = _between(verb, actors)[:1]  # "an agreement signed in 2021 between Iran and China"
        if passive and not sources:
            # "The treaty was signed in Moscow": the agreement's parties acted.
            sources = _expand_agreements(_passive_target(verb, actors), parties) or next(
                (_agreement_between(c, actors) for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), [])
            passive = not sources or sources[0].get("form") != "party"
        sources = _expand_agreements(sources, parties)
        if not sources:
            continue
        local = _local_tokens(verb)
        before = _subject_phrase(verb)
        after = [t for t in local if t.i > token.i]
        chosen = None
        present = {f for t in (*local, *before) for f in word_forms(t)}
        for block in blocks:
            # The pattern that matches the most words wins (PETRARCH expands a synonym set
            # into a pattern per member: "austrian gold florin" is a longer pattern than
            # "florin"); on a tie, the more specific one, then the dictionary's order.
            best = None
            for pattern in lexicon.patterns(block):
                if best is not None and pattern.max_words <= best[0] or not pattern.needs <= present:
                    continue
                units_before, units_after = pattern.units
                got_after = _match(units_after, after, actors)
                if got_after is None:
                    continue
                got_before = _match(units_before, before, actors)
                if got_before is None:
                    continue
                if best is None or got_after.words + got_before.words > best[0]:
                    best = (got_after.words + got_before.words, pattern, got_before, got_after)
            if best is not None:
                _, pattern, got_before, got_after = best
                chosen = (pattern.code, pattern.code2, {**got_before.bound, **got_after.bound},
                          f"verbs.yaml line {pattern.line}", got_after.phrases)
                break
            # The first block that has anything to say decides: its own code when
            # none of its patterns matched, before another block's patterns are tried.
            default, default2 = lexicon.default_codes(block, token.lower_)
            if (default or default2) and not (token.lower_ in references()["naming_verbs"] and _naming(verb)):
                chosen = (default, default2, {}, f"verb {block}", [])
                break
        if chosen is None:
            continue
        code, code2, bound, rule, phrases = chosen
        if code is None and code2 is None:
            continue  # an exception pattern: these words make the verb no event ("pilgrims visit")
        base = code or code2  # a reverse-only pattern ([:112]) codes only the reverse event
        if "$" in bound:
            sources = [bound["$"][1]]
        if "%" in bound:
            sources = bound["%"][1]  # "% *": the coordinated actors of the subject, toward each other
        between = _between(verb, actors)
        if between and (not sources or sources in (between, between[:1])):
            sources, targets, location = between[:1], between[1:2], None
        elif passive:
            targets = _passive_target(verb, actors)
            location = None
        elif "+" in bound:
            targets, location = [bound["+"][1]], None
            _, location = _default_target(verb, actors, base)
        else:
            targets, location = _default_target(verb, actors, base)
            if not targets and phrases:
                # none named by the object or a preposition on the verb: the actor inside the
                # phrase the pattern names ("clashed over the efforts of X", "bargain for asylum in X")
                targets = _in_phrases(phrases, sources, actors)
        targets = _counterparts(targets, sources, parties, about)
        if not targets and base[:2] in _PROPOSAL_ROOTS:
            targets = _other_party(doc, sources, actors, parties)
        if base in _FRAME_CODES:
            continue
        if not targets and base[:2] in _ABOUT_ROOTS:
            # "Turkey believes Greece can ...", "Russia warned that Ukraine would ...":
            # what is said, conceded, demanded or threatened is about the subject of its clause
            targets = [t for t in _said_about(verb, actors) if t not in sources]
        confidence = 0.9 if rule.startswith("verbs.yaml") else 0.7
        mutual = "%" in bound or base[:2] in _MUTUAL_ROOTS and not any(
            c.dep_ in ("obj", "xcomp", "ccomp") for c in verb.children)
        # With a third party as target, coordinated subjects act on each other only
        # when the clause says they act together ("held a joint exercise with China").
        together = base[:2] in _MUTUAL_ROOTS and (not targets or any(
            t.lower_ in references()["joint"] for t in _local_tokens(verb)))
        if code:
            events.extend(_pairs(sources, targets, code, verb, rule, confidence, location, mutual=mutual,
                                 together=together,
                                 both_ways=bool(between) and code[:2] in _MUTUAL_ROOTS))
        if code2:
            # a paired code ([042:043]): the reverse event too, target toward source (a visit is hosted)
            others = [t for t in targets if t not in sources]
            events.extend(_pairs(others, sources, code2, verb, rule, confidence, location, together=False))
    return events


def _naming(verb) -> bool:
    """"what they call coercive measures", "calling the aggression unprovoked": the verb
    names something; it is no act (a phone call) of its own."""
    if verb.head.lower_ == "what" and verb.dep_ in ("acl:relcl", "acl"):
        return True
    return any(c.lower_ == "what" and c.dep_ in ("obj", "dep") or c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN")
               for c in verb.children)


def _said_about(verb, actors: SentenceActors) -> list:
    """Whom a statement is about: the subject of what is said ("Arnor believes Gondor can
    cope"), or the actor its subject's phrase names ("said an embargo against X would fail")."""
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        for s in c.children:
            if s.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS:
                return actors.group(s) or _nested(s, actors, 2)
    return []


def _verbal(token) -> bool:
    """A word the tagger missed as a verb but the parse shows acting as one: "Iran will
    abandon ties with X" tagged "abandon" an adverb yet gave it a subject, an auxiliary
    and an object."""
    deps = {c.dep_ for c in token.children}
    return token.pos_ in ("ADV", "ADJ", "NOUN", "PROPN") and bool(deps & _SUBJECTS) and bool(
        deps & {"obj", "aux"}) and "cop" not in deps and not any(c.dep_ == "det" for c in token.children)


def _other_party(doc, sources: list, actors: SentenceActors, parties) -> list:
    """"An agreement between Iran and Russia has not been finalised, and Raisi handed
    over the draft": a proposal with no addressee goes to the other party of the
    bilateral agreement the sentence is about."""
    own = {s["actor"] for s in sources} | {_country(s) for s in sources}
    words = references()["agreement"]
    for t in doc:
        pair = []
        if t.lower_ in words:
            pair = _between(t, actors)
        elif parties and (actors.heads.get(t.i) or {}).get("subtype") in _AGREEMENTS:
            pair = parties(actors.heads[t.i]["actor"])
        if len(pair) == 2 and any(p["actor"] in own or _country(p) in own for p in pair):
            others = [p for p in pair if p["actor"] not in own and _country(p) not in own]
            if len(others) == 1:
                return others
    return []


def _between(token, actors: SentenceActors) -> list:
    """"signed in 2021 between Iran and China": the two parties of the event."""
    for c in token.children:
        if c.dep_ in ("obl", "nmod") and _case(c) == "between":
            pair = actors.group(c)
            if len(pair) >= 2:
                return pair
    return []


def _deal_parties(noun, actors: SentenceActors) -> list:
    """The two parties of the deal an event noun is part of ("in a deal between A and B")."""
    words = references()["agreement"]
    for c in noun.children:
        if c.dep_ in ("nmod", "obl") and c.lower_ in words:
            pair = _between(c, actors)
            if pair:
                return pair
    return []


def code_nouns(doc, actors: SentenceActors, parties=None, about=None) -> list[SentenceEvent]:
    """'Raisi's visit to Moscow', 'a meeting with Putin', 'talks between Iran and Russia'."""
    table = nominals()
    events: list[SentenceEvent] = []
    for noun in doc:
        entry = table.get(noun.lower_)
        if entry is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        sources: list = []
        targets: list = []
        # The parser may misattach "to Moscow" after an event noun, so the target
        # is read off the words: an actor right after one of the noun's prepositions.
        # Only a preposition right after the noun or in its own phrase: in "used the visit to send
        # a message to Washington" Washington is the message's addressee, not where the visit went.
        own = {t.i for t in _local_tokens(noun)} | {noun.i + 1}
        scope = list(noun.subtree)
        if noun.dep_ == "nmod" and _case(noun) == "of" and noun.head.lower_ in references()["collective"]:
            # "a wave of strikes on Iranian sites": the collective noun's phrases are the event's
            extra = [t for t in _local_tokens(noun.head) if t.i > noun.i]
            own |= {t.i for t in extra}
            scope += [t for t in extra if t.i not in {u.i for u in scope}]
        for c in noun.children:  # "attacks carried out by X against Y": the participle's phrases describe the noun
            if c.dep_ == "acl" and any(g.dep_ == "obl:agent" or _case(g) == "by" for g in c.children):
                own |= {t.i for t in _local_tokens(c)}
        for t in sorted(scope, key=lambda t: t.i):
            if t.i > noun.i + 1 and doc[t.i - 1].lower_ in entry["target"] and t.i - 1 in own and not targets:
                hit = actors.of(t) or (actors.adjective_in(t) if t.pos_ not in ("VERB", "AUX") else None)
                prep = doc[t.i - 1]
                if hit is None and t.dep_ in ("det", "amod", "nummod") and prep.dep_ == "case" and prep.head.i > t.i:
                    # "against an American military base": the phrase's head and what modifies it
                    hit = actors.of(prep.head) or actors.modifier_of(prep.head)
                if hit is not None:
                    targets = [hit]
        for c in noun.children:
            if c.dep_ in ("nmod:poss",):
                sources = actors.group(c)
            elif c.dep_ == "acl" and not sources:
                # "attacks carried out by the Houthis", "strikes launched by Israel"
                sources = next((actors.group(g) for g in c.children
                                if (g.dep_ == "obl:agent" or _case(g) == "by") and actors.group(g)), [])
            elif c.dep_ in ("nmod", "obl"):
                case = _case(c)
                if case == "by" and not sources:  # "the invasion of Ukraine by Russia"
                    sources = actors.group(c)
                elif case in entry["target"] and not targets:
                    targets = actors.group(c)
                elif case == "between" and entry.get("pair"):
                    pair = actors.group(c)
                    if len(pair) >= 2:
                        sources, targets = pair[:1], pair[1:2]
            elif c.dep_ in ("amod", "compound") and (entry.get("pair") or entry.get("own_source")):
                hit = actors.of(c) or actors.adjectives.get(c.i)
                if hit is not None and not sources:
                    sources = [hit]
        deal = not sources and not targets and entry["code"][:2] in _MUTUAL_ROOTS and _deal_parties(noun, actors)
        if deal:
            # "the delivery of S-300 systems under a deal between Tehran and Moscow": the act
            # of cooperation is between the deal's parties.
            sources, targets = deal[:1], deal[1:2]
        if not sources and not entry.get("own_source"):
            head = noun.head
            while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                sources, _ = _subjects(head, actors)
        if entry.get("agreement"):
            # "withdrawal from the treaty" is an event only when what is left is an agreement
            if not any(t.get("subtype") in _AGREEMENTS for t in targets):
                continue
            targets = _counterparts(targets, sources, parties, about)
        mutual = bool(entry.get("pair")) and not targets and len(sources) >= 2
        if not sources or not targets and not mutual:
            continue
        events.extend(_pairs(sources, targets, entry["code"], noun, f"noun {noun.lower_}", 0.75, None,
                             both_ways=(bool(entry.get("pair")) or bool(deal)) and len(sources) == 1
                             and len(targets) == 1,
                             mutual=mutual))
        if entry.get("code2") and targets:
            # the paired reverse event, as the verb's ([042:043]: a visit is hosted)
            events.extend(_pairs(targets, sources, entry["code2"], noun, f"noun {noun.lower_}", 0.75, None,
                                 together=False))
    return events


def _country(mention: dict[str, Any]) -> str | None:
    code = mention.get("code") or ""
    return code[:3] if len(code) >= 3 else None


def _domestic(source: dict[str, Any], target: dict[str, Any]) -> bool:
    """Two different sectors of one state ("Russian police arrested Russian students"):
    a domestic event, which event data codes as such (RUSCOP -> RUSEDU)."""
    a, b = source.get("code") or "", target.get("code") or ""
    return len(a) > 3 and len(b) > 3 and a != b


def _pairs(sources, targets, code, trigger, rule, confidence, location, both_ways: bool = False,
           mutual: bool = False, together: bool | None = None):
    out = []
    if together is None:
        together = code[:2] in _MUTUAL_ROOTS
    if 2 <= len(sources) <= _MAX_MUTUAL and (mutual or together):
        # "Iran and Russia met" / "the two held a joint exercise with China":
        # coordinated parties of a cooperative act act toward each other too.
        targets = list(targets) + [s for s in sources if s not in targets]
    for s in sources:
        for t in targets:
            if s["actor"] == t["actor"]:
                continue
            if _country(s) and _country(s) == _country(t) and not _domestic(s, t):
                continue  # a state's dealings with itself are no event; its organs' with each other are
            out.append(SentenceEvent(s, t, code, trigger.i, trigger.text, pattern=rule,
                                     confidence=confidence, location=location))
            if both_ways:
                out.append(SentenceEvent(t, s, code, trigger.i, trigger.text, pattern=rule,
                                         confidence=confidence, location=location))
    return out


def read_modality(doc, event: SentenceEvent, actors: SentenceActors, cue: Cues) -> None:
    """Polarity, modality and attribution of an event from its trigger's context."""
    trigger = doc[event.trigger]
    chain = [trigger]
    node = trigger
    for _ in range(4):  # the trigger and the clauses above it
        if node.head.i == node.i:
            break
        node = node.head
        chain.append(node)
    own = [c for c in trigger.children]
    words = {c.lower_ for c in own}
    # Negation: on the trigger itself, or on a clause or noun that governs it
    # ("has not hinted that it is ready to sell", "no signs that Iran has received").
    if words & cue.negators or any(c.dep_ == "advmod" and c.lower_ in cue.negators for c in own):
        event.polarity = "negated"
    # Negation reaches down only into what a clause or noun governs as its
    # content ("did not say that ...", "no signs that ..."); an adverbial clause
    # beside a denial ("..., as the two held an exercise") is asserted.
    node = trigger
    while (node.dep_ in _COMPLEMENTS or _misparsed_complement(node, cue)) and node.head.i != node.i:
        node = node.head
        kids = {c.lower_ for c in node.children if c.dep_ in ("advmod", "det", "neg", "cc:preconj", "aux")}
        if kids & cue.negators or node.lower_ in cue.negating_heads:
            event.polarity = "negated"
            break
    # "there is no sign (that) Moscow has delivered ...": the parser often loses the noun's
    # hold on its clause, so a denying noun with "no" before the trigger is read off the words.
    if any(t.lower_ in cue.denying_nouns and t.i > 0 and doc[t.i - 1].lower_ == "no"
           for t in doc[trigger.sent.start:trigger.i]):
        event.polarity = "negated"
    # "cancelled the talks", "called off the visit": the event the noun names did not happen.
    if trigger.dep_ in ("obj", "nsubj:pass", "obl") and trigger.head.i != trigger.i:
        head = trigger.head
        # the parser may take the particle of "called off the visit" for the noun's preposition
        particle = next((c.lower_ for c in head.children if c.dep_ == "compound:prt"), None) or _case(trigger)
        if head.lower_ in cue.cancelling_heads or particle and f"{head.lower_} {particle}" in cue.cancelling_heads:
            event.polarity = "negated"
    # Modality, nearest first.
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "aux:pass")}
    marks = {c.lower_ for c in trigger.children if c.dep_ == "mark"}
    # Words of a name are no cues: the Joint Comprehensive "Plan" of Action plans nothing.
    heads = [u.lower_ for u in chain[1:3] if u.i not in actors.by_token]
    conditional = (marks & cue.conditional_marks or "should" in aux and _inverted(trigger)
                   or any(u.dep_ == "advcl" and {c.lower_ for c in u.children if c.dep_ == "mark"}
                          & cue.conditional_marks for u in chain[:2]))
    # "Russia's backing is likely essential to countering ...": an adverb of likelihood on
    # the trigger or the clause above it.
    adverbs = {c.lower_ for u in chain[:2] for c in u.children if c.dep_ == "advmod"}
    if (conditional or aux & cue.hypothetical_aux or any(h in cue.hypothetical_heads for h in heads)
            or adverbs & cue.hypothetical_adverbs):
        event.modality = "hypothetical"
    elif aux & cue.planned_aux or any(h in cue.planned_heads for h in heads):
        event.modality = "planned"
        event.tense = "future"
    # The event sits in what someone says: the speaker is the attribution, and a claim, or
    # a speaker nobody can check ("sources"), makes it a report.
    for up in chain[1:]:
        hedging = up.lower_ in cue.hedging_verbs
        if hedging or up.lower_ in cue.speech_verbs:
            subject = next((c for c in up.children if c.dep_ in _SUBJECTS), None)
            speaker = next((actors.of(c) for c in up.children if c.dep_ in _SUBJECTS and actors.of(c)), None)
            if (hedging or subject is not None and subject.lower_ in cue.hedged_speakers) and \
                    event.modality == "actual":
                event.modality = "reported"
            event.attribution = speaker
            break
    if any(c.lower_ in cue.hedges for c in doc) and event.modality == "actual":
        event.modality = "reported"


def _misparsed_complement(node, cue: Cues) -> bool:
    """"has not confirmed using Iranian drones": a bare gerund under a verb of saying is
    what is said, though the parser may attach it as an adverbial clause."""
    return (node.dep_ == "advcl" and node.head.lower_ in cue.speech_verbs | cue.hedging_verbs
            and node.i == node.head.i + 1 and not any(c.dep_ in ("mark", "nsubj") for c in node.children))


def _inverted(trigger) -> bool:
    """'Should a war break out': the modal stands before the subject."""
    subj = [c.i for c in trigger.children if c.dep_ in _SUBJECTS]
    modal = [c.i for c in trigger.children if c.lower_ == "should"]
    return bool(subj and modal and modal[0] < subj[0])


def code_sentence(doc, offset: int, mentions: list[dict[str, Any]], lexicon: VerbLexicon,
                  antecedents: dict[str, dict[str, Any]] | None = None,
                  parties: Callable[[str], list[dict[str, Any]]] | None = None,
                  about: Callable[[str], list[dict[str, Any]]] | None = None) -> list[SentenceEvent]:
    """Every event the sentence states, with polarity and modality read.
    ``parties`` gives the states party to an agreement, for events whose only
    actor is the agreement ("the treaty came into force"); ``about`` the states a
    multilateral agreement is about, for acts aimed at it ("left the Iran deal")."""
    actors = SentenceActors(doc, offset, mentions, antecedents)
    if not actors.heads and not actors.adjectives and "pair" not in actors.antecedents:
        return []
    events = code_verbs(doc, actors, lexicon, parties, about) + code_nouns(doc, actors, parties, about)
    cue = cues()
    unique: dict[tuple, SentenceEvent] = {}
    for event in events:
        read_modality(doc, event, actors, cue)
        key = (event.source["actor"], event.target["actor"] if event.target else None, event.code)
        # The same act stated twice ("the need for Iran's joining the SCO, after it signed a
        # memorandum to become a member"): the asserted, actual statement of it stands.
        known = unique.get(key)
        if known is None or _plain(event) and not _plain(known):
            unique[key] = event
    return list(unique.values())


def _plain(event: SentenceEvent) -> bool:
    return event.polarity == "asserted" and event.modality == "actual"
