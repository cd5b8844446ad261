"""Time expressions: what is found, what it resolves to, and what must never be a date."""


import pytest

from dyad.dates import PartialDate, parse_date
from dyad.events.timex import TimeMention, find_times, sentence_date

FRI = parse_date("2022-01-21")  # a Friday
WED = parse_date("2022-01-19")
JAN = parse_date("2022-01")
Y2023 = parse_date("2023")


def _iso(p: PartialDate | None) -> str | None:
    return p.iso() if p is not None else None


def _only(text: str, anchor: PartialDate | None, **kw) -> TimeMention:
    mentions = find_times(text, anchor, **kw)
    assert len(mentions) == 1, mentions
    return mentions[0]


def _offsets_hold(text: str, mentions: list[TimeMention]) -> None:
    for m in mentions:
        assert text[m.start:m.end] == m.text


# Explicit dates need no anchor; the year-less ones take it from the publication date.
@pytest.mark.parametrize("text, span, iso, precision, kind", [
    ("Raisi arrived on January 19, 2022 in Moscow.", "January 19, 2022", "2022-01-19", "day", "date"),
    ("Raisi arrived on 19 January 2022 in Moscow.", "19 January 2022", "2022-01-19", "day", "date"),
    ("Raisi arrived on Jan. 19, 2022.", "Jan. 19, 2022", "2022-01-19", "day", "date"),
    ("Raisi arrived on Jan. 19 in Moscow.", "Jan. 19", "2022-01-19", "day", "date"),
    ("Raisi arrived on 2022-01-19.", "2022-01-19", "2022-01-19", "day", "date"),
    ("Raisi arrived on 2022/01/19.", "2022/01/19", "2022-01-19", "day", "date"),
    ("Abdollahian, on March 29, 2023 led ministry officials", "March 29, 2023", "2023-03-29", "day", "date"),
    ("He left on Wednesday, January 19, 2022.", "Wednesday, January 19, 2022", "2022-01-19", "day", "date"),
    ("He left on January 19th.", "January 19th", "2022-01-19", "day", "date"),
    ("He left on the 19th of January.", "19th of January", "2022-01-19", "day", "date"),
    ("He left on Sept. 5.", "Sept. 5", "2021-09-05", "day", "date"),
    ("MOSCOW, JANUARY 19, 2022 - talks", "JANUARY 19, 2022", "2022-01-19", "day", "date"),
    ("Victory Day is on May 9.", "May 9", "2021-05-09", "day", "date"),
    ("His term ended in August 2021.", "August 2021", "2021-08", "month", "month"),
    ("It was sealed in July of 2015.", "July of 2015", "2015-07", "month", "month"),
    ("Talks stalled in Sept 2022.", "Sept 2022", "2022-09", "month", "month"),
    ("Delivery is due by the end of March 2023.", "the end of March 2023", "2023-03", "month", "month"),
    ("The figure for 2022-01 was revised.", "2022-01", "2022-01", "month", "month"),
    ("He was elected in August last year.", "August last year", "2021-08", "month", "month"),
    ("Elections are due in June next year.", "June next year", "2023-06", "month", "month"),
    ("He was elected last August.", "last August", "2021-08", "month", "month"),
    ("The summit is set for next March.", "next March", "2022-03", "month", "month"),
    ("Talks resumed in September.", "September", "2021-09", "month", "month"),
    ("Talks resume in January.", "January", "2022-01", "month", "month"),
    ("The talks were postponed in mid-March.", "mid-March", "2021-03", "month", "month"),
    ("It was scheduled for early April.", "early April", "2021-04", "month", "month"),
    ("Trade grew in 2021.", "2021", "2021", "year", "year"),
    ("The first visit since 2017.", "2017", "2017", "year", "year"),
    ("The target is to finish by 2030.", "2030", "2030", "year", "year"),
    ("Production resumed in mid-2021.", "mid-2021", "2021", "year", "year"),
    ("A deal is expected in early 2022.", "early 2022", "2022", "year", "year"),
    ("The plant opened in the year 2000.", "2000", "2000", "year", "year"),
    ("The deal was signed during 2016.", "2016", "2016", "year", "year"),
    ("IN 2021 TRADE GREW", "2021", "2021", "year", "year"),
    ("In 2021's first half trade grew.", "2021", "2021", "year", "year"),
    ("I WAS THERE ON JULY 4TH 2008", "JULY 4TH 2008", "2008-07-04", "day", "date"),
    ("The treaty of May 7, 1868 was signed.", "May 7, 1868", "1868-05-07", "day", "date"),
])
def test_explicit_and_partial_dates(text, span, iso, precision, kind):
    m = _only(text, FRI)
    assert (m.text, _iso(m.value), m.value.precision, m.kind) == (span, iso, precision, kind)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text, anchor", [
    ("on January 19, 2022", "publication-free"),
    ("in August 2021", "publication-free"),
    ("since 2017", "publication-free"),
])
def test_explicit_dates_need_no_anchor(text, anchor):
    m = _only(text, None)
    assert m.value is not None and m.anchor is None


