from django.contrib.sitemaps import Sitemap

from .models import Area, Organization, Person


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.with_published_meetings().order_by("pk")


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.public().order_by("pk")


class AreaSitemap(Sitemap):
    def items(self):
        return Area.objects.public().order_by("pk")
