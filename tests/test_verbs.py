"""The CAMEO verb dictionary shipped in dyad/data/cameo/verbs.yaml, and the
script that builds it from ../shared/anchors/eventdata."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from dyad.events.verbs import VerbLexicon, VerbPattern, match_at, matches_element

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ANCHORS = SHARED / "anchors" / "eventdata"
PACKAGE_DATA = ROOT / "src" / "dyad" / "data" / "cameo"


def _script():
    name = "build_cameo_data"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "build_cameo_data.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def lex() -> VerbLexicon:
    return VerbLexicon.load()


def test_surface_forms_lead_to_their_verbs(lex):
    assert lex.verbs_for("met") == ["MEET_PEOPLE"]
    assert lex.verbs_for("meeting") == ["MEET_PEOPLE"]
    assert lex.verbs_for("Met") == ["MEET_PEOPLE"]
    assert "SIGN" in lex.verbs_for("signed")
    assert "VISIT" in lex.verbs_for("visited")
    assert lex.verbs_for("unicorn") == []


def test_met_with_codes_consult(lex):
    # CAMEO 2.0 has "met with" as a multi-word member of the MEET_PEOPLE block, whose code is 040
    assert "met with" in lex.forms("MEET_PEOPLE")
    assert lex.verbs_for("met with") == ["MEET_PEOPLE"]
    assert lex.default_code("MEET_PEOPLE") == "040"
    with_leaders = [p for p in lex.patterns("MEET_PEOPLE") if p.after == ("with", "leaders")]
    assert with_leaders and (with_leaders[0].code, with_leaders[0].code2) == ("036", "036")
    assert with_leaders[0].text == "* (with leaders)"
    # the target slot: "... desire for talks with +"
    talks = [p for p in lex.patterns("REPEAT") if p.after[-2:] == ("with", "+")]
    assert talks and talks[0].code == "036"


def test_paired_and_member_codes(lex):
    assert lex.default_codes("VISIT") == ("042", "043")
    assert lex.default_code("ASK") is None
    assert lex.default_code("ASK", "grilled") == "110"
    assert lex.default_code("ASK", "requested") == "020"


def test_exceptions_and_reverse_only_patterns(lex):
    pilgrims = [p for p in lex.patterns("VISIT") if p.before == ("pilgrims",)]
    assert pilgrims and pilgrims[0].code is None  # pilgrims visiting is no 042
    charge = [p for p in lex.patterns("MEET_PEOPLE") if p.after == ("charge",)]
    assert charge and (charge[0].code, charge[0].code2) == (None, "112")  # "faces charges": the reverse is 112


def test_patterns_most_specific_first(lex):
    for verb in lex.verbs:
        sizes = [p.specificity for p in lex.patterns(verb)]
        assert sizes == sorted(sizes, reverse=True), verb
    assert all(isinstance(p, VerbPattern) and p.verb == "SIGN" for p in lex.patterns("SIGN"))


def test_synonym_sets_expand_to_alternatives_with_plurals(lex):
    treaty = next(p for p in lex.patterns("SIGN") if p.text == "* &treaty")
    (alternatives,) = treaty.after
    assert isinstance(alternatives, tuple)
    assert {"treaty", "treaties", "pact", "pacts", "accord", "written agreement"} <= set(alternatives)
    assert matches_element(alternatives, "treaties") and not matches_element(alternatives, "treat")
    # a trailing _ in the dictionary means no plural: +CASH_, +WON_
    money = next(p for p in lex.patterns("ASK") if p.text == "* &currency")
    assert {"cash", "won", "dollar", "dollars"} <= set(money.after[0])
    assert not {"cashes", "wons"} & set(money.after[0])
    # phrases inside a set match consecutive words
    assert match_at(alternatives, ["a", "written", "agreement"], 1) == 2
    assert match_at(alternatives, ["a", "pact"], 1) == 1
    assert match_at(alternatives, ["a", "deal"], 1) == 0


def test_matching_conventions():
    assert matches_element("restriction*", "restrictions")
    assert matches_element("restriction*", "Restriction")
    assert not matches_element("restriction*", "restrain")
    assert matches_element("restriction", "restriction")
    assert not matches_element("restriction", "restrictions")
    assert matches_element(("curb*", "restriction*"), "curbs")
    assert matches_element("^", "anything") and not matches_element("+", "Iran")
    assert not any(isinstance(e, str) and e.endswith("*") and e != "*"
                   for p in VerbLexicon.load().patterns("SIGN") for e in p.after)


def test_regular_inflections():
    inflect = _script().inflections
    assert inflect("visit") == ["visits", "visited", "visiting"]
    assert inflect("stop") == ["stops", "stopped", "stopping"]
    assert inflect("agree") == ["agrees", "agreed", "agreeing"]
    assert inflect("try") == ["tries", "tried", "trying"]
    assert inflect("tie") == ["ties", "tied", "tying"]
    assert inflect("control") == ["controls", "controlled", "controlling"]
    assert inflect("target") == ["targets", "targeted", "targeting"]
    assert inflect("veto") == ["vetoes", "vetoed", "vetoing"]
    assert inflect("panic") == ["panics", "panicked", "panicking"]
    assert set(inflect("cancel")) == {"cancels", "canceled", "cancelled", "canceling", "cancelling"}
    assert inflect("teach") == ["teaches", "taught", "teaching"]
    plural = _script().plural
    assert [plural(w) for w in ("treaty", "day", "missile", "press", "troops", "prime minister")] == [
        "treaties", "days", "missiles", "presses", None, "prime ministers"]


def test_shipped_forms(lex):
    visit = lex.forms("VISIT")
    assert {"visit", "visits", "visited", "visiting"} <= set(visit) and "visitted" not in visit
    assert any("stopped" in lex.forms(v) for v in lex.verbs_for("stop"))
    assert all(f == f.lower() for v in lex.verbs for f in lex.forms(v))


def test_loads_with_the_c_loader():
    # the C loader keeps loading the 4,668 patterns at about 0.3 s (the pure-Python one takes
    # several seconds); its speed is the actors benchmark's business, its presence this test's
    assert hasattr(yaml, "CSafeLoader")
    raw = (PACKAGE_DATA / "verbs.yaml").read_bytes()
    assert VerbLexicon(yaml.load(raw, Loader=yaml.CSafeLoader)).patterns("VISIT") is not None


def test_shipped_files_are_what_the_script_builds(tmp_path):
    if not (ANCHORS / "petrarch2" / "dictionaries" / "CAMEO.2.0.txt").is_file():
        pytest.skip("../shared/anchors/eventdata is not present (fresh clone)")
    counts = _script().build(ANCHORS, tmp_path, quiet=True)
    for name in ("verbs.yaml", "codes.yaml", "LICENSE.md"):
        assert (tmp_path / name).read_bytes() == (PACKAGE_DATA / name).read_bytes(), (
            f"{name} is stale: run python scripts/build_cameo_data.py")
    assert counts["pattern_lines"] == 4668  # as in DESIGN.md
    assert counts["unparsed"] < 10


# ---------------------------------------------------------------------------
# A dictionary in PETRARCH's CAMEO 2.0 format, written for these tests: its phrases,
# synonym sets (one inside another, a multi-word member), paired codes, a compound
# actor, a multi-word verb whose verb word is its last, a pattern that lost its '-'.

PHRASES = """
####### SYNONYM SETS #######
&SECTOR
+TRADE
+ENERGY
+HEAVY_INDUSTRY

