"""The editors' desk: a meeting is edited on one page, with its people, photos and figures."""

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from indicators.models import ReportedValue
from people.admin import (
    CheckedImageForm,
    FoldedSearchMixin,
    VersionedAdmin,
    VersionedForm,
    VersionedInline,
)
from people.admin_layout import CompactInline
from people.versions import EditConflict

from .forms import ArticleBatchForm, ArticleImportForm
from .models import (
    Delegation,
    DocumentCitation,
    FigureCitation,
    Job,
    JobKind,
    JobStatus,
    Meeting,
    Participation,
    ParticipationCitation,
    Photo,
    PhotoCitation,
    PhotoPerson,
    Report,
    Resolution,
    ReviewNote,
)
from .review import (
    ReviewRefused,
    facts_of_draft,
    facts_of_meeting,
    grouped,
    highlighted,
    settle_fact,
)
from .services import (
    ArticleImportError,
    PublishRefused,
    meeting_import_from_text,
    meeting_publish,
    meeting_restore,
    meeting_send_for_publishing,
    meeting_split_report,
    previews_in_a_request,
)
from .tasks import (
    queue_archive_export,
    queue_article_import,
    queue_batch_import,
    queue_search_refresh,
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


class MeetingForm(VersionedForm):
    """A publisher's change of status is refused while review notes are open, as the review
    screen's buttons are (`Meeting.publication_refusal`)."""

    def clean_status(self):
        status = self.cleaned_data["status"]
        stored = Meeting.objects.filter(pk=self.instance.pk).values_list("status", flat=True)
        if status != Meeting.Status.DRAFT and status not in stored:
            refusal = self.instance.publication_refusal() if self.instance.pk else None
            if refusal:
                raise forms.ValidationError(refusal)
        return status


def _number(text) -> int | None:
    """An id from a URL, or None for what cannot be one."""
    return int(text) if str(text).isdigit() and len(str(text)) < 19 else None


class ReviewDecisionRefused(Exception):
    """A decision posted on the review screen that cannot be applied; `status` is the
    response's (400 for a request no form sends, 409 for a fact changed since)."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


@admin.register(Meeting)
class MeetingAdmin(FoldedSearchMixin, VersionedAdmin):
    form = MeetingForm
    list_display = ["title", "date", "kind", "area", "status", "open_notes", "published_at"]
    list_filter = ["status", "kind", "area", "resolutions", "illustrative"]
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The change page says how many notes are open, and leads to the review screen."""
        open_notes = ReviewNote.objects.open().filter(meeting_id=_number(object_id)).count()
        extra_context = {**(extra_context or {}), "open_note_count": open_notes}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_note_count=models.Count("notes", filter=models.Q(notes__resolved_at=None))
            )
        )

    @admin.display(description=_("notes to settle"), ordering="open_note_count")
    def open_notes(self, meeting):
        return meeting.open_note_count or "—"

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
        batch_view = self.admin_site.admin_view(self.import_batch_view)
        review_view = self.admin_site.admin_view(self.review_view)
        return [
            path("import/", import_view, name="meetings_meeting_import"),
            path("import/batch/", batch_view, name="meetings_meeting_import_batch"),
            path("<path:object_id>/review/", review_view, name="meetings_meeting_review"),
            *super().get_urls(),
        ]

    def import_article_view(self, request):
        """Nhập từ bài viết: the article is read and shown on the review screen (nothing is
        written); the editor's confirmation queues the job that saves it as a draft, or
        attaches it to a meeting already recorded. An article too long to read while the editor
        waits is queued without a preview."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleImportForm(request.POST or None, request.FILES or None)
        context = {"candidates": [], "preview": None}
        if request.method == "POST" and form.is_valid():
            cleaned = form.cleaned_data
            try:
                if "confirm" not in request.POST and previews_in_a_request(cleaned["article"]):
                    context.update(self.import_preview(cleaned))
                else:
                    job = queue_article_import(
                        text=cleaned["article"],
                        source_url=cleaned["source_url"],
                        publisher=cleaned["publisher"],
                        new=cleaned["same_meeting"] == "new",
                        attach_to=self.meeting_to_attach_to(request, cleaned["same_meeting"]),
                        user=request.user,
                    )
                    return self.imported_or_waiting(request, job)
            except ArticleImportError as error:
                form.add_error(None, str(error))
        context.update({
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import from an article"),
        })  # fmt: skip
        return TemplateResponse(request, "admin/meetings/meeting/import_article.html", context)

    def import_batch_view(self, request):
        """Nhập nhiều bài viết: a .zip of articles, or several files, imported as drafts by one
        job, whose page lists each article with its draft or the reason it was refused. An
        upload that cannot be a batch is refused whole (400), and nothing is queued."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ArticleBatchForm()
        status = 200
        if request.method == "POST":
            form = ArticleBatchForm(request.POST, request.FILES)
            if form.is_valid():
                job = queue_batch_import(
                    articles=form.cleaned_data["files"],
                    publisher=form.cleaned_data["publisher"],
                    new=form.cleaned_data["new"],
                    user=request.user,
                )
                return redirect(job.get_absolute_url())
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import several articles"),
        }
        return TemplateResponse(
            request, "admin/meetings/meeting/import_batch.html", context, status=status
        )

    @staticmethod
    def import_preview(cleaned) -> dict:
        """What the article would become, for the review screen; nothing is written."""
        dry_run = meeting_import_from_text(
            text=cleaned["article"],
            source_url=cleaned["source_url"],
            publisher=cleaned["publisher"],
            dry_run=True,
        )
        facts, general = facts_of_draft(dry_run.data)
        return {
            "preview": dry_run,
            "groups": grouped(facts),
            "general_notes": general,
            "open_count": sum(fact.open_notes for fact in facts) + len(general),
            "text": highlighted(cleaned["article"], facts),
            "article": cleaned["article"],
            "candidates": dry_run.same_meeting,
        }

    def meeting_to_attach_to(self, request, choice: str) -> Meeting | None:
        """The meeting the editor chose to attach the article to; one they may change."""
        if not choice or choice == "new":
            return None
        meeting = Meeting.objects.filter(pk=int(choice)).first()
        if meeting is None or not self.has_change_permission(request, meeting):
            raise ArticleImportError(_("That meeting no longer exists, or you may not change it."))
        return meeting

    @staticmethod
    def review_url(meeting) -> str:
        return reverse("admin:meetings_meeting_review", args=[meeting.pk])

    def review_view(self, request, object_id):
        """The review screen: the report's text beside the facts read from it, each to be
        accepted, corrected in place or rejected (`meetings.review`)."""
        meeting = self.get_object(request, unquote(object_id))
        if meeting is None:
            raise Http404(_("No meeting with this number."))
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else None
        facts, general = facts_of_meeting(meeting, data=data)
        status = 200
        if request.method == "POST":
            try:
                return self.review_decision(request, meeting, facts, general)
            except ReviewDecisionRefused as refusal:
                messages.error(request, str(refusal))
                status = refusal.status
        return TemplateResponse(
            request,
            "admin/meetings/meeting/review.html",
            self.review_context(request, meeting, facts, general),
            status=status,
        )

    def review_context(self, request, meeting, facts, general) -> dict:
        reports = list(meeting.reports.order_by("position", "pk"))
        chosen = request.GET.get("report", "")
        report = next((r for r in reports if str(r.position) == chosen), None)
        report = report or (reports[0] if reports else None)
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": meeting,
            "title": _("Review: %(title)s") % {"title": meeting.title},
            "groups": grouped(facts),
            "editable": True,
            "general_notes": general,
            "open_count": sum(fact.open_notes for fact in facts)
            + sum(note.is_open for note in general),
            "reports": reports,
            "report": report,
            "text": highlighted(report.source_text, facts) if report else "",
            "can_publish": self.has_publish_permission(request),
        }

    def review_decision(self, request, meeting, facts, general):
        """Apply one posted decision and go back to the screen, at the next fact."""
        action, key = request.POST.get("action", ""), request.POST.get("fact", "")
        if action in {"send", "publish"}:
            return self.review_publication(request, meeting, action)
        if action == "settle":
            note = next((n for n in general if str(n.pk) == request.POST.get("note")), None)
            if note is None:
                raise ReviewDecisionRefused(_("That note is not one of this meeting's."))
            ReviewNote.objects.filter(pk=note.pk).settle(request.user)
            return redirect(self.review_url(meeting) + "#general-notes")
        if action not in {"accept", "correct", "reject"}:
            raise ReviewDecisionRefused(_("The request names no decision."))
        index = next((i for i, fact in enumerate(facts) if fact.key == key), None)
        if index is None:
            raise ReviewDecisionRefused(
                _("That fact is no longer in this meeting: someone may have rejected it."),
                status=409,
            )
        fact = facts[index]
        if action == "correct" and not (fact.form and fact.form.is_valid()):
            raise ReviewDecisionRefused(_("The correction was not saved: see the fact's form."))
        try:
            messages.success(request, settle_fact(meeting, fact, action, request.user))
        except ReviewRefused as refusal:
            raise ReviewDecisionRefused(str(refusal)) from refusal
        except EditConflict as conflict:
            raise ReviewDecisionRefused(
                _("Someone else changed this fact since you opened the page: reload it, then "
                  "decide again."), status=409,
            ) from conflict  # fmt: skip
        following = f"fact-{facts[index + 1].key}" if index + 1 < len(facts) else "review-actions"
        return redirect(f"{self.review_url(meeting)}#{following}")

    def review_publication(self, request, meeting, action):
        if action == "publish" and not self.has_publish_permission(request):
            raise PermissionDenied
        try:
            if action == "send":
                meeting_send_for_publishing(meeting=meeting)
                messages.success(request, _("Sent for publishing."))
            else:
                meeting_publish(meeting=meeting)
                messages.success(request, _("Published."))
        except PublishRefused as refusal:
            raise ReviewDecisionRefused(str(refusal), status=409) from refusal
        except EditConflict as conflict:
            raise ReviewDecisionRefused(
                _("Someone else changed this meeting since you opened the page."), status=409
            ) from conflict
        return redirect(self.review_url(meeting))

    def imported_or_waiting(self, request, job):
        """The draft's review screen once the import has run (at once without a broker), with
        what it did; the job's page while it waits for a worker, or if it failed."""
        if job.status != JobStatus.SUCCEEDED:
            return redirect(job.get_absolute_url())
        result = job.result
        if result["created"] or result["attached"]:
            self.message_user(
                request,
                _("Draft saved. Check each fact against the article: %(count)s notes to settle.")
                % {"count": result["open_notes"]},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                _("This article was imported before; nothing was changed.")
                + "".join(f" • {change}" for change in result["would_change"]),
                messages.WARNING,
            )
        return redirect(reverse("admin:meetings_meeting_review", args=[result["meeting"]]))

    @admin.action(permissions=["publish"], description=_("Publish selected meetings"))
    def publish(self, request, queryset):
        now, count = timezone.now(), 0
        for meeting in queryset.exclude(status=Meeting.Status.PUBLISHED):
            try:
                meeting_publish(meeting=meeting, when=now)
            except PublishRefused as refusal:
                self.message_user(request, f"{meeting}: {refusal}", messages.WARNING)
                continue
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


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, read-only: what each did or why it failed. Exports are started and
    downloaded here by superusers only (an archive holds the accounts' password hashes)."""

    list_display = ["__str__", "status", "steps", "created_by", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    change_list_template = "admin/meetings/job/change_list.html"

    def has_module_permission(self, request):
        return request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def steps(self, job):
        return f"{job.done}/{job.total}" if job.total else "–"

    def get_queryset(self, request):
        # A job's arguments hold whole articles: the list never reads them.
        return super().get_queryset(request).defer("arguments")

    def get_urls(self):
        export_view = self.admin_site.admin_view(self.export_view)
        refresh_view = self.admin_site.admin_view(self.refresh_search_view)
        download_view = self.admin_site.admin_view(self.download_view)
        return [
            path("export/", export_view, name="meetings_job_export"),
            path("refresh-search/", refresh_view, name="meetings_job_refresh_search"),
            path("<int:object_id>/download/", download_view, name="meetings_job_download"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The job's page: progress, then the result or the error; it reloads itself every
        two seconds until the job is over (a meta refresh: the CSP allows no inline script)."""
        jobs = Job.objects.select_related("created_by").defer("arguments")
        job = jobs.filter(pk=_number(unquote(object_id))).first()
        if job is None or not self.has_view_permission(request, job):
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "result_url": self.result_url(request, job),
            "refreshed": self.refreshed_models(job),
        }
        return TemplateResponse(request, "admin/meetings/job/detail.html", context)

    @staticmethod
    def result_url(request, job) -> str:
        """Where the job's result is seen: the draft's review screen, the photo, the file."""
        result = job.result if job.status == JobStatus.SUCCEEDED else {}
        if "meeting" in result:
            return reverse("admin:meetings_meeting_review", args=[result["meeting"]])
        if "photo" in result:
            return reverse("admin:meetings_photo_change", args=[result["photo"]])
        if "file" in result and request.user.is_superuser:
            return reverse("admin:meetings_job_download", args=[job.pk])
        return ""

    @staticmethod
    def refreshed_models(job) -> list[tuple[str, dict]]:
        """A search refresh's counts, each with its model's name in the reader's language."""
        if job.kind != JobKind.REFRESH_SEARCH:
            return []
        return [
            (apps.get_model(counts["model"])._meta.verbose_name_plural, counts)
            for counts in job.result.get("models", [])
        ]

    def refresh_search_view(self, request):
        """Queue a refresh of the search data (POST, superusers), then show its job."""
        if not request.user.is_superuser:
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:meetings_job_changelist")
        return redirect(queue_search_refresh(user=request.user).get_absolute_url())

    def export_view(self, request):
        """Queue an export of the whole archive (POST, superusers), then show its job."""
        if not request.user.is_superuser:
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:meetings_job_changelist")
        return redirect(queue_archive_export(user=request.user).get_absolute_url())

    def download_view(self, request, object_id):
        """The finished export's zip file, to superusers only."""
        if not request.user.is_superuser:
            raise PermissionDenied
        job = Job.objects.filter(
            pk=object_id, kind=JobKind.EXPORT_ARCHIVE, status=JobStatus.SUCCEEDED
        ).first()
        if job is None or not default_storage.exists(job.result["file"]):
            raise Http404
        response = FileResponse(
            default_storage.open(job.result["file"], "rb"),
            as_attachment=True,
            filename=f"meeting-archive-{job.created_at:%Y-%m-%d}.zip",
        )
        return response
