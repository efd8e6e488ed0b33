"""Every member so far had a portal account: give each account its person, and each seat that person."""

from django.db import migrations


def people_from_accounts(apps, schema_editor):
    Membership = apps.get_model("groups", "Membership")
    Person = apps.get_model("groups", "Person")
    for membership in Membership.objects.select_related("user").filter(person__isnull=True):
        user = membership.user
        person, _created = Person.objects.get_or_create(user=user, defaults={
            "name": f"{user.first_name} {user.last_name}".strip() or user.username, "email": user.email,
        })
        membership.person = person
        membership.save(update_fields=["person"])


class Migration(migrations.Migration):

    dependencies = [("groups", "0004_people_meetings_minutes_targets")]

    operations = [migrations.RunPython(people_from_accounts, migrations.RunPython.noop)]
