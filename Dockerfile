# syntax=docker/dockerfile:1
# The Unsilo service image: two Node stages that bundle GraphiQL's and the explorer page's assets
# from their lock files, a build stage that installs the package (those assets included) into a virtual environment and compiles
# the analysis kernels, and a runtime stage with only that environment, run as a non-root user.
# The Python stages start from the same base; every base is pinned by digest (a tag can be
# re-pushed, a digest cannot); docs/operations.md says how to move them to newer releases.
ARG PYTHON_BASE=python:3.11.11-slim-bookworm@sha256:081075da77b2b55c23c088251026fb69a7b2bf92471e491ff5fd75c192fd38e5
ARG NODE_BASE=node:20-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0

FROM ${NODE_BASE} AS graphiql
WORKDIR /src/frontend/graphiql
# Versions from the lock only (`npm ci`); npm's download cache stays outside the image.
COPY frontend/graphiql/package.json frontend/graphiql/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY frontend/graphiql/build.mjs ./
COPY frontend/graphiql/src ./src
# Writes /src/service/static/graphiql/graphiql.{js,css}, as `make graphiql` does.
RUN npm run build

FROM ${NODE_BASE} AS explorer
WORKDIR /src/frontend/explorer
COPY frontend/explorer/package.json frontend/explorer/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY frontend/explorer/build.mjs ./
COPY frontend/explorer/src ./src
# Writes /src/service/static/explorer/{index.html,explorer.js,explorer.css}, as `make explorer`.
RUN npm run build

FROM ${PYTHON_BASE} AS build
# Kernels are compiled for a generic x86-64 CPU, so the cache made here is valid on any node (for
# this machine's CPU they would be compiled again wherever the CPU differs); measured no slower.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NUMBA_CPU_NAME=generic \
    NUMBA_CACHE_DIR=/opt/unsilo/numba-cache
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml constraints.txt README.md ./
COPY graph_queries ./graph_queries
COPY schema ./schema
COPY service ./service
# Only the built files: nothing of Node or of the sources reaches the Python stages.
COPY --from=graphiql /src/service/static/graphiql ./service/static/graphiql
COPY --from=explorer /src/service/static/explorer ./service/static/explorer
# Versions from the lock; pip's download cache stays outside the image. The libraries' own test
# suites (74 MB of numpy, scipy, networkx, numba) are never imported by the service: dropped.
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --constraint constraints.txt . \
    && pip uninstall --yes pip \
    && find /opt/venv/lib -depth -type d -name tests -exec rm -rf {} + \
    && unsilo compile-kernels

FROM ${PYTHON_BASE} AS runtime
RUN groupadd --system --gid 10001 unsilo \
    && useradd --system --uid 10001 --gid unsilo --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin unsilo
COPY --from=build /opt/venv /opt/venv
# Owned by the service's user: numba uses a cache only where it may also write. Under a read-only
# root filesystem (k8s/), an init container copies it into the pod's writable /tmp instead.
COPY --from=build --chown=unsilo:unsilo /opt/unsilo/numba-cache /opt/unsilo/numba-cache
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NUMBA_CPU_NAME=generic \
    NUMBA_CACHE_DIR=/opt/unsilo/numba-cache \
    UNSILO_MODE=production \
    UNSILO_HOST=0.0.0.0 \
    UNSILO_PORT=8000 \
    UNSILO_STORE=sqlite:/var/lib/unsilo/unsilo.sqlite3
# The only other writable path: the embedded store's folder, for running the image without Neo4j.
RUN mkdir -p /var/lib/unsilo && chown unsilo:unsilo /var/lib/unsilo
VOLUME /var/lib/unsilo
WORKDIR /var/lib/unsilo
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# Workers, port and store come from UNSILO_* settings (README).
CMD ["unsilo", "serve"]
