# The papers-graph API and loader. Neo4j itself runs from the official image (docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md LICENSE ./
COPY server ./server
COPY schema ./schema
COPY loaders ./loaders
COPY graphdb ./graphdb
RUN pip install ".[parquet]" && useradd --create-home --uid 10001 papers
COPY samples ./samples

USER papers
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["papers-graph", "serve", "--host", "0.0.0.0", "--port", "8000"]
