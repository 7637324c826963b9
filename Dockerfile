# The papers-graph API, loader and site. Neo4j itself runs from the official image (docker-compose.yml).

# The site is built in a Node stage; only its built files go into the image.
FROM node:20-slim AS site
WORKDIR /build/site
COPY site/package.json site/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY site ./
# The queries are checked against the API's schema while building (site/codegen.ts).
COPY schema/schema.graphql /build/schema/schema.graphql
RUN npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md LICENSE ./
COPY server ./server
COPY schema ./schema
COPY loaders ./loaders
COPY graphdb ./graphdb
RUN pip install ".[parquet]" && useradd --create-home --uid 10001 papers \
    && mkdir /import && chown papers /import
# /import: the compose file's import volume (a new volume takes this folder's owner)
COPY samples ./samples
COPY --from=site /build/site/dist ./site/dist
# The package is installed, not run from a checkout: say where the built site is.
ENV PAPERS_GRAPH_SITE_DIR=/app/site/dist

USER papers
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["papers-graph", "serve", "--host", "0.0.0.0", "--port", "8000"]
