"""PETRARCH-style validation scoring: a small inline suite (records, actors,
agents and discards written here, in the formats of Universal-PETRARCH's
validation files) scored with both parses, then — when ../shared is there —
the whole Universal-PETRARCH validation file in both modes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.actors.gazetteer import Gazetteer
from dyad.actors.pipeline import ActorModel
from dyad.actors.resolve import resolve
from dyad.actors.tokens import tokenize
from dyad.errors import InputError, UsageError
from dyad.events.parse import parser
from dyad.petrarch_eval import (
    PetrarchReport,
    RecordResult,
    diagnose,
    doc_from_conllu,
    evaluate_petrarch,
    load_records,
    match_events,
    validation_registry,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VALIDATE = SHARED / "anchors" / "eventdata" / "universalpetrarch" / "validate"
FULL_FILE = VALIDATE / "PETR_Validate_records_2_02.xml"


def conllu(*rows: str) -> str:
    """CoNLL-U lines from 'id form lemma upos head deprel' rows (UD v1 labels, as the suite has)."""
    lines = []
    for row in rows:
        i, form, lemma, upos, head, dep = row.split()
        lines.append("\t".join([i, form, lemma, upos, "_", "_", head, dep, "_", "_"]))
    return "\n".join(lines)


MEET = conllu("1 Zendia Zendia PROPN 2 nsubj", "2 met meet VERB 0 root", "3 Korvia Korvia PROPN 2 dobj",
              "4 on on ADP 5 case", "5 Monday Monday PROPN 2 nmod", "6 . . PUNCT 2 punct")
GOVERNMENT = conllu("1 Zendia Zendia PROPN 3 nmod:poss", "2 's 's PART 1 case",
                    "3 government government NOUN 4 nsubj", "4 condemned condemn VERB 0 root",
                    "5 Korvia Korvia PROPN 4 dobj", "6 . . PUNCT 4 punct")
SMEAGOL = conllu("1 Smeagol Smeagol PROPN 2 nsubj", "2 met meet VERB 0 root", "3 Korvia Korvia PROPN 2 dobj",
                 "4 on on ADP 5 case", "5 Monday Monday PROPN 2 nmod", "6 . . PUNCT 2 punct")
WEATHER = conllu("1 The the DET 2 det", "2 weather weather NOUN 6 nsubj", "3 in in ADP 4 case",
                 "4 Zendia Zendia PROPN 2 nmod", "5 was be VERB 6 cop", "6 mild mild ADJ 0 root",
                 "7 on on ADP 8 case", "8 Tuesday Tuesday PROPN 6 nmod", "9 &amp; &amp; CONJ 10 cc",
                 "10 Wednesday Wednesday PROPN 8 conj", "11 . . PUNCT 6 punct")

# The suite's quirks are on purpose: a comment nesting another comment, a
# <PLEvent {json}> line that is no XML, an entity, text wrapped over lines.
SAMPLE = f"""<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#   Use <Sentence ... evaluate="false"> to bypass a case, with a comment in <!-- ... -->
#   explaining why.
-->
<Sentences>

<Sentence category="DEMO" date="19950101" id="T-MEET" evaluate="true">
<!-- the simplest event there is -->
<EventCoding eventcode="040" sourcecode="ZND" targetcode="KRV" />
<PLEvent {{"event": "040", "source": [{{"code": "ZND"}}], "target": [{{"code": "KRV"}}]}}>
<Text>
Zendia met Korvia
on Monday.
</Text>
<Parse>
{MEET}
</Parse></Sentence>

<Sentence category="AGENT" date="19950101" id="T-GOV" evaluate="true">
<EventCoding eventcode="111" sourcecode="ZNDGOV" targetcode="KRV" />
<Text>
Zendia's government condemned Korvia.
</Text>
<Parse>
{GOVERNMENT}
</Parse></Sentence>

<Sentence category="DATE" date="19960101" id="T-DATE" evaluate="true">
<!-- Smeagol is Gollum, HOBGOV from 1995-06-01 -->
<EventCoding eventcode="040" sourcecode="HOBGOV" targetcode="KRV" />
<Text>
Smeagol met Korvia on Monday.
</Text>
<Parse>
{SMEAGOL}
</Parse></Sentence>

