from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Meeting, Resolution


class ArchiveSitemap(Sitemap):
    """A section of the sitemap index, in files of `limit` URLs that are quick to write."""

    limit = 5000


class MeetingSitemap(ArchiveSitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to find the latest.
        return Meeting.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ResolutionSitemap(ArchiveSitemap):
    def items(self):
        return Resolution.objects.discussed().order_by("pk").only("slug")


class PagesSitemap(Sitemap):
    """The archive's fixed pages."""

    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:list", "people:list"]

    def location(self, item):
        return reverse(item)
