"""A column holding a short list of integer keys, the same on both databases to the code that uses it."""

import json

from django.db import NotSupportedError, models
from django.db.models import Lookup


class KeyListField(models.Field):
    """PostgreSQL: bigint[], which a GIN index can search; SQLite: a JSON list, which json_each reads."""

    description = "A list of integer keys"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        return name, path, args, kwargs

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        keys = [int(key) for key in value]
        return keys if connection.vendor == "postgresql" else json.dumps(keys)

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    @staticmethod
    def from_db_values(values: list) -> list[list[int]]:
        """Many rows' raw values at once: on SQLite one JSON parse for all, where one per row cost more than
        the query for a listing's 5,000 works."""
        if not values or isinstance(values[0], list):
            return values
        return json.loads(f"[{','.join(values)}]")

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value


class _KeysLookup(Lookup):
    operator = ""

    def get_db_prep_lookup(self, value, connection):
        return "%s", [self.lhs.output_field.get_db_prep_value(value, connection)]

    def as_sql(self, compiler, connection):
        raise NotSupportedError("key lists are searched on PostgreSQL only; SQLite reads WorkFilter")

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} {self.operator} {rhs}::bigint[]", [*lhs_params, *rhs_params]


@KeyListField.register_lookup
class HasAll(_KeysLookup):
    lookup_name = "has_all"
    operator = "@>"


@KeyListField.register_lookup
class HasAny(_KeysLookup):
    lookup_name = "has_any"
    operator = "&&"
