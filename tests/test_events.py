"""Event coding on sentences written for these tests, through dyad's own parser:
roles, passives, coordination, event nouns, negation, modality, dates."""

import datetime as dt

import pytest

from dyad import Store, ingest


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    """Ingest each test article once; return its asserted and all events by name."""
    folder = tmp_path_factory.mktemp("articles")
    articles = {
        "meet": ("2022-01-21", "Iranian President Ebrahim Raisi met with Russian President Vladimir Putin "
                               "in Moscow on Wednesday."),
        "negated": ("2023-04-01", "To date Russia has not signed a strategic agreement with Iran."),
        "planned": ("2025-01-10", "Masoud Pezeshkian is expected to visit Moscow next week."),
        "hypothetical": ("2022-01-15", "Should a war break out between Iran and Israel, Russia would send "
                                       "troops to Iran."),
        "reported": ("2023-05-02", "Iranian sources claimed that Russia delivered fighter jets to Iran."),
        "passive": ("2024-06-03", "Tehran was visited by Sergei Lavrov on Monday."),
        "coordinated": ("2025-01-18", "On Friday, Iran and Russia signed a comprehensive strategic partnership "
                                      "treaty in the Kremlin."),
        "noun": ("2022-01-20", "Raisi's visit to Moscow on January 19 was his first as president."),
        "undated": (None, "Russia supplied Iran with air defence systems."),
        "nothing": ("2022-01-20", "The weather in Moscow was cold and the streets were empty."),
        "withdrawal": ("2019-08-03", "Moscow condemned Washington's exit from the INF Treaty, and analysts "
                                     "recalled that the United States withdrew from the Iran nuclear deal in 2018."),
        "deal_noun": ("2021-05-05", "The supply of gas under the 2018 agreement between Turkey and "
                                    "Azerbaijan resumed on Monday."),
        "purpose": ("2023-06-01", "Iran used the visit to send a message to Ukrainian officials."),
        "other_party": ("2024-05-10", "A free trade agreement between Egypt and Turkey is still being negotiated, "
                                      "and Egypt submitted only a draft text in April."),
        "likely": ("2024-05-10", "Russia's support is probably vital to countering the European Union's sanctions "
                                 "against Belarus."),
        "lifting": ("2024-05-10", "Turkey has backed calls for lifting EU sanctions, and Ankara condemned US "
                                  "sanctions on Iran."),
        "encounter": ("2024-05-10", "Turkish President Recep Tayyip Erdogan visited Baku on Tuesday. At the talks, "
                                    "Azerbaijani President Ilham Aliyev presented a draft of the corridor agreement "
                                    "to his Turkish counterpart. The corridor extends a 1997 accord that Aliyev "
                                    "signed with former Turkish president Suleyman Demirel."),
        "carried_out": ("2024-05-10", "Officials described the attacks carried out by Houthi rebels against "
                                      "Saudi oil facilities on Sunday."),
        "patron": ("2024-05-10", "Officials described the attacks carried out by Iran-backed militias against "
                                 "a Turkish military outpost on Sunday."),
        "reaction": ("2024-05-10", "The Kremlin condemned an attack by Ukraine on Sunday. White House security "
                                   "officials met with Chinese diplomats on Monday. Iranian President Ebrahim Raisi "
                                   "arrived in Caracas on Tuesday."),
        "across": ("2024-05-10", "Egypt's leaders travelled to the African Union summit in March. Cairo joined "
                                 "the organisation on Friday. The customs agreement between Egypt and Sudan came "
                                 "into force on Sunday, boosting trade. Historians recall how the Treaty of Tilsit "
                                 "was signed in 1807."),
        "wave": ("2024-05-10", "On Sunday, Israel began a wave of strikes on Syria."),
        "called_off": ("2024-05-10", "Iran and Egypt cancelled talks in Cairo on Monday. Turkey and Greece have "
                                     "postponed their meeting."),
        "nested": ("2024-05-10", "Egypt welcomed the resumption of diplomatic ties with Qatar on Monday."),
        "third_party": ("2024-05-10", "Egypt and Jordan welcomed the resumption of diplomatic ties with Qatar "
                                      "on Monday."),
        "refer_back": ("2024-03-02", "Analysts welcomed Egypt's bid for the African Union presidency, after it "
                                     "applied in February to become a full member of the organisation."),
        # published on a Friday: the story is at Tuesday 7 May until "in March" takes it elsewhere
        "story_time": ("2024-05-10", "Egypt joined the African Union's peace council on Tuesday. \"Today Egypt "
                                     "takes the seat it deserves,\" the council's chairman said. The seat is the "
                                     "first this year for a North African state. Sudan criticised Egypt. Ethiopia "
                                     "had condemned Egypt's bid. Egypt signed a trade deal with Sudan in March. "
                                     "Libya accused Egypt of meddling."),
        "story_untimed": ("2024-05-10", "Egypt's seat on the African Union's peace council is new. "
                                        "Sudan criticised Egypt."),
        "story_background": ("2024-05-10", "Egypt joined the African Union's peace council on 4 March. "
                                           "Sudan criticised Egypt."),
        "reported_before": ("2024-05-10", "Egypt acknowledged on Tuesday that it had sent troops to Sudan."),
        "named_year": ("2024-05-10", "The pipeline extends a 2010 agreement on the supply of gas that Turkey "
                                     "signed with Azerbaijan. The 2019 treaty was signed by Egypt and Jordan. "
                                     "Algeria criticised the 2015 agreement between Turkey and Libya. Algeria "
                                     "recalled the 2012 treaty under which Syria signed a gas contract with "
                                     "Russia."),
        "place": ("2024-05-10", "Israeli forces fought in Lebanon on Sunday. Russian warships patrolled near "
                                "Japan on Monday. Iran and Egypt signed a trade deal in Moscow on Friday."),
        "domestic": ("2024-05-10", "Russian police arrested Russian students in Moscow on Monday. Syrian police "
                                   "detained Syrian journalists in Damascus on Tuesday."),
        "listed": ("2024-05-10", "Egypt, Jordan and oil-rich Qatar condemned Israel on Monday. In Syria, Russia "
                                 "and Iran condemned Turkey on Tuesday."),
        "offensive": ("2024-05-10", "The invasion of Ukraine by Russia began in 2022. Turkey began an incursion "
                                    "into Syria on Monday."),
        "platforms": ("2024-05-10", "Chinese vessels blocked Philippine boats near the shoal on Monday. Iranian "
                                    "drones struck Kyiv on Tuesday."),
        "two_sides": ("2024-05-10", "Egypt and Sudan held talks in Cairo on Monday. The two governments also "
                                    "signed a water agreement. Western governments welcomed the talks."),
        "attributed": ("2024-05-10", "Egypt signed a gas deal with Israel on Monday, officials said. Egyptian "
                                     "sources noted that Russia delivered fighter jets to Libya. Turkey claimed that "
                                     "Greece attacked Cyprus."),
        "no_sign": ("2024-05-10", "Officials have said the jets were on order, but there is no sign Moscow has "
                                  "delivered Su-35 jets to Egypt. Cairo has not confirmed using Russian drones."),
        "since": ("2024-05-10", "Egyptian President Abdel Fattah al-Sisi visited Ankara on Tuesday, his first "
                                "visit since 2012. Egypt also invited Turkey to send a delegation to Cairo "
                                "next month."),
        "hosted": ("2024-05-10", "India's foreign minister visited Japan on Monday."),
        "coordinated_names": ("2024-05-10", "Turkish President Recep Tayyip Erdogan will meet Egyptian and Qatari "
                                            "leaders on Friday. Algeria, Tunisia, and Morocco condemned Israel on "
                                            "Tuesday."),
        "adjective": ("2024-05-10", "Indian troops opened fire on Pakistani posts on Monday. Greece seized a "
                                    "Turkish fishing boat on Tuesday."),
    }
    for name, (date, text) in articles.items():
        header = f"published: {date}\n\n" if date else ""
        (folder / f"{name}.txt").write_text(header + text)
    db = tmp_path_factory.mktemp("db") / "events.db"
    with Store(db) as store:
        report = ingest([str(folder)], store)
        assert not report.skipped
        docs = {d["file"].rsplit("/", 1)[-1][:-4]: d["id"] for d in store.iter_documents()}
        return {name: ([dict(e) for e in store.events(doc_id=doc)],
                       [dict(e) for e in store.events(doc_id=doc, all_modalities=True)])
                for name, doc in docs.items()}


