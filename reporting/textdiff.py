"""What changed between two versions of a text, word by word, as HTML: removed words in <del>,
added ones in <ins>, everything escaped (a remark may hold anything its writer typed). The
reviewer sees at a glance what a group rewrote since the previous round, not two paragraphs to
compare by eye."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# A word, a run of spaces (line breaks included), or one other character (punctuation): a
# changed comma is one token, not the word it follows.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _shown(tokens) -> str:
    return escape("".join(tokens)).replace("\n", "<br>")


def _marked(tag: str, said: str, tokens) -> str:
    """`tokens` inside <del> or <ins>, said aloud as "removed"/"added" where colour does not reach."""
    return f'<{tag}><span class="visually-hidden">{escape(said)} </span>{_shown(tokens)}</{tag}>'


# Below this share of words in common a text was rewritten, not edited: marking the few words
# that happen to recur ("the", "was") would cut both texts into fragments nobody can read.
REWRITTEN = 0.5


def word_diff(old: str, new: str) -> SafeString:
    """`new` as HTML, with what it no longer has from `old` struck out and what it adds marked;
    a text rewritten rather than edited is shown as the old one struck out, then the new one."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    removed, added = _("removed:"), _("added:")
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    if before and after and matcher.ratio() < REWRITTEN:
        return mark_safe(f"{_marked('del', removed, before)} {_marked('ins', added, after)}")
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_shown(after[j1:j2]))
            continue
        if i2 > i1:
            parts.append(_marked("del", removed, before[i1:i2]))
        if j2 > j1:
            parts.append(_marked("ins", added, after[j1:j2]))
    return mark_safe("".join(parts))  # every piece of text in it went through escape()
