"""Database functions Django has for one backend only, written for both of Quire's (SQLite and PostgreSQL)."""

from django.db.models import Aggregate, CharField, OuterRef, Subquery


class Joined(Aggregate):
    """The values joined with commas, in no particular order (SQLite's GROUP_CONCAT, PostgreSQL's STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def joined_values(rows, field: str, owner: str) -> Subquery:
    """The `field` of every row of `rows` belonging to the outer row (`owner` names it), as one
    comma-joined string or None: a short list read with the outer row rather than by a query of its own."""
    return Subquery(
        rows.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(joined=Joined(field))
        .values("joined")
    )


class JoinedRows(Subquery):
    """The rows of a one-column queryset (its column named `value`), joined with commas in the queryset's
    order, slice included: "the last 50 names" read with the outer row. Both databases keep a sorted
    subquery's order through the aggregate (PostgreSQL's documentation gives this very form); the values
    must hold no comma."""

    output_field = CharField()

    def as_sql(self, compiler, connection, template=None, **extra_context):
        inner, params = super().as_sql(compiler, connection, template, **extra_context)
        function = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
        return f"(SELECT {function}(joined_rows.value, ',') FROM {inner} joined_rows)", params
