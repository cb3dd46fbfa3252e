"""The statistics of training as .xlsx (through the one formula-safe writer, core.spreadsheets)."""

from xaydungdang.core.spreadsheets import Workbook, xlsx_bytes
from xaydungdang.training.selectors import TrainingStats

HEADER = ["Loại lớp", "Kế hoạch (học viên)", "Học viên", "Hoàn thành", "Tỷ lệ hoàn thành (%)", "Giấy chứng nhận"]


def statistics_xlsx(stats: TrainingStats) -> bytes:
    def write(workbook: Workbook) -> None:
        sheet = workbook.sheet("Bồi dưỡng", widths=[48, 16, 12, 12, 18, 16])
        sheet.title(f"Kết quả bồi dưỡng, đào tạo năm {stats.year} — {stats.organization.name}", merge_to=5)
        sheet.blank()
        sheet.header(HEADER)
        for row in stats.rows:
            sheet.row([row.kind.name, row.planned, row.trainees, row.passed, row.completion, row.certificates])
        totals = stats.totals
        sheet.row(["Tổng cộng", totals.planned, totals.trainees, totals.passed, totals.completion, totals.certificates])
        sheet.blank()
        sheet.row(["Quần chúng ưu tú chưa có giấy chứng nhận lớp nhận thức về Đảng", stats.candidates_missing])
        sheet.row(["Đảng viên dự bị chưa học chương trình dành cho đảng viên mới", stats.probationary_missing])

    return xlsx_bytes(write)
