"""Writes that span several models."""

from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import Delegation, Participation, PhotoPerson

from .models import Person, Position

ROLE_FLAGS = ("chaired", "led_delegation", "spoke", "reported")


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> Person:
    """Fold `duplicate` into `keep`: every participation, photo tag, position and delegation
    moves to `keep`, then `duplicate` is deleted. Each change is saved one row at a time, so
    history records it, and the duplicate's last version stays in history.

    Where both people attended the same meeting (or appear in the same photo), the rows are
    combined: `keep`'s row gains the duplicate's roles and any title it lacked.
    """
    if keep.pk == duplicate.pk:
        raise ValueError("A person cannot be merged into itself.")
    reason = _("merged person #%(duplicate)s (%(name)s) into #%(keep)s") % {
        "duplicate": duplicate.pk,
        "name": duplicate.full_name,
        "keep": keep.pk,
    }
    # Lock both rows so two editors cannot merge the same people at once.
    list(Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]))

    kept_participations = {
        p.meeting_id: p for p in Participation.objects.filter(person=keep).select_for_update()
    }
    for participation in Participation.objects.filter(person=duplicate).select_for_update():
        twin = kept_participations.get(participation.meeting_id)
        if twin is None:
            participation.person = keep
            _save(participation, reason)
            continue
        for flag in ROLE_FLAGS:
            setattr(twin, flag, getattr(twin, flag) or getattr(participation, flag))
        twin.title_as_reported = twin.title_as_reported or participation.title_as_reported
        twin.organization_id = twin.organization_id or participation.organization_id
        twin.order = min(twin.order, participation.order)
        _delete(participation, reason)
        _save(twin, reason)

    kept_photos = set(PhotoPerson.objects.filter(person=keep).values_list("photo_id", flat=True))
    for tag in PhotoPerson.objects.filter(person=duplicate).select_for_update():
        if tag.photo_id in kept_photos:
            _delete(tag, reason)
        else:
            tag.person = keep
            _save(tag, reason)

    for position in Position.objects.filter(person=duplicate).select_for_update():
        position.person = keep
        _save(position, reason)

    for delegation in Delegation.objects.filter(head=duplicate).select_for_update():
        delegation.head = keep
        _save(delegation, reason)

    if not keep.portrait and duplicate.portrait:
        keep.portrait = duplicate.portrait.name
    notes = [keep.notes]
    if duplicate.full_name != keep.full_name:
        notes.append(_("Also recorded as: %(name)s") % {"name": duplicate.full_name})
    notes.append(duplicate.notes)
    keep.notes = "\n\n".join(note for note in notes if note)
    _save(keep, reason)
    _delete(duplicate, reason)
    return keep


def _save(instance, reason):
    instance._change_reason = reason
    instance.save()


def _delete(instance, reason):
    instance._change_reason = reason
    instance.delete()
