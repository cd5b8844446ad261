from dyad.sentences import count_tokens, split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_offsets_point_into_the_text():
    text = "  First one here.  Second one?\n\nThird!  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one here.", "Second one?", "Third!"]


def test_abbreviations_and_initials_do_not_end_sentences():
    got = texts("Gen. Soleimani met Mr. Putin on Jan. 19 in Moscow. Ali B. Kani left. "
                "Trade rose 3.5 per cent. It was new.")
    assert got == ["Gen. Soleimani met Mr. Putin on Jan. 19 in Moscow.", "Ali B. Kani left.",
                   "Trade rose 3.5 per cent.", "It was new."]


def test_us_ends_a_sentence_only_before_a_sentence_opener():
    assert texts("Sanctions by the U.S. Treasury bite. They hurt.") == [
        "Sanctions by the U.S. Treasury bite.", "They hurt."]
    assert texts("Iran blamed the U.S. The talks stalled.") == [
        "Iran blamed the U.S.", "The talks stalled."]


def test_quotes_close_with_the_sentence():
    assert texts('He said "it is time." Lavrov agreed.') == ['He said "it is time."', "Lavrov agreed."]


def test_lines_are_boundaries_but_hard_wrapped_lines_join():
    assert texts("Goals of the Visit\nTehran sent its top diplomat.") == [
        "Goals of the Visit", "Tehran sent its top diplomat."]
    assert texts("The minister said the deal\nwould be signed soon.") == [
        "The minister said the deal\nwould be signed soon."]


def test_lower_case_after_a_stop_does_not_split():
    assert texts("The talks went on etc. until late. Then they ended.") == [
        "The talks went on etc. until late.", "Then they ended."]


def test_token_count():
    assert count_tokens("Iran's trade rose to $3.5 billion.") == 8