def triples(events):
    return {(e["source_actor"], e["root"], e["target_actor"]) for e in events}


def test_meeting_with_roles_date_and_location(coded):
    asserted, _ = coded["meet"]
    e = next(e for e in asserted if e["source_actor"] == "ebrahim-raisi")
    assert e["target_actor"] == "vladimir-putin" and e["root"] == "04"
    assert (e["date"], e["date_precision"]) == ("2022-01-19", "day")  # "on Wednesday", published Friday
    assert e["plover"] == "CONSULT" and e["quad_class"] == 1 and e["goldstein"] > 0
    assert e["evidence"].startswith("Iranian President Ebrahim Raisi met")


def test_negated_event_is_kept_but_not_asserted(coded):
    asserted, everything = coded["negated"]
    assert not asserted
    assert any(e["polarity"] == "negated" and e["source_actor"] == "RUS" for e in everything)


def test_planned_event(coded):
    asserted, everything = coded["planned"]
    assert not asserted
    planned = [e for e in everything if e["modality"] == "planned"]
    assert planned and planned[0]["source_actor"] == "masoud-pezeshkian" and planned[0]["target_actor"] == "RUS"


def test_hypothetical_event(coded):
    asserted, everything = coded["hypothetical"]
    assert not asserted
    assert any(e["modality"] == "hypothetical" for e in everything)


def test_reported_event_has_its_attribution(coded):
    asserted, everything = coded["reported"]
    assert not asserted
    reported = [e for e in everything if e["modality"] == "reported"]
    assert reported and ("RUS", "06", "IRN") in triples(reported) or ("RUS", "07", "IRN") in triples(reported)


def test_passive_agent_is_the_source(coded):
    asserted, _ = coded["passive"]
    assert ("sergei-lavrov", "04", "IRN") in triples(asserted)
    assert asserted[0]["date"] == "2024-06-03"


def test_coordinated_parties_act_toward_each_other(coded):
    asserted, _ = coded["coordinated"]
    found = triples(asserted)
    assert ("IRN", "05", "RUS") in found or ("IRN", "03", "RUS") in found
    assert any(t[0] == "RUS" and t[2] == "IRN" for t in found)
    assert all(e["date"] == "2025-01-17" for e in asserted)


def test_event_noun(coded):
    asserted, _ = coded["noun"]
    e = next(e for e in asserted if e["root"] == "04")
    assert (e["source_actor"], e["target_actor"], e["date"]) == ("ebrahim-raisi", "RUS", "2022-01-19")


def test_undated_event_says_so(coded):
    asserted, _ = coded["undated"]
    assert asserted and all(e["date"] is None for e in asserted)


def test_no_event_without_one(coded):
    assert coded["nothing"] == ([], [])


