"""Writes that span several models."""

from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils.translation import gettext as _

from .models import Person


@transaction.atomic
def person_merge(*, keep: Person, duplicate: Person) -> Person:
    """Fold `duplicate` into `keep`: every row of any app that refers to `duplicate`
    (participations, photo tags, positions, delegations led…) moves to `keep`, then
    `duplicate` is deleted. Each change is saved one row at a time, so history records it,
    and the duplicate's last version stays in history.

    Where both people already have such a row (they attended the same meeting, appear in the
    same photo), the two are combined: `keep`'s row `absorb()`s the other when its model
    can (a participation gains the duplicate's roles and any title it lacked), and the
    duplicate's row is deleted.
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

    for relation in _references_to_people():
        _move_references(relation, keep=keep, duplicate=duplicate, reason=reason)

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


def _references_to_people():
    """The foreign keys of every app that point at a person, found from the models'
    relations so that a model added later is covered too (history rows excepted: they keep
    what was)."""
    return [
        relation.field
        for relation in Person._meta.related_objects
        if not relation.many_to_many and not relation.hidden
    ]


def _move_references(field, *, keep: Person, duplicate: Person, reason: str) -> None:
    """Point the rows that name `duplicate` in `field` at `keep`, combining each with `keep`'s
    own row where a unique constraint allows only one."""
    rows = field.model._default_manager.select_for_update()
    together = _unique_with(field)
    kept = {}
    if together:
        kept = {_key(row, together): row for row in rows.filter(**{field.name: keep})}
    for row in rows.filter(**{field.name: duplicate}):
        twin = kept.get(_key(row, together)) if together else None
        if twin is None:
            setattr(row, field.name, keep)
            _save(row, reason)
            continue
        if hasattr(twin, "absorb"):
            twin.absorb(row)
        _delete(row, reason)
        _save(twin, reason)


def _unique_with(field) -> list[str]:
    """The other fields of the unique constraint `field` belongs to, if any."""
    for constraint in field.model._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and field.name in constraint.fields:
            return [name for name in constraint.fields if name != field.name]
    return []


def _key(row, names):
    return tuple(getattr(row, row._meta.get_field(name).attname) for name in names)
