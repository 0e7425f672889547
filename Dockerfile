# The API image; Neo4j runs as its own service (docker-compose.yml).
FROM python:3.11-slim
ENV UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/app/.venv PATH=/app/.venv/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY src ./src
COPY cypher ./cypher
RUN uv sync --locked --no-dev
# GraphiQL's and the API docs' pinned files (npm pack, sha512-checked); npm leaves with its layer.
RUN apt-get update && apt-get install -y --no-install-recommends npm \
    && lineage web-assets \
    && apt-get purge -y --auto-remove npm && rm -rf /var/lib/apt/lists/* /root/.npm
COPY assets ./assets
EXPOSE 8000
CMD ["lineage", "serve", "--host", "0.0.0.0", "--port", "8000"]
