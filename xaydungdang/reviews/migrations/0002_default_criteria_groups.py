"""The default criteria groups of the 100-point scale (QĐ 366-QĐ/TW 2025, appendices): a common group of
30 points and a group on the results of assigned tasks of 70 points, for collectives and for individuals.
Deployments edit these rows; the migration only adds what is missing."""

from django.db import migrations

BASIS = "QĐ 366-QĐ/TW 30/8/2025, phụ lục khung tiêu chí (nhóm chung 30 điểm, kết quả nhiệm vụ 70 điểm)"
DEFAULTS = [
    ("member", "general", "Tiêu chí chung: chính trị, đạo đức, lối sống, nêu gương, tự phê bình", 30, 1),
    ("member", "results", "Kết quả thực hiện chức trách, nhiệm vụ được giao", 70, 2),
    ("organization", "general", "Tiêu chí chung: xây dựng Đảng, đoàn kết, lãnh đạo, kiểm tra, giám sát", 30, 1),
    ("organization", "results", "Kết quả thực hiện nhiệm vụ chính trị được giao", 70, 2),
]


def load(apps, schema_editor):
    CriteriaGroup = apps.get_model("reviews", "CriteriaGroup")
    for subject, code, name, points, position in DEFAULTS:
        CriteriaGroup.objects.get_or_create(
            subject=subject,
            code=code,
            defaults={"name": name, "max_points": points, "position": position, "legal_basis": BASIS},
        )


def unload(apps, schema_editor):
    CriteriaGroup = apps.get_model("reviews", "CriteriaGroup")
    for subject, code, *_ in DEFAULTS:
        CriteriaGroup.objects.filter(subject=subject, code=code).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
