from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quire.access.reading import published_works
from quire.tags import services
from quire.tags.enums import TagType
from quire.tags.models import Tag


class Command(BaseCommand):
    help = "Wrangle tags from the command line: canonical, synonym, parent, show."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        canonical = actions.add_parser("canonical", help="Make NAME canonical (creating it if needed)")
        canonical.add_argument("name")
        canonical.add_argument("--type", choices=TagType.values, help="Type, needed when the tag is new")
        synonym = actions.add_parser("synonym", help="File NAME under the canonical tag CANONICAL")
        synonym.add_argument("name")
        synonym.add_argument("--of", required=True, dest="canonical")
        parent = actions.add_parser("parent", help="Put NAME under PARENT (its fandom, media or meta tag)")
        parent.add_argument("name")
        parent.add_argument("--parent", required=True)
        parent.add_argument("--remove", action="store_true", help="Remove the link instead")
        show = actions.add_parser("show", help="Describe a tag")
        show.add_argument("name")

    def handle(self, *args, action, name, **options):
        try:
            getattr(self, f"_{action}")(name, **options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _get(self, name: str) -> Tag:
        tag = Tag.objects.named(name).select_related("merger").first()
        if tag is None:
            raise CommandError(f"There is no tag named “{name}”.")
        return tag

    def _canonical(self, name, *, type, **options):
        tag = Tag.objects.named(name).first()
        if tag is None:
            if not type:
                raise CommandError(f"“{name}” is a new tag: give its --type ({', '.join(TagType.values)}).")
            tag = Tag.for_name(name, type)
        elif type and tag.type != type:
            raise CommandError(f"“{tag.name}” is already a {tag.get_type_display().lower()} tag.")
        services.make_canonical(tag=tag)
        self.stdout.write(f"“{tag.name}” is canonical.")

    def _synonym(self, name, *, canonical, **options):
        target = self._get(canonical)
        tag = Tag.objects.named(name).first() or Tag.for_name(name, target.type)
        services.make_synonym(tag=tag, canonical=target)
        self.stdout.write(f"“{tag.name}” is now a synonym of “{target.name}”.")

    def _parent(self, name, *, parent, remove, **options):
        tag, parent_tag = self._get(name), self._get(parent)
        if remove:
            services.remove_parent(tag=tag, parent=parent_tag)
            self.stdout.write(f"“{tag.filter_key.name}” is no longer under “{parent_tag.name}”.")
        else:
            services.add_parent(tag=tag, parent=parent_tag)
            self.stdout.write(f"“{tag.filter_key.name}” is now under “{parent_tag.name}”.")

    def _show(self, name, **options):
        tag = self._get(name)
        key = tag.filter_key
        status = (
            "canonical"
            if tag.canonical
            else (f"synonym of “{key.name}”" if tag.merger_id else "not wrangled")
        )
        self.stdout.write(f"{tag.name}\n  type: {tag.get_type_display().lower()}\n  status: {status}")
        synonyms = list(key.synonyms.order_by("name").values_list("name", flat=True))
        parents = [f"{t.name} ({t.get_type_display().lower()})" for t in key.parents.order_by("type", "name")]
        children = list(key.children.order_by("name").values_list("name", flat=True))
        self.stdout.write(f"  synonyms: {', '.join(synonyms) or '-'}")
        self.stdout.write(f"  parents: {', '.join(parents) or '-'}")
        self.stdout.write(f"  children: {', '.join(children) or '-'}")
        self.stdout.write(f"  works: {published_works().filter(filters__tag=key).count()}")
