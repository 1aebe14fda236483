"""Co-creators with consent (issue #21): invitations, the byline, ownership, leaving, and the numbers."""

import pytest
from factories import UserFactory, make_work

from quire.creators.services import credit_creator

pytestmark = pytest.mark.django_db


def test_byline_names_every_accepted_creator_linking_each_pseud_page(client):
    lead = UserFactory(username="lead")
    other = UserFactory(username="other")
    pen = other.pseuds.create(name="Pen")
    work = make_work(lead, title="Together")
    credit_creator(work, pen)

    page = client.get(work.get_absolute_url()).content.decode()

    assert (
        '<h3 class="byline heading"><a rel="author" href="/users/lead/pseuds/lead">lead</a>, '
        '<a rel="author" href="/users/other/pseuds/Pen">Pen (other)</a></h3>'
    ) in page