@pytest.mark.parametrize("text, anchor, iso", [
    # Month-day without a year: the anchor's year, or the year before when the date would
    # fall more than two weeks after a day-precise anchor (past tense).
    ("on December 28", "2022-01-05", "2021-12-28"),
    ("on January 2", "2022-01-05", "2022-01-02"),
    ("on January 19", "2022-01-05", "2022-01-19"),  # 14 days ahead: still this year
    ("on January 20", "2022-01-05", "2021-01-20"),  # 15 days ahead: last year
    ("on January 25", "2022-01-21", "2022-01-25"),
    ("in December", "2022-01-05", "2021-12"),
    ("in January", "2022-01-05", "2022-01"),
    ("on February 3", "2022-01", "2022-02-03"),  # month anchor: its last day + 14 days
    ("on March 3", "2022-01", "2021-03-03"),
    ("on December 28", "2022", "2022-12-28"),  # a year anchor cannot roll over
    ("on December 28", "2022-12-30", "2022-12-28"),
])
def test_year_rollover_in_the_past_tense(text, anchor, iso):
    m = _only(text, parse_date(anchor))
    assert (_iso(m.value), m.anchor) == (iso, "publication")


@pytest.mark.parametrize("text, anchor, iso", [
    ("on January 3", "2022-12-20", "2023-01-03"),
    ("in December", "2022-01-21", "2022-12"),
    ("on January 10", "2022-01-21", "2022-01-10"),  # within two weeks before: same year
    ("on January 2", "2022-01-21", "2023-01-02"),
])
def test_year_rollover_in_the_future_tense(text, anchor, iso):
    assert _iso(_only(text, parse_date(anchor), tense="future").value) == iso


@pytest.mark.parametrize("text, span, iso", [
    # The article is published on Friday 2022-01-21.
    ("Putin met Raisi on Wednesday.", "Wednesday", "2022-01-19"),
    ("The communique came on Friday.", "Friday", "2022-01-21"),
    ("Lavrov spoke on Monday.", "Monday", "2022-01-17"),
    ("They met on Saturday.", "Saturday", "2022-01-15"),
    ("Wednesday's meeting lasted three hours.", "Wednesday", "2022-01-19"),
    ("a three-hour meeting Wednesday, in which", "Wednesday", "2022-01-19"),
    ("He departed on Friday morning.", "Friday morning", "2022-01-21"),
    ("He departed on Wednesday evening.", "Wednesday evening", "2022-01-19"),
    ("He spoke last Monday.", "last Monday", "2022-01-17"),
    ("He spoke last Friday.", "last Friday", "2022-01-14"),
    ("They meet next Monday.", "next Monday", "2022-01-24"),
    ("They meet next Friday.", "next Friday", "2022-01-28"),
])
def test_weekdays_in_the_past_tense(text, span, iso):
    m = _only(text, FRI)
    assert (m.text, m.kind, _iso(m.value), m.value.precision, m.anchor) == (span, "weekday", iso, "day", "publication")


@pytest.mark.parametrize("text, iso", [
    ("They will meet next Monday.", "2022-01-24"),
    ("They will meet on Monday.", "2022-01-24"),
    ("They will meet on Friday.", "2022-01-28"),  # strictly after the anchor
    ("They will meet on Saturday.", "2022-01-22"),
    ("They will meet today.", "2022-01-21"),  # today is the anchor itself
])
def test_weekdays_in_the_future_tense(text, iso):
    assert _iso(_only(text, FRI, tense="future").value) == iso


def test_an_article_from_a_wednesday_saying_wednesday_means_that_day():
    assert _iso(_only("on Wednesday", WED).value) == "2022-01-19"


