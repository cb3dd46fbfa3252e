"""How `verify` words one difference between a stored rollup row and the raw rows (both engines)."""

import datetime as dt

TABLES = {"day": "ngày", "month": "tháng", "year": "năm"}


def difference_line(table: str, organization_id: int, day: dt.date, dimension: str, bucket: str, stored, expected):
    return (
        f"[{TABLES[table]}] tổ chức {organization_id}, {day:%d/%m/%Y}, {dimension}/{bucket or '-'}: "
        f"đang lưu {stored}, tính lại từ dữ liệu gốc {expected}"
    )
