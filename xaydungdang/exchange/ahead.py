"""A file's chunks read in a thread of their own, ahead of the import that checks and writes them (no query).

The import waits for PostgreSQL most of a chunk's time (its COPY, its look-ups), and inflating and reading the
workbook (zlib, calamine) partly runs without the GIL: reading the next chunk meanwhile overlaps the two. The
reader never touches the database: the one call of its that does (the sheet's `known`, which looks the raw
rows up) is sent to the consuming thread and run there, at the very point the reader would have run it had
it not been ahead (when the consumer asks for the chunk that needs it), so that the import's state changes in
the same order as without a thread. Errors of the reader are raised in the consumer, where it asks for the
chunk the error stopped.
"""

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

from django.utils import translation

T = TypeVar("T")
_ITEM, _CALL, _ERROR, _END = range(4)


class _Stopped(Exception):
    """The consumer has gone: the reader stops where it is."""


def read_ahead(items: Iterator[T], *, routed: object = None, attribute: str = "known") -> Iterator[T]:
    """`items`, produced in a thread up to two ahead. `getattr(routed, attribute)`, when set once the
    consumer asks for the first item, is called by the reader but run in the consumer's thread."""
    channel: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()
    language = translation.get_language()
    original = getattr(routed, attribute, None) if routed is not None else None

    def call(*args):
        reply: queue.SimpleQueue = queue.SimpleQueue()
        channel.put((_CALL, (original, args, reply)))
        done, value = reply.get()
        if not done:
            raise _Stopped
        return value

    def produce() -> None:
        try:
            with translation.override(language):
                for item in items:
                    channel.put((_ITEM, item))
                    if stop.is_set():
                        return
            channel.put((_END, None))
        except _Stopped:
            return
        except BaseException as exc:  # noqa: BLE001 - raised again in the consumer
            channel.put((_ERROR, exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    if original is not None:
        setattr(routed, attribute, call)
    reader = threading.Thread(target=produce, name="import-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            kind, payload = channel.get()
            if kind == _ITEM:
                yield payload
            elif kind == _CALL:
                function, args, reply = payload
                try:
                    value = function(*args)
                except BaseException:
                    reply.put((False, None))
                    raise
                reply.put((True, value))
            elif kind == _ERROR:
                raise payload
            else:
                return
    finally:
        _drain(stop, channel, reader)
        if original is not None:
            setattr(routed, attribute, original)


def _drain(stop: threading.Event, channel: queue.Queue, reader: threading.Thread) -> None:
    """Let a reader that is still running (the consumer stopped early) finish: take what it puts, refuse its
    calls, until it ends."""
    stop.set()
    while reader.is_alive():
        try:
            kind, payload = channel.get(timeout=0.05)
        except queue.Empty:
            continue
        if kind == _CALL:
            payload[2].put((False, None))
    reader.join()