@pytest.mark.parametrize("anchor", ["2022-01", "2022", None])
def test_weekday_without_a_day_precise_anchor_is_unresolved(anchor):
    m = _only("Lavrov spoke on Monday.", parse_date(anchor) if anchor else None)
    assert (m.kind, m.value, m.anchor) == ("weekday", None, None)


def test_weekday_falls_back_on_a_day_precise_context_date():
    m = _only("The meeting was on Monday.", JAN, context=[parse_date("2022-01-19")])
    assert (_iso(m.value), m.anchor) == ("2022-01-17", "text")


def test_weekday_is_not_resolved_from_a_month_precise_context_date():
    m = _only("The meeting was on Monday.", JAN, context=[parse_date("2022-01-19"), parse_date("2021-08")])
    assert m.value is None


@pytest.mark.parametrize("text, iso, precision, range_end", [
    # Published Friday 2022-01-21.
    ("today", "2022-01-21", "day", None),
    ("Tonight", "2022-01-21", "day", None),
    ("yesterday", "2022-01-20", "day", None),
    ("last night", "2022-01-20", "day", None),
    ("tomorrow", "2022-01-22", "day", None),
    ("this week", "2022-01", "month", None),
    ("earlier this week", "2022-01", "month", None),
    ("later this week", "2022-01", "month", None),
    ("last week", "2022-01", "month", None),
    ("next week", "2022-01", "month", None),
    ("last month", "2021-12", "month", None),
    ("earlier this month", "2022-01", "month", None),
    ("this month", "2022-01", "month", None),
    ("next month", "2022-02", "month", None),
    ("late last month", "2021-12", "month", None),
    ("last year", "2021", "year", None),
    ("earlier this year", "2022", "year", None),
    ("this year", "2022", "year", None),
    ("next year", "2023", "year", None),
    ("three days ago", "2022-01-18", "day", None),
    ("3 days ago", "2022-01-18", "day", None),
    ("a week ago", "2022-01-14", "day", None),
    ("two weeks ago", "2022-01-07", "day", None),
    ("two months ago", "2021-11", "month", None),
    ("a year ago", "2021", "year", None),
    ("five years ago", "2017", "year", None),
    ("two decades ago", "2002", "year", None),
    ("over the weekend", "2022-01-15", "day", "2022-01-16"),
    ("last weekend", "2022-01-15", "day", "2022-01-16"),
])
def test_relative_phrases_from_the_publication_date(text, iso, precision, range_end):
    m = _only(f"Officials met {text}.", FRI)
    assert (m.text, m.kind, _iso(m.value), m.value.precision) == (text, "relative", iso, precision)
    assert (_iso(m.range_end), m.anchor) == (range_end, "publication")


@pytest.mark.parametrize("anchor, text, iso, range_end", [
    # "last week" is the month of that week's Monday, with the month it ends in when it spills over.
    ("2022-02-02", "last week", "2022-01", None),  # Mon 24 - Sun 30 January
    ("2022-02-09", "last week", "2022-01", "2022-02"),  # Mon 31 January - Sun 6 February
    ("2022-02-02", "earlier this week", "2022-01", "2022-02"),  # Mon 31 January - Wed 2 February
    ("2022-02-09", "earlier this week", "2022-02", None),
    ("2022-01-03", "last month", "2021-12", None),
])
def test_weeks_that_cross_a_month(anchor, text, iso, range_end):
    m = _only(text, parse_date(anchor))
    assert (_iso(m.value), m.value.precision, _iso(m.range_end)) == (iso, "month", range_end)


@pytest.mark.parametrize("text, anchor, iso", [
    # Precision never exceeds what the anchor supports.
    ("yesterday", "2022-01", None),
    ("three days ago", "2022-01", None),
    ("this week", "2022-01", None),
    ("last week", "2022", None),
    ("today", "2022-01", "2022-01"),
    ("last month", "2022-01", "2021-12"),
    ("last month", "2022", None),
    ("last year", "2022", "2021"),
    ("two months ago", "2022", None),
    ("a year ago", "2022", "2021"),
    ("yesterday", None, None),
])
def test_relative_phrases_respect_the_anchor_precision(text, anchor, iso):
    m = _only(text, parse_date(anchor) if anchor else None)
    assert _iso(m.value) == iso
    assert m.kind == "relative"


