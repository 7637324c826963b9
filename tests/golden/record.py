"""Records the golden answers: every corpus request over HTTP, its status and JSON body.

    PAPERS_GRAPH_TEST_NEO4J_URI=bolt://... python -m tests.golden.record

Run it only when an answer is changed on purpose (say why in the commit).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import httpx

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings
from tests.golden.archive import load_golden_archive
from tests.support.http import serve_in_thread

HERE = Path(__file__).parent


def send(base_url: str, entry: dict[str, Any]) -> httpx.Response:
    headers = {"x-request-id": "golden"}
    if entry["method"] == "GET":
        params = {"query": entry["query"]}
        if entry.get("variables"):
            params["variables"] = json.dumps(entry["variables"])
        return httpx.get(f"{base_url}/graphql", params=params, headers=headers, timeout=60)
    body = {
        "query": entry["query"],
        "variables": entry.get("variables"),
        "operationName": entry.get("operationName"),
    }
    return httpx.post(f"{base_url}/graphql", json=body, headers=headers, timeout=60)


def answer(response: httpx.Response) -> dict[str, Any]:
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    return {"status": response.status_code, "body": body}


def main() -> None:
    settings = Neo4jSettings(uri=os.environ["PAPERS_GRAPH_TEST_NEO4J_URI"])
    corpus = json.loads((HERE / "corpus.json").read_text())
    with open_sync_driver(settings) as driver, tempfile.TemporaryDirectory() as folder:
        load_golden_archive(driver, Path(folder))
        with serve_in_thread(settings) as server:
            answers = {entry["id"]: answer(send(server.base_url, entry)) for entry in corpus}
    (HERE / "answers.json").write_text(json.dumps(answers, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(answers)} answers")


if __name__ == "__main__":
    main()
