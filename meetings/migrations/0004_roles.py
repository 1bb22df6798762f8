"""The publish permission, and the two editorial groups with their permissions.

editors create and change drafts; publishers may also publish, unpublish, schedule and delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ["people", "meetings", "indicators"]
# Models whose rows editors may delete: a meeting's own children and a person's positions.
EDITOR_DELETABLE = {
    "participation",
    "photo",
    "photoperson",
    "delegation",
    "reportedvalue",
    "position",
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; create them now.
    for label in [*APPS, "auth", "contenttypes"]:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label__in=APPS).exclude(
        content_type__model__startswith="historical"
    )
    editor_codenames = [
        p.codename
        for p in ours
        if p.codename.split("_", 1)[0] in {"view", "add", "change"}
        or (p.codename.startswith("delete_") and p.content_type.model in EDITOR_DELETABLE)
    ]
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.set(ours.filter(codename__in=editor_codenames).exclude(
        codename="publish_meeting"
    ))
    publishers, _ = Group.objects.get_or_create(name="publishers")
    publishers.permissions.set(ours)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["editors", "publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_history"),
        ("people", "0002_history"),
        ("indicators", "0003_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="meeting",
            options={
                "get_latest_by": "published_at",
                "ordering": ["-date", "-published_at", "-pk"],
                "permissions": [
                    ("publish_meeting", "Can publish, unpublish and schedule meetings")
                ],
                "verbose_name": "meeting",
                "verbose_name_plural": "meetings",
            },
        ),
        migrations.RunPython(create_groups, remove_groups),
    ]
