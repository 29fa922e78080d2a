"""What every spreadsheet of the portal has in common (django-import-export resources).

- Translated texts travel as one column per language (text_en, text_es); a column the file
  does not have leaves that language as it is.
- Records are found by their natural key (a group by 2020-2021/IV, an activity by its group and
  position), read once per import (KeyedInstanceLoader), never by database id.
- An unknown or renamed header, a missing key column and a key given twice are refused with
  the row and column, so nothing half-understood is written."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import Result

from core.bilingual import LANGUAGES
from spreadsheets.errors import Problem
from spreadsheets.widgets import DateWidget, TextWidget


def translated(*names) -> tuple:
    """The per-language columns of translated fields: ("text_en", "text_es", ...)."""
    return tuple(f"{name}_{lang}" for name in names for lang in LANGUAGES)


class UnusedTextsWidget(TextWidget):
    """Texts marked as not used in a language, by column name: "acronym_es; title_es"."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        return sorted({part.strip() for part in text.split(";") if part.strip()})

    def render(self, value, obj=None, **kwargs):
        return "; ".join(value or [])


def unused_texts_field():
    from import_export.fields import Field

    return Field(attribute="unused_texts", column_name="unused_texts", widget=UnusedTextsWidget())


def _same(a, b) -> bool:
    return a == b or (a in (None, "") and b in (None, ""))


class HeaderError(Exception):
    """The file's header row does not match the sheet; every problem is listed."""

    def __init__(self, problems: list[Problem]):
        super().__init__(" ".join(map(str, problems)))
        self.problems = problems


class SheetResult(Result):
    """Row numbers as the spreadsheet shows them: the header is row 1, the first record row 2
    (the library counts records from 1)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        return [(line + 1, errors) for line, errors in super().row_errors()]


class KeyedInstanceLoader(BaseInstanceLoader):
    """Reads the resource's records once and finds each row's record by its natural key."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.records = {resource.instance_key(r): r for r in resource.get_queryset()}

    def get_instance(self, row):
        return self.records.get(self.resource.row_key(row))


