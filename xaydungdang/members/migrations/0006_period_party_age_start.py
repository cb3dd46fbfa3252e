from itertools import groupby

from django.db import migrations, models

BATCH = 2000


def fill_party_age_start(apps, schema_editor):
    """Cache the lifecycle rule's base of party age on the existing periods (replay does it from now on).

    The rule is imported (a pure function of the events) so that the backfill cannot disagree with it.
    After this migration, `manage.py rebuild_rollups` brings the stored statistics to the rule.
    """
    from xaydungdang.members.lifecycle.rules import interval_on, party_intervals

    Event = apps.get_model("members", "MembershipEvent")
    Period = apps.get_model("members", "MembershipPeriod")
    events = (
        Event.objects.order_by("member_id", "effective_date", "id")
        .only("member_id", "kind", "effective_date", "decision_date")
        .iterator(chunk_size=BATCH)
    )
    changed = []
    for member_id, member_events in groupby(events, key=lambda event: event.member_id):
        intervals = party_intervals(list(member_events))
        for period in Period.objects.filter(member_id=member_id).only("id", "valid_from"):
            interval = interval_on(intervals, period.valid_from)
            period.party_age_start = interval.base if interval else None
            changed.append(period)
        if len(changed) >= BATCH:
            Period.objects.bulk_update(changed, ["party_age_start"])
            changed = []
    Period.objects.bulk_update(changed, ["party_age_start"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_vietnamese_name_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="membershipperiod",
            name="party_age_start",
            field=models.DateField(blank=True, null=True, verbose_name="tuổi đảng tính từ ngày"),
        ),
        migrations.RunPython(fill_party_age_start, migrations.RunPython.noop),
    ]
