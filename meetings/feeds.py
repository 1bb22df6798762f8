"""RSS and Atom feeds of published meetings: the newest, those about one document, and those
one official attended."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from people.models import Person
from people.text import xml_text

from .models import Meeting, Resolution

FEED_SIZE = 30


def marked_title(item, title: str) -> str:
    """A feed item's title, led by the demo archive's mark when the item is illustrative:
    a feed reader shows no page around it."""
    if item.illustrative:
        return f"[{_('Illustrative data')}] {xml_text(title)}"
    return xml_text(title)


class MeetingFeedMixin:
    """Titles are plain text and summaries HTML, as feed readers take them; both lose only
    the control characters XML cannot carry."""

    def item_title(self, item):
        return marked_title(item, item.title)

    def item_description(self, item):
        return xml_text(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class LatestMeetingsFeed(MeetingFeedMixin, Feed):
    title = _("Meeting archive: newest meetings")
    description = _("Working sessions newly published in the archive.")

    def link(self):
        return reverse("meetings:list")

    def items(self):
        return Meeting.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]


class LatestMeetingsAtomFeed(LatestMeetingsFeed):
    feed_type = Atom1Feed
    subtitle = LatestMeetingsFeed.description


class RecordMeetingsFeed(MeetingFeedMixin, Feed):
    """The newest published meetings of one public record, found by its slug."""

    def get_object(self, request, slug):
        return get_object_or_404(self.public_records(), slug=slug)

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return self.meetings_of(obj).order_by("-published_at", "-pk")[:FEED_SIZE]


class ResolutionMeetingsFeed(RecordMeetingsFeed):
    description = _("Published meetings that discussed this document.")

    def public_records(self):
        return Resolution.objects.public()

    def title(self, obj):
        return _("Meetings about %(document)s") % {"document": xml_text(obj.full_name)}

    def meetings_of(self, obj):
        return Meeting.objects.published().about(obj)


class PersonMeetingsFeed(RecordMeetingsFeed):
    description = _("Published meetings this official attended.")

    def public_records(self):
        return Person.objects.public()

    def title(self, obj):
        return _("Meetings with %(name)s") % {"name": xml_text(obj.full_name)}

    def meetings_of(self, obj):
        return Meeting.objects.published().attended_by(obj)


class NewestDocumentsFeed(Feed):
    """The documents published meetings discussed, the most recently discussed first."""

    title = _("Meeting archive: documents newly discussed")
    description = _("Resolutions and other documents, as published meetings discuss them.")

    def link(self):
        return reverse("meetings:resolutions")

    def items(self):
        return Resolution.objects.public().newest_discussed().select_related("issuer")[:FEED_SIZE]

    def item_title(self, item):
        return marked_title(item, item.full_name)

    def item_description(self, item):
        return xml_text(item.title)

    def item_pubdate(self, item):
        return item.last_discussed