class PortalResource(resources.ModelResource):
    """Base of the portal's resources; subclasses name their key columns in `import_id_fields`."""

    class Meta:
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        instance_loader_class = KeyedInstanceLoader

    # Columns a new record cannot do without (beyond the key columns).
    required_columns: tuple = ()
    # Key columns a row may leave empty, where a record is found by one of two keys (a
    # document's wording names a country or an institution); the model's clean() says which.
    optional_key_columns: tuple = ()
    # The model's fields that no sheet carries, each with the reason (the portal's own
    # bookkeeping); tests/test_exchange_shape.py wants every other field to be a column.
    not_exchanged: dict[str, str] = {}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.options = kwargs

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        # Texts are written as they are and an empty cell is an empty text, never NULL.
        if isinstance(f, (models.CharField, models.TextField)) and not f.choices:
            return TextWidget
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            return DateWidget
        return super().widget_from_django_field(f, default)

    @classmethod
    def get_result_class(cls):
        return SheetResult

    def import_data(self, dataset, **kwargs):
        # All or nothing for every caller (admin, commands, tests): a row with a validation
        # error rolls back the rows before it too.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        """Every problem of the row at once: the cells' own, then the resource's row_problems."""
        errors = {}
        if instance.pk is None:
            # A text whose column the file leaves out starts empty, not NULL (modeltranslation's
            # per-language fields allow NULL).
            for field in self.get_import_fields():
                text = isinstance(field.widget, TextWidget) and field.attribute
                if text and getattr(instance, field.attribute, "") is None:
                    setattr(instance, field.attribute, "")
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for column, messages in self.row_problems(instance, row, errors).items():
            errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the table's id sequence here, as loaddata does for rows that
        # bring their own ids. Ours never do (records are found by natural keys), and on
        # PostgreSQL a sequence's reset outlives a rollback: after an import refused inside a
        # transaction, the sequence could stand below ids that came back with the rollback,
        # and the next record saved would collide with one of them.
        resources.Resource.after_import(self, dataset, result, **kwargs)

    def row_problems(self, instance, row, errors) -> dict[str, list[str]]:
        """Problems beyond single cells, by column; `errors` holds those found so far."""
        return {}

    # Keys -------------------------------------------------------------------------------
    @staticmethod
    def _key_part(value):
        return getattr(value, "pk", value)

    def instance_key(self, instance) -> tuple:
        return tuple(
            self._key_part(self.fields[name].get_value(instance)) for name in self.get_import_id_fields()
        )

    def row_key(self, row) -> tuple:
        errors, key = {}, []
        for name in self.get_import_id_fields():
            field = self.fields[name]
            try:
                value = field.clean(row)
            except ValueError as error:
                errors[field.column_name] = ValidationError(str(error))
                continue
            if value in (None, "") and name not in self.optional_key_columns:
                errors[field.column_name] = ValidationError(_("This column must not be empty."))
            key.append(self._key_part(value))
        if errors:
            raise ValidationError(errors)
        return tuple(key)

    def keeps(self, original, import_validation_errors=None) -> bool:
        """With the option keep_existing (the fixtures' first-run load), a record already in the
        database is left as it is, whatever the file says: loading again never undoes an edit."""
        exists = original is not None and original.pk is not None
        return bool(exists and self.options.get("keep_existing") and not import_validation_errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged: every column the file has equals what is stored (an empty cell equals an
        empty or missing text), so that importing an export unchanged reports no change."""
        if self.keeps(original, import_validation_errors):
            return True
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.attribute is None or field.column_name not in row:
                continue
            if isinstance(field.widget, widgets.ManyToManyWidget):
                new = {r.pk for r in field.clean(row)}
                if new != {r.pk for r in field.get_value(original).all()}:
                    return False
            elif not _same(field.get_value(instance), field.get_value(original)):
                return False
        return True

    # Header and whole-file checks ------------------------------------------------------------
    def known_columns(self) -> list[str]:
        return [f.column_name for f in self.get_import_fields()]

    def header_problems(self, headers) -> list[Problem]:
        problems, known = [], self.known_columns()
        seen = set()
        for position, header in enumerate(headers, 1):
            if header in seen:
                problems.append(Problem(1, header, _("This column appears twice.")))
            seen.add(header)
            if header not in known:
                problems.append(
                    Problem(
                        1,
                        header or _("(empty header, column %(n)s)") % {"n": position},
                        _("This is not a column of this sheet; its columns are: %(columns)s.")
                        % {"columns": ", ".join(known)},
                    )
                )
        for name in (*self.get_import_id_fields(), *self.required_columns):
            column = self.fields[name].column_name if name in self.fields else name
            if column not in headers:
                problems.append(Problem(1, column, _("This required column is missing.")))
        return problems

    def before_import(self, dataset, **kwargs):
        for field in self.fields.values():
            if hasattr(field.widget, "forget"):
                field.widget.forget()
        self._rows_seen = {}
        problems = self.header_problems(list(dataset.headers or []))
        if problems:
            raise HeaderError(problems)

    def handle_import_error(self, result, error, raise_errors=False):
        # One listed problem per header problem, as the admin and import_sheets show them.
        if isinstance(error, HeaderError) and result is not None and not raise_errors:
            for problem in error.problems:
                result.append_base_error(self.get_error_result_class()(Exception(str(problem))))
            return
        super().handle_import_error(result, error, raise_errors)

    def _check_import_id_fields(self, headers):
        """Missing key columns are reported by header_problems, in the clerk's words."""

    def after_init_instance(self, instance, new, row, **kwargs):
        key = self.row_key(row)
        number = kwargs.get("row_number")
        if key in self._rows_seen:
            columns = ", ".join(self.fields[n].column_name for n in self.get_import_id_fields())
            raise ValidationError(
                {
                    self.fields[self.get_import_id_fields()[-1]].column_name: _(
                        "The same record (%(columns)s) is already on row %(row)s."
                    )
                    % {"columns": columns, "row": self._rows_seen[key] + 1}
                }
            )
        self._rows_seen[key] = number


def result_problems(result, sheet="") -> list[Problem]:
    """Every problem of an import's result (the header's, a row's error, a cell's) in the order
    the clerk meets them, with the spreadsheet's row numbers."""
    problems = [Problem(None, "", str(error.error), sheet) for error in result.base_errors]
    for line, errors in result.row_errors():
        problems += [Problem(line, "", str(error.error), sheet) for error in errors]
    for row in result.invalid_rows:
        problems += [
            Problem(row.number, column, " ".join(messages), sheet)
            for column, messages in row.error_dict.items()
        ]
    return problems