<Sentence category="DEMO" date="19950102" id="T-NONE" evaluate="true">
<EventCoding noevents="True" />
<Text>
The weather in Zendia was mild on Tuesday &amp; Wednesday.
</Text>
<Parse>
{WEATHER}
</Parse></Sentence>

<Sentence category="DEMO" date="19950102" id="T-OFF" evaluate="false">
<!-- not evaluated: left out and counted -->
<EventCoding eventcode="040" sourcecode="ZND" targetcode="KRV" />
<Text>
Zendia met Korvia.
</Text>
<Parse>
{MEET}
</Parse></Sentence>

</Sentences>
</Validation>
"""

ACTORS = """
<!-- test actors -->
ZENDIA [ZND]
+ZENDIAN
KORVIA [KRV]
KORVAK [KRV]  # a person known only by the country code

GOLLUM  # a one-word person with dated codes
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
"""

AGENTS = """
GOVERNMENT [~GOV]
POLICE {} [~COP]
LAWMAKER [~LEG]
PRESIDENT [~GOV]
MSF {} [NGO~]
"""


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """The inline records with their dictionaries beside them, under the suite's file names."""
    (tmp_path / "PETR_Validate_actors_2_02.txt").write_text(ACTORS.lstrip(), encoding="utf-8")
    (tmp_path / "PETR_Validate_agents_2_02.txt").write_text(AGENTS.lstrip(), encoding="utf-8")
    path = tmp_path / "records.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def by_id(report: PetrarchReport) -> dict[str, RecordResult]:
    return {r.id: r for r in report.results}


def test_load_records_reads_the_suites_format(suite: Path) -> None:
    records = load_records(suite)
    assert [r.id for r in records] == ["T-MEET", "T-GOV", "T-DATE", "T-NONE"]
    assert records.skipped == 1
    meet = records[0]
    assert meet.text == "Zendia met Korvia on Monday."  # wrapped lines joined
    assert meet.expected == [("ZND", "KRV", "040")]
    assert meet.date == "1995-01-01" and meet.category == "DEMO"
    assert [w.form for w in meet.words] == ["Zendia", "met", "Korvia", "on", "Monday", "."]
    assert meet.words[2].head == 2 and meet.words[2].deprel == "dobj"
    none = records[3]
    assert none.no_events and none.expected == []
    assert "Tuesday & Wednesday" in none.text and none.words[8].form == "&"


def test_missing_file_and_bad_mode_are_one_line_errors(tmp_path: Path, suite: Path) -> None:
    with pytest.raises(InputError):
        load_records(tmp_path / "nope.xml")
    empty = tmp_path / "empty.xml"
    empty.write_text("<Validation></Validation>", encoding="utf-8")
    with pytest.raises(InputError):
        load_records(empty)
    with pytest.raises(UsageError):
        evaluate_petrarch(suite, parse="stanford")
    with pytest.raises(InputError):
        evaluate_petrarch(suite, actors_file=tmp_path / "no-actors.txt")


def test_registry_from_the_suites_dictionaries(suite: Path) -> None:
    reg = validation_registry(suite.parent / "PETR_Validate_actors_2_02.txt",
                              suite.parent / "PETR_Validate_agents_2_02.txt")
    # States are keyed by their code, so a sector actor is state + agent (ZNDGOV).
    assert reg.get("ZND").type == "state" and reg.get("ZND").code == "ZND"
    assert reg.get("IRN") is None  # dyad's own states are left out unless asked for
    assert validation_registry(None, with_dyad_states=True).get("IRN").type == "state"
    # A one-word imported person is matched all the same (as a group).
    gollum = next(a for a in reg.actors.values() if a.name == "Gollum")
    tokens = tokenize("Smeagol met Korvia.", [(0, 19)])
    assert Gazetteer(reg).match(tokens, 0)[1][0].actor_id == gollum.id
    # Agent nouns with their regular plurals, except where the file lists them in braces.
    assert set(reg.sectors["LEG"].nouns) == {"lawmaker", "lawmakers"}
    # A country name or its alias before an agent noun is that sector, and a name the
    # dictionary codes with the bare country takes the sector its title gives.
    text = "Korvia President Korvak met Zendian police and Korvia lawmakers."
    got = resolve(text, [(0, len(text))], None, reg, Gazetteer(reg)).mentions
    assert [(m.text, m.code) for m in got] == [("Korvia President Korvak", "KRVGOV"), ("Zendian police", "ZNDCOP"),
                                               ("Korvia lawmakers", "KRVLEG")]
    assert reg.sectors["COP"].nouns == ("police",)
    # an agent code written as a prefix keeps its tilde and goes before the state's code
    assert reg.sectors["NGO~"].nouns == ("msf",)
    got = resolve("MSF Korvia protested.", [(0, 21)], None, reg, Gazetteer(reg)).mentions
    assert [(m.text, m.code) for m in got] == [("MSF Korvia", "NGOKRV")]
    assert not reg.offices


