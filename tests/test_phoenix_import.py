"""PETRARCH / Phoenix dictionary import: small inline dictionaries for each
feature of the format, then (when ../shared is there) every shipped file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dyad.actors.phoenix import ImportResult, detect_kind, import_dictionary

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVENTDATA = SHARED / "anchors" / "eventdata"
SHIPPED_DIRS = [EVENTDATA / "petrarch2" / "dictionaries", EVENTDATA / "universalpetrarch" / "validate"]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def by_name(result: ImportResult) -> dict[str, dict]:
    return {entry["name"]: entry for entry in result.entries}


def warned(result: ImportResult, line: int, fragment: str) -> bool:
    return any(f"line {line}:" in w and fragment in w for w in result.warnings)


ACTORS = """
# A comment line before anything
<!-- a comment block
     over two lines -->
IRAN_  [IRN]
+IRANIAN_
+ISLAMIC_REPUBLIC_OF_IRAN_
+TEHRAN_   # the capital

INTERNATIONAL_ATOMIC_ENERGY_AGENCY_	[IGOUNOIAE]
IAEA_	[IGOUNOIAE]# NGO_Actors
ROBERT_KOCHARYAN_  # CountryInfo.txt
	[ARMELI 720101-970320]
	[ARMGOV 980204-080409]
	#[ARMGOV 970320-980410]  a commented-out code
	[ARMGOV >080409]
	[ARMELI]
LEVON_TER_PETROSYAN_
	[ARMGOV <980203]
  \t[ARMGOV 19900804-19911111]
LEONID_BREZHNEV_
LEONID_ILYICH_BREZHNEV
+SECRETARY_BREZHNEV
	[RUSGOV 641014-821110]
AFGHAN_NATIONAL_ARMY_ [AFGMIL]
MUHAMMAD_AL-BARADEI_	[IGOUNOIAE 971201-091130][EGYOPP]
"""


def test_synonyms_undated_codes_and_states(tmp_path):
    result = import_dictionary(write(tmp_path, "sample.actors.txt", ACTORS))
    assert result.warnings == []
    iran = by_name(result)["Iran"]
    assert iran == {
        "id": "phoenix:iran",
        "type": "state",
        "name": "Iran",
        "aliases": ["Iranian", "Islamic Republic of Iran", "Tehran"],
        "country": "IRN",
        "code": "IRN",
        "roles": [],
        "source": "sample.actors.txt line 4",
    }
    iaea = by_name(result)["IAEA"]
    assert (iaea["type"], iaea["code"], "country" in iaea) == ("organisation", "IGOUNOIAE", False)
    army = by_name(result)["Afghan National Army"]
    assert (army["type"], army["country"], army["code"]) == ("organisation", "AFG", "AFGMIL")


def test_dated_codes_ranges_and_open_ends(tmp_path):
    entries = by_name(import_dictionary(write(tmp_path, "sample.actors.txt", ACTORS)))
    kocharyan = entries["Robert Kocharyan"]
    assert kocharyan["id"] == "phoenix:robert-kocharyan"
    assert kocharyan["type"] == "person"
    assert kocharyan["country"] == "ARM"
    assert kocharyan["code"] == "ARMELI"  # the undated code wins
    assert kocharyan["roles"] == [
        {"code": "ARMELI", "start": "1972-01-01", "end": "1997-03-20"},
        {"code": "ARMGOV", "start": "1998-02-04", "end": "2008-04-09"},
        {"code": "ARMGOV", "start": "2008-04-09"},
    ]
    petrosyan = entries["Levon Ter Petrosyan"]
    assert petrosyan["roles"] == [
        {"code": "ARMGOV", "end": "1998-02-03"},
        {"code": "ARMGOV", "start": "1990-08-04", "end": "1991-11-11"},
    ]
    assert petrosyan["code"] == "ARMGOV"  # no undated code: the one that reaches latest
    baradei = entries["Muhammad al-Baradei"]
    assert baradei["code"] == "EGYOPP"
    assert baradei["country"] == "EGY"
    assert baradei["roles"] == [{"code": "IGOUNOIAE", "start": "1997-12-01", "end": "2009-11-30"}]


def test_consecutive_names_share_the_codes_that_follow(tmp_path):
    brezhnev = by_name(import_dictionary(write(tmp_path, "sample.actors.txt", ACTORS)))["Leonid Brezhnev"]
    assert brezhnev["aliases"] == ["Leonid Ilyich Brezhnev", "Secretary Brezhnev"]
    assert brezhnev["roles"] == [{"code": "RUSGOV", "start": "1964-10-14", "end": "1982-11-10"}]
    assert brezhnev["type"] == "person"


def test_two_digit_years_pivot_at_30(tmp_path):
    path = write(tmp_path, "years.actors.txt", "A_PERSON_\n\t[USAGOV 300101-291231]\n\t[USAELI <19291231]\n")
    roles = import_dictionary(path).entries[0]["roles"]
    assert roles == [
        {"code": "USAGOV", "start": "1930-01-01", "end": "2029-12-31"},
        {"code": "USAELI", "end": "1929-12-31"},
    ]


def test_the_code_written_first_wins_where_dated_codes_overlap(tmp_path):
    from dyad.actors.registry import Registry

    text = "JANE_ROE_ [ABC]\n\t[ABCLEG 20050101-20050201]\n\t[ABCGOV 20000101-20101231]\n"
    entry = import_dictionary(write(tmp_path, "overlap.actors.txt", text)).entries[0]
    assert [r["code"] for r in entry["roles"]] == ["ABCLEG", "ABCGOV"]  # the file's order
    reg = Registry()
    reg.add_entry(entry, "overlap.actors.txt", default_type=entry["type"])
    actor = reg.actors[entry["id"]]
    assert actor.code_at(dt.date(2005, 1, 10), dt.date(2005, 1, 10)) == "ABCLEG"
    assert actor.code_at(dt.date(2006, 1, 10), dt.date(2006, 1, 10)) == "ABCGOV"


def test_places_and_forces_named_like_people_are_not_people(tmp_path):
    text = "WEST_GERMAN [GMWGOV]\nNORTH_YEMEN [YEMNO]\nZENDIA_MILITARY [ZNDMIL]\nJOHN_WESTWOOD [ZNDGOV]\n"
    types = {e["name"]: e["type"] for e in import_dictionary(write(tmp_path, "places.actors.txt", text)).entries}
    assert types == {"West German": "organisation", "North Yemen": "organisation",
                     "Zendia Military": "organisation", "John Westwood": "person"}


def test_malformed_lines_warn_with_line_number_and_the_rest_is_kept(tmp_path):
    text = """
