"""The sitemap sections of officials, organizations and areas, and the base every section
shares."""

from django.contrib.sitemaps import Sitemap

from .models import Area, Organization, Person


class ArchiveSitemap(Sitemap):
    """A section of the sitemap index, in files of `limit` URLs that are quick to write."""

    limit = 5000


class PersonSitemap(ArchiveSitemap):
    def items(self):
        return Person.objects.public().order_by("pk").only("slug")


class OrganizationSitemap(ArchiveSitemap):
    def items(self):
        return Organization.objects.public().order_by("pk").only("slug")


class AreaSitemap(ArchiveSitemap):
    def items(self):
        return Area.objects.public().order_by("pk").only("slug")