def test_given_parse_becomes_an_aligned_ud2_doc() -> None:
    records_words = load_records_from_text(GOVERNMENT)
    text = "Zendia's government condemned Korvia."
    doc, aligned = doc_from_conllu(records_words, text, parser().vocab)
    assert aligned and doc.text == text
    assert [t.dep_ for t in doc] == ["nmod:poss", "case", "nsubj", "ROOT", "obj", "punct"]
    assert doc[3].head.i == 3 and doc[0].head.i == 2
    meet, aligned = doc_from_conllu(load_records_from_text(MEET), "Zendia met Korvia on Monday.", parser().vocab)
    assert aligned and meet[4].dep_ == "obl"  # nmod on a verb is UD v2 obl
    weather, _ = doc_from_conllu(load_records_from_text(WEATHER),
                                 "The weather in Zendia was mild on Tuesday & Wednesday.", parser().vocab)
    assert weather[4].pos_ == "AUX" and weather[8].pos_ == "CCONJ" and weather[3].dep_ == "nmod"
    # PTB brackets and straight quotes in the parse, the text's own characters in the Doc.
    brackets = conllu("1 Zendia Zendia PROPN 5 nsubj", "2 -LRB- -LRB- PUNCT 3 punct", "3 ZN ZN PROPN 1 appos",
                      "4 -RRB- -RRB- PUNCT 3 punct", "5 agrees agree VERB 0 root", "6 ' ' PUNCT 5 punct")
    text = "Zendia (ZN) agrees \u2019"
    doc, aligned = doc_from_conllu(load_records_from_text(brackets), text, parser().vocab)
    assert aligned and doc.text == text and doc[1].text == "("


def load_records_from_text(parse: str):
    from dyad.petrarch_eval import _read_conllu

    words, problem = _read_conllu(parse.replace("&amp;", "&"))
    assert problem is None
    return words


@pytest.mark.parametrize("mode", ["own", "given"])
def test_inline_sample_is_scored(suite: Path, mode: str) -> None:
    report = evaluate_petrarch(suite, parse=mode)
    results = by_id(report)
    assert report.mode == mode
    assert (report.records, report.skipped, report.expected_events) == (4, 1, 3)
    assert ("ZND", "KRV", "040") in results["T-MEET"].found and results["T-MEET"].matched == 1
    assert results["T-GOV"].found == [("ZNDGOV", "KRV", "111")] and results["T-GOV"].matched == 1
    assert results["T-DATE"].found == [("HOBGOV", "KRV", "040")]  # Gollum's code at the record's date
    assert results["T-NONE"].found == [] and results["T-NONE"].extra == 0
    assert report.found_expected == 3 and report.recall() == 1.0
    assert report.records_with_extra == 0 and report.extra_rate() == 0.0
    assert report.parse_failures == 0
    data = json.loads(json.dumps(report.to_dict()))
    assert data["recall"] == 1.0 and data["by_category"]["DEMO"]["records"] == 2
    assert data["results"][0]["events"][0]["rule"]


def test_a_coordinated_phrase_codes_one_event_per_actor(suite: Path) -> None:
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon
    from dyad.petrarch_eval import _code_record

    reg = validation_registry(suite.parent / "PETR_Validate_actors_2_02.txt",
                              suite.parent / "PETR_Validate_agents_2_02.txt")
    model = ActorModel(reg, Gazetteer(reg))
    for text, sources in [("Lawmakers in Zendia and Korvia condemned Smeagol.", {"ZNDLEG", "KRVLEG"}),
                          ("Zendian police and government condemned Smeagol.", {"ZNDCOP", "ZNDGOV"})]:
        doc = parse([text])[0]
        events, _ = _code_record(doc, text, "1996-01-01", model, VerbLexicon.load())
        assert {e.source["code"] for e in events} == sources, text
        assert {e.target["code"] for e in events} == {"HOBGOV"}