+ORPHAN_SYNONYM_
BROKEN_ENTRY_ [ABC
+ITS_SYNONYM_
NO_CODE_EVER_

FRANCE_ [FRA] trailing junk
+FRENCH_
GERMANY_ [DEU]
___ [XYZ]
SPAIN_ [ESP]
"""
    result = import_dictionary(write(tmp_path, "bad.actors.txt", text))
    assert warned(result, 1, "synonym outside an entry")
    assert warned(result, 2, "unreadable codes")
    assert warned(result, 4, "no code for 'NO_CODE_EVER_'")
    assert warned(result, 6, "text after the codes ignored")
    assert warned(result, 9, "no name")
    assert all(w.startswith("bad.actors.txt line") for w in result.warnings)
    assert len(result.warnings) == 5  # the synonym of the broken entry goes with it
    entries = by_name(result)
    assert set(entries) == {"France", "Germany", "Spain"}
    assert entries["France"]["aliases"] == ["French"]


def test_bad_dates_skip_the_role_not_the_entry(tmp_path):
    text = """
SOME_MINISTER_
	[ABCGOV 981304-990101]
	[ABCGOV 9008223-911221]
	[ABCGOV 20121204]
	[ABCGOV 990101-980101]
	[ABCGOV >990101]
ONLY_BAD_DATES_
	[ABCGOV 991340-000101]
"""
    result = import_dictionary(write(tmp_path, "dates.actors.txt", text))
    assert warned(result, 2, "bad date") and "not a calendar date" in result.warnings[0]
    assert warned(result, 3, "not YYMMDD or YYYYMMDD")
    assert warned(result, 4, "a date needs <, > or a range")
    assert warned(result, 5, "ends")
    assert warned(result, 7, "no usable code for 'ONLY_BAD_DATES_'")
    (entry,) = result.entries
    assert entry["roles"] == [{"code": "ABCGOV", "start": "1999-01-01"}]


def test_null_codes_alternatives_and_exact_repeats(tmp_path):
    text = """
BOROMIR  [---]
LORIEN  [ELR/GAL]
PALESTINIAN [pse]
UN_ [IGOUNO]
UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
"""
    result = import_dictionary(write(tmp_path, "codes.actors.txt", text))
    entries = by_name(result)
    assert "Boromir" not in entries
    assert entries["Lorien"]["code"] == "ELR"
    assert entries["Palestinian"]["code"] == "PSE"
    assert entries["UN"]["type"] == "organisation"
    assert [w for w in result.warnings if "exact repeats" in w] == [
        "codes.actors.txt lines 6: 1 exact repeats of earlier entries; skipped"
    ]


def test_names_are_cased_sensibly(tmp_path):
    text = """
HAMAS_GUNMEN_ [PSEREBHMS]
ANIMAL_LIBERATION_FRONT_(ALF)_ [USAREB]
ABU_BAKR_AL-BAGHDADI_ [IMGMUSISI]
SUDAN_PEOPLE'S_LIBERATION_MOVEMENT [SDNGOVPTY]
JOHN_PAUL_II_ [VATGOV]
U.S._MILITARY_ [USAMIL]
CNN_ [USAMED]
JOHN_O'NEILL_ [USAGOV]
"""
    result = import_dictionary(write(tmp_path, "casing.actors.txt", text))
    names = [e["name"] for e in result.entries]
    assert names == [
        "Hamas Gunmen",
        "Animal Liberation Front (ALF)",
        "Abu Bakr al-Baghdadi",
        "Sudan People's Liberation Movement",
        "John Paul II",
        "U.S. Military",
        "CNN",
        "John O'Neill",
    ]
    types = {e["name"]: e["type"] for e in result.entries}
    assert types["Hamas Gunmen"] == "group"
    assert types["Abu Bakr al-Baghdadi"] == "person"
    assert types["John O'Neill"] == "person"
    assert types["CNN"] == "organisation"


def test_same_name_gets_a_distinct_id(tmp_path):
    text = "JOHN_SMITH_ [USAGOV]\nJOHN_SMITH_ [GBRGOV]\n"
    ids = [e["id"] for e in import_dictionary(write(tmp_path, "ids.actors.txt", text)).entries]
    assert ids == ["phoenix:john-smith", "phoenix:john-smith-2"]


AGENTS = """
<!-- AGENTS SAMPLE -->
!PERSON! = MAN, MEN, WOMAN, WOMEN
!MINIST! = MINISTER, MINISTRY

PRESIDENT_ [~GOV] # a comment
!MINIST! OF_FOREIGN_AFFAIRS [~GOV]
CONGRESS!PERSON! [~LEG]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
POLICE {} [ ~COP]
COMMERCE_MINIST [~GOV]
AD!MINIST!RATION [~GOV]
PEACEKEEPING_TROOPS {} [IGO~]
STATE_MEDIA [~GOVMED]
ISLAMIC_EXTREMIST
DEPARMENT_OF_ENVIRONMENT [~ENV}
!UNKNOWN!_COUNCIL [~GOV]
"""


def test_agents_sample(tmp_path):
    result = import_dictionary(write(tmp_path, "sample.agents.txt", AGENTS))
    assert result.entries == []
    sectors = {(s["code"], s.get("prefix", False)): s for s in result.sectors}
    assert sectors["GOV", False]["nouns"] == [
        "president",
        "minister of foreign affairs",
        "ministry of foreign affairs",
        "attorney general",
        "attorneys general",
        "commerce minister",
        "commerce ministry",
        "administration",
    ]
    assert sectors["LEG", False]["nouns"] == ["congressman", "congressmen", "congresswoman", "congresswomen"]
    assert sectors["COP", False]["nouns"] == ["police"]
    assert sectors["GOVMED", False]["nouns"] == ["state media"]
    assert sectors["IGO", True]["nouns"] == ["peacekeeping troops"]
    assert sectors["GOV", False]["source"] == "sample.agents.txt"
    assert warned(result, 11, "substitution marker inside a word")
    assert warned(result, 14, "no agent code")
    assert warned(result, 15, "unreadable agent code")
    assert warned(result, 16, "undefined substitution set !UNKNOWN!")
    assert len(result.warnings) == 4


def test_kind_is_detected_by_content(tmp_path):
    assert detect_kind(write(tmp_path, "a.txt", AGENTS)) == "agents"
    assert detect_kind(write(tmp_path, "looks.agents.txt", ACTORS)) == "actors"
    assert detect_kind(write(tmp_path, "empty.agents.txt", "# nothing yet\n")) == "agents"
    assert detect_kind(write(tmp_path, "empty.txt", "# nothing yet\n")) == "actors"


def test_result_is_json_serialisable_and_counted(tmp_path):
    result = import_dictionary(write(tmp_path, "sample.actors.txt", ACTORS))
    json.dumps(result.entries)
    counts = result.counts()
    assert counts["entries"] == len(result.entries) == 8
    assert counts["roles"] == sum(len(e["roles"]) for e in result.entries)
    assert counts["person"] + counts["state"] + counts["organisation"] + counts["group"] == 8
    assert counts["warnings"] == 0 and counts["sectors"] == 0


def test_latin1_file_is_read_with_a_warning(tmp_path):
    path = tmp_path / "latin.actors.txt"
    path.write_bytes("C\xd4TE_D'IVOIRE_ [CIV]\n".encode("latin-1"))
    result = import_dictionary(path)
    assert result.entries[0]["name"] == "Côte d'Ivoire"
    assert result.warnings == ["latin.actors.txt: not UTF-8, read as Latin-1"]


# --------------------------------------------------------------------------- shipped files


def shipped_files() -> list[Path]:
    if not EVENTDATA.is_dir():
        pytest.skip("../shared is not present (fresh clone)")
    files = [p for d in SHIPPED_DIRS for p in sorted(d.glob("*.txt")) if "actors" in p.name or "agents" in p.name]
    assert len(files) >= 8
    return files


def test_every_shipped_dictionary_imports():
    counts = {}
    for path in shipped_files():
        result = import_dictionary(path)
        json.dumps([result.entries, result.sectors])
        counts[path.name] = result.counts()
        kind = detect_kind(path)
        assert kind == ("agents" if "agents" in path.name else "actors")
        assert (result.counts()["sectors"] > 0) == (kind == "agents")
        assert (result.counts()["entries"] > 0) == (kind == "actors")
        ids = [e["id"] for e in result.entries]
        assert len(ids) == len(set(ids))
        for entry in result.entries:
            assert entry["id"].startswith("phoenix:") and entry["id"].isascii()
            assert entry["type"] in {"person", "state", "organisation", "group"}
        for warning in result.warnings:
            assert warning.startswith(path.name)
    for name, numbers in counts.items():
        print(name, numbers)


def test_known_entries_in_the_phoenix_files():
    directory = SHIPPED_DIRS[0]
    shipped_files()
    countries = import_dictionary(directory / "Phoenix.Countries.actors.txt")
    entries = by_name(countries)
    kocharyan = entries["Robert Kocharyan"]
    assert kocharyan["type"] == "person" and kocharyan["country"] == "ARM"
    assert {"code": "ARMGOV", "start": "1998-02-04", "end": "2008-04-09"} in kocharyan["roles"]
    assert {"code": "ARMGOV", "start": "2000-05-02", "end": "2000-05-12"} in kocharyan["roles"]
    iran = entries["Iran"]
    assert (iran["type"], iran["code"], iran["country"]) == ("state", "IRN", "IRN")
    assert "Islamic Republic of Iran" in iran["aliases"]
    assert entries["Puerto Rico"]["type"] == "state"
    gorbachev = entries["Mikhail Gorbachev"]
    assert "Mikhail S. Gorbachev" in gorbachev["aliases"]  # a name line after the synonyms
    assert any(w.endswith("'9008223' is not YYMMDD or YYYYMMDD; code skipped") for w in countries.warnings)

    international = by_name(import_dictionary(directory / "Phoenix.International.actors.txt"))
    assert international["IAEA"]["code"] == "IGOUNOIAE"
    assert international["Kofi Annan"]["type"] == "person"

    militants = import_dictionary(directory / "Phoenix.MilNonState.actors.txt")
    assert militants.counts()["group"] > 0.95 * militants.counts()["entries"]

    agents = import_dictionary(directory / "Phoenix.agents.txt")
    gov = next(s for s in agents.sectors if s["code"] == "GOV")
    assert {"president", "foreign minister", "ministry", "administration"} <= set(gov["nouns"])
    assert not any("!" in noun for s in agents.sectors for noun in s["nouns"])
