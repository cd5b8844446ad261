"""Repairs of systematic misparses of dyad's own parser, applied to each parsed sentence.

The small parser trained from UD English-EWT gets a few English verb structures
wrong often enough to lose events, and always the same way. Each repair here
restructures the tree for one such structure, on conditions narrow enough that a
right parse is never touched:

- a perfect read as the main verb "have": "Ethiopia has broken relations with
  Libya" parsed as "has" (ROOT) owning "broken relations". The participle is the
  clause's head, "has" its auxiliary;
- a modal's verb mis-tagged: "Arnor will abandon improved economic relations"
  parsed with "abandon" an adverb and "improved" (or "relations") the clause's
  head. The base verb after the modal is the head, the later word its object (or
  the adjective of its object);
- a sentence that is a noun phrase with a participle: "Bree Prime Minister
  Romendacil clashed over the efforts of Eriadori", "Syrian police detained
  journalists" parsed with the verb describing the root noun. A full sentence has
  a predicate: the verb right after the noun phrase the sentence opens with is it;
- a passive participle with its agent after an object, taken for the verb's
  complement: "welcomed memos sent by Bree". It describes the object, except after
  the verbs that take such a complement ("had the memos sent by courier");
- an intransitive perfect whose participle was tagged a noun: "the death toll has
  risen in the dispute" parsed as "has" owning the noun "risen";
- a second verb of a coordination read as an adjective: "condemned an attack and
  promised aid to the villages" parsed with "promised aid" a second object of
  "condemned". A verb has one direct object; the second is the conjunct verb's.

Words are read off the surface and the verb lexicon (the tagger predicts only
coarse parts of speech: no tense, no verb form): a verb's base form is the one its
"-s" form is made from ("abandon" / "abandons"); a past form is a form of a verb
that is neither its base, its "-s" nor its "-ing" form ("broken", "clashed").
The given parses of the PETRARCH suite are not repaired: they are right already.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import DEP, HEAD

from ..datafiles import load_yaml
from .verbs import VerbLexicon

log = logging.getLogger(__name__)

_NOMINAL = ("NOUN", "PROPN")
# Dependents of a noun the parser made a clause's head that belong to the clause,
# not to the noun, when a verb takes the clause over.
_CLAUSE_DEPS = {"punct", "advcl", "parataxis", "ccomp", "obl:unmarked", "discourse"}
# A verb with one of these has a clause of its own: it is no predicate of the noun before it.
_OWN_CLAUSE = {"nsubj", "nsubj:pass", "aux", "aux:pass", "mark", "cop", "obl:agent", "expl", "csubj"}
_OBJECTS = {"obj", "iobj", "ccomp", "xcomp"}
_OBJECT_STARTS = {"DET", "PRON", "PROPN", "NUM"}
_RELATIVES = {"that", "which", "who", "whom", "whose", "where", "when"}
_SENTENCE_ENDS = {".", "!"}
# An aside the verb opens ("( reduced where viable )") is no predicate.
_OPENERS = {"(", "[", "-", "--", "\u2013", "\u2014"}


@dataclass(frozen=True)
class _Words:
    perfect_aux: frozenset[str]
    modals: frozenset[str]
    between_aux_and_verb: frozenset[str]
    adjectival_participles: frozenset[str]
    object_complement_verbs: frozenset[str]
    naming_participles: frozenset[str]


@cache
def _words() -> _Words:
    data = load_yaml("lexicon/repair.yaml")
    return _Words(**{k: frozenset(str(w).lower() for w in data[k]) for k in _Words.__dataclass_fields__})


@cache
def _verb_kinds() -> dict[str, frozenset[str]]:
    """What each one-word form of the verb lexicon is: "base", "s", "ing" or "past"."""
    lexicon = VerbLexicon.load()
    kinds: dict[str, set[str]] = {}
    for verb in lexicon.verbs:
        forms = {f for f in lexicon.forms(verb) if " " not in f}
        for f in forms:
            kinds.setdefault(f, set()).add(_kind(f, forms))
    return {f: frozenset(k) for f, k in kinds.items()}


def _kind(form: str, forms: set[str]) -> str:
    if form + "s" in forms or form + "es" in forms or form.endswith("y") and form[:-1] + "ies" in forms:
        return "base"
    if form.endswith("s") and (form[:-1] in forms or form.endswith("es") and form[:-2] in forms
                               or form.endswith("ies") and form[:-3] + "y" in forms):
        return "s"
    if form.endswith("ing"):
        return "ing"
    return "past"


def _is_base(token) -> bool:
    return "base" in _verb_kinds().get(token.lower_, ())


def _is_past(token) -> bool:
    """A past tense or participle: a lexicon verb's, or a regular one the tagger saw as a verb."""
    kinds = _verb_kinds().get(token.lower_)
    if kinds is not None:
        return "past" in kinds
    return token.pos_ == "VERB" and token.lower_.endswith("ed")