@pytest.mark.parametrize("text", [
    "Raisi recently posed for a photo-op.",
    "Recently, Russia has been vocal.",
    "Progress has been made in recent weeks.",
    "He returned a few days ago.",
    "Talks resumed several weeks later.",
    "The deal collapsed three years after the election.",
])
def test_vague_expressions_are_relative_without_a_value(text):
    m = _only(text, FRI, context=[WED])
    assert (m.kind, m.value) == ("relative", None)


@pytest.mark.parametrize("text, context, iso, precision", [
    ("Two days later, he met Lavrov.", ["2023-03-23"], "2023-03-25", "day"),
    ("The following day he flew home.", ["2023-03-23"], "2023-03-24", "day"),
    ("The next day he flew home.", ["2023-03-23"], "2023-03-24", "day"),
    ("A week earlier, Grossi was in Tehran.", ["2023-03-23"], "2023-03-16", "day"),
    ("The previous day he had met Putin.", ["2023-03-23"], "2023-03-22", "day"),
    ("Three months later, the deal was signed.", ["2023-03"], "2023-06", "month"),
    ("The following year it collapsed.", ["2015-07"], "2016", "year"),
    ("That year trade fell.", ["2015"], "2015", "year"),
    ("Two years earlier the talks had failed.", ["2015-07-14"], "2013", "year"),
    # The latest context date counts, not the earliest.
    ("Two days later, he met Lavrov.", ["2021-08", "2023-03-23"], "2023-03-25", "day"),
])
def test_context_anchoring(text, context, iso, precision):
    m = _only(text, Y2023, context=[parse_date(c) for c in context])
    assert (_iso(m.value), m.value.precision, m.anchor) == (iso, precision, "text")


@pytest.mark.parametrize("text, context", [
    ("Two days later, he met Lavrov.", []),
    ("Two days later, he met Lavrov.", ["2023-03"]),  # days need a day-precise base
    ("The following day he flew home.", ["2023"]),
])
def test_context_anchoring_refuses_to_guess(text, context):
    assert _only(text, Y2023, context=[parse_date(c) for c in context]).value is None


def test_dates_earlier_in_the_same_text_are_context():
    text = "Grossi visited Oslo on March 23, 2023, and two days later he was in Tehran."
    first, second = find_times(text, Y2023)
    assert (_iso(first.value), _iso(second.value), second.anchor) == ("2023-03-23", "2023-03-25", "text")


@pytest.mark.parametrize("text, context, iso, anchor", [
    # Month without a year and no day-precise publication date: the latest context date
    # of day or month precision, the nearest year to it.
    ("The meeting was postponed in mid-March.", ["2023-03-29"], "2023-03", "text"),
    ("It was scheduled for early April.", ["2023-03-29"], "2023-04", "text"),
    ("In October, it was adopted.", ["2015-07"], "2015-10", "text"),
    ("In January, it was implemented.", ["2015-10"], "2016-01", "text"),
    ("In January, it was implemented.", ["2015-10", "2017"], "2016-01", "text"),  # year-precise ones are skipped
    ("In January, it was implemented.", [], "2023-01", "publication"),
])
def test_month_without_year_from_context(text, context, iso, anchor):
    m = _only(text, Y2023, context=[parse_date(c) for c in context])
    assert (_iso(m.value), m.anchor) == (iso, anchor)


def test_a_day_precise_publication_date_beats_context_for_months():
    m = _only("In October, it was adopted.", FRI, context=[parse_date("2015-07")])
    assert (_iso(m.value), m.anchor) == ("2021-10", "publication")


