"""The editors' desk: a meeting is edited on one page, with its people, photos and figures."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indicators.models import ReportedValue
from people.admin import CheckedImageForm, FoldedSearchMixin, VersionedAdmin, VersionedInline
from people.admin_layout import CompactInline

from .forms import ArticleImportForm
from .models import (
    Delegation,
    DocumentCitation,
    FigureCitation,
    Meeting,
    Participation,
    ParticipationCitation,
    Photo,
    PhotoCitation,
    PhotoPerson,
    Report,
    Resolution,
)
from .services import (
    ArticleImportError,
    SameMeetingFound,
    meeting_import_from_text,
    meeting_restore,
    meeting_split_report,
)


class DelegationInline(CompactInline, VersionedInline, admin.StackedInline):
    model = Delegation
    extra = 0
    max_num = 1
    autocomplete_fields = ["lead_organization", "head"]
    folded_fields = ["description"]


REPORT_FIELDS = [
    "position",
    "publisher",
    "url",
    "headline",
    ("published_as_printed", "published_on"),
    "language",
    ("imported_at", "imported_by"),
    "source_text",
]


class ReportInline(CompactInline, VersionedInline, admin.StackedInline):
    """The meeting's reports; the article's text is the record of what was printed, so it is
    shown, never edited, and folded: it is as long as the article."""

    model = Report
    extra = 0
    folded_fields = ["source_text", "imported_at", "imported_by"]
    autocomplete_fields = ["publisher"]
    fields = REPORT_FIELDS
    readonly_fields = ["source_text", "imported_at", "imported_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ParticipationInline(CompactInline, VersionedInline, admin.TabularInline):
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
        "needs_review",
    ]
    folded_fields = ["order"]


class PhotoInline(CompactInline, VersionedInline, admin.StackedInline):
    model = Photo
    form = CheckedImageForm
    extra = 0
    fields = [("preview", "image"), "caption", "alt_text", "credit", "order"]
    readonly_fields = ["preview"]
    folded_fields = ["image", "credit", "order"]

    @admin.display(description=_("preview"))
    def preview(self, photo):
        if not photo.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="160" loading="lazy">', photo.image.url, photo.alt_text
        )


class ReportedValueInline(CompactInline, VersionedInline, admin.TabularInline):
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
        "needs_review",
    ]
    folded_fields = ["source_sentence", "period_precision", "rank", "resolution", "order"]


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, VersionedAdmin):
    list_display = ["title", "date", "kind", "area", "status", "published_at"]
    list_filter = ["status", "kind", "area", "resolutions"]
    list_select_related = ["area"]
    date_hierarchy = "date"
    search_fields = ["title"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    autocomplete_fields = [
        "area",
        "host_organizations",
        "visited_organizations",
        "resolutions",
    ]
    fieldsets = [
        (None, {"fields": ["review_notes"]}),
        (None, {"fields": ["title", "slug", "kind", ("date", "date_precision"), "area", "place"]}),
        (_("Content"), {"fields": ["summary", "body"]}),
        (
            _("Organizations and documents"),
            {"fields": ["host_organizations", "visited_organizations", "resolutions"]},
        ),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
    ]
    inlines = [
        ReportInline,
        DelegationInline,
        ParticipationInline,
        PhotoInline,
        ReportedValueInline,
    ]
    actions = ["publish", "unpublish"]
    publication_fields = ("status", "published_at")

    def has_publish_permission(self, request):
        return request.user.has_perm("meetings.publish_meeting")

    def get_readonly_fields(self, request, obj=None):
        """Editors see the publication fields but cannot change them; publishers can."""
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += self.publication_fields
        return fields

    def save_model(self, request, obj, form, change):
        """Refuse a change of status or publication time by anyone who may not publish.

        The form already hides those fields from editors; this also covers reverting to an
        earlier version from history and any hand-made request.
        """
        if not self.has_publish_permission(request):
            stored = Meeting.objects.filter(pk=obj.pk).values(*self.publication_fields).first()
            if not change or stored is None:
                stored = {"status": Meeting.Status.DRAFT, "published_at": None}
            if any(getattr(obj, name) != stored[name] for name in self.publication_fields):
                raise PermissionDenied(_("Only publishers may publish or schedule meetings."))
        super().save_model(request, obj, form, change)

    def restore_deleted(self, request, obj):
        """A deleted meeting comes back whole, as a draft (`meeting_restore`)."""
        meeting_restore(meeting=obj, user=request.user)

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_article_view)
        return [
            path("import/", import_view, name="meetings_meeting_import"),
            *super().get_urls(),
        ]

    def import_article_view(self, request):
        """Nhập từ bài viết: an article becomes a draft meeting whose change page opens next."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        candidates = []
        if request.method == "POST" and form.is_valid():
            choice = form.cleaned_data["same_meeting"]
            try:
                report = meeting_import_from_text(
                    text=form.cleaned_data["article"],
                    source_url=form.cleaned_data["source_url"],
                    publisher=form.cleaned_data["publisher"],
                    user=request.user,
                    new=choice == "new",
                    attach_to=self.meeting_to_attach_to(request, choice),
                )
            except SameMeetingFound as found:
                candidates = found.candidates
                form.add_error(None, str(found))
            except ArticleImportError as error:
                form.add_error(None, str(error))
            else:
                self.report_import(request, report)
                return redirect(reverse("admin:meetings_meeting_change", args=[report.meeting.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "candidates": candidates,
            "title": _("Import from an article"),
        }
        return TemplateResponse(request, "admin/meetings/meeting/import_article.html", context)

    def meeting_to_attach_to(self, request, choice: str) -> Meeting | None:
        """The meeting the editor chose to attach the article to; one they may change."""
        if not choice or choice == "new":
            return None
        meeting = Meeting.objects.filter(pk=int(choice)).first()
        if meeting is None or not self.has_change_permission(request, meeting):
            raise ArticleImportError(_("That meeting no longer exists, or you may not change it."))
        return meeting

    def report_import(self, request, report):
        if report.created:
            self.message_user(
                request,
                _("Draft created. Check the rows marked “needs review”: %(count)s notes.")
                % {"count": len(report.meeting.review_notes.splitlines())},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("This article was imported before; nothing was changed.")
                + "".join(f" • {change}" for change in report.would_change),
                messages.WARNING,
            )

    @admin.action(permissions=["publish"], description=_("Publish selected meetings"))
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

    @admin.action(permissions=["publish"], description=_("Unpublish selected meetings"))
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
class ResolutionAdmin(FoldedSearchMixin, VersionedAdmin):
    list_display = ["code", "doc_type", "issuer", "issued_on", "short_title"]
    list_filter = ["doc_type", "suffix", "issuer"]
    list_select_related = ["issuer"]
    date_hierarchy = "issued_on"
    search_fields = ["code", "title"]
    readonly_fields = ["slug", "doc_type", "number", "year", "suffix"]
    autocomplete_fields = ["issuer"]

    @admin.display(description=_("title"))
    def short_title(self, resolution):
        return resolution.title[:100]


class PhotoPersonInline(VersionedInline, admin.TabularInline):
    model = PhotoPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Photo)
class PhotoAdmin(VersionedAdmin):
    form = CheckedImageForm
    list_display = ["caption", "meeting", "order"]
    list_select_related = ["meeting"]
    search_fields = ["caption", "meeting__title"]
    autocomplete_fields = ["meeting"]
    inlines = [PhotoPersonInline]
    restored_with = [(PhotoPerson, "photo_id"), (PhotoCitation, "photo_id")]


@admin.register(Participation)
class ParticipationAdmin(VersionedAdmin):
    list_display = ["person", "title_as_reported", "organization", "side", "meeting"]
    list_select_related = ["person", "organization", "meeting"]
    list_filter = ["side", "led_delegation", "chaired", "reported", "spoke"]
    search_fields = ["title_as_reported", "person__full_name"]
    autocomplete_fields = ["meeting", "person", "organization"]
    restored_with = [(ParticipationCitation, "participation_id")]


@admin.register(Delegation)
class DelegationAdmin(VersionedAdmin):
    list_display = ["__str__", "meeting", "lead_organization", "head"]
    list_select_related = ["meeting", "lead_organization", "head"]
    search_fields = ["name", "meeting__title"]
    autocomplete_fields = ["meeting", "lead_organization", "head"]


class ParticipationCitationInline(VersionedInline, admin.TabularInline):
    """The participants this report names, with their titles as it printed them."""

    model = ParticipationCitation
    extra = 0
    autocomplete_fields = ["participation"]
    fields = ["participation", "title_as_printed"]


class FigureCitationInline(VersionedInline, admin.TabularInline):
    model = FigureCitation
    extra = 0
    raw_id_fields = ["reported_value"]


class PhotoCitationInline(VersionedInline, admin.TabularInline):
    model = PhotoCitation
    extra = 0
    raw_id_fields = ["photo"]


class DocumentCitationInline(VersionedInline, admin.TabularInline):
    model = DocumentCitation
    extra = 0
    autocomplete_fields = ["resolution"]


@admin.register(Report)
class ReportAdmin(VersionedAdmin):
    list_display = ["__str__", "publisher", "published_as_printed", "meeting", "position"]
    list_select_related = ["publisher", "meeting"]
    list_filter = ["language"]
    search_fields = ["headline", "url", "meeting__title", "publisher__name"]
    autocomplete_fields = ["meeting", "publisher"]
    fields = ["meeting", *REPORT_FIELDS, "source_hash"]
    readonly_fields = ["source_text", "source_hash", "imported_at", "imported_by"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [
        ParticipationCitationInline,
        FigureCitationInline,
        PhotoCitationInline,
        DocumentCitationInline,
    ]
    restored_with = [
        (ParticipationCitation, "report_id"),
        (FigureCitation, "report_id"),
        (PhotoCitation, "report_id"),
        (DocumentCitation, "report_id"),
    ]
    actions = ["split_out"]

    @admin.action(description=_("Split out into a meeting of its own"))
    def split_out(self, request, queryset):
        """A report attached to the wrong meeting goes back out, with the facts it printed."""
        for report in queryset.select_related("meeting"):
            if not request.user.has_perm("meetings.change_meeting"):
                raise PermissionDenied
            try:
                meeting = meeting_split_report(report=report, user=request.user)
            except ArticleImportError as error:
                self.message_user(request, f"{report}: {error}", messages.WARNING)
                continue
            url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
            self.message_user(
                request,
                format_html(
                    _("“{report}” is now the report of its own draft meeting {link}."),
                    report=report,
                    link=format_html("<a href='{}'>#{}</a>", url, meeting.pk),
                ),
                messages.SUCCESS,
            )