&BROADSECTOR
+&SECTOR
+SCIENCE

&COIN
+CROWN

&RARECOIN
+SILVER CROWN

####### VERB PATTERNS #######
--- ABANDON [120] ---
ABANDON
- * {NEW &SECTOR LINKS} [161]

--- CLASH [190] ---
CLASH
- * (OVER PLANS) [110]
- * (OVER {&BROADSECTOR POLICY}) [111]

--- GIVE [070] ---
GIVE {GIVES GAVE GIVEN GIVING}
- * &COIN [071]
- * &RARECOIN [073]

--- VISIT [042:043] ---
VISIT

--- DELAY [---] ---
POSTPONE
- % * [120]

--- SPY [170] ---
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED WIRE_+TAPPING}
RE_+ARM

--- MEET [040] ---
MEET {MEETS MET MEETING}
- ENVOYS * [043]
- QUIETLY * [041]

--- ARRIVE [---] ---
ARRIVE
* (FOR TALKS) [036]
"""


@pytest.fixture(scope="module")
def phrases_lexicon(tmp_path_factory):
    from dyad.events.verbdict import load_lexicon

    path = tmp_path_factory.mktemp("verbs") / "verbs.txt"
    path.write_text(PHRASES.lstrip(), encoding="utf-8")
    return load_lexicon(path)


@pytest.fixture(scope="module")
def code_with():
    """Code a sentence of real states with a given lexicon: (source, target, code, polarity)."""
    from dyad.actors.gazetteer import Gazetteer
    from dyad.actors.pipeline import ActorModel, annotate
    from dyad.actors.registry import shipped_registry
    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse

    registry = shipped_registry()
    model = ActorModel(registry, Gazetteer(registry))

    def code(text: str, lexicon) -> list[tuple]:
        mentions, actors = annotate(text, [(0, len(text))], "2024-05-10", model)
        subtypes = {a["id"]: a.get("subtype") for a in actors}
        mentions = [{**m, "subtype": subtypes.get(m["actor"])} for m in mentions]
        events = code_sentence(parse([text])[0], 0, mentions, lexicon, {}, None)
        return sorted((e.source.get("code"), e.target.get("code") if e.target else None, e.code, e.polarity)
                      for e in events)

    return code


def test_reader_keeps_the_dictionarys_phrases(phrases_lexicon):
    links = next(p for p in phrases_lexicon.patterns("ABANDON") if p.code == "161")
    assert links.after_phrases == (("np", 0, 3),) and links.after[0] == "new" and links.after[2] == "links"
    policy = next(p for p in phrases_lexicon.patterns("CLASH") if p.code == "111")
    # a noun phrase inside a prepositional phrase; the outer phrase first
    assert policy.after_phrases == (("pp", 0, 3), ("np", 1, 3))
    assert policy.units[1][0][0] == "pp" and policy.units[1][0][1][1][0] == "np"
    # a set inside a set, with a multi-word member of the inner one
    assert {"science", "trade", "energy", "heavy industry", "heavy industries"} <= set(policy.after[1])
    # the paired code, the compound actor, the pattern that lost its "-"
    assert phrases_lexicon.default_codes("VISIT") == ("042", "043")
    assert phrases_lexicon.patterns("DELAY")[0].before == ("%",)
    assert [p.code for p in phrases_lexicon.patterns("ARRIVE")] == ["036"]


def test_reader_marks_the_verb_word_of_a_multi_word_verb():
    from dyad.events.verbdict import _parse_member

    tap = _parse_member("WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED  WIRE_+TAPPING }", 1)
    assert tap.forms == ["wire tap", "wire taps", "wire tapped", "wire tapping"]
    # without a list the regular forms are made for the marked word, not the first
    assert _parse_member("RE_+ARM", 2).forms == ["re arm", "re arms", "re armed", "re arming"]
    assert _parse_member("+CORDON_OFF", 3).forms[:3] == ["cordon off", "cordons off", "cordoned off"]


def test_noun_phrase_modifier_next_to_its_head(phrases_lexicon, code_with):
    # {NEW &SECTOR LINKS}: the sector word right before "links", "new" anywhere before it
    assert code_with("Iran abandoned new trade links with Russia.", phrases_lexicon) == [
        ("IRN", "RUS", "161", "asserted")]
    assert code_with("Iran abandoned new regional trade links with Russia.", phrases_lexicon) == [
        ("IRN", "RUS", "161", "asserted")]
    # border links that happen to be about trade are no trade links: the verb's own code
    assert code_with("Iran abandoned new trade border links with Russia.", phrases_lexicon) == [
        ("IRN", "RUS", "120", "asserted")]


def test_prepositional_phrase_names_its_target(phrases_lexicon, code_with):
    # (OVER PLANS): the noun right after the preposition (an article between); the actor
    # inside that phrase is the target
    assert code_with("Iran clashed over the plans of Russia.", phrases_lexicon) == [("IRN", "RUS", "110", "asserted")]
    assert code_with("Iran clashed with Russia over the plans.", phrases_lexicon) == [
        ("IRN", "RUS", "110", "asserted")]
    assert code_with("Iran clashed with Russia over secret plans.", phrases_lexicon) == [
        ("IRN", "RUS", "190", "asserted")]
    # a set inside a set: the inner set's members, its multi-word ones as consecutive words
    for sector in ("science", "energy", "heavy industry"):
        assert code_with(f"Iran clashed over the {sector} policy of Russia.", phrases_lexicon) == [
            ("IRN", "RUS", "111", "asserted")], sector
    # a pattern that lost its "-", and a target found through its phrase
    assert ("IRN", "RUS", "036", "asserted") in code_with("Iran arrived for talks with Russia.", phrases_lexicon)


def test_the_pattern_matching_most_words_wins(phrases_lexicon, code_with):
    assert code_with("Iran gave a million silver crowns to Russia.", phrases_lexicon) == [
        ("IRN", "RUS", "073", "asserted")]
    assert code_with("Iran gave a million crowns to Russia.", phrases_lexicon) == [("IRN", "RUS", "071", "asserted")]


def test_paired_codes_and_compound_actors(phrases_lexicon, code_with):
    assert code_with("Iran visited Russia.", phrases_lexicon) == [
        ("IRN", "RUS", "042", "asserted"), ("RUS", "IRN", "043", "asserted")]
    postponed = code_with("Iran and Russia postponed their plans.", phrases_lexicon)
    assert postponed == [("IRN", "RUS", "120", "asserted"), ("RUS", "IRN", "120", "asserted")]
    # "%" needs coordinated subjects; the verb alone codes nothing here
    assert code_with("Iran postponed its plans with Russia.", phrases_lexicon) == []


def test_words_before_the_verb_are_the_subjects(phrases_lexicon, code_with):
    assert code_with("Iranian envoys met Russian officials.", phrases_lexicon) == [
        ("IRNGOV", "RUSGOV", "043", "asserted")]
    assert code_with("Iran met Russian envoys.", phrases_lexicon) == [("IRN", "RUSGOV", "040", "asserted")]
    # an adverb is no part of the subject: PETRARCH reads "QUIETLY *" in the source's phrase
    assert code_with("Iran quietly met Russia.", phrases_lexicon) == [("IRN", "RUS", "040", "asserted")]


def test_multi_word_verb_whose_verb_comes_last(phrases_lexicon, code_with):
    assert code_with("Iran will not wire tap Russian diplomats.", phrases_lexicon) == [
        ("IRN", "RUSGOV", "170", "negated")]  # dyad keeps the code and marks the negation


# ---------------------------------------------------------------------------
# dyad's own additions (verbs_dyad.yaml): the file's form, and phrasings of news on
# international relations that CAMEO 2.0 misses or codes otherwise, on sentences written here.


def test_dyad_additions_are_well_formed():
    raw = (PACKAGE_DATA / "verbs_dyad.yaml").read_text(encoding="utf-8")
    # YAML keeps only the last of two blocks with one name: a second block must extend the first
    names = [key.value for key, _ in yaml.compose(raw).value]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    codes = yaml.safe_load((PACKAGE_DATA / "codes.yaml").read_text(encoding="utf-8"))
    lines = []
    for name, block in yaml.safe_load(raw).items():
        assert block.get("code") in codes or block.get("code") is None, name
        for p in block.get("patterns") or ():
            assert p["code"] in codes and p.get("code2", p["code"]) in codes, (name, p)
            lines.append(p["line"])
            for element in (*(p.get("before") or ()), *(p.get("after") or ())):
                # an unquoted on / off / yes / no is a YAML boolean, not a word
                words = element if isinstance(element, list) else [element]
                assert all(isinstance(w, str) and w == w.lower() for w in words), (name, p["line"], element)
    assert len(lines) == len(set(lines))


def test_dyad_blocks_come_before_the_cameo_ones_they_refine(lex):
    # a new block is tried first; with nothing matched and no code of its own, CAMEO's decides
    assert lex.verbs_for("summoned") == ["SUMMON", "MOBILIZE"]
    assert lex.default_code("SUMMON") is None and lex.default_code("MOBILIZE", "summoned") == "040"
    assert lex.verbs_for("suspended")[0] == "ABROGATE" and "CANCEL" in lex.verbs_for("suspended")
    assert "closed" not in lex.forms("ABROGATE") and "ended" not in lex.forms("ABROGATE")
    # "^" (any words) puts dyad's expelled-diplomats pattern ahead of CAMEO's * DIPLOMATS [174]
    deport = [(p.code, p.line) for p in lex.patterns("DEPORT") if "diplomats" in str(p.after)]
    assert deport[0][0] == "161" and ("174", 8410) in deport


@pytest.mark.parametrize("text, expected", [
    # coercion at sea and force from afar
    ("Chinese coast guard ships fired water cannon at a Vietnamese fishing boat near the Paracels on Sunday.",
     [("CHNMIL", "VNM", "170", "asserted")]),
    ("A Chinese maritime militia ship rammed a Philippine coast guard vessel on Tuesday.",
     [("CHNUAF", "PHLMIL", "170", "asserted")]),
    ("Russia launched a wave of drones at Kyiv on Sunday.", [("RUS", "UKR", "195", "asserted")]),
    # diplomatic protest, recall, expulsion
    ("Hungary vetoed the statement, and Poland summoned the Hungarian ambassador.",
     [("POL", "HUNGOV", "114", "asserted")]),  # an ambassador nobody named is the state's government
    ("Tokyo lodged a strong protest against Beijing through diplomatic channels.",
     [("JPN", "CHN", "114", "asserted")]),
    ("India made strong representations to Pakistan.", [("IND", "PAK", "114", "asserted")]),
    ("Niger recalled its envoy from Paris for consultations.", [("NER", "FRA", "161", "asserted")]),
    ("Poland expelled three Belarusian diplomats on Wednesday.", [("POL", "BLRGOV", "161", "asserted")]),
    ("The Netherlands declared two Russian diplomats persona non grata.", [("NLD", "RUSGOV", "161", "asserted")]),
    # treaties and agreements
    ("The United States withdrew from the treaty with Russia.", [("USA", "RUS", "161", "asserted")]),
    ("Mali terminated its defence agreement with France in 2022.", [("MLI", "FRA", "161", "asserted")]),
    ("Moscow annulled the treaty with Tbilisi.", [("RUS", "GEO", "161", "asserted")]),
    ("India placed the water treaty with Pakistan in abeyance.", [("IND", "PAK", "161", "asserted")]),
    ("Russia pulled out of the arms control treaty with the United States in 2019.",
     [("RUS", "USA", "161", "asserted")]),
    ("Armenia and Azerbaijan initialled the text of a peace agreement.",
     [("ARM", "AZE", "050", "asserted"), ("AZE", "ARM", "050", "asserted")]),
    ("Thailand and Cambodia declared a ceasefire on Monday.",
     [("KHM", "THA", "0871", "asserted"), ("THA", "KHM", "0871", "asserted")]),
    ("India and Pakistan agreed on a ceasefire on Saturday.",
     [("IND", "PAK", "0871", "asserted"), ("PAK", "IND", "0871", "asserted")]),
    # sanctions and prisoners
    ("Washington restored sanctions on Venezuela's oil sector.", [("USA", "VEN", "163", "asserted")]),
    ("The United States renewed sanctions on Zimbabwe for another year.", [("USA", "ZWE", "163", "asserted")]),
    ("The United States let its oil licence for Venezuela lapse on Thursday.", [("USA", "VEN", "163", "asserted")]),
    ("Russia and Ukraine exchanged prisoners on Sunday.",
     [("RUS", "UKR", "0841", "asserted"), ("UKR", "RUS", "0841", "asserted")]),
    # talks by telephone, and naming a wrong
    ("The Indian and Pakistani military commanders spoke over the hotline on Monday.",
     [("INDMIL", "PAKMIL", "041", "asserted"), ("PAKMIL", "INDMIL", "041", "asserted")]),
    ("Beijing denounced what it called Manila's provocations near the shoal.", [("CHN", "PHL", "111", "asserted")]),
    ("Russia called Britain's decision a provocation.", [("RUS", "GBR", "111", "asserted")]),
])
def test_dyad_phrasings_of_international_events(code_with, lex, text, expected):
    assert code_with(text, lex) == expected


@pytest.mark.parametrize("text, unwanted", [
    ("China launched a drone programme with Pakistan in 2019.", "19"),  # no attack without a target phrase
    ("Egypt summoned an emergency meeting of the Arab League.", "11"),  # only an envoy summoned is a protest
    ("Greece and Turkey closed a deal on migration on Monday.", "16"),  # closing a deal concludes it
    ("Armenia ceded four villages to Azerbaijan under the border agreement.", "16"),
    ("Ukraine recalled the lessons of the war with Russia.", "16"),
    ("The Turkish president called the Greek prime minister after the earthquake.", "11"),  # a call, no label
])
def test_dyad_phrasings_that_are_not_those_events(code_with, lex, text, unwanted):
    assert not [e for e in code_with(text, lex) if e[2].startswith(unwanted)]
