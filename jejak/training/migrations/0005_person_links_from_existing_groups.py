"""Data: the person groups linked before `PersonLink` existed get their `same` rows.

Records sharing a `person_key` were linked by an officer's confirmation (the audit trail holds
an `alumnus.person_linked` event per record). Each confirmed pair found in the trail becomes a
`same` row owned by the organisation whose officer confirmed it; a record of a group that the
trail does not connect (loaded without the trail, e.g. the demo) is joined to the group's
first BLK record, so no existing group changes.
"""

from django.db import migrations
from django.utils import timezone

TRAINING_CENTRE = "blk"


def _groups(Alumnus):
    groups = {}
    rows = Alumnus.objects.exclude(person_key="").values_list(
        "pk", "person_key", "code", "organisation_id", "organisation__kind"
    )
    for pk, key, code, org, kind in rows.order_by("pk"):
        groups.setdefault(key, []).append((pk, code, org, kind))
    return groups


def forward(apps, schema_editor):
    Alumnus = apps.get_model("alumni", "Alumnus")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    Organisation = apps.get_model("organisations", "Organisation")
    PersonLink = apps.get_model("training", "PersonLink")
    now = timezone.now()
    for members in _groups(Alumnus).values():
        if len(members) < 2:
            continue
        by_code = {code: (pk, org) for pk, code, org, _ in members}
        edges = {}
        events = AuditEvent.objects.filter(
            action="alumnus.person_linked", object_type="alumnus", object_code__in=list(by_code)
        ).order_by("created_at", "id")
        for event in events:
            other = (event.changes or {}).get("linked_to")
            if other not in by_code or other == event.object_code:
                continue
            pair = frozenset((by_code[event.object_code][0], by_code[other][0]))
            # The first event of a pair names the BLK record (person_link logs it first).
            edges.setdefault(pair, (event.object_code, other, event.actor_id, event.created_at))
        blks = [m for m in members if m[3] == TRAINING_CENTRE] or members
        hub_pk, hub_code = blks[0][0], blks[0][1]
        connected = _connected(hub_pk, edges)
        for pk, code, _, _ in members:
            if pk not in connected:
                edges[frozenset((hub_pk, pk))] = (hub_code, code, None, now)
                connected |= _connected(pk, edges)
        for first, second, actor, at in edges.values():
            org = Organisation.objects.get(pk=by_code[first][1])
            PersonLink.objects.create(
                organisation=org, province_code=org.province_code,
                alumnus_id=by_code[first][0], other_id=by_code[second][0], answer="same",
                decided_by_id=actor, decided_at=at,
            )  # fmt: skip


def _connected(start, edges):
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for pair in edges:
            if node in pair:
                for other in pair - seen:
                    seen.add(other)
                    todo.append(other)
    return seen


def backward(apps, schema_editor):
    apps.get_model("training", "PersonLink").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("training", "0004_person_link_and_network_joined_by"),
    ]

    operations = [migrations.RunPython(forward, backward)]
