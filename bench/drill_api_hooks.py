"""schemathesis hooks for bench/drill_api.py: a check that schema-valid requests are refused only for the rules
the OpenAPI document states in its descriptions (drill_api.toml says why 422 is accepted for valid data)."""

import re

import schemathesis

# The web forms' messages for the rules the document states in words (quire/api/schemas.py).
STATED_RULES = [
    re.compile(pattern)
    for pattern in (
        r"^“Words to” must be at least “Words from”\.$",
        r"^“Updated to” must be on or after “Updated from”\.$",
        r"^“Updated to” must be before 9999-12-31\.$",
        r"^Null characters are not allowed\.$",
        r"” is already a [\w ]+ tag; it cannot also be a [\w ]+ tag\.$",
        r"” contains a character tags cannot have: ",
        r"” contains a comma: give each tag as its own item\.$",
        r"^A work can have at most \d+ tags; this one has \d+\.$",
        r"^“No Archive Warnings Apply” cannot be chosen together with a warning\.$",
        # A title of only spaces and line breaks, which become nothing ("Line breaks ... become spaces").
        r"^This field is required\.$",
        # Collections and prompt memes: the web's refusals, stated in each write's description.
        r"^You can add only your own works to a collection\.$",
        r"” is closed to new works\.$",
        r"” is already in “.*”\.$",
        r"” already waits for approval in “.*”\.$",
        r"^The maintainers of “.*” turned “.*” down\.$",
        r"^Claiming is closed in “.*”\.$",
        r"^You have already claimed this prompt\.$",
        r"^You have filled this claim, so it cannot be dropped\.$",
    )
]


@schemathesis.check
def refused_only_for_a_stated_rule(ctx, response, case):
    """A 422 to data the schema allows must name a rule the document states; anything else is a bug."""
    if response.status_code != 422 or case.meta is None or case.meta.generation.mode.is_negative:
        return None
    unstated = [
        error
        for error in response.json().get("errors", [])
        if not any(rule.search(error["message"]) for rule in STATED_RULES)
    ]
    if unstated:
        raise AssertionError(f"Schema-valid data refused for a rule the document does not state: {unstated}")
    return None
