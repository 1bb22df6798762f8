"""The sitemap sections of officials, organizations and areas, and the base every section
shares."""

from django.contrib.sitemaps import Sitemap

from .models import Area, Organization, Person


class ArchiveSitemap(Sitemap):
    """A section of the sitemap index, in files of `limit` URLs that are quick to write: a
    file of 5,000 took 540 ms at 100,000 meetings, most of it making and writing the URLs."""

    limit = 1000
    SLUG_MARK = "slug-of-the-item"

    def location(self, item):
        """The item's `get_absolute_url()`, asked once per file for a stand-in slug: every
        item's URL differs from it by the slug alone, and a thousand calls of `reverse()`
        took a third of a file's time."""
        if not hasattr(self, "_around_slug"):
            url = type(item)(slug=self.SLUG_MARK).get_absolute_url()
            self._around_slug = url.split(self.SLUG_MARK)
        before, after = self._around_slug
        return before + item.slug + after


class PersonSitemap(ArchiveSitemap):
    def items(self):
        return Person.objects.public().order_by("pk").only("slug")


class OrganizationSitemap(ArchiveSitemap):
    def items(self):
        return Organization.objects.public().order_by("pk").only("slug")


class AreaSitemap(ArchiveSitemap):
    def items(self):
        return Area.objects.public().order_by("pk").only("slug")
