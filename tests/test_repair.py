"""The parse repairs of dyad/events/repair.py, on real parses of the shipped model."""

from __future__ import annotations

import pytest

from dyad.events.parse import parse, parser
from dyad.events.repair import repair


def _raw(text):
    """The model's own parse, unrepaired, and the repairs it needs."""
    doc = parser()(text)
    return doc, repair(doc)


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_a_perfect_read_as_main_verb_have_gets_the_participle_as_head():
    doc, done = _raw("Ethiopia has broken relations with Libya almost five years after crowds trashed its embassy.")
    assert done == ["perfect"]
    broken = _tok(doc, "broken")
    assert broken.dep_ == "ROOT" and broken.pos_ == "VERB"
    assert {(c.text, c.dep_) for c in broken.children} >= {("Ethiopia", "nsubj"), ("has", "aux"),
                                                           ("relations", "obj")}


@pytest.mark.parametrize("text", ["Iran has limited resources.", "They have crushed red pepper flakes and oregano.",
                                  "Israel has launched strikes on Gaza."])
def test_possession_and_right_perfects_are_left_alone(text):
    # an adjectival participle, a subject that is no name, a parse that is right already
    assert _raw(text)[1] == []


def test_a_modals_base_verb_mistagged_takes_the_clause_from_a_later_participle():
    doc, done = _raw("Arnor will abandon improved economic relations with Gondor almost five years after crowds "
                     "trashed its embassy, a senior official said on Saturday.")
    assert done == ["modal"]
    abandon, improved, relations = _tok(doc, "abandon"), _tok(doc, "improved"), _tok(doc, "relations")
    assert abandon.dep_ == "ROOT" and abandon.pos_ == "VERB"
    assert (relations.head, relations.dep_) == (abandon, "obj")
    assert (improved.head, improved.dep_) == (relations, "amod")
    assert _tok(doc, "Arnor").head == abandon and _tok(doc, "will").head == abandon


def test_a_modals_base_verb_mistagged_takes_the_clause_from_a_later_noun():
    doc, done = _raw("Arnor will abandon new global economic relations with Gondor almost five years after crowds "
                     "trashed its embassy, a senior official said on Saturday.")
    assert done == ["modal"]
    abandon, relations = _tok(doc, "abandon"), _tok(doc, "relations")
    assert abandon.dep_ == "ROOT" and (relations.head, relations.dep_) == (abandon, "obj")
    assert _tok(doc, "new").head == relations  # the noun keeps its own modifiers
    assert (_tok(doc, "trashed").head, _tok(doc, "trashed").dep_) == (abandon, "advcl")


@pytest.mark.parametrize("text", ["Iran will sign the deal with Russia.",
                                  "I was worried I would get charged an arm and a leg."])
def test_modals_with_their_verb_are_left_alone(text):
    assert _raw(text)[1] == []


@pytest.mark.parametrize("text, verb, subject", [
    ("Bree Prime Minister Romendacil clashed over the efforts of Eriadori to deal with an orc infestation.",
     "clashed", "Romendacil"),
    ("Ithilen and the government of Gondor warned their Ent populations about the Prince of Dol Amroth.",
     "warned", "Ithilen"),
])
def test_the_verb_after_a_sentence_opening_noun_phrase_is_its_predicate(text, verb, subject):
    doc, done = _raw(text)
    assert done == ["predicate"]
    assert _tok(doc, verb).dep_ == "ROOT" and (_tok(doc, subject).head, _tok(doc, subject).dep_) == \
        (_tok(doc, verb), "nsubj")


@pytest.mark.parametrize("text", ["an island called jejudo/jeju island",
                                  "Among the weapons intercepted were two launchers and 20 rifles.",
                                  "Fantastic food served without pretense, very reasonably priced wine selections."])
def test_noun_phrases_with_a_participle_stay_noun_phrases(text):
    # a naming participle, a fragment with no stop, a copula's inverted subject, a bare description
    assert "predicate" not in _raw(text)[1]


def test_a_participle_with_its_agent_after_an_object_describes_the_object():
    doc, done = _raw("Calenardhon welcomed cultural memos sent by Bree on its role for in forthcoming peace talks.")
    assert done == ["agent participle"]
    assert (_tok(doc, "sent").head, _tok(doc, "sent").dep_) == (_tok(doc, "memos"), "acl")


