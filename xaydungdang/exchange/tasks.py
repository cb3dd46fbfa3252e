"""Background jobs of the exchange (django-q2): large imports and exports, with their progress on their row."""

from xaydungdang.exchange.services import import_batch_run


def run_batch(batch_id: int, commit: bool) -> str:
    batch = import_batch_run(batch_id=batch_id, commit=commit, claimed=False)
    return batch.status if batch else "taken"


def run_export(job_id: int) -> str:
    from xaydungdang.exchange.exports_jobs import export_job_run

    job = export_job_run(job_id=job_id, claimed=False)
    return job.status if job else "taken"
