import re

# XML 1.0 cannot carry these at all, not even escaped; imported or old text may still hold them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    if isinstance(value, str):
        return NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value