def test_extra_events_and_misses_are_counted(suite: Path) -> None:
    text = suite.read_text(encoding="utf-8").replace('eventcode="111" sourcecode="ZNDGOV"',
                                                     'eventcode="112" sourcecode="ZNDGOV"')
    suite.write_text(text, encoding="utf-8")
    report = evaluate_petrarch(suite, parse="own")
    gov = by_id(report)["T-GOV"]
    assert gov.matched == 0 and gov.extra == 1 and gov.missed == [("ZNDGOV", "KRV", "112")]
    assert gov.matched_root == 1 and gov.extra_root == 0  # 111 and 112 share the root 11
    assert diagnose(gov) == [(("ZNDGOV", "KRV", "112"), "wrong event code")]
    assert report.found_expected == 2 and report.records_with_extra == 1
    assert report.recall() == pytest.approx(2 / 3) and report.extra_rate() == pytest.approx(1 / 4)


def test_a_broken_parse_codes_nothing_in_given_mode(suite: Path) -> None:
    text = suite.read_text(encoding="utf-8").replace("5\tKorvia\tKorvia\tPROPN\t_\t_\t4\tdobj",
                                                     "5\tKorvia\tKorvia\tPROPN\t_\t_\t9\tdobj")
    suite.write_text(text, encoding="utf-8")
    given = evaluate_petrarch(suite, parse="given")
    assert given.parse_failures == 1 and by_id(given)["T-GOV"].found == []
    assert "outside the sentence" in by_id(given)["T-GOV"].note
    assert by_id(evaluate_petrarch(suite, parse="own"))["T-GOV"].matched == 1  # own parse does not need it


def test_discards_stop_coding(suite: Path) -> None:
    (suite.parent / "PETR_Validate_discards_2_02.txt").write_text("# discards\n+MONDAY   # story level\n",
                                                                  encoding="utf-8")
    report = evaluate_petrarch(suite, parse="own")
    assert report.discarded == 2
    assert by_id(report)["T-MEET"].found == [] and by_id(report)["T-MEET"].note.startswith("discarded")
    assert by_id(report)["T-GOV"].matched == 1


# A verbs file in PETRARCH's CAMEO 2.0 format with codes of its own: its
# "condemn" and "scold" are 112 (CAMEO 2.0 says 111).
VERBS = """
####### SYNONYM SETS #######
&PEACE_TALKS
+PEACE_TALKS_

####### VERB PATTERNS #######
--- CONDEMN [112] ---
CONDEMN
SCOLD {SCOLDS SCOLDED SCOLDING}
- * + (FOR &PEACE_TALKS) [---]

--- MEET [040] ---
MEET {MEETS MET MEETING}
"""


def test_the_suites_verbs_file_codes_when_beside_it(suite: Path) -> None:
    (suite.parent / "PETR_Validate_verbs_2_02.txt").write_text(VERBS.lstrip(), encoding="utf-8")
    suite.write_text(suite.read_text(encoding="utf-8").replace("Zendia's government condemned Korvia.",
                                                               "Zendia's government scolded Korvia."),
                     encoding="utf-8")
    report = evaluate_petrarch(suite, parse="own")
    assert report.verbs.endswith("PETR_Validate_verbs_2_02.txt")
    assert by_id(report)["T-GOV"].found == [("ZNDGOV", "KRV", "112")]  # the file's code, its verb
    assert by_id(report)["T-MEET"].found == [("ZND", "KRV", "040")]
    ours = evaluate_petrarch(suite, parse="own", verbs="dyad")
    assert ours.verbs == "dyad" and by_id(ours)["T-GOV"].found == [("ZNDGOV", "KRV", "111")]
    assert ours.summary()["verbs"] == "dyad"
    with pytest.raises(InputError):
        evaluate_petrarch(suite, verbs=suite.parent / "nowhere.txt")


