"""Admin for indicators and the figures reported against them."""

from django.contrib import admin

from people.admin import FoldedSearchMixin, VersionedAdmin

from .models import Indicator, ReportedValue


@admin.register(Indicator)
class IndicatorAdmin(FoldedSearchMixin, VersionedAdmin):
    list_display = ["name", "default_unit", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


@admin.register(ReportedValue)
class ReportedValueAdmin(VersionedAdmin):
    list_display = ["indicator", "value", "unit", "qualifier", "period_display", "area", "meeting"]
    list_select_related = ["indicator", "area", "meeting"]
    list_filter = ["unit", "area", "period_precision"]
    date_hierarchy = "period_end"
    search_fields = ["indicator__name", "source_sentence"]
    autocomplete_fields = ["indicator", "area", "meeting", "resolution"]