class _Tree:
    """Heads and labels of a parse, changed together and written back in one step
    (spaCy's per-token head setter does not guard against cycles)."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.heads = [t.head.i for t in doc]
        self.deps = [t.dep_ for t in doc]

    def attach(self, i: int, head: int, dep: str) -> None:
        self.heads[i] = i if head is None else head
        self.deps[i] = dep

    def children(self, i: int) -> list[int]:
        return [j for j, h in enumerate(self.heads) if h == i and j != i]

    def take_clause(self, new, old, role: str, under=None, keep: Callable | None = None) -> None:
        """``new`` takes ``old``'s place in the tree; ``old`` becomes its ``role``
        (below ``under`` if given). ``old``'s dependents go with the clause unless
        ``keep`` says they are ``old``'s own."""
        head, dep = self.heads[old.i], self.deps[old.i]
        self.attach(new.i, new.i if head == old.i else head, "ROOT" if head == old.i else dep)
        for c in self.children(old.i):
            if c != new.i and not (keep and keep(self.doc[c])):
                self.heads[c] = new.i
        self.attach(old.i, (under if under is not None else new).i, role)

    def write(self) -> bool:
        """Write the tree back to the doc, if it is one (else leave the parse as it was)."""
        n = len(self.heads)
        for i in range(n):
            j, steps = i, 0
            while self.heads[j] != j:
                j, steps = self.heads[j], steps + 1
                if steps > n:
                    return False
        strings = self.doc.vocab.strings
        array = numpy.empty((n, 2), dtype="uint64")
        for i in range(n):
            array[i, 0] = (self.heads[i] - i) % (1 << 64)
            array[i, 1] = strings.add(self.deps[i])
        self.doc.from_array([HEAD, DEP], array)
        return True


def _next_word(token):
    """The word after an auxiliary, past "not", "also", "never" and the like."""
    doc = token.doc
    i = token.i + 1
    skip = _words().between_aux_and_verb
    while i < len(doc) and doc[i].lower_ in skip:
        i += 1
    return doc[i] if i < len(doc) and doc[i].sent == token.sent else None


def _perfect(token) -> str | None:
    """"Ethiopia has broken relations with Libya": "has" (main verb) + participle + the
    noun it modifies is a perfect with an object, when the participle opens the object
    ("has broken the ..."), or is no participle that mostly describes ("has limited
    resources", "has trained pilots")."""
    if token.lower_ not in _words().perfect_aux or token.pos_ not in ("VERB", "AUX"):
        return None
    part = _next_word(token)
    if part is None or part.pos_ not in ("VERB", "ADJ") or not _is_past(part) \
            or any(c.dep_ != "advmod" for c in part.children):
        return None
    after = part.doc[part.i + 1] if part.i + 1 < len(part.doc) else None
    opens_object = after is not None and after.pos_ in _OBJECT_STARTS and after.head.i != part.i
    # "has broken relations" or "has broken bedroom suites": with a bare noun after the
    # participle, a perfect only when a name has it ("Ethiopia has broken relations")
    describes = (part.dep_ == "amod" and part.head.i > part.i and part.head.pos_ in _NOMINAL
                 and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" and c.i < token.i
                         for c in (token if token.dep_ not in ("aux", "aux:pass") else token.head).children))
    if not (opens_object or describes and part.lower_ not in _words().adjectival_participles):
        return None
    tree = _Tree(part.doc)
    if token.dep_ not in ("aux", "aux:pass"):
        tree.take_clause(part, token, "aux")  # "has" (head) -> aux of the participle
    elif token.head.pos_ in _NOMINAL and token.head.i > part.i and part.head.i == token.head.i:
        noun = token.head  # "has" was made an auxiliary of the object noun itself
        tree.take_clause(part, noun, "obj", keep=lambda c, n=noun: _noun_own(c, n, part))
        tree.attach(token.i, part.i, "aux")
    else:
        return None
    if not tree.write():
        return None
    token.pos_, part.pos_ = "AUX", "VERB"
    return "perfect"