def test_verb_dictionary_reader_reads_sets_members_and_null_patterns(tmp_path: Path) -> None:
    from dyad.events.verbdict import load_lexicon

    path = tmp_path / "verbs.txt"
    path.write_text(VERBS.lstrip(), encoding="utf-8")
    lex = load_lexicon(path)
    assert lex.verbs_for("scolding") == ["CONDEMN"] and lex.verbs_for("condemned") == ["CONDEMN"]
    assert lex.default_code("CONDEMN") == "112"
    [null] = lex.patterns("CONDEMN")
    assert null.code is None and null.after == ("+", "for", ("peace talks",))


def test_match_events_levels() -> None:
    expected = [("FRO/BIL/SAM", "GON", "050"), ("ARNGOV", "ITH", "042")]
    found = [("BIL", "GON", "050"), ("ARN", "ITH", "043"), ("ARN", "ITH", "043")]
    assert match_events(expected, found) == (1, [("ARNGOV", "ITH", "042")], found[1:])
    assert match_events(expected, found, level="root")[0] == 2  # ARN is ARNGOV's root, 04 the event root
    assert match_events(expected, found, level="pair")[0] == 1  # ARN is not ARNGOV
    # A found triple serves one expected triple only.
    assert match_events([("A", "B", "040"), ("A", "B", "040")], [("A", "B", "040")])[0] == 1


@pytest.mark.slow
def test_full_universal_petrarch_file_in_both_modes() -> None:
    if not FULL_FILE.exists():
        pytest.skip("../shared is not present (fresh clone)")
    for mode in ("own", "given"):
        report = evaluate_petrarch(FULL_FILE, parse=mode)
        assert report.records > 200 and report.skipped > 0
        assert report.expected_events > 250
        assert 0.0 <= report.recall() <= 1.0 and 0.0 <= report.extra_rate() <= 1.0
        assert 0.0 <= report.recall_root() <= 1.0
        assert report.found_expected <= report.found_expected_root
        # floors: they only move up (and the share of records with extra events only down),
        # with the suite's verbs file (the default) and with dyad's own CAMEO 2.0 verbs
        # (extras 0.080 -> 0.087 own, 0.125 -> 0.129 given when places and topics became targets:
        # right targets with a source the suite's actor file resolves otherwise, "minister
        # Calimehtar" CAL for ITHGOV, and "Ithilen state-run television" unmatched as ITHTV)
        recall, recall_root, extra = {"own": (0.857, 0.86, 0.085), "given": (0.86, 0.86, 0.13)}[mode]
        assert report.verbs.endswith("PETR_Validate_verbs_2_02.txt")
        # negated events scored by the suite's ontology ("didn't clash over ..." is 050 there)
        assert report.pico.endswith("PETR_Validate_Internal_Coding_Ontology_1_01.txt")
        assert report.negations_converted >= 10
        assert report.recall() >= recall and report.recall_root() >= recall_root
        assert report.extra_rate() <= extra
        ours = evaluate_petrarch(FULL_FILE, parse=mode, verbs="dyad")
        # with dyad's own verbs most extras are the right pair under another CAMEO code
        # (62 of 79 records, own parse): coding more records structurally right adds them;
        # the parse repair (recall 0.328 -> 0.334 with these verbs) took the own-parse cap 0.30 -> 0.32;
        # "fired shells near a vessel from South Korea" is 193 here, 180 in the suite (given 0.364 -> 0.368)
        recall, recall_root, extra = {"own": (0.36, 0.59, 0.32), "given": (0.37, 0.59, 0.368)}[mode]
        assert ours.recall() >= recall and ours.recall_root() >= recall_root
        assert ours.extra_rate() <= extra


# A coding ontology in PICO notation, written for these tests: "not" is a term of
# 0xFFFF added or taken away; "#" starts a comment.
PICO = """
# test ontology
010:0x1000#Say
011:0x1000-0xFFFF
040:0xB000
050:0x0080
051:0x0081
060:0x0070
080:0x0200
08:0x0200
110:0x1007f#0xFFFF+0x0080#written as one value
112:0xFFFF+0x0081
120:-0xFFFF
121:-0xFFFF+0x0070
124:-0xFFFF+0x0200
1221:-0xFFFF+0x2045+0x300
---:0
"""


