from django.contrib.sitemaps import Sitemap

from .models import Indicator


class IndicatorSitemap(Sitemap):
    def items(self):
        return Indicator.objects.public().order_by("pk")
