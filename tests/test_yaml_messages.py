"""Stories: a maintainer's YAML slip is reported at its line, in plain words.

Two kinds: text that YAML accepts but changes without a word (a comment that
cuts a title, typographic quotes kept in the text, an Arabic comma that makes
one list item of two), and syntax errors PyYAML reports late or in parser terms.
"""

from __future__ import annotations

from conftest import START, event

TITLE = "title: {en: Title, ar: عنوان}"


def with_title(en: str, ar: str = "عنوان") -> str:
    """The event of conftest.event() with its title written out: line 18 is `en:`, line 19 `ar:`."""
    return START + event().replace(TITLE, f"title:\n      en: {en}\n      ar: {ar}")


# -- silent corruption: warnings, at the line ------------------------------------------


def test_a_hash_after_a_space_cuts_an_unquoted_title(check):
    result = check(with_title("Meta's own market research #2 finds a gap"))
    assert result.lines[0] == (
        "events.yaml:18:38: warning: event 'llama-4-release', title.en: the text stops before '#2 finds a gap': "
        "after a space, # starts a comment, so the site shows only 'Meta's own market research'. "
        "Put the whole text in quotes: \"Meta's own market research #2 finds a gap\"; if it is a real comment, move it to a line of its own."
    )
    assert check(with_title("Meta's own market research #2 finds a gap"), "--strict").code == 1


def test_a_comment_after_a_date_an_id_or_a_null_stays_silent(check):
    text = START.replace("published: 2025-12-10", "published: 2025-12-10  # the page's own date") + event().replace(
        "status: reported", "status: reported  # two outlets"
    ).replace("source: cnbc-report\n", "source: cnbc-report  # the first report\n")
    result = check(text, "--strict")
    assert result.code == 0, result.out


def test_a_quoted_title_may_hold_a_hash(check):
    assert check(with_title('"Meta\'s own market research #2 finds a gap"'), "--strict").code == 0


def test_typographic_quotes_used_as_yaml_quotes(check):
    result = check(with_title("‘Meta drops open models’", "«ميتا تتخلى عن النماذج المفتوحة»"))
    hint = "These quotation marks are part of the text; YAML quotes are ' or \". Remove them, or put the text in ' or \" if it needs quoting."
    assert result.lines[:2] == [
        f"events.yaml:18:11: warning: event 'llama-4-release', title.en: the text is wrapped in ‘ ’, which YAML keeps as part of the text. {hint}",
        f"events.yaml:19:11: warning: event 'llama-4-release', title.ar: the text is wrapped in « », which YAML keeps as part of the text. {hint}",
    ]


def test_quotation_marks_inside_a_text_are_ordinary(check):
    assert check(with_title("Meta calls it “Avocado” internally", "ميتا تسميه «أفوكادو» داخليًا"), "--strict").code == 0


def test_a_stray_quote_left_at_the_end_of_a_text(check):
    result = check(with_title("Meta drops open models'"))
    assert result.lines[0] == (
        "events.yaml:18:11: warning: event 'llama-4-release', title.en: a stray ' is left at one end of the text. "
        "Remove it, or add the ' that should match it; the site would show it as written."
    )


def test_a_stray_quote_inside_a_double_quoted_quote(check):
    text = START + event().replace("quote: Meta is moving away from open models.", "quote: \"'Meta is moving away from open models.\"")
    assert check(text).lines[0] == (
        "events.yaml:23:16: warning: event 'llama-4-release', citations[0].quote: a stray ' is left at one end of the text. "
        "Remove it, or add the ' that should match it; the site would show it as written."
    )


def test_apostrophes_and_paired_quotes_are_not_stray(check):
    assert check(with_title("Meta's 'Avocado' is the investors' new model"), "--strict").code == 0
    assert check(with_title("Meta's \"plan\" drops the investors' open models"), "--strict").code == 0


def test_an_arabic_comma_in_a_list_of_entities(check):
    result = check(START + event().replace("entities: [meta]", "entities: [meta، bloomberg]"))
    assert result.code == 1
    assert "events.yaml:19:16: error: event 'llama-4-release', entities[0]: 'meta، bloomberg' is read as one item: "\
        "an Arabic comma (،) does not separate the items of a list. Separate items with a Latin comma: [meta, bloomberg]." in result.lines
    assert not any("unknown entity" in line for line in result.lines)


def test_an_arabic_comma_in_a_list_of_outlets(check):
    result = check(START.replace("    url: https://www.example.com/meta\n", "    url: https://www.example.com/meta\n    via: [CNBC، Bloomberg]\n") + event())
    assert result.lines[0] == (
        "events.yaml:11:11: warning: source 'cnbc-report', via[0]: 'CNBC، Bloomberg' is read as one item: "
        "an Arabic comma (،) does not separate the items of a list. Separate items with a Latin comma: [CNBC, Bloomberg]."
    )