def test_pico_complements_come_from_the_notation(tmp_path: Path) -> None:
    from dyad.petrarch_pico import parse_value, read_pico

    assert parse_value("0x1007f") == 0xFFFF + 0x80 and parse_value("-0xFFFF+0x0070") == 0x70 - 0xFFFF
    assert parse_value("0x1000-0xFFFF") == 0x1000 - 0xFFFF and parse_value("0") == 0
    with pytest.raises(ValueError):
        parse_value("0x10 and more")
    path = tmp_path / "pico.txt"
    path.write_text(PICO.lstrip() + "bad line\n", encoding="utf-8")
    pico = read_pico(path)
    assert len(pico.problems) == 1 and pico.values["110"] == 0x1007F
    # "not" both ways, whichever side carries the 0xFFFF
    assert pico.complement("110") == "050" and pico.complement("050") == "110"
    assert pico.complement("112") == "051" and pico.complement("011") == "010"
    assert pico.complement("121") == "060" and pico.complement("060") == "121"
    assert pico.complement("124") == "080"  # 080 and 08 share the value: the first in the file
    assert pico.complement("120") == "---"  # "reject" negated is no event
    # no partner, no code in the file: no complement, the code stays
    assert pico.complement("040") is None and pico.negated("040") == "040"
    assert pico.complement("1221") is None and pico.negated("999") == "999"
    with pytest.raises(InputError):
        read_pico(tmp_path / "missing.txt")


NEGATIONS = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Environment><PICOfile>ontology.txt</PICOfile></Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="N-OWN" evaluate="true">
<EventCoding eventcode="051" sourcecode="ZND" targetcode="KRV" />
<Text>Zendia did not scold Korvia.</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="N-ABOVE" evaluate="true">
<EventCoding eventcode="112" sourcecode="ZND" targetcode="KRV" />
<Text>Zendia did not try to scold Korvia.</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="N-NULL" evaluate="true">
<EventCoding noevents="True" />
<Text>Zendia has not rebuffed Korvia.</Text>
</Sentence>
<Sentence category="DEMO" date="19950101" id="N-NONE" evaluate="true">
<EventCoding eventcode="040" sourcecode="ZND" targetcode="KRV" />
<Text>Zendia has not met Korvia.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_negated_events_are_scored_as_petrarch_codes_them(suite: Path) -> None:
    verbs = VERBS.lstrip() + "\n--- REBUFF [120] ---\nREBUFF\n"
    (suite.parent / "PETR_Validate_verbs_2_02.txt").write_text(verbs, encoding="utf-8")
    (suite.parent / "ontology.txt").write_text(PICO.lstrip(), encoding="utf-8")
    records = suite.parent / "negations.xml"
    records.write_text(NEGATIONS, encoding="utf-8")
    report = evaluate_petrarch(records, parse="own")
    results = by_id(report)
    assert report.pico.endswith("ontology.txt")  # the file the records' <Environment> names
    # the verb's own negation: its complement (112 is "not 051" in this ontology)
    assert results["N-OWN"].found == [("ZND", "KRV", "051")] and results["N-OWN"].matched == 1
    event = results["N-OWN"].events[0]
    assert (event["code"], event["dyad_code"], event["polarity"]) == ("051", "112", "negated")
    # negated through the clause above: PETRARCH codes the scolding as stated
    assert results["N-ABOVE"].found == [("ZND", "KRV", "112")]
    # no complement in the file: the code stays
    assert results["N-NONE"].found == [("ZND", "KRV", "040")]
    # a complement that is the null code: PETRARCH codes no event ("reject" negated)
    assert results["N-NULL"].found == [] and results["N-NULL"].extra == 0
    assert results["N-NULL"].events[0]["code"] == "---"
    assert report.negations_converted == 1 and report.negations_dropped == 1
    assert report.summary()["negations_converted"] == 1
    # without an ontology file, negated events keep their codes
    (suite.parent / "ontology.txt").unlink()
    plain = evaluate_petrarch(records, parse="own")
    assert plain.pico is None and plain.negations_converted == 0
    assert by_id(plain)["N-OWN"].found == [("ZND", "KRV", "112")]
    # one given by name is used, and one that is not there is a one-line error
    (suite.parent / "elsewhere.txt").write_text(PICO.lstrip(), encoding="utf-8")
    named = evaluate_petrarch(records, parse="own", pico_file=suite.parent / "elsewhere.txt")
    assert by_id(named)["N-OWN"].found == [("ZND", "KRV", "051")]
    with pytest.raises(InputError):
        evaluate_petrarch(records, parse="own", pico_file=suite.parent / "nowhere.txt")