def _perfect_noun(token) -> str | None:
    """"The death toll has risen in the dispute": a main-verb "have" whose object is a word
    that is only ever a verb's past form, followed by no noun phrase of its own, is a
    perfect whose participle the tagger took for a noun."""
    if token.lower_ not in _words().perfect_aux or token.pos_ not in ("VERB", "AUX") \
            or token.dep_ in ("aux", "aux:pass"):
        return None
    part = _next_word(token)
    if part is None or part.pos_ != "NOUN" or part.dep_ != "obj" or part.head.i != token.i \
            or _verb_kinds().get(part.lower_) != frozenset({"past"}) \
            or part.lower_ in _words().adjectival_participles:
        return None
    after = part.doc[part.i + 1] if part.i + 1 < len(part.doc) else None
    if after is not None and after.pos_ not in ("ADP", "PUNCT", "ADV", "PART", "SCONJ", "CCONJ"):
        return None  # "has [noun] [noun phrase]" is for the perfect repair to judge
    if any(c.i < part.i or c.dep_ not in ("nmod", "advmod", "punct") for c in part.children):
        return None
    tree = _Tree(part.doc)
    tree.take_clause(part, token, "aux")
    for c in tree.children(part.i):
        if tree.deps[c] == "nmod":
            tree.deps[c] = "obl"  # a phrase of the verb now, not of a noun
    if not tree.write():
        return None
    token.pos_, part.pos_ = "AUX", "VERB"
    return "perfect noun"


def _second_object(token) -> str | None:
    """"condemned an attack and promised aid to the villages": a past form right after
    "and" read as the adjective of a second direct object of the verb before it is the
    conjunct verb, that object its own."""
    if token.dep_ != "amod" or token.pos_ not in ("VERB", "ADJ") or token.i == 0 \
            or token.lower_ in _words().adjectival_participles or not _is_past(token) \
            or _verb_kinds().get(token.lower_) is None:
        return None
    doc = token.doc
    conj, noun = doc[token.i - 1], token.head
    verb = noun.head
    if conj.lower_ != "and" or noun.dep_ != "obj" or noun.i <= token.i or verb.pos_ != "VERB" \
            or verb.i >= conj.i or not _is_past(verb):
        return None
    first = [c for c in verb.children if c.dep_ == "obj" and c.i < conj.i]
    between = [t for t in noun.subtree if t.i < token.i and t.i != conj.i]
    if not first or between:
        return None  # no first object, or a determiner before the participle ("and the promised aid")
    tree = _Tree(doc)
    tree.attach(token.i, verb.i, "conj")
    tree.attach(noun.i, token.i, "obj")
    tree.attach(conj.i, token.i, "cc")
    if not tree.write():
        return None
    token.pos_ = "VERB"
    return "second object"


def _modal(token) -> str | None:
    """"Arnor will abandon improved economic relations": a base verb right after a modal
    that the parser left a leaf while a later word took the modal's clause is the verb;
    the later noun is its object, the later participle the adjective of its object."""
    if token.lower_ not in _words().modals or token.dep_ != "aux":
        return None
    verb = _next_word(token)
    head = token.head
    if verb is None or not _is_base(verb) or any(True for _ in verb.children) or head.i <= verb.i \
            or verb.dep_ in ("aux", "aux:pass", "cop"):  # "would get charged"
        return None
    tree = _Tree(verb.doc)
    if head.pos_ in _NOMINAL:
        tree.take_clause(verb, head, "obj", keep=lambda c: _noun_own(c, head, verb))
        _relabel_clauses(tree, head, verb)
    elif head.pos_ == "VERB" and not _is_base(head):
        obj = next((c for c in head.children if c.dep_ == "obj" and c.i > head.i), None)
        if obj is None or obj.left_edge.i != head.i + 1:
            return None  # the participle must open its object's phrase: "improved economic relations"
        tree.take_clause(verb, head, "amod", under=obj)
    else:
        return None
    if not tree.write():
        return None
    verb.pos_ = "VERB"
    return "modal"


def _noun_own(child, noun, verb) -> bool:
    """Whether a dependent of a noun that loses its clause to ``verb`` stays the noun's:
    its modifiers after the verb do, the clause's subject, auxiliaries and adverbials
    go to the verb."""
    return child.i > verb.i and child.dep_ not in _CLAUSE_DEPS and not _adverbial_clause(child, noun)


def _adverbial_clause(child, noun) -> bool:
    """"... relations with Gondor almost five years after crowds trashed its embassy":
    a clause with a subordinator, or one after a comma with no relative word, belongs
    to the verb, not to the noun."""
    if child.dep_ not in ("acl", "acl:relcl", "conj") or child.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(child.children)
    if any(c.dep_ == "mark" and c.lower_ not in _RELATIVES for c in kids):
        return True
    before = child.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
    return (before is not None and before.text == "," and not any(c.lower_ in _RELATIVES for c in kids)
            and child.dep_ != "conj")