def test_a_date_with_slashes_year_first_gets_its_iso_form(check):
    result = check(START + event(date="2025/12/11"))
    assert result.lines[0] == (
        "events.yaml:15:11: error: event 'llama-4-release', date: '2025/12/11' separates the numbers with '/'. "
        "Write 2025-12-11 (the ISO form: year first, numbers joined by hyphens)."
    )


# -- syntax errors: at the mistake, in plain words --------------------------------------


def test_a_quote_never_closed_is_reported_where_it_opens(check):
    result = check(with_title('"Meta drops open models') + event("second-event"))
    assert result.lines[0] == (
        "events.yaml:18:11: error: YAML: this quote, opened on line 18, is never closed. "
        "Add the closing \" at the end of the text on line 18, or remove this \" if the text needs no quotes."
    )


def test_a_quote_closed_lines_later_by_another_text_is_reported_where_it_opens(check):
    text = with_title('"Meta drops open models').replace('summary: {en: Summary.', 'summary: {en: "Summary."')
    assert check(text).lines[0] == (
        "events.yaml:18:11: error: YAML: this quote, opened on line 18, is never closed. "
        "Add the closing \" at the end of the text on line 18: without it, YAML reads on to the \" on line 20."
    )


def test_an_apostrophe_inside_single_quotes(check):
    assert check(with_title("'Meta's plan'")).lines[0] == (
        "events.yaml:18:16: error: YAML: this ' ends the quoted text early, and what follows it is left over: s plan'. "
        "Inside '…' an apostrophe is written twice (''), or put the text in double quotes: \"Meta's plan\"."
    )


def test_a_colon_in_an_unquoted_text(check):
    assert check(with_title("Meta: the end of open models")).lines[0] == (
        "events.yaml:18:15: error: YAML: a colon followed by a space starts a new field. "
        "Put the text in quotes: en: \"Meta: the end of open models\"."
    )


def test_a_field_indented_too_little_names_the_field_it_belongs_with(check):
    result = check(START + event().replace("    summary:", "   summary:"))
    assert result.lines[0] == (
        "events.yaml:18:4: error: YAML: 'summary' is indented by 3 spaces, which lines up with no field above it. "
        "If it belongs with 'title' (line 17) in 'events' (line 13), indent 'summary:' by 4 spaces like it; "
        "fields that belong together start in the same column."
    )


def test_a_citation_field_indented_too_little(check):
    result = check(START + event().replace("        quote:", "       quote:"))
    assert result.lines[0] == (
        "events.yaml:23:8: error: YAML: 'quote' is indented by 7 spaces, which lines up with no field above it. "
        "If it belongs with 'source' (line 22) in 'citations' (line 21), indent 'quote:' by 8 spaces like it; "
        "fields that belong together start in the same column."
    )


def test_a_field_indented_too_much_is_read_as_the_value_above(check):
    result = check(START + event().replace("    status:", "      status:"))
    assert result.lines[0] == (
        "events.yaml:16:7: error: YAML: 'status' is indented more than 'date' on line 15, so YAML reads it as part of the value of 'date'. "
        "Indent 'status:' by 4 spaces, like 'date:', to make it a field of its own; if the line is text, put the whole text in quotes."
    )


def test_a_text_that_starts_with_a_quotation_is_read_as_quoted(check):
    assert check(with_title("'Avocado' is Meta's next model")).lines[0] == (
        "events.yaml:18:19: error: YAML: this ' ends the quoted text early, and what follows it is left over: is Meta's next model. "
        "Inside '…' an apostrophe is written twice (''), or put the text in double quotes: \"'Avocado' is Meta's next model\"."
    )


# -- every text and id-list field of fields.py is covered, and lines are YAML's --------


def test_a_hash_cuts_a_sources_reason_for_being_unknown_too(check):
    text = START.replace("    url: https://www.example.com/meta\n", "    url: null\n    unknown_because:\n      en: the saved text #2 has no address\n      ar: لا رابط\n") + event()
    assert any("unknown_because.en: the text stops before '#2 has no address'" in line for line in check(text).lines)


def test_an_arabic_comma_in_a_list_of_conflicting_events(check):
    result = check(START + event().replace("    citations:", "    conflicts_with: [b، c]\n    citations:"))
    assert any("conflicts_with[0]: 'b، c' is read as one item" in line and "Separate items with a Latin comma: [b, c]." in line for line in result.lines), result.out


def test_a_line_separator_earlier_in_the_file_does_not_hide_a_cut_text(check):
    text = with_title("Meta's own market research #2 finds a gap").replace("title: {en: Timeline,", "title: {en: \"Time\u2028line\",", 1)
    assert any("title.en: the text stops before '#2 finds a gap'" in line for line in check(text).lines), check(text).out