def test_events_command_filters_and_bad_options(db, dyad):
    from conftest import EXAMPLES

    assert dyad("ingest", EXAMPLES / "corpus", "--db", db, "-q").code == 0
    rows = dyad("events", "--db", db, "--pair", "IRN:RUS", "--json").json
    assert rows and all({r["source_country"], r["target_country"]} <= {"IRN", "RUS"} for r in rows)
    assert all(r["polarity"] == "asserted" and r["modality"] == "actual" for r in rows)
    everything = dyad("events", "--db", db, "--all-modalities", "--json").json
    assert any(r["polarity"] == "negated" for r in everything) and len(everything) > len(rows)
    since = dyad("events", "--db", db, "--since", "2025", "--json").json
    assert since and all(r["date"] >= "2025" for r in since)
    assert dyad("events", "--db", db, "--actor", "XYZ").code == 2
    assert dyad("events", "--db", db, "--since", "2022-13").code == 2
    assert dyad("events", "--db", db, "--pair", "IRN").code == 2
    csv_out = dyad("events", "--db", db, "--csv").out
    assert csv_out.splitlines()[0].startswith("id,doc_id,")


def test_definite_noun_refers_back_and_it_prefers_a_state(coded):
    # "the organisation" is the African Union named before it; "it" is Egypt, not the
    # organisation nearer to it; the noun complement of "become" holds the pattern's words.
    asserted, _ = coded["refer_back"]
    assert ("EGY", "05", "AU") in triples(asserted)


def test_act_aimed_at_an_agreement_is_aimed_at_its_other_parties(coded):
    # A bilateral treaty stands for the other party; a multilateral deal for the state it is about.
    asserted, _ = coded["withdrawal"]
    found = triples(asserted)
    assert ("USA", "16", "RUS") in found
    assert ("USA", "16", "IRN") in found
    assert not any(t[2] in ("INF_TREATY", "JCPOA") for t in found)


def test_event_noun_inside_a_deal_is_between_its_parties(coded):
    asserted, _ = coded["deal_noun"]
    assert {("TUR", "06", "AZE"), ("AZE", "06", "TUR")} <= triples(asserted)


def test_event_noun_target_is_a_prepositional_phrase_of_its_own(coded):
    # "to send a message to ..." is the visit's purpose, not where it went
    asserted, _ = coded["purpose"]
    assert not any(e["root"] == "04" for e in asserted)


def test_proposal_without_addressee_goes_to_the_other_party_of_the_agreement(coded):
    asserted, _ = coded["other_party"]
    assert ("EGY", "03", "TUR") in triples(asserted)


def test_adverb_of_likelihood_makes_an_event_hypothetical(coded):
    asserted, everything = coded["likely"]
    assert not asserted
    assert all(e["modality"] == "hypothetical" for e in everything)


def test_whoever_sanctions_are_named_after_is_no_target_of_lifting_them(coded):
    asserted, _ = coded["lifting"]
    found = triples(asserted)
    assert not any(t[2] == "EU" for t in found)
    assert ("TUR", "11", "USA") in found  # condemning US sanctions is aimed at the US


def test_leaders_act_when_the_article_has_them_meet(coded):
    # the addressee of "presented ... to his Turkish counterpart" however the parser hangs "to";
    # the untimed act between the two leaders happened at the one visit the article dates
    asserted, _ = coded["encounter"]
    e = next(e for e in asserted if e["root"] == "03")
    assert (e["source_actor"], e["target_actor"]) == ("ilham-aliyev", "recep-tayyip-erdogan")
    assert e["date"] == "2024-05-07"
    # a leader out of office at the article's date did not act at that visit
    old = [e for e in coded["encounter"][1] if e["target_actor"] and "demirel" in e["target_actor"]]
    assert old and all(e["date"] != "2024-05-07" for e in old)
    assert all(e["date"] == "1997" for e in old)  # it was signed when "a 1997 accord" says


def _dated(events, trigger):
    return {(e["source_actor"], e["target_actor"]): e["date"] for e in events if e["trigger"] == trigger}


def test_untimed_acts_in_the_simple_past_happen_when_the_story_is(coded):
    asserted, everything = coded["story_time"]
    assert set(_dated(asserted, "joined").values()) == {"2024-05-07"}
    # a reaction told next, with no time phrase of its own: Tuesday. The quoted chairman's
    # "today" and "this year" (which holds Tuesday) do not move the story.
    assert _dated(asserted, "criticised") == {("SDN", "EGY"): "2024-05-07"}
    # a past perfect happened before the story's time; after "in March" the story is elsewhere
    assert _dated(everything, "condemned") == {("ETH", "EGY"): None}
    assert _dated(asserted, "signed") == {("EGY", "SDN"): "2024-03"}
    assert _dated(asserted, "accused") == {("LBY", "EGY"): None}
    # with no dated event before it, an untimed act stays undated: not the publication day
    assert _dated(coded["story_untimed"][0], "criticised") == {("SDN", "EGY"): None}
    # a date two months before the article is background, not the news the story is at
    asserted, _ = coded["story_background"]
    assert set(_dated(asserted, "joined").values()) == {"2024-03-04"}
    assert _dated(asserted, "criticised") == {("SDN", "EGY"): None}


def test_a_past_perfect_takes_no_date_from_the_clause_around_it(coded):
    # acknowledged on Tuesday; the troops were sent before that, at a time the sentence does not give
    _, everything = coded["reported_before"]
    sent = [e for e in everything if e["trigger"] == "sent"]
    assert sent and all(e["date"] is None for e in sent)


def test_the_year_of_an_agreement_dates_its_signing_and_nothing_else(coded):
    asserted, _ = coded["named_year"]
    # "a 2010 agreement on the supply of gas that Turkey signed", wherever the parser hangs the clause
    assert _dated(asserted, "signed")[("TUR", "AZE")] == "2010"
    assert _dated(asserted, "signed")[("EGY", "JOR")] == "2019"  # "The 2019 treaty was signed by ..."
    assert _dated(asserted, "signed")[("SYR", "RUS")] is None  # a contract signed under it, not in 2012
    assert set(_dated(asserted, "criticised").values()) == {None}  # criticising the 2015 deal is not of 2015


