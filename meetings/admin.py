"""The editors' desk: a meeting is edited on one page, with its people, photos and figures."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indicators.models import ReportedValue
from people.admin import FoldedSearchMixin

from .models import Delegation, Meeting, Participation, Photo, PhotoPerson, Resolution


class DelegationInline(admin.StackedInline):
    model = Delegation
    extra = 0
    max_num = 1
    autocomplete_fields = ["lead_organization", "head"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["person", "organization"]
    fields = [
        "order",
        "person",
        "title_as_reported",
        "organization",
        "side",
        "led_delegation",
        "chaired",
        "reported",
        "spoke",
    ]


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    fields = [("preview", "image"), "caption", "alt_text", "credit", "order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        if not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="160" loading="lazy">', photo.image.url, photo.alt_text
        )


class ReportedValueInline(admin.TabularInline):
    model = ReportedValue
    extra = 0
    autocomplete_fields = ["indicator", "area", "resolution"]
    fields = [
        "order",
        "indicator",
        "qualifier",
        "value",
        "unit",
        "period_start",
        "period_end",
        "period_precision",
        "area",
        "rank",
        "resolution",
        "source_sentence",
    ]


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "date", "kind", "area", "status", "published_at"]
    list_filter = ["status", "kind", "area", "resolutions"]
    list_select_related = ["area"]
    date_hierarchy = "date"
    search_fields = ["title"]
    folded_search_fields = ("search_text",)
    readonly_fields = ["slug", "created_at", "updated_at"]
    autocomplete_fields = [
        "area",
        "host_organizations",
        "visited_organizations",
        "resolutions",
        "source_publisher",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", ("date", "date_precision"), "area", "place"]}),
        (_("Content"), {"fields": ["summary", "body"]}),
        (
            _("Organizations and documents"),
            {"fields": ["host_organizations", "visited_organizations", "resolutions"]},
        ),
        (_("Source"), {"fields": ["source_publisher", "source_url", "source_text"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
    inlines = [DelegationInline, ParticipationInline, PhotoInline, ReportedValueInline]
    actions = ["publish", "unpublish"]

    def get_search_results(self, request, queryset, search_term):
        """The public search, drafts included: words, officials and document codes."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.action(description=_("Publish selected meetings"))
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.exclude(status=Meeting.Status.PUBLISHED)
        count = 0
        for meeting in drafts:
            meeting.status = Meeting.Status.PUBLISHED
            meeting.published_at = meeting.published_at or now
            meeting.save(update_fields=["status", "published_at", "updated_at"])
            count += 1
        self.message_user(
            request,
            ngettext("%d meeting published.", "%d meetings published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected meetings"))
    def unpublish(self, request, queryset):
        count = 0
        for meeting in queryset.filter(status=Meeting.Status.PUBLISHED):
            meeting.status = Meeting.Status.DRAFT
            meeting.save(update_fields=["status", "updated_at"])
            count += 1
        self.message_user(
            request,
            ngettext("%d meeting unpublished.", "%d meetings unpublished.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["code", "doc_type", "issuer", "issued_on", "short_title"]
    list_filter = ["doc_type", "suffix", "issuer"]
    list_select_related = ["issuer"]
    date_hierarchy = "issued_on"
    search_fields = ["code", "title"]
    readonly_fields = ["slug", "doc_type", "number", "year", "suffix"]
    autocomplete_fields = ["issuer"]

    def get_search_results(self, request, queryset, search_term):
        """A code in any written form (52/NQ-TW, NQ 52, nghị quyết 52) finds the document;
        else the words of its code and title."""
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description=_("title"))
    def short_title(self, resolution):
        return resolution.title[:100]


class PhotoPersonInline(admin.TabularInline):
    model = PhotoPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["caption", "meeting", "order"]
    list_select_related = ["meeting"]
    search_fields = ["caption", "meeting__title"]
    autocomplete_fields = ["meeting"]
    inlines = [PhotoPersonInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "title_as_reported", "organization", "side", "meeting"]
    list_select_related = ["person", "organization", "meeting"]
    list_filter = ["side", "led_delegation", "chaired", "reported", "spoke"]
    search_fields = ["title_as_reported", "person__full_name"]
    autocomplete_fields = ["meeting", "person", "organization"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "lead_organization", "head"]
    list_select_related = ["meeting", "lead_organization", "head"]
    search_fields = ["name", "meeting__title"]
    autocomplete_fields = ["meeting", "lead_organization", "head"]
