"""An RSS feed per official: the published meetings they attended."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from meetings.feeds import FEED_SIZE, MeetingFeedMixin
from meetings.models import Meeting

from .models import Person


class PersonMeetingsFeed(MeetingFeedMixin, Feed):
    description = _("Published meetings this official attended.")

    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.with_published_meetings(), slug=slug)

    def title(self, obj):
        return _("Meetings with %(name)s") % {"name": obj.full_name}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            Meeting.objects.published()
            .attended_by(obj)
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
