from django.conf import settings
from django.urls import path

from people.views import favicon, safe_methods

from . import feeds, indexes, views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/feed/", safe_methods(feeds.LatestMeetingsFeed()), name="feed"),
    path("meetings/feed/atom/", safe_methods(feeds.LatestMeetingsAtomFeed()), name="atom_feed"),
    path("search/", views.search, name="search"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("resolutions/", indexes.ResolutionIndexView.as_view(), name="resolutions"),
    path("resolutions/feed/", safe_methods(feeds.NewestDocumentsFeed()), name="resolutions_feed"),
    path("resolutions/<slug:slug>/", views.ResolutionDetailView.as_view(), name="resolution"),
    path(
        "resolutions/<slug:slug>/feed/",
        safe_methods(feeds.ResolutionMeetingsFeed()),
        name="resolution_feed",
    ),
    path("officials/", views.PersonListView.as_view(), name="officials"),
    path("officials/<slug:slug>/", views.PersonDetailView.as_view(), name="official"),
    path(
        "officials/<slug:slug>/feed/",
        safe_methods(feeds.PersonMeetingsFeed()),
        name="official_feed",
    ),
    path("organizations/", indexes.OrganizationIndexView.as_view(), name="organizations"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("areas/", indexes.AreaIndexView.as_view(), name="areas"),
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area"),
    path("favicon.ico", favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", views.media, name="media"),
]