@pytest.mark.parametrize("text, span, kind, iso, end", [
    ("Sanctions between 2006 and 2010.", "between 2006 and 2010", "range", "2006", "2010"),
    ("Resolutions from 2006 to 2010.", "from 2006 to 2010", "range", "2006", "2010"),
    ("Sanctions from 2006 until 2010.", "from 2006 until 2010", "range", "2006", "2010"),
    ("The 2006-2010 sanctions.", "2006-2010", "range", "2006", "2010"),
    ("The 2006\u20132010 sanctions.", "2006\u20132010", "range", "2006", "2010"),
    ("96% of arms imports between 2014-18, when", "between 2014-18", "range", "2014", "2018"),
    ("The 2021-22 budget.", "2021-22", "range", "2021", "2022"),
    ("Sales in 2009-10 fell.", "2009-10", "range", "2009", "2010"),
    ("Talks ran between March and May 2023.", "between March and May 2023", "range", "2023-03", "2023-05"),
    ("Talks ran from November to February 2023.", "from November to February 2023", "range", "2022-11", "2023-02"),
    ("Talks ran March\u2013May 2023.", "March\u2013May 2023", "range", "2023-03", "2023-05"),
    ("Talks ran from March 2022 to January 2023.", "from March 2022 to January 2023", "range", "2022-03", "2023-01"),
    ("Talks ran from January 19 to February 2, 2022.", "from January 19 to February 2, 2022", "range",
     "2022-01-19", "2022-02-02"),
    ("Talks ran January 19-21, 2022.", "January 19-21, 2022", "range", "2022-01-19", "2022-01-21"),
    ("Talks ran 19\u201321 January 2022.", "19\u201321 January 2022", "range", "2022-01-19", "2022-01-21"),
    ("Talks ran January 10-12.", "January 10-12", "range", "2022-01-10", "2022-01-12"),
    # Decades are ranges of years.
    ("Ties were close in the 1990s.", "1990s", "decade", "1990", "1999"),
    ("Ties were close in the early 2000s.", "early 2000s", "decade", "2000", "2003"),
    ("Ties were close in the mid-1990s.", "mid-1990s", "decade", "1994", "1996"),
    ("Ties were close in the late 1980s.", "late 1980s", "decade", "1987", "1989"),
    ("Ties were close in the 2010s.", "2010s", "decade", "2010", "2019"),
    # Quarters, halves and seasons are ranges of months.
    ("Trade rose in the first quarter of 2022.", "first quarter of 2022", "quarter", "2022-01", "2022-03"),
    ("Trade rose in Q3 2021.", "Q3 2021", "quarter", "2021-07", "2021-09"),
    ("Trade rose in the second half of 2021.", "second half of 2021", "quarter", "2021-07", "2021-12"),
    ("Trade rose in the last quarter of last year.", "last quarter of last year", "quarter", "2021-10",
     "2021-12"),
    ("It happened in the summer of 2021.", "summer of 2021", "season", "2021-06", "2021-08"),
    ("It happened in spring 2020.", "spring 2020", "season", "2020-03", "2020-05"),
    ("It happened last summer.", "last summer", "season", "2021-06", "2021-08"),
    ("It happened in the autumn.", "autumn", "season", "2021-09", "2021-11"),
    ("Delegations visited the airfield over the summer.", "summer", "season", "2021-06", "2021-08"),
    ("It happened in the winter of 2021.", "winter of 2021", "season", "2021", None),
])
def test_ranges_decades_quarters_and_seasons(text, span, kind, iso, end):
    m = _only(text, FRI)
    assert (m.text, m.kind, _iso(m.value), _iso(m.range_end)) == (span, kind, iso, end)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", [
    # Durations, ages, counts and model names are not dates.
    "The Kremlin meeting lasted 15 minutes.",
    "They held a three-hour meeting.",
    "Raisi began a two-day visit.",
    "They discussed a 20-year agreement.",
    "The countries have cooperated for two decades.",
    "The 47-article treaty was drafted.",
    "Trade exceeded $3.5 billion.",
    "Trade exceeded US$3.5 billion.",
    "Russia supplied 96 percent of imports.",
    "Russia supplied 96% of imports.",
    "Iran bought four S-300 systems.",
    "Iran wants the Su-35.",
    "Russia deployed 2,000 troops.",
    "The pipeline runs 1,500 km.",
    "A force of 2000 troops was sent.",
    "A total of 2000 was reported.",
    "The number rose from 2000 to 3000.",
    "Prices rose to 2000 units.",
    "Resolution 2231 endorsed the deal.",
    "The COVID-19 pandemic dampened relations.",
    "Iran's 2015 nuclear deal is stalled.",
    "The 2015 agreement is stalled.",
    "The deal lasted for ten years.",
    "Russia may not be eager to sell arms.",
    "Protesters march on the embassy.",
    "Theresa May met Putin.",
    "The Good Friday Agreement was signed.",
    "Prices fall in most markets.",
    "Over the last year, trade grew.",
    "The Arab Spring changed the region.",
    "He served 12 years in office.",
    "Call 24/7 or 9/11 helplines.",
    "Version 3.2020 of the software.",
    "Kabul changed after the fall of Kabul.",
    "In summer, the days are long.",
    "It was the winter of discontent.",
    "I will call as soon as I can.",
    "Durer died on April 6, 1528.",  # older than any year dyad dates: refused, not misdated
])
def test_durations_and_quantities_are_not_dates(text):
    assert find_times(text, FRI) == []
    assert sentence_date(text, FRI) is None


