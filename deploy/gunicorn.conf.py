"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`. Every value can be set from the
environment (the names in capitals), so the Compose file and a systemd unit share this file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: the pages are short database reads; long imports and exports go to the django-q2 worker.
# (2 × cores) + 1 is gunicorn's advice; WEB_CONCURRENCY overrides it (e.g. on a shared machine).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A request still running after this is killed and logged (the largest synchronous export stays far below).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (memory of large spreadsheets), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The proxy in front (deploy/nginx.conf) sets X-Forwarded-Proto; trust it only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# Read the request body in the worker only after nginx buffered it (client_max_body_size there).
limit_request_line = 8190
preload_app = False
