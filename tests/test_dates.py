import pytest

from dyad.dates import BadDate, parse_date


@pytest.mark.parametrize("text, iso, precision", [
    ("2022", "2022", "year"),
    ("2022-01", "2022-01", "month"),
    ("2022-01-21", "2022-01-21", "day"),
    ("2022/1/5", "2022-01-05", "day"),
    ("2022-01-21T10:00:00Z", "2022-01-21", "day"),
    ("2025-01-18T09:30:00+03:00", "2025-01-18", "day"),
    ("January 21, 2022", "2022-01-21", "day"),
    ("21 January 2022", "2022-01-21", "day"),
    ("Jan. 21, 2022", "2022-01-21", "day"),
    ("Tuesday, 21 January 2025", "2025-01-21", "day"),
    ("Sept 2023", "2023-09", "month"),
    ("Fri, 21 Jan 2022 10:00:00 GMT", "2022-01-21", "day"),
])
def test_dates_keep_their_precision(text, iso, precision):
    date = parse_date(text)
    assert (date.iso(), date.precision) == (iso, precision)


@pytest.mark.parametrize("text, reason", [
    ("2022-13-45", "no month 13"),
    ("2022-02-30", "has no day 30"),
    ("0201-01-01", "out of range"),
    ("next week", "unrecognised"),
    ("", "empty"),
])
def test_impossible_dates_say_why(text, reason):
    with pytest.raises(BadDate, match=reason):
        parse_date(text)


def test_partial_dates_order():
    assert parse_date("2021") < parse_date("2022-01") < parse_date("2022-01-21")