@pytest.mark.parametrize("text, iso, span", [
    ("Raisi arrived in Moscow on January 19 for his first visit to Russia since his election in August last "
     "year, and the first by an Iranian president since 2017.", "2022-01-19", "January 19"),
    ("Putin on Wednesday also voiced his support.", "2022-01-19", "Wednesday"),
    ("Sanctions were imposed between 2006 and 2010.", "2006", "between 2006 and 2010"),  # a range gives its start
    ("Raisi recently met Putin on Wednesday.", "2022-01-19", "Wednesday"),  # the first *resolved* one
    ("In 2021 trade grew, and last year it fell.", "2021", "2021"),
])
def test_sentence_date_picks_the_first_resolved_expression(text, iso, span):
    m = sentence_date(text, FRI)
    assert (m.text, _iso(m.value)) == (span, iso)


@pytest.mark.parametrize("text, iso", [
    ("Three days before, he had met Putin.", "2022-01-16"),  # before the text's date
    ("Two weeks after, they met again.", "2022-02-02"),
    ("The day before, he had met Putin.", "2022-01-18"),
    ("Three days before the vote, he met Putin.", None),  # before an event not dated here
    ("The day before the vote, he met Putin.", None),
    ("Three years after the election, trade fell.", None),
])
def test_before_and_after_count_from_the_text_only_when_nothing_follows(text, iso):
    m = _only(text, FRI, context=[WED])
    assert (m.kind, _iso(m.value)) == ("relative", iso)


def test_a_list_of_months_shares_the_year_of_its_last_one():
    first, second = find_times("In June and July of 1973, he flew.", FRI)
    assert (_iso(first.value), _iso(second.value), first.anchor) == ("1973-06", "1973-07", None)
    first, second = find_times("In December and January 2022, talks stalled.", FRI)
    assert (_iso(first.value), _iso(second.value)) == ("2021-12", "2022-01")


def test_comparisons_with_recently_are_not_vague_dates():
    m = _only("As recently as last week, the line held.", FRI)
    assert (m.text, _iso(m.value)) == ("last week", "2022-01")


def test_sentence_date_without_any_time_expression_is_none():
    assert sentence_date("The talks were constructive.", FRI) is None


def test_sentence_date_with_only_vague_expressions_returns_the_unresolved_one():
    m = sentence_date("Raisi recently met Putin.", FRI)
    assert (m.text, m.kind, m.value) == ("recently", "relative", None)


def test_sentence_date_passes_context_and_tense():
    assert _iso(sentence_date("Two days later he left.", None, context=[WED]).value) == "2022-01-21"
    assert _iso(sentence_date("He will fly on Monday.", FRI, tense="future").value) == "2022-01-24"


def test_unknown_tense_is_refused():
    with pytest.raises(ValueError, match="tense"):
        find_times("on Monday", FRI, tense="present")


def test_offsets_point_into_the_given_text():
    text = (
        "MOSCOW, Jan. 19, 2022 (Caspian Wire) \u2014 Iranian President Ebrahim Raisi, who took office in August "
        "2021, met Putin on Wednesday; two days later Lavrov said trade had grown since 2017 and would double "
        "by 2030, three years after talks stalled in September 2022 between March and May 2023."
    )
    mentions = find_times(text, FRI)
    _offsets_hold(text, mentions)
    assert [m.text for m in mentions] == [
        "Jan. 19, 2022", "August 2021", "Wednesday", "two days later", "2017", "2030", "three years after",
        "September 2022", "between March and May 2023",
    ]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_mentions_are_frozen_and_comparable():
    a = find_times("on January 19, 2022", None)
    assert a == find_times("on January 19, 2022", None)
    with pytest.raises(AttributeError):
        a[0].start = 3  # type: ignore[misc]


def test_unicode_and_line_breaks_do_not_shift_offsets():
    text = "\u201cIt\u2019s time,\u201d Lavrov said on\nMonday of the talks of Jan.\u00a019, 2022."
    mentions = find_times(text, FRI)
    _offsets_hold(text, mentions)
    assert [_iso(m.value) for m in mentions] == ["2022-01-17", "2022-01-19"]


