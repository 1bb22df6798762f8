from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from people.pagination import KnownCountPaginator
from people.sitemaps import ArchiveSitemap
from people.sitemaps import PersonSitemap as PeopleSitemap

from . import presence
from .models import ArchiveTally, Meeting, Resolution


class MeetingSitemap(ArchiveSitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item to find the latest.
        return Meeting.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    @property
    def paginator(self):
        """Counted from the tallies (`ArchiveTally`), not by reading every published meeting."""
        _years, count = ArchiveTally.objects.public_years_and_total()
        return KnownCountPaginator(self._items(), self.limit, count=count)


class ResolutionSitemap(ArchiveSitemap):
    def items(self):
        return Resolution.objects.public().order_by("pk").only("slug")


class PersonSitemap(PeopleSitemap):
    """The public officials, counted from the tallies (`presence.public_index_letters`):
    counted one by one, they were most of the sitemap index's time."""

    @property
    def paginator(self):
        count = sum(presence.public_index_letters().values())
        return KnownCountPaginator(self._items(), self.limit, count=count)


class PagesSitemap(Sitemap):
    """The archive's fixed pages."""

    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:list", "meetings:officials"]

    def location(self, item):
        return reverse(item)