def test_an_apposition_of_another_country_before_the_verb_is_its_subject():
    # The parser's mistake, built by hand: "In talks with Turkish President Erdogan, the visiting
    # Azerbaijani President presented ...", with Erdogan as subject and the president his apposition.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from dyad.events.coder import SentenceActors, _subjects

    words = ["In", "talks", "with", "Erdogan", ",", "the", "Azerbaijani", "President", "presented", "a", "draft"]
    heads = [1, 1, 8, 8, 7, 7, 7, 3, 8, 10, 8]
    deps = ["case", "ROOT", "mark", "nsubj", "punct", "det", "amod", "appos", "ROOT", "det", "obj"]
    heads[1] = 1
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    text = doc.text

    def mention(actor, code, phrase):
        start = text.index(phrase)
        return {"actor": actor, "code": code, "type": "person", "form": "name", "start": start,
                "end": start + len(phrase)}

    actors = SentenceActors(doc, 0, [mention("erdogan", "TURGOV", "Erdogan"),
                                     mention("aliyev", "AZEGOV", "Azerbaijani President")])
    found, passive = _subjects(doc[8], actors)
    assert [a["actor"] for a in found] == ["aliyev"] and not passive


def test_event_noun_with_a_passive_participle_takes_its_agent_as_source(coded):
    asserted, _ = coded["carried_out"]
    assert ("HOUTHIS", "19", "SAU") in triples(asserted)


def test_patrons_armed_groups_act_for_it_and_a_target_phrase_is_read_through_its_article(coded):
    # "Iran-backed militias" are Iran's (IRN + UAF); "against a Turkish military outpost" aims at Turkey's military
    asserted, _ = coded["patron"]
    assert ("IRNUAF", "19", "TURMIL") in triples(asserted)


def test_reaction_to_an_event_targets_its_agent_names_in_compounds_and_arrivals(coded):
    asserted, _ = coded["reaction"]
    found = triples(asserted)
    assert ("RUS", "11", "UKR") in found  # condemning an attack by Ukraine is aimed at Ukraine
    assert any(t[0] == "USA" and t[1] == "04" for t in found)  # "White House security officials"
    assert ("ebrahim-raisi", "04", "VEN") in found  # arriving in a capital is visiting its country


def test_references_across_sentences_and_agreements_described_by_their_parties(coded):
    asserted, everything = coded["across"]
    found = triples(asserted)
    assert ("EGY", "05", "AU") in found  # "the organisation" of the sentence before
    assert {("EGY", "05", "SDN"), ("SDN", "05", "EGY")} <= found  # "the agreement between Egypt and Sudan"
    assert all(e["root"] == "05" or e["root"] == "04" for e in everything)  # "boosting trade" is the deal's
    assert not any("Tilsit" in e["evidence"] for e in everything)  # a treaty's own name refers to nothing before


def test_strikes_on_a_country_and_a_collective_noun_before_them(coded):
    # "on" introduces the target (YAML once read it as true); "a wave of" hands its phrases to the strikes
    asserted, _ = coded["wave"]
    assert ("ISR", "19", "SYR") in triples(asserted)


def test_cancelled_or_postponed_events_are_not_actual(coded):
    asserted, everything = coded["called_off"]
    assert not asserted
    assert any(e["polarity"] == "negated" and e["root"] == "04" for e in everything)
    assert any(e["modality"] == "planned" and e["source_actor"] in ("TUR", "GRC") for e in everything)


