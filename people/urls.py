from django.urls import path

from . import feeds, views

app_name = "people"

urlpatterns = [
    path("officials/", views.PersonListView.as_view(), name="list"),
    path("officials/<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
    path("officials/<slug:slug>/feed/", feeds.PersonMeetingsFeed(), name="feed"),
    path("organizations/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"),
    path("areas/<slug:slug>/", views.AreaDetailView.as_view(), name="area"),
]
