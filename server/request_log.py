"""The server's log: one line per request, and JSON lines when asked.

A request's line holds its id, method, status, duration, operation name and the codes of its
errors; a client's mistake is only that line (no traceback: nothing went wrong in the
server). Outages are logged by the lane when they start and end; tracebacks are kept for
the unexpected.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson

from schema.lane.run import Answer

requests_log = logging.getLogger("papers_graph.requests")

# The fields a request's line carries, as `extra` of its record (for the JSON formatter).
_FIELDS = ("request_id", "method", "status", "ms", "operation", "codes")


def log_request(request_id: str, method: str, status: int, seconds: float,
                answer: Answer | None) -> None:  # fmt: skip
    if not requests_log.isEnabledFor(logging.INFO):
        return
    codes = sorted(
        {str((e.get("extensions") or {}).get("code")) for e in (answer.body.get("errors") or [])}
        if answer is not None
        else set()
    )
    operation = answer.operation if answer is not None else None
    ms = round(seconds * 1000, 1)
    requests_log.info(
        "%s %s %d %.1fms %s%s", request_id, method, status, ms, operation or "-",
        f" errors={','.join(codes)}" if codes else "",
        extra={"request_id": request_id, "method": method, "status": status, "ms": ms,
               "operation": operation, "codes": codes},
    )  # fmt: skip


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message, the request's fields when
    it is a request's line, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in _FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


def configure_logging(level: str, json_lines: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLines()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
