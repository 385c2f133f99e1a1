# SIKHI image: the same image runs the web processes (daphne), the worker and the one-off migrate job.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=sikhi.settings.production \
    SIKHI_PRIVATE_MEDIA_ROOT=/data/private

WORKDIR /app

# psycopg[binary] brings its own libpq, so no system packages are needed.
COPY . .
RUN pip install . \
    && groupadd --system --gid 10001 sikhi \
    && useradd --system --uid 10001 --gid sikhi --home-dir /app --no-create-home sikhi

# Static files are collected into the image (served by WhiteNoise, or by a proxy from a copy of
# /app/staticfiles). Production settings need a secret to load: a throw-away one, only for this step.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-real-secret DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && rm -rf /app/var \
    && mkdir -p /app/var /data/private \
    && chown -R sikhi:sikhi /app/var /data

USER sikhi
EXPOSE 8000
# No --proxy-headers: the client address comes from DJANGO_TRUSTED_PROXY_COUNT (README.md, "Client address").
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "sikhi.asgi:application"]
