from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Meeting, Resolution


class MeetingSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ResolutionSitemap(Sitemap):
    def items(self):
        return Resolution.objects.discussed().order_by("pk")


class PagesSitemap(Sitemap):
    """The archive's fixed pages."""

    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:list", "people:list"]

    def location(self, item):
        return reverse(item)
