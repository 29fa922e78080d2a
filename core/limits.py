"""How long a text may be, by what it is. Each limit is far above what the Conference's
documents hold (the longest remark of 2020-2021 has 1,151 characters, the longest background
2,868), and low enough that a document made of texts at their limits still renders in bounded
time (benchmarks/limits.py). Model fields take them with `limited()`: the admin's and the
portal's forms, the imports (full_clean) and the API all refuse a longer text with the
field's own message."""

from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

SHORT = 2_000  # an activity, an output, an objective, an action line
REMARK = 4_000  # an activity's remarks, the secretariat's comment
NOTE = 8_000  # a group's obstacles or gender notes
PARAGRAPHS = 20_000  # a group's background, a report's introduction or progress to date


def limited(limit: int) -> dict:
    """The keyword arguments of a TextField bounded to `limit` characters: max_length for its
    forms' fields (and the textarea's maxlength), and the validator that full_clean runs, which
    a TextField's max_length alone does not add."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def too_long(length: int, limit: int) -> str:
    """What is said of a text past its limit where no form field says it (a workbook's cell,
    the API's values), in the reader's language."""
    return _("This text has %(length)s characters; at most %(limit)s fit the documents.") % {
        "length": length,
        "limit": limit,
    }
