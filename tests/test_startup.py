"""What each server process does once, before its first request (quire/wsgi.py)."""

from django.template import engines

from quire.core.memory import compile_templates


def test_every_template_is_compiled_at_startup():
    names = compile_templates()

    assert {"discovery/listing.html", "works/_blurb.html"} <= set(names)  # the pages readers load most
    assert any(name.startswith("django/forms/widgets/") for name in names)  # every form's fields
    assert any(name.endswith(".txt") for name in names)  # e-mail bodies
    (cached_loader,) = engines["django"].engine.template_loaders
    assert set(names) <= set(cached_loader.get_template_cache)
