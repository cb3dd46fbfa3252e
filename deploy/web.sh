#!/bin/sh
# The web process: migrations (safe to run on every start), then gunicorn.
set -e
python manage.py migrate --no-input
exec gunicorn -c deploy/gunicorn.conf.py config.wsgi
