from django.urls import path

from . import feeds, views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.MeetingListView.as_view(), name="list"),
    path("meetings/feed/", feeds.LatestMeetingsFeed(), name="feed"),
    path("meetings/feed/atom/", feeds.LatestMeetingsAtomFeed(), name="atom_feed"),
    path("search/", views.search, name="search"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path("resolutions/<slug:slug>/", views.ResolutionDetailView.as_view(), name="resolution"),
    path("resolutions/<slug:slug>/feed/", feeds.ResolutionMeetingsFeed(), name="resolution_feed"),
    path("robots.txt", views.robots_txt, name="robots"),
]
