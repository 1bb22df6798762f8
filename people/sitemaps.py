from meetings.sitemaps import ArchiveSitemap

from .models import Area, Organization, Person


class PersonSitemap(ArchiveSitemap):
    def items(self):
        return Person.objects.officials().order_by("pk").only("slug")


class OrganizationSitemap(ArchiveSitemap):
    def items(self):
        return Organization.objects.public().order_by("pk").only("slug")


class AreaSitemap(ArchiveSitemap):
    def items(self):
        return Area.objects.public().order_by("pk").only("slug")
