# The Unsilo service. Base image pinned to a patch release; the service runs as a non-root user.
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 unsilo \
    && useradd --system --uid 10001 --gid unsilo --home-dir /app --shell /usr/sbin/nologin unsilo

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY graph_queries ./graph_queries
COPY schema ./schema
COPY service ./service
RUN pip install -c constraints.txt . && mkdir -p /app/data && chown unsilo:unsilo /app/data
# Compile the analyses' numba kernels now (one analysis of 600 leaders reaches every one): the
# machine code is cached beside the installed modules, where the service's user cannot write.
RUN python -c "from graph_queries.analyses.execution import execution_report; \
from graph_queries.generator import generate_organization; \
from graph_queries.graphs import build_graphs; import datetime; \
execution_report(build_graphs(generate_organization(leaders=600)), datetime.date(2026, 1, 1))"

USER unsilo
ENV UNSILO_MODE=production \
    UNSILO_HOST=0.0.0.0 \
    UNSILO_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["unsilo", "serve"]
