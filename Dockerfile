# dondoc in a container: slim, non-root, installed exactly as `make install` does.
# CI does not build this image (no Docker engine there); tests/unit/ops/test_deploy_files.py only
# checks that it names a non-root USER and the same install command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY db ./db
COPY handlers ./handlers
COPY scheduler ./scheduler
COPY examples ./examples
RUN pip install --quiet --upgrade pip && pip install --quiet -e '.[dev]'

RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin dondoc \
    && mkdir -p /data /backups \
    && chown dondoc /data /backups
USER dondoc
WORKDIR /data

ENV DATABASE_URL=sqlite:////data/dondoc.db \
    DONDOC_HEALTH_LISTEN=0.0.0.0:9090 \
    DONDOC_WEBHOOK_LISTEN=0.0.0.0:8443 \
    DONDOC_LOG_FORMAT=json
EXPOSE 9090 8443
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=3)"

ENTRYPOINT ["dondoc"]
CMD ["run"]