def _relabel_clauses(tree: _Tree, noun, verb) -> None:
    """Clauses moved from the noun to the verb are the verb's adverbial or parenthetical
    clauses ("after crowds trashed ...", ", a senior official said")."""
    for c in tree.children(verb.i):
        tok = verb.doc[c]
        if tok.head.i == noun.i and tree.deps[c] in ("acl", "acl:relcl"):
            marked = any(g.dep_ == "mark" for g in tok.children)
            tree.deps[c] = "advcl" if marked else "parataxis"


def _predicate(token) -> str | None:
    """"Bree Prime Minister Romendacil clashed over ...", "Ithilen and the government of
    Gondor warned ...": a sentence whose root is a noun, and whose first verb right after
    the noun phrase it opens with was read as describing that noun, has the verb as its
    predicate. Not a verb with a clause of its own, a passive agent ("detained by police"),
    an "-ing" form, nor, with no object, a fragment with no final stop (a headline's
    "Diplomats expelled from Britain")."""
    if token.pos_ != "VERB" or token.dep_ not in ("acl", "amod") or token.lower_.endswith("ing"):
        return None
    root = token.sent.root
    sent = token.sent
    if root.pos_ not in _NOMINAL or root.i >= token.i or root.left_edge.i != sent.start:
        return None
    subject = [t for t in root.subtree if t.i < token.i]
    if len(subject) != token.i - sent.start or sent[-1].text not in _SENTENCE_ENDS:
        return None  # the noun phrase runs from the start of a full sentence to the verb
    if subject[0].pos_ == "ADP" or token.doc[token.i - 1].text in _OPENERS \
            or any(t.pos_ in ("VERB", "AUX", "SCONJ") or t.dep_ == "mark" for t in subject) \
            or any(t.pos_ == "AUX" or t.dep_ == "cop" for t in sent):
        return None  # no fronted phrase, no clause in the subject, no copula ("Among the weapons intercepted were")
    kids = list(token.children)
    if any(c.dep_ in _OWN_CLAUSE or any(g.dep_ == "case" and g.lower_ == "by" for g in c.children) for c in kids):
        return None
    if token.lower_ in _words().naming_participles:
        return None  # "an island called Jeju"
    if not any(c.dep_ in _OBJECTS for c in kids) and not (
            root.pos_ == "PROPN" or any(c.dep_ in ("det", "nmod:poss") for c in root.children)):
        return None  # with no object, a bare common noun's participle is a description ("food served ...")
    tree = _Tree(token.doc)
    tree.attach(token.i, token.i, "ROOT")
    for c in tree.children(root.i):
        if c > token.i:
            tree.heads[c] = token.i
    tree.attach(root.i, token.i, "nsubj")
    return "predicate" if tree.write() else None


def _agent_participle(token) -> str | None:
    """"Calenardhon welcomed cultural memos sent by Bree": a passive participle with its
    agent right after a verb's object describes the object; the parser may take it for
    the verb's complement, which only verbs that take one are ("had the memos sent by
    courier", "saw its embassy burned by crowds")."""
    if token.pos_ != "VERB" or token.dep_ != "xcomp" or token.head.pos_ != "VERB" \
            or token.head.lower_ in _words().object_complement_verbs:
        return None
    obj = next((c for c in token.head.children if c.dep_ == "obj" and c.right_edge.i + 1 == token.i), None)
    kids = list(token.children)
    if obj is None or obj.pos_ not in _NOMINAL or not _is_past(token) or any(
            c.dep_ in _OWN_CLAUSE - {"obl:agent"} or c.dep_ in _OBJECTS for c in kids):
        return None
    if not any(c.dep_ == "obl:agent" or c.dep_ == "obl" and any(g.dep_ == "case" and g.lower_ == "by"
                                                                  for g in c.children) for c in kids):
        return None
    tree = _Tree(token.doc)
    tree.attach(token.i, obj.i, "acl")
    return "agent participle" if tree.write() else None


_REPAIRS = (_perfect, _perfect_noun, _modal, _predicate, _agent_participle, _second_object)


def repair(doc) -> list[str]:
    """Repair ``doc``'s parse in place; the names of the repairs made, in order."""
    done = []
    for fix in _REPAIRS:
        for token in doc:
            name = fix(token)
            if name:
                done.append(name)
                log.debug("parse repair %s at %r: %s", name, token.text, doc.text)
    return done