@pytest.mark.parametrize("text", ["Syria's death toll has risen in the war with the rebels.",
                                  "The death toll has risen to 50."])
def test_an_intransitive_perfect_with_its_participle_tagged_a_noun_gets_the_participle_as_head(text):
    doc, done = _raw(text)
    assert done == ["perfect noun"]
    risen = _tok(doc, "risen")
    assert risen.pos_ == "VERB" and risen.dep_ in ("ROOT", "ccomp")
    assert (_tok(doc, "has").head, _tok(doc, "has").dep_) == (risen, "aux")
    assert _tok(doc, "toll").head == risen and _tok(doc, "toll").dep_ == "nsubj"


def test_a_second_object_opened_by_a_past_form_after_and_is_the_conjunct_verbs():
    doc, done = _raw("The Nigerian government condemned an attack by gunmen in the north on Thursday and promised "
                     "aid to the affected villages.")
    assert done == ["second object"]
    condemned, promised, aid = _tok(doc, "condemned"), _tok(doc, "promised"), _tok(doc, "aid")
    assert (promised.head, promised.dep_, promised.pos_) == (condemned, "conj", "VERB")
    assert (aid.head, aid.dep_) == (promised, "obj")
    assert (_tok(doc, "and").head, _tok(doc, "and").dep_) == (promised, "cc")


@pytest.mark.parametrize("text", ["Iran has fallen in the rankings.", "Russia has signed and ratified the treaty.",
                                  "Iran bought rifles and armed drones.", "Iran condemned the raid and vowed revenge."])
def test_perfects_and_coordinations_parsed_right_are_left_alone(text):
    assert _raw(text)[1] == []


def test_parse_repairs_what_it_parses():
    doc = parse(["Ethiopia has broken relations with Libya."])[0]
    assert _tok(doc, "broken").dep_ == "ROOT" and _tok(doc, "has").dep_ == "aux"


def test_repaired_parses_code_their_events():
    from dyad.events.coder import code_sentence
    from dyad.events.verbs import VerbLexicon

    text = "Ethiopia has broken relations with Libya."
    doc = parse([text])[0]

    def state(code, name):
        start = text.index(name)
        return {"actor": code, "code": code, "type": "state", "form": "name", "start": start,
                "end": start + len(name), "text": name}

    events = code_sentence(doc, 0, [state("ETH", "Ethiopia"), state("LBY", "Libya")], VerbLexicon.load())
    assert any(e.source["actor"] == "ETH" and e.target and e.target["actor"] == "LBY" and e.trigger_text == "broken"
               for e in events)


def _states(text, *names):
    out = []
    for code, name in names:
        start = text.index(name)
        out.append({"actor": code, "code": code, "type": "state", "form": "name", "start": start,
                    "end": start + len(name), "text": name})
    return out


def test_a_list_with_a_serial_comma_acts_together():
    from dyad.events.coder import code_sentence
    from dyad.events.verbs import VerbLexicon

    text = "Egypt, Jordan, and Qatar condemned Israel on Monday."
    doc = parse([text])[0]
    mentions = _states(text, ("EGY", "Egypt"), ("JOR", "Jordan"), ("QAT", "Qatar"), ("ISR", "Israel"))
    events = code_sentence(doc, 0, mentions, VerbLexicon.load())
    assert {e.source["actor"] for e in events if e.target and e.target["actor"] == "ISR"} == {"EGY", "JOR", "QAT"}


def test_a_visit_noun_is_hosted_as_the_verb_is():
    from dyad.events.coder import code_sentence
    from dyad.events.verbs import VerbLexicon

    text = "Iran's visit to Russia ended on Friday."
    doc = parse([text])[0]
    events = code_sentence(doc, 0, _states(text, ("IRN", "Iran"), ("RUS", "Russia")), VerbLexicon.load())
    found = {(e.source["actor"], e.code, e.target["actor"]) for e in events if e.target}
    assert {("IRN", "042", "RUS"), ("RUS", "043", "IRN")} <= found