def test_partner_of_a_signing_wherever_the_parser_hangs_with():
    # The parser's attachment, built by hand: "with Azerbaijan" under "2025", not under the verb or the protocol.
    import spacy
    from spacy.tokens import Doc

    from dyad.events.coder import code_sentence
    from dyad.events.verbs import VerbLexicon

    words = ["Turkey", "signed", "a", "trade", "protocol", "for", "2025", "with", "Azerbaijan", "."]
    heads = [1, 1, 4, 4, 1, 6, 4, 8, 6, 1]
    deps = ["nsubj", "ROOT", "det", "compound", "obj", "case", "nmod", "case", "nmod", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "NUM", "ADP", "PROPN", "PUNCT"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    text = doc.text

    def state(code, name):
        start = text.index(name)
        return {"actor": code, "code": code, "type": "state", "form": "name", "start": start,
                "end": start + len(name)}

    events = code_sentence(doc, 0, [state("TUR", "Turkey"), state("AZE", "Azerbaijan")], VerbLexicon.load())
    assert ("TUR", "057", "AZE") in {(e.source["actor"], e.code, e.target["actor"]) for e in events}


def test_target_named_inside_the_object(coded):
    # "the resumption of ties with Qatar": the object's own head names no actor; its phrase does.
    asserted, _ = coded["nested"]
    assert ("EGY", "05", "QAT") in triples(asserted)


def test_coordinated_subjects_with_a_third_party_do_not_act_on_each_other(coded):
    asserted, _ = coded["third_party"]
    found = triples(asserted)
    assert {("EGY", "05", "QAT"), ("JOR", "05", "QAT")} <= found
    assert not any({t[0], t[2]} == {"EGY", "JOR"} for t in found)


@pytest.fixture(scope="module")
def example_events(tmp_path_factory):
    """The bundled example corpus, ingested once: its events by file number ("01".."10")."""
    from conftest import EXAMPLES

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store(db) as store:
        ingest([str(EXAMPLES / "corpus")], store)
        events = {d["file"].rsplit("/", 1)[-1][:2]: [dict(e) for e in store.events(doc_id=d["id"], all_modalities=True)]
                  for d in store.iter_documents()}
        published = {d["file"].rsplit("/", 1)[-1][:2]: d["published"] for d in store.iter_documents()}
    return events, published


# Read from the example texts, not from the gold: the day each weekday names, counted from the
# article's date (01 is of Friday 17 January 2025, 04 of Sunday 6 November 2022, 06 of Wednesday
# 5 July 2023, 08 of Friday 3 October 2025, 03 of Monday 20 January 2025) ...
_EXAMPLE_WEEKDAYS = [
    ("01", "signed a Comprehensive Strategic Partnership Treaty in the Kremlin on Friday", "signed", "2025-01-17"),
    ("02", "signed a Comprehensive Strategic Partnership Treaty in the Kremlin on Friday", "signed", "2025-01-17"),
    ("03", "put their names to on Friday", "put", "2025-01-17"),
    ("06", "became a full member of the Shanghai Cooperation Organisation on Tuesday", "became", "2023-07-04"),
    ("08", "came into force on Thursday", "came", "2025-10-02"),
    # acts told next with no time phrase of their own: the day the story is at
    ("04", "he accused Tehran of lying", "accused", "2022-11-05"),
    ("06", "Putin congratulated his Iranian counterpart", "congratulated", "2023-07-04"),
]
# ... and the statements they make negated, with the verb that would code an event.
_EXAMPLE_NEGATED = [
    ("04", "Tehran had not sent missiles to Russia", "sent"),
    ("08", "the treaty was never meant to be a defence pact", "meant"),
    ("09", "Iran has not promised to fight for Russia", "fight"),
]


def test_example_corpus_weekdays_name_the_right_day(example_events):
    events, published = example_events
    for doc, words, trigger, day in _EXAMPLE_WEEKDAYS:
        found = [e for e in events[doc] if words in e["evidence"] and e["trigger"] == trigger]
        assert found, (doc, words)
        assert {(e["date"], e["date_precision"]) for e in found} == {(day, "day")}, (doc, words)
    # Every weekday that dates an event in these texts names the last such day up to the
    # article's date, the article's own day counting; a planned event, the next such day.
    days = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}
    checked = 0
    for doc, evs in events.items():
        for e in evs:
            if e["date_text"] not in days:
                continue
            pub = dt.date.fromisoformat(published[doc])
            if e["modality"] == "planned":
                want = pub + dt.timedelta(days=(days[e["date_text"]] - pub.weekday()) % 7 or 7)
            else:
                want = pub - dt.timedelta(days=(pub.weekday() - days[e["date_text"]]) % 7)
            assert e["date"] == want.isoformat(), (doc, e["evidence"])
            checked += 1
    assert checked >= 15


def test_example_corpus_negated_events_are_stored_negated(example_events):
    events, _ = example_events
    for doc, words, trigger in _EXAMPLE_NEGATED:
        found = [e for e in events[doc] if words in e["evidence"] and e["trigger"] == trigger]
        assert found, (doc, words)
        assert {e["polarity"] for e in found} == {"negated"}, (doc, words)
def test_the_place_is_the_target_of_acts_aimed_at_it_and_only_of_those(coded):
    # fighting in Lebanon is fighting Lebanon; a deal signed in Moscow is no deal with Russia
    asserted, _ = coded["place"]
    found = triples(asserted)
    assert ("ISRMIL", "19", "LBN") in found and ("RUSMIL", "15", "JPN") in found
    assert {("IRN", "05", "EGY"), ("EGY", "05", "IRN")} <= found
    assert not any(t[2] == "RUS" for t in found)


def test_sectors_of_one_state_act_on_each_other(coded):
    # a domestic event between two organs of one state is event data too; the second
    # sentence is one the parser reads as "police [who were] detained journalists"
    asserted, _ = coded["domestic"]
    found = triples(asserted)
    assert ("RUSCOP", "17", "RUSEDU") in found and ("SYRCOP", "17", "SYRMED") in found


def test_a_state_named_by_the_adjective_of_what_is_hit_is_the_target(coded):
    asserted, _ = coded["adjective"]
    found = triples(asserted)
    assert ("INDMIL", "19", "PAK") in found and ("GRC", "17", "TUR") in found


def test_a_statement_is_aimed_at_the_subject_of_what_it_says():
    # "Turkey believes Greece can ...": with a verb coded as a statement, whom the statement is about
    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon

    text = "Turkey believes Greece can resolve the dispute."
    doc = parse([text])[0]
    lexicon = VerbLexicon({"BELIEVE": {"code": "012", "forms": ["believes"], "patterns": []}})

    def state(code, name):
        start = text.index(name)
        return {"actor": code, "code": code, "type": "state", "form": "name", "start": start,
                "end": start + len(name)}

    events = code_sentence(doc, 0, [state("TUR", "Turkey"), state("GRC", "Greece")], lexicon)
    assert ("TUR", "012", "GRC") in {(e.source["actor"], e.code, e.target["actor"]) for e in events}


def test_every_actor_of_a_list_before_the_verb_acts(coded):
    # the parser attaches such lists in odd ways (a modifier as a conjunct, a fronted
    # place phrase as the subjects' head); "Syria" is where, not who
    asserted, _ = coded["listed"]
    found = triples(asserted)
    assert {("EGY", "11", "ISR"), ("JOR", "11", "ISR"), ("QAT", "11", "ISR")} <= found
    assert {("RUS", "11", "TUR"), ("IRN", "11", "TUR")} <= found
    assert not any(t[0] == "SYR" for t in found)


