"""Adds the demo archive's real records beyond the four first papers (run once; kept to show
where every record comes from):

- BERT and five real graph-learning papers (title, authors, arXiv id, date, first sentence of the
  abstract): their rows already stand on the real leaderboards of
  real-ogb-, real-squad- and real-record-evaluation-tables (paperswithcode/sota-extractor), which join them on their arXiv ids;
- the official repositories of the real papers, in real-links-between-papers-and-code;
- reported-evaluation-tables: results the Transformer and ResNet papers report in their own
  tables (BLEU on WMT 2014, error on CIFAR-10), in the archive's format.

    python samples/scripts/add_real_records.py
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

DEMO = Path(__file__).resolve().parent.parent / "demo"
PWC = "https://paperswithcode.com/paper/"


def method(
    name: str, full_name: str, description: str, year: int, area: str, collection: str
) -> dict[str, Any]:
    return {"name": name, "full_name": full_name, "description": description, "introduced_year": year,
            "source_url": None, "source_title": None, "code_snippet_url": None,
            "main_collection": {"name": collection, "description": "", "parent": None, "area": area}}  # fmt: skip


def paper(slug: str, arxiv: str, title: str, abstract: str, authors: list[str], tasks: list[str],
          date: str, proceeding: str | None, methods: list[dict[str, Any]]) -> dict[str, Any]:  # fmt: skip
    return {"paper_url": PWC + slug, "arxiv_id": arxiv, "nips_id": None, "openreview_id": None,
            "title": title, "abstract": abstract, "short_abstract": None,
            "url_abs": f"http://arxiv.org/abs/{arxiv}", "url_pdf": f"http://arxiv.org/pdf/{arxiv}.pdf",
            "proceeding": proceeding, "authors": authors, "tasks": tasks, "date": date,
            "conference_url_abs": None, "conference_url_pdf": None, "conference": None,
            "reproduces_paper": None, "methods": methods}  # fmt: skip


GRAPHS = "Graphs"
PAPERS = [
    paper("semi-supervised-classification-with-graph", "1609.02907",
          "Semi-Supervised Classification with Graph Convolutional Networks",
          "We present a scalable approach for semi-supervised learning on graph-structured data that is "
          "based on an efficient variant of convolutional neural networks which operate directly on graphs.",
          ["Thomas N. Kipf", "Max Welling"],
          ["Node Classification", "Node Property Prediction", "Link Property Prediction", "Graph Property Prediction"],
          "2016-09-09", "ICLR 2017 4",
          [method("GCN", "Graph Convolutional Network", "A graph convolution of first-order neighbourhoods.", 2016, GRAPHS, "Graph Models")]),
    paper("inductive-representation-learning-on-large", "1706.02216",
          "Inductive Representation Learning on Large Graphs",
          "Low-dimensional embeddings of nodes in large graphs have proved extremely useful in a variety of "
          "prediction tasks, from content recommendation to identifying protein functions.",
          ["William L. Hamilton", "Rex Ying", "Jure Leskovec"],
          ["Node Classification", "Node Property Prediction", "Link Property Prediction"],
          "2017-06-07", "NeurIPS 2017 12",
          [method("GraphSAGE", "GraphSAGE", "Samples and aggregates features from a node's neighbourhood.", 2017, GRAPHS, "Graph Models")]),
    paper("how-powerful-are-graph-neural-networks", "1810.00826",
          "How Powerful are Graph Neural Networks?",
          "Graph Neural Networks (GNNs) are an effective framework for representation learning of graphs.",
          ["Keyulu Xu", "Weihua Hu", "Jure Leskovec", "Stefanie Jegelka"],
          ["Graph Classification", "Graph Property Prediction"],
          "2018-10-01", "ICLR 2019 5",
          [method("GIN", "Graph Isomorphism Network", "A graph network as discriminative as the Weisfeiler-Lehman test.", 2018, GRAPHS, "Graph Models")]),
    paper("node2vec-scalable-feature-learning-for", "1607.00653",
          "node2vec: Scalable Feature Learning for Networks",
          "Prediction tasks over nodes and edges in networks require careful effort in engineering features "
          "used by learning algorithms.",
          ["Aditya Grover", "Jure Leskovec"],
          ["Node Classification", "Link Prediction", "Node Property Prediction", "Link Property Prediction"],
          "2016-07-03", None,
          [method("node2vec", "node2vec", "Node embeddings from biased random walks.", 2016, GRAPHS, "Graph Embeddings")]),
    paper("deepwalk-online-learning-of-social", "1403.6652",
          "DeepWalk: Online Learning of Social Representations",
          "We present DeepWalk, a novel approach for learning latent representations of vertices in a network.",
          ["Bryan Perozzi", "Rami Al-Rfou", "Steven Skiena"],
          ["Node Classification", "Link Prediction", "Link Property Prediction"],
          "2014-03-26", None,
          [method("DeepWalk", "DeepWalk", "Node embeddings from truncated random walks.", 2014, GRAPHS, "Graph Embeddings")]),
]  # fmt: skip

# (paper slug, title, arXiv id, official repository, framework)
CODE = [
    ("attention-is-all-you-need", "Attention Is All You Need", "1706.03762", "https://github.com/tensorflow/tensor2tensor", "tf"),
    ("deep-residual-learning-for-image-recognition", "Deep Residual Learning for Image Recognition", "1512.03385", "https://github.com/KaimingHe/deep-residual-networks", "none"),
    ("bert-pre-training-of-deep-bidirectional", "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding", "1810.04805", "https://github.com/google-research/bert", "tf"),
    ("semi-supervised-classification-with-graph", "Semi-Supervised Classification with Graph Convolutional Networks", "1609.02907", "https://github.com/tkipf/gcn", "tf"),
    ("inductive-representation-learning-on-large", "Inductive Representation Learning on Large Graphs", "1706.02216", "https://github.com/williamleif/GraphSAGE", "tf"),
    ("how-powerful-are-graph-neural-networks", "How Powerful are Graph Neural Networks?", "1810.00826", "https://github.com/weihua916/powerful-gnns", "pytorch"),
    ("node2vec-scalable-feature-learning-for", "node2vec: Scalable Feature Learning for Networks", "1607.00653", "https://github.com/aditya-grover/node2vec", "none"),
    ("deepwalk-online-learning-of-social", "DeepWalk: Online Learning of Social Representations", "1403.6652", "https://github.com/phanein/deepwalk", "none"),
]  # fmt: skip


def code_link(slug: str, title: str, arxiv: str, repo: str, framework: str) -> dict[str, Any]:
    return {"paper_url": PWC + slug, "paper_title": title, "paper_arxiv_id": arxiv,
            "paper_url_abs": f"https://arxiv.org/abs/{arxiv}", "paper_url_pdf": f"https://arxiv.org/pdf/{arxiv}.pdf",
            "repo_url": repo, "is_official": True, "mentioned_in_paper": True, "mentioned_in_github": True,
            "framework": framework}  # fmt: skip


def row(model: str, metrics: dict[str, str], arxiv: str, date: str, repo: str) -> dict[str, Any]:
    return {"model_name": model, "metrics": metrics, "paper_url": f"https://arxiv.org/abs/{arxiv}",
            "paper_title": "", "paper_date": date, "uses_additional_data": False,
            "code_links": [{"title": "", "url": repo}], "model_links": []}  # fmt: skip


def board(dataset: str, metrics: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"dataset": dataset, "dataset_citations": [], "dataset_links": [], "description": "",
            "sota": {"metrics": metrics, "rows": rows}, "subdatasets": []}  # fmt: skip


def task(name: str, categories: list[str], boards: list[dict[str, Any]]) -> dict[str, Any]:
    return {"task": name, "categories": categories, "description": "", "source_link": None,
            "synonyms": [], "subtasks": [], "datasets": boards}  # fmt: skip


T2T = "https://github.com/tensorflow/tensor2tensor"
RESNET = "https://github.com/KaimingHe/deep-residual-networks"
# As the papers report them: Vaswani et al. 2017, table 2 (big model); He et al. 2015, table 6.
REPORTED = [
    task("Machine Translation", ["Natural Language Processing"], [
        board("WMT2014 English-German", ["BLEU score"], [row("Transformer (big)", {"BLEU score": "28.4"}, "1706.03762", "2017-06-12", T2T)]),
        board("WMT2014 English-French", ["BLEU score"], [row("Transformer (big)", {"BLEU score": "41.8"}, "1706.03762", "2017-06-12", T2T)]),
    ]),
    task("Image Classification", ["Computer Vision"], [
        board("CIFAR-10", ["Percentage error"], [row("ResNet-110", {"Percentage error": "6.43"}, "1512.03385", "2015-12-10", RESNET)]),
    ]),
]  # fmt: skip


def read(name: str) -> Any:
    with gzip.open(DEMO / name, "rt", encoding="utf-8") as f:
        return json.load(f)


def write(name: str, records: list[dict[str, Any]]) -> None:
    # mtime 0: the same records give the same bytes
    with gzip.GzipFile(DEMO / name, "wb", mtime=0) as f:
        f.write(json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8"))


def bert(attention: dict[str, Any]) -> dict[str, Any]:
    # Its rows stand on the real SQuAD1.1 and ReCoRD tables; it shares the Transformer's method.
    return paper("bert-pre-training-of-deep-bidirectional", "1810.04805",
                 "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
                 "We introduce a new language representation model called BERT, which stands for "
                 "Bidirectional Encoder Representations from Transformers.",
                 ["Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"],
                 ["Question Answering", "Common Sense Reasoning", "Natural Language Inference"],
                 "2018-10-11", "NAACL 2019 6", attention["methods"])  # fmt: skip


def main() -> None:
    first = read("real-papers-with-abstracts.json.gz")
    attention = next(p for p in first if p["arxiv_id"] == "1706.03762")
    added = [bert(attention), *PAPERS]
    ours = {p["paper_url"] for p in added}
    # rerunnable: the records it added before are replaced, in the same order
    papers = [p for p in first if p["paper_url"] not in ours] + added
    write("real-papers-with-abstracts.json.gz", papers)
    write("real-links-between-papers-and-code.json.gz", [code_link(*c) for c in CODE])
    write("reported-evaluation-tables.json.gz", REPORTED)


if __name__ == "__main__":
    main()
