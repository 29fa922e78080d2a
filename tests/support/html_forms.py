"""The forms of a page as a browser reads them: each form's address and the data it would send
as rendered (text, hidden fields, ticked boxes, chosen options, text areas), to send again with
one field changed."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"", "text", "hidden", "email", "url", "number", "search", "password", "tel", "date", "month"}


@dataclass
class Form:
    action: str
    method: str
    data: dict = field(default_factory=dict)  # name: [values]
    typed: list = field(default_factory=list)  # names a person (or a program) can type into
    hidden: list = field(default_factory=list)  # the names of hidden fields among them
    files: list = field(default_factory=list)
    button: tuple | None = None  # (name, value) of its first submit button, the one Enter presses

    def post_data(self, **changed) -> dict:
        """The data as sent by the first submit button, with `changed` fields given new values."""
        data = {name: (values[0] if len(values) == 1 else values) for name, values in self.data.items()}
        if self.button is not None:
            data.setdefault(*self.button)
        data.update(changed)
        return data


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            self.select["first"] = value if self.select["first"] is None else self.select["first"]
            if "selected" in attrs:
                self.select["chosen"].append(value)
            return
        if tag == "form":
            self.form = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self.form)
        elif self.form is None or "name" not in attrs or "disabled" in attrs:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "button" and attrs.get("type", "submit").lower() == "submit" and self.form.button is None:
            self.form.button = (attrs["name"], attrs.get("value", ""))
        elif tag == "select":
            self.select = {
                "name": attrs["name"],
                "first": None,
                "chosen": [],
                "multiple": "multiple" in attrs,
            }
            self.form.typed.append(attrs["name"])
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.form.data[self.textarea] = [""]
            self.form.typed.append(self.textarea)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _input(self, attrs):
        kind, name = attrs.get("type", "").lower(), attrs["name"]
        if kind == "submit":
            self.form.button = self.form.button or (name, attrs.get("value", ""))
        elif kind == "file":
            self.form.files.append(name)
        elif kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self.form.data.setdefault(name, []).append(attrs.get("value", "on"))
            self.form.typed.append(name)
        elif kind in TEXT_TYPES:
            self.form.data.setdefault(name, []).append(attrs.get("value", ""))
            if name != "csrfmiddlewaretoken":
                self.form.typed.append(name)
                if kind == "hidden":
                    self.form.hidden.append(name)

    def handle_data(self, data):
        if self.textarea is not None:
            self.form.data[self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            value = self.form.data[self.textarea][0]
            self.form.data[self.textarea][0] = value[1:] if value.startswith("\n") else value  # as a browser
            self.textarea = None
        elif tag == "select" and self.select is not None:
            # A browser sends the first option of a plain select where none is chosen; of a
            # multiple one, nothing.
            first = self.select["first"]
            chosen = self.select["chosen"] or (
                [first] if first is not None and not self.select["multiple"] else []
            )
            if chosen:
                self.form.data[self.select["name"]] = chosen
            self.select = None


def forms_of(html: str, method="post") -> list[Form]:
    """The page's forms sent with `method`."""
    reader = _Reader()
    reader.feed(html)
    return [form for form in reader.forms if form.method == method]