def test_a_paired_code_also_codes_the_act_the_other_way(coded):
    # the dictionary's VISIT is 042:043: the visitor visits, the host hosts
    asserted, _ = coded["hosted"]
    codes = {(e["source_code"], e["cameo"], e["target_code"]) for e in asserted}
    assert {("INDGOV", "042", "JPN"), ("JPN", "043", "INDGOV")} <= codes


def test_nouns_of_military_force_and_their_agent_after_by(coded):
    asserted, _ = coded["offensive"]
    found = triples(asserted)
    assert ("RUS", "19", "UKR") in found and ("TUR", "19", "SYR") in found


def test_a_states_platforms_act_for_it_but_exported_weapons_do_not(coded):
    # warships and coast-guard vessels are crewed by their state; drones are sold and fired by others
    asserted, _ = coded["platforms"]
    found = triples(asserted)
    assert ("CHN", "17", "PHL") in found
    assert not any(t[0] == "IRN" for t in found)


def test_the_two_sides_of_a_later_sentence_are_the_pair_named_before(coded):
    asserted, _ = coded["two_sides"]
    signed = {(e["source_actor"], e["target_actor"]) for e in asserted if e["root"] == "05"}
    assert {("EGY", "SDN"), ("SDN", "EGY")} <= signed
    # a bare plural refers to nobody named before
    assert not any(e["trigger"] == "welcomed" for e in asserted)


def test_a_plain_attribution_leaves_the_event_actual_and_a_claim_makes_it_a_report(coded):
    # news attributes nearly every fact; only claims and uncheckable sources are reports
    asserted, everything = coded["attributed"]
    assert ("EGY", "05", "ISR") in triples(asserted)
    reported = {(e["source_actor"], e["target_actor"]) for e in everything if e["modality"] == "reported"}
    assert {("RUS", "LBY"), ("GRC", "CYP")} <= reported
    assert not any(e["source_actor"] in ("RUS", "GRC") for e in asserted)


def test_no_sign_that_and_an_unconfirmed_act_are_negated(coded):
    asserted, everything = coded["no_sign"]
    assert not any(e["source_actor"] == "RUS" for e in asserted)
    assert any(e["source_actor"] == "RUS" and e["polarity"] == "negated" for e in everything)
    assert not any(e["source_actor"] == "EGY" for e in asserted)


def test_since_and_later_times_do_not_date_a_past_act(coded):
    # "since 2012" starts a stretch up to the visit; "next month" is the delegation's, not the invitation's
    _, everything = coded["since"]
    by_trigger = {(e["trigger"], e["source_code"]): e for e in everything}
    assert by_trigger[("visited", "EGYGOV")]["date"] == "2024-05-07"
    assert by_trigger[("invited", "EGY")]["date"] == "2024-05-07"
    sent = by_trigger[("send", "TUR")]
    assert sent["modality"] == "planned" and sent["date"] == "2024-06"


@pytest.fixture(scope="module")
def coded_more(tmp_path_factory):
    """A second batch of test articles (the first fixture's list is long enough)."""
    folder = tmp_path_factory.mktemp("more")
    articles = {
        "naming": ("2024-05-10", "Egypt and Sudan agreed to resist what they call unilateral coercive measures. "
                                 "Putin received Egypt's foreign minister, calling the aggression against Sudan "
                                 "unprovoked."),
        "warned": ("2024-05-10", "Cairo warned on Tuesday that Ethiopia would bear the consequences."),
        "wielder": ("2024-05-10", "A Greek fishing boat was attacked by water cannon from two Turkish coast guard "
                                  "ships on Saturday. The Egyptian navy condemned the actions of the Turkish ships."),
    }
    for name, (date, text) in articles.items():
        (folder / f"{name}.txt").write_text(f"published: {date}\n\n{text}")
    with Store(tmp_path_factory.mktemp("db") / "more.db") as store:
        assert not ingest([str(folder)], store).skipped
        docs = {d["file"].rsplit("/", 1)[-1][:-4]: d["id"] for d in store.iter_documents()}
        return {name: [dict(e) for e in store.events(doc_id=doc)] for name, doc in docs.items()}


def test_whoever_wields_the_instrument_of_a_passive_acts_on_the_state_of_what_is_hit(coded_more):
    # "by water cannon from X": the instrument comes from X; "a Greek fishing boat": Greece's
    found = {(e["source_code"], e["root"], e["target_code"]) for e in coded_more["wielder"]}
    assert ("TURMIL", "19", "GRC") in found
    assert ("EGYMIL", "11", "TUR") in found  # the adjective one "of" down: "the actions of the Turkish ships"


def test_a_warning_is_aimed_at_the_subject_of_what_it_says(coded_more):
    found = {(e["source_actor"], e["root"], e["target_actor"]) for e in coded_more["warned"]}
    assert ("EGY", "13", "ETH") in found


def test_a_participle_of_the_object_names_the_target():
    # "the bridges leading into Turkey": the participle's phrase names what the object is of
    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon

    text = "Greek police closed all the bridges leading into Turkey on Monday."
    doc = parse([text])[0]
    assert doc[6].dep_ == "acl"  # the parse this test is about (the parser also reads "closed" as a participle)
    lexicon = VerbLexicon({"CLOSE": {"code": "191", "forms": ["closed"], "patterns": []}})
    police = {"actor": "GRCCOP", "code": "GRCCOP", "type": "group", "form": "sector", "start": 0, "end": 12}
    start = text.index("Turkey")
    turkey = {"actor": "TUR", "code": "TUR", "type": "state", "form": "name", "start": start, "end": start + 6}
    events = code_sentence(doc, 0, [police, turkey], lexicon)
    assert ("GRCCOP", "191", "TUR") in {(e.source["actor"], e.code, e.target["actor"]) for e in events}


