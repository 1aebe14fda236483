"""Tags with their wrangling: synonyms, the canonical tag, parents and children."""

from ninja import Path, Router

from quire.access.reading import may_see_tag
from quire.api import links
from quire.api.auth import OPTIONAL_SECURITY, OptionalTokenAuth
from quire.api.errors import not_found, responses
from quire.api.output import tag_ref
from quire.api.schemas import TAG_ADDRESS_MAX, TagOut
from quire.api.throttles import ReadThrottle
from quire.tags.models import Tag
from quire.tags.selectors import visible_work_counts
from quire.tags.urlnames import from_url

router = Router(tags=["tags"], auth=OptionalTokenAuth(), throttle=[ReadThrottle()])


@router.get(
    "/tags/{name}",
    response=responses({200: TagOut}),
    openapi_extra={
        **OPTIONAL_SECURITY,
        **links.on(200, GetWorks=links.to("listings.tag_works", {"name": "$request.path.name"})),
    },
)
def tag_detail(request, name: str = Path(..., max_length=TAG_ADDRESS_MAX)):
    """A tag as its page shows it. Write “/” in the name as “*s*” (and “.” as “*d*”, “?” as “*q*”, “#” as
    “*h*”, “&” as “*a*”, “*” as “*x*”), as the archive's tag addresses do."""
    tag = Tag.objects.select_related("merger").named(from_url(name.replace("\x00", ""))).first()
    if tag is None or not may_see_tag(request.auth, tag):
        raise not_found("tag")
    key = tag.filter_key
    return {
        **tag_ref(request, tag),
        "canonical": tag.canonical,
        "synonym_of": tag_ref(request, tag.merger) if tag.merger_id else None,
        "synonyms": [tag_ref(request, t) for t in key.synonyms.order_by("name")],
        "parents": [
            tag_ref(request, link.parent)
            for link in key.parent_links.select_related("parent").order_by("parent__type", "parent__name")
        ],
        "children": [
            tag_ref(request, link.child)
            for link in key.child_links.select_related("child").order_by("child__type", "child__name")
        ],
        "works": visible_work_counts(request.auth, [key.pk])[key.pk],
    }
