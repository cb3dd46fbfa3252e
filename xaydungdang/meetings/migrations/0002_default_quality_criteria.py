"""The default criteria of the self-assessment of a meeting's quality, as data with their source.

HD 12-HD/BTCTW (2018) on assessing cell meetings, and CT 50-CT/TW / HD 42-HD/BTCTW (2025) were not captured
in full (rules.md §2.9 [GAP]); the criteria below follow the parts of a meeting the guides name (preparation,
conduct, content, results) and are [INFERRED]: a deployment replaces them (new rows with `valid_from`)."""

import datetime as dt

from django.db import migrations

SOURCE = "HD 09-HD/BTCTW (02/3/2012); HD 12-HD/BTCTW (2018) [GAP: văn bản chưa thu thập]; CT 50-CT/TW (2025) [INFERRED]"
DEFAULTS = [
    ("prepare", "Chi ủy chuẩn bị nội dung, thông báo thời gian, địa điểm trước buổi sinh hoạt", 10),
    ("on_time", "Sinh hoạt đúng kỳ, đúng thời gian đã thông báo", 10),
    ("attendance", "Đảng viên dự đạt từ 90% trở lên số phải dự; vắng mặt đều có lý do", 15),
    ("procedure", "Thực hiện đúng trình tự: thu đảng phí, tình hình đảng viên, thông qua chương trình", 10),
    ("content", "Nội dung sát tình hình, kiểm điểm nhiệm vụ tháng trước và đề ra nhiệm vụ tháng tới cụ thể", 20),
    ("democracy", "Phát huy dân chủ, đảng viên phát biểu ý kiến, tự phê bình và phê bình", 15),
    ("conclusion", "Chủ trì kết luận rõ, giao nhiệm vụ có người thực hiện và thời hạn", 10),
    ("minutes", "Biên bản ghi đầy đủ, đúng quy định", 10),
]


def add_defaults(apps, schema_editor):
    criterion = apps.get_model("meetings", "QualityCriterion")
    for position, (code, text, points) in enumerate(DEFAULTS, start=1):
        criterion.objects.get_or_create(
            code=code,
            defaults={"text": text, "points": points, "position": position, "source": SOURCE,
                      "valid_from": dt.date(2012, 3, 2)},
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
