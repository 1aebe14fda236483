"""schemathesis against our own OpenAPI document: every operation, with generated valid and invalid input, as
a guest and with a token. No 500s, and every answer (status, headers, body) matches the document."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from factories import make_work
from hypothesis import HealthCheck, settings

from quire.api.services import create_token
from quire.collections.services import CollectionFields, create_collection
from quire.prompts import services as prompts
from quire.works import services
from quire.works.models import Work

# Modest, so the suite stays quick on both databases: 25 operations, positive and negative cases each.
EXAMPLES_PER_OPERATION = 8

CHECKS = {
    # Valid by the schema is not always acceptable: rules across fields (no "No Archive Warnings Apply"
    # beside a warning, a tag name already used for another type of tag, a forbidden character in a tag) are
    # the web form's, and the API answers them as it does: 422 per field.
    "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "404", "409", "422", "429"]},
}


def _load(*, coverage: bool):
    config = schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": EXAMPLES_PER_OPERATION},
            "checks": CHECKS,
            "phases": {"coverage": {"enabled": coverage}},
        }
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=config)


# Loaded once at collection: the document needs no database. (schemathesis.pytest.from_fixture would load
# it per test, but its lazy mode does not run under pytest 9.) The token run also walks every parameter's
# boundaries (the coverage phase, most of the run's ~3,000 requests); the guest run, which mostly meets
# 401s and the same listings, does not repeat that.
with_token = _load(coverage=True)
as_guest = _load(coverage=False)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" connections around each request, and a connection inside the test's
    transaction counts as one on PostgreSQL; Django's own test client switches this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def archive(writer, settings):
    """A writer's posted work with a draft chapter, and their token: real ids for paths to hit."""
    settings.API_RATE_LIMITS = {"anon": "100000/min", "token": "100000/min", "write": "100000/min"}
    cache.clear()
    work = make_work(writer, title="Exit Ramps", chapters=2, relationships=["Jess Mariano/Rory Gilmore"])
    draft = services.add_chapter(
        work=work, user=work.author, fields=services.ChapterFields(body="Later."), post=False
    )
    # A collection running a prompt meme, with a prompt: real names and ids for the collections' paths.
    collection = create_collection(
        user=writer, fields=CollectionFields(name="drill_fest", title="Drill Fest")
    )
    meme = prompts.set_up_prompt_meme(collection=collection, user=writer, fields=prompts.PromptMemeFields())
    prompt = prompts.post_prompt(
        meme=meme,
        user=writer,
        fields=prompts.PromptFields(description="Write a road trip.", fandoms=["Gilmore Girls"]),
    )
    return {
        "work": work,
        "draft": draft,
        "collection": collection,
        "prompt": prompt,
        "token": create_token(user=writer, name="schemathesis")[1],
    }


def _point_at_real_objects(case, archive):
    """Valid generated ids and names rarely exist; most valid cases are sent to the writer's work instead."""
    if case.meta is None or case.meta.generation.mode.is_negative or not case.path_parameters:
        return
    work = Work.objects.filter(pk=archive["work"].pk).first()
    if work is None:
        return
    parameters = case.path_parameters
    if "work_id" in parameters:
        parameters["work_id"] = work.pk
    if "chapter_id" in parameters:
        parameters["chapter_id"] = archive["draft"].pk
    if "prompt_id" in parameters:
        parameters["prompt_id"] = archive["prompt"].pk
    if "name" in parameters:
        collections = case.path.startswith("/api/v1/collections/")
        parameters["name"] = archive["collection"].name if collections else "Jess Mariano*s*Rory Gilmore"
    if "username" in parameters:
        parameters["username"] = work.author.username


@as_guest.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
def test_api_as_a_guest(case, archive):
    _point_at_real_objects(case, archive)
    case.call_and_validate()


@with_token.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
def test_api_with_a_token(case, archive):
    _point_at_real_objects(case, archive)
    case.call_and_validate(headers={"Authorization": f"Bearer {archive['token']}"})
