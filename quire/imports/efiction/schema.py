"""eFiction's own table layouts, for the dumps that do not say them: eFiction's admin backup (admin/backup.php)
writes `INSERT INTO fanfiction_stories VALUES("1", "Title", ...)` with neither CREATE TABLE nor column names.

From eFiction 3.5's installer; where archives upgraded from 3.0 differ (a `website` column in authors, the
`challenges` column of stories), each layout is listed and the one with the row's number of values is used.
"""

_INT = "int"
_TEXT = "text"
_DATE = "datetime"


def _layout(spec: str) -> list[tuple[str, str]]:
    columns = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        columns.append((name, {"i": _INT, "d": _DATE, "": _TEXT}[kind]))
    return columns


LAYOUTS = {
    "authors": [
        _layout("uid:i penname realname email website bio image date:d admincreated password"),
        _layout("uid:i penname realname email bio image date:d admincreated password"),
    ],
    "authorprefs": [
        _layout(
            "uid:i newreviews:i newrespond:i ageconsent:i alertson:i tinyMCE:i sortby:i storyindex:i validated:i"
            " userskin level:i categories contact:i stories:i"
        )
    ],
    "authorinfo": [_layout("uid:i field:i info")],
    "categories": [
        _layout(
            "catid:i parentcatid:i category description image locked leveldown:i displayorder:i numitems:i"
        )
    ],
    "chapters": [
        _layout(
            "chapid:i title inorder:i notes storytext endnotes validated wordcount:i rating:i reviews:i sid:i uid:i"
            " count:i"
        )
    ],
    "characters": [_layout("charid:i catid:i charname bio image")],
    "classes": [_layout("class_id:i class_type:i class_name")],
    "classtypes": [_layout("classtype_id:i classtype_name classtype_title")],
    "coauthors": [_layout("sid:i uid:i")],
    "favorites": [_layout("uid:i item:i type comments")],
    "inseries": [_layout("seriesid:i sid:i subseriesid:i confirmed:i inorder:i")],
    "ratings": [_layout("rid:i rating ratingwarning warningtext")],
    "reviews": [_layout("reviewid:i item:i chapid:i reviewer uid:i review date:d rating:i respond type")],
    "series": [
        _layout(
            "seriesid:i title summary uid:i isopen:i catid rating:i classes characters reviews:i numstories:i"
            " challenges"
        )
    ],
    "stories": [
        _layout(
            "sid:i title summary storynotes catid classes charid rid date:d updated:d uid:i coauthors featured"
            " validated completed rr wordcount:i rating:i reviews:i count:i challenges"
        ),
        _layout(
            "sid:i title summary storynotes catid classes charid rid date:d updated:d uid:i coauthors featured"
            " validated completed rr wordcount:i rating:i reviews:i count:i"
        ),
    ],
    "settings": [
        _layout(
            "sitekey sitename slogan url siteemail tableprefix skin hiddenskins language submissionsoff:i storiespath"
            " store autovalidate:i coauthallowed:i maxwords:i minwords:i imageupload:i imageheight:i imagewidth:i"
            " roundrobins:i allowseries:i tinyMCE:i allowed_tags favorites:i multiplecats:i newscomments:i logging:i"
            " maintenance:i debug:i captcha:i dateformat timeformat recentdays:i displaycolumns:i itemsperpage:i"
            " extendcats:i displayindex:i defaultsort:i displayprofile:i linkstyle:i linkrange:i reviewsallowed:i"
            " ratings:i anonreviews:i revdelete:i rateonly:i pwdsetting:i alertson:i disablepopups:i agestatement:i"
            " words version smtp_host smtp_username smtp_password"
        )
    ],
}
# The keys the importer looks rows up by, as eFiction's installer declares them.
KEYS = {
    "chapters": [["sid"], ["uid"]],
    "reviews": [["chapid"], ["type", "item"], ["uid"]],
    "stories": [["uid"]],
    "coauthors": [["sid"]],
    "inseries": [["seriesid"], ["sid"]],
    "favorites": [["uid"], ["item", "type"]],
    "characters": [["catid"]],
    "categories": [["parentcatid"]],
}
PRIMARY_KEYS = {
    "authors": ["uid"],
    "authorprefs": ["uid"],
    "categories": ["catid"],
    "chapters": ["chapid"],
    "characters": ["charid"],
    "classes": ["class_id"],
    "classtypes": ["classtype_id"],
    "ratings": ["rid"],
    "reviews": ["reviewid"],
    "series": ["seriesid"],
    "stories": ["sid"],
    "settings": ["sitekey"],
}


def layout_for(table: str, values: int) -> tuple[str, list[tuple[str, str]]] | None:
    """The eFiction table a prefixed name ends in and its layout with this many columns, if there is one."""
    known = [name for name in LAYOUTS if table.endswith(name)]
    if not known:
        return None
    name = max(known, key=len)
    return next(((name, layout) for layout in LAYOUTS[name] if len(layout) == values), None)
