"""Every rule about who may see a work or a chapter lives in quire/access: no other code filters works or
chapters on their posted, hidden, restricted or draft state, so a new surface cannot bypass the layer."""

import ast
from pathlib import Path

import pytest

QUIRE = Path(__file__).resolve().parent.parent / "quire"
STATE_FIELDS = {"posted_at", "hidden_at", "restricted"}
# Flags read as `field=True`: whether a work may be seen, or whether its creators may be named.
FLAG_FIELDS = {"restricted", "in_anonymous"}
# Query calls whose keyword arguments filter rows (update() and create() write them, which is fine).
FILTERING_CALLS = {"filter", "exclude", "get", "Q", "get_object_or_404", "first", "exists"}
# The helpers the layer replaced: calling one again would bring a copy of the rule back.
RETIRED = {
    "visible_to",
    "posted",
    "hidden_from",
    "shown_to",
    "inbox_of",
    "visibility",
    "documents_visible_to",
}


def _outside_the_layer() -> list[Path]:
    return [
        path
        for path in sorted(QUIRE.rglob("*.py"))
        if "access" not in path.relative_to(QUIRE).parts[:1] and "migrations" not in path.parts
    ]


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _filters_on_state(keyword: ast.keyword) -> bool:
    """posted_at__isnull, work__hidden_at__isnull, restricted, work__restricted: a state, not a date range."""
    if keyword.arg is None:
        return False
    parts = keyword.arg.split("__")
    if parts[-1] == "isnull":
        return parts[-2] in STATE_FIELDS
    return parts[-1] in FLAG_FIELDS or (len(parts) > 1 and parts[-2] in FLAG_FIELDS)


def bypasses(source: str, *, is_models_module: bool = False) -> list[str]:
    """Where this module decides visibility itself: line numbers and what it does."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _called_name(node)
            # A model module defines its fields' indexes and constraints with Q: definitions, not reads.
            defines = is_models_module and name == "Q"
            if name in FILTERING_CALLS and not defines and any(_filters_on_state(k) for k in node.keywords):
                found.append(f"line {node.lineno}: {name}() on a work's or chapter's state")
            if name in RETIRED and isinstance(node.func, ast.Attribute):
                found.append(f"line {node.lineno}: .{name}(), a retired copy of the visibility rule")
        elif isinstance(node, ast.Attribute) and node.attr == "in_anonymous":
            # "Anonymous" or the creators' names is the layer's call (creators_hidden_from and its kin).
            found.append(f"line {node.lineno}: reads .in_anonymous outside the layer")
        elif isinstance(node, ast.Name) and node.id == "UNLISTED" and not is_models_module:
            found.append(f"line {node.lineno}: UNLISTED used outside the layer")
    return found


def test_no_code_outside_the_access_layer_filters_on_visibility():
    offenders = {}
    for path in _outside_the_layer():
        found = bypasses(path.read_text(), is_models_module=path.name == "models.py")
        if found:
            offenders[str(path.relative_to(QUIRE))] = found
    assert offenders == {}, "Visibility decided outside quire/access (call quire.access.reading instead)"


@pytest.mark.parametrize(
    "source",
    [
        "Work.objects.filter(posted_at__isnull=False)",
        "Chapter.objects.exclude(work__hidden_at__isnull=False)",
        "get_object_or_404(Work, pk=1, restricted=False)",
        "works.filter(Q(posted_at__isnull=True) | Q(author=user))",
        "Work.objects.visible_to(user)",
        "Work.objects.posted()",
        "works.exclude(pk__in=UNLISTED)",
        "works.exclude(in_anonymous=True)",
        "Creatorship.objects.filter(work__in_anonymous=False)",
        "'Anonymous' if work.in_anonymous else work.pseud.byline",
    ],
)
def test_the_check_catches_each_kind_of_bypass(source):
    assert bypasses(source)


@pytest.mark.parametrize(
    "source",
    [
        "Chapter.objects.filter(pk=1).update(posted_at=now)",
        "Work.objects.create(title='x', restricted=True)",
        "works_for(user, Surface.LISTING).filter(author=user)",
        "Work.objects.order_by('-posted_at')",
        "works.filter(posted_at__gte=start, posted_at__lte=end)",
    ],
)
def test_the_check_lets_writes_and_ordering_through(source):
    assert bypasses(source) == []
