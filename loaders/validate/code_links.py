"""links-between-papers-and-code records into (paper, repository) link rows."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from graphdb.identifiers import normalize_arxiv_id, title_key
from loaders.validate.fields import (
    Reject,
    optional_bool,
    optional_str,
    require_object,
    required_str,
)
from loaders.validate.refs import pwc_paper_slug


def repository_owner_and_name(url: str) -> tuple[str | None, str | None]:
    """github.com/<owner>/<name> (and the same shape on GitLab and Bitbucket)."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    owner = parts[0] if parts else None
    name = parts[1].removesuffix(".git") if len(parts) > 1 else None
    return owner, name


def code_link_row(record: Any) -> dict[str, Any]:
    record = require_object(record)
    paper_url = required_str(record, "paper_url")
    slug = pwc_paper_slug(paper_url)
    if slug is None:
        raise Reject(f"paper_url {paper_url!r} is not a Papers With Code paper URL")
    repo_url = required_str(record, "repo_url").rstrip("/")
    if not repo_url.startswith(("http://", "https://")):
        raise Reject(f"repo_url {repo_url!r} is not an http(s) URL")
    owner, name = repository_owner_and_name(repo_url)
    framework = optional_str(record, "framework")
    title = optional_str(record, "paper_title")
    return {
        "slug": slug,
        "paper": {
            "title": title or slug,
            "titleKey": title_key(title),
            "arxivId": normalize_arxiv_id(optional_str(record, "paper_arxiv_id")),
            "urlAbs": optional_str(record, "paper_url_abs"),
            "urlPdf": optional_str(record, "paper_url_pdf"),
            "pwcUrl": paper_url,
        },
        "url": repo_url,
        "repo": {
            "owner": owner,
            "name": name,
            "framework": framework if framework and framework != "none" else None,
        },
        "link": {
            "official": optional_bool(record, "is_official"),
            "mentionedInPaper": optional_bool(record, "mentioned_in_paper"),
            "mentionedInGithub": optional_bool(record, "mentioned_in_github"),
        },
    }
