from people.sitemaps import ArchiveSitemap

from .models import Indicator


class IndicatorSitemap(ArchiveSitemap):
    def items(self):
        return Indicator.objects.public().order_by("pk").only("slug")
