"""Give the history entries recorded before contexts existed their subject, plan and group, so the
history of a plan or a group lists them too. Entries of rows since deleted keep their subject only."""

from django.db import migrations

# How each planning model reaches its plan and its group (None: it has no such link).
PATHS = {
    "priority": ("plan_id", None),
    "goal": ("plan_id", "group_id"),
    "measure": ("plan_id", "group_id"),
    "activity": ("measure__plan_id", "measure__group_id"),
    "swotitem": ("plan_id", "group_id"),
    "planversion": ("plan_id", None),
    "commentround": ("plan_id", None),
    "comment": ("round__plan_id", "group_id"),
    "suggestion": (None, "group_id"),
}


def backfill(apps, schema_editor):
    ActionLog = apps.get_model("kpss", "ActionLog")
    ActionLogContext = apps.get_model("kpss", "ActionLogContext")
    ContentType = apps.get_model("contenttypes", "ContentType")
    plan_type, _ = ContentType.objects.get_or_create(app_label="planning", model="plan")
    group_type, _ = ContentType.objects.get_or_create(app_label="groups", model="group")
    round_type, _ = ContentType.objects.get_or_create(app_label="planning", model="commentround")
    contexts = []
    for content_type in ContentType.objects.filter(pk__in=ActionLog.objects.values("content_type")):
        entries = list(ActionLog.objects.filter(content_type=content_type).values_list("pk", "object_id"))
        contexts += [ActionLogContext(entry_id=pk, content_type=content_type, object_id=object_id)
                     for pk, object_id in entries]
        if content_type.app_label != "planning" or content_type.model not in PATHS:
            continue
        plan_path, group_path = PATHS[content_type.model]
        model = apps.get_model("planning", content_type.model)
        fields = ["pk", plan_path or "pk", group_path or "pk"]
        if content_type.model == "comment":
            fields.append("round_id")
        links = {row[0]: row for row in model.objects.filter(pk__in=[o for _, o in entries]).values_list(*fields)}
        for pk, object_id in entries:
            row = links.get(object_id)
            if row is None:
                continue
            if plan_path and row[1]:
                contexts.append(ActionLogContext(entry_id=pk, content_type=plan_type, object_id=row[1]))
            if group_path and row[2]:
                contexts.append(ActionLogContext(entry_id=pk, content_type=group_type, object_id=row[2]))
            if content_type.model == "comment":
                contexts.append(ActionLogContext(entry_id=pk, content_type=round_type, object_id=row[3]))
    ActionLogContext.objects.bulk_create(contexts, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("groups", "0002_initial"),
        ("kpss", "0006_action_log_contexts"),
        ("planning", "0003_comment_rounds"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
