"""Gunicorn settings for Posko (optional alternative to `posko serve`; `pip install gunicorn`).

Run: gunicorn -c docs/deploy/gunicorn.conf.py posko.config.wsgi:application
"""

import multiprocessing

# Behind nginx on the same host: listen on loopback only.
bind = "127.0.0.1:8000"
# Threads suit Posko: requests wait on PostgreSQL and on fsync of evidence files.
worker_class = "gthread"
workers = max(2, multiprocessing.cpu_count())
threads = 8
# Uploads of evidence (up to POSKO_MAX_UPLOAD_MB) on slow phone links.
timeout = 120
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak cannot grow for days.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the local nginx.
forwarded_allow_ips = "127.0.0.1"
