#!/bin/sh
# The background worker (django-q2, database broker: no Redis needed): large imports and exports.
# Jobs a killed worker left half-done are marked first, then the cluster starts.
set -e
python manage.py recover_jobs
exec python manage.py qcluster
