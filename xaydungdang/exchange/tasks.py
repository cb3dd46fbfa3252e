"""Background jobs of the exchange (django-q2): large imports, with their progress on the batch."""

from xaydungdang.exchange.services import import_batch_run


def run_batch(batch_id: int, commit: bool) -> str:
    batch = import_batch_run(batch_id=batch_id, commit=commit)
    return batch.status
