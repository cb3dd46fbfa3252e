"""The certificate source the lifecycle asks through `members.certificates` (registered in ready())."""

from xaydungdang.members.certificates import CertificateInfo
from xaydungdang.training.choices import Purpose
from xaydungdang.training.models import Certificate


def _info(certificate: Certificate | None) -> CertificateInfo | None:
    if certificate is None:
        return None
    return CertificateInfo(certificate.number, certificate.issued_on, certificate.issued_by)


class TrainingCertificates:
    def awareness_certificate(self, *, candidate_id: int) -> CertificateInfo | None:
        rows = Certificate.objects.filter(course_kind__purpose=Purpose.AWARENESS, candidate_id=candidate_id)
        return _info(rows.order_by("-issued_on", "-id").first())

    def new_member_certificate(self, *, member_id: int) -> CertificateInfo | None:
        rows = Certificate.objects.filter(course_kind__purpose=Purpose.NEW_MEMBER, member_id=member_id)
        return _info(rows.order_by("-issued_on", "-id").first())


SOURCE = TrainingCertificates()
