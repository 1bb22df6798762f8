"""URL wiring: each app owns its routes; this file only includes them."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path

from indicators.sitemaps import IndicatorSitemap
from meetings.sitemaps import MeetingSitemap, PagesSitemap, PersonSitemap, ResolutionSitemap
from people.admin_site import security_site
from people.sitemaps import AreaSitemap, OrganizationSitemap
from people.views import choose_language, healthz, metrics, readyz, safe_methods

sitemaps = {
    "pages": PagesSitemap,
    "meetings": MeetingSitemap,
    "resolutions": ResolutionSitemap,
    "officials": PersonSitemap,
    "organizations": OrganizationSitemap,
    "areas": AreaSitemap,
    "indicators": IndicatorSitemap,
}

urlpatterns = [
    path("admin/security/", security_site.urls),
    path("admin/", admin.site.urls),
    path("language/", choose_language, name="choose_language"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path(
        "sitemap.xml",
        safe_methods(sitemaps_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        safe_methods(sitemaps_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path("", include("meetings.urls")),
    path("", include("indicators.urls")),
]
