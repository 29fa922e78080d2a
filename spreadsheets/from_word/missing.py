"""A report read from one language only: the texts the records cannot do without in the
portal's default language (a group's name, a document's title, an objective's text ...) are
asked of the clerk, the other language's text offered as the answer, for the reader never
writes a translation of its own."""

from django.conf import settings
from django.utils.translation import gettext as _

from .reading import Passage, Question, Reading

# The sheets' texts that the models require, by sheet (blank=False translated fields).
REQUIRED = {
    "working_groups": "name",
    "objectives": "text",
    "areas": "title",
    "action_lines": "text",
    "outputs": "text",
    "events": "title",
    "documents": "title",
}


def ask_missing_texts(reading: Reading, *, stored: set[str] = frozenset()) -> None:
    """A question for each required text given in another language only. `stored`: the sheets
    whose records are already stored (the group's, the document's): a text a file leaves out
    is left as it is there, so nothing is asked."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    for sheet, name in REQUIRED.items():
        if sheet in stored:
            continue
        column = f"{name}_{default}"
        for index, row in enumerate(reading.sheets.get(sheet, [])):
            given = [(key, text) for key, text in row.items() if key.startswith(f"{name}_") and text]
            if row.get(column) or not given:
                continue
            found = given[0][1]
            passages = reading.sources.get((sheet, index)) or [Passage(given[0][0][-2:], "", found)]
            reading.questions.append(
                Question(
                    key=f"text-{len(reading.questions) + 1}",
                    sheet=sheet,
                    row=index,
                    column=column,
                    found=found,
                    passage=passages[0],
                    choices=((found, found),),
                    message=_(
                        "“%(text)s” has no text in %(language)s, which the record needs: type it, "
                        "or keep this one."
                    )
                    % {"text": found, "language": dict(settings.LANGUAGES)[default]},
                )
            )