@pytest.fixture(scope="module")
def phrasings(tmp_path_factory):
    """Articles for dyad's own verb patterns (verbs_dyad.yaml), through the whole pipeline:
    their events as (asserted actual, all) by name."""
    folder = tmp_path_factory.mktemp("phrasings")
    articles = {
        "planned_suspension": "Kyiv said it would suspend the grain agreement with Moscow.",
        "no_ceasefire": "Russia and Ukraine have not agreed a ceasefire.",
        "party": "The minister was expelled from the party by Erdogan. Erdogan expelled the lawmaker from the party.",
        "phone_call": "Macron had a phone call with Putin on Monday.",
        "walked_away": "The United States walked away from the nuclear deal with Iran in 2018.",
        "warning": "Egypt warned that it would take all measures against Sudan.",
    }
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(f"published: 2024-05-10\n\n{text}")
    db = tmp_path_factory.mktemp("db") / "phrasings.db"
    with Store(db) as store:
        ingest([str(folder)], store)
        docs = {d["file"].rsplit("/", 1)[-1][:-4]: d["id"] for d in store.iter_documents()}
        return {name: ([dict(e) for e in store.events(doc_id=doc)],
                       [dict(e) for e in store.events(doc_id=doc, all_modalities=True)])
                for name, doc in docs.items()}


def test_dyad_patterns_keep_their_modality_and_negation(phrasings):
    asserted, everything = phrasings["planned_suspension"]
    assert not asserted
    assert [(e["source_actor"], e["cameo"], e["target_actor"], e["modality"]) for e in everything] == [
        ("UKR", "161", "RUS", "hypothetical")]
    asserted, everything = phrasings["no_ceasefire"]
    assert not asserted and {(e["cameo"], e["polarity"]) for e in everything} == {("0871", "negated")}
    # "take all measures against X" is coercion (170), not APPREHEND's seizure (171); said as a
    # warning it stays hypothetical
    asserted, everything = phrasings["warning"]
    assert not [e for e in asserted if e["root"] == "17"]
    assert {e["cameo"] for e in everything if e["root"] == "17"} == {"170"}


def test_dyad_patterns_in_the_pipeline(phrasings):
    assert not phrasings["party"][1]  # expelled from a party is no expulsion of diplomats, nor a state's act
    assert triples(phrasings["phone_call"][0]) >= {("emmanuel-macron", "04", "vladimir-putin")}
    assert {e["cameo"] for e in phrasings["phone_call"][0]} == {"041"}  # a call is by telephone
    assert ("USA", "16", "IRN") in triples(phrasings["walked_away"][0])


def test_at_a_place_is_where_a_cooperative_act_happens():
    # "met at a Turkish resort" is no act toward Turkey; "fired at Turkish posts" is
    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon

    lexicon = VerbLexicon({"MEET": {"code": "040", "forms": ["met"], "patterns": []},
                           "FIRE": {"code": "190", "forms": ["fired"], "patterns": []}})

    def coded(text):
        doc = parse([text])[0]

        def actor(code, name, form="name"):
            start = text.index(name)
            return {"actor": code, "code": code, "type": "state", "form": form, "start": start,
                    "end": start + len(name)}

        mentions = [actor("ARM", "Armenia"), actor("TUR", "Turkish", "adjective")]
        if "Azerbaijan" in text:
            mentions.append(actor("AZE", "Azerbaijan"))
        return {(e.source["actor"], e.target["actor"]) for e in code_sentence(doc, 0, mentions, lexicon)}

    found = coded("Armenia and Azerbaijan met at a Turkish resort on Friday.")
    assert ("ARM", "AZE") in found and not any(t == "TUR" for _, t in found)
    assert ("ARM", "TUR") in coded("Armenia fired at Turkish posts on Friday.")


def test_calling_something_a_name_is_no_phone_call(coded_more):
    assert not any(e["cameo"] == "041" for e in coded_more["naming"])


def test_every_actor_of_a_coordinated_object_or_list_subject_takes_part(coded):
    # the parser hangs "Egyptian" on the verb as a complement; the Oxford comma ends no list
    _, every = coded["coordinated_names"]
    found = triples(every)
    assert {("recep-tayyip-erdogan", "04", "EGYGOV"), ("recep-tayyip-erdogan", "04", "QATGOV")} <= found
    assert {("DZA", "11", "ISR"), ("TUN", "11", "ISR"), ("MAR", "11", "ISR")} <= found


_PLACE_STATES = {"Iran": "IRN", "Britain": "GBR", "Moscow": "RUS", "Doha": "QAT", "Egypt": "EGY", "Libya": "LBY",
                 "Ethiopia": "ETH", "Japan": "JPN", "Korea": "PRK", "Sweden": "SWE", "Turkey": "TUR",
                 "Greece": "GRC", "Gaza": "PSE", "Israel": "ISR"}


def _placed(text, extra_verbs=None):
    """(source, code, target) of a sentence coded with a small lexicon and states as mentions."""
    import re

    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon

    verbs = {"CRITICIZE": ("111", ["criticized", "condemned"]), "SIGN": ("057", ["signed"]),
             "HOLD": ("040", ["held"]), "APPEAL": ("020", ["appealed"]), "WARN": ("130", ["warned"]),
             "SPEAK": ("012", ["spoke"]), "ACT": ("100", ["acted"]), "FIRE": ("190", ["fired"]),
             "MARCH": ("152", ["marched"])}
    lexicon = VerbLexicon({**{k: {"code": c, "forms": f, "patterns": []} for k, (c, f) in verbs.items()},
                           **(extra_verbs or {})})
    mentions = [{"actor": code, "code": code, "type": "state", "form": "name", "start": m.start(), "end": m.end()}
                for name, code in _PLACE_STATES.items() for m in re.finditer(rf"\b{name}\b", text)]
    doc = parse([text])[0]
    return {(e.source["actor"], e.code, e.target["actor"]) for e in code_sentence(doc, 0, mentions, lexicon)}


