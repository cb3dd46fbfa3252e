"""PDF from a generated .docx: LibreOffice headless (`soffice`) in a temporary folder with its own profile.

Every document and report the system writes as .docx can be had as PDF through `docx_to_pdf`; views answer
`?format=pdf` with `pdf_response` (or a Vietnamese message when LibreOffice is not installed on the server).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

TIMEOUT_SECONDS = 120
PDF_UNAVAILABLE = _(
    "Máy chủ chưa cài LibreOffice nên chưa tạo được tệp PDF; hãy tải bản Word (.docx) hoặc báo quản trị hệ thống "
    "cài gói libreoffice-writer-nogui."
)
PDF_FAILED = _("Không chuyển được văn bản sang PDF; hãy tải bản Word (.docx).")


class PdfUnavailable(Exception):
    """LibreOffice is missing or failed; the message is for the user."""


def soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return "/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None


def docx_to_pdf(content: bytes, stem: str = "van-ban") -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable(str(PDF_UNAVAILABLE))
    with tempfile.TemporaryDirectory(prefix="xyd-pdf-") as folder:
        base = Path(folder)
        source = base / f"{stem}.docx"
        source.write_bytes(content)
        profile = (base / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(base),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS, env={**os.environ, "HOME": folder}
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(str(PDF_FAILED)) from error
        target = base / f"{stem}.pdf"
        if not target.exists():
            raise PdfUnavailable(str(PDF_FAILED))
        return target.read_bytes()


def wants_pdf(request) -> bool:
    from xaydungdang.core.querystring import query_text

    return query_text(request, "format") == "pdf"


def document_response(request, content: bytes, filename: str) -> HttpResponse:
    """The .docx as it is, or as PDF when the request asks `?format=pdf` (409 with the message if impossible)."""
    if not wants_pdf(request):
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    stem = filename.rsplit(".", 1)[0]
    try:
        pdf = docx_to_pdf(content)
    except PdfUnavailable as error:
        return HttpResponse(str(error), status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    return response
