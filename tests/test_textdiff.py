"""The remarks' difference the review page shows (reporting/textdiff.py): word by word for an
edit, whole texts for a rewrite, and never the writer's markup."""

from reporting.textdiff import word_diff


def _plain(html):
    """The HTML without the words said only to screen readers."""
    import re

    return re.sub(r'<span class="visually-hidden">[^<]*</span>', "", str(html))


def test_an_edit_marks_the_words_that_changed_and_keeps_the_rest():
    shown = _plain(word_diff("A first draft was discussed in May.", "A second draft was discussed in June."))
    assert (
        shown == "A <del>first</del><ins>second</ins> draft was discussed in <del>May</del><ins>June</ins>."
    )


def test_a_rewrite_is_the_old_text_struck_out_then_the_new_one():
    old, new = "Since the questionnaire was sent, three replied.", "Fieldwork finished in the capital."
    assert _plain(word_diff(old, new)) == f"<del>{old}</del> <ins>{new}</ins>"


def test_markup_is_escaped_and_line_breaks_kept():
    shown = str(word_diff("Minutes of the <i>meeting</i>", "Minutes of <b>the</b> meeting\nand annexes"))
    assert "<b>" not in shown and "<i>" not in shown
    assert "&lt;b&gt;" in shown and "&lt;i&gt;" in shown and "<br>" in shown
    assert '<span class="visually-hidden">removed: </span>' in shown


def test_the_same_text_is_shown_as_it_is():
    assert str(word_diff("Finished & published.", "Finished & published.")) == "Finished &amp; published."