@pytest.mark.parametrize("text, expected", [
    # an act aimed at a thing is aimed at the place where the thing is
    ("Iran criticized the arrest of its nationals in Britain.", ("IRN", "111", "GBR")),
    ("Turkey condemned the burning of the Koran in Sweden.", ("TUR", "111", "SWE")),
    ("Egypt appealed for calm in Libya.", ("EGY", "020", "LBY")),
    # a warning about X, and a demand with respect to X, are aimed at X
    ("Egypt warned about Ethiopia.", ("EGY", "130", "ETH")),
    ("Egypt has acted oddly with respect to Libya.", ("EGY", "100", "LBY")),
    ("Egypt warned the population of Libya about Ethiopia.", ("EGY", "130", "LBY")),  # made to Libya
    # force near a place whose actor the place phrase names
    ("Korea fired two shells near a naval vessel from Japan.", ("PRK", "190", "JPN")),
    ("Egypt has marched very close to the border with Libya.", ("EGY", "152", "LBY")),
])
def test_a_place_is_the_target_of_an_act_aimed_at_something_there(text, expected):
    assert expected in _placed(text)


@pytest.mark.parametrize("text", [
    # meetings, statements and agreements happen in a place; a gathering's place is its venue
    "Iran signed the deal in Moscow.",
    "Iran held talks in Moscow.",
    "Iran criticized the talks in Doha.",
    "Egypt spoke about Ethiopia.",
    # where a criticism was made is no target of it
    "Turkey criticized the treatment of migrants at a conference in Greece.",
    "Egypt condemned the sanctions in a statement in Moscow.",
    # an ally is no place
    "Turkey fired shells in support of the army of Libya.",
])
def test_a_place_is_no_target_of_an_act_that_only_happens_there(text):
    assert not _placed(text)


def test_the_clause_describing_an_object_names_the_target_when_nothing_else_does():
    # "to supply X", "supporting X": whom the accord, the parade is for
    assert ("EGY", "057", "LBY") in _placed("Egypt signed an accord to supply Libya with wheat.")
    assert ("EGY", "057", "LBY") in _placed("Egypt signed the deal supporting Libya.")
    # the complement of a verb with a right object is the verb's: the militias are criticized
    assert not _placed("Egypt criticized the militias attacking Libya.")


def test_a_states_name_after_a_role_phrase_is_a_persons_and_the_role_phrase_acts():
    import re

    from dyad.events.coder import code_sentence
    from dyad.events.parse import parse
    from dyad.events.verbs import VerbLexicon

    text = "Ithilen's awful and evil minister Calimehtar warned about the Prince of Turkey."
    lexicon = VerbLexicon({"WARN": {"code": "130", "forms": ["warned"], "patterns": []}})
    spans = [("Ithilen's awful and evil minister", "ITHGOV", "sector"), ("Calimehtar", "CAL", "name"),
             ("Turkey", "TUR", "name")]
    mentions = [{"actor": code, "code": code, "type": "state", "form": form, "start": m.start(), "end": m.end()}
                for name, code, form in spans for m in [re.search(re.escape(name), text)]]
    events = code_sentence(parse([text])[0], 0, mentions, lexicon)
    assert {(e.source["actor"], e.code, e.target["actor"]) for e in events} == {("ITHGOV", "130", "TUR")}


_PHRASAL = {"BREAK_DOWN": {"code": "161", "forms": ["broken down", "broke down"], "patterns": []},
            "CORDON_OFF": {"code": "144", "forms": ["cordoned off"], "patterns": []},
            "ABANDON": {"code": "1121", "forms": ["abandoned"],
                        "patterns": [{"code": "080", "after": ["effort"], "line": 1, "text": "* effort"}]}}


@pytest.mark.parametrize("text, expected", [
    # a participle after the object, made the verb's complement, still describes the object
    ("Egypt has cordoned off the roads leading into Libya along the border.", ("EGY", "144", "LBY")),
    # a plural noun matches the pattern's singular with no lemma from the parse
    ("Egypt abandoned efforts with Libya.", ("EGY", "080", "LBY")),
])
def test_phrasal_verbs_and_plural_pattern_nouns_on_our_own_parse(text, expected):
    assert expected in _placed(text, _PHRASAL)


def test_an_object_parsed_as_the_phrase_of_the_verbs_particle_is_the_object():
    # the PETRARCH suite's own parse of "has broken down relations": "down" the case of "relations"
    from spacy.tokens import Doc

    from dyad.events.coder import code_sentence
    from dyad.events.parse import parser
    from dyad.events.verbs import VerbLexicon

    words = ["Egypt", "has", "broken", "down", "relations", "with", "Libya", "."]
    doc = Doc(parser().vocab, words=words, heads=[2, 2, 2, 4, 2, 6, 4, 2],
              deps=["nsubj", "aux", "ROOT", "case", "obl", "case", "nmod", "punct"],
              pos=["PROPN", "AUX", "VERB", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"])
    text = doc.text
    mentions = [{"actor": c, "code": c, "type": "state", "form": "name", "start": text.index(n),
                 "end": text.index(n) + len(n)} for n, c in (("Egypt", "EGY"), ("Libya", "LBY"))]
    events = code_sentence(doc, 0, mentions, VerbLexicon({"BREAK_DOWN": _PHRASAL["BREAK_DOWN"]}))
    assert {(e.source["actor"], e.code, e.target["actor"]) for e in events} == {("EGY", "161", "LBY")}
